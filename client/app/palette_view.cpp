// The command palette (Ctrl+K) and the shortcut help ("?", F1), drawn over every view at the end of the frame with
// the settings' overlay dialog (begin_overlay: dim page, Esc and a click outside close). Their state lives in
// client/state/command_palette.hpp; the help lists the one table of client/state/shortcuts.hpp.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "board_view.hpp"
#include "settings_view.hpp"
#include "state/shortcuts.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::PaletteItem;

namespace {

double now_ms() {
    using namespace std::chrono;
    return static_cast<double>(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

constexpr int palette_rows = 8;       // rows shown at once; the card keeps this height so it never jumps
constexpr float palette_row_h = 40;   // CSS px

const char* kind_key(PaletteItem::Kind k) {
    switch (k) {
        case PaletteItem::Kind::view: return "palette.kind.view";
        case PaletteItem::Kind::action: return "palette.kind.action";
        case PaletteItem::Kind::lead: return "palette.kind.lead";
        case PaletteItem::Kind::contact: return "palette.kind.contact";
        case PaletteItem::Kind::search: return "palette.kind.search";
    }
    return "palette.kind.view";
}

// A key cap ("Ctrl+K") at `pos`; returns its width.
float keycap(Ui& ui, ImDrawList* dl, ImVec2 pos, const std::string& label) {
    ImFont* f = ui.fonts.small;
    const ImVec2 ts = text_size(f, label);
    const float w = ts.x + ui.px(14), h = ui.px(24);
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), color::surface_muted, ui.px(5));
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), color::border_strong, ui.px(5), 0, ui.px(1));
    dl->AddText(f, f->FontSize, ImVec2(std::floor(pos.x + ui.px(7)), std::floor(pos.y + (h - ts.y) * 0.5f)),
                color::text, label.c_str());
    return w;
}

struct PaletteView {
    int first = 0;           // first row shown
    int shown_selected = -1;  // the selection the rows were last scrolled to
    bool was_open = false;
    ImVec2 last_mouse{-1, -1};
};

void draw_palette(AppState& app, Ui& ui) {
    static PaletteView pv;
    auto& pal = app.keyboard().palette;
    if (!pal.is_open()) {
        pv.was_open = false;
        return;
    }
    const bool opening = !pv.was_open;
    pv.was_open = true;
    if (opening) pv.first = 0;
    const double now = now_ms();
    pal.update(now);
    if (const double w = pal.wake_in(now); w >= 0) ui.wake_in(w + 1);

    bool dismissed = false;
    const float width = ui.px(640), inner = width - ui.px(56);
    begin_overlay(ui, "palette", app.tr("palette.title"), width, dismissed);
    const float top = ui.remembered("overlay.current", 0);
    // The field keeps the keyboard while the palette is open (a click on a row runs it and closes anyway).
    const bool focus = opening || !ImGui::IsAnyItemActive();
    board::field(ui, "palette.input", app.tr("palette.hint"), pal.text, inner, focus, 12);
    ImGui::Dummy(ImVec2(0, ui.px(10)));

    const auto& items = pal.items();
    const int n = static_cast<int>(items.size());
    // Keep the selection in view when the keys moved it.
    if (pal.selected() != pv.shown_selected) {
        if (pal.selected() < pv.first) pv.first = pal.selected();
        if (pal.selected() >= pv.first + palette_rows) pv.first = pal.selected() - palette_rows + 1;
        pv.shown_selected = pal.selected();
    }
    const float rh = ui.px(palette_row_h);
    const ImVec2 list_min = ImGui::GetCursorScreenPos();
    const ImVec2 list_max(list_min.x + inner, list_min.y + rh * palette_rows);
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseHoveringRect(list_min, list_max) && io.MouseWheel != 0)
        pv.first -= static_cast<int>(io.MouseWheel > 0 ? std::ceil(io.MouseWheel) : std::floor(io.MouseWheel));
    pv.first = std::clamp(pv.first, 0, std::max(0, n - palette_rows));
    const bool mouse_moved = io.MousePos.x != pv.last_mouse.x || io.MousePos.y != pv.last_mouse.y;
    pv.last_mouse = io.MousePos;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::optional<int> run;
    for (int i = pv.first; i < std::min(n, pv.first + palette_rows); ++i) {
        const PaletteItem& it = items[static_cast<size_t>(i)];
        const ImVec2 a(list_min.x, list_min.y + rh * static_cast<float>(i - pv.first)), b(a.x + inner, a.y + rh);
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(i);
        const bool clicked = ImGui::InvisibleButton("##palette.row", ImVec2(inner, rh));
        ImGui::PopID();
        // The pointer selects only when it moves, so a row under a resting pointer does not fight the arrow keys.
        if (ImGui::IsItemHovered() && mouse_moved) pal.select(i);
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (clicked) run = i;
        const bool sel = i == pal.selected();
        if (sel) dl->AddRectFilled(a, b, color::primary_soft, ui.px(8));
        ImFont* f = ui.fonts.body;
        const std::string kind = app.tr(kind_key(it.kind));
        const float kind_w = text_size(ui.fonts.small, kind).x;
        const float text_y = std::floor(a.y + (rh - f->FontSize) * 0.5f);
        const float label_room = inner - kind_w - ui.px(36);
        const std::string label = fit_text(f, it.label, label_room * (it.detail.empty() ? 1.0f : 0.65f));
        dl->AddText(f, f->FontSize, ImVec2(a.x + ui.px(12), text_y), sel ? color::primary : color::text, label.c_str());
        if (!it.detail.empty()) {
            const float lw = text_size(f, label).x;
            const std::string detail = fit_text(ui.fonts.small, it.detail, label_room - lw - ui.px(12));
            dl->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                        ImVec2(a.x + ui.px(24) + lw, std::floor(a.y + (rh - ui.fonts.small->FontSize) * 0.5f)),
                        color::text_muted, detail.c_str());
        }
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                    ImVec2(b.x - ui.px(12) - kind_w, std::floor(a.y + (rh - ui.fonts.small->FontSize) * 0.5f)),
                    color::text_secondary, kind.c_str());
        ui.record("palette.item." + std::to_string(i), it.label, "row", a, b, sel ? "selected" : "");
    }
    ImGui::SetCursorScreenPos(ImVec2(list_min.x, list_max.y + ui.px(8)));
    // Under the rows: the search's state or its failure, then how to drive it.
    if (!pal.error().empty()) {
        alert(ui, "palette.error", pal.error().render(app.language()), inner);
    } else {
        const std::string status = pal.searching() ? app.tr("palette.searching")
                                   : n == 0        ? app.tr("palette.no_results")
                                                   : std::string();
        text(ui, "palette.status", status.empty() ? " " : status, ui.fonts.small, color::text_muted);
    }
    ImGui::Dummy(ImVec2(0, ui.px(6)));
    text(ui, "palette.footer", app.tr("palette.footer"), ui.fonts.small, color::text_muted);
    ui.remember("overlay.palette.h", ImGui::GetCursorScreenPos().y + ui.px(20) - top);
    end_overlay();
    if (run) {
        pal.select(*run);
        pal.run_selected();
    } else if (dismissed) {
        pal.close();
    }
}

