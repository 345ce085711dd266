// Search-bar pieces the leads list and the board share (issue 5): the Tag, Country and Date range picks (chips
// with a dropdown) and the "Favourites ▾" menu (apply, delete, save the current search). Each file keeps its own
// chips; these draw into a flow that wraps onto a new line when the row is full.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "state/app_state.hpp"
#include "state/lead_list.hpp"
#include "state/saved_searches.hpp"
#include "state/search_chips.hpp"
#include "ui.hpp"

namespace tumen::app::search {

// Where the next chip goes (device px): left to right from x; past `right` it wraps to `line_start` one row down.
struct Flow {
    float x = 0;
    float y = 0;
    float line_start = 0;
    float right = 0;
    float row = 40;  // device px from one row to the next
    ImVec2 place(float w);  // the top-left of a chip `w` wide (wrapping first when needed); advances x
    float bottom(float chip_h) const { return y + chip_h; }
};

// One row of the search bar's popup menus (`on` marks the current choice); true when clicked.
bool menu_item(Ui& ui, const std::string& id, const std::string& label, bool on, float w);
// A muted line of explanation in such a menu, wrapped to `w`.
void menu_note(Ui& ui, const std::string& text, float w);

struct PickData {
    const std::vector<client::NamedRef>* tags = nullptr;   // with colours
    const std::vector<std::string>* countries = nullptr;    // the countries present (loaded on first open)
    std::function<void()> load_countries;
};

// The Tag, Country and Date chips for `prefix` ("list" / "board": ids list.filter.tag ...). Returns the new chips
// when the user picked or cleared something.
std::optional<client::SearchChips> draw_picks(client::AppState& app, Ui& ui, const std::string& prefix,
                                              const client::SearchChips& chips, const PickData& data, Flow& flow);

// The "Favourites ▾" button at `pos` (ids <prefix>.fav...). `current_query` is what a save stores; returns the
// query of the favourite the user applied.
float favourites_width(client::AppState& app, Ui& ui);
std::optional<std::string> draw_favourites(client::AppState& app, Ui& ui, const std::string& prefix,
                                           client::SavedSearches& favs, const std::string& current_query, ImVec2 pos);

}  // namespace tumen::app::search
