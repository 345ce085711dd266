#include "lead_widgets.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "imgui_stdlib.h"
#include "theme.hpp"

namespace tumen::app {

namespace {

constexpr float pi = 3.14159265358979f;

std::string hidden(std::string_view id) { return "##" + std::string(id); }

constexpr float field_h = 36;  // CSS px

// Style of a boxed field (text field, picker), popped by pop_field_style().
void push_field_style(Ui& ui, ImFont* font, bool invalid, bool hovered) {
    ImGui::PushFont(font);
    const float height = std::max(ui.px(field_h), font->FontSize + ui.px(16));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(10), std::floor((height - font->FontSize) * 0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ui.px(6));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ui.px(1));
    ImGui::PushStyleColor(ImGuiCol_Border, invalid ? color::danger : hovered ? color::border_hover : color::border_strong);
}

void pop_field_style() {
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    ImGui::PopFont();
}

void focus_ring(Ui& ui, ImVec2 min, ImVec2 max, bool invalid) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float ring = ui.px(3);
    dl->AddRect(ImVec2(min.x - ring * 0.5f, min.y - ring * 0.5f), ImVec2(max.x + ring * 0.5f, max.y + ring * 0.5f),
                invalid ? with_alpha(color::danger, 0x40) : color::focus_ring, ui.px(6) + ring * 0.5f, 0, ring);
    dl->AddRect(min, max, invalid ? color::danger : color::primary, ui.px(6), 0, ui.px(1));
}

void label_and_error_start(Ui& ui, std::string_view id, std::string_view label) {
    if (label.empty()) return;
    text(ui, std::string(id) + ".label", label, ui.fonts.small, color::text_secondary);
    ImGui::Dummy(ImVec2(0, ui.px(5)));
}

void error_under(Ui& ui, std::string_view id, std::string_view error, float width) {
    if (error.empty()) return;
    ImGui::Dummy(ImVec2(0, ui.px(4)));
    paragraph(ui, std::string(id) + ".error", error, ui.fonts.small, color::danger_text, width);
}

void star_shape(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
    ImVec2 p[10];
    for (int i = 0; i < 10; ++i) {
        const float a = -pi / 2 + static_cast<float>(i) * pi / 5;
        const float rr = i % 2 ? r * 0.46f : r;
        p[i] = ImVec2(c.x + std::cos(a) * rr, c.y + std::sin(a) * rr);
    }
    for (int i = 0; i < 10; ++i) dl->AddTriangleFilled(c, p[i], p[(i + 1) % 10], col);
}

}  // namespace

ImU32 lead_color::tag(int index) {
    static const ImU32 palette[] = {
        IM_COL32(0xE2, 0xE8, 0xF0, 0xFF), IM_COL32(0xFE, 0xCA, 0xCA, 0xFF), IM_COL32(0xFE, 0xD7, 0xAA, 0xFF),
        IM_COL32(0xFE, 0xF0, 0x8A, 0xFF), IM_COL32(0xBF, 0xDB, 0xFE, 0xFF), IM_COL32(0xE9, 0xD5, 0xFF, 0xFF),
        IM_COL32(0xFB, 0xCF, 0xE8, 0xFF), IM_COL32(0xA7, 0xF3, 0xD0, 0xFF), IM_COL32(0xC7, 0xD2, 0xFE, 0xFF),
        IM_COL32(0xD9, 0xF9, 0x9D, 0xFF), IM_COL32(0xA5, 0xF3, 0xFC, 0xFF), IM_COL32(0xFD, 0xE6, 0x8A, 0xFF),
    };
    const ImU32 c = palette[std::clamp(index, 0, 11)];
    return dark_theme() ? mix(color::surface, c, 0.30f) : c;  // dark: a tint the light text reads on
}

