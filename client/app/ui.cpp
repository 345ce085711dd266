#include "ui.hpp"

#include <algorithm>
#include <cstring>

#include "imgui_stdlib.h"
#include "theme.hpp"

namespace tumen::app {

void Ui::begin_frame() {
    drawing_.clear();
    layout_changed_ = false;
    wake_ms_ = -1;
}

namespace {

bool same_rectangles(const std::vector<client::WidgetInfo>& a, const std::vector<client::WidgetInfo>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].x != b[i].x || a[i].y != b[i].y || a[i].w != b[i].w || a[i].h != b[i].h) return false;
    return true;
}

constexpr int max_moving_frames = 8;

}  // namespace

void Ui::end_frame() {
    const bool moved = !same_rectangles(drawing_, published_);
    moving_frames_ = moved ? moving_frames_ + 1 : 0;
    if (moved && moving_frames_ <= max_moving_frames) layout_changed_ = true;
    published_.swap(drawing_);
}

void Ui::record(std::string_view id, std::string_view label, const char* kind, ImVec2 min, ImVec2 max,
                std::string_view value) {
    client::WidgetInfo w;
    w.value = std::string(value);
    w.id = std::string(id);
    w.label = std::string(label);
    w.kind = kind;
    w.x = min.x / device_dpr;
    w.y = min.y / device_dpr;
    w.w = (max.x - min.x) / device_dpr;
    w.h = (max.y - min.y) / device_dpr;
    drawing_.push_back(std::move(w));
}

float Ui::remembered(std::string_view key, float fallback) const {
    auto it = memory_.find(std::string(key));
    return it == memory_.end() ? fallback : it->second;
}

void Ui::remember(std::string_view key, float value) {
    auto [it, inserted] = memory_.try_emplace(std::string(key), value);
    if (inserted || std::abs(it->second - value) > 0.5f) layout_changed_ = true;
    it->second = value;
}

namespace {

const char* begin_of(std::string_view s) { return s.data(); }
const char* end_of(std::string_view s) { return s.data() + s.size(); }
std::string imgui_id(std::string_view id) { return "##" + std::string(id); }

}  // namespace

ImVec2 text_size(ImFont* font, std::string_view s, float wrap_width) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width > 0 ? wrap_width : 0.0f, begin_of(s), end_of(s));
}

void text(Ui& ui, std::string_view id, std::string_view s, ImFont* font, ImU32 col, float wrap_width) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    if (wrap_width > 0) ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_width);
    ImGui::TextUnformatted(begin_of(s), end_of(s));
    if (wrap_width > 0) ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ui.record(id, s, "text", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

ImVec2 paragraph_layout(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, std::string_view s, float width,
                        bool centered) {
    const float line_h = std::round(font->FontSize * 1.45f);
    const float lead = std::floor((line_h - font->FontSize) * 0.5f);
    const char* p = begin_of(s);
    const char* end = end_of(s);
    float y = 0, widest = 0;
    while (p < end) {
        const char* eol = font->CalcWordWrapPositionA(1.0f, p, end, width);
        if (eol == p) ++eol;  // a single glyph wider than the line still has to go somewhere
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(eol - p)));
        if (nl) eol = nl;
        const char* last = eol;
        while (last > p && (last[-1] == ' ' || last[-1] == '\t')) --last;
        const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, p, last).x;
        widest = std::max(widest, w);
        if (dl) {
            const float x = centered ? std::floor(pos.x + (width - w) * 0.5f) : pos.x;
            dl->AddText(font, font->FontSize, ImVec2(x, pos.y + y + lead), col, p, last);
        }
        y += line_h;
        p = eol;
        if (p < end && *p == '\n') ++p;
        else
            while (p < end && (*p == ' ' || *p == '\t')) ++p;
    }
    return ImVec2(centered ? width : widest, y);
}

