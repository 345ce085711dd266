// Click-through from a chart or a dashboard tile to the leads list: the filter-language clause that selects the
// leads of one analysis group key ("stage" 4 -> `stage_id = 4`, "create_month" "2026-11" -> a UTC month of
// create_date), and the #/leads route that carries it.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tumen/route.hpp"

namespace tumen::client {

// "" when the dimension or key is not understood (the caller then drills on the other key only).
std::string drill_clause(std::string_view dimension, const nlohmann::json& key);
// The clauses joined with "and", each in parentheses when it has an "or"; empty ones are skipped.
std::string and_clauses(std::initializer_list<std::string> clauses);
// #/leads?filter=...; `all` shows inactive (lost) leads too, as the analysis counted them.
Route drill_route(const std::string& filter, bool all = false);

}  // namespace tumen::client
