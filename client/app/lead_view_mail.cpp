// E-mail on the lead form: the "Send e-mail" dialog (to, cc, template, subject and body, or the preview of what
// will be sent) and the delivery badge of an e-mail in the timeline (queued, sent, failed with the server's
// answer, bounced). A failure is red and says why; never a quiet grey.
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

constexpr const char* lead_view_mail_popup_id = "##dialog.mail";

bool lead_view_mail_escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }

std::string lead_view_mail_err(AppState& app, const client::MailCompose& c, const std::string& field) {
    const client::Message* m = c.error(field);
    return m ? m->render(app.language()) : std::string();
}

// The rendered subject and body in a framed box, with the renderer's complaints in red.
void lead_view_mail_preview_box(AppState& app, Ui& ui, const client::MailCompose& c, float inner) {
    const client::MailPreview p = c.preview();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float pad = ui.px(14);
    const float h = ui.remembered("mail.preview.h", ui.px(200));
    dl->AddRectFilled(top, ImVec2(top.x + inner, top.y + h), color::surface_muted, ui.px(8));
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    text(ui, "mail.preview.subject_label", app.tr("mail.compose.subject"), ui.fonts.small, color::text_secondary);
    paragraph(ui, "mail.preview.subject", p.subject.empty() ? "—" : p.subject, ui.fonts.strong, color::text, inner - 2 * pad);
    gap(ui, 10);
    paragraph(ui, "mail.preview.body", p.body.empty() ? "—" : p.body, ui.fonts.body, color::text, inner - 2 * pad);
    for (const auto& [field, m] : p.errors) {
        gap(ui, 6);
        paragraph(ui, "mail.preview.error." + field, m.render(app.language()), ui.fonts.small, color::danger_text, inner - 2 * pad);
    }
    ImGui::EndGroup();
    ui.remember("mail.preview.h", std::max(ui.px(120), ImGui::GetItemRectMax().y + pad - top.y));
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + h));
    ImGui::Dummy(ImVec2(inner, 0));
}

}  // namespace

