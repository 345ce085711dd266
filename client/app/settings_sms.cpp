// Settings › SMS: the HTTP gateway form with a test send (the gateway's own answer under it), the sms channel
// with its counters and a solid red state with the last error when sending fails, and the SMS outbox with Retry.
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "settings_view.hpp"
#include "imgui_stdlib.h"  // after imgui.h (it needs IMGUI_API)
#include "state/settings_sms.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

const ImU32& settings_sms_ok_fg = color::success_text;

std::string settings_sms_err(AppState& app, const client::SmsAdmin& m, const std::string& f) {
    const client::Message* e = m.error(f);
    return e ? e->render(app.language()) : std::string();
}

void gateway_part(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().sms();
    auto& f = m.gateway;
    const std::string id = "settings.sms.gateway";
    section_title(ui, id, app.tr("settings.sms.gateway"), width);
    paragraph(ui, id + ".about", app.tr("settings.sms.gateway_about"), ui.fonts.small, color::text_secondary, width);
    gap(ui, 12);
    const float w = std::min(width, ui.px(720));
    FieldOptions o;
    o.width = w;
    const std::string e_url = settings_sms_err(app, m, "url");
    o.error = e_url;
    o.hint = "https://sms.example.mn/send?to={{to_digits}}&text={{text}}";
    form_field(ui, id + ".url", app.tr("settings.sms.url"), f.url, o);
    gap(ui, 12);

    text(ui, id + ".method_label", app.tr("settings.sms.method"), ui.fonts.small, color::text_secondary);
    gap(ui, 5);
    std::vector<Choice> methods = {{"GET", "GET"}, {"POST", "POST"}};
    int method = f.method == "GET" ? 0 : 1;
    if (segmented(ui, id + ".method", methods, method)) f.method = method == 0 ? "GET" : "POST";
    gap(ui, 12);

    if (f.method == "POST") {
        text(ui, id + ".content_type_label", app.tr("settings.sms.content_type"), ui.fonts.small, color::text_secondary);
        gap(ui, 5);
        static const char* types[] = {"application/json", "application/x-www-form-urlencoded", "text/plain"};
        std::vector<Choice> kinds = {{"json", "JSON"}, {"form", app.tr("settings.sms.content_type.form")},
                                     {"text", app.tr("settings.sms.content_type.text")}};
        int kind = 0;
        for (int i = 0; i < 3; ++i)
            if (f.content_type == types[i]) kind = i;
        if (segmented(ui, id + ".content_type", kinds, kind)) f.content_type = types[kind];
        gap(ui, 12);
        const std::string e_body = settings_sms_err(app, m, "body");
        o.error = e_body;
        o.hint = R"({"to":"{{to}}","text":"{{text}}","from":"{{sender}}"})";
        o.multiline_height = ui.px(84);
        form_field(ui, id + ".body", app.tr("settings.sms.body"), f.body, o);
        o.multiline_height = 0;
        gap(ui, 6);
    }
    text(ui, id + ".placeholders", app.tr("settings.sms.placeholders"), ui.fonts.small, color::text_muted);
    gap(ui, 12);

    const float half = std::floor((w - ui.px(16)) * 0.5f);
    ImVec2 row = ImGui::GetCursorScreenPos();
    o.width = half;
    const std::string e_header = settings_sms_err(app, m, "auth_header");
    o.error = e_header;
    o.hint = "Authorization";
    form_field(ui, id + ".auth_header", app.tr("settings.sms.auth_header"), f.auth_header, o);
    float bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(16), row.y));
    const std::string keep = app.tr(f.auth_value_set ? "settings.sms.auth_value_kept" : "settings.sms.auth_value_none");
    // The auth header's value is write-only: masked, never shown back.
    masked_field(ui, id + ".auth_value", app.tr("settings.sms.auth_value"), f.auth_value, settings_sms_err(app, m, "auth_value"), half, keep);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 12);

    row = ImGui::GetCursorScreenPos();
    const float third = std::floor((w - ui.px(32)) / 3.0f);
    o.width = third;
    const std::string e_pattern = settings_sms_err(app, m, "success_pattern"), e_sender = settings_sms_err(app, m, "sender"),
                      e_country = settings_sms_err(app, m, "country_code");
    o.error = e_pattern;
    o.hint = "\"status\":\"OK\"";
    form_field(ui, id + ".success_pattern", app.tr("settings.sms.success_pattern"), f.success_pattern, o);
    bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + third + ui.px(16), row.y));
    o.error = e_sender;
    o.hint = "Tumen";
    form_field(ui, id + ".sender", app.tr("settings.sms.sender"), f.sender, o);
    bottom = std::max(bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(ImVec2(row.x + 2 * (third + ui.px(16)), row.y));
    o.error = e_country;
    o.hint = "976";
    form_field(ui, id + ".country_code", app.tr("settings.sms.country_code"), f.country_code, o);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 6);
    paragraph(ui, id + ".pattern_hint", app.tr("settings.sms.pattern_hint"), ui.fonts.small, color::text_muted, w);
    gap(ui, 18);

    if (button(ui, id + ".save", app.tr(m.saving() ? "settings.mail.saving" : "settings.save"), ButtonKind::primary,
               ImVec2(0, ui.px(38)), !m.saving()))
        m.save();
    gap(ui, 18);

    // The test send: a real SMS to the number typed, with the form as it is.
    row = ImGui::GetCursorScreenPos();
    o.width = half;
    const std::string e_to = settings_sms_err(app, m, "to");
    o.error = e_to;
    o.hint = "+976 9911 2233";
    form_field(ui, id + ".test_to", app.tr("settings.sms.test_to"), m.test_to, o);
    bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(16), row.y));
    o.error = {};
    const std::string test_hint = app.tr("settings.sms.test_text_hint");  // FieldOptions holds a view: keep it alive
    o.hint = test_hint;
    form_field(ui, id + ".test_text", app.tr("settings.sms.test_text"), m.test_text, o);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 10);
    if (button(ui, id + ".test", app.tr(m.testing() ? "settings.mail.testing" : "settings.sms.test"), ButtonKind::secondary,
               ImVec2(0, ui.px(38)), !m.testing()))
        m.test();
    if (m.test_ok()) {
        gap(ui, 10);
        const std::string answer = m.test_answer().empty() ? "—" : m.test_answer();
        if (*m.test_ok()) notice(ui, id + ".test_ok", app.tr("settings.sms.test_ok", {{"answer", answer}}), w);
        else alert(ui, id + ".test_failed", app.tr("settings.sms.test_failed", {{"answer", answer}}), w);
    }
    gap(ui, 26);
}