bool form_field(Ui& ui, std::string_view id, std::string_view label, std::string& value, const FieldOptions& opt) {
    ImGui::BeginGroup();
    const float w = opt.width > 0 ? opt.width : ImGui::GetContentRegionAvail().x;
    label_and_error_start(ui, id, label);
    const bool invalid = !opt.error.empty();
    const bool was_hovered = ui.remembered(std::string(id) + ".hover", 0) > 0;
    ImFont* font = opt.font ? opt.font : ui.fonts.body;
    push_field_style(ui, font, invalid, was_hovered);
    if (opt.focus) ImGui::SetKeyboardFocusHere();
    bool changed;
    if (opt.multiline_height > 0) {
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(10), ui.px(8)));
        changed = ImGui::InputTextMultiline(hidden(id).c_str(), &value, ImVec2(w, opt.multiline_height));
        ImGui::PopStyleVar();
    } else {
        ImGui::SetNextItemWidth(w);
        const std::string hint(opt.hint);
        changed = ImGui::InputTextWithHint(hidden(id).c_str(), hint.c_str(), &value);
    }
    pop_field_style();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ui.remember(std::string(id) + ".hover", ImGui::IsItemHovered() ? 1.0f : 0.0f);
    if (ImGui::IsItemActive()) focus_ring(ui, min, max, invalid);
    ui.record(id, label, "input", min, max, value);
    error_under(ui, id, opt.error, w);
    ImGui::EndGroup();
    return changed;
}

bool form_picker(Ui& ui, std::string_view id, std::string_view label, const std::vector<PickItem>& items,
                 std::optional<std::int64_t>& selected, std::string_view none_label, const FieldOptions& opt) {
    ImGui::BeginGroup();
    const float w = opt.width > 0 ? opt.width : ImGui::GetContentRegionAvail().x;
    label_and_error_start(ui, id, label);
    std::string preview;
    if (selected) {
        preview = "#" + std::to_string(*selected);
        for (const auto& it : items)
            if (it.id == *selected) preview = it.name;
    }
    const bool invalid = !opt.error.empty();
    const bool was_hovered = ui.remembered(std::string(id) + ".hover", 0) > 0;
    push_field_style(ui, ui.fonts.body, invalid, was_hovered);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(6), ui.px(6)));
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, ui.px(1));
    ImGui::PushStyleColor(ImGuiCol_Header, color::primary_soft);
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, color::surface_muted);
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, color::primary_soft);
    ImGui::SetNextItemWidth(w);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    bool changed = false;
    const std::string shown = preview.empty() ? std::string(opt.hint) : preview;
    // The preview is drawn by us (muted when it is only the hint); ImGui's own arrow button would take the
    // theme's blue button colour, so a drawn chevron replaces it.
    // The field's rectangle from the layout, not GetItemRect: once the popup is open BeginCombo returns inside
    // the popup window, whose last item is the popup's own (the focus ring was drawn as a line along its top).
    const ImVec2 min = pos, max(pos.x + w, pos.y + ImGui::GetFrameHeight());
    const bool open = ImGui::BeginCombo(hidden(id).c_str(), "", ImGuiComboFlags_NoArrowButton | ImGuiComboFlags_HeightLarge);
    const bool hovered = !open && ImGui::IsItemHovered();
    if (open) {
        const float row_h = ui.px(30);
        auto option = [&](std::int64_t oid, const std::string& name, bool is_selected) {
            const std::string oid_s = std::string(id) + ".opt." + std::to_string(oid);
            ImGui::PushID(oid_s.c_str());
            if (ImGui::Selectable(name.c_str(), is_selected, 0, ImVec2(0, row_h))) {
                if (oid == 0) selected.reset();
                else selected = oid;
                changed = true;
            }
            ImGui::PopID();
            if (is_selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
            ui.record(oid_s, name, "option", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        };
        if (!none_label.empty()) option(0, std::string(none_label), !selected);
        for (const auto& it : items) option(it.id, it.name, selected && *selected == it.id);
        ImGui::EndCombo();
    }
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar(3);
    pop_field_style();
    ui.remember(std::string(id) + ".hover", hovered ? 1.0f : 0.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (open) focus_ring(ui, min, max, invalid);
    const ImFont* font = ui.fonts.body;
    const float ty = std::floor(pos.y + (max.y - min.y - font->FontSize) * 0.5f);
    dl->PushClipRect(min, ImVec2(max.x - ui.px(28), max.y), true);
    dl->AddText(ui.fonts.body, font->FontSize, ImVec2(pos.x + ui.px(10), ty),
                preview.empty() ? color::text_muted : color::text, shown.c_str());
    dl->PopClipRect();
    // chevron
    const float cx = max.x - ui.px(16), cy = std::floor((min.y + max.y) * 0.5f), s = ui.px(4);
    dl->AddPolyline(std::array<ImVec2, 3>{ImVec2(cx - s, cy - s * 0.5f), ImVec2(cx, cy + s * 0.5f),
                                         ImVec2(cx + s, cy - s * 0.5f)}.data(),
                    3, color::text_secondary, 0, ui.px(1.5f));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ui.record(id, label, "combo", min, max, preview);
    error_under(ui, id, opt.error, w);
    ImGui::EndGroup();
    return changed;
}

int priority_stars(Ui& ui, std::string_view id, int value, float size) {
    int clicked = 0;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int hover = 0;
    for (int i = 1; i <= 3; ++i) {
        const ImVec2 p(start.x + static_cast<float>(i - 1) * (size + ui.px(2)), start.y);
        ImGui::SetCursorScreenPos(p);
        const std::string sid = std::string(id) + "." + std::to_string(i);
        if (ImGui::InvisibleButton(hidden(sid).c_str(), ImVec2(size, size))) clicked = i;
        if (ImGui::IsItemHovered()) {
            hover = i;
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        ui.record(sid, std::to_string(i), "button", p, ImVec2(p.x + size, p.y + size));
    }
    for (int i = 1; i <= 3; ++i) {
        const ImVec2 c(start.x + static_cast<float>(i - 1) * (size + ui.px(2)) + size * 0.5f, start.y + size * 0.52f);
        const bool lit = hover ? i <= hover : i <= value;
        star_shape(dl, c, size * 0.46f, lit ? (hover ? with_alpha(lead_color::warning, 0xC0) : lead_color::warning)
                                            : lead_color::star_off);
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(3 * size + 2 * ui.px(2), size));
    return clicked;
}

float tag_chip_width(Ui& ui, std::string_view name, bool removable) {
    return text_size(ui.fonts.small, name).x + ui.px(20) + (removable ? ui.px(16) : 0);
}

bool tag_chip(Ui& ui, std::string_view id, std::string_view name, int color, bool removable) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = tag_chip_width(ui, name, removable), h = ui.px(26);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), lead_color::tag(color), h * 0.5f);
    const ImVec2 ts = text_size(ui.fonts.small, name);
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(p.x + ui.px(10), std::floor(p.y + (h - ts.y) * 0.5f)),
                color::text, name.data(), name.data() + name.size());
    ui.record(id, name, "text", p, ImVec2(p.x + w, p.y + h));
    bool removed = false;
    if (removable) {
        const ImVec2 xp(p.x + w - ui.px(22), p.y + ui.px(3));
        ImGui::SetCursorScreenPos(xp);
        const std::string rid = std::string(id) + ".remove";
        removed = ImGui::InvisibleButton(hidden(rid).c_str(), ImVec2(ui.px(20), h - ui.px(6)));
        const bool hov = ImGui::IsItemHovered();
        if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const ImVec2 c(xp.x + ui.px(9), p.y + h * 0.5f);
        const float s = ui.px(3.5f);
        const ImU32 col = hov ? color::danger : color::text_secondary;
        dl->AddLine(ImVec2(c.x - s, c.y - s), ImVec2(c.x + s, c.y + s), col, ui.px(1.5f));
        dl->AddLine(ImVec2(c.x - s, c.y + s), ImVec2(c.x + s, c.y - s), col, ui.px(1.5f));
        ui.record(rid, "×", "button", xp, ImVec2(xp.x + ui.px(20), xp.y + h - ui.px(6)));
    }
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(w, h));
    return removed;
}

