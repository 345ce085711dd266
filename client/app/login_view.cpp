// The sign-in page: a centred card with the brand, language switch, login and password, and the server's answer.
#include <algorithm>
#include <cmath>

#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

void draw_login(AppState& app, Ui& ui) {
    auto& form = app.login_form();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 base = ImGui::GetCursorScreenPos();  // follows the root's scroll on short windows
    ui.title = app.tr("app.name") + " — " + app.tr("login.title");

    const float card_w = std::min(ui.px(420), display.x - ui.px(24));
    const float pad_x = card_w < ui.px(380) ? ui.px(24) : ui.px(40);
    const float pad_y = ui.px(36);
    const float content_w = card_w - 2 * pad_x;
    const float footer_h = ui.px(48);
    const float card_h = ui.remembered("login.card", ui.px(520));
    // A little above the optical centre, never off the top.
    const float left = base.x + std::floor((display.x - card_w) * 0.5f);
    const float top = base.y + std::max(ui.px(24), std::floor((display.y - card_h - footer_h) * 0.46f));
    card_background(ui, ImGui::GetWindowDrawList(), ImVec2(left, top), ImVec2(left + card_w, top + card_h),
                    ui.px(16));

    ImGui::SetCursorScreenPos(ImVec2(left + pad_x, top + pad_y));
    ImGui::BeginGroup();
    {
        // brand row with the language switch on the right
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const float mark = ui.px(36);
        logo(ui, mark);
        ImGui::SetCursorScreenPos(ImVec2(row.x + mark + ui.px(12), row.y + std::floor((mark - ui.fonts.strong->FontSize) * 0.5f)));
        text(ui, "app.name", app.tr("app.name"), ui.fonts.strong, color::text);
        std::vector<Choice> langs;
        for (auto lang : i18n::all_languages) langs.push_back({i18n::code(lang), i18n::native_name(lang)});
        ImGui::SetCursorScreenPos(ImVec2(row.x + content_w - segmented_width(ui, langs), row.y + std::floor((mark - ui.px(30)) * 0.5f)));
        language_switch(app, ui);
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + mark));
    }
    ImGui::Dummy(ImVec2(content_w, ui.px(28)));
    const bool code_step = form.second_step();
    text(ui, "login.title", app.tr(code_step ? "login.code_title" : "login.title"), ui.fonts.title, color::text);
    ImGui::Dummy(ImVec2(0, ui.px(6)));
    paragraph(ui, "login.subtitle", app.tr(code_step ? "login.code_subtitle" : "login.subtitle"), ui.fonts.body,
              color::text_secondary, content_w);
    ImGui::Dummy(ImVec2(0, ui.px(22)));

    const std::string error = form.error().render(app.language());
    if (!error.empty()) {
        alert(ui, "login.error", error, content_w);
        ImGui::Dummy(ImVec2(0, ui.px(20)));
    }

    const std::string focus = form.take_focus_request();
    const bool busy = form.busy();
    if (code_step) {
        // Second step: the authenticator's code (or a recovery code) for the account whose password was right.
        InputOptions code_opt;
        code_opt.width = content_w;
        code_opt.invalid = form.error().field == "code";
        code_opt.focus = focus == "code";
        const bool enter = input(ui, "login.code", app.tr("login.code"), app.tr("login.code_hint"), form.code, code_opt);
        ImGui::Dummy(ImVec2(0, ui.px(28)));
        const bool clicked = button(ui, "login.verify", app.tr(busy ? "login.verifying" : "login.verify"),
                                    ButtonKind::primary, ImVec2(content_w, ui.px(46)), !busy);
        if (clicked || enter) app.submit_login();
        ImGui::Dummy(ImVec2(0, ui.px(14)));
        const std::string back = app.tr("login.back");
        const ImVec2 r = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(r.x + std::floor((content_w - text_size(ui.fonts.strong, back).x - ui.px(32)) * 0.5f), r.y));
        if (button(ui, "login.back", back, ButtonKind::ghost, ImVec2(0, ui.px(36)), !busy)) form.cancel_second_step();
    } else {
        InputOptions login_opt;
        login_opt.width = content_w;
        login_opt.invalid = form.error().field == "login";
        login_opt.focus = focus == "login";
        if (input(ui, "login.login", app.tr("login.login"), app.tr("login.login_hint"), form.login, login_opt))
            form.request_focus("password");
        ImGui::Dummy(ImVec2(0, ui.px(18)));

        InputOptions pass_opt;
        pass_opt.width = content_w;
        pass_opt.password = true;
        pass_opt.invalid = form.error().field == "password";
        pass_opt.focus = focus == "password";
        const bool enter = input(ui, "login.password", app.tr("login.password"), app.tr("login.password_hint"),
                                 form.password, pass_opt);
        ImGui::Dummy(ImVec2(0, ui.px(28)));

        const bool clicked = button(ui, "login.submit", app.tr(busy ? "login.submitting" : "login.submit"),
                                    ButtonKind::primary, ImVec2(content_w, ui.px(46)), !busy);
        if (clicked || enter) app.submit_login();
    }
    ImGui::EndGroup();
    ui.remember("login.card", ImGui::GetItemRectMax().y + pad_y - top);

    // footnote under the card
    const std::string version = app.tr("app.version", {{"version", TUMEN_VERSION}});
    const std::string foot = app.tr("app.tagline") + "  ·  " + version;
    const ImVec2 fs = text_size(ui.fonts.small, foot);
    ImGui::SetCursorScreenPos(ImVec2(base.x + std::floor((display.x - fs.x) * 0.5f), top + card_h + ui.px(20)));
    text(ui, "app.footer", foot, ui.fonts.small, color::text_muted);
    ImGui::Dummy(ImVec2(0, ui.px(24)));  // bottom margin when the window scrolls
}

}  // namespace tumen::app