void paragraph(Ui& ui, std::string_view id, std::string_view s, ImFont* font, ImU32 col, float width, bool centered) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = paragraph_layout(ImGui::GetWindowDrawList(), font, pos, col, s, width, centered);
    ImGui::Dummy(size);
    // The recorded box is the text itself, not the full column, so a test sees where the words are.
    const ImVec2 tight = paragraph_layout(nullptr, font, pos, col, s, width, false);
    const float x = centered ? std::floor(pos.x + (width - tight.x) * 0.5f) : pos.x;
    ui.record(id, s, "text", ImVec2(x, pos.y), ImVec2(x + tight.x, pos.y + tight.y));
}

bool button(Ui& ui, std::string_view id, std::string_view label, ButtonKind kind, ImVec2 size, bool enabled) {
    ImFont* font = ui.fonts.strong;
    ImVec2 ts = text_size(font, label);
    if (size.x <= 0) size.x = ts.x + ui.px(32);
    if (size.y <= 0) size.y = ui.px(40);
    const ImVec2 pos = ImGui::GetCursorScreenPos();

    ImGui::BeginDisabled(!enabled);
    const bool clicked = ImGui::InvisibleButton(imgui_id(id).c_str(), size);
    ImGui::EndDisabled();
    const bool hovered = enabled && ImGui::IsItemHovered();
    const bool held = enabled && ImGui::IsItemActive();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    ImU32 bg = 0, fg = color::text, edge = 0;
    switch (kind) {
        case ButtonKind::primary:
            bg = !enabled ? color::primary_disabled : held ? color::primary_active
                                                  : hovered ? color::primary_hover : color::primary;
            fg = color::on_primary;
            break;
        case ButtonKind::secondary:
            bg = held ? color::surface_muted : hovered ? color::surface_hover : color::surface;
            edge = hovered ? color::border_hover : color::border_strong;
            fg = enabled ? color::text : color::text_muted;
            break;
        case ButtonKind::ghost:
            bg = held ? color::primary_soft : hovered ? color::surface_muted : 0;
            fg = enabled ? color::primary : color::text_muted;
            break;
    }
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const float rounding = ui.px(8);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (bg) dl->AddRectFilled(pos, max, bg, rounding);
    if (edge) dl->AddRect(pos, max, edge, rounding, 0, ui.px(1));
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(pos.x - ui.px(3), pos.y - ui.px(3)), ImVec2(max.x + ui.px(3), max.y + ui.px(3)),
                    color::focus_ring, rounding + ui.px(3), 0, ui.px(3));
    const ImVec2 tp(std::floor(pos.x + (size.x - ts.x) * 0.5f), std::floor(pos.y + (size.y - ts.y) * 0.5f));
    dl->AddText(font, font->FontSize, tp, fg, begin_of(label), end_of(label));
    ui.record(id, label, "button", pos, max);
    return clicked && enabled;
}

bool input(Ui& ui, std::string_view id, std::string_view label, std::string_view hint, std::string& value,
           const InputOptions& opt) {
    text(ui, std::string(id) + ".label", label, ui.fonts.strong, color::text_secondary);
    ImGui::Dummy(ImVec2(0, ui.px(8)));

    ImFont* font = ui.fonts.body;
    const float height = ui.px(44);
    ImGui::PushFont(font);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(14), std::floor((height - font->FontSize) * 0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ui.px(8));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ui.px(1));
    // The border colour depends on hover, which is only known after the widget: take last frame's state.
    const bool was_hovered = ui.remembered(std::string(id) + ".hover", 0) > 0;
    ImGui::PushStyleColor(ImGuiCol_Border, opt.invalid ? color::danger : was_hovered ? color::border_hover
                                                                                      : color::border_strong);
    ImGui::SetNextItemWidth(opt.width > 0 ? opt.width : ImGui::GetContentRegionAvail().x);
    if (opt.focus) ImGui::SetKeyboardFocusHere();
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue;
    if (opt.password) flags |= ImGuiInputTextFlags_Password;
    std::string hint_z(hint);
    const bool entered = ImGui::InputTextWithHint(imgui_id(id).c_str(), hint_z.c_str(), &value, flags);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    ImGui::PopFont();

    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ui.remember(std::string(id) + ".hover", ImGui::IsItemHovered() ? 1.0f : 0.0f);
    if (ImGui::IsItemActive()) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float r = ui.px(8), ring = ui.px(3);
        dl->AddRect(ImVec2(min.x - ring * 0.5f, min.y - ring * 0.5f), ImVec2(max.x + ring * 0.5f, max.y + ring * 0.5f),
                    opt.invalid ? with_alpha(color::danger, 0x40) : color::focus_ring, r + ring * 0.5f, 0, ring);
        dl->AddRect(min, max, opt.invalid ? color::danger : color::primary, r, 0, ui.px(1));
    }
    ui.record(id, label, "input", min, max, opt.password ? std::string_view() : std::string_view(value));
    return entered;
}

