// The contacts views: the list (contacts_view.cpp) with its "New contact" dialog, and the contact form
// (contact_view.cpp: header, fields, company people, leads, chatter).
#pragma once
#include <optional>

#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app {

// The "New contact / New company" dialog while it is open (drawn by the list and by a company's form).
void new_contact_dialog(client::AppState& app, Ui& ui);
// A search-as-you-type field over contacts with its hits listed under it; returns the hit clicked.
std::optional<client::ContactHit> contact_search_field(client::AppState& app, Ui& ui, std::string_view id,
                                                       client::ContactSearch& search, float width);

}  // namespace tumen::app
