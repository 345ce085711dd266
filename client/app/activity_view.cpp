// Activities (issue 6): the lead form's "Activities" block (type icon, summary, due date in words, assignee, Mark
// done / Snooze / Edit / Cancel), the one modal dialog for Schedule / Edit, Mark done and "schedule the next
// step?", and the state icon the board cards share.
#include <algorithm>
#include <cmath>

#include "activity_view.hpp"
#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::ActivitiesState;
using client::ActivityDialog;
using client::ActivityItem;
using client::AppState;

namespace {

constexpr const char* activity_popup_id = "##dialog.activity";

std::string activity_err(AppState& app, const ActivitiesState& st, const std::string& field) {
    const client::Message* m = st.error(field);
    return m ? m->render(app.language()) : std::string();
}

// Opens the modal frame; the caller draws the content and calls ImGui::EndPopup() when this returns true.
bool begin_modal(Ui& ui, float width) {
    if (!ImGui::IsPopupOpen(activity_popup_id)) ImGui::OpenPopup(activity_popup_id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    width = std::min(width, display.x - ui.px(24));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.45f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(22)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, ImGui::ColorConvertU32ToFloat4(with_alpha(color::shadow, 0x70)));
    const bool open = ImGui::BeginPopupModal(activity_popup_id, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    return open;
}

// Cancel + the primary button, right-aligned. Returns 1 for the primary, -1 for cancel / Esc, 0 otherwise.
int dialog_buttons(AppState& app, Ui& ui, const std::string& id, float inner, const std::string& primary,
                   const std::string& secondary, bool enabled) {
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const float bw = text_size(ui.fonts.strong, primary).x + ui.px(32);
    const float cw = text_size(ui.fonts.strong, secondary).x + ui.px(32);
    int out = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) ? -1 : 0;
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - bw - cw - ui.px(10), row.y));
    if (button(ui, id + ".cancel", secondary, ButtonKind::secondary, ImVec2(cw, ui.px(38)))) out = -1;
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - bw, row.y));
    if (button(ui, id + ".save", primary, ButtonKind::primary, ImVec2(bw, ui.px(38)), enabled)) out = 1;
    (void)app;
    return out;
}

void schedule_content(AppState& app, Ui& ui, float inner) {
    auto& st = app.activities();
    auto& d = st.draft();
    const std::string id = "activity";
    text(ui, id + ".dialog_title", app.tr(d.activity_id ? "activity.dialog_edit" : "activity.dialog_new"), ui.fonts.title,
         color::text);
    gap(ui, 12);
    std::vector<PickItem> types;
    for (const auto& t : st.types())
        if (t.active || (d.type_id && *d.type_id == t.id)) types.push_back({t.id, st.type_label(t)});
    std::optional<std::int64_t> type_id = d.type_id;
    const float half = std::floor((inner - ui.px(12)) / 2);
    FieldOptions ot;
    ot.width = half;
    const std::string e_type = activity_err(app, st, "type_id");
    ot.error = e_type;
    const ImVec2 row = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    if (form_picker(ui, id + ".type", app.tr("activity.type"), types, type_id, app.tr("activity.no_type"), ot))
        st.pick_type(type_id);
    ImGui::EndGroup();
    float bottom = ImGui::GetItemRectMax().y;
    FieldOptions od;
    od.width = half;
    od.hint = "2026-11-28";
    const std::string e_due = activity_err(app, st, "due_date");
    od.error = e_due;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(12), row.y));
    ImGui::BeginGroup();
    if (form_field(ui, id + ".due", app.tr("activity.due_date"), d.due_date, od)) st.clear_error("due_date");
    ImGui::EndGroup();
    bottom = std::max(bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(ImVec2(row.x, bottom + ui.px(10)));

    FieldOptions o;
    o.width = inner;
    const std::string e_summary = activity_err(app, st, "summary");
    o.error = e_summary;
    if (form_field(ui, id + ".summary", app.tr("activity.summary"), d.summary, o)) st.clear_error("summary");
    gap(ui, 10);
    std::vector<PickItem> users;
    for (const auto& u : app.lead_form().refs().users) users.push_back({u.id, u.name});
    if (users.empty())
        for (const auto& u : st.users()) users.push_back({u.id, u.name});
    if (d.user_id && std::none_of(users.begin(), users.end(), [&](const PickItem& p) { return p.id == *d.user_id; }) &&
        app.session() && app.session()->user.id == *d.user_id)
        users.push_back({*d.user_id, app.session()->user.name});
    FieldOptions ou;
    ou.width = half;
    const std::string e_user = activity_err(app, st, "user_id");
    ou.error = e_user;
    if (form_picker(ui, id + ".user", app.tr("activity.assignee"), users, d.user_id, app.tr("activity.unassigned"), ou))
        st.clear_error("user_id");
    gap(ui, 10);
    FieldOptions on;
    on.width = inner;
    on.multiline_height = ui.px(70);
    const std::string e_note = activity_err(app, st, "note");
    on.error = e_note;
    form_field(ui, id + ".note", app.tr("activity.note"), d.note, on);
    if (!st.dialog_banner().empty()) {
        gap(ui, 12);
        alert(ui, id + ".error", st.dialog_banner().render(app.language()), inner);
    }
    gap(ui, 18);
    const std::string save =
        app.tr(st.busy() ? "activity.saving" : d.activity_id ? "activity.save_edit" : "activity.save");
    const int clicked = dialog_buttons(app, ui, id, inner, save, app.tr("lead.dialog.cancel"), !st.busy());
    if (clicked > 0) st.save_dialog();
    if (clicked < 0) st.close_dialog();
}