namespace {
// Measures of the segmented control (CSS px): outer padding, gap between options, label padding, height.
struct SegmentedMeasures {
    float pad, gap, label_pad, height;
};
SegmentedMeasures segmented_measures(SegmentedSize size) {
    return size == SegmentedSize::large ? SegmentedMeasures{4, 4, 16, 38} : SegmentedMeasures{3, 4, 10, 30};
}
ImFont* segmented_font(const Ui& ui, SegmentedSize size) {
    return size == SegmentedSize::large ? ui.fonts.body : ui.fonts.small;
}
}  // namespace

float segmented_width(Ui& ui, const std::vector<Choice>& choices, SegmentedSize size) {
    const SegmentedMeasures m = segmented_measures(size);
    float w = 2 * ui.px(m.pad) + ui.px(m.gap) * static_cast<float>(choices.size() - 1);
    for (const auto& c : choices) w += text_size(segmented_font(ui, size), c.label).x + 2 * ui.px(m.label_pad);
    return w;
}

bool segmented(Ui& ui, std::string_view id, const std::vector<Choice>& choices, int& selected, SegmentedSize seg_size) {
    const SegmentedMeasures m = segmented_measures(seg_size);
    ImFont* font = segmented_font(ui, seg_size);
    const float h = ui.px(m.height), pad = ui.px(m.pad), gap = ui.px(m.gap);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float total = segmented_width(ui, choices, seg_size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(start, ImVec2(start.x + total, start.y + h), color::surface_muted, ui.px(8));
    bool changed = false;
    float x = start.x + pad;
    for (int i = 0; i < static_cast<int>(choices.size()); ++i) {
        const auto& c = choices[i];
        const ImVec2 ts = text_size(font, c.label);
        const ImVec2 bmin(x, start.y + pad), size(ts.x + 2 * ui.px(m.label_pad), h - 2 * pad);
        const ImVec2 bmax(bmin.x + size.x, bmin.y + size.y);
        ImGui::SetCursorScreenPos(bmin);
        std::string full_id = std::string(id) + "." + std::string(c.id);
        if (ImGui::InvisibleButton(imgui_id(full_id).c_str(), size) && selected != i) {
            selected = i;
            changed = true;
        }
        const bool hovered = ImGui::IsItemHovered();
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const bool on = selected == i;
        if (on) {
            dl->AddRectFilled(ImVec2(bmin.x, bmin.y + ui.px(1)), ImVec2(bmax.x, bmax.y + ui.px(1)),
                              with_alpha(color::shadow, 0x14), ui.px(6));
            // Dark: the surface is darker than the track, so the chosen segment is lifted with the border colour.
            dl->AddRectFilled(bmin, bmax, dark_theme() ? color::border_strong : color::surface, ui.px(6));
        }
        const ImU32 fg = on ? color::text : hovered ? color::text : color::text_secondary;
        dl->AddText(font, font->FontSize,
                    ImVec2(std::floor(bmin.x + (size.x - ts.x) * 0.5f), std::floor(bmin.y + (size.y - ts.y) * 0.5f)),
                    fg, begin_of(c.label), end_of(c.label));
        ui.record(full_id, c.label, "toggle", bmin, bmax);
        x = bmax.x + gap;
    }
    // Leave the cursor after the whole control, as one item.
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(total, h));
    return changed;
}

