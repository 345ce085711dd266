// Compact form widgets of the record views (lead form, dialogs): labelled text fields with a field error under
// them, pickers, priority stars, tag chips, the stage statusbar, the won/lost ribbon, checkboxes and radios.
// Each records itself in the Ui so browser tests can find and click it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "theme.hpp"
#include "ui.hpp"

namespace tumen::app {

namespace lead_color {
// The active theme's (theme.hpp).
inline const ImU32& success = color::success;
inline const ImU32& success_soft = color::success_soft;
inline const ImU32& warning = color::warning;
inline const ImU32& archived = color::archived;
inline const ImU32& star_off = color::star_off;
// Tag colours by index 1..11 (0 = no colour).
ImU32 tag(int index);
}  // namespace lead_color

struct FieldOptions {
    float width = 0;              // device px
    std::string_view hint;
    std::string_view error;       // shown in red under the field, with a red border
    float multiline_height = 0;   // > 0: a multi-line field of that height (device px)
    ImFont* font = nullptr;       // default: body
    bool label_above = true;
    bool focus = false;
};

// Label above, field, error under. Returns true when the text changed.
bool form_field(Ui& ui, std::string_view id, std::string_view label, std::string& value, const FieldOptions& opt);

struct PickItem {
    std::int64_t id = 0;
    std::string name;
};
// A labelled drop-down. `selected` empty = none (offered as `none_label` when that is not empty).
// Returns true when the choice changed.
bool form_picker(Ui& ui, std::string_view id, std::string_view label, const std::vector<PickItem>& items,
                 std::optional<std::int64_t>& selected, std::string_view none_label, const FieldOptions& opt);

// 3 clickable stars at the cursor; returns the star clicked (1..3) or 0.
int priority_stars(Ui& ui, std::string_view id, int value, float size);

// A coloured, rounded chip with the tag's name and (when `removable`) a small ×; returns true when × was clicked.
bool tag_chip(Ui& ui, std::string_view id, std::string_view name, int color, bool removable);
float tag_chip_width(Ui& ui, std::string_view name, bool removable);

struct StageStep {
    std::int64_t id = 0;
    std::string name;
};
// The stage statusbar (arrow-shaped steps, the current one filled). Returns the id clicked, or 0.
std::int64_t statusbar(Ui& ui, const std::vector<StageStep>& steps, std::optional<std::int64_t> current, bool enabled);
float statusbar_width(Ui& ui, const std::vector<StageStep>& steps);

// A diagonal ribbon across the top-right corner of the box ending at `corner` (its top-right corner).
void ribbon(Ui& ui, std::string_view id, ImVec2 corner, std::string_view label, ImU32 color);

bool checkbox(Ui& ui, std::string_view id, std::string_view label, bool& value);
bool radio(Ui& ui, std::string_view id, std::string_view label, bool active);

// A small section heading with a hairline under it, `width` wide.
void section_title(Ui& ui, std::string_view id, std::string_view title, float width);

// A text-like button (links: breadcrumb, "load more"). Returns true when clicked.
bool link(Ui& ui, std::string_view id, std::string_view label, ImFont* font);

// Shorthand: space of `css` CSS px below the current item.
inline void gap(Ui& ui, float css) { ImGui::Dummy(ImVec2(0, ui.px(css))); }

}  // namespace tumen::app
