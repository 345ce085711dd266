// Live events on the pipeline board (BoardState::apply_live): a card moved, changed, added or removed elsewhere
// moves, changes, appears or disappears here in place, with the column counts and sums kept right.
#include <algorithm>

#include "app_state.hpp"
#include "board_state.hpp"
#include "live_event.hpp"

namespace tumen::client {

void BoardState::live_reload() {
    if (status_ == BoardStatus::ready) reload();
}

void BoardState::live_tags() {
    // Only the chips' names and colours changed: the cards stay where they are.
    if (references_loaded_) load_tags();
}

void BoardState::apply_live(const LiveLead& ev) {
    if (status_ != BoardStatus::ready) return;
    auto where = locate(ev.id);
    // Our own change coming back, or older news than what the card shows.
    if (where && !ev.gone() && columns_[where->first].cards[where->second].version >= ev.version) return;

    std::optional<Lead> card = ev.lead ? card_from_json(*ev.lead) : std::nullopt;
    BoardColumn* target = card && card->stage_id ? column_of(*card->stage_id) : nullptr;
    bool belongs = card && target && !ev.gone();
    if (belongs) {
        const auto& s = app_.session();
        const std::int64_t me = s ? s->user.id : 0;
        belongs = (team_id_ > 0 ? card->team_id == team_id_ : !card->team_id) &&
                  card->active == (board_active(query_) == "true") && (!query_.mine || card->user_id == me) &&
                  (!query_.unassigned || !card->user_id) && (!query_.won || target->stage.is_won) &&
                  (!query_.lost || card->probability == 0);
        // A full-text search (or a tag/country/date/rotting chip) cannot be checked here: cards already shown
        // stay (changed), new ones wait for a load.
        if ((!query_.text.empty() || query_.chips.any()) && !where) belongs = false;
    }

    if (where) take_card(*where);
    if (!belongs) return;
    auto at = std::find_if(target->cards.begin(), target->cards.end(),
                           [&](const Lead& c) { return card_sorts_before(*card, c); });
    // Past the loaded page it comes with "load more": counted and summed only.
    if (at == target->cards.end() && target->has_more()) {
        ++target->count;
        add_to_sums(*target, *card, +1);
        return;
    }
    put_card(*target, at, std::move(*card));
}

}  // namespace tumen::client
