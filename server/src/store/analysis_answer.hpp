// The answer of a pipeline analysis from the rows of its aggregate, with display labels. Shared by the scan over
// the leads (store/analysis_queries) and the running totals (store/analysis_totals) so that both answer alike.
#pragma once
#include <string>

#include "store/sqlite.hpp"
#include "tumen/analysis.hpp"

namespace tumen::store {

// `s` yields (key1, key2, currency, count, won, lost, expected, weighted, won close days, won closed) grouped by
// (key1, key2, currency) and ordered by the keys: one cell per (key1, key2), sums per currency.
analysis::Answer read_answer(Connection& c, Statement& s, const std::string& group_by, const std::string& group_by2);

}  // namespace tumen::store
