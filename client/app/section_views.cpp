// Leads list, contacts, a contact, settings and import: each has its address and its tab in the top bar; until
// their own issues land they say what will be there.
#include <algorithm>
#include <cmath>

#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

void draw_section(AppState& app, Ui& ui) {
    top_bar(app, ui);
    const Route& r = app.route();
    std::string key = std::string(view_name(r.view));
    const std::string title = app.tr("view." + key + ".title", {{"id", std::to_string(r.id)}});
    ui.title = app.tr("app.name") + " — " + title;
    const Column col = page_column(ui);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(col.x, start.y + ui.px(32)));
    ImGui::BeginGroup();
    text(ui, "section.title", title, ui.fonts.title, color::text);
    ImGui::Dummy(ImVec2(0, ui.px(20)));
    if (const std::string banner = app.banner().render(app.language()); !banner.empty()) {
        alert(ui, "app.error", banner, col.width);
        ImGui::Dummy(ImVec2(0, ui.px(16)));
    }
    const ImVec2 card = ImGui::GetCursorScreenPos();
    const float card_h = ui.remembered("section.card", ui.px(160));
    card_background(ui, ImGui::GetWindowDrawList(), card, ImVec2(card.x + col.width, card.y + card_h), ui.px(14));
    ImGui::SetCursorScreenPos(ImVec2(card.x + ui.px(28), card.y + ui.px(28)));
    paragraph(ui, "section.body", app.tr("view." + key + ".body"), ui.fonts.body, color::text_secondary,
              std::min(col.width - ui.px(56), ui.px(640)));
    ImGui::Dummy(ImVec2(0, ui.px(20)));
    ImGui::SetCursorScreenPos(ImVec2(card.x + ui.px(28), ImGui::GetCursorScreenPos().y));
    if (button(ui, "nav.back_to_pipeline", app.tr("nav.back_to_pipeline"), ButtonKind::secondary, ImVec2(0, ui.px(40))))
        app.navigate(Route::pipeline());
    ui.remember("section.card", ImGui::GetCursorScreenPos().y + ui.px(28) - card.y);
    ImGui::EndGroup();
}

}  // namespace tumen::app
