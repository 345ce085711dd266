// The look of Tumen: a light and a dark palette and one set of measures (in CSS pixels), applied at the device pixel
// ratio times the user's interface size.
#pragma once
#include "imgui.h"

namespace tumen::app {

// The colours of one theme. Light is the original look; dark is designed for it (GitHub dark / Linear style:
// raised surfaces lighter than the page, soft tinted fills, text at >= 4.5:1), not an inversion.
struct Palette {
    ImU32 page_top;
    ImU32 page_bottom;
    ImU32 surface;
    ImU32 surface_muted;
    ImU32 border;
    ImU32 border_strong;
    ImU32 border_hover;
    ImU32 text;
    ImU32 text_secondary;
    ImU32 text_muted;
    ImU32 primary;
    ImU32 primary_hover;
    ImU32 primary_active;
    ImU32 primary_disabled;
    ImU32 primary_soft;
    ImU32 focus_ring;
    ImU32 on_primary;
    ImU32 danger;
    ImU32 danger_text;
    ImU32 danger_soft;
    ImU32 danger_border;
    ImU32 shadow;
    ImU32 surface_hover;
    ImU32 table_head;
    ImU32 zebra;
    ImU32 row_hover;
    ImU32 row_selected;
    ImU32 skeleton;
    ImU32 column;
    ImU32 column_hover;
    ImU32 star_on;
    ImU32 star_off;
    ImU32 star_hover;
    ImU32 success;
    ImU32 success_text;
    ImU32 success_soft;
    ImU32 success_bg;
    ImU32 success_border;
    ImU32 warning;
    ImU32 amber;
    ImU32 amber_soft;
    ImU32 amber_text;
    ImU32 notice_bg;
    ImU32 notice_border;
    ImU32 archived;
    ImU32 scrim;
};

inline constexpr Palette light_palette = {
    IM_COL32(0xEE, 0xF2, 0xFF, 0xFF),  // page_top
    IM_COL32(0xF8, 0xFA, 0xFC, 0xFF),  // page_bottom
    IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),  // surface
    IM_COL32(0xF1, 0xF5, 0xF9, 0xFF),  // surface_muted
    IM_COL32(0xE2, 0xE8, 0xF0, 0xFF),  // border
    IM_COL32(0xCB, 0xD5, 0xE1, 0xFF),  // border_strong
    IM_COL32(0x94, 0xA3, 0xB8, 0xFF),  // border_hover
    IM_COL32(0x0F, 0x17, 0x2A, 0xFF),  // text
    IM_COL32(0x47, 0x55, 0x69, 0xFF),  // text_secondary
    IM_COL32(0x94, 0xA3, 0xB8, 0xFF),  // text_muted
    IM_COL32(0x25, 0x63, 0xEB, 0xFF),  // primary
    IM_COL32(0x1D, 0x4E, 0xD8, 0xFF),  // primary_hover
    IM_COL32(0x1E, 0x40, 0xAF, 0xFF),  // primary_active
    IM_COL32(0x93, 0xB4, 0xF5, 0xFF),  // primary_disabled
    IM_COL32(0xDB, 0xEA, 0xFE, 0xFF),  // primary_soft
    IM_COL32(0x25, 0x63, 0xEB, 0x40),  // focus_ring
    IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),  // on_primary
    IM_COL32(0xDC, 0x26, 0x26, 0xFF),  // danger
    IM_COL32(0xB9, 0x1C, 0x1C, 0xFF),  // danger_text
    IM_COL32(0xFE, 0xF2, 0xF2, 0xFF),  // danger_soft
    IM_COL32(0xFE, 0xCA, 0xCA, 0xFF),  // danger_border
    IM_COL32(0x0F, 0x17, 0x2A, 0xFF),  // shadow
    IM_COL32(0xF8, 0xFA, 0xFC, 0xFF),  // surface_hover
    IM_COL32(0xF8, 0xFA, 0xFC, 0xFF),  // table_head
    IM_COL32(0xFA, 0xFB, 0xFD, 0xFF),  // zebra
    IM_COL32(0xF1, 0xF5, 0xFF, 0xFF),  // row_hover
    IM_COL32(0xE8, 0xF0, 0xFE, 0xFF),  // row_selected
    IM_COL32(0xE9, 0xEE, 0xF5, 0xFF),  // skeleton
    IM_COL32(0xEB, 0xEF, 0xF5, 0xFF),  // column
    IM_COL32(0xE2, 0xE8, 0xF0, 0xFF),  // column_hover
    IM_COL32(0xF5, 0x9E, 0x0B, 0xFF),  // star_on
    IM_COL32(0xCB, 0xD5, 0xE1, 0xFF),  // star_off
    IM_COL32(0xFC, 0xD3, 0x4D, 0xFF),  // star_hover
    IM_COL32(0x16, 0xA3, 0x4A, 0xFF),  // success
    IM_COL32(0x15, 0x80, 0x3D, 0xFF),  // success_text
    IM_COL32(0xDC, 0xFC, 0xE7, 0xFF),  // success_soft
    IM_COL32(0xF0, 0xFD, 0xF4, 0xFF),  // success_bg
    IM_COL32(0xBB, 0xF7, 0xD0, 0xFF),  // success_border
    IM_COL32(0xF5, 0x9E, 0x0B, 0xFF),  // warning
    IM_COL32(0xD9, 0x77, 0x06, 0xFF),  // amber
    IM_COL32(0xFE, 0xF3, 0xC7, 0xFF),  // amber_soft
    IM_COL32(0x92, 0x40, 0x0E, 0xFF),  // amber_text
    IM_COL32(0xFF, 0xFB, 0xEB, 0xFF),  // notice_bg
    IM_COL32(0xFD, 0xE6, 0x8A, 0xFF),  // notice_border
    IM_COL32(0x64, 0x74, 0x8B, 0xFF),  // archived
    IM_COL32(0x0F, 0x17, 0x2A, 0x6B),  // scrim
};

