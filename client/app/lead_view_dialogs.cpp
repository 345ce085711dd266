// The lead form's modal dialogs: Mark lost (reason + note), Convert to opportunity (customer, team, salesperson,
// duplicates to merge) and Merge (duplicates with checkboxes). Esc or Cancel closes them; errors show inside.
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;
using client::Dialog;

namespace {

constexpr const char* popup_ids[] = {"##dialog.lost", "##dialog.convert", "##dialog.merge"};

const char* popup_of(Dialog d) {
    switch (d) {
        case Dialog::lost: return popup_ids[0];
        case Dialog::convert: return popup_ids[1];
        case Dialog::merge: return popup_ids[2];
        case Dialog::none: break;
    }
    return nullptr;
}

bool lead_view_dialogs_escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }

// Opens the modal frame; the caller draws the content and calls end_dialog() when this returns true.
bool begin_dialog(AppState& app, Ui& ui, const char* popup, const std::string& id, const std::string& title, float width) {
    if (!ImGui::IsPopupOpen(popup)) ImGui::OpenPopup(popup);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    width = std::min(width, display.x - ui.px(24));
    // A little above the middle, but never above the window's top: a tall dialog (a long duplicate list at 720 px)
    // starts at the top margin. The height is last frame's (the dialog sizes itself to its content).
    const float height = ui.remembered(id + ".height", 0.0f);
    const float top = std::max(ui.px(16), display.y * 0.42f - height * 0.5f);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, top), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(24)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, color::scrim);  // the palette's dim (theme.hpp)
    const bool open = ImGui::BeginPopupModal(popup, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    if (!open) return false;
    const float inner = width - ui.px(56);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    text(ui, id + ".title", title, ui.fonts.title, color::text);
    // close (×) in the corner
    const float s = ui.px(32);
    const ImVec2 xp(p.x + inner - s + ui.px(6), p.y - ui.px(2));
    ImGui::SetCursorScreenPos(xp);
    if (ImGui::InvisibleButton((id + ".close").c_str(), ImVec2(s, s))) app.lead_form().close_dialog();
    const bool hov = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hov) dl->AddRectFilled(xp, ImVec2(xp.x + s, xp.y + s), color::surface_muted, ui.px(8));
    const ImVec2 c(xp.x + s * 0.5f, xp.y + s * 0.5f);
    const float r = ui.px(5);
    dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color::text_secondary, ui.px(1.5f));
    dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), color::text_secondary, ui.px(1.5f));
    ui.record(id + ".close", "×", "button", xp, ImVec2(xp.x + s, xp.y + s));
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + ui.fonts.title->FontSize + ui.px(18)));
    ImGui::Dummy(ImVec2(inner, 0));
    return true;
}

// Closes what begin_dialog() opened, keeping the dialog's height for the next frame's position.
void end_dialog(Ui& ui, const std::string& id) {
    ui.remember(id + ".height", ImGui::GetWindowHeight());
    ImGui::EndPopup();
}

// Error banner, then Cancel + the primary button on the right. Returns true when the primary one was clicked.
bool dialog_footer(AppState& app, Ui& ui, const std::string& id, const std::string& submit_label, bool can_submit,
                   float inner) {
    auto& form = app.lead_form();
    if (!form.dialog_error().empty()) {
        gap(ui, 16);
        alert(ui, id + ".error", form.dialog_error().render(app.language()), inner);
    }
    gap(ui, 24);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const std::string cancel = app.tr("lead.dialog.cancel");
    const float sw = text_size(ui.fonts.strong, submit_label).x + ui.px(32);
    const float cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - sw - cw - ui.px(10), row.y));
    if (button(ui, id + ".cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38)))) form.close_dialog();
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - sw, row.y));
    const bool clicked = button(ui, id + ".submit", submit_label, ButtonKind::primary, ImVec2(sw, ui.px(38)),
                                can_submit && !form.dialog_busy());
    return clicked;
}

