// The frame around every view: page background, the full-window root, the top bar and the language switch.
#include <algorithm>
#include <cmath>

#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

void draw_app(AppState& app, Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::GetBackgroundDrawList()->AddRectFilledMultiColor(ImVec2(0, 0), display, color::page_top, color::page_top,
                                                            color::page_bottom, color::page_bottom);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##root", nullptr, flags);
    ImGui::PushFont(ui.fonts.body);
    const std::string_view view = app.view();
    if (view == "login") draw_login(app, ui);
    else if (view == "pipeline") draw_pipeline(app, ui);
    else if (view == "lead") draw_lead(app, ui);
    else if (view == "not_found") draw_not_found(app, ui);
    else draw_loading(app, ui);
    ImGui::PopFont();
    ImGui::End();
}

void language_switch(AppState& app, Ui& ui) {
    std::vector<Choice> choices;
    for (auto lang : i18n::all_languages) choices.push_back({i18n::code(lang), i18n::native_name(lang)});
    int selected = 0;
    for (size_t i = 0; i < i18n::all_languages.size(); ++i)
        if (i18n::all_languages[i] == app.language()) selected = static_cast<int>(i);
    if (segmented(ui, "lang", choices, selected)) app.set_language(i18n::all_languages[static_cast<size_t>(selected)]);
}

Column page_column(Ui& ui) {
    const float display_w = ImGui::GetIO().DisplaySize.x;
    const float margin = display_w < ui.px(640) ? ui.px(16) : ui.px(32);
    const float width = std::min(ui.px(1120), display_w - 2 * margin);
    return {std::floor((display_w - width) * 0.5f), width};
}

float top_bar(AppState& app, Ui& ui) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetIO().DisplaySize.x;
    const float h = ui.px(60);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + h), color::surface);
    dl->AddLine(ImVec2(origin.x, origin.y + h - ui.px(1) * 0.5f), ImVec2(origin.x + w, origin.y + h - ui.px(1) * 0.5f),
                color::border, ui.px(1));
    const Column col = page_column(ui);
    auto centre_y = [&](float item_h) { return std::floor(origin.y + (h - item_h) * 0.5f); };

    // brand
    const float mark = ui.px(30);
    ImGui::SetCursorScreenPos(ImVec2(col.x, centre_y(mark)));
    logo(ui, mark);
    float x = col.x + mark + ui.px(10);
    ImGui::SetCursorScreenPos(ImVec2(x, centre_y(ui.fonts.strong->FontSize)));
    const std::string brand = app.tr("app.name");
    text(ui, "app.name", brand, ui.fonts.strong, color::text);
    x += text_size(ui.fonts.strong, brand).x + ui.px(28);

    // navigation: one tab for now
    const std::string nav = app.tr("nav.pipeline");
    const bool active = app.route().view == View::pipeline;
    const ImVec2 nav_size(text_size(ui.fonts.strong, nav).x + ui.px(16), h);
    ImGui::SetCursorScreenPos(ImVec2(x, origin.y));
    if (ImGui::InvisibleButton("##nav.pipeline", nav_size)) app.navigate(Route::pipeline());
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 nts = text_size(ui.fonts.strong, nav);
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize,
                ImVec2(std::floor(x + (nav_size.x - nts.x) * 0.5f), centre_y(nts.y)),
                active ? color::primary : hovered ? color::text : color::text_secondary, nav.c_str());
    if (active)
        dl->AddRectFilled(ImVec2(x, origin.y + h - ui.px(3)), ImVec2(x + nav_size.x, origin.y + h), color::primary,
                          ui.px(2), ImDrawFlags_RoundCornersTop);
    ui.record("nav.pipeline", nav, "button", ImVec2(x, origin.y), ImVec2(x + nav_size.x, origin.y + h));

    // right side: user, language, sign out
    const bool busy = app.logging_out();
    const std::string out_label = app.tr(busy ? "session.signing_out" : "session.logout");
    const float out_w = text_size(ui.fonts.strong, out_label).x + ui.px(28);
    float right = col.x + col.width;
    ImGui::SetCursorScreenPos(ImVec2(right - out_w, centre_y(ui.px(36))));
    if (button(ui, "session.logout", out_label, ButtonKind::secondary, ImVec2(out_w, ui.px(36)), !busy)) app.logout();
    right -= out_w + ui.px(12);

    std::vector<Choice> langs;
    for (auto lang : i18n::all_languages) langs.push_back({i18n::code(lang), i18n::native_name(lang)});
    const float lang_w = segmented_width(ui, langs);
    ImGui::SetCursorScreenPos(ImVec2(right - lang_w, centre_y(ui.px(30))));
    language_switch(app, ui);
    right -= lang_w + ui.px(16);

    if (const auto& s = app.session(); s && w > ui.px(720)) {
        const float name_w = text_size(ui.fonts.body, s->user.name).x;
        if (right - name_w > x + nav_size.x + ui.px(16)) {
            ImGui::SetCursorScreenPos(ImVec2(right - name_w, centre_y(ui.fonts.body->FontSize)));
            text(ui, "session.user", s->user.name, ui.fonts.body, color::text_secondary);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
    return h;
}

}  // namespace tumen::app