void done_content(AppState& app, Ui& ui, float inner) {
    auto& st = app.activities();
    const std::string id = "activity_done";
    const auto& item = st.done_item();
    const std::string what = item.activity.summary.empty() ? st.type_label(item) : item.activity.summary;
    text(ui, id + ".dialog_title", app.tr("activity.done_title", {{"summary", what}}), ui.fonts.title, color::text, inner);
    gap(ui, 12);
    FieldOptions o;
    o.width = inner;
    o.multiline_height = ui.px(80);
    const std::string e = activity_err(app, st, "feedback");
    o.error = e;
    o.focus = ImGui::IsWindowAppearing();
    form_field(ui, id + ".feedback", app.tr("activity.feedback"), st.feedback(), o);
    if (!st.dialog_banner().empty() || st.error("state")) {
        gap(ui, 12);
        const std::string msg = st.error("state") ? activity_err(app, st, "state") : st.dialog_banner().render(app.language());
        alert(ui, id + ".error", msg, inner);
    }
    gap(ui, 18);
    const int clicked = dialog_buttons(app, ui, id, inner, app.tr(st.busy() ? "activity.saving" : "activity.done_submit"),
                                       app.tr("lead.dialog.cancel"), !st.busy());
    if (clicked > 0) st.submit_done();
    if (clicked < 0) st.close_dialog();
}

void next_content(AppState& app, Ui& ui, float inner) {
    auto& st = app.activities();
    const std::string id = "activity_next";
    text(ui, id + ".dialog_title", app.tr("activity.next_title"), ui.fonts.title, color::text, inner);
    gap(ui, 14);
    std::optional<std::int64_t> picked;
    for (std::int64_t t : st.suggested()) {
        if (button(ui, id + ".type." + std::to_string(t), st.type_label_of(t), ButtonKind::secondary, ImVec2(0, ui.px(36))))
            picked = t;
        ImGui::SameLine(0, ui.px(10));
    }
    ImGui::NewLine();
    gap(ui, 14);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const std::string skip = app.tr("activity.next_skip");
    const float sw = text_size(ui.fonts.strong, skip).x + ui.px(32);
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - sw, row.y));
    const bool skipped = button(ui, id + ".skip", skip, ButtonKind::ghost, ImVec2(sw, ui.px(36))) ||
                         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (picked) st.schedule_suggested(*picked);
    else if (skipped) st.close_dialog();
}

}  // namespace

ImU32 activity_state_color(std::string_view due_state) {
    if (due_state == "overdue") return color::danger;
    if (due_state == "today") return lead_color::warning;
    return lead_color::success;
}