std::vector<PickItem> lead_view_dialogs_picks(const std::vector<client::RefItem>& list) {
    std::vector<PickItem> out;
    for (const auto& r : list) out.push_back({r.id, r.name});
    return out;
}

std::string reason_text(AppState& app, const std::string& reason) {
    const std::string key = "lead.reason." + reason;
    return i18n::has(app.language(), key) ? app.tr(key) : reason;
}

// The height left for a dialog's list so that the whole dialog, footer included, fits the window: what is drawn
// above the list is measured from the dialog's top; the footer (a banner when there is an error, the buttons and
// the bottom padding) is reserved.
float lead_view_dialogs_list_room(AppState& app, Ui& ui) {
    const float above = ImGui::GetCursorScreenPos().y - ImGui::GetWindowPos().y;
    const float footer = ui.px(24 + 38 + 24) + (app.lead_form().dialog_error().empty() ? 0 : ui.px(16 + 64));
    return std::max(ui.px(120), ImGui::GetIO().DisplaySize.y - ui.px(32) - above - footer);
}

// The duplicates as checkboxes: "name · contact, e-mail (why)". A long list scrolls inside the dialog: its natural
// height (measured when drawn, remembered for the next frame) is capped by the room the window has.
void duplicate_list(AppState& app, Ui& ui, const std::string& id, std::vector<client::Duplicate>& list, float inner) {
    const std::string natural_key = id + ".dups.natural";
    const float room = lead_view_dialogs_list_room(app, ui);
    const float height = std::min(ui.remembered(natural_key, room), room);
    ImGui::BeginChild((id + ".dups").c_str(), ImVec2(inner + ui.px(8), height), false);
    const float top = ImGui::GetCursorPosY();
    for (auto& d : list) {
        const std::string did = id + ".dup." + std::to_string(d.id);
        checkbox(ui, did, d.name.empty() ? "#" + std::to_string(d.id) : d.name, d.checked);
        std::string detail;
        for (const std::string* part : {&d.partner_name, &d.contact_name, &d.email})
            if (!part->empty()) detail += (detail.empty() ? "" : ", ") + *part;
        if (!d.reason.empty()) detail += (detail.empty() ? "" : " · ") + reason_text(app, d.reason);
        if (!detail.empty()) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(p.x + ui.px(28), p.y + ui.px(2)));
            paragraph(ui, did + ".detail", detail, ui.fonts.small, color::text_secondary, inner - ui.px(28));
        }
        gap(ui, 10);
    }
    const float drawn = ImGui::GetCursorPosY() - top;
    ImGui::EndChild();
    ui.remember(natural_key, drawn);
}

void lost_dialog(AppState& app, Ui& ui) {
    auto& form = app.lead_form();
    const float width = ui.px(500), inner = width - ui.px(56);
    if (!begin_dialog(app, ui, popup_ids[0], "lead.lost_dialog", app.tr("lead.lost.title"), width)) return;
    auto& d = form.lost();
    FieldOptions o;
    o.width = inner;
    const std::string none = app.tr("lead.lost.no_reason");
    o.hint = none;
    form_picker(ui, "lead.lost.reason", app.tr("lead.lost.reason"), lead_view_dialogs_picks(form.refs().lost_reasons), d.reason_id, none, o);
    gap(ui, 16);
    FieldOptions n;
    n.width = inner;
    n.multiline_height = ui.px(96);
    form_field(ui, "lead.lost.note", app.tr("lead.lost.note"), d.note, n);
    if (dialog_footer(app, ui, "lead.lost", app.tr("lead.lost.submit"), true, inner)) form.submit_lost();
    end_dialog(ui, "lead.lost_dialog");
}