void lead_compose_dialog(AppState& app, Ui& ui) {
    auto& form = app.lead_form();
    auto& c = form.compose();
    if (!c.is_open()) {
        if (ImGui::IsPopupOpen(lead_view_mail_popup_id)) {
            // closed by the view model (sent) while the popup is up: close it in ImGui too
            if (ImGui::BeginPopupModal(lead_view_mail_popup_id, nullptr, ImGuiWindowFlags_NoTitleBar)) {
                ImGui::CloseCurrentPopup();
                ImGui::EndPopup();
            }
        }
        return;
    }
    if (!ImGui::IsPopupOpen(lead_view_mail_popup_id)) ImGui::OpenPopup(lead_view_mail_popup_id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = std::min(ui.px(660), display.x - ui.px(24));
    const float inner = width - ui.px(56);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(22)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, color::scrim);  // the palette's dim (theme.hpp)
    const bool open = ImGui::BeginPopupModal(lead_view_mail_popup_id, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    if (!open) return;
    const std::string id = "lead.mail";
    text(ui, id + ".title", app.tr("mail.compose.title"), ui.fonts.title, color::text);
    gap(ui, 12);

    const float half = std::floor((inner - ui.px(16)) * 0.5f);
    FieldOptions o;
    o.width = half;
    const std::string e_to = lead_view_mail_err(app, c, "to"), e_cc = lead_view_mail_err(app, c, "cc");
    const std::string to_hint = app.tr("mail.compose.to_hint");
    o.error = e_to;
    o.hint = to_hint;
    ImVec2 row = ImGui::GetCursorScreenPos();
    if (form_field(ui, id + ".to", app.tr("mail.compose.to"), c.to, o)) c.clear_error("to");
    const float row_bottom1 = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(16), row.y));
    o.error = e_cc;
    o.hint = {};
    if (form_field(ui, id + ".cc", app.tr("mail.compose.cc"), c.cc, o)) c.clear_error("cc");
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(row_bottom1, ImGui::GetItemRectMax().y)));
    gap(ui, 12);

    // Template picker and the Write / Preview switch on one row.
    row = ImGui::GetCursorScreenPos();
    std::vector<PickItem> items;
    for (const auto& t : c.templates()) items.push_back({t.id, t.name});
    std::optional<std::int64_t> chosen = c.template_id();
    FieldOptions tp;
    tp.width = half;
    const std::string none = app.tr(c.templates_loading() ? "app.loading" : "mail.compose.no_template");
    tp.hint = none;
    if (form_picker(ui, id + ".template", app.tr("mail.compose.template"), items, chosen, none, tp)) c.use_template(chosen);
    const float picker_bottom = ImGui::GetItemRectMax().y;
    const std::string write = app.tr("mail.compose.write"), look = app.tr("mail.compose.preview");
    std::vector<Choice> modes = {{"write", write}, {"preview", look}};
    int mode = c.show_preview ? 1 : 0;
    const float sw = segmented_width(ui, modes);
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - sw, picker_bottom - ui.px(34)));
    if (segmented(ui, id + ".mode", modes, mode)) c.show_preview = mode == 1;
    ImGui::SetCursorScreenPos(ImVec2(row.x, picker_bottom));
    gap(ui, 14);

    if (c.show_preview) {
        lead_view_mail_preview_box(app, ui, c, inner);
    } else {
        FieldOptions f;
        f.width = inner;
        const std::string e_subject = lead_view_mail_err(app, c, "subject"), e_body = lead_view_mail_err(app, c, "body");
        f.error = e_subject;
        if (form_field(ui, id + ".subject", app.tr("mail.compose.subject"), c.subject, f)) c.clear_error("subject");
        gap(ui, 12);
        f.error = e_body;
        f.multiline_height = ui.px(170);
        if (form_field(ui, id + ".body", app.tr("mail.compose.body"), c.body, f)) c.clear_error("body");
        gap(ui, 4);
        text(ui, id + ".placeholders", app.tr("mail.compose.placeholder_hint", {{"example", "{{lead.contact_name}}"}}), ui.fonts.small, color::text_muted, inner);
    }
    if (!c.banner().empty()) {
        gap(ui, 14);
        alert(ui, id + ".error", c.banner().render(app.language()), inner);
    }
    gap(ui, 20);
    row = ImGui::GetCursorScreenPos();
    const std::string cancel = app.tr("lead.dialog.cancel");
    const std::string send = app.tr(c.sending() ? "mail.compose.sending" : "mail.compose.send");
    const float bw = text_size(ui.fonts.strong, send).x + ui.px(32);
    const float cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
    bool dismissed = lead_view_mail_escape_pressed();
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

ImU32 mail_state_bg(const std::string& state) {
    if (state == "failed" || state == "bounced") return color::danger;
    if (state == "sent") return lead_color::success_soft;
    if (state == "cancelled") return color::surface_muted;
    return color::primary_soft;
}

ImU32 mail_state_fg(const std::string& state) {
    if (state == "failed" || state == "bounced") return color::on_primary;
    if (state == "sent") return color::success_text;
    if (state == "cancelled") return color::text_secondary;
    return color::primary_active;
}

std::string mail_state_label(AppState& app, const std::string& state) {
    const std::string key = "mail.state." + state;
    return i18n::has(app.language(), key) ? app.tr(key) : state;
}

void mail_badge(AppState& app, Ui& ui, const std::string& id, const client::MailStatus& s) {
    pill(ui, id + ".mail_state", mail_state_label(app, s.state), mail_state_bg(s.state), mail_state_fg(s.state));
}

void mail_details(AppState& app, Ui& ui, const std::string& id, const client::MailStatus& s, float width) {
    std::string line = app.tr("mail.to_line", {{"to", client::join_addresses(s.to)}});
    if (!s.cc.empty()) line += " · " + app.tr("mail.cc_line", {{"cc", client::join_addresses(s.cc)}});
    paragraph(ui, id + ".mail_to", line, ui.fonts.small, color::text_secondary, width);
    // A mail waiting for a retry says why, in red too: a wrong SMTP password must not look like a quiet queue.
    if ((s.failed() || s.pending()) && !s.last_error.empty()) {
        gap(ui, 2);
        const char* key = s.failed() ? "mail.failed_reason" : "mail.waiting_reason";
        paragraph(ui, id + ".mail_error", app.tr(key, {{"reason", s.last_error}}), ui.fonts.small, color::danger_text, width);
    }
}

}  // namespace tumen::app
