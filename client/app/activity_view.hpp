// Activities in the views (activity_view.cpp): the lead form's block, the one dialog (Schedule / Edit, Mark
// done, next step), a row of a list of activities, and the state colour and icon the board cards share.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app {

// overdue red, today amber, planned green.
ImU32 activity_state_color(std::string_view due_state);
// A filled circle in the state's colour with the first letter of `label` (the type) in it.
void activity_icon(Ui& ui, ImDrawList* dl, ImVec2 centre, float radius, std::string_view due_state, std::string_view label);
// "overdue 2 days" / "today" / "in 3 days" (the date itself when today is not known).
std::string activity_due_text(client::AppState& app, const client::ActivityItem& it, std::optional<DayNumber> today);
// One activity with its actions (Mark done, +1 day, +7 days, Edit, Cancel); `show_lead`: a link to its lead.
void activity_row(client::AppState& app, Ui& ui, const client::ActivityItem& it, std::optional<DayNumber> today,
                  const std::string& id, float width, bool show_lead);
// The block's notice or error banner.
void activity_messages(client::AppState& app, Ui& ui, const std::string& id, float width);
void lead_activities_block(client::AppState& app, Ui& ui, float width);
// The open activity dialog, if any (modal, centred; Esc closes it).
void activity_dialog(client::AppState& app, Ui& ui);

}  // namespace tumen::app
