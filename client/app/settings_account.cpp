// Settings › My account: who I am, changing my password, and two-step sign-in (TOTP): set-up with the secret to
// type into an authenticator app (and the otpauth:// address for apps that take one), enabling with a code,
// recovery codes shown once, new codes and turning it off with the password.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "imgui_stdlib.h"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string settings_account_err(AppState& app, const client::AccountSettings& a, const std::string& f) {
    const client::Message* m = a.error(f);
    return m ? m->render(app.language()) : std::string();
}

// "JBSWY3DPEHPK3PXP..." in groups of four, as authenticator apps show it.
std::string grouped(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i && i % 4 == 0) out += ' ';
        out += s[i];
    }
    return out;
}

// Language, time zone and the daily digest, kept on the server: the e-mails it sends me and my "today".
// Choosing a language here also switches this browser's interface to it.
void preferences_part(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().account();
    section_title(ui, "settings.account.preferences", app.tr("settings.account.preferences"), width);
    FieldOptions f;
    f.width = std::min(width, ui.px(420));
    const std::string lang_error = settings_account_err(app, a, "lang"), tz_error = settings_account_err(app, a, "tz");
    f.error = lang_error;
    language_picker(ui, "settings.account.lang", app.tr("settings.account.lang"), a.lang, f);
    gap(ui, 12);
    f.error = tz_error;
    time_zone_picker(ui, "settings.account.tz", app.tr("settings.account.tz"), a.tz, f);
    gap(ui, 12);
    checkbox(ui, "settings.account.digest", app.tr("settings.account.digest"), a.activity_digest);
    gap(ui, 16);
    if (button(ui, "settings.account.save_preferences", app.tr("settings.account.save_preferences"), ButtonKind::primary,
               ImVec2(0, ui.px(38)), !a.busy() && a.preferences_changed()))
        a.save_preferences();
}

void password_part(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().account();
    section_title(ui, "settings.account.password", app.tr("settings.account.password"), width);
    const float w = std::min(width, ui.px(420));
    masked_field(ui, "settings.account.old_password", app.tr("settings.account.old_password"), a.old_password,
                 settings_account_err(app, a, "old_password"), w);
    gap(ui, 12);
    masked_field(ui, "settings.account.new_password", app.tr("settings.account.new_password"), a.new_password,
                 settings_account_err(app, a, "new_password"), w);
    gap(ui, 4);
    text(ui, "settings.account.password_rule", app.tr("settings.password_hint"), ui.fonts.small, color::text_muted);
    gap(ui, 12);
    masked_field(ui, "settings.account.repeat_password", app.tr("settings.account.repeat_password"), a.repeat_password,
                 settings_account_err(app, a, "repeat_password"), w);
    gap(ui, 16);
    if (button(ui, "settings.account.change_password", app.tr("settings.account.change_password"), ButtonKind::primary,
               ImVec2(0, ui.px(38)), !a.busy()))
        a.change_password();
}

