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

void LeadList::live_references() {
    if (references_loaded_) load_references();
}

void LeadList::apply_live(const LiveLead& ev) {
    // In an expanded group (a lead may be in two tag groups; nested, in a second-level group): changed in place,
    // or gone from it.
    auto in_group = [&](ListGroup& g) {
        auto row = std::find_if(g.rows.begin(), g.rows.end(), [&](const ListRow& r) { return r.id == ev.id; });
        if (row == g.rows.end()) return false;
        if (ev.gone()) {
            selection_.erase(ev.id);
            g.rows.erase(row);
            if (g.count > 0) --g.count;
            group_anchor_.reset();
            relayout();
        } else if (row->version < ev.version) {
            if (auto fresh = list_row_from_json(*ev.lead)) *row = std::move(*fresh);
        }
        return true;
    };
    for (auto& g : groups_) {
        bool in_sub = false;
        for (auto& s : g.subgroups) in_sub = in_group(s) || in_sub;
        if (in_sub && ev.gone() && g.count > 0) --g.count;
        in_group(g);
    }
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
