// Settings › E-mail: the SMTP server form with Test (administrators), the mail channels with their counters and a
// red state with the last error when one fails, and the outbox with Retry. Nothing fails quietly here: an error
// state is a solid red pill and the server's own words under it.
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "settings_view.hpp"
#include "imgui_stdlib.h"
#include "state/settings_mail.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

const ImU32& settings_mail_ok_fg = color::success_text;

std::string settings_mail_err(AppState& app, const client::MailAdmin& m, const std::string& f) {
    const client::Message* e = m.error(f);
    return e ? e->render(app.language()) : std::string();
}

void smtp_part(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().mail();
    auto& f = m.smtp;
    const std::string id = "settings.mail.smtp";
    section_title(ui, id, app.tr("settings.mail.smtp"), width);
    paragraph(ui, id + ".about", app.tr("settings.mail.smtp_about"), ui.fonts.small, color::text_secondary, width);
    gap(ui, 12);
    const float w = std::min(width, ui.px(640));
    const float port_w = ui.px(110), host_w = w - port_w - ui.px(16);
    FieldOptions o;
    o.width = host_w;
    const std::string e_host = settings_mail_err(app, m, "host"), e_port = settings_mail_err(app, m, "port");
    o.error = e_host;
    o.hint = "smtp.example.com";
    ImVec2 row = ImGui::GetCursorScreenPos();
    form_field(ui, id + ".host", app.tr("settings.mail.host"), f.host, o);
    float bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + host_w + ui.px(16), row.y));
    o.width = port_w;
    o.error = e_port;
    o.hint = "587";
    form_field(ui, id + ".port", app.tr("settings.mail.port"), f.port, o);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 12);

    text(ui, id + ".security_label", app.tr("settings.mail.security"), ui.fonts.small, color::text_secondary);
    gap(ui, 5);
    const std::string none = app.tr("settings.mail.security.none"), starttls = app.tr("settings.mail.security.starttls"),
                      tls = app.tr("settings.mail.security.tls");
    std::vector<Choice> sec = {{"none", none}, {"starttls", starttls}, {"tls", tls}};
    int selected = f.security == "none" ? 0 : f.security == "tls" ? 2 : 1;
    if (segmented(ui, id + ".security", sec, selected)) f.security = selected == 0 ? "none" : selected == 2 ? "tls" : "starttls";
    const std::string e_sec = settings_mail_err(app, m, "security");
    if (!e_sec.empty()) paragraph(ui, id + ".security.error", e_sec, ui.fonts.small, color::danger_text, w);
    gap(ui, 12);

    const float half = std::floor((w - ui.px(16)) * 0.5f);
    row = ImGui::GetCursorScreenPos();
    o.width = half;
    const std::string e_user = settings_mail_err(app, m, "user");
    o.error = e_user;
    o.hint = {};
    form_field(ui, id + ".user", app.tr("settings.mail.user"), f.user, o);
    bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(16), row.y));
    const std::string keep = app.tr(f.password_set ? "settings.mail.password_kept" : "settings.mail.password_none");
    masked_field(ui, id + ".password", app.tr("settings.mail.password"), f.password, settings_mail_err(app, m, "password"), half, keep);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 12);

    o.width = w;
    const std::string e_from = settings_mail_err(app, m, "default_from");
    o.error = e_from;
    o.hint = "Tumen CRM <crm@example.com>";
    form_field(ui, id + ".default_from", app.tr("settings.mail.default_from"), f.default_from, o);
    gap(ui, 12);
    checkbox(ui, id + ".use_user_from", app.tr("settings.mail.use_user_from"), f.use_user_from);
    gap(ui, 18);

    if (button(ui, id + ".save", app.tr(m.saving() ? "settings.mail.saving" : "settings.save"), ButtonKind::primary,
               ImVec2(0, ui.px(38)), !m.saving()))
        m.save_smtp();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".test", app.tr(m.testing() ? "settings.mail.testing" : "settings.mail.test"), ButtonKind::secondary,
               ImVec2(0, ui.px(38)), !m.testing()))
        m.test_smtp();
    gap(ui, 6);
    text(ui, id + ".test_hint", app.tr("settings.mail.test_hint"), ui.fonts.small, color::text_muted);
    if (m.test_ok()) {
        gap(ui, 10);
        const std::string answer = m.test_answer().empty() ? "—" : m.test_answer();
        if (*m.test_ok()) notice(ui, id + ".test_ok", app.tr("settings.mail.test_ok", {{"answer", answer}}), w);
        else alert(ui, id + ".test_failed", app.tr("settings.mail.test_failed", {{"answer", answer}}), w);
    }
    gap(ui, 26);
}

std::string channel_label(AppState& app, const client::MailChannel& c) {
    // "smtp", "http", "mailgate", "imap:<team>": the known kinds worded, a suffix kept.
    const std::string kind = c.name.substr(0, c.name.find(':'));
    const std::string key = "settings.mail.channel." + kind;
    std::string label = i18n::has(app.language(), key) ? app.tr(key) : kind;
    if (kind.size() < c.name.size()) label += " " + c.name.substr(kind.size() + 1);
    return label;
}

