#include "store/lead_insert_totals.hpp"

#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <variant>

#include "store/probability_writes.hpp"
#include "tumen/datetime.hpp"

namespace tumen::store {

namespace {

// A batch's leads share few keys: they are summed per key of all six dimensions first (one map lookup per lead),
// then each group once per totals row. Summing 5,000 leads here takes well under a millisecond; the grouped
// statements that read them back from `leads` took ~7-24 ms per batch (bench/README.md, import session 20).
using InsertTotalsValue = std::variant<int64_t, std::string>;  // analysis_totals.val: integer 0 = none, or text

struct InsertTotalsGroup {
    int64_t team, stage, user, active, band;
    std::string type, currency;
    std::array<InsertTotalsValue, 5> vals;  // country, source, lost reason, month of creation, month of expected closing
    auto operator<=>(const InsertTotalsGroup&) const = default;
};

struct InsertTotalsSums {
    int64_t n = 0, expected = 0, weighted = 0, closed = 0, close_days = 0;
};

int64_t insert_totals_add(int64_t a, int64_t b) {
    int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("integer overflow in the running totals");  // as SQLite's sum()
    return r;
}

void insert_totals_add_to(InsertTotalsSums& into, const InsertTotalsSums& s) {
    into.n = insert_totals_add(into.n, s.n);
    into.expected = insert_totals_add(into.expected, s.expected);
    into.weighted = insert_totals_add(into.weighted, s.weighted);
    into.closed = insert_totals_add(into.closed, s.closed);
    into.close_days = insert_totals_add(into.close_days, s.close_days);
}

// coalesce(strftime('%Y-%m', create_date, 'unixepoch'), 0): computed between 1970 and 9999 (every lead the
// server writes), asked of SQLite otherwise.
InsertTotalsValue insert_totals_create_month(Connection& c, Timestamp t) {
    constexpr Timestamp year_10000 = 253402300800;
    if (t >= 0 && t < year_10000) return format_date(day_of(t)).substr(0, 7);
    auto q = c.prepare("SELECT coalesce(strftime('%Y-%m', ?, 'unixepoch'), 0)");
    q.bind(1, t).step();
    if (q.column_type(0) == SQLITE_INTEGER) return q.get_int(0);
    return q.get_text(0);
}

}  // namespace

void pause_insert_totals(Connection& c) { c.prepare("INSERT OR IGNORE INTO totals_paused VALUES (1)").run(); }

void insert_paused_probabilities(Connection& c, const std::vector<const Lead*>& leads) {
    pause_insert_totals(c);  // a rolled-back row's savepoint may have taken it
    constexpr std::size_t rows_per_statement = 64;  // 192 parameters
    static const std::string many = [] {
        std::string sql = "INSERT INTO lead_probabilities(lead_id, probability, automated_probability) VALUES (?, ?, ?)";
        for (std::size_t i = 1; i < rows_per_statement; ++i) sql += ", (?, ?, ?)";
        return sql;
    }();
    std::size_t next = 0;
    auto bind_next = [&](Statement& s, int first) {
        const Lead& l = *leads[next++];
        s.bind(first, l.id).bind(first + 1, l.probability).bind(first + 2, l.automated_probability);
    };
    while (leads.size() - next >= rows_per_statement) {
        auto s = c.prepare(many);
        for (std::size_t i = 0; i < rows_per_statement; ++i) bind_next(s, static_cast<int>(3 * i + 1));
        s.run();
    }
    while (next < leads.size()) {
        auto s = c.prepare("INSERT INTO lead_probabilities(lead_id, probability, automated_probability) VALUES (?, ?, ?)");
        bind_next(s, 1);
        s.run();
    }
}

void add_inserted_totals(Connection& c, const std::vector<const Lead*>& leads) {
    c.prepare("DELETE FROM totals_paused").run();
    std::map<InsertTotalsGroup, InsertTotalsSums> groups;
    std::optional<std::pair<Timestamp, InsertTotalsValue>> month;  // an import's leads share their create_date
    for (const Lead* l : leads) {
        if (!month || month->first != l->create_date) month.emplace(l->create_date, insert_totals_create_month(c, l->create_date));
        const double p = l->probability;
        InsertTotalsGroup g{l->team_id.value_or(0), l->stage_id.value_or(0), l->user_id.value_or(0), l->active ? 1 : 0,
                            p >= 100 ? 2 : p == 0 ? 0 : 1, std::string(to_string(l->type)), l->expected_revenue.currency,
                            {l->address.country, l->source_id.value_or(0), l->lost_reason_id.value_or(0), month->second,
                             l->date_deadline ? InsertTotalsValue(format_date(*l->date_deadline).substr(0, 7)) : InsertTotalsValue(int64_t{0})}};
        InsertTotalsSums s;
        s.n = 1;
        s.expected = l->expected_revenue.amount;
        s.weighted = weighted_revenue(static_cast<double>(l->expected_revenue.amount), p);
        if (l->date_closed) {
            s.closed = 1;
            s.close_days = (*l->date_closed - l->create_date) / 86400;  // SQLite's integer division truncates too
        }
        insert_totals_add_to(groups[std::move(g)], s);
    }
    // The board's rows: (team, stage, active, type, currency).
    std::map<std::tuple<int64_t, int64_t, int64_t, std::string, std::string>, InsertTotalsSums> board;
    for (const auto& [g, s] : groups) insert_totals_add_to(board[{g.team, g.stage, g.active, g.type, g.currency}], s);
    for (const auto& [k, s] : board)
        c.prepare("INSERT INTO lead_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n,"
                  " expected = expected + excluded.expected, weighted = weighted + excluded.weighted")
            .bind(1, std::get<0>(k)).bind(2, std::get<1>(k)).bind(3, std::get<2>(k)).bind(4, std::get<3>(k))
            .bind(5, std::get<4>(k)).bind(6, s.n).bind(7, s.expected).bind(8, s.weighted).run();
    // The analysis rows: the base row (dim 0, val 0) and one per dimension value (dims 1-5).
    std::map<std::pair<int, InsertTotalsGroup>, InsertTotalsSums> analysis;
    for (const auto& [g, s] : groups)
        for (int dim = 0; dim < 6; ++dim) {
            InsertTotalsGroup key = g;
            for (int d = 1; d <= 5; ++d)
                if (d != dim) key.vals[static_cast<size_t>(d - 1)] = int64_t{0};
            insert_totals_add_to(analysis[{dim, std::move(key)}], s);
        }
    for (const auto& [k, s] : analysis) {
        const auto& [dim, g] = k;
        const InsertTotalsValue& val = dim == 0 ? InsertTotalsValue(int64_t{0}) : g.vals[static_cast<size_t>(dim - 1)];
        auto q = c.prepare("INSERT INTO analysis_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE"
                           " SET n = n + excluded.n, expected = expected + excluded.expected, weighted = weighted + excluded.weighted,"
                           " closed = closed + excluded.closed, close_days = close_days + excluded.close_days");
        q.bind(1, int64_t{dim}).bind(2, g.team).bind(3, g.stage).bind(4, g.user).bind(5, g.active).bind(6, g.band);
        q.bind(7, g.type).bind(8, g.currency);
        std::visit([&](const auto& v) { q.bind(9, v); }, val);
        q.bind(10, s.n).bind(11, s.expected).bind(12, s.weighted).bind(13, s.closed).bind(14, s.close_days).run();
    }
}

}  // namespace tumen::store
