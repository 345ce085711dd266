#include "theme.hpp"

namespace tumen::app {

namespace {
ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
}  // namespace

ImU32 chip_background(ImU32 light_bg, ImU32 fg) { return dark_theme() ? mix(color::surface, fg, 0.28f) : light_bg; }
ImU32 chip_foreground(ImU32 fg) { return dark_theme() ? mix(fg, IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), 0.55f) : fg; }

void apply_theme(float scale, bool dark) {
    active_palette = dark ? dark_palette : light_palette;
    ImGuiStyle style;  // fresh defaults: ScaleAllSizes must not compound over DPR changes
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FramePadding = ImVec2(12, 10);
    style.FrameRounding = 8;
    style.FrameBorderSize = 1;
    style.ItemSpacing = ImVec2(0, 0);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 10;
    style.ScrollbarRounding = 5;
    style.GrabRounding = 6;
    style.PopupRounding = 8;
    style.ChildRounding = 12;
    style.DisabledAlpha = 0.7f;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = v4(color::text);
    c[ImGuiCol_TextDisabled] = v4(color::text_muted);
    c[ImGuiCol_WindowBg] = v4(color::surface);
    c[ImGuiCol_ChildBg] = v4(with_alpha(color::surface, 0));
    c[ImGuiCol_PopupBg] = v4(color::surface);
    c[ImGuiCol_Border] = v4(color::border_strong);
    c[ImGuiCol_FrameBg] = v4(color::surface);
    c[ImGuiCol_FrameBgHovered] = v4(color::surface);
    c[ImGuiCol_FrameBgActive] = v4(color::surface);
    c[ImGuiCol_TextSelectedBg] = v4(with_alpha(color::primary, 0x40));
    c[ImGuiCol_ScrollbarBg] = v4(with_alpha(color::surface, 0));
    c[ImGuiCol_ScrollbarGrab] = v4(color::border_strong);
    c[ImGuiCol_ScrollbarGrabHovered] = v4(color::border_hover);
    c[ImGuiCol_ScrollbarGrabActive] = v4(color::text_secondary);
    c[ImGuiCol_NavHighlight] = v4(color::primary);
    c[ImGuiCol_Button] = v4(color::primary);
    c[ImGuiCol_ButtonHovered] = v4(color::primary_hover);
    c[ImGuiCol_ButtonActive] = v4(color::primary_active);
    c[ImGuiCol_CheckMark] = v4(color::primary);
    c[ImGuiCol_SliderGrab] = v4(color::primary);
    c[ImGuiCol_SliderGrabActive] = v4(color::primary_active);
    c[ImGuiCol_Header] = v4(color::primary_soft);
    c[ImGuiCol_HeaderHovered] = v4(color::row_hover);
    c[ImGuiCol_HeaderActive] = v4(color::row_selected);
    c[ImGuiCol_Separator] = v4(color::border);
    c[ImGuiCol_TableHeaderBg] = v4(color::table_head);
    c[ImGuiCol_TableBorderStrong] = v4(color::border_strong);
    c[ImGuiCol_TableBorderLight] = v4(color::border);
    c[ImGuiCol_TableRowBg] = v4(with_alpha(color::surface, 0));
    c[ImGuiCol_TableRowBgAlt] = v4(color::zebra);
    c[ImGuiCol_ModalWindowDimBg] = v4(color::scrim);

    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace tumen::app