inline constexpr Palette dark_palette = {
    IM_COL32(0x11, 0x16, 0x20, 0xFF),  // page_top
    IM_COL32(0x0D, 0x11, 0x17, 0xFF),  // page_bottom
    IM_COL32(0x16, 0x1B, 0x22, 0xFF),  // surface
    IM_COL32(0x21, 0x26, 0x2D, 0xFF),  // surface_muted
    IM_COL32(0x30, 0x36, 0x3D, 0xFF),  // border
    IM_COL32(0x3D, 0x44, 0x4D, 0xFF),  // border_strong
    IM_COL32(0x6E, 0x76, 0x81, 0xFF),  // border_hover
    IM_COL32(0xE6, 0xED, 0xF3, 0xFF),  // text
    IM_COL32(0xB1, 0xBA, 0xC4, 0xFF),  // text_secondary
    IM_COL32(0x8B, 0x94, 0x9E, 0xFF),  // text_muted
    IM_COL32(0x2F, 0x81, 0xF7, 0xFF),  // primary
    IM_COL32(0x44, 0x93, 0xF8, 0xFF),  // primary_hover
    IM_COL32(0x1F, 0x6F, 0xEB, 0xFF),  // primary_active
    IM_COL32(0x1D, 0x3B, 0x66, 0xFF),  // primary_disabled
    IM_COL32(0x15, 0x29, 0x4A, 0xFF),  // primary_soft
    IM_COL32(0x2F, 0x81, 0xF7, 0x66),  // focus_ring
    IM_COL32(0xFF, 0xFF, 0xFF, 0xFF),  // on_primary
    IM_COL32(0xF8, 0x51, 0x49, 0xFF),  // danger
    IM_COL32(0xFF, 0x7B, 0x72, 0xFF),  // danger_text
    IM_COL32(0x2D, 0x16, 0x18, 0xFF),  // danger_soft
    IM_COL32(0x6E, 0x2B, 0x2B, 0xFF),  // danger_border
    IM_COL32(0x01, 0x04, 0x09, 0xFF),  // shadow
    IM_COL32(0x1C, 0x23, 0x2D, 0xFF),  // surface_hover
    IM_COL32(0x1C, 0x21, 0x28, 0xFF),  // table_head
    IM_COL32(0x19, 0x1F, 0x27, 0xFF),  // zebra
    IM_COL32(0x1D, 0x27, 0x36, 0xFF),  // row_hover
    IM_COL32(0x17, 0x2B, 0x4D, 0xFF),  // row_selected
    IM_COL32(0x26, 0x2C, 0x36, 0xFF),  // skeleton
    IM_COL32(0x0A, 0x0E, 0x14, 0xFF),  // column
    IM_COL32(0x12, 0x18, 0x21, 0xFF),  // column_hover
    IM_COL32(0xE3, 0xB3, 0x41, 0xFF),  // star_on
    IM_COL32(0x3D, 0x44, 0x4D, 0xFF),  // star_off
    IM_COL32(0x9E, 0x7A, 0x2A, 0xFF),  // star_hover
    IM_COL32(0x2E, 0xA0, 0x43, 0xFF),  // success
    IM_COL32(0x56, 0xD3, 0x64, 0xFF),  // success_text
    IM_COL32(0x12, 0x2D, 0x1C, 0xFF),  // success_soft
    IM_COL32(0x0F, 0x24, 0x18, 0xFF),  // success_bg
    IM_COL32(0x1F, 0x5A, 0x33, 0xFF),  // success_border
    IM_COL32(0xD2, 0x99, 0x22, 0xFF),  // warning
    IM_COL32(0xD2, 0x99, 0x22, 0xFF),  // amber
    IM_COL32(0x2E, 0x24, 0x10, 0xFF),  // amber_soft
    IM_COL32(0xE3, 0xB3, 0x41, 0xFF),  // amber_text
    IM_COL32(0x26, 0x1F, 0x0E, 0xFF),  // notice_bg
    IM_COL32(0x5C, 0x48, 0x13, 0xFF),  // notice_border
    IM_COL32(0x8B, 0x94, 0x9E, 0xFF),  // archived
    IM_COL32(0x01, 0x04, 0x09, 0xD0),  // scrim: strong, or the dim hardly shows on a page this dark
};

