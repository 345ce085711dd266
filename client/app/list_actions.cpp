// The mass-action bar shown in the search bar's place while rows are ticked: the count and "clear", pickers for
// salesperson, team, tag and stage, the lost dialog (reason + note), archive or restore, and merge (2 or more,
// confirmed in a dialog). Every action goes to the list's view model, which reloads or names what failed.
#include <algorithm>
#include <cmath>

#include "board_view.hpp"
#include "lead_widgets.hpp"
#include "list_view.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app::list {

namespace {

using client::AppState;

// A compact bar button; `dropdown` adds a chevron. Returns true when clicked.
bool bar_button(Ui& ui, std::string_view id, const std::string& label, bool enabled, bool dropdown, bool danger = false) {
    ImFont* f = ui.fonts.strong;
    const float fs = ui.px(14);
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
    const ImVec2 size(ts.x + ui.px(dropdown ? 40 : 24), ui.px(34));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::BeginDisabled(!enabled);
    const bool clicked = ImGui::InvisibleButton(("##" + std::string(id)).c_str(), size);
    ImGui::EndDisabled();
    const bool hv = enabled && ImGui::IsItemHovered();
    if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, max, hv ? color::surface_hover : color::surface, ui.px(8));
    dl->AddRect(pos, max, hv ? color::border_hover : color::border_strong, ui.px(8), 0, ui.px(1));
    const ImU32 fg = !enabled ? color::text_muted : danger ? color::danger_text : color::text;
    dl->AddText(f, fs, ImVec2(pos.x + ui.px(12), std::floor(pos.y + (size.y - ts.y) * 0.5f)), fg, label.c_str());
    if (dropdown) chevron_down(dl, ImVec2(max.x - ui.px(16), pos.y + size.y * 0.5f), ui.px(8), fg);
    ui.record(id, label, "button", pos, max);
    return clicked && enabled;
}

float bar_button_width(Ui& ui, const std::string& label, bool dropdown) {
    return ui.fonts.strong->CalcTextSizeA(ui.px(14), FLT_MAX, 0, label.c_str()).x + ui.px(dropdown ? 40 : 24);
}

// A picker menu under a bar button; calls `on_pick` with the chosen id.
template <class F>
void picker_popup(AppState& app, Ui& ui, const char* popup, const char* id, ImVec2 at,
                  const std::vector<client::NamedRef>& items, std::string_view none_label, F on_pick) {
    ImGui::SetNextWindowPos(at);
    push_popup_style(ui);
    if (ImGui::BeginPopup(popup)) {
        if (auto picked = pick_list(app, ui, id, items, none_label)) on_pick(*picked);
        ImGui::EndPopup();
    }
    pop_popup_style();
}

void begin_dialog_style(Ui& ui) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(24, 20));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, color::scrim);
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(480), d.x - ui.px(32)), 0));
}

