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
void draw_lead_form(client::AppState& app, Ui& ui);  // lead_view.cpp
void draw_leads_list(client::AppState& app, Ui& ui);  // list_view.cpp
void draw_settings(client::AppState& app, Ui& ui);  // settings_view.cpp
void draw_calendar(client::AppState& app, Ui& ui);  // calendar_view.cpp
void draw_quotations(client::AppState& app, Ui& ui);  // quotation_view.cpp: the list
void draw_quotation(client::AppState& app, Ui& ui);   // quotation_view.cpp: the editor
void draw_activities(client::AppState& app, Ui& ui);  // activities_view.cpp: My activities
void draw_dashboard(client::AppState& app, Ui& ui);   // dashboard_view.cpp
void draw_analysis(client::AppState& app, Ui& ui);    // analysis_view.cpp
void draw_kiosk(client::AppState& app, Ui& ui);       // kiosk_view.cpp: the wall display
void draw_contacts(client::AppState& app, Ui& ui);      // contacts_view.cpp: #/contacts
void draw_contact_form(client::AppState& app, Ui& ui);  // contact_view.cpp: #/contact/<id>
void draw_import(client::AppState& app, Ui& ui);        // import_view.cpp: #/import, the CSV import wizard
void draw_not_found(client::AppState& app, Ui& ui);
// Leads list, contacts, settings, import: placeholders until their issues (section_views.cpp).
void draw_section(client::AppState& app, Ui& ui);
void draw_loading(client::AppState& app, Ui& ui);

// The keyboard layer: shortcuts (client/state/shortcuts.hpp) run before the views draw (keyboard.cpp); stale view
// requests are dropped after; the command palette and the shortcut help are drawn over everything (palette_view.cpp).
void handle_shortcuts(client::AppState& app);
void end_shortcuts_frame(client::AppState& app);
void draw_keyboard_overlays(client::AppState& app, Ui& ui);

// Shared pieces.
void language_switch(client::AppState& app, Ui& ui);
// The bar on top of every signed-in view; returns its height (device px). (top_bar.cpp)
float top_bar(client::AppState& app, Ui& ui);
// A person's initials ("Болд Бат" -> "ББ") in a coloured circle, the colour fixed by `id`.
std::string initials(std::string_view name);
void avatar(Ui& ui, ImDrawList* dl, ImVec2 centre, float radius, std::int64_t id, std::string_view name);
void chevron_down(ImDrawList* dl, ImVec2 centre, float size, ImU32 col);
// Left edge and width of the centred page column below the top bar (device px).
struct Column {
    float x;
    float width;
};
Column page_column(Ui& ui);

}  // namespace tumen::app
