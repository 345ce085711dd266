// Pieces shared by #/dashboard and #/analysis: the two tabs on top, the loading line, the series palette, the
// value axis with its grid, and the hover tooltip (recorded for the browser tests as kind "tooltip").
#pragma once
#include <functional>
#include <string>

#include "state/chart_geometry.hpp"
#include "views.hpp"

namespace tumen::app {

// "Dashboard | Pipeline analysis" at the cursor.
void report_tabs(client::AppState& app, Ui& ui, bool analysis);
// A turning arc and "Loading…" at the cursor; asks for frames while shown.
void loading_line(client::AppState& app, Ui& ui, const std::string& id);
ImU32 series_color(size_t index);
// Horizontal grid lines and their labels left of `plot` (the labels end at plot.x0 - gap).
void value_axis(Ui& ui, ImDrawList* dl, const client::chart::Rect& plot, const client::chart::Ticks& ticks,
                const std::function<std::string(double)>& label);
// Width (device px) the value axis' labels need.
float value_axis_width(Ui& ui, const client::chart::Ticks& ticks, const std::function<std::string(double)>& label);
// A tooltip next to the mouse with one or two lines.
void hover_tooltip(Ui& ui, const std::string& id, const std::string& title, const std::string& value);

}  // namespace tumen::app
