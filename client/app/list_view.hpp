// Internal to the leads list's drawing (list_view.cpp: page, search and chips; list_table.cpp: the virtualized
// table; list_actions.cpp: the mass-action bar and its pickers and dialogs): measures, the view-only state that
// outlives a frame (scroll offsets, column widths, text being typed, open dialogs) and the pieces each file draws.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app::list {

// CSS pixels.
inline constexpr float header_h = 72;     // title row
inline constexpr float toolbar_h = 56;    // search + chips, or the mass-action bar
inline constexpr float table_head_h = 40;
inline constexpr float row_h = 44;
inline constexpr float check_w = 44;
inline constexpr float min_col_w = 56;

enum class Col { name, company, contact, email, phone, user, team, stage, revenue, probability, priority, created };
inline constexpr std::size_t col_count = 12;

struct ColumnDef {
    Col col;
    const char* id;        // "name": widget ids list.head.<id>
    const char* label;     // i18n key
    const char* sort;      // server sort field, nullptr when the server cannot sort by it
    float width;           // default, CSS px
    bool right;            // numbers align right
};
const std::array<ColumnDef, col_count>& columns();

struct ViewState {
    float scroll_y = 0;                    // device px
    float scroll_x = 0;
    std::array<float, col_count> widths{}; // CSS px; 0 = default
    int resizing = -1;                     // column whose right edge is being dragged
    bool dragging_thumb = false;
    float thumb_grab = 0;
    std::string search;
    std::string search_for_query;
    bool search_initialised = false;
    std::string scroll_for_query;          // a new search starts at the top
    int focused = -1;                      // the keyboard's row (Up/Down, j/k; shortcuts.hpp), -1 = none
    // Dialogs of the mass actions.
    std::string pick_filter;               // text typed to narrow a picker
    std::optional<std::int64_t> lost_reason;
    std::string lost_note;
};

ViewState& view_state();
float column_width(Ui& ui, std::size_t i);  // device px

// The table below `top` down to `bottom`, full width between x0 and x1 (device px).
void draw_table(client::AppState& app, Ui& ui, float x0, float x1, float top, float bottom);
// The bar of mass actions for the selection, in the toolbar's place.
void draw_mass_actions(client::AppState& app, Ui& ui, ImVec2 origin, float width);

// A rounded filter chip; `dropdown` adds a chevron. Returns true when clicked.
bool chip(Ui& ui, std::string_view id, const std::string& label, bool on, bool dropdown = false);
float chip_width(Ui& ui, const std::string& label, bool dropdown = false);
// A popup list of named items with a filter field; returns the id picked (nullopt = none yet). `none_label`
// (when not empty) offers "no value" as id 0.
std::optional<std::int64_t> pick_list(client::AppState& app, Ui& ui, std::string_view id,
                                      const std::vector<client::NamedRef>& items, std::string_view none_label);
// Pieces of the leads table that other lists reuse (list_table.cpp): text cut to a width with an ellipsis, a
// cell's text (padded, vertically centred, right-aligned for numbers), and a draggable scrollbar.
std::string clip_text(ImFont* f, float size, std::string_view s, float width);
void table_cell_text(Ui& ui, ImDrawList* dl, ImFont* f, ImVec2 min, float w, float h, std::string_view s, ImU32 col,
                     bool right = false);
void table_scrollbar(Ui& ui, ImDrawList* dl, const char* id, bool vertical, float t0, float t1, float across, float view,
                     float content, float& scroll);
// Grouping (list_groups.cpp): the "Group by ▾" chip and menu at `pos`, a group's header line (toggles it; the
// expected sum under the revenue column at revenue_x) and its "show more" line; min/max span the line, clip0/clip1
// the table's visible rows (device px). `sub` names a second-level group (indented) or is client::no_sub.
float group_menu_width(client::AppState& app, Ui& ui);
void draw_group_menu(client::AppState& app, Ui& ui, ImVec2 pos);
void draw_group_header(client::AppState& app, Ui& ui, ImDrawList* dl, std::size_t group, std::size_t sub, ImVec2 min, ImVec2 max,
                       ImVec2 clip0, ImVec2 clip1, float revenue_x, float revenue_w, bool focused);
void draw_group_more(client::AppState& app, Ui& ui, ImDrawList* dl, std::size_t group, std::size_t sub, ImVec2 min, ImVec2 max, ImVec2 clip0,
                     ImVec2 clip1, bool focused);
// Popup look shared by the list's menus (push before BeginPopup, pop after).
void push_popup_style(Ui& ui);
void pop_popup_style();

}  // namespace tumen::app::list
