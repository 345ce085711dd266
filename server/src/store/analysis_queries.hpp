// Pipeline analysis in SQL: leads the caller may see (record rule, filter, full-text, active) aggregated by one or
// two group-by keys into the parts of every measure (shared/include/tumen/analysis.hpp), with display labels.
// One pass over the leads; the client never downloads them.
#pragma once
#include <string>

#include "store/lead_queries.hpp"
#include "tumen/analysis.hpp"
#include "tumen/stage_flow.hpp"

namespace tumen::store {

// 400 naming group_by/group_by2 for an unknown or repeated key, or the filter's error.
Result<analysis::Answer> analyse_leads(Connection& c, const LeadQuery& q, const SqlFragment& rule,
                                       const std::string& group_by, const std::string& group_by2);

// Stays per stage and stage-to-stage moves of the matching leads, from their tracked stage changes.
Result<analysis::StageFlow> stage_flow(Connection& c, const LeadQuery& q, const SqlFragment& rule);

}  // namespace tumen::store
