// What the leads list shows, as kept in the address (#/leads?q=...&f=mine,lost&stage=4&sort=name%20asc): the
// full-text search, the filter chips and picks, and the sort; and how they become the leads API's parameters
// (filter language, shared/FILTER.md). The list and its export send the same parameters.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "search_chips.hpp"

namespace tumen::client {

// The columns the server can sort by (keyset paging needs an indexed key), as written in ?sort.
bool list_sortable(std::string_view field);
// What the list can be grouped by (?group=...), the names of GET /leads/groups' group_by, in the menu's order.
inline constexpr std::array<std::string_view, 8> list_group_keys = {"user",  "team",         "stage",          "tag",
                                                                    "country", "create_month", "deadline_month", "closed_month"};
bool list_groupable(std::string_view key);

struct LeadListQuery {
    std::string text;            // full-text words (`q`)
    bool mine = false;           // My pipeline: user_id = me
    bool unassigned = false;     // no salesperson
    bool won = false;            // in a won stage
    bool lost = false;           // lost: inactive with probability 0
    bool archived = false;       // every inactive lead (lost ones too, like Odoo's "Archived")
    bool overdue = false;        // Overdue activities (the board's chip): activity_overdue = true
    std::int64_t stage_id = 0;   // 0 = any
    std::int64_t user_id = 0;
    std::int64_t team_id = 0;
    SearchChips chips;           // Rotting, tag, country, date range (shared with the board)
    std::string where;           // a filter-language clause from a chart or dashboard click-through (`filter`)
    bool all = false;            // active and inactive leads alike (chip "all": what an analysis counted)
    std::string sort_field;      // "" = the default (newest first)
    bool sort_desc = false;
    std::string group;           // "" = a flat list; one of list_group_keys (`group=stage`)
    std::string subgroup;        // "" = one level; a second key nesting groups inside each group (`group=stage,user`)

    bool operator==(const LeadListQuery&) const = default;

    // Clicking a column header: a new column sorts ascending, the same column flips, a third click on a
    // descending column goes back to the default order.
    void toggle_sort(std::string_view field);
    // (Grouping is not a filter: "Clear filters" keeps it, as it keeps the sort.)
    // The Group-by menu's pick: "" = no grouping; a key already chosen is taken out (the second moves up);
    // another becomes the first level, or the second (replacing the second when there are two already).
    void pick_group(std::string_view key);
    bool any_filter() const { return !text.empty() || mine || unassigned || won || lost || archived || overdue || all || !where.empty() || stage_id || user_id || team_id || chips.any(); }
};

// From a route's query string; unknown chips and sort fields are ignored.
LeadListQuery parse_list_query(std::string_view route_query);
// The route's query string ("" when nothing is set); parse_list_query(format_list_query(q)) == q.
std::string format_list_query(const LeadListQuery& q);

// The leads API parameters of the search (without paging): filter, q, active, sort.
std::string list_filter(const LeadListQuery& q);
std::string_view list_active(const LeadListQuery& q);  // "true" | "false" | "all"
std::string list_sort(const LeadListQuery& q);          // "create_date desc" by default

}  // namespace tumen::client