void convert_dialog(AppState& app, Ui& ui) {
    auto& form = app.lead_form();
    const float width = ui.px(620), inner = width - ui.px(56);
    if (!begin_dialog(app, ui, popup_ids[1], "lead.convert_dialog", app.tr("lead.convert.title"), width)) return;
    auto& d = form.convert();
    if (d.loading) {
        text(ui, "lead.convert.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
    } else {
        section_title(ui, "lead.convert.customer", app.tr("lead.convert.customer"), inner);
        if (radio(ui, "lead.convert.create", app.tr("lead.convert.create"), d.action == "create")) d.action = "create";
        gap(ui, 10);
        if (d.partner_id) {
            const std::string label = app.tr("lead.convert.exist", {{"name", d.partner_name}});
            if (radio(ui, "lead.convert.exist", label, d.action == "exist")) d.action = "exist";
            gap(ui, 10);
        }
        if (radio(ui, "lead.convert.nothing", app.tr("lead.convert.nothing"), d.action == "nothing")) d.action = "nothing";
        gap(ui, 22);
        const float half = std::floor((inner - ui.px(16)) * 0.5f);
        const ImVec2 row = ImGui::GetCursorScreenPos();
        FieldOptions o;
        o.width = half;
        const std::string none = app.tr("lead.none"), unassigned = app.tr("lead.unassigned");
        o.hint = none;
        form_picker(ui, "lead.convert.team", app.tr("lead.field.team_id"), lead_view_dialogs_picks(form.refs().teams), d.team_id, none, o);
        ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(16), row.y));
        o.hint = unassigned;
        form_picker(ui, "lead.convert.user", app.tr("lead.field.user_id"), lead_view_dialogs_picks(form.refs().users), d.user_id, unassigned, o);
        gap(ui, 22);
        section_title(ui, "lead.convert.duplicates", app.tr("lead.convert.duplicates"), inner);
        if (d.duplicates.empty())
            text(ui, "lead.convert.no_duplicates", app.tr("lead.convert.no_duplicates"), ui.fonts.body, color::text_muted);
        duplicate_list(app, ui, "lead.convert", d.duplicates, inner);
    }
    if (dialog_footer(app, ui, "lead.convert", app.tr("lead.convert.submit"), !d.loading, inner)) form.submit_convert();
    end_dialog(ui, "lead.convert_dialog");
}

void merge_dialog(AppState& app, Ui& ui) {
    auto& form = app.lead_form();
    const float width = ui.px(600), inner = width - ui.px(56);
    if (!begin_dialog(app, ui, popup_ids[2], "lead.merge_dialog", app.tr("lead.merge.title"), width)) return;
    auto& d = form.merge();
    if (d.loading) {
        text(ui, "lead.merge.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
    } else {
        paragraph(ui, "lead.merge.body", app.tr("lead.merge.body"), ui.fonts.body, color::text_secondary, inner);
        gap(ui, 16);
        if (d.duplicates.empty())
            text(ui, "lead.merge.none", app.tr("lead.merge.none"), ui.fonts.body, color::text_muted);
        duplicate_list(app, ui, "lead.merge", d.duplicates, inner);
    }
    const bool any = std::any_of(d.duplicates.begin(), d.duplicates.end(), [](const auto& x) { return x.checked; });
    if (dialog_footer(app, ui, "lead.merge", app.tr("lead.merge.submit"), any, inner)) form.submit_merge();
    end_dialog(ui, "lead.merge_dialog");
}

}  // namespace

void lead_dialogs(AppState& app, Ui& ui) {
    auto& form = app.lead_form();
    const Dialog open = form.dialog();
    // A dialog the view model closed (submitted, cancelled) is closed in ImGui too.
    for (const char* popup : popup_ids) {
        if (popup == popup_of(open) || !ImGui::IsPopupOpen(popup)) continue;
        if (ImGui::BeginPopupModal(popup, nullptr, ImGuiWindowFlags_NoTitleBar)) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
    }
    if (open == Dialog::none) return;
    switch (open) {
        case Dialog::lost: lost_dialog(app, ui); break;
        case Dialog::convert: convert_dialog(app, ui); break;
        case Dialog::merge: merge_dialog(app, ui); break;
        case Dialog::none: break;
    }
    if (lead_view_dialogs_escape_pressed()) form.close_dialog();  // closed in ImGui on the next frame, by the loop above
}

}  // namespace tumen::app