// Theme and interface size: kept per browser (client/state/ui_prefs.hpp), applied from the next frame.
void appearance_part(AppState& app, Ui& ui, float width) {
    section_title(ui, "settings.account.appearance", app.tr("settings.account.appearance"), width);
    text(ui, "settings.account.theme_label", app.tr("settings.account.theme"), ui.fonts.strong, color::text);
    gap(ui, 6);
    static constexpr client::ThemeChoice themes[] = {client::ThemeChoice::light, client::ThemeChoice::dark,
                                                     client::ThemeChoice::system};
    const std::string light = app.tr("settings.account.theme_light"), dark = app.tr("settings.account.theme_dark"),
                      system = app.tr("settings.account.theme_system");
    std::vector<Choice> choices = {{"light", light}, {"dark", dark}, {"system", system}};
    int selected = 0;
    for (int i = 0; i < 3; ++i)
        if (themes[i] == app.ui_prefs().theme) selected = i;
    if (segmented(ui, "settings.account.theme", choices, selected, SegmentedSize::large)) app.set_theme(themes[selected]);
    gap(ui, 4);
    paragraph(ui, "settings.account.theme_hint", app.tr("settings.account.theme_hint"), ui.fonts.small,
              color::text_muted, width);
    gap(ui, 14);
    text(ui, "settings.account.ui_scale_label", app.tr("settings.account.ui_scale"), ui.fonts.strong, color::text);
    gap(ui, 6);
    std::vector<std::string> ids, labels;  // "125" (widget id "settings.account.ui_scale.125"), "125%"
    for (int s : client::ui_scale_steps) {
        ids.push_back(std::to_string(s));
        labels.push_back(ids.back() + "%");
    }
    std::vector<Choice> sizes;
    for (size_t i = 0; i < ids.size(); ++i) sizes.push_back({ids[i], labels[i]});
    int size = 1;
    for (size_t i = 0; i < client::ui_scale_steps.size(); ++i)
        if (client::ui_scale_steps[i] == app.ui_prefs().scale_percent) size = static_cast<int>(i);
    if (segmented(ui, "settings.account.ui_scale", sizes, size, SegmentedSize::large))
        app.set_ui_scale(client::ui_scale_steps[static_cast<size_t>(size)]);
}

void two_factor_part(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().account();
    const auto& prof = a.profile();
    section_title(ui, "settings.account.totp", app.tr("settings.account.totp"), width);
    if (!a.recovery_codes().empty()) {
        std::string codes;
        for (size_t i = 0; i < a.recovery_codes().size(); ++i)
            codes += a.recovery_codes()[i] + (i + 1 < a.recovery_codes().size() ? (i % 2 ? "\n" : "    ") : "");
        if (secret_box(app, ui, "settings.account.codes", app.tr("settings.account.codes_title"),
                       app.tr("settings.account.codes_hint"), codes, std::min(width, ui.px(620))))
            a.dismiss_codes();
        gap(ui, 16);
    }
    const float w = std::min(width, ui.px(420));
    if (prof.totp_enabled) {
        pill(ui, "settings.account.totp_state", app.tr("settings.account.totp_is_on"), lead_color::success_soft, lead_color::success);
        gap(ui, 8);
        paragraph(ui, "settings.account.totp_left",
                  app.tr("settings.account.codes_left", {{"count", std::to_string(prof.recovery_codes_left)}}), ui.fonts.body,
                  color::text_secondary, width);
        gap(ui, 12);
        masked_field(ui, "settings.account.confirm_password", app.tr("settings.account.confirm_password"), a.confirm_password,
                     settings_account_err(app, a, "password"), w);
        gap(ui, 14);
        if (button(ui, "settings.account.new_codes", app.tr("settings.account.new_codes"), ButtonKind::secondary,
                   ImVec2(0, ui.px(38)), !a.busy()))
            a.new_recovery_codes();
        ImGui::SameLine(0, ui.px(10));
        if (button(ui, "settings.account.totp_disable", app.tr("settings.account.totp_disable"), ButtonKind::secondary,
                   ImVec2(0, ui.px(38)), !a.busy()))
            a.disable();
        return;
    }
    if (!a.setting_up()) {
        pill(ui, "settings.account.totp_state", app.tr("settings.account.totp_is_off"), color::surface_muted, color::text_secondary);
        gap(ui, 8);
        paragraph(ui, "settings.account.totp_about", app.tr("settings.account.totp_about"), ui.fonts.body, color::text_secondary,
                  std::min(width, ui.px(640)));
        gap(ui, 14);
        if (button(ui, "settings.account.totp_setup", app.tr("settings.account.totp_setup"), ButtonKind::primary,
                   ImVec2(0, ui.px(38)), !a.busy()))
            a.begin_setup();
        return;
    }
    // Set-up: 1. add the key to the app, 2. type the code it shows.
    const float tw = std::min(width, ui.px(640));
    paragraph(ui, "settings.account.step1", app.tr("settings.account.step1"), ui.fonts.body, color::text, tw);
    gap(ui, 10);
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const std::string key = grouped(a.secret());
        ImFont* f = ui.fonts.strong;
        const ImVec2 ts = text_size(f, key);
        const float bw = ts.x + ui.px(40);
        const float bh = ts.y + ui.px(24);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + bw, p.y + bh), color::surface_muted, ui.px(8));
        dl->AddRect(p, ImVec2(p.x + bw, p.y + bh), color::border_strong, ui.px(8), 0, ui.px(1));
        ImGui::SetCursorScreenPos(ImVec2(p.x + ui.px(20), p.y + ui.px(12)));
        text(ui, "settings.account.secret", key, f, color::text);
        ImGui::SetCursorScreenPos(ImVec2(p.x + bw + ui.px(10), p.y + std::floor((bh - ui.px(30)) * 0.5f)));
        if (row_button(ui, "settings.account.copy_secret", app.tr("settings.copy"))) ImGui::SetClipboardText(a.secret().c_str());
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + bh));
        gap(ui, 10);
    }
    paragraph(ui, "settings.account.uri_label", app.tr("settings.account.uri_label"), ui.fonts.small, color::text_secondary, tw);
    gap(ui, 4);
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        paragraph(ui, "settings.account.uri", a.otpauth_uri(), ui.fonts.small, color::text, tw - ui.px(90));
        const ImVec2 q = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(p.x + tw - ui.px(80), p.y));
        if (row_button(ui, "settings.account.copy_uri", app.tr("settings.copy"))) ImGui::SetClipboardText(a.otpauth_uri().c_str());
        ImGui::SetCursorScreenPos(ImVec2(q.x, std::max(q.y, p.y + ui.px(30))));
    }
    gap(ui, 16);
    paragraph(ui, "settings.account.step2", app.tr("settings.account.step2"), ui.fonts.body, color::text, tw);
    gap(ui, 10);
    FieldOptions f;
    f.width = ui.px(180);
    const std::string e = settings_account_err(app, a, "code");
    f.error = e;
    f.hint = "123456";
    f.font = ui.fonts.title;
    const bool first = ui.remembered("settings.account.code.shown", 0) == 0;
    f.focus = first;
    ui.remember("settings.account.code.shown", 1);
    form_field(ui, "settings.account.code", app.tr("settings.account.code"), a.code, f);
    gap(ui, 14);
    const bool enter = ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (button(ui, "settings.account.totp_enable", app.tr("settings.account.totp_enable"), ButtonKind::primary, ImVec2(0, ui.px(38)),
               !a.busy()) ||
        enter)
        a.enable();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "settings.account.totp_cancel", app.tr("settings.cancel"), ButtonKind::secondary, ImVec2(0, ui.px(38)))) {
        ui.remember("settings.account.code.shown", 0);
        a.cancel_setup();
    }
    (void)w;
}

}  // namespace

