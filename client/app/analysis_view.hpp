// The parts of #/analysis drawn in analysis_charts.cpp: the chart card of the chosen type and the stage flow.
#pragma once
#include "views.hpp"

namespace tumen::app {

void analysis_chart(client::AppState& app, Ui& ui, ImVec2 min, ImVec2 max);
void analysis_flow(client::AppState& app, Ui& ui, ImVec2 min, ImVec2 max);

}  // namespace tumen::app
