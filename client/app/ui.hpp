// Per-frame UI context shared by the views: device pixel ratio, fonts, the record of drawn widgets (for the test
// interface) and small layout memories (sizes measured last frame, used to centre things this frame).
#pragma once
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fonts.hpp"
#include "imgui.h"
#include "state/test_probe.hpp"

namespace tumen::app {

class Ui {
public:
    float dpr = 1;         // device pixels per layout pixel: the DPR times the interface size (90-150%)
    float device_dpr = 1;  // the DPR alone: widget rectangles are recorded in the page's CSS pixels
    Fonts fonts;

    // CSS pixels (at the interface size) -> device pixels, snapped to whole device pixels so edges and text stay crisp.
    float px(float css) const { return std::round(css * dpr); }
    ImVec2 px(float x, float y) const { return ImVec2(px(x), px(y)); }

    void begin_frame();
    void end_frame();

    // Records a widget of the frame being drawn (rectangle in device pixels; stored in CSS pixels).
    void record(std::string_view id, std::string_view label, const char* kind, ImVec2 min, ImVec2 max,
                std::string_view value = {});
    // Widgets of the last complete frame.
    const std::vector<client::WidgetInfo>& widgets() const { return published_; }

    // A size measured in an earlier frame (or `fallback`), and storing this frame's measure. A change asks for
    // one more frame so the layout settles even when nothing else happens.
    float remembered(std::string_view key, float fallback) const;
    void remember(std::string_view key, float value);
    // Also true when a widget moved since the frame before: an auto-sized popup takes its new size one frame
    // after its content changed, so the loop draws on until the rectangles hold still (what the user and the
    // test interface see is then where the next click lands). Bounded, so a moving animation cannot spin forever.
    bool wants_another_frame() const { return layout_changed_; }
    // Asks for a frame in `ms` milliseconds even if nothing happens (a poll while an e-mail waits in the outbox);
    // the earliest request of a frame wins. -1 = none.
    void wake_in(double ms) { wake_ms_ = wake_ms_ < 0 ? ms : std::min(wake_ms_, ms); }
    double wake_ms() const { return wake_ms_; }

    // The document title the views ask for ("Tumen CRM — Sign in").
    std::string title;

private:
    std::vector<client::WidgetInfo> drawing_;
    std::vector<client::WidgetInfo> published_;
    std::unordered_map<std::string, float> memory_;
    bool layout_changed_ = false;
    int moving_frames_ = 0;  // consecutive frames whose widgets moved
    double wake_ms_ = -1;
};

// Text drawn at the cursor in one font and colour, wrapped to `wrap_width` (device px) when > 0. Recorded as "text".
void text(Ui& ui, std::string_view id, std::string_view s, ImFont* font, ImU32 col, float wrap_width = 0);
// Size of `s` in `font` (device px), wrapped to `wrap_width` when > 0.
ImVec2 text_size(ImFont* font, std::string_view s, float wrap_width = 0);
// `s` cut at a whole character with "…" when wider than `width` (device px).
std::string fit_text(ImFont* font, std::string_view s, float width);

// Running text wrapped to `width` (device px) with comfortable line spacing (ImGui's own wrapping has none),
// optionally centring each line in `width`. Recorded as "text".
void paragraph(Ui& ui, std::string_view id, std::string_view s, ImFont* font, ImU32 col, float width,
               bool centered = false);
// Size the paragraph will take. `dl` == nullptr only measures; otherwise draws at `pos`.
ImVec2 paragraph_layout(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, std::string_view s, float width,
                        bool centered = false);

enum class ButtonKind { primary, secondary, ghost };
// A button of `size` (device px; width 0 = fit the label) at the cursor. Returns true when clicked.
bool button(Ui& ui, std::string_view id, std::string_view label, ButtonKind kind, ImVec2 size, bool enabled = true);

struct InputOptions {
    float width = 0;          // device px
    bool password = false;
    bool invalid = false;     // red border: the field the last error is about
    bool focus = false;       // take keyboard focus this frame
};
// A labelled single-line text field: label above, field below. Returns true when Enter was pressed in it.
bool input(Ui& ui, std::string_view id, std::string_view label, std::string_view hint, std::string& value,
           const InputOptions& opt);

struct Choice {
    std::string_view id;
    std::string_view label;
};
// A segmented control (e.g. the language switch). Returns true when the selection changed. `compact` fits bars and
// toolbars; `large` is a form's setting (as tall as the form's 38 px buttons, body-size labels).
enum class SegmentedSize { compact, large };
bool segmented(Ui& ui, std::string_view id, const std::vector<Choice>& choices, int& selected,
               SegmentedSize size = SegmentedSize::compact);
// Width (device px) the segmented control will take.
float segmented_width(Ui& ui, const std::vector<Choice>& choices, SegmentedSize size = SegmentedSize::compact);

// An error box with an icon and wrapped text, full `width`. Recorded as "alert".
void alert(Ui& ui, std::string_view id, std::string_view message, float width);

// Tumen's mark: a rounded square with a "T". `size` in device px, at the cursor.
void logo(Ui& ui, float size);

// Soft drop shadow + rounded surface with a hairline border (cards, panels), drawn on `dl`.
void card_background(Ui& ui, ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding);

}  // namespace tumen::app
