// Pipeline analysis from the running totals kept by triggers (migration analysis_totals) instead of a pass over
// every matching lead. Used only when the totals give exactly the scan's answer (store/analysis_queries): every
// group-by and filter field is a key of the totals (team, stage, salesperson, type, currency, active, stage.is_won,
// plus at most one of country, source, lost reason, month of creation, month of expected closing), no full-text
// words, and a record rule that reads only those keys. Anything else takes the scan.
#pragma once
#include <optional>
#include <string>

#include "caller.hpp"
#include "store/analysis_queries.hpp"

namespace tumen::store {

// The caller's record rule as a condition on the totals (alias `t`): every lead ("1") or a kiosk's teams.
// nullopt when the rule needs more than the totals' keys (sales_own: followers; portal: the reseller).
std::optional<SqlFragment> analysis_totals_rule(const server::Caller& caller);

// The answer from the totals, or nullopt when they cannot give it (then the scan answers, with its errors).
std::optional<analysis::Answer> analyse_from_totals(Connection& c, const LeadQuery& q, const SqlFragment& totals_rule,
                                                    const std::string& group_by, const std::string& group_by2);

}  // namespace tumen::store