void alert(Ui& ui, std::string_view id, std::string_view message, float width) {
    ImFont* font = ui.fonts.body;
    const float pad = ui.px(14), icon = ui.px(20), gap = ui.px(10);
    const float text_w = width - 2 * pad - icon - gap;
    const ImVec2 ts = paragraph_layout(nullptr, font, ImVec2(0, 0), 0, message, text_w);
    const float line_h = std::round(font->FontSize * 1.45f);
    const float h = std::max(ts.y, icon) + 2 * pad - std::max(0.0f, line_h - icon);
    const ImVec2 min = ImGui::GetCursorScreenPos(), max(min.x + width, min.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, color::danger_soft, ui.px(8));
    dl->AddRect(min, max, color::danger_border, ui.px(8), 0, ui.px(1));
    // The icon sits on the first line's centre.
    const float first_line_centre = min.y + pad - std::max(0.0f, (line_h - icon) * 0.5f) + line_h * 0.5f;
    const ImVec2 c(min.x + pad + icon * 0.5f, std::floor(first_line_centre));
    dl->AddCircleFilled(c, icon * 0.5f, color::danger, 24);
    ImFont* bold = ui.fonts.strong;
    const ImVec2 bang = text_size(bold, "!");
    dl->AddText(bold, bold->FontSize, ImVec2(std::floor(c.x - bang.x * 0.5f), std::floor(c.y - bang.y * 0.5f)),
                color::on_primary, "!");
    const ImVec2 tp(min.x + pad + icon + gap, min.y + pad - std::max(0.0f, (line_h - icon) * 0.5f));
    paragraph_layout(dl, font, tp, color::danger_text, message, text_w);
    ImGui::Dummy(ImVec2(width, h));
    ui.record(id, message, "alert", min, max);
}

void logo(Ui& ui, float size) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + size, p.y + size);
    dl->AddRectFilled(p, q, color::primary, size * 0.26f);
    // A lighter band across the top gives the mark some depth without an image.
    dl->AddRectFilled(p, ImVec2(q.x, p.y + size * 0.5f), with_alpha(IM_COL32(0x60, 0xA5, 0xFA, 0xFF), 0x60), size * 0.26f,
                      ImDrawFlags_RoundCornersTop);
    ImFont* f = ui.fonts.title;
    const float fs = std::round(size * 0.62f);
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, "T");
    dl->AddText(f, fs, ImVec2(std::floor(p.x + (size - ts.x) * 0.5f), std::floor(p.y + (size - ts.y) * 0.5f)),
                color::on_primary, "T");
    ImGui::Dummy(ImVec2(size, size));
}

void card_background(Ui& ui, ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding) {
    // A soft, lowered shadow from layered translucent rounded rectangles: each layer grows and sinks a little, so
    // the shade is light at the top edge and fades out below (no hard ring at the border).
    const int layers = 12;
    for (int i = layers; i >= 1; --i) {
        const float t = static_cast<float>(i);
        const float spread = ui.px(t * 1.5f);
        const float drop = ui.px(t * 1.0f);
        dl->AddRectFilled(ImVec2(min.x - spread, min.y - spread + drop), ImVec2(max.x + spread, max.y + spread + drop),
                          with_alpha(color::shadow, 2), rounding + spread);
    }
    dl->AddRectFilled(min, max, color::surface, rounding);
    dl->AddRect(min, max, with_alpha(color::border, 0xC0), rounding, 0, ui.px(1));
}

std::string fit_text(ImFont* font, std::string_view s, float width) {
    if (text_size(font, s).x <= width) return std::string(s);
    const std::string_view ellipsis = "…";
    const float ew = text_size(font, ellipsis).x;
    size_t n = s.size();
    while (n > 0) {
        --n;
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // a whole character
        if (text_size(font, s.substr(0, n)).x + ew <= width) break;
    }
    std::string out(s.substr(0, n));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + std::string(ellipsis);
}

}  // namespace tumen::app
