// The lead form's header: breadcrumb, Save/Discard, the lifecycle buttons and the stage statusbar.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "lead_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

struct Action {
    const char* id;
    std::string label;
    ButtonKind kind;
};

}  // namespace

void lead_header(AppState& app, Ui& ui, float width) {
    auto& form = app.lead_form();
    const auto& lead = form.lead();
    const ImVec2 start = ImGui::GetCursorScreenPos();

    // breadcrumb: Pipeline / <lead name>
    if (link(ui, "lead.breadcrumb.pipeline", app.tr("nav.pipeline"), ui.fonts.body)) app.navigate(Route::pipeline());
    ImGui::SameLine(0, ui.px(8));
    text(ui, "lead.breadcrumb.sep", "/", ui.fonts.body, color::text_muted);
    ImGui::SameLine(0, ui.px(8));
    const std::string crumb = lead ? (lead->name.empty() ? app.tr("lead.untitled") : lead->name)
                                   : app.tr("lead.title", {{"id", std::to_string(form.id())}});
    text(ui, "lead.breadcrumb.current", crumb, ui.fonts.body, color::text_secondary);
    if (!lead) return;
    gap(ui, 14);

    const bool dirty = form.dirty();
    const bool busy = form.busy();
    const std::string status = form.status();
    std::vector<Action> actions;
    if (dirty) {
        actions.push_back({"lead.save", app.tr(form.saving() ? "lead.saving" : "lead.save"), ButtonKind::primary});
        actions.push_back({"lead.discard", app.tr("lead.discard"), ButtonKind::secondary});
    }
    if (lead->active && lead->type == LeadType::lead)
        actions.push_back({"lead.convert", app.tr("lead.action.convert"), dirty ? ButtonKind::secondary : ButtonKind::primary});
    if (lead->active && status != "won") actions.push_back({"lead.won", app.tr("lead.action.won"), ButtonKind::secondary});
    if (lead->active && status != "won") actions.push_back({"lead.lost", app.tr("lead.action.lost"), ButtonKind::secondary});
    if (!lead->active) actions.push_back({"lead.restore", app.tr("lead.action.restore"), ButtonKind::primary});
    actions.push_back({"lead.merge", app.tr("lead.action.merge"), ButtonKind::ghost});
    if (lead->active) actions.push_back({"lead.archive", app.tr("lead.action.archive"), ButtonKind::ghost});

    const float bh = ui.px(34), spacing = ui.px(8);
    float actions_w = 0;
    for (const auto& a : actions) actions_w += text_size(ui.fonts.strong, a.label).x + ui.px(28) + spacing;

    std::vector<StageStep> steps;
    for (const auto& s : form.pipeline())
        if (!s.fold || (lead->stage_id && s.id == *lead->stage_id)) steps.push_back({s.id, s.name});
    const float bar_w = statusbar_width(ui, steps);
    const bool one_row = actions_w + ui.px(24) + bar_w <= width;

    const ImVec2 row = ImGui::GetCursorScreenPos();
    float x = row.x;
    for (const auto& a : actions) {
        const float w = text_size(ui.fonts.strong, a.label).x + ui.px(28);
        if (x + w > row.x + width && x > row.x) break;  // too narrow: the rest is still reachable after a resize
        ImGui::SetCursorScreenPos(ImVec2(x, row.y));
        const std::string id = a.id;
        const bool enabled = id == "lead.discard" || id == "lead.merge" || !busy;
        if (button(ui, a.id, a.label, a.kind, ImVec2(w, bh), enabled)) {
            if (id == "lead.save") form.save();
            else if (id == "lead.discard") form.discard();
            else if (id == "lead.convert") form.open_convert();
            else if (id == "lead.won") form.mark_won();
            else if (id == "lead.lost") form.open_lost();
            else if (id == "lead.restore") form.restore();
            else if (id == "lead.merge") form.open_merge();
            else if (id == "lead.archive") form.archive();
        }
        x += w + spacing;
        if (id == "lead.discard") x += ui.px(10);  // a little air between saving and the lifecycle actions
    }
    if (dirty && !form.saving()) {
        // A dot and "Unsaved changes" right after the buttons, like document editors do.
        const std::string note = app.tr("lead.unsaved");
        const float nw = text_size(ui.fonts.small, note).x + ui.px(14);
        if (x + nw < row.x + width - (one_row ? bar_w + ui.px(16) : 0)) {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddCircleFilled(ImVec2(x + ui.px(4), row.y + bh * 0.5f), ui.px(3.5f), lead_color::warning, 12);
            ImGui::SetCursorScreenPos(ImVec2(x + ui.px(14), std::floor(row.y + (bh - ui.fonts.small->FontSize) * 0.5f)));
            text(ui, "lead.unsaved", note, ui.fonts.small, color::text_secondary);
        }
    }

    const float bar_y = one_row ? row.y : row.y + bh + ui.px(12);
    const float bar_x = one_row ? row.x + width - bar_w : row.x;
    ImGui::SetCursorScreenPos(ImVec2(bar_x, bar_y));
    // No pipeline (an opportunity without a team's stages): no bar at all, not its empty outline's stray line.
    if (!steps.empty())
        if (const std::int64_t clicked = statusbar(ui, steps, lead->stage_id, lead->active && !busy)) form.move_to(clicked);
    ImGui::SetCursorScreenPos(ImVec2(start.x, bar_y + ui.px(34)));
    ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace tumen::app
