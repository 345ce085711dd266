// Settings › Templates: the e-mail templates as a list (name, subject, active) with Edit and Delete, and the
// editor above it (name, subject, body, active, the placeholders one may use). A placeholder the renderer does not
// know is refused at save time and shown in red under the subject or the body.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "state/settings_mail_templates.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string settings_mail_templates_err(AppState& app, const client::MailTemplatesAdmin& t, const std::string& f) {
    const client::Message* e = t.error(f);
    return e ? e->render(app.language()) : std::string();
}

void settings_mail_templates_editor(AppState& app, Ui& ui, float width) {
    auto& t = app.settings().mail_templates();
    auto& d = t.draft;
    const std::string id = "settings.templates.form";
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float pad = ui.px(18), inner = width - 2 * pad;
    const float h = ui.remembered(id + ".h", ui.px(420));
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::surface_muted, ui.px(10));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    text(ui, id + ".title", app.tr(d.id ? "settings.templates.edit_title" : "settings.templates.new_title"), ui.fonts.strong,
         color::text);
    gap(ui, 12);
    FieldOptions o;
    o.width = inner;
    const std::string e_name = settings_mail_templates_err(app, t, "name"), e_subject = settings_mail_templates_err(app, t, "subject"), e_body = settings_mail_templates_err(app, t, "body");
    o.error = e_name;
    if (form_field(ui, id + ".name", app.tr("settings.templates.name"), d.name, o)) t.clear_error("name");
    gap(ui, 12);
    o.error = e_subject;
    if (form_field(ui, id + ".subject", app.tr("mail.compose.subject"), d.subject, o)) t.clear_error("subject");
    gap(ui, 12);
    o.error = e_body;
    o.multiline_height = ui.px(180);
    if (form_field(ui, id + ".body", app.tr("mail.compose.body"), d.body, o)) t.clear_error("body");
    gap(ui, 10);
    // The placeholders one may use, as one wrapped line of small text.
    std::string names;
    for (const auto& n : client::template_placeholders()) names += (names.empty() ? "" : "   ") + ("{{" + n + "}}");
    text(ui, id + ".placeholders_label", app.tr("settings.templates.placeholders"), ui.fonts.small, color::text_secondary);
    gap(ui, 2);
    paragraph(ui, id + ".placeholders", names, ui.fonts.small, color::text_muted, inner);
    gap(ui, 10);
    checkbox(ui, id + ".active", app.tr("settings.col.active"), d.active);
    gap(ui, 16);
    if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)), !t.busy())) t.save();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".cancel", app.tr("settings.cancel"), ButtonKind::secondary, ImVec2(0, ui.px(36)))) t.cancel();
    ImGui::EndGroup();
    ui.remember(id + ".h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    gap(ui, 20);
}

}  // namespace

void settings_mail_templates(AppState& app, Ui& ui, float width) {
    auto& t = app.settings().mail_templates();
    const bool can_edit = app.settings().can_edit_lists();
    if (section_header(ui, "settings.templates", app.tr("settings.templates.title"), app.tr("settings.templates.about"),
                       can_edit ? app.tr("settings.templates.new") : std::string(), width, !t.editing()))
        t.create();
    section_messages(app, ui, "settings.templates", t.banner(), t.notice(), width);
    if (t.editing()) settings_mail_templates_editor(app, ui, width);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = t.items();  // a copy: a click may replace rows
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const std::string rid = "settings.templates.row." + std::to_string(r.id);
        const std::string edit = app.tr("settings.edit"), del = app.tr("settings.delete");
        const float buttons = can_edit ? row_button_width(ui, edit) + row_button_width(ui, del) + ui.px(20) : 0;
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".name", r.name, ui.fonts.strong, color::text);
        if (!r.active) {
            ImGui::SameLine(0, ui.px(8));
            pill(ui, rid + ".inactive", app.tr("settings.templates.inactive"), color::surface_muted, color::text_secondary);
        }
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetItemRectMax().y + ui.px(4)));
        paragraph(ui, rid + ".subject", r.subject.empty() ? "—" : r.subject, ui.fonts.small, color::text_secondary,
                  width - 2 * pad - buttons);
        const float row_bottom = ImGui::GetItemRectMax().y + ui.px(10);
        if (can_edit) {
            float bx = top.x + width - pad - row_button_width(ui, del);
            ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
            if (row_button(ui, rid + ".delete", del, true)) t.confirm_delete = r.id;
            bx -= row_button_width(ui, edit) + ui.px(8);
            ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
            if (row_button(ui, rid + ".edit", edit)) t.edit(r.id);
        }
        y = std::max(row_bottom, y + ui.px(50));
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.templates.empty", app.tr(t.loading() ? "app.loading" : "settings.templates.empty"), ui.fonts.body,
             color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));

    if (t.confirm_delete) {
        std::string name;
        for (const auto& r : rows)
            if (r.id == t.confirm_delete) name = r.name;
        const int answer = confirm_overlay(app, ui, "settings.templates.confirm", app.tr("settings.templates.delete_title"),
                                           app.tr("settings.templates.delete_body", {{"name", name}}), app.tr("settings.delete"));
        if (answer == 1) t.remove(t.confirm_delete);
        if (answer != 0) t.confirm_delete = 0;
    }
}

}  // namespace tumen::app