void channel_part(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().sms();
    const auto& c = m.channel();
    const std::string id = "settings.sms.channel";
    section_title(ui, id, app.tr("settings.sms.channel"), width);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + ui.px(10)));
    text(ui, id + ".name", "SMS", ui.fonts.strong, color::text);
    ImGui::SameLine(0, ui.px(8));
    const std::string st = c.in_error() ? "error" : c.state == "ok" ? "ok" : "unknown";
    pill(ui, id + ".state", app.tr("settings.mail.state." + st),
         st == "error" ? color::danger : st == "ok" ? lead_color::success_soft : color::surface_muted,
         st == "error" ? color::on_primary : st == "ok" ? settings_sms_ok_fg : color::text_secondary);
    const std::string counts = app.tr("settings.mail.count.sent", {{"count", std::to_string(c.sent)}}) + " · " +
                               app.tr("settings.mail.count.failed", {{"count", std::to_string(c.failed)}});
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + ui.px(38)));
    text(ui, id + ".counts", counts, ui.fonts.small, color::text_secondary);
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetItemRectMax().y + ui.px(4)));
    text(ui, id + ".success", app.tr("settings.mail.last_success", {{"at", short_time(c.last_success_at)}}), ui.fonts.small,
         color::text_muted);
    float y = ImGui::GetItemRectMax().y + ui.px(4);
    if (!c.last_error.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y));
        paragraph(ui, id + ".error", app.tr("settings.mail.last_error", {{"at", short_time(c.last_error_at)}, {"error", c.last_error}}),
                  ui.fonts.small, c.in_error() ? color::danger_text : color::text_secondary, width - 2 * pad);
        y = ImGui::GetItemRectMax().y + ui.px(4);
    }
    y += ui.px(8);
    if (c.in_error()) dl->AddRectFilled(ImVec2(top.x, top.y + ui.px(1)), ImVec2(top.x + ui.px(4), y - ui.px(1)), color::danger);
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(26)));
}

void settings_sms_outbox_part(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().sms();
    const std::string id = "settings.sms.outbox";
    section_title(ui, id, app.tr("settings.sms.outbox"), width);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = m.outbox();  // a copy: Retry replaces rows
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const std::string rid = id + "." + std::to_string(r.id);
        const std::string retry = app.tr("settings.mail.retry");
        const float right = r.can_retry() ? row_button_width(ui, retry) + ui.px(12) : 0;
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".to", r.to, ui.fonts.strong, color::text);
        ImGui::SameLine(0, ui.px(8));
        pill(ui, rid + ".state", mail_state_label(app, r.state), mail_state_bg(r.state), mail_state_fg(r.state));
        std::string line = r.body;
        if (r.lead_id) line += " · " + app.tr("settings.mail.lead", {{"id", std::to_string(r.lead_id)}});
        line += " · " + (r.sent_at.empty() ? app.tr("settings.mail.created", {{"at", short_time(r.created_at)}})
                                           : app.tr("settings.mail.sent_at", {{"at", short_time(r.sent_at)}}));
        if (r.attempts > 0) line += " · " + app.tr("settings.mail.attempts", {{"count", std::to_string(r.attempts)}});
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetItemRectMax().y + ui.px(6)));
        paragraph(ui, rid + ".detail", line, ui.fonts.small, color::text_secondary, width - 2 * pad - right);
        float row_bottom = ImGui::GetItemRectMax().y + ui.px(4);
        if (!r.last_error.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, row_bottom));
            paragraph(ui, rid + ".error", app.tr("mail.failed_reason", {{"reason", r.last_error}}), ui.fonts.small,
                      r.can_retry() ? color::danger_text : color::text_secondary, width - 2 * pad - right);
            row_bottom = ImGui::GetItemRectMax().y + ui.px(4);
        }
        if (r.can_retry()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + width - pad - row_button_width(ui, retry), y + ui.px(10)));
            if (row_button(ui, rid + ".retry", retry)) m.retry(r.id);
        }
        y = row_bottom + ui.px(8);
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, id + ".empty", app.tr(m.loading() ? "app.loading" : "settings.sms.outbox_empty"), ui.fonts.body, color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));
}

}  // namespace

void settings_sms(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().sms();
    m.poll(ImGui::GetTime() * 1000.0);
    if (std::any_of(m.outbox().begin(), m.outbox().end(), [](const auto& r) { return r.pending(); })) ui.wake_in(2000);
    if (section_header(ui, "settings.sms", app.tr("settings.sms.title"), app.tr("settings.sms.about"),
                       app.tr("settings.refresh"), width, !m.loading()))
        m.reload();
    section_messages(app, ui, "settings.sms", m.banner(), m.notice(), width);
    gateway_part(app, ui, width);
    channel_part(app, ui, width);
    settings_sms_outbox_part(app, ui, width);
}

}  // namespace tumen::app