namespace {
constexpr float step_pad = 18, step_point = 10, step_h = 34;
}

float statusbar_width(Ui& ui, const std::vector<StageStep>& steps) {
    float w = 0;
    for (const auto& s : steps) w += text_size(ui.fonts.small, s.name).x + 2 * ui.px(step_pad) + ui.px(step_point);
    return w;
}

std::int64_t statusbar(Ui& ui, const std::vector<StageStep>& steps, std::optional<std::int64_t> current, bool enabled) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float h = ui.px(step_h), a = ui.px(step_point);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int current_index = -1;
    for (size_t i = 0; i < steps.size(); ++i)
        if (current && steps[i].id == *current) current_index = static_cast<int>(i);
    std::vector<float> xs{start.x};
    for (const auto& s : steps) xs.push_back(xs.back() + text_size(ui.fonts.small, s.name).x + 2 * ui.px(step_pad) + a);
    const float total = xs.back() - start.x;
    dl->AddRectFilled(start, ImVec2(start.x + total, start.y + h), color::surface, ui.px(6));
    std::int64_t clicked = 0;
    std::vector<bool> hovered(steps.size(), false);
    for (size_t i = 0; i < steps.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(xs[i], start.y));
        const std::string sid = "lead.stage." + std::to_string(steps[i].id);
        ImGui::BeginDisabled(!enabled);
        if (ImGui::InvisibleButton(hidden(sid).c_str(), ImVec2(xs[i + 1] - xs[i], h))) clicked = steps[i].id;
        ImGui::EndDisabled();
        hovered[i] = enabled && ImGui::IsItemHovered();
        if (hovered[i]) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ui.record(sid, steps[i].name, "button", ImVec2(xs[i], start.y), ImVec2(xs[i + 1], start.y + h));
    }
    // Right to left, so each step's point lies over the next step's left edge.
    for (int i = static_cast<int>(steps.size()) - 1; i >= 0; --i) {
        const bool is_current = i == current_index, done = current_index >= 0 && i < current_index;
        const ImU32 fill = is_current ? color::primary : done ? color::primary_soft
                                                    : hovered[static_cast<size_t>(i)] ? color::surface_muted : color::surface;
        const float x0 = xs[static_cast<size_t>(i)], x1 = xs[static_cast<size_t>(i) + 1] - a;
        const bool first = i == 0, last = i + 1 == static_cast<int>(steps.size());
        dl->AddRectFilled(ImVec2(x0, start.y), ImVec2(last ? x1 + a : x1 + 1, start.y + h), fill, ui.px(6),
                          first && last ? ImDrawFlags_RoundCornersAll
                          : first       ? ImDrawFlags_RoundCornersLeft
                          : last        ? ImDrawFlags_RoundCornersRight
                                        : ImDrawFlags_RoundCornersNone);
        if (!last) {
            dl->AddTriangleFilled(ImVec2(x1, start.y), ImVec2(x1 + a, start.y + h * 0.5f), ImVec2(x1, start.y + h), fill);
            const ImVec2 sep[3] = {ImVec2(x1, start.y), ImVec2(x1 + a, start.y + h * 0.5f), ImVec2(x1, start.y + h)};
            dl->AddPolyline(sep, 3, is_current || done ? color::surface : color::border_strong, 0, ui.px(1.5f));
        }
        const std::string& name = steps[static_cast<size_t>(i)].name;
        const ImVec2 ts = text_size(ui.fonts.small, name);
        const float tx = std::floor(x0 + (first ? 0 : a * 0.5f) + ((last ? x1 + a : x1) - x0 - (first ? 0 : a * 0.5f) - ts.x) * 0.5f);
        dl->AddText(is_current ? ui.fonts.strong : ui.fonts.small, ui.fonts.small->FontSize,
                    ImVec2(tx, std::floor(start.y + (h - ts.y) * 0.5f)),
                    is_current ? color::on_primary : done ? color::primary_active : color::text_secondary, name.c_str());
    }
    dl->AddRect(start, ImVec2(start.x + total, start.y + h), color::border_strong, ui.px(6), 0, ui.px(1));
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(total, h));
    return clicked;
}

