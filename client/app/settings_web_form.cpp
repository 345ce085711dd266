// Settings › Website form (administrators): on/off, the team and salesperson of the leads it creates, the sites
// allowed to post with JavaScript, the thank-you page and the rate limit; the form's address, the embed snippet with
// Copy, and the web_form channel's counters (red when the last attempt to create a lead failed).
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "settings_view.hpp"
#include "state/settings_web_form.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string settings_web_form_err(AppState& app, const client::WebFormAdmin& m, const std::string& f) {
    const client::Message* e = m.error(f);
    return e ? e->render(app.language()) : std::string();
}

std::vector<PickItem> items_of(const std::vector<client::PickOption>& options) {
    std::vector<PickItem> out;
    for (const auto& o : options) out.push_back({o.id, o.name});
    return out;
}

void counters_part(AppState& app, Ui& ui, const client::WebFormAdmin& m, float width) {
    const auto& c = m.counters();
    const std::string id = "settings.web_form.channel";
    text(ui, id + ".counts",
         app.tr("settings.web_form.counters", {{"received", std::to_string(c.received)},
                                                {"created", std::to_string(c.created)},
                                                {"rejected", std::to_string(c.rejected)},
                                                {"spam", std::to_string(c.spam)},
                                                {"throttled", std::to_string(c.throttled)}}),
         ui.fonts.small, color::text_secondary);
    if (!c.last_error.empty()) {
        gap(ui, 4);
        paragraph(ui, id + ".error", app.tr("settings.web_form.last_error", {{"error", c.last_error}}), ui.fonts.small,
                  c.in_error() ? color::danger_text : color::text_secondary, width);
    }
}

}  // namespace

void settings_web_form(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    auto& m = st.web_form();
    auto& f = m.form;
    const std::string id = "settings.web_form";
    paragraph(ui, id + ".about", app.tr("settings.web_form.about"), ui.fonts.body, color::text_secondary, width);
    gap(ui, 12);
    section_messages(app, ui, id, client::Message{}, m.notice(), width);
    if (!m.loaded()) {
        text(ui, id + ".loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
        return;
    }
    counters_part(app, ui, m, width);
    gap(ui, 14);
    const float w = std::min(width, ui.px(640));
    checkbox(ui, id + ".enabled", app.tr("settings.web_form.enabled"), f.enabled);
    gap(ui, 12);

    const float half = std::floor((w - ui.px(16)) * 0.5f);
    FieldOptions o;
    o.width = half;
    const std::string e_team = settings_web_form_err(app, m, "team_id"), e_user = settings_web_form_err(app, m, "user_id");
    ImVec2 row = ImGui::GetCursorScreenPos();
    std::optional<std::int64_t> team = f.team_id ? std::optional<std::int64_t>(f.team_id) : std::nullopt;
    o.error = e_team;
    if (form_picker(ui, id + ".team", app.tr("settings.web_form.team"), items_of(st.teams()), team, "—", o))
        f.team_id = team.value_or(0);
    float bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + half + ui.px(16), row.y));
    std::optional<std::int64_t> user = f.user_id ? std::optional<std::int64_t>(f.user_id) : std::nullopt;
    o.error = e_user;
    if (form_picker(ui, id + ".user", app.tr("settings.web_form.user"), items_of(st.people()), user,
                    app.tr("settings.web_form.nobody"), o))
        f.user_id = user.value_or(0);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 12);

    o.width = w;
    const std::string e_origins = settings_web_form_err(app, m, "allowed_origins");
    o.error = e_origins;
    o.hint = "https://www.example.mn";
    o.multiline_height = ui.px(72);
    form_field(ui, id + ".origins", app.tr("settings.web_form.origins"), f.origins, o);
    o.multiline_height = 0;
    gap(ui, 4);
    paragraph(ui, id + ".origins_hint", app.tr("settings.web_form.origins_hint"), ui.fonts.small, color::text_muted, w);
    gap(ui, 12);

    row = ImGui::GetCursorScreenPos();
    const float url_w = w - ui.px(160) - ui.px(16);
    o.width = url_w;
    const std::string e_url = settings_web_form_err(app, m, "thank_you_url"), e_rate = settings_web_form_err(app, m, "rate_limit_per_hour");
    o.error = e_url;
    o.hint = "/contact/thanks";
    form_field(ui, id + ".thank_you_url", app.tr("settings.web_form.thank_you_url"), f.thank_you_url, o);
    bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + url_w + ui.px(16), row.y));
    o.width = ui.px(160);
    o.error = e_rate;
    o.hint = "10";
    form_field(ui, id + ".rate_limit", app.tr("settings.web_form.rate_limit"), f.rate_limit, o);
    ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
    gap(ui, 4);
    paragraph(ui, id + ".thank_you_hint", app.tr("settings.web_form.thank_you_hint"), ui.fonts.small, color::text_muted, w);
    gap(ui, 18);
    if (button(ui, id + ".save", app.tr(m.saving() ? "settings.web_form.saving" : "settings.web_form.save"),
               ButtonKind::primary, ImVec2(0, ui.px(38)), !m.saving()))
        m.save();
    gap(ui, 26);

    section_title(ui, id + ".page_title", app.tr("settings.web_form.page"), width);
    text(ui, id + ".form_url", m.form_url(), ui.fonts.body, color::text);
    gap(ui, 14);
    section_title(ui, id + ".snippet_title", app.tr("settings.web_form.snippet"), width);
    paragraph(ui, id + ".snippet_about", app.tr("settings.web_form.snippet_about"), ui.fonts.small, color::text_secondary, w);
    gap(ui, 8);
    // Read-only text: selectable (ImGui's read-only multiline field), copied whole by the button.
    std::string snippet = m.snippet();
    o.width = w;
    o.error = {};
    o.hint = {};
    o.font = ui.fonts.small;
    o.multiline_height = ui.px(190);
    form_field(ui, id + ".snippet", app.tr("settings.web_form.snippet"), snippet, o);
    gap(ui, 8);
    const std::string copied_key = id + ".copied";
    if (row_button(ui, id + ".copy",
                   app.tr(ui.remembered(copied_key, 0) > 0 ? "settings.web_form.copied" : "settings.web_form.copy"))) {
        ImGui::SetClipboardText(m.snippet().c_str());
        ui.remember(copied_key, 1);
    }
}

}  // namespace tumen::app