void settings_account(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().account();
    const auto& p = a.profile();
    // Who I am.
    {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        avatar(ui, ImGui::GetWindowDrawList(), ImVec2(at.x + ui.px(24), at.y + ui.px(24)), ui.px(24), p.id, p.name.empty() ? "?" : p.name);
        ImGui::SetCursorScreenPos(ImVec2(at.x + ui.px(62), at.y + ui.px(3)));
        text(ui, "settings.account.name", p.name, ui.fonts.strong, color::text);
        ImGui::SetCursorScreenPos(ImVec2(at.x + ui.px(62), at.y + ui.px(26)));
        text(ui, "settings.account.login",
             p.login + "  ·  " + role_label(app, p.role) + (p.email.empty() ? "" : "  ·  " + p.email), ui.fonts.small,
             color::text_secondary);
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ui.px(48)));
        gap(ui, 22);
    }
    section_messages(app, ui, "settings.account", a.banner(), a.notice(), width);
    preferences_part(app, ui, width);
    gap(ui, 32);
    appearance_part(app, ui, width);
    gap(ui, 32);
    password_part(app, ui, width);
    gap(ui, 32);
    two_factor_part(app, ui, width);
    gap(ui, 32);
    settings_calendar_feed(app, ui, width);
}

}  // namespace tumen::app
