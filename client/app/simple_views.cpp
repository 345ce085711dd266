// Small views: a lead (placeholder until the lead issue), "page not found", and the wait for the session check.
#include <algorithm>
#include <cmath>

#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

// Title, one paragraph and a way back to the pipeline, in the page column.
void message_page(AppState& app, Ui& ui, const std::string& id, const std::string& title, const std::string& body) {
    top_bar(app, ui);
    ui.title = app.tr("app.name") + " — " + title;
    const Column col = page_column(ui);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(col.x, start.y + ui.px(32)));
    ImGui::BeginGroup();
    text(ui, id + ".title", title, ui.fonts.title, color::text);
    ImGui::Dummy(ImVec2(0, ui.px(8)));
    paragraph(ui, id + ".body", body, ui.fonts.body, color::text_secondary, std::min(col.width, ui.px(640)));
    ImGui::Dummy(ImVec2(0, ui.px(24)));
    if (button(ui, "nav.back_to_pipeline", app.tr("nav.back_to_pipeline"), ButtonKind::secondary, ImVec2(0, ui.px(40))))
        app.navigate(Route::pipeline());
    ImGui::EndGroup();
}

}  // namespace

void draw_not_found(AppState& app, Ui& ui) {
    message_page(app, ui, "not_found", app.tr("not_found.title"),
                 app.tr("not_found.body", {{"path", app.route().path}}));
}

void draw_loading(AppState& app, Ui& ui) {
    ui.title = app.tr("app.name");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 base = ImGui::GetCursorScreenPos();
    const float mark = ui.px(44);
    const std::string msg = app.tr("session.checking");
    const ImVec2 ts = text_size(ui.fonts.body, msg);
    const float top = base.y + std::floor((display.y - mark - ui.px(16) - ts.y) * 0.46f);
    ImGui::SetCursorScreenPos(ImVec2(base.x + std::floor((display.x - mark) * 0.5f), top));
    logo(ui, mark);
    ImGui::SetCursorScreenPos(ImVec2(base.x + std::floor((display.x - ts.x) * 0.5f), top + mark + ui.px(16)));
    text(ui, "session.checking", msg, ui.fonts.body, color::text_secondary);
}

}  // namespace tumen::app
