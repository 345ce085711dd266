// Small pieces shared by the settings sections: notices, the once-shown secret, the overlay dialog, row buttons,
// pills, the colour picker, section headers and the masked field.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "imgui_stdlib.h"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {
const ImU32& success_text = color::success_text;
const ImU32& success_border = color::success_border;
const ImU32& success_bg = color::success_bg;
bool settings_parts_escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }
}  // namespace

void notice(Ui& ui, std::string_view id, std::string_view message, float width) {
    ImFont* font = ui.fonts.body;
    const float pad = ui.px(14), icon = ui.px(20), gap = ui.px(10);
    const float text_w = width - 2 * pad - icon - gap;
    const ImVec2 ts = paragraph_layout(nullptr, font, ImVec2(0, 0), 0, message, text_w);
    const float line_h = std::round(font->FontSize * 1.45f);
    const float h = std::max(ts.y, icon) + 2 * pad - std::max(0.0f, line_h - icon);
    const ImVec2 min = ImGui::GetCursorScreenPos(), max(min.x + width, min.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, success_bg, ui.px(8));
    dl->AddRect(min, max, success_border, ui.px(8), 0, ui.px(1));
    const float top = min.y + pad - std::max(0.0f, (line_h - icon) * 0.5f);
    const ImVec2 c(min.x + pad + icon * 0.5f, std::floor(top + line_h * 0.5f));
    dl->AddCircleFilled(c, icon * 0.5f, lead_color::success, 24);
    const float s = icon * 0.22f;
    const ImVec2 tick[3] = {ImVec2(c.x - s * 1.2f, c.y), ImVec2(c.x - s * 0.2f, c.y + s), ImVec2(c.x + s * 1.4f, c.y - s)};
    dl->AddPolyline(tick, 3, color::on_primary, 0, ui.px(2));
    paragraph_layout(dl, font, ImVec2(min.x + pad + icon + gap, top), success_text, message, text_w);
    ImGui::Dummy(ImVec2(width, h));
    ui.record(id, message, "notice", min, max);
}

void section_messages(AppState& app, Ui& ui, const std::string& id, const client::Message& error,
                      const client::Message& ok, float width) {
    if (!error.empty()) {
        alert(ui, id + ".error", error.render(app.language()), width);
        gap(ui, 16);
    }
    if (!ok.empty()) {
        notice(ui, id + ".notice", ok.render(app.language()), width);
        gap(ui, 16);
    }
}

bool secret_box(AppState& app, Ui& ui, const std::string& id, const std::string& title, const std::string& hint,
                const std::string& value, float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float pad = ui.px(18);
    const float h = ui.remembered(id + ".h", ui.px(150));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::notice_bg, ui.px(10));
    dl->AddRect(p, ImVec2(p.x + width, p.y + h), color::notice_border, ui.px(10), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    const float inner = width - 2 * pad;
    text(ui, id + ".title", title, ui.fonts.strong, color::text);
    gap(ui, 4);
    paragraph(ui, id + ".hint", hint, ui.fonts.small, color::text_secondary, inner);
    gap(ui, 10);
    const std::string copy = app.tr("settings.copy"), done = app.tr("settings.done");
    const float bw = row_button_width(ui, copy), dw = row_button_width(ui, done);
    const float box_w = inner - bw - dw - ui.px(16);
    const ImVec2 b = ImGui::GetCursorScreenPos();
    ImFont* f = ui.fonts.strong;
    const ImVec2 ts = text_size(f, value, box_w - ui.px(24));
    const float box_h = std::max(ui.px(36), ts.y + ui.px(16));
    dl->AddRectFilled(b, ImVec2(b.x + box_w, b.y + box_h), color::surface, ui.px(6));
    dl->AddRect(b, ImVec2(b.x + box_w, b.y + box_h), color::border_strong, ui.px(6), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(b.x + ui.px(12), b.y + std::floor((box_h - ts.y) * 0.5f)));
    text(ui, id + ".value", value, f, color::text, box_w - ui.px(24));
    ImGui::SetCursorScreenPos(ImVec2(b.x + box_w + ui.px(8), b.y + std::floor((box_h - ui.px(30)) * 0.5f)));
    const std::string copied_key = id + ".copied";
    const bool copied = ui.remembered(copied_key, 0) > 0;
    if (row_button(ui, id + ".copy", copied ? app.tr("settings.copied") : copy)) {
        ImGui::SetClipboardText(value.c_str());
        ui.remember(copied_key, 1);
    }
    ImGui::SameLine(0, ui.px(8));
    const bool closed = row_button(ui, id + ".done", done);
    if (closed) ui.remember(copied_key, 0);
    ImGui::SetCursorScreenPos(ImVec2(b.x, b.y + box_h));
    ImGui::Dummy(ImVec2(inner, 0));
    ImGui::EndGroup();
    ui.remember(id + ".h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    ImGui::Dummy(ImVec2(width, 0));
    return closed;
}

bool begin_overlay(Ui& ui, const std::string& id, const std::string& title, float width, bool& dismissed) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::SetNextWindowFocus();  // on top of the page, which never comes to the front
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(("##overlay." + id).c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), display, color::scrim);  // the same dim as ImGui's modals (theme.hpp)
    width = std::min(width, display.x - ui.px(24));
    const float h = ui.remembered("overlay." + id + ".h", ui.px(220));
    const ImVec2 p(std::floor((display.x - width) * 0.5f), std::floor(std::max(ui.px(24), (display.y - h) * 0.42f)));
    // A click on the dim area outside the card closes, like a modal's backdrop.
    if (ImGui::IsMouseClicked(0) && ImGui::IsWindowHovered()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (m.x < p.x || m.x > p.x + width || m.y < p.y || m.y > p.y + h) dismissed = true;
    }
    if (settings_parts_escape_pressed()) dismissed = true;
    card_background(ui, dl, p, ImVec2(p.x + width, p.y + h), ui.px(14));
    ImGui::SetCursorScreenPos(ImVec2(p.x + ui.px(28), p.y + ui.px(24)));
    ImGui::BeginGroup();
    ImGui::PushID(id.c_str());
    text(ui, id + ".title", title, ui.fonts.title, color::text);
    gap(ui, 14);
    ImGui::Dummy(ImVec2(width - ui.px(56), 0));
    ui.remember("overlay.current", p.y);
    ui.remember("overlay.current_w", width);
    return true;
}

