#include "theme.hpp"

namespace tumen::app {

namespace {
ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
}  // namespace

void apply_theme(float dpr) {
    ImGuiStyle style;  // fresh defaults: ScaleAllSizes must not compound over DPR changes
    ImGui::StyleColorsLight(&style);
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

    style.ScaleAllSizes(dpr);
    ImGui::GetStyle() = style;
}

}  // namespace tumen::app
