// The search-bar chips the leads list and the board share (issue 5): Rotting, a tag, a country and a date
// range on a chosen date field, as kept in the address (`f=rotting&tag=3&country=MN&date=create_date:this_month`)
// and as the filter-language condition they add (shared/FILTER.md). Presets stay relative (`this_month`), so
// a reload, a saved favourite or tomorrow's visit resolve them against the user's today on the server.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::client {

// The date fields a range can be on and the presets, as written in the address.
inline constexpr std::array<std::string_view, 3> date_range_fields = {"create_date", "date_deadline", "date_closed"};
inline constexpr std::array<std::string_view, 7> date_range_presets = {"today",     "this_week",   "this_month", "this_quarter",
                                                                       "this_year", "last_30_days", "custom"};

struct SearchChips {
    bool rotting = false;        // idle in an open stage longer than its rotting days (chip in `f`)
    std::int64_t tag_id = 0;     // 0 = any (`tag`)
    std::string country;         // "" = any (`country`, ISO code as stored)
    std::string date_field;      // "" = no date range; one of date_range_fields
    std::string date_preset;     // one of date_range_presets
    std::string date_from;       // custom only: "YYYY-MM-DD" or "" (open)
    std::string date_to;

    bool operator==(const SearchChips&) const = default;
    bool any() const { return rotting || tag_id > 0 || !country.empty() || !date_field.empty(); }
    // Sets a preset range on `field` (custom keeps from/to); an unknown field or preset clears the range.
    void set_date(std::string_view field, std::string_view preset, std::string from = {}, std::string to = {});
    void clear_date() { date_field.clear(), date_preset.clear(), date_from.clear(), date_to.clear(); }
};

// Reads tag, country and date from a route's query string, and `rotting` from the chip list `f` (already split
// by the caller's parser: pass the chip). Invalid values are ignored (a range with a bad date is dropped).
void parse_search_chips(std::string_view route_query, SearchChips& out);
bool parse_search_chip(std::string_view chip, SearchChips& out);  // "rotting" -> true
// The address pairs: tag, country, date ("" when unset), in that order; and the `f` chip names.
std::string format_date_range(const SearchChips& c);  // "create_date:this_month" / "date_closed:2026-01-01..2026-03-31"
void add_search_chip_names(const SearchChips& c, std::string& chips);  // appends ",rotting"

// The Country picker's choices: GET /leads/groups with this query (every lead, no cards), read by
// countries_from_groups (the non-empty group keys, sorted).
inline constexpr std::string_view countries_query = "group_by=country&active=all&limit=0&fields=id";
std::vector<std::string> countries_from_groups(std::string_view body);

// The filter-language conditions, each a plain comparison or an `and` of two (joined by the caller with `and`).
std::vector<std::string> search_chips_filter(const SearchChips& c);

}  // namespace tumen::client