void ribbon(Ui& ui, std::string_view id, ImVec2 corner, std::string_view label, ImU32 col) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float reach = ui.px(110);
    dl->PushClipRect(ImVec2(corner.x - reach, corner.y), ImVec2(corner.x, corner.y + reach), true);
    const float d = ui.px(34), len = ui.px(200), thick = ui.px(28);
    const ImVec2 c(corner.x - d, corner.y + d);
    const int first = dl->VtxBuffer.Size;
    dl->AddRectFilled(ImVec2(c.x - len * 0.5f, c.y - thick * 0.5f), ImVec2(c.x + len * 0.5f, c.y + thick * 0.5f), col);
    ImFont* f = ui.fonts.strong;
    const ImVec2 ts = text_size(f, label);
    dl->AddText(f, f->FontSize, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), color::on_primary, label.data(),
                label.data() + label.size());
    // Turn what was just drawn 45° around the band's centre (the ImGui wiki's vertex-rotation technique).
    const float s = std::sin(pi / 4), co = std::cos(pi / 4);
    for (int i = first; i < dl->VtxBuffer.Size; ++i) {
        ImVec2& p = dl->VtxBuffer[i].pos;
        const float x = p.x - c.x, y = p.y - c.y;
        p = ImVec2(c.x + x * co - y * s, c.y + x * s + y * co);
    }
    dl->PopClipRect();
    ui.record(id, label, "text", ImVec2(corner.x - reach, corner.y), ImVec2(corner.x, corner.y + reach));
}