void end_dialog_style() {
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

constexpr ImGuiWindowFlags dialog_flags =
    ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize |
    ImGuiWindowFlags_NoSavedSettings;

void lost_dialog(AppState& app, Ui& ui) {
    auto& list = app.list();
    auto& vs = view_state();
    begin_dialog_style(ui);
    if (ImGui::BeginPopupModal("list.lost", nullptr, dialog_flags)) {
        const float w = ImGui::GetContentRegionAvail().x;
        text(ui, "list.lost.title", app.tr("list.lost.title", {{"count", std::to_string(list.selection().size())}}),
             ui.fonts.strong, color::text);
        gap(ui, 14);
        text(ui, "list.lost.reason_label", app.tr("list.lost.reason"), ui.fonts.small, color::text_secondary);
        gap(ui, 6);
        if (radio(ui, "list.lost.reason.0", app.tr("list.lost.no_reason"), !vs.lost_reason)) vs.lost_reason.reset();
        for (const auto& r : list.lost_reasons()) {
            gap(ui, 6);
            if (radio(ui, "list.lost.reason." + std::to_string(r.id), r.name, vs.lost_reason == r.id)) vs.lost_reason = r.id;
        }
        gap(ui, 14);
        text(ui, "list.lost.note_label", app.tr("list.lost.note"), ui.fonts.small, color::text_secondary);
        gap(ui, 6);
        board::field(ui, "list.lost.note", app.tr("list.lost.note"), vs.lost_note, w, ImGui::IsWindowAppearing());
        gap(ui, 18);
        const std::string submit = app.tr("list.lost.submit"), cancel = app.tr("list.cancel");
        const float sw = text_size(ui.fonts.strong, submit).x + ui.px(32), cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + w - sw - cw - ui.px(8));
        if (button(ui, "list.lost.cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38))) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::SameLine(0, ui.px(8));
        if (button(ui, "list.lost.submit", submit, ButtonKind::primary, ImVec2(sw, ui.px(38)), !list.busy())) {
            list.mark_lost(vs.lost_reason, vs.lost_note);
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    end_dialog_style();
}

void merge_dialog(AppState& app, Ui& ui) {
    auto& list = app.list();
    begin_dialog_style(ui);
    if (ImGui::BeginPopupModal("list.merge", nullptr, dialog_flags)) {
        const float w = ImGui::GetContentRegionAvail().x;
        text(ui, "list.merge.title", app.tr("list.merge.title", {{"count", std::to_string(list.selection().size())}}),
             ui.fonts.strong, color::text);
        gap(ui, 10);
        paragraph(ui, "list.merge.body", app.tr("list.merge.body"), ui.fonts.body, color::text_secondary, w);
        gap(ui, 18);
        const std::string submit = app.tr("list.merge.submit"), cancel = app.tr("list.cancel");
        const float sw = text_size(ui.fonts.strong, submit).x + ui.px(32), cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + w - sw - cw - ui.px(8));
        if (button(ui, "list.merge.cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38))) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::SameLine(0, ui.px(8));
        if (button(ui, "list.merge.submit", submit, ButtonKind::primary, ImVec2(sw, ui.px(38)), !list.busy())) {
            list.merge();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    end_dialog_style();
}

}  // namespace

void draw_mass_actions(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& list = app.list();
    auto& vs = view_state();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ui.px(toolbar_h) - ui.px(4);
    const ImVec2 max(origin.x + width, origin.y + h);
    dl->AddRectFilled(origin, max, color::primary_soft, ui.px(12));
    dl->AddRect(origin, max, with_alpha(color::primary, 0x40), ui.px(12), 0, ui.px(1));
    const float cy = std::floor(origin.y + (h - ui.px(34)) * 0.5f);

    const std::string count = app.tr("list.selected", {{"count", std::to_string(list.selection().size())}});
    const ImVec2 ts = text_size(ui.fonts.strong, count);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ui.px(16), std::floor(origin.y + (h - ts.y) * 0.5f)));
    text(ui, "list.selected", count, ui.fonts.strong, color::primary_active);
    float x = origin.x + ui.px(16) + ts.x + ui.px(8);
    const std::string clear = app.tr("list.clear_selection");
    const float clear_w = text_size(ui.fonts.strong, clear).x + ui.px(24);
    ImGui::SetCursorScreenPos(ImVec2(x, cy));
    if (button(ui, "list.clear_selection", clear, ButtonKind::ghost, ImVec2(clear_w, ui.px(34)))) list.clear_selection();
    x += clear_w + ui.px(16);
    dl->AddLine(ImVec2(x - ui.px(8), cy + ui.px(6)), ImVec2(x - ui.px(8), cy + ui.px(28)), with_alpha(color::primary, 0x40), ui.px(1));

    const bool enabled = !list.busy();
    const bool inactive_view = list.query().lost || list.query().archived;
    auto place = [&](const char* id, const char* key, bool dropdown, bool on = true) {
        const std::string label = app.tr(key);
        ImGui::SetCursorScreenPos(ImVec2(x, cy));
        const bool clicked = bar_button(ui, id, label, enabled && on, dropdown);
        x += bar_button_width(ui, label, dropdown) + ui.px(8);
        return std::make_pair(clicked, x);
    };
    float at_x = x;
    if (place("list.action.assign", "list.action.assign", true).first) ImGui::OpenPopup("list.assign_menu");
    picker_popup(app, ui, "list.assign_menu", "list.assign", ImVec2(at_x, cy + ui.px(38)), list.users(),
                 app.tr("list.unassigned"),
                 [&](std::int64_t id) { list.assign_user(id == 0 ? std::nullopt : std::optional<std::int64_t>(id)); });
    at_x = x;
    if (place("list.action.team", "list.action.team", true).first) ImGui::OpenPopup("list.team_menu");
    picker_popup(app, ui, "list.team_menu", "list.team", ImVec2(at_x, cy + ui.px(38)), list.teams(), "",
                 [&](std::int64_t id) { list.assign_team(id); });
    at_x = x;
    if (place("list.action.tag", "list.action.tag", true).first) ImGui::OpenPopup("list.tag_menu");
    picker_popup(app, ui, "list.tag_menu", "list.tag", ImVec2(at_x, cy + ui.px(38)), list.tags(), "",
                 [&](std::int64_t id) { list.add_tag(id); });
    at_x = x;
    if (place("list.action.stage", "list.action.stage", true).first) ImGui::OpenPopup("list.stage_menu");
    picker_popup(app, ui, "list.stage_menu", "list.stage", ImVec2(at_x, cy + ui.px(38)), list.stages(), "",
                 [&](std::int64_t id) { list.set_stage(id); });
    if (place("list.action.lost", "list.action.lost", false).first) {
        vs.lost_reason.reset();
        vs.lost_note.clear();
        ImGui::OpenPopup("list.lost");
    }
    if (inactive_view) {
        if (place("list.action.restore", "list.action.restore", false).first) list.restore();
    } else if (place("list.action.archive", "list.action.archive", false).first) {
        list.archive();
    }
    if (place("list.action.merge", "list.action.merge", false, list.selection().size() >= 2).first) ImGui::OpenPopup("list.merge");
    if (list.busy()) {
        const std::string w = app.tr("list.working");
        const ImVec2 ws = text_size(ui.fonts.small, w);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + width - ws.x - ui.px(16), std::floor(origin.y + (h - ws.y) * 0.5f)));
        text(ui, "list.working", w, ui.fonts.small, color::text_secondary);
    }
    lost_dialog(app, ui);
    merge_dialog(app, ui);
}

}  // namespace tumen::app::list
