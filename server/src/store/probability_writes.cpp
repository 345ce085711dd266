#include "store/probability_writes.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>

#include "tumen/datetime.hpp"

namespace tumen::store {

// The create month is the triggers' coalesce(strftime('%Y-%m', create_date, 'unixepoch'), 0), made by
// read_totals_keys: strftime in the select cost ~0.3 s over the 650,000 open leads a recompute scans at 1M.
const char* const totals_keys_columns =
    "coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, l.type, l.currency,"
    " l.country, coalesce(l.source_id, 0), coalesce(l.lost_reason_id, 0), l.create_date,"
    " coalesce(substr(l.date_deadline, 1, 7), 0), l.expected_revenue";

namespace {

// The stored probability (unless the caller passed it) and the keys of a lead, by id. A read of `leads`
// dirties no page (the write goes to lead_probabilities).
const std::string keys_by_id_sql = std::string("SELECT lp.probability, ") + totals_keys_columns +
                                   " FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id WHERE l.id = ?";

const char* const write_sql = "UPDATE lead_probabilities SET automated_probability = ?, probability = ? WHERE lead_id = ?";

TotalsValue probability_writes_value_at(const Statement& s, int col) {
    switch (s.column_type(col)) {
        case SQLITE_INTEGER: return s.get_int(col);
        case SQLITE_FLOAT: return s.get_double(col);
        default: return s.get_text(col);
    }
}

int band(double p) { return p >= 100 ? 2 : p == 0 ? 0 : 1; }

// A totals row a moved lead counts in: the board's (dim -1: team, stage, active, type, currency) or one of the
// six analysis rows (dim 0-5: also user and band, and the dimension's value). The leads of a batch fall on
// far fewer rows than leads, so their weighted deltas are summed here and each row written once.
struct TotalsRowKey {
    const TotalsKeys* keys;
    int dim;
    int band;
    size_t hash;  // from totals_row_hashes
    bool operator==(const TotalsRowKey& o) const {
        const auto& a = *keys;
        const auto& b = *o.keys;
        if (dim != o.dim || a.team != b.team || a.stage != b.stage || a.active != b.active || a.type != b.type ||
            a.currency != b.currency)
            return false;
        if (dim < 0) return true;
        return band == o.band && a.user == b.user && (dim == 0 || a.vals[static_cast<size_t>(dim - 1)] == b.vals[static_cast<size_t>(dim - 1)]);
    }
};
struct TotalsRowKeyHash {
    size_t operator()(const TotalsRowKey& k) const { return k.hash; }
};

// The hashes of a lead's seven rows (dim -1 to 5), its strings hashed once, not once per row: the rows of ~600,000
// leads are looked up in a recompute at 1M.
std::array<size_t, 7> totals_row_hashes(const TotalsKeys& t, int band) {
    auto mix = [](size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); };
    size_t board = std::hash<int64_t>()(t.team * 1000003 + t.stage * 10007 + t.active * 101);
    board = mix(board, std::hash<std::string>()(t.type));
    board = mix(board, std::hash<std::string>()(t.currency));
    const size_t analysis = mix(board, std::hash<int64_t>()(t.user * 3 + band));
    std::array<size_t, 7> out{};
    out[0] = mix(board, 0x5bd1e995);
    out[1] = mix(analysis, 1);
    for (size_t d = 1; d <= 5; ++d) out[d + 1] = mix(mix(analysis, d + 1), std::hash<TotalsValue>()(t.vals[d - 1]));
    return out;
}

// The triggers this bulk path stands in for: those on lead_probabilities that honour totals_paused (the weighted
// sums' and bands' moves). Merely paused, each still ran per written row as a sub-program whose WHEN clause looks
// up totals_paused: a probe on the 200,000-lead bench database, 125,000 writes in one transaction, took 1.3-1.6 s
// with the three update triggers paused and 0.4-0.5 s without them. So they are dropped for the same-band writes
// and created again from their stored SQL in the same transaction: DDL is transactional, no other connection
// sees them missing, and a rollback brings them back. (Each batch so changes the schema: cached statements and
// other connections prepare or load it again once, ~1 ms against seconds.)
std::vector<std::string> drop_paused_triggers(Connection& c) {
    std::vector<std::pair<std::string, std::string>> found;  // name, sql
    {
        auto s = c.prepare_uncached("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                    " AND tbl_name = 'lead_probabilities' AND sql LIKE '%totals_paused%' ORDER BY name");
        while (s.step()) found.emplace_back(s.get_text(0), s.get_text(1));
    }
    std::vector<std::string> sqls;
    for (auto& [name, sql] : found) {
        c.exec("DROP TRIGGER \"" + name + "\"");
        sqls.push_back(std::move(sql));
    }
    return sqls;
}

// coalesce(strftime('%Y-%m', create_date, 'unixepoch'), 0) of the column `col`: computed for an integer between
// 1970 and 9999 (every lead the server writes), asked of SQLite for anything else.
TotalsValue probability_writes_create_month(Connection& c, const Statement& s, int col) {
    constexpr int64_t year_10000 = 253402300800;
    if (s.column_type(col) == SQLITE_INTEGER) {
        const int64_t t = s.get_int(col);
        if (t >= 0 && t < year_10000) {
            const auto d = civil_from_days(day_of(t));
            std::string month = "0000-00";  // %04d-%02d by hand, no snprintf per moved lead
            for (int i = 3, y = static_cast<int>(d.year); i >= 0; --i, y /= 10) month[static_cast<size_t>(i)] = static_cast<char>('0' + y % 10);
            month[5] = static_cast<char>('0' + d.month / 10);
            month[6] = static_cast<char>('0' + d.month % 10);
            return month;
        }
    }
    auto q = c.prepare("SELECT coalesce(strftime('%Y-%m', ?, 'unixepoch'), 0)");
    switch (s.column_type(col)) {
        case SQLITE_INTEGER: q.bind(1, s.get_int(col)); break;
        case SQLITE_FLOAT: q.bind(1, s.get_double(col)); break;
        case SQLITE_NULL: q.bind(1, nullptr); break;
        default: q.bind(1, s.get_text(col));
    }
    q.step();
    return probability_writes_value_at(q, 0);
}

void check_one(Connection& c, const char* table) {
    if (c.changes() != 1) throw std::runtime_error(std::string("write_probabilities: no ") + table + " row for a lead");
}

}  // namespace

TotalsKeys read_totals_keys(Connection& c, const Statement& s, int first) {
    TotalsKeys k;
    k.team = s.get_int(first), k.stage = s.get_int(first + 1), k.user = s.get_int(first + 2), k.active = s.get_int(first + 3);
    k.type = s.get_text(first + 4), k.currency = s.get_text(first + 5);
    for (int i = 0; i < 5; ++i)
        if (i != 3) k.vals[static_cast<size_t>(i)] = probability_writes_value_at(s, first + 6 + i);
    k.vals[3] = probability_writes_create_month(c, s, first + 9);
    k.revenue = s.get_double(first + 11);
    return k;
}

int64_t weighted_revenue(double revenue, double probability) {
    // func.c roundFunc with no digits (past 2^52 a double has no fraction: left as it is, not +0.5), then CAST AS
    // INTEGER (saturating); a test holds it equal to SQLite's own expression.
    double r = revenue * probability / 100.0;
    constexpr double largest = 9223372036854775807.0, no_fraction = 4503599627370496.0;
    if (r >= 0 && r <= no_fraction) r = static_cast<double>(static_cast<int64_t>(r + 0.5));
    else if (r < 0 && -r <= no_fraction) r = -static_cast<double>(static_cast<int64_t>(-r + 0.5));
    if (std::isnan(r)) return 0;
    if (r <= -largest) return INT64_MIN;
    if (r >= largest) return INT64_MAX;
    return static_cast<int64_t>(r);
}

void write_probabilities(Connection& c, const std::vector<ProbabilityWrite>& writes) {
    if (writes.empty()) return;
    apply_probability_moves(c, read_probability_moves(c, writes));
}

std::vector<ProbabilityMove> read_probability_moves(Connection& c, const std::vector<ProbabilityWrite>& writes) {
    std::vector<ProbabilityMove> moves;
    moves.reserve(writes.size());
    for (const auto& w : writes) {
        auto s = c.prepare(keys_by_id_sql);
        s.bind(1, w.id);
        if (!s.step()) continue;  // deleted meanwhile: nothing to write
        auto& m = moves.emplace_back(ProbabilityMove{w, read_totals_keys(c, s, 1)});
        if (!m.write.before) m.write.before = s.get_double(0);
        while (s.step()) {}  // one row per id; run the statement to its end
    }
    return moves;
}

void apply_probability_moves(Connection& c, const std::vector<ProbabilityMove>& moves) {
    if (moves.empty()) return;
    std::unordered_map<TotalsRowKey, int64_t, TotalsRowKeyHash> rows;
    std::vector<const ProbabilityWrite*> running;
    std::optional<std::vector<std::string>> dropped;  // the triggers' SQL while they are dropped
    for (const auto& m : moves) {
        const auto& w = m.write;
        const double before = w.before.value();
        // A lead that moves between analysis rows (band 0, between, 100) is written with the triggers running.
        if (band(before) != band(w.shown)) {
            running.push_back(&w);
            continue;
        }
        if (!dropped) dropped = drop_paused_triggers(c);
        if (const int64_t delta = weighted_revenue(m.keys.revenue, w.shown) - weighted_revenue(m.keys.revenue, before)) {
            const int b = band(before);
            const auto hashes = totals_row_hashes(m.keys, b);
            for (int dim = -1; dim < 6; ++dim) rows[{&m.keys, dim, b, hashes[static_cast<size_t>(dim + 1)]}] += delta;
        }
        c.prepare(write_sql).bind(1, w.automated).bind(2, w.shown).bind(3, w.id).run();
    }
    if (dropped)
        for (const auto& sql : *dropped) c.exec(sql);
    for (const auto* w : running) c.prepare(write_sql).bind(1, w->automated).bind(2, w->shown).bind(3, w->id).run();
    for (const auto& [k, delta] : rows) {
        if (delta == 0) continue;
        const auto& t = *k.keys;
        if (k.dim < 0) {
            c.prepare("UPDATE lead_totals SET weighted = weighted + ? WHERE team_key = ? AND stage_key = ? AND active = ?"
                      " AND type = ? AND currency = ?")
                .bind(1, delta).bind(2, t.team).bind(3, t.stage).bind(4, t.active).bind(5, t.type).bind(6, t.currency).run();
            check_one(c, "lead_totals");
            continue;
        }
        const SqlValue val = k.dim == 0 ? SqlValue(int64_t{0})
                                        : std::visit([](const auto& v) { return SqlValue(v); }, t.vals[static_cast<size_t>(k.dim - 1)]);
        c.prepare("UPDATE analysis_totals SET weighted = weighted + ? WHERE dim = ? AND team_key = ? AND stage_key = ?"
                  " AND user_key = ? AND active = ? AND band = ? AND type = ? AND currency = ? AND val = ?")
            .bind(1, delta).bind(2, int64_t{k.dim}).bind(3, t.team).bind(4, t.stage).bind(5, t.user).bind(6, t.active)
            .bind(7, int64_t{k.band}).bind(8, t.type).bind(9, t.currency).bind(10, val).run();
        check_one(c, "analysis_totals");
    }
}

}  // namespace tumen::store
