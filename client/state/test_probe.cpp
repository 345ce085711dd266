#include "test_probe.hpp"

#include "board_probe.hpp"
#include "list_probe.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace tumen::client {

namespace {
// Tenths of a pixel are plenty for clicking, and keep the JSON short.
double round1(float v) { return std::round(static_cast<double>(v) * 10.0) / 10.0; }
}  // namespace

std::string state_json(const AppState& app, const std::vector<WidgetInfo>& widgets, const FrameInfo& frame) {
    nlohmann::json j;
    j["route"] = format_route(app.route());
    j["view"] = app.view();
    j["language"] = i18n::code(app.language());
    j["last_error"] = app.last_error();
    j["frame_count"] = frame.frame_count;
    j["ready"] = frame.ready;
    j["idle"] = frame.idle;
    j["dpr"] = frame.dpr;
    j["theme"] = app.dark_theme() ? "dark" : "light";  // what is drawn
    j["theme_choice"] = theme_code(app.ui_prefs().theme);
    j["ui_scale"] = app.ui_prefs().scale_percent;
    j["unsaved_edits"] = app.unsaved_edits();
    j["leave_pending"] = app.pending_leave() ? nlohmann::json(format_route(*app.pending_leave())) : nlohmann::json(nullptr);
    j["canvas"] = {{"width", frame.canvas_width}, {"height", frame.canvas_height}};
    // The keyboard layer (command_palette.hpp): the palette's results only while it is open.
    j["help_open"] = app.keyboard().help_open;
    j["dialog_open"] = app.keyboard().dialog_shown();  // a dialog drawn by the app (begin_dialog) holds the keys
    j["palette"] = app.keyboard().palette.is_open() ? app.keyboard().palette.probe() : nlohmann::json(nullptr);
    auto times = [](const std::vector<double>& ms) {
        nlohmann::json out = nlohmann::json::array();
        for (double v : ms) out.push_back(std::round(v * 100.0) / 100.0);
        return out;
    };
    j["frame_ms"] = times(frame.frame_ms);  // the last frame_ms.size() frames, ending at frame_count
    j["render_ms"] = times(frame.render_ms);
    j["heap_bytes"] = frame.heap_bytes;
    const auto& s = app.session();
    j["user"] = s ? nlohmann::json{{"id", s->user.id}, {"login", s->user.login}, {"name", s->user.name}}
                  : nlohmann::json(nullptr);
    static constexpr const char* live_statuses[] = {"off", "connecting", "live", "reconnecting"};
    j["live"] = {{"status", live_statuses[static_cast<int>(app.live().status())]},
                 {"last_event_id", app.live().last_event_id()}};
    if (app.route().view == View::lead) j["lead"] = app.lead_form().probe();
    if (app.route().view == View::lead || app.route().view == View::activities) j["activities"] = app.activities().probe();
    if (app.route().view == View::pipeline) j["board"] = board_probe(app.board(), widgets);
    if (app.route().view == View::leads) j["list"] = list_probe(app.list(), widgets);
    if (app.route().view == View::calendar || app.route().view == View::lead) j["calendar"] = app.calendar().probe();
    if (app.route().view == View::analysis) j["analysis"] = app.analysis().probe();
    if (app.route().view == View::dashboard) j["dashboard"] = app.dashboard().probe();
    if (app.route().view == View::kiosk) j["kiosk"] = app.kiosk().probe();
    auto& list = j["widgets"] = nlohmann::json::array();
    for (const auto& w : widgets) {
        nlohmann::json item = {{"id", w.id},         {"label", w.label}, {"kind", w.kind}, {"x", round1(w.x)},
                               {"y", round1(w.y)},   {"w", round1(w.w)}, {"h", round1(w.h)}};
        if (w.kind == "input" || !w.value.empty()) item["value"] = w.value;  // pickers show their choice
        list.push_back(std::move(item));
    }
    // Invalid UTF-8 (e.g. a half-typed sequence) must not make the probe throw.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tumen::client
