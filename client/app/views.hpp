// The client's views, drawn with ImGui from the view models in client/state. Nothing here touches the browser.
#pragma once
#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app {

// Draws one frame of the whole client: the view the state's route asks for, full window.
void draw_app(client::AppState& app, Ui& ui);

// The individual views (one file each), called by draw_app inside the full-window root.
void draw_login(client::AppState& app, Ui& ui);
void draw_pipeline(client::AppState& app, Ui& ui);
void draw_lead(client::AppState& app, Ui& ui);
void draw_not_found(client::AppState& app, Ui& ui);
void draw_loading(client::AppState& app, Ui& ui);

// Shared pieces.
void language_switch(client::AppState& app, Ui& ui);
// The bar on top of every signed-in view; returns its height (device px).
float top_bar(client::AppState& app, Ui& ui);
// Left edge and width of the centred page column below the top bar (device px).
struct Column {
    float x;
    float width;
};
Column page_column(Ui& ui);

}  // namespace tumen::app
