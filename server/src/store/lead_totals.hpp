// The board's per-stage counts and sums from the running totals kept by triggers (migration lead_totals),
// used instead of an aggregate over the leads when the question is one the totals can answer exactly:
// grouped by stage, every lead visible to the caller, no full-text words, and a filter that only narrows
// by team and/or type ("team_id = 3 and type = \"opportunity\""). Anything else takes the general path.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/lead_queries.hpp"

namespace tumen::store {

struct TotalsScope {
    std::optional<int64_t> team_id;
    std::optional<std::string> type;  // "lead" | "opportunity"
    std::optional<bool> active;       // none = both
};

// The scope when the totals answer `q` grouped by `group_by` for a caller whose record rule is `rule`.
std::optional<TotalsScope> totals_scope(const LeadQuery& q, const SqlFragment& rule, const std::string& group_by);

// Groups keyed by stage id (null = no stage), ordered as the general query orders them (null first), without cards.
std::vector<LeadGroup> read_stage_totals(Connection& c, const TotalsScope& scope);

}  // namespace tumen::store
