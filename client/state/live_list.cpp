// Live events on the leads list (LeadList::apply_live): a loaded row changed elsewhere shows its new values where
// it is (the order and the search are the server's: the next load re-sorts); a deleted one goes away.
#include <algorithm>

#include "app_state.hpp"
#include "lead_list.hpp"
#include "live_event.hpp"

namespace tumen::client {

void LeadList::live_reload() {
    if (status_ == ListStatus::ready) reload();
}

void LeadList::apply_live(const LiveLead& ev) {
    auto it = std::find_if(rows_.begin(), rows_.end(), [&](const ListRow& r) { return r.id == ev.id; });
    if (it == rows_.end()) return;
    if (ev.gone()) {
        selection_.erase(ev.id);
        rows_.erase(it);
        if (total_ > 0) --total_;
        anchor_.reset();
        return;
    }
    if (it->version >= ev.version) return;
    if (auto row = list_row_from_json(*ev.lead)) *it = std::move(*row);
}

}  // namespace tumen::client
