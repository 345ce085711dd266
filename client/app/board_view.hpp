// Internal to the board's drawing (board_view.cpp, board_column.cpp, board_card.cpp): measures, the view-only
// state that outlives a frame (scroll offsets, drags, text being typed) and the pieces each file draws.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>

#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app::board {

// CSS pixels.
inline constexpr float toolbar_h = 64;
inline constexpr float column_gap = 12;
inline constexpr float column_min_w = 264;
inline constexpr float column_max_w = 320;
inline constexpr float folded_w = 44;
inline constexpr float header_h = 84;
inline constexpr float card_h = 112;
inline constexpr float card_gap = 8;
inline constexpr float quick_h = 96;
inline constexpr float footer_h = 52;

struct CardDrag {
    bool active = false;
    std::int64_t lead_id = 0;
    std::int64_t from_stage = 0;
    ImVec2 grab;           // mouse position inside the card when the drag started (device px)
    float width = 0;       // card width (device px)
    Lead card;             // drawn under the mouse
};

struct ColumnDrag {
    bool active = false;
    std::int64_t stage_id = 0;
    float grab_x = 0;
    float width = 0;
};

struct ViewState {
    std::unordered_map<std::int64_t, float> scroll;  // per stage, device px
    float scroll_x = 0;
    std::int64_t quick_stage = 0;
    std::string quick_text;
    bool quick_focus = false;
    std::int64_t rename_stage = 0;
    std::string rename_text;
    bool rename_focus = false;
    bool adding_stage = false;
    bool adding_focus = false;
    std::string new_stage;
    std::string search;
    std::string search_for_query;  // the route query `search` was last filled from
    bool search_initialised = false;
    CardDrag drag;
    ColumnDrag column_drag;
    std::int64_t pressed_card = 0;
    bool press_moved = false;
    std::int64_t menu_stage = 0;
    // Column rectangles of this frame (device px), for drops.
    struct Slot {
        std::int64_t stage_id;
        float x0, x1;
    };
    std::vector<Slot> slots;
};

ViewState& view_state();

// One column (or its folded strip) in the rectangle [min, max]; records it for drops.
void draw_column(client::AppState& app, Ui& ui, const client::BoardColumn& col, ImVec2 min, ImVec2 max);
// One card in [min, max] (device px). `ghost` = the copy under the mouse while dragging.
// Returns true when one of its priority stars took the click.
bool draw_card(client::AppState& app, Ui& ui, ImDrawList* dl, const Lead& card, ImVec2 min, ImVec2 max, bool ghost);

// Rotates the vertices added to `dl` since `vtx_start` by `angle` (radians) around `centre`.
void rotate_since(ImDrawList* dl, int vtx_start, float angle, ImVec2 centre);
// A single-line text field without a label (search, quick-create, stage name). Returns true on Enter.
bool field(Ui& ui, std::string_view id, std::string_view hint, std::string& value, float width, bool focus,
           float left_pad = 12);
// Soft background and strong foreground of tag colour `index` (Odoo's 0..11).
ImU32 tag_background(int index);
ImU32 tag_foreground(int index);

}  // namespace tumen::app::board