void draw_help(AppState& app, Ui& ui) {
    auto& kb = app.keyboard();
    if (!kb.help_open) return;
    bool dismissed = false;
    const float width = ui.px(860), inner = width - ui.px(56);
    begin_overlay(ui, "keys", app.tr("keys.title"), width, dismissed);
    const float top = ui.remembered("overlay.current", 0);
    const bool mac = ImGui::GetIO().ConfigMacOSXBehaviors;
    // One row per action of a scope, its chords side by side ("↓ J"); "Everywhere" on the left, the rest on the right.
    const auto table = client::shortcuts();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float col_gap = ui.px(32);
    const float col_w = std::floor((inner - col_gap) * 0.5f);
    const float row_h = ui.px(30), head_h = ui.px(28);
    float y_col[2] = {origin.y, origin.y};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    client::KeyScope current_scope{};
    bool first = true;
    for (size_t i = 0; i < table.size(); ++i) {
        const auto& s = table[i];
        bool repeat = false;  // the action was listed already in this scope (another chord of it)
        for (size_t k = 0; k < i; ++k) repeat = repeat || (table[k].scope == s.scope && table[k].action == s.action);
        if (repeat) continue;
        const int c = s.scope == client::KeyScope::global ? 0 : 1;
        const float x = origin.x + (c == 0 ? 0 : col_w + col_gap);
        if (first || s.scope != current_scope) {
            if (y_col[c] > origin.y) y_col[c] += ui.px(18);  // air between one scope and the next
            ImGui::SetCursorScreenPos(ImVec2(x, y_col[c]));
            text(ui, std::string("keys.scope.") + std::to_string(static_cast<int>(s.scope)),
                 app.tr(client::scope_label_key(s.scope)), ui.fonts.strong, color::text);
            y_col[c] += head_h;
            current_scope = s.scope;
            first = false;
        }
        const std::string label = app.tr(s.label_key);
        ImGui::SetCursorScreenPos(ImVec2(x, y_col[c] + std::floor((row_h - ui.fonts.body->FontSize) * 0.5f)));
        // The chords on the right of the column.
        std::vector<std::string> caps;
        for (size_t k = i; k < table.size(); ++k)
            if (table[k].scope == s.scope && table[k].action == s.action) caps.push_back(client::chord_text(table[k].chord, mac));
        float caps_w = 0;
        for (const auto& cap : caps) caps_w += text_size(ui.fonts.small, cap).x + ui.px(14) + ui.px(6);
        text(ui, "keys.row." + std::string(s.action), fit_text(ui.fonts.body, label, col_w - caps_w - ui.px(8)),
             ui.fonts.body, color::text_secondary);
        float cx = x + col_w - caps_w;
        std::string all;
        for (const auto& cap : caps) {
            cx += keycap(ui, dl, ImVec2(cx, y_col[c] + ui.px(3)), cap) + ui.px(6);
            all += (all.empty() ? "" : " ") + cap;
        }
        ui.record("keys.chord." + std::string(s.action) + "." + std::to_string(static_cast<int>(s.scope)), all, "text",
                  ImVec2(x + col_w - caps_w, y_col[c]), ImVec2(x + col_w, y_col[c] + row_h));
        y_col[c] += row_h;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(y_col[0], y_col[1]) + ui.px(12)));
    text(ui, "keys.close_hint", app.tr("keys.close_hint"), ui.fonts.small, color::text_muted);
    ui.remember("overlay.keys.h", ImGui::GetCursorScreenPos().y + ui.px(20) - top);
    end_overlay();
    if (dismissed) kb.help_open = false;
}

}  // namespace

void draw_keyboard_overlays(AppState& app, Ui& ui) {
    draw_palette(app, ui);
    draw_help(app, ui);
}

}  // namespace tumen::app
