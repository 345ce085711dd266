// The leads list's part of window.tumen.state(): status, counts, sort, selection, the leads a mass action could not
// change, and every row on screen (id, name, salesperson, stage, selected) with its rectangle and its checkbox's.
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "lead_list.hpp"
#include "test_probe.hpp"

namespace tumen::client {

nlohmann::json list_probe(const LeadList& list, const std::vector<WidgetInfo>& widgets);

}  // namespace tumen::client