// The palette drawn with; switched between frames by apply_theme().
inline Palette active_palette = light_palette;

// The names the views use read the active palette (references: call sites stay as they were).
namespace color {
inline const ImU32& page_top = active_palette.page_top;
inline const ImU32& page_bottom = active_palette.page_bottom;
inline const ImU32& surface = active_palette.surface;
inline const ImU32& surface_muted = active_palette.surface_muted;
inline const ImU32& border = active_palette.border;
inline const ImU32& border_strong = active_palette.border_strong;
inline const ImU32& border_hover = active_palette.border_hover;
inline const ImU32& text = active_palette.text;
inline const ImU32& text_secondary = active_palette.text_secondary;
inline const ImU32& text_muted = active_palette.text_muted;
inline const ImU32& primary = active_palette.primary;
inline const ImU32& primary_hover = active_palette.primary_hover;
inline const ImU32& primary_active = active_palette.primary_active;
inline const ImU32& primary_disabled = active_palette.primary_disabled;
inline const ImU32& primary_soft = active_palette.primary_soft;
inline const ImU32& focus_ring = active_palette.focus_ring;
inline const ImU32& on_primary = active_palette.on_primary;
inline const ImU32& danger = active_palette.danger;
inline const ImU32& danger_text = active_palette.danger_text;
inline const ImU32& danger_soft = active_palette.danger_soft;
inline const ImU32& danger_border = active_palette.danger_border;
inline const ImU32& shadow = active_palette.shadow;
inline const ImU32& surface_hover = active_palette.surface_hover;
inline const ImU32& table_head = active_palette.table_head;
inline const ImU32& zebra = active_palette.zebra;
inline const ImU32& row_hover = active_palette.row_hover;
inline const ImU32& row_selected = active_palette.row_selected;
inline const ImU32& skeleton = active_palette.skeleton;
inline const ImU32& column = active_palette.column;
inline const ImU32& column_hover = active_palette.column_hover;
inline const ImU32& star_on = active_palette.star_on;
inline const ImU32& star_off = active_palette.star_off;
inline const ImU32& star_hover = active_palette.star_hover;
inline const ImU32& success = active_palette.success;
inline const ImU32& success_text = active_palette.success_text;
inline const ImU32& success_soft = active_palette.success_soft;
inline const ImU32& success_bg = active_palette.success_bg;
inline const ImU32& success_border = active_palette.success_border;
inline const ImU32& warning = active_palette.warning;
inline const ImU32& amber = active_palette.amber;
inline const ImU32& amber_soft = active_palette.amber_soft;
inline const ImU32& amber_text = active_palette.amber_text;
inline const ImU32& notice_bg = active_palette.notice_bg;
inline const ImU32& notice_border = active_palette.notice_border;
inline const ImU32& archived = active_palette.archived;
inline const ImU32& scrim = active_palette.scrim;
}  // namespace color

// Font sizes in CSS pixels; the atlas is rasterised at round(size * dpr).
namespace font_size {
inline constexpr float body = 16;
inline constexpr float strong = 15;
inline constexpr float title = 26;
inline constexpr float small = 13;
// Kiosk (wall display, read from 3 m): about 2.5x the desk sizes.
inline constexpr float kiosk_small = 26;
inline constexpr float kiosk_body = 32;
inline constexpr float kiosk_title = 50;
inline constexpr float kiosk_huge = 84;
}  // namespace font_size

// Makes `dark` or light the active palette, resets ImGui's style to Tumen's in it and scales every size by `scale`
// (device pixel ratio x interface size; ImGui FAQ: "How should I handle DPI").
void apply_theme(float scale, bool dark = false);
inline bool dark_theme() { return active_palette.surface == dark_palette.surface; }

// `c` with its alpha replaced (0..255).
constexpr ImU32 with_alpha(ImU32 c, unsigned a) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT); }

// `a` blended towards `b` by t (0 = a, 1 = b), opaque.
constexpr ImU32 mix(ImU32 a, ImU32 b, float t) {
    auto ch = [&](int shift) {
        const float x = static_cast<float>((a >> shift) & 0xFF), y = static_cast<float>((b >> shift) & 0xFF);
        return static_cast<ImU32>(x + (y - x) * t + 0.5f) << shift;
    };
    return ch(IM_COL32_R_SHIFT) | ch(IM_COL32_G_SHIFT) | ch(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

// A light theme's pastel chip (tag, stage pill) as the active theme shows it: unchanged in light; in dark a tint of
// `fg` on the surface for the background and a lightened `fg` for the text.
ImU32 chip_background(ImU32 light_bg, ImU32 fg);
ImU32 chip_foreground(ImU32 fg);

}  // namespace tumen::app