bool checkbox(Ui& ui, std::string_view id, std::string_view label, bool& value) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float box = ui.px(18);
    const ImVec2 ts = text_size(ui.fonts.body, label);
    const ImVec2 size(box + ui.px(10) + ts.x, std::max(box, ts.y));
    const bool clicked = ImGui::InvisibleButton(hidden(id).c_str(), size);
    if (clicked) value = !value;
    const bool hov = ImGui::IsItemHovered();
    if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b(p.x, std::floor(p.y + (size.y - box) * 0.5f));
    if (value) {
        dl->AddRectFilled(b, ImVec2(b.x + box, b.y + box), color::primary, ui.px(4));
        const ImVec2 tick[3] = {ImVec2(b.x + box * 0.25f, b.y + box * 0.52f), ImVec2(b.x + box * 0.43f, b.y + box * 0.7f),
                                ImVec2(b.x + box * 0.77f, b.y + box * 0.32f)};
        dl->AddPolyline(tick, 3, color::on_primary, 0, ui.px(2));
    } else {
        dl->AddRectFilled(b, ImVec2(b.x + box, b.y + box), color::surface, ui.px(4));
        dl->AddRect(b, ImVec2(b.x + box, b.y + box), hov ? color::border_hover : color::border_strong, ui.px(4), 0, ui.px(1.5f));
    }
    dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(p.x + box + ui.px(10), std::floor(p.y + (size.y - ts.y) * 0.5f)),
                color::text, label.data(), label.data() + label.size());
    ui.record(id, label, "toggle", p, ImVec2(p.x + size.x, p.y + size.y), value ? "true" : "false");
    return clicked;
}

bool radio(Ui& ui, std::string_view id, std::string_view label, bool active) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float box = ui.px(18);
    const ImVec2 ts = text_size(ui.fonts.body, label);
    const ImVec2 size(box + ui.px(10) + ts.x, std::max(box, ts.y));
    const bool clicked = ImGui::InvisibleButton(hidden(id).c_str(), size);
    const bool hov = ImGui::IsItemHovered();
    if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(p.x + box * 0.5f, std::floor(p.y + size.y * 0.5f));
    dl->AddCircleFilled(c, box * 0.5f, color::surface, 24);
    dl->AddCircle(c, box * 0.5f - ui.px(0.75f), active ? color::primary : hov ? color::border_hover : color::border_strong,
                  24, ui.px(1.5f));
    if (active) dl->AddCircleFilled(c, box * 0.25f, color::primary, 24);
    dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(p.x + box + ui.px(10), std::floor(p.y + (size.y - ts.y) * 0.5f)),
                color::text, label.data(), label.data() + label.size());
    ui.record(id, label, "toggle", p, ImVec2(p.x + size.x, p.y + size.y), active ? "true" : "false");
    return clicked;
}

void section_title(Ui& ui, std::string_view id, std::string_view title, float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    text(ui, id, title, ui.fonts.strong, color::text);
    const float y = ImGui::GetItemRectMax().y + ui.px(8);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, y), ImVec2(p.x + width, y), color::border, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(p.x, y + ui.px(1)));
    ImGui::Dummy(ImVec2(width, ui.px(14)));
}

bool link(Ui& ui, std::string_view id, std::string_view label, ImFont* font) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 ts = text_size(font, label);
    const bool clicked = ImGui::InvisibleButton(hidden(id).c_str(), ts);
    const bool hov = ImGui::IsItemHovered();
    if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(font, font->FontSize, p, hov ? color::primary_hover : color::primary, label.data(), label.data() + label.size());
    if (hov) dl->AddLine(ImVec2(p.x, p.y + ts.y), ImVec2(p.x + ts.x, p.y + ts.y), color::primary_hover, ui.px(1));
    ui.record(id, label, "button", p, ImVec2(p.x + ts.x, p.y + ts.y));
    return clicked;
}

}  // namespace tumen::app
