// The board column's activity bar (issue 6): per group of a lead query, how many leads have their next open
// activity overdue / due today / planned, and how many open leads (active, not closed) have none. "Today" is one
// day for the whole board: the caller's local day.
#pragma once
#include <map>
#include <string>

#include "store/lead_queries.hpp"
#include "tumen/activity.hpp"

namespace tumen::store {

// Bars by group key (the key's JSON text: "3", "null", "\"MN\""). Tag grouping (a lead in many groups) is not
// supported: empty map.
Result<std::map<std::string, ActivityBar>> activity_bars(Connection& c, const LeadQuery& q, const SqlFragment& rule,
                                                         const std::string& group_by, DayNumber today);

}  // namespace tumen::store
