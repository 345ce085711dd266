// Meetings on the lead form: the "Meeting" dialog (title, date, start/end or all-day, attendees from the users and
// the lead's contact, location, description, reminder) and the block of the lead's upcoming meetings. The same
// dialog serves the calendar's "New meeting" (no lead).
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "settings_view.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

constexpr const char* meeting_dialog_popup_id = "##dialog.meeting";

std::string meeting_dialog_err(AppState& app, const client::CalendarState& c, const std::string& field) {
    const client::Message* m = c.dialog_error(field);
    return m ? m->render(app.language()) : std::string();
}

std::string reminder_label(AppState& app, int minutes) {
    if (minutes < 0) return app.tr("meeting.reminder_none");
    if (minutes == 0) return app.tr("meeting.reminder_at_start");
    if (minutes % 1440 == 0) return app.tr("meeting.reminder_days", {{"count", std::to_string(minutes / 1440)}});
    if (minutes % 60 == 0) return app.tr("meeting.reminder_hours", {{"count", std::to_string(minutes / 60)}});
    return app.tr("meeting.reminder_minutes", {{"count", std::to_string(minutes)}});
}

}  // namespace

void meeting_dialog(AppState& app, Ui& ui) {
    auto& c = app.calendar();
    if (!c.dialog_open()) {
        if (ImGui::IsPopupOpen(meeting_dialog_popup_id) && ImGui::BeginPopupModal(meeting_dialog_popup_id, nullptr, ImGuiWindowFlags_NoTitleBar)) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        return;
    }
    if (!ImGui::IsPopupOpen(meeting_dialog_popup_id)) ImGui::OpenPopup(meeting_dialog_popup_id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = std::min(ui.px(560), display.x - ui.px(24));
    const float inner = width - ui.px(56);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, display.y - ui.px(24)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(22)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, color::scrim);  // the palette's dim (theme.hpp)
    const bool open = ImGui::BeginPopupModal(meeting_dialog_popup_id, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    if (!open) return;
    auto& d = c.draft();
    const std::string id = "meeting";
    text(ui, id + ".dialog_title", app.tr("meeting.dialog_title"), ui.fonts.title, color::text);
    gap(ui, 12);
    FieldOptions o;
    o.width = inner;
    const std::string e_title = meeting_dialog_err(app, c, "title");
    o.error = e_title;
    if (form_field(ui, id + ".title", app.tr("meeting.title"), d.title, o)) c.clear_dialog_error("title");
    gap(ui, 10);

    // Date, start, end on one row.
    const float third = std::floor((inner - ui.px(20)) / 3);
    const std::string e_date = meeting_dialog_err(app, c, "date"), e_start = meeting_dialog_err(app, c, "start_time"), e_end = meeting_dialog_err(app, c, "end_time");
    const ImVec2 row = ImGui::GetCursorScreenPos();
    FieldOptions od;
    od.width = d.all_day ? inner : third;
    od.hint = "2026-11-28";
    od.error = e_date;
    ImGui::BeginGroup();
    if (form_field(ui, id + ".date", app.tr("meeting.date"), d.date, od)) c.clear_dialog_error("date");
    ImGui::EndGroup();
    float row_bottom = ImGui::GetItemRectMax().y;
    if (!d.all_day) {
        FieldOptions ot;
        ot.width = third;
        ot.hint = "09:30";
        ot.error = e_start;
        ImGui::SetCursorScreenPos(ImVec2(row.x + third + ui.px(10), row.y));
        ImGui::BeginGroup();
        if (form_field(ui, id + ".start", app.tr("meeting.start"), d.start_time, ot)) c.clear_dialog_error("start_time");
        ImGui::EndGroup();
        row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
        ot.error = e_end;
        ImGui::SetCursorScreenPos(ImVec2(row.x + 2 * (third + ui.px(10)), row.y));
        ImGui::BeginGroup();
        if (form_field(ui, id + ".end", app.tr("meeting.end"), d.end_time, ot)) c.clear_dialog_error("end_time");
        ImGui::EndGroup();
        row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
    }
    ImGui::SetCursorScreenPos(ImVec2(row.x, row_bottom + ui.px(8)));
    checkbox(ui, id + ".all_day", app.tr("meeting.all_day"), d.all_day);
    gap(ui, 10);

    // Attendees: colleagues, and the lead's contact when it has an address.
    text(ui, id + ".attendees_label", app.tr("meeting.attendees"), ui.fonts.strong, color::text_secondary);
    gap(ui, 4);
    const auto& users = app.lead_form().refs().users;
    const std::int64_t me = app.session() ? app.session()->user.id : 0;
    int shown = 0;
    const ImVec2 grid0 = ImGui::GetCursorScreenPos();
    const float line_h = ui.px(26);
    for (const auto& u : users) {
        if (u.id == me) continue;
        bool on = std::find(d.user_ids.begin(), d.user_ids.end(), u.id) != d.user_ids.end();
        ImGui::SetCursorScreenPos(ImVec2(grid0.x + (shown % 3) * (inner / 3), grid0.y + (shown / 3) * line_h));
        if (checkbox(ui, id + ".user." + std::to_string(u.id), u.name, on)) {
            if (on) d.user_ids.push_back(u.id);
            else d.user_ids.erase(std::remove(d.user_ids.begin(), d.user_ids.end(), u.id), d.user_ids.end());
        }
        ++shown;
    }
    if (shown) ImGui::SetCursorScreenPos(ImVec2(grid0.x, grid0.y + ((shown + 2) / 3) * line_h));
    if (!d.contact_email.empty())
        checkbox(ui, id + ".contact", app.tr("meeting.invite_contact", {{"name", d.contact_name.empty() ? d.contact_email : d.contact_name},
                                                                         {"email", d.contact_email}}),
                 d.invite_contact);
    gap(ui, 10);
    if (form_field(ui, id + ".location", app.tr("meeting.location"), d.location, o)) {}
    gap(ui, 10);
    FieldOptions om = o;
    om.error = {};
    om.multiline_height = ui.px(70);
    form_field(ui, id + ".description", app.tr("meeting.description"), d.description, om);
    gap(ui, 10);
    std::vector<PickItem> reminders;
    for (size_t i = 0; i < client::reminder_choices().size(); ++i)
        reminders.push_back({static_cast<std::int64_t>(i) + 1, reminder_label(app, client::reminder_choices()[i])});
    std::optional<std::int64_t> picked = d.reminder_index + 1;
    FieldOptions orem;
    orem.width = inner / 2;
    if (form_picker(ui, id + ".reminder", app.tr("meeting.reminder"), reminders, picked, "", orem) && picked)
        d.reminder_index = static_cast<int>(*picked - 1);

    if (!c.dialog_banner().empty()) {
        gap(ui, 12);
        alert(ui, id + ".error", c.dialog_banner().render(app.language()), inner);
    }
    gap(ui, 18);
    const ImVec2 brow = ImGui::GetCursorScreenPos();
    const std::string cancel = app.tr("lead.dialog.cancel");
    const std::string save = app.tr(c.saving() ? "meeting.saving" : "meeting.save");
    const float bw = text_size(ui.fonts.strong, save).x + ui.px(32);
    const float cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
    bool dismissed = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    ImGui::SetCursorScreenPos(ImVec2(brow.x + inner - bw - cw - ui.px(10), brow.y));
    if (button(ui, id + ".cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38)))) dismissed = true;
    ImGui::SetCursorScreenPos(ImVec2(brow.x + inner - bw, brow.y));
    if (button(ui, id + ".save", save, ButtonKind::primary, ImVec2(bw, ui.px(38)), !c.saving())) c.save_dialog();
    if (dismissed && !c.saving()) {
        c.close_dialog();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void lead_meetings_block(AppState& app, Ui& ui, float width) {
    auto& cal = app.calendar();
    const auto& form = app.lead_form();
    cal.show_lead(form.lead() ? form.lead()->id : 0);
    const auto& list = cal.lead_meetings();
    if (list.empty()) return;
    section_title(ui, "lead.meetings.title", app.tr("meeting.upcoming"), width);
    gap(ui, 6);
    for (const auto& it : list) {
        const std::string when = it.all_day ? format_date(it.start_date)
                                            : format_local_datetime(it.start.day, it.start.seconds).replace(10, 1, " ");
        const std::string line = when + "  " + it.title + (it.location.empty() ? "" : " · " + it.location);
        if (link(ui, "lead.meeting." + std::to_string(it.id), line, ui.fonts.body)) {
            cal.select(it.id, "meeting");
            app.navigate(Route::calendar());
        }
    }
    gap(ui, 14);
}

}  // namespace tumen::app