bool begin_dialog(AppState& app, Ui& ui, const std::string& id, const std::string& title, float width, bool& dismissed) {
    app.keyboard().note_dialog();
    return begin_overlay(ui, id, title, width, dismissed);
}

void end_overlay() {
    ImGui::PopID();
    ImGui::EndGroup();
    ImGui::End();
}

int overlay_buttons(AppState& app, Ui& ui, const std::string& id, const std::string& ok_label, float inner, bool enabled,
                    bool enter_submits) {
    const ImVec2 r = ImGui::GetCursorScreenPos();
    const std::string cancel = app.tr("settings.cancel");
    const float okw = text_size(ui.fonts.strong, ok_label).x + ui.px(32), cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
    int result = 0;
    ImGui::SetCursorScreenPos(ImVec2(r.x + inner - okw - cw - ui.px(10), r.y));
    if (button(ui, id + ".cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38)))) result = -1;
    ImGui::SetCursorScreenPos(ImVec2(r.x + inner - okw, r.y));
    const bool enter = enter_submits && ImGui::GetIO().WantTextInput &&
                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (button(ui, id + ".submit", ok_label, ButtonKind::primary, ImVec2(okw, ui.px(38)), enabled) || (enter && enabled))
        result = 1;
    return result;
}

int confirm_overlay(AppState& app, Ui& ui, const std::string& id, const std::string& title, const std::string& body,
                    const std::string& confirm_label, const std::string& cancel_label) {
    bool dismissed = false;
    const float width = ui.px(460), inner = width - ui.px(56);
    begin_dialog(app, ui, id, title, width, dismissed);
    // Enter confirms, once the dialog has been on screen a frame (not the Enter of a field that opened it):
    // dialog_shown() says a dialog was drawn in the frame before.
    const ImGuiIO& io = ImGui::GetIO();
    const bool enter = app.keyboard().dialog_shown() && !io.WantTextInput &&
                       (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
    const float top = ui.remembered("overlay.current", 0);
    paragraph(ui, id + ".body", body, ui.fonts.body, color::text_secondary, inner);
    gap(ui, 24);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const std::string cancel = cancel_label.empty() ? app.tr("settings.cancel") : cancel_label;
    const float sw = text_size(ui.fonts.strong, confirm_label).x + ui.px(32);
    const float cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
    int result = dismissed ? -1 : 0;
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - sw - cw - ui.px(10), row.y));
    if (button(ui, id + ".cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38)))) result = -1;
    ImGui::SetCursorScreenPos(ImVec2(row.x + inner - sw, row.y));
    // Destructive confirmations are red.
    ImGui::PushID("confirm");
    const ImVec2 bp = ImGui::GetCursorScreenPos();
    const bool yes = ImGui::InvisibleButton(("##" + id + ".confirm").c_str(), ImVec2(sw, ui.px(38)));
    const bool hov = ImGui::IsItemHovered();
    if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(bp, ImVec2(bp.x + sw, bp.y + ui.px(38)), hov ? color::danger_text : color::danger, ui.px(8));
    const ImVec2 ts = text_size(ui.fonts.strong, confirm_label);
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize,
                ImVec2(std::floor(bp.x + (sw - ts.x) * 0.5f), std::floor(bp.y + (ui.px(38) - ts.y) * 0.5f)), color::on_primary,
                confirm_label.c_str());
    ui.record(id + ".confirm", confirm_label, "button", bp, ImVec2(bp.x + sw, bp.y + ui.px(38)));
    ImGui::PopID();
    if (yes || (enter && result == 0)) result = 1;
    ui.remember("overlay." + id + ".h", ImGui::GetCursorScreenPos().y + ui.px(24) - top);
    end_overlay();
    return result;
}

float row_button_width(Ui& ui, const std::string& label) { return text_size(ui.fonts.small, label).x + ui.px(22); }

bool row_button(Ui& ui, const std::string& id, const std::string& label, bool danger, bool enabled) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size(row_button_width(ui, label), ui.px(30));
    ImGui::BeginDisabled(!enabled);
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), size);
    ImGui::EndDisabled();
    const bool hov = enabled && ImGui::IsItemHovered();
    if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + size.x, p.y + size.y);
    dl->AddRectFilled(p, q, hov ? (danger ? color::danger_soft : color::surface_muted) : color::surface, ui.px(6));
    dl->AddRect(p, q, hov && danger ? color::danger_border : color::border, ui.px(6), 0, ui.px(1));
    const ImVec2 ts = text_size(ui.fonts.small, label);
    const ImU32 fg = !enabled ? color::text_muted : danger && hov ? color::danger_text : color::text;
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                ImVec2(std::floor(p.x + (size.x - ts.x) * 0.5f), std::floor(p.y + (size.y - ts.y) * 0.5f)), fg,
                label.c_str());
    ui.record(id, label, "button", p, q);
    return clicked && enabled;
}

