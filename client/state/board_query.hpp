// What the board shows, as kept in the address (#/pipeline/<team>?q=...&f=mine,won): the full-text search and the
// filter chips, and how they become the leads API's parameters (filter language, shared/FILTER.md).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "search_chips.hpp"

namespace tumen::client {

struct BoardQuery {
    std::string text;         // full-text words (`q`)
    bool mine = false;        // My pipeline: user_id = me
    bool unassigned = false;  // no salesperson
    bool won = false;         // in a won stage
    bool lost = false;        // lost (inactive, probability 0): the only chip that shows inactive leads
    bool overdue = false;     // Overdue activities: an open activity due before the user's today
    SearchChips chips;        // Rotting, tag, country, date range (shared with the list)

    bool operator==(const BoardQuery&) const = default;
};

// From a route's query string ("q=%D0%B0&f=mine,lost"); unknown chips are ignored.
BoardQuery parse_board_query(std::string_view route_query);
// The route's query string ("" when nothing is set); parse_board_query(format_board_query(q)) == q.
std::string format_board_query(const BoardQuery& q);

// The filter-language condition for the board of `team_id` (0 = leads without a team) with the chips of `q`.
std::string board_filter(const BoardQuery& q, std::int64_t team_id);
// The `active` parameter: "false" for the Lost chip, else "true".
std::string_view board_active(const BoardQuery& q);

// "a=1&b=x" from key/value pairs, values percent-encoded, empty values left out.
std::string query_string(std::initializer_list<std::pair<std::string_view, std::string>> params);

}  // namespace tumen::client
