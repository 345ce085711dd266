// The look of Tumen: one palette and one set of measures (in CSS pixels), applied at the device pixel ratio.
#pragma once
#include "imgui.h"

namespace tumen::app {

namespace color {
inline constexpr ImU32 page_top = IM_COL32(0xEE, 0xF2, 0xFF, 0xFF);
inline constexpr ImU32 page_bottom = IM_COL32(0xF8, 0xFA, 0xFC, 0xFF);
inline constexpr ImU32 surface = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 surface_muted = IM_COL32(0xF1, 0xF5, 0xF9, 0xFF);
inline constexpr ImU32 border = IM_COL32(0xE2, 0xE8, 0xF0, 0xFF);
inline constexpr ImU32 border_strong = IM_COL32(0xCB, 0xD5, 0xE1, 0xFF);
inline constexpr ImU32 border_hover = IM_COL32(0x94, 0xA3, 0xB8, 0xFF);
inline constexpr ImU32 text = IM_COL32(0x0F, 0x17, 0x2A, 0xFF);
inline constexpr ImU32 text_secondary = IM_COL32(0x47, 0x55, 0x69, 0xFF);
inline constexpr ImU32 text_muted = IM_COL32(0x94, 0xA3, 0xB8, 0xFF);
inline constexpr ImU32 primary = IM_COL32(0x25, 0x63, 0xEB, 0xFF);
inline constexpr ImU32 primary_hover = IM_COL32(0x1D, 0x4E, 0xD8, 0xFF);
inline constexpr ImU32 primary_active = IM_COL32(0x1E, 0x40, 0xAF, 0xFF);
inline constexpr ImU32 primary_disabled = IM_COL32(0x93, 0xB4, 0xF5, 0xFF);
inline constexpr ImU32 primary_soft = IM_COL32(0xDB, 0xEA, 0xFE, 0xFF);
inline constexpr ImU32 focus_ring = IM_COL32(0x25, 0x63, 0xEB, 0x40);
inline constexpr ImU32 on_primary = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
inline constexpr ImU32 danger = IM_COL32(0xDC, 0x26, 0x26, 0xFF);
inline constexpr ImU32 danger_text = IM_COL32(0xB9, 0x1C, 0x1C, 0xFF);
inline constexpr ImU32 danger_soft = IM_COL32(0xFE, 0xF2, 0xF2, 0xFF);
inline constexpr ImU32 danger_border = IM_COL32(0xFE, 0xCA, 0xCA, 0xFF);
inline constexpr ImU32 shadow = IM_COL32(0x0F, 0x17, 0x2A, 0xFF);  // alpha set per layer
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

// Resets ImGui's style to Tumen's and scales every size by `dpr` (ImGui FAQ: "How should I handle DPI").
void apply_theme(float dpr);

// `c` with its alpha replaced (0..255).
constexpr ImU32 with_alpha(ImU32 c, unsigned a) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT); }

}  // namespace tumen::app
