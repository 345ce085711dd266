// SMS on the lead form: the "Send SMS" dialog (the phone, the text and its live segment count - GSM-7 or UCS-2,
// which Mongolian Cyrillic needs) and the delivery badge of an SMS in the timeline (queued, sent, failed with the
// gateway's answer in red).
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

constexpr const char* lead_view_sms_popup_id = "##dialog.sms";

std::string lead_view_sms_err(AppState& app, const client::SmsCompose& c, const std::string& field) {
    const client::Message* m = c.error(field);
    return m ? m->render(app.language()) : std::string();
}

}  // namespace

void lead_sms_dialog(AppState& app, Ui& ui) {
    auto& c = app.lead_form().sms_compose();
    if (!c.is_open()) {
        if (ImGui::IsPopupOpen(lead_view_sms_popup_id)) {
            // closed by the view model (sent) while the popup is up: close it in ImGui too
            if (ImGui::BeginPopupModal(lead_view_sms_popup_id, nullptr, ImGuiWindowFlags_NoTitleBar)) {
                ImGui::CloseCurrentPopup();
                ImGui::EndPopup();
            }
        }
        return;
    }
    if (!ImGui::IsPopupOpen(lead_view_sms_popup_id)) ImGui::OpenPopup(lead_view_sms_popup_id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = std::min(ui.px(520), display.x - ui.px(24));
    const float inner = width - ui.px(56);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(22)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, color::scrim);  // the palette's dim (theme.hpp)
    const bool open = ImGui::BeginPopupModal(lead_view_sms_popup_id, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    if (!open) return;
    const std::string id = "lead.sms";
    text(ui, id + ".title", app.tr("sms.compose.title"), ui.fonts.title, color::text);
    gap(ui, 12);

    FieldOptions o;
    o.width = inner;
    const std::string e_to = lead_view_sms_err(app, c, "to"), e_text = lead_view_sms_err(app, c, "text");
    o.error = e_to;
    o.hint = "+976 9911 2233";
    if (form_field(ui, id + ".to", app.tr("sms.compose.to"), c.to, o)) c.clear_error("to");
    gap(ui, 12);
    o.error = e_text;
    o.hint = {};
    o.multiline_height = ui.px(120);
    if (form_field(ui, id + ".text", app.tr("sms.compose.text"), c.text, o)) c.clear_error("text");
    gap(ui, 6);
    // The live count: how many messages the gateway will bill, and why (Cyrillic halves the room).
    const auto seg = c.segments();
    const std::string count =
        app.tr("sms.compose.segments", {{"count", std::to_string(seg.segments)},
                                        {"chars", std::to_string(seg.units)},
                                        {"left", std::to_string(seg.remaining)},
                                        {"encoding", seg.unicode ? "UCS-2" : "GSM-7"}});
    text(ui, id + ".segments", count, ui.fonts.small, seg.segments > 3 ? color::danger_text : color::text_muted);
    if (!c.banner().empty()) {
        gap(ui, 14);
        alert(ui, id + ".error", c.banner().render(app.language()), inner);
    }
    gap(ui, 20);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const std::string cancel = app.tr("lead.dialog.cancel");
    const std::string send = app.tr(c.sending() ? "mail.compose.sending" : "mail.compose.send");
    const float bw = text_size(ui.fonts.strong, send).x + ui.px(32);
    const float cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
    bool dismissed = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - bw - cw - ui.px(10), row.y));
    if (button(ui, id + ".cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38)))) dismissed = true;
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - bw, row.y));
    if (button(ui, id + ".send", send, ButtonKind::primary, ImVec2(bw, ui.px(38)), !c.sending())) c.send();
    if (dismissed && !c.sending()) {
        c.close();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void sms_badge(AppState& app, Ui& ui, const std::string& id, const client::SmsStatus& s) {
    pill(ui, id + ".sms_state", mail_state_label(app, s.state), mail_state_bg(s.state), mail_state_fg(s.state));
}

void sms_details(AppState& app, Ui& ui, const std::string& id, const client::SmsStatus& s, float width) {
    paragraph(ui, id + ".sms_to", app.tr("sms.to_line", {{"to", s.to}}), ui.fonts.small, color::text_secondary, width);
    if (s.failed() && !s.last_error.empty()) {
        gap(ui, 2);
        paragraph(ui, id + ".sms_error", app.tr("mail.failed_reason", {{"reason", s.last_error}}), ui.fonts.small,
                  color::danger_text, width);
    }
}

}  // namespace tumen::app
