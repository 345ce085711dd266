#include "store/probability_writes.hpp"

#include <array>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <variant>

namespace tumen::store {

namespace {

// What the totals triggers key the lead by, read with the triggers' own expressions (the dimension values keep
// their SQLite type: analysis_totals.val has no affinity), and the move of its weighted sum from the stored
// probability ?3 to ?2, rounded by SQLite with the triggers' CAST(round(...)) so the sums cannot differ from
// theirs by a rounding rule. A read of `leads` by id: it dirties no page (the write goes to lead_probabilities).
const char* const keys_sql =
    "SELECT coalesce(team_id, 0), coalesce(stage_id, 0), coalesce(user_id, 0), active, type, currency,"
    " expected_revenue, 0, country, coalesce(source_id, 0), coalesce(lost_reason_id, 0),"
    " coalesce(strftime('%Y-%m', create_date, 'unixepoch'), 0), coalesce(substr(date_deadline, 1, 7), 0),"
    " CAST(round(expected_revenue * ?2 / 100.0) AS INTEGER) - CAST(round(expected_revenue * ?3 / 100.0) AS INTEGER)"
    " FROM leads WHERE id = ?1";

const char* const write_sql = "UPDATE lead_probabilities SET automated_probability = ?, probability = ? WHERE lead_id = ?";

// A dimension value (never NULL: analysis_totals.val is NOT NULL).
using Val = std::variant<int64_t, double, std::string>;

Val value_at(Statement& s, int col) {
    switch (s.column_type(col)) {
        case SQLITE_INTEGER: return s.get_int(col);
        case SQLITE_FLOAT: return s.get_double(col);
        default: return s.get_text(col);
    }
}

int band(double p) { return p >= 100 ? 2 : p == 0 ? 0 : 1; }

using BoardKey = std::tuple<int64_t, int64_t, int64_t, std::string, std::string>;  // team, stage, active, type, currency
// dim, team, stage, user, active, band, type, currency, val
using AnalysisKey = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, std::string, std::string, Val>;

void check_one(Connection& c, const char* table) {
    if (c.changes() != 1) throw std::runtime_error(std::string("write_probabilities: no ") + table + " row for a lead");
}

}  // namespace

void write_probabilities(Connection& c, const std::vector<ProbabilityWrite>& writes) {
    if (writes.empty()) return;
    std::map<BoardKey, int64_t> board;
    std::map<AnalysisKey, int64_t> analysis;
    std::vector<std::pair<const ProbabilityWrite*, double>> paused;  // with the stored probability
    std::vector<const ProbabilityWrite*> running;
    for (const auto& w : writes) {
        std::optional<double> before = w.before;
        if (!before) {
            auto s = c.prepare("SELECT probability FROM lead_probabilities WHERE lead_id = ?");
            s.bind(1, w.id);
            if (!s.step()) continue;  // deleted meanwhile: nothing to write
            before = s.get_double(0);
        }
        // A lead that moves between analysis rows (band 0, between, 100) is written with the triggers running.
        if (band(*before) != band(w.shown)) running.push_back(&w);
        else paused.emplace_back(&w, *before);
    }
    if (!paused.empty()) {
        c.exec("INSERT INTO totals_paused VALUES (1)");
        for (const auto& [w, old_p] : paused) {
            auto s = c.prepare(keys_sql);
            s.bind(1, w->id).bind(2, w->shown).bind(3, old_p);
            if (!s.step()) continue;  // deleted meanwhile: nothing to write
            const int64_t delta = s.get_int(13);
            if (delta != 0) {
                const int64_t team = s.get_int(0), stage = s.get_int(1), user = s.get_int(2), active = s.get_int(3);
                const std::string type = s.get_text(4), currency = s.get_text(5);
                board[{team, stage, active, type, currency}] += delta;
                const std::array<Val, 6> vals = {int64_t{0}, value_at(s, 8), value_at(s, 9), value_at(s, 10),
                                                      value_at(s, 11), value_at(s, 12)};
                for (int64_t dim = 0; dim < 6; ++dim)
                    analysis[{dim, team, stage, user, active, band(old_p), type, currency, vals[static_cast<size_t>(dim)]}] += delta;
            }
            while (s.step()) {}  // one row per id; run the statement to its end
            c.prepare(write_sql).bind(1, w->automated).bind(2, w->shown).bind(3, w->id).run();
        }
        c.exec("DELETE FROM totals_paused");
    }
    for (const auto* w : running) c.prepare(write_sql).bind(1, w->automated).bind(2, w->shown).bind(3, w->id).run();
    for (const auto& [k, delta] : board) {
        c.prepare("UPDATE lead_totals SET weighted = weighted + ? WHERE team_key = ? AND stage_key = ? AND active = ?"
                  " AND type = ? AND currency = ?")
            .bind(1, delta).bind(2, std::get<0>(k)).bind(3, std::get<1>(k)).bind(4, std::get<2>(k))
            .bind(5, std::get<3>(k)).bind(6, std::get<4>(k)).run();
        check_one(c, "lead_totals");
    }
    for (const auto& [k, delta] : analysis) {
        c.prepare("UPDATE analysis_totals SET weighted = weighted + ? WHERE dim = ? AND team_key = ? AND stage_key = ?"
                  " AND user_key = ? AND active = ? AND band = ? AND type = ? AND currency = ? AND val = ?")
            .bind(1, delta).bind(2, std::get<0>(k)).bind(3, std::get<1>(k)).bind(4, std::get<2>(k))
            .bind(5, std::get<3>(k)).bind(6, std::get<4>(k)).bind(7, std::get<5>(k)).bind(8, std::get<6>(k))
            .bind(9, std::get<7>(k))
            .bind(10, std::visit([](const auto& v) { return SqlValue(v); }, std::get<8>(k))).run();
        check_one(c, "analysis_totals");
    }
}

}  // namespace tumen::store