void pill(Ui& ui, const std::string& id, const std::string& label, ImU32 bg, ImU32 fg) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 ts = text_size(ui.fonts.small, label);
    const ImVec2 size(ts.x + ui.px(16), ui.px(22));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), bg, size.y * 0.5f);
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(p.x + ui.px(8), std::floor(p.y + (size.y - ts.y) * 0.5f)), fg,
                label.c_str());
    ImGui::Dummy(size);
    ui.record(id, label, "text", p, ImVec2(p.x + size.x, p.y + size.y));
}

void color_dot(Ui& ui, ImVec2 c, float r, int color) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(c, r, lead_color::tag(color), 24);
    dl->AddCircle(c, r, with_alpha(color::shadow, 0x30), 24, ui.px(1));
}

bool color_picker(Ui& ui, const std::string& id, std::string& value) {
    const int current = std::clamp(std::atoi(value.c_str()), 0, 11);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size(ui.px(64), ui.px(36));
    const bool open_click = ImGui::InvisibleButton(("##" + id).c_str(), size);
    const bool hov = ImGui::IsItemHovered();
    if (hov) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), color::surface, ui.px(6));
    dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), hov ? color::border_hover : color::border_strong, ui.px(6), 0, ui.px(1));
    color_dot(ui, ImVec2(p.x + ui.px(20), p.y + size.y * 0.5f), ui.px(9), current);
    chevron_down(dl, ImVec2(p.x + size.x - ui.px(16), p.y + size.y * 0.5f), ui.px(4), color::text_secondary);
    ui.record(id, std::to_string(current), "combo", p, ImVec2(p.x + size.x, p.y + size.y), std::to_string(current));
    const std::string popup = "##" + id + ".popup";
    if (open_click) ImGui::OpenPopup(popup.c_str());
    bool changed = false;
    ImGui::SetNextWindowPos(ImVec2(p.x, p.y + size.y + ui.px(4)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(10), ui.px(10)));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, ui.px(8));
    if (ImGui::BeginPopup(popup.c_str())) {
        const float cell = ui.px(30);
        const ImVec2 g = ImGui::GetCursorScreenPos();
        for (int i = 0; i < 12; ++i) {
            const ImVec2 cp(g.x + static_cast<float>(i % 6) * cell, g.y + static_cast<float>(i / 6) * cell);
            ImGui::SetCursorScreenPos(cp);
            const std::string sid = id + "." + std::to_string(i);
            if (ImGui::InvisibleButton(("##" + sid).c_str(), ImVec2(cell, cell))) {
                value = std::to_string(i);
                changed = true;
                ImGui::CloseCurrentPopup();
            }
            const bool h = ImGui::IsItemHovered();
            const ImVec2 c(cp.x + cell * 0.5f, cp.y + cell * 0.5f);
            if (i == current || h)
                ImGui::GetWindowDrawList()->AddCircle(c, ui.px(12), i == current ? color::primary : color::border_hover, 24,
                                                      ui.px(2));
            color_dot(ui, c, ui.px(9), i);
            ui.record(sid, std::to_string(i), "option", cp, ImVec2(cp.x + cell, cp.y + cell));
        }
        ImGui::SetCursorScreenPos(ImVec2(g.x, g.y + 2 * cell));
        ImGui::Dummy(ImVec2(6 * cell, 0));
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar(2);
    return changed;
}

