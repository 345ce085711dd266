// The frame around every view: page background, the full-window root and the language switch (top bar: top_bar.cpp).
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

// While files are dragged over the page: a frame around it and, in the middle, where a drop would go.
void draw_drop_hint(AppState& app, Ui& ui) {
    const std::string hint = app.drop_hint();
    if (hint.empty()) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float inset = ui.px(12);
    dl->AddRectFilled(ImVec2(0, 0), display, color::scrim);
    dl->AddRect(ImVec2(inset, inset), ImVec2(display.x - inset, display.y - inset), color::primary, ui.px(12), 0, ui.px(3));
    const ImVec2 ts = text_size(ui.fonts.strong, hint);
    const ImVec2 pad = ui.px(28, 18);
    const ImVec2 box_min(std::floor((display.x - ts.x) * 0.5f - pad.x), std::floor((display.y - ts.y) * 0.5f - pad.y));
    const ImVec2 box_max(box_min.x + ts.x + 2 * pad.x, box_min.y + ts.y + 2 * pad.y);
    dl->AddRectFilled(box_min, box_max, color::surface, ui.px(10));
    dl->AddRect(box_min, box_max, color::primary, ui.px(10), 0, ui.px(2));
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(box_min.x + pad.x, box_min.y + pad.y), color::text, hint.c_str());
    ui.record("drop.hint", hint, "text", box_min, box_max);
}

}  // namespace

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
    handle_shortcuts(app);
    const std::string_view view = app.view();
    if (view == "login") draw_login(app, ui);
    else if (view == "pipeline") draw_pipeline(app, ui);
    else if (view == "lead") draw_lead_form(app, ui);
    else if (view == "leads") draw_leads_list(app, ui);
    else if (view == "settings") draw_settings(app, ui);
    else if (view == "calendar") draw_calendar(app, ui);
    else if (view == "quotations") draw_quotations(app, ui);
    else if (view == "quotation") draw_quotation(app, ui);
    else if (view == "dashboard") draw_dashboard(app, ui);
    else if (view == "analysis") draw_analysis(app, ui);
    else if (view == "activities") draw_activities(app, ui);
    else if (view == "kiosk") draw_kiosk(app, ui);
    else if (view == "contacts") draw_contacts(app, ui);
    else if (view == "contact") draw_contact_form(app, ui);
    else if (view == "import") draw_import(app, ui);
    else if (view == "leads" || view == "settings" || view == "import")
        draw_section(app, ui);
    else if (view == "not_found") draw_not_found(app, ui);
    else draw_loading(app, ui);
    // Leaving a form with unsaved edits waits here (AppState::pending_leave): Discard goes, Keep editing stays.
    if (app.pending_leave()) {
        const int answer = confirm_overlay(app, ui, "leave", app.tr("leave.title"), app.tr("leave.body"),
                                           app.tr("leave.discard"), app.tr("leave.keep"));
        if (answer > 0) app.discard_and_leave();
        else if (answer < 0) app.keep_editing();
    }
    if (app.session_status() == client::SessionStatus::signed_in) draw_keyboard_overlays(app, ui);
    draw_drop_hint(app, ui);
    end_shortcuts_frame(app);
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

}  // namespace tumen::app