void channels_part(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().mail();
    const std::string id = "settings.mail.channels";
    section_title(ui, id, app.tr("settings.mail.channels"), width);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = m.channels();
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& c = rows[i];
        const std::string rid = id + "." + c.name;
        const float y0 = y;
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".name", channel_label(app, c), ui.fonts.strong, color::text);
        ImGui::SameLine(0, ui.px(8));
        pill(ui, rid + ".direction", app.tr(c.direction == "in" ? "settings.mail.inbound" : "settings.mail.outbound"),
             color::surface_muted, color::text_secondary);
        ImGui::SameLine(0, ui.px(6));
        const std::string st = c.in_error() ? "error" : c.state == "ok" ? "ok" : "unknown";
        pill(ui, rid + ".state", app.tr("settings.mail.state." + st),
             st == "error" ? color::danger : st == "ok" ? lead_color::success_soft : color::surface_muted,
             st == "error" ? color::on_primary : st == "ok" ? settings_mail_ok_fg : color::text_secondary);
        std::string counts;
        auto add = [&](const char* key, std::int64_t n) {
            counts += (counts.empty() ? "" : " · ") + app.tr(key, {{"count", std::to_string(n)}});
        };
        if (c.direction == "in") {
            add("settings.mail.count.received", c.received);
            add("settings.mail.count.created", c.created);
            add("settings.mail.count.appended", c.appended);
            add("settings.mail.count.rejected", c.rejected);
        } else {
            add("settings.mail.count.sent", c.sent);
        }
        add("settings.mail.count.failed", c.failed);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(38)));
        text(ui, rid + ".counts", counts, ui.fonts.small, color::text_secondary);
        float row_bottom = ImGui::GetItemRectMax().y + ui.px(4);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, row_bottom));
        text(ui, rid + ".success", app.tr("settings.mail.last_success", {{"at", short_time(c.last_success_at)}}), ui.fonts.small,
             color::text_muted);
        row_bottom = ImGui::GetItemRectMax().y + ui.px(4);
        if (!c.last_error.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, row_bottom));
            paragraph(ui, rid + ".error",
                      app.tr("settings.mail.last_error", {{"at", short_time(c.last_error_at)}, {"error", c.last_error}}),
                      ui.fonts.small, c.in_error() ? color::danger_text : color::text_secondary, width - 2 * pad);
            row_bottom = ImGui::GetItemRectMax().y + ui.px(4);
        }
        y = row_bottom + ui.px(8);
        // a failing channel is marked down its whole left edge
        if (c.in_error()) dl->AddRectFilled(ImVec2(top.x, y0 + ui.px(1)), ImVec2(top.x + ui.px(4), y - ui.px(1)), color::danger);
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, id + ".empty", app.tr(m.loading() ? "app.loading" : "settings.mail.no_channels"), ui.fonts.body, color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(26)));
}

void settings_mail_outbox_part(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().mail();
    const std::string id = "settings.mail.outbox";
    section_title(ui, id, app.tr("settings.mail.outbox"), width);
    const std::string all = app.tr("settings.mail.filter.all"), queued = app.tr("mail.state.queued"),
                      failed = app.tr("mail.state.failed"), sent = app.tr("mail.state.sent");
    std::vector<Choice> filters = {{"all", all}, {"queued", queued}, {"failed", failed}, {"sent", sent}};
    static const char* states[] = {"", "queued", "failed", "sent"};
    int sel = 0;
    for (int i = 0; i < 4; ++i)
        if (m.outbox_filter() == states[i]) sel = i;
    if (segmented(ui, id + ".filter", filters, sel)) m.set_outbox_filter(states[sel]);
    gap(ui, 10);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = m.outbox();  // a copy: Retry replaces rows
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const std::string rid = id + "." + std::to_string(r.id);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        const std::string retry = app.tr("settings.mail.retry");
        const float right = r.can_retry() ? row_button_width(ui, retry) + ui.px(12) : 0;
        text(ui, rid + ".subject", r.subject.empty() ? "—" : r.subject, ui.fonts.strong, color::text, width - 2 * pad - right - ui.px(90));
        ImGui::SameLine(0, ui.px(8));
        pill(ui, rid + ".state", mail_state_label(app, r.state), mail_state_bg(r.state), mail_state_fg(r.state));
        std::string line = app.tr("mail.to_line", {{"to", client::join_addresses(r.to)}});
        if (r.res_model == "lead" && r.res_id) line += " · " + app.tr("settings.mail.lead", {{"id", std::to_string(r.res_id)}});
        line += " · " + (r.sent_at.empty() ? app.tr("settings.mail.created", {{"at", short_time(r.created_at)}})
                                           : app.tr("settings.mail.sent_at", {{"at", short_time(r.sent_at)}}));
        if (r.attempts > 0) line += " · " + app.tr("settings.mail.attempts", {{"count", std::to_string(r.attempts)}});
        if (r.pending() && !r.next_try_at.empty() && r.attempts > 0)
            line += " · " + app.tr("settings.jobs.next", {{"at", short_time(r.next_try_at)}});
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
        text(ui, id + ".empty", app.tr(m.loading() ? "app.loading" : "settings.mail.outbox_empty"), ui.fonts.body, color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));
}

}  // namespace

void settings_mail(AppState& app, Ui& ui, float width) {
    auto& m = app.settings().mail();
    m.poll(ImGui::GetTime() * 1000.0);
    if (std::any_of(m.outbox().begin(), m.outbox().end(), [](const auto& r) { return r.pending(); })) ui.wake_in(2000);
    if (section_header(ui, "settings.mail", app.tr("settings.mail.title"), app.tr("settings.mail.about"),
                       app.tr("settings.refresh"), width, !m.loading()))
        m.reload();
    section_messages(app, ui, "settings.mail", m.banner(), m.notice(), width);
    if (app.settings().is_admin()) smtp_part(app, ui, width);
    channels_part(app, ui, width);
    settings_mail_outbox_part(app, ui, width);
}

}  // namespace tumen::app