bool section_header(Ui& ui, const std::string& id, const std::string& title, const std::string& body,
                    const std::string& button_label, float width, bool button_enabled) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float bw = button_label.empty() ? 0 : text_size(ui.fonts.strong, button_label).x + ui.px(32);
    ImGui::BeginGroup();
    text(ui, id + ".heading", title, ui.fonts.strong, color::text);
    gap(ui, 4);
    if (!body.empty()) paragraph(ui, id + ".about", body, ui.fonts.small, color::text_secondary, width - bw - ui.px(24));
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y;
    bool clicked = false;
    if (!button_label.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(p.x + width - bw, p.y));
        clicked = button(ui, id + ".add", button_label, ButtonKind::primary, ImVec2(bw, ui.px(36)), button_enabled);
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, std::max(bottom, p.y + (button_label.empty() ? 0 : ui.px(36)))));
    gap(ui, 16);
    return clicked;
}

std::string role_label(AppState& app, const std::string& role) {
    const std::string key = "settings.role." + role;
    return i18n::has(app.language(), key) ? app.tr(key) : role;
}

void masked_field(Ui& ui, const std::string& id, const std::string& label, std::string& value, const std::string& error,
                  float width, const std::string& hint) {
    ImGui::BeginGroup();
    text(ui, id + ".label", label, ui.fonts.small, color::text_secondary);
    gap(ui, 5);
    ImGui::PushFont(ui.fonts.body);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(10), std::floor((ui.px(36) - ui.fonts.body->FontSize) * 0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ui.px(6));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ui.px(1));
    ImGui::PushStyleColor(ImGuiCol_Border, error.empty() ? color::border_strong : color::danger);
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint(("##" + id).c_str(), hint.c_str(), &value, ImGuiInputTextFlags_Password);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    ImGui::PopFont();
    ui.record(id, label, "input", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (!error.empty()) {
        gap(ui, 4);
        paragraph(ui, id + ".error", error, ui.fonts.small, color::danger_text, width);
    }
    ImGui::EndGroup();
}

std::string short_time(const std::string& iso) {
    if (iso.size() < 16) return iso.empty() ? "—" : iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

bool language_picker(Ui& ui, const std::string& id, const std::string& label, std::string& lang, const FieldOptions& opt) {
    std::vector<PickItem> items;
    std::optional<std::int64_t> selected;
    for (size_t i = 0; i < i18n::all_languages.size(); ++i) {
        const auto l = i18n::all_languages[i];
        items.push_back({static_cast<std::int64_t>(i + 1), std::string(i18n::native_name(l))});
        if (i18n::code(l) == lang) selected = static_cast<std::int64_t>(i + 1);
    }
    if (!form_picker(ui, id, label, items, selected, "", opt) || !selected) return false;
    lang = std::string(i18n::code(i18n::all_languages[static_cast<size_t>(*selected - 1)]));
    return true;
}

bool time_zone_picker(Ui& ui, const std::string& id, const std::string& label, std::string& tz, const FieldOptions& opt) {
    std::vector<std::string> zones = client::common_time_zones();
    if (!tz.empty() && std::find(zones.begin(), zones.end(), tz) == zones.end()) zones.insert(zones.begin(), tz);
    std::vector<PickItem> items;
    std::optional<std::int64_t> selected;
    for (size_t i = 0; i < zones.size(); ++i) {
        items.push_back({static_cast<std::int64_t>(i + 1), zones[i]});
        if (zones[i] == tz) selected = static_cast<std::int64_t>(i + 1);
    }
    if (!form_picker(ui, id, label, items, selected, "", opt) || !selected) return false;
    tz = zones[static_cast<size_t>(*selected - 1)];
    return true;
}

}  // namespace tumen::app
