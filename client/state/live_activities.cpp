// Live events for the activities shown (issue 6): every activity write logs an "activity" event on its lead (the
// lead's version does not change, so the lead form ignores it); the lead form's Activities block and My activities
// load again when one concerns them.
#include "activities_state.hpp"
#include "live_event.hpp"

namespace tumen::client {

void ActivitiesState::apply_live(const LiveLead& ev) {
    if (ev.action != "activity" && !ev.gone()) return;
    if (ev.id == lead_id_ && lead_loaded_ && !ev.gone()) reload_lead();
    // Any lead's activity may be one of the list's (assigned to its user); a lead gone takes its activities along.
    if (mine_wanted_ && mine_loaded_) load_mine(mine_user_);
}

void ActivitiesState::live_reload() {
    if (lead_id_ > 0 && lead_loaded_) reload_lead();
    if (mine_wanted_ && mine_loaded_) load_mine(mine_user_);
}

}  // namespace tumen::client