void activity_icon(Ui& ui, ImDrawList* dl, ImVec2 centre, float radius, std::string_view due_state,
                   std::string_view label) {
    dl->AddCircleFilled(centre, radius, activity_state_color(due_state), 24);
    if (label.empty()) return;
    // The type's first letter (whole UTF-8 sequence) in white.
    const unsigned char c = static_cast<unsigned char>(label[0]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    const std::string letter(label.substr(0, std::min(len, label.size())));
    ImFont* f = ui.fonts.small;
    const ImVec2 ts = text_size(f, letter);
    dl->AddText(f, f->FontSize, ImVec2(std::floor(centre.x - ts.x * 0.5f), std::floor(centre.y - ts.y * 0.5f)),
                color::on_primary, letter.c_str());
}

std::string activity_due_text(AppState& app, const ActivityItem& it, std::optional<DayNumber> today) {
    if (!it.activity.due_date) return {};
    if (!today) return format_date(*it.activity.due_date);
    return client::due_words(*it.activity.due_date, *today).render(app.language());
}

void activity_row(AppState& app, Ui& ui, const ActivityItem& it, std::optional<DayNumber> today, const std::string& id,
                  float width, bool show_lead) {
    auto& st = app.activities();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = ui.px(12);
    const std::string type = st.type_label(it);
    activity_icon(ui, dl, ImVec2(p.x + r, p.y + r), r, it.due_state, type);
    ui.record(id + ".icon", it.due_state, "icon", p, ImVec2(p.x + 2 * r, p.y + 2 * r));
    const float tx = p.x + 2 * r + ui.px(10), tw = width - 2 * r - ui.px(10);
    ImGui::SetCursorScreenPos(ImVec2(tx, p.y));
    ImGui::BeginGroup();
    const std::string head = it.activity.summary.empty() ? type : type + " · " + it.activity.summary;
    text(ui, id + ".summary", head, ui.fonts.strong, color::text, tw);
    if (show_lead && !it.lead_name.empty()) {
        if (link(ui, id + ".lead", it.lead_name, ui.fonts.body)) app.navigate(Route::lead(it.activity.lead_id));
    }
    text(ui, id + ".due", activity_due_text(app, it, today), ui.fonts.small, activity_state_color(it.due_state));
    if (it.activity.user_id) {
        ImGui::SameLine(0, ui.px(8));
        const std::string who = st.user_name(*it.activity.user_id);
        text(ui, id + ".user", "· " + who, ui.fonts.small, color::text_secondary);
    }
    if (!it.activity.note.empty()) paragraph(ui, id + ".note", it.activity.note, ui.fonts.small, color::text_secondary, tw);
    gap(ui, 2);
    if (link(ui, id + ".done", app.tr("activity.mark_done"), ui.fonts.small)) st.open_done(it);
    ImGui::SameLine(0, ui.px(12));
    if (link(ui, id + ".snooze1", app.tr("activity.snooze_1"), ui.fonts.small)) st.snooze(it, 1);
    ImGui::SameLine(0, ui.px(12));
    if (link(ui, id + ".snooze7", app.tr("activity.snooze_7"), ui.fonts.small)) st.snooze(it, 7);
    ImGui::SameLine(0, ui.px(12));
    if (link(ui, id + ".edit", app.tr("activity.edit"), ui.fonts.small)) st.open_edit(it);
    ImGui::SameLine(0, ui.px(12));
    if (link(ui, id + ".cancel", app.tr("activity.cancel"), ui.fonts.small)) st.cancel(it.activity.id);
    ImGui::EndGroup();
    const float bottom = std::max(ImGui::GetItemRectMax().y, p.y + 2 * r);
    ImGui::SetCursorScreenPos(ImVec2(p.x, bottom + ui.px(10)));
    ImGui::Dummy(ImVec2(width, 0));
}

void activity_messages(AppState& app, Ui& ui, const std::string& id, float width) {
    auto& st = app.activities();
    if (!st.banner().empty()) {
        alert(ui, id + ".banner", st.banner().render(app.language()), width);
        if (link(ui, id + ".dismiss", app.tr("lead.dialog.cancel"), ui.fonts.small)) st.dismiss();
        gap(ui, 6);
    } else if (!st.notice().empty()) {
        text(ui, id + ".notice", st.notice().render(app.language()), ui.fonts.body, lead_color::success, width);
        gap(ui, 6);
    }
}

void lead_activities_block(AppState& app, Ui& ui, float width) {
    auto& st = app.activities();
    const auto& form = app.lead_form();
    st.show_lead(form.lead() ? form.lead()->id : 0);
    if (!form.lead()) return;
    section_title(ui, "lead.activities.title", app.tr("activity.block_title"), width);
    gap(ui, 6);
    activity_messages(app, ui, "lead.activities", width);
    if (st.lead_loaded() && st.lead_items().empty())
        text(ui, "lead.activities.empty", app.tr("activity.none"), ui.fonts.body, color::text_muted);
    for (const auto& it : st.lead_items())
        activity_row(app, ui, it, st.today(), "lead.activity." + std::to_string(it.activity.id), width, false);
    gap(ui, 4);
    if (button(ui, "lead.activity.schedule", app.tr("activity.schedule"), ButtonKind::secondary, ImVec2(0, ui.px(34))))
        st.open_schedule(form.lead()->id);
    gap(ui, 16);
}

void activity_dialog(AppState& app, Ui& ui) {
    auto& st = app.activities();
    if (st.dialog() == ActivityDialog::none) {
        if (ImGui::IsPopupOpen(activity_popup_id) && ImGui::BeginPopupModal(activity_popup_id, nullptr, ImGuiWindowFlags_NoTitleBar)) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        return;
    }
    const float width = ui.px(st.dialog() == ActivityDialog::schedule ? 560 : 500);
    if (!begin_modal(ui, width)) return;
    const float inner = std::min(width, ImGui::GetIO().DisplaySize.x - ui.px(24)) - ui.px(56);
    switch (st.dialog()) {
        case ActivityDialog::schedule: schedule_content(app, ui, inner); break;
        case ActivityDialog::done: done_content(app, ui, inner); break;
        case ActivityDialog::next: next_content(app, ui, inner); break;
        case ActivityDialog::none: break;
    }
    if (st.dialog() == ActivityDialog::none) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace tumen::app
