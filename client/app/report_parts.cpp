// Shared pieces of the reporting views (report_parts.hpp).
#include "report_parts.hpp"

#include <cmath>
#include <numbers>

#include "lead_widgets.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

void report_tabs(AppState& app, Ui& ui, bool analysis) {
    const std::string l_dash = app.tr("report.dashboard"), l_analysis = app.tr("report.analysis");
    std::vector<Choice> tabs = {{"dashboard", l_dash}, {"analysis", l_analysis}};
    int selected = analysis ? 1 : 0;
    if (segmented(ui, "report.tabs", tabs, selected)) app.navigate(selected ? Route::analysis() : Route::dashboard());
}

void loading_line(AppState& app, Ui& ui, const std::string& id) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = ui.px(7);
    const ImVec2 c(p.x + r + ui.px(1), p.y + ui.fonts.body->FontSize * 0.5f + ui.px(1));
    const float t = static_cast<float>(ImGui::GetTime()) * 5.0f;
    dl->PathArcTo(c, r, t, t + std::numbers::pi_v<float> * 1.4f, 16);
    dl->PathStroke(color::primary, 0, ui.px(2));
    ImGui::SetCursorScreenPos(ImVec2(p.x + 2 * r + ui.px(10), p.y));
    text(ui, id, app.tr("report.loading"), ui.fonts.body, color::text_secondary);
    ui.wake_in(50);
}

ImU32 series_color(size_t index) {
    static constexpr ImU32 palette[] = {
        IM_COL32(0x25, 0x63, 0xEB, 0xFF), IM_COL32(0x10, 0xB9, 0x81, 0xFF), IM_COL32(0xF5, 0x9E, 0x0B, 0xFF),
        IM_COL32(0xEC, 0x48, 0x99, 0xFF), IM_COL32(0x8B, 0x5C, 0xF6, 0xFF), IM_COL32(0x14, 0xB8, 0xA6, 0xFF),
        IM_COL32(0xEF, 0x44, 0x44, 0xFF), IM_COL32(0x64, 0x74, 0x8B, 0xFF), IM_COL32(0x0E, 0xA5, 0xE9, 0xFF),
        IM_COL32(0x84, 0xCC, 0x16, 0xFF),
    };
    return palette[index % std::size(palette)];
}

float value_axis_width(Ui& ui, const client::chart::Ticks& ticks, const std::function<std::string(double)>& label) {
    float w = 0;
    for (double v : ticks.values) w = std::max(w, text_size(ui.fonts.small, label(v)).x);
    return w;
}

void value_axis(Ui& ui, ImDrawList* dl, const client::chart::Rect& plot, const client::chart::Ticks& ticks,
                const std::function<std::string(double)>& label) {
    const client::chart::Scale y{ticks.min, ticks.max, plot.y1, plot.y0};
    for (double v : ticks.values) {
        const float ly = std::round(y.at(v));
        dl->AddLine(ImVec2(plot.x0, ly), ImVec2(plot.x1, ly), v == 0 ? color::border_strong : color::border, ui.px(1));
        const std::string s = label(v);
        const ImVec2 ts = text_size(ui.fonts.small, s);
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(plot.x0 - ui.px(8) - ts.x, ly - ts.y * 0.5f),
                    color::text_muted, s.c_str());
    }
}

void hover_tooltip(Ui& ui, const std::string& id, const std::string& title, const std::string& value) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec2 m = ImGui::GetIO().MousePos;
    const ImVec2 t1 = text_size(ui.fonts.small, title), t2 = text_size(ui.fonts.strong, value);
    const float pad = ui.px(8);
    const float w = std::max(t1.x, t2.x) + 2 * pad, h = t1.y + t2.y + ui.px(4) + 2 * pad;
    ImVec2 a(m.x + ui.px(14), m.y + ui.px(14));
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (a.x + w > display.x) a.x = m.x - ui.px(14) - w;
    if (a.y + h > display.y) a.y = m.y - ui.px(14) - h;
    const ImVec2 b(a.x + w, a.y + h);
    dl->AddRectFilled(ImVec2(a.x, a.y + ui.px(2)), ImVec2(b.x, b.y + ui.px(2)), with_alpha(color::shadow, 0x20), ui.px(6));
    dl->AddRectFilled(a, b, color::text, ui.px(6));
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(a.x + pad, a.y + pad), color::border, title.c_str());
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(a.x + pad, a.y + pad + t1.y + ui.px(4)), color::on_primary,
                value.c_str());
    ui.record(id, title, "tooltip", a, b, value);
}


}  // namespace tumen::app
