// The settings page (settings_view.cpp: layout and the side list of sections) and its sections, one file per
// family: settings_lists.cpp (the generic table editor: stages, teams and members, lost reasons, tags, contact
// types, UTM), settings_users.cpp, settings_tokens.cpp (API keys, kiosk tokens), settings_security.cpp,
// settings_account.cpp (password, two-factor). Small shared pieces in settings_parts.cpp.
#pragma once
#include <string>
#include <string_view>

#include "lead_widgets.hpp"
#include "views.hpp"

namespace tumen::app {

void settings_stages(client::AppState& app, Ui& ui, float width);
void settings_teams(client::AppState& app, Ui& ui, float width);
void settings_list(client::AppState& app, Ui& ui, const std::string& table, float width);
void settings_utm(client::AppState& app, Ui& ui, float width);
void settings_currencies(client::AppState& app, Ui& ui, float width);  // settings_lists.cpp
void settings_users(client::AppState& app, Ui& ui, float width);
void settings_api_keys(client::AppState& app, Ui& ui, float width);
void settings_kiosk_tokens(client::AppState& app, Ui& ui, float width);
void settings_security(client::AppState& app, Ui& ui, float width);
void settings_jobs(client::AppState& app, Ui& ui, float width);
void settings_scoring(client::AppState& app, Ui& ui, float width);     // settings_scoring.cpp (rules, predictive)
void settings_assignment(client::AppState& app, Ui& ui, float width);  // settings_assignment.cpp
void settings_mail(client::AppState& app, Ui& ui, float width);            // settings_mail.cpp
void settings_mail_templates(client::AppState& app, Ui& ui, float width);  // settings_mail_templates.cpp
void settings_sms(client::AppState& app, Ui& ui, float width);             // settings_sms.cpp
void settings_web_form(client::AppState& app, Ui& ui, float width);        // settings_web_form.cpp
void settings_webhooks(client::AppState& app, Ui& ui, float width);        // settings_webhooks.cpp
void settings_products(client::AppState& app, Ui& ui, float width);        // settings_products.cpp
void settings_account(client::AppState& app, Ui& ui, float width);
void settings_calendar_feed(client::AppState& app, Ui& ui, float width);  // settings_calendar_feed.cpp

// ---- shared pieces (settings_parts.cpp)

// A green confirmation box ("Password changed."), full width. Recorded as "notice".
void notice(Ui& ui, std::string_view id, std::string_view message, float width);
// Error banner and notice of a section, each followed by a gap; nothing when both are empty.
void section_messages(client::AppState& app, Ui& ui, const std::string& id, const client::Message& error,
                      const client::Message& ok, float width);
// A secret shown once: a title, the value in a framed box, a Copy button (system clipboard) and Done.
// Returns true when Done was clicked.
bool secret_box(client::AppState& app, Ui& ui, const std::string& id, const std::string& title, const std::string& hint,
                const std::string& value, float width);

// A centred dialog over a dimmed page (a top-level window of its own, so it vanishes with the page that draws it
// and never blocks another view). Draw the content between begin and end; Esc or a click on the dim area sets
// `dismissed`.
bool begin_overlay(Ui& ui, const std::string& id, const std::string& title, float width, bool& dismissed);
// begin_overlay for a dialog (a confirmation, a form): while it is on screen no keyboard shortcut acts on the view
// behind it (client::key_context). The palette and the key help are no dialogs: they have keys of their own.
bool begin_dialog(client::AppState& app, Ui& ui, const std::string& id, const std::string& title, float width,
                  bool& dismissed);
void end_overlay();
// The footer of an overlay dialog `inner` wide: Cancel and a primary button at the right. Returns -1 for Cancel,
// 1 for the primary button (or Enter while `enter_submits` and a text field is focused), else 0.
int overlay_buttons(client::AppState& app, Ui& ui, const std::string& id, const std::string& ok_label, float inner,
                    bool enabled, bool enter_submits = false);
// A confirmation over the page (a dialog: Esc or a click outside cancels, Enter confirms): 1 = confirmed,
// -1 = cancelled, 0 = still open.
int confirm_overlay(client::AppState& app, Ui& ui, const std::string& id, const std::string& title,
                    const std::string& body, const std::string& confirm_label, const std::string& cancel_label = {});

// A small button for table rows (height 30 CSS px); `danger` turns it red on hover.
bool row_button(Ui& ui, const std::string& id, const std::string& label, bool danger = false, bool enabled = true);
float row_button_width(Ui& ui, const std::string& label);
// A rounded pill ("Admin", "Archived", "2FA") in `bg` with `fg` text.
void pill(Ui& ui, const std::string& id, const std::string& label, ImU32 bg, ImU32 fg);
// The palette swatch picker of tags and contact types: a swatch that opens a grid of 12. True when changed.
bool color_picker(Ui& ui, const std::string& id, std::string& value);
// A coloured dot for palette index `color`.
void color_dot(Ui& ui, ImVec2 centre, float radius, int color);
// Header of a section card: a title, a one-line description, and (optionally) a button on the right; returns true
// when that button was clicked.
bool section_header(Ui& ui, const std::string& id, const std::string& title, const std::string& body,
                    const std::string& button_label, float width, bool button_enabled = true);
// A labelled write-only field (passwords, API secrets): masked, never recorded with its value, the error under
// it in red. `hint` shows while it is empty ("Saved; type to replace").
void masked_field(Ui& ui, const std::string& id, const std::string& label, std::string& value, const std::string& error,
                  float width, const std::string& hint = {});
// Localised role name ("admin" -> "Administrator").
std::string role_label(client::AppState& app, const std::string& role);
// Drop-downs for a user's language ("mn" | "en") and IANA time zone (client::common_time_zones(), plus the value
// when it is another zone). Return true when the choice changed.
bool language_picker(Ui& ui, const std::string& id, const std::string& label, std::string& lang, const FieldOptions& opt);
bool time_zone_picker(Ui& ui, const std::string& id, const std::string& label, std::string& tz, const FieldOptions& opt);
// "2026-11-27T10:00:00Z" -> "2026-11-27 10:00" (UTC, as the server sends it); "" -> "—".
std::string short_time(const std::string& iso);

}  // namespace tumen::app
