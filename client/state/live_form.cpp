// Live events on the open lead form (LeadForm::apply_live): a change made elsewhere reloads the form in place when
// it holds no unsaved edits; with edits, nothing is overwritten: the form says someone else changed the lead and
// offers to reload (the conflict banner). New chatter messages appear by themselves.
#include "app_state.hpp"
#include "lead_form.hpp"
#include "live_event.hpp"

namespace tumen::client {

void LeadForm::live_references() {
    if (id_ != 0) load_references();
}

void LeadForm::live_reload() {
    if (!lead_ || loading_) return;
    if (dirty()) {
        conflict_ = true;
        banner_ = Message::from_key("lead.changed_elsewhere");
        return;
    }
    load_lead();
    load_messages(true);
}

void LeadForm::apply_live(const LiveLead& ev) {
    if (ev.id != id_ || !lead_ || loading_) return;
    if (ev.chatter_only()) {
        if (!loading_messages_) load_messages(true);
        if (ev.action == "attached" || ev.action == "detached") attachments_.reload();
        return;
    }
    if (ev.gone()) {
        conflict_ = false;
        banner_ = Message::from_key(ev.action == "hidden" ? "lead.hidden_elsewhere" : "lead.deleted_elsewhere");
        return;
    }
    // Our own save or action answers with this version itself; older news changes nothing.
    if (ev.version <= lead_->version || saving_ || busy_ || dialog_busy_) return;
    live_reload();
}

}  // namespace tumen::client
