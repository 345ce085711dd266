// The settings page: a title, a card with the list of sections on the left (grouped: the sales lists, the
// administration sections an administrator or manager has, and the user's own account) and the open section on
// the right. #/settings/<section> opens a section; sections the user does not have are not listed.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

const char* group_of(const std::string& section, bool admin) {
    // Everyone may have API keys of their own; only for administrators (who see everyone's) are they administration.
    if (section == "api-keys" && !admin) return "settings.group.personal";
    if (section == "users" || section == "api-keys" || section == "kiosk-tokens" || section == "security" ||
        section == "jobs" || section == "email" || section == "mail-templates" || section == "sms" || section == "web-form" ||
        section == "webhooks")
        return "settings.group.admin";
    if (section == "account") return "settings.group.personal";
    return "settings.group.sales";
}

// The side list; returns its height.
float side_list(AppState& app, Ui& ui, ImVec2 p, float width) {
    auto& st = app.settings();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = p.y;
    std::string last_group;
    for (const auto& s : st.sections()) {
        const std::string group = group_of(s, st.is_admin());
        if (group != last_group) {
            if (!last_group.empty()) y += ui.px(14);
            ImGui::SetCursorScreenPos(ImVec2(p.x + ui.px(12), y));
            text(ui, "settings.group." + s, app.tr(group), ui.fonts.small, color::text_muted);
            y += ui.fonts.small->FontSize + ui.px(8);
            last_group = group;
        }
        const bool on = st.current() == s;
        const ImVec2 a(p.x, y), b(p.x + width, y + ui.px(38));
        ImGui::SetCursorScreenPos(a);
        const std::string id = "settings.nav." + s;
        if (ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(width, ui.px(38))) && !on) app.navigate(Route::settings(s));
        const bool hov = ImGui::IsItemHovered();
        if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (on || hov) dl->AddRectFilled(a, b, on ? color::primary_soft : color::surface_muted, ui.px(8));
        if (on) dl->AddRectFilled(a, ImVec2(a.x + ui.px(3), b.y), color::primary, ui.px(2));
        const std::string label = app.tr("settings.section." + s);
        ImFont* f = on ? ui.fonts.strong : ui.fonts.body;
        const ImVec2 ts = text_size(f, label);
        dl->AddText(f, f->FontSize, ImVec2(a.x + ui.px(14), std::floor(a.y + (ui.px(38) - ts.y) * 0.5f)),
                    on ? color::primary_active : color::text, label.c_str());
        ui.record(id, label, "button", a, b, on ? "true" : "false");
        y += ui.px(40);
    }
    return y - p.y;
}

void section_body(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    const std::string& s = st.current();
    if (s == "stages") settings_stages(app, ui, width);
    else if (s == "teams") settings_teams(app, ui, width);
    else if (s == "lost-reasons") settings_list(app, ui, "lost_reasons", width);
    else if (s == "tags") settings_list(app, ui, "tags", width);
    else if (s == "contact-types") settings_list(app, ui, "contact_types", width);
    else if (s == "activity-types") settings_list(app, ui, "activity_types", width);
    else if (s == "utm") settings_utm(app, ui, width);
    else if (s == "users") settings_users(app, ui, width);
    else if (s == "api-keys") settings_api_keys(app, ui, width);
    else if (s == "kiosk-tokens") settings_kiosk_tokens(app, ui, width);
    else if (s == "security") settings_security(app, ui, width);
    else if (s == "jobs") settings_jobs(app, ui, width);
    else if (s == "scoring") settings_scoring(app, ui, width);
    else if (s == "assignment") settings_assignment(app, ui, width);
    else if (s == "email") settings_mail(app, ui, width);
    else if (s == "mail-templates") settings_mail_templates(app, ui, width);
    else if (s == "sms") settings_sms(app, ui, width);
    else if (s == "web-form") settings_web_form(app, ui, width);
    else if (s == "webhooks") settings_webhooks(app, ui, width);
    else if (s == "products") settings_products(app, ui, width);
    else if (s == "currencies") settings_currencies(app, ui, width);
    else if (s == "account") settings_account(app, ui, width);
}

}  // namespace

void draw_settings(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& st = app.settings();
    st.open(app.route().section);
    const std::string title = app.tr("view.settings.title");
    const std::string section_title = app.tr("settings.section." + st.current());
    ui.title = app.tr("app.name") + " — " + title + " — " + section_title;

    const float display_w = ImGui::GetIO().DisplaySize.x;
    const float margin = display_w < ui.px(760) ? ui.px(12) : ui.px(28);
    const float total = std::min(ui.px(1280), display_w - 2 * margin);
    const float x0 = std::floor((display_w - total) * 0.5f);
    const float top = ImGui::GetCursorScreenPos().y + ui.px(24);
    ImGui::SetCursorScreenPos(ImVec2(x0, top));
    ImGui::BeginGroup();  // keeps the heading in the page column (a new line starts at the group's left edge)
    text(ui, "settings.title", title, ui.fonts.title, color::text);
    gap(ui, 4);
    paragraph(ui, "settings.subtitle", app.tr("settings.subtitle"), ui.fonts.body, color::text_secondary, total);
    ImGui::EndGroup();

    const ImVec2 card(x0, ImGui::GetItemRectMax().y + ui.px(20));
    const bool narrow = total < ui.px(820);
    const float nav_w = narrow ? total - ui.px(32) : ui.px(232);
    const float pad = ui.px(16);
    const float card_h = ui.remembered("settings.card", ui.px(480));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, card, ImVec2(card.x + total, card.y + card_h), ui.px(14));
    const float nav_h = side_list(app, ui, ImVec2(card.x + pad, card.y + pad), nav_w);

    // The open section: right of the list (below it on narrow windows), separated by a hairline.
    ImVec2 body;
    float body_w;
    if (narrow) {
        body = ImVec2(card.x + pad, card.y + pad + nav_h + ui.px(16));
        body_w = total - 2 * pad;
        dl->AddLine(ImVec2(card.x, body.y - ui.px(8)), ImVec2(card.x + total, body.y - ui.px(8)), color::border, ui.px(1));
    } else {
        const float sep = card.x + pad + nav_w + pad;
        dl->AddLine(ImVec2(sep, card.y), ImVec2(sep, card.y + card_h), color::border, ui.px(1));
        body = ImVec2(sep + ui.px(28), card.y + ui.px(26));
        body_w = card.x + total - ui.px(28) - body.x;
    }
    ImGui::SetCursorScreenPos(body);
    ImGui::BeginGroup();
    text(ui, "settings.section_title", section_title, ui.fonts.title, color::text);
    gap(ui, 18);
    if (!st.banner().empty()) {
        alert(ui, "settings.error", st.banner().render(app.language()), body_w);
        gap(ui, 16);
    }
    if (!st.account().loaded() && !st.has_section(st.current()))
        text(ui, "settings.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
    else
        section_body(app, ui, body_w);
    ImGui::Dummy(ImVec2(body_w, ui.px(8)));
    ImGui::EndGroup();
    const float bottom = std::max(ImGui::GetItemRectMax().y + ui.px(20), card.y + pad + nav_h + pad);
    ui.remember("settings.card", std::max(bottom - card.y, ui.px(420)));
    ImGui::SetCursorScreenPos(ImVec2(x0, card.y + card_h));
    ImGui::Dummy(ImVec2(total, ui.px(32)));  // bottom margin when the page scrolls
}

}  // namespace tumen::app
