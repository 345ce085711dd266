// The running totals (lead_totals, analysis_totals) recomputed from the leads and their lead_probabilities rows: queries that count the rows the kept
// totals and a fresh aggregate disagree on, both ways (0 = equal). Shared by the tests of every path that writes
// the totals in bulk (the predictive recompute, the CSV import).
#pragma once
#include <string>

namespace tumen::testing::totals_oracle {

inline const std::string analysis_fresh =
    "SELECT d.column1, coalesce(team_id, 0), coalesce(stage_id, 0), coalesce(user_id, 0), active,"
    " CASE WHEN probability >= 100 THEN 2 WHEN probability = 0 THEN 0 ELSE 1 END, type, currency,"
    " CASE d.column1 WHEN 0 THEN 0 WHEN 1 THEN country WHEN 2 THEN coalesce(source_id, 0) WHEN 3 THEN coalesce(lost_reason_id, 0)"
    " WHEN 4 THEN coalesce(strftime('%Y-%m', create_date, 'unixepoch'), 0) ELSE coalesce(substr(date_deadline, 1, 7), 0) END,"
    " count(*), sum(expected_revenue), sum(CAST(round(expected_revenue * probability / 100.0) AS INTEGER)),"
    " sum(date_closed IS NOT NULL), sum(coalesce((date_closed - create_date) / 86400, 0))"
    " FROM leads JOIN lead_probabilities ON lead_id = id, (VALUES (0), (1), (2), (3), (4), (5)) d"
    " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9";
inline const std::string analysis_kept = "SELECT * FROM analysis_totals WHERE n > 0";
inline const std::string board_fresh =
    "SELECT coalesce(team_id, 0), coalesce(stage_id, 0), active, type, currency, count(*), sum(expected_revenue),"
    " sum(CAST(round(expected_revenue * probability / 100.0) AS INTEGER))"
    " FROM leads JOIN lead_probabilities ON lead_id = id GROUP BY 1, 2, 3, 4, 5";
inline const std::string board_kept =
    "SELECT team_key, stage_key, active, type, currency, n, expected, weighted FROM lead_totals WHERE n > 0";

inline std::string mismatch(const std::string& a, const std::string& b) {
    return "SELECT (SELECT count(*) FROM (" + a + " EXCEPT " + b + ")) + (SELECT count(*) FROM (" + b + " EXCEPT " + a + "))";
}
inline const std::string analysis_mismatch = mismatch(analysis_kept, analysis_fresh);
inline const std::string board_mismatch = mismatch(board_kept, board_fresh);

}  // namespace tumen::testing::totals_oracle
