// The pipeline page. The kanban board arrives with the pipeline issue; until then it greets the signed-in user
// and shows what will appear here.
#include <algorithm>
#include <cmath>

#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

// A small drawing of three board columns with cards: the empty state's picture.
void board_picture(Ui& ui, ImVec2 centre) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float col_w = ui.px(54), col_h = ui.px(74), gap = ui.px(10);
    const float left = std::floor(centre.x - (3 * col_w + 2 * gap) * 0.5f);
    const int cards[3] = {3, 2, 1};
    for (int c = 0; c < 3; ++c) {
        const float x = left + static_cast<float>(c) * (col_w + gap);
        dl->AddRectFilled(ImVec2(x, centre.y), ImVec2(x + col_w, centre.y + col_h), color::surface_muted, ui.px(8));
        for (int k = 0; k < cards[c]; ++k) {
            const float y = centre.y + ui.px(6) + static_cast<float>(k) * ui.px(22);
            dl->AddRectFilled(ImVec2(x + ui.px(6), y), ImVec2(x + col_w - ui.px(6), y + ui.px(16)),
                              c == 2 ? color::primary_soft : color::surface, ui.px(4));
            dl->AddRect(ImVec2(x + ui.px(6), y), ImVec2(x + col_w - ui.px(6), y + ui.px(16)),
                        c == 2 ? with_alpha(color::primary, 0x50) : color::border, ui.px(4), 0, ui.px(1));
        }
    }
}

}  // namespace

void draw_pipeline(AppState& app, Ui& ui) {
    top_bar(app, ui);
    ui.title = app.tr("app.name") + " — " + app.tr("pipeline.title");
    const Column col = page_column(ui);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(col.x, start.y + ui.px(32)));
    ImGui::BeginGroup();
    text(ui, "pipeline.title", app.tr("pipeline.title"), ui.fonts.title, color::text);
    ImGui::Dummy(ImVec2(0, ui.px(6)));
    const auto& s = app.session();
    const std::string name = s ? s->user.name : std::string();
    text(ui, "pipeline.welcome", app.tr("pipeline.welcome", {{"name", name}}), ui.fonts.body, color::text_secondary);
    ImGui::Dummy(ImVec2(0, ui.px(24)));

    if (const std::string banner = app.banner().render(app.language()); !banner.empty()) {
        alert(ui, "pipeline.error", banner, col.width);
        ImGui::Dummy(ImVec2(0, ui.px(20)));
    }

    // empty state card
    const ImVec2 card = ImGui::GetCursorScreenPos();
    const float card_h = ui.remembered("pipeline.empty", ui.px(300));
    card_background(ui, ImGui::GetWindowDrawList(), card, ImVec2(card.x + col.width, card.y + card_h), ui.px(14));
    const float cx = card.x + col.width * 0.5f;
    board_picture(ui, ImVec2(cx, card.y + ui.px(44)));
    float y = card.y + ui.px(44) + ui.px(74) + ui.px(28);
    const std::string title = app.tr("pipeline.empty_title");
    const std::string body = app.tr("pipeline.empty_body");
    const float wrap = std::min(col.width - ui.px(48), ui.px(460));
    ImGui::SetCursorScreenPos(ImVec2(std::floor(cx - wrap * 0.5f), y));
    paragraph(ui, "pipeline.empty_title", title, ui.fonts.strong, color::text, wrap, true);
    y = ImGui::GetCursorScreenPos().y + ui.px(2);
    ImGui::SetCursorScreenPos(ImVec2(std::floor(cx - wrap * 0.5f), y));
    paragraph(ui, "pipeline.empty_body", body, ui.fonts.body, color::text_secondary, wrap, true);
    y = ImGui::GetCursorScreenPos().y + ui.px(40);
    ui.remember("pipeline.empty", y - card.y);
    ImGui::SetCursorScreenPos(ImVec2(card.x, card.y + card_h));
    ImGui::Dummy(ImVec2(col.width, ui.px(32)));
    ImGui::EndGroup();
}

}  // namespace tumen::app
