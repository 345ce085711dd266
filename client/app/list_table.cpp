// The leads table: a sticky header (click to sort on the server, drag a column's right edge to resize, the box
// that ticks every loaded row) over VIRTUAL rows: only the rows inside the viewport are laid out and drawn, the
// scrollbar spans every matching row (the server's count), and pages are fetched as the viewport nears the end
// of what is loaded (rows not loaded yet are drawn as placeholders).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui_internal.h"
#include "list_view.hpp"
#include "state/list_focus.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "tumen/datetime.hpp"
#include "views.hpp"

namespace tumen::app::list {

namespace {

using client::AppState;
using client::HeaderCheck;
using client::ListRow;

// Colours of the active theme (theme.hpp).
const ImU32& zebra = color::zebra;
const ImU32& row_hover = color::row_hover;
const ImU32& row_selected = color::row_selected;
const ImU32& star_on = color::star_on;
const ImU32& star_off = color::star_off;
const ImU32 &won_bg = color::success_soft, &won_fg = color::success_text;
const ImU32& skeleton = color::skeleton;

float cell_font_size(Ui& ui) { return ui.px(14); }

// `s` cut to `width` with an ellipsis, in one pass over the characters (names may be 500 characters long).
std::string clip(ImFont* f, float size, std::string_view s, float width) {
    const float scale = size / f->FontSize;
    const char* p = s.data();
    const char* end = s.data() + s.size();
    const float ell = f->GetCharAdvance(0x2026) * scale;
    float x = 0;
    const char* cut = nullptr;
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        x += f->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
        if (!cut && x + ell > width) cut = p;
        if (x > width) return std::string(s.data(), static_cast<size_t>(cut - s.data())) + "\u2026";
        p += n;
    }
    return std::string(s);
}

void cell_text(Ui& ui, ImDrawList* dl, ImFont* f, ImVec2 min, float w, float h, std::string_view s, ImU32 col,
               bool right = false) {
    if (s.empty()) return;
    const float fs = cell_font_size(ui);
    const float pad = ui.px(12);
    const std::string shown = clip(f, fs, s, w - 2 * pad);
    const float tw = f->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str()).x;
    const float x = right ? min.x + w - pad - tw : min.x + pad;
    dl->AddText(f, fs, ImVec2(std::floor(x), std::floor(min.y + (h - fs) * 0.5f - ui.px(1))), col, shown.c_str());
}

// A five-pointed star: a pentagon with a triangle on each side (ImGui fills convex shapes only).
void star(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
    ImVec2 outer[5], inner[5];
    for (int i = 0; i < 5; ++i) {
        const float a = -IM_PI / 2 + static_cast<float>(i) * 2 * IM_PI / 5;
        const float b = a + IM_PI / 5;
        outer[i] = ImVec2(c.x + std::cos(a) * r, c.y + std::sin(a) * r);
        inner[i] = ImVec2(c.x + std::cos(b) * r * 0.42f, c.y + std::sin(b) * r * 0.42f);
    }
    dl->AddConvexPolyFilled(inner, 5, col);
    for (int i = 0; i < 5; ++i) dl->AddTriangleFilled(outer[i], inner[i], inner[(i + 4) % 5], col);
}

void pill(Ui& ui, ImDrawList* dl, ImVec2 min, float w, float h, const std::string& label, ImU32 bg, ImU32 fg) {
    const float fs = ui.px(12.5f);
    ImFont* f = ui.fonts.strong;
    const std::string shown = clip(f, fs, label, w - ui.px(40));
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str());
    const ImVec2 p(min.x + ui.px(10), std::floor(min.y + (h - ts.y - ui.px(8)) * 0.5f));
    dl->AddRectFilled(p, ImVec2(p.x + ts.x + ui.px(16), p.y + ts.y + ui.px(8)), bg, ui.px(99));
    dl->AddText(f, fs, ImVec2(p.x + ui.px(8), p.y + ui.px(4)), fg, shown.c_str());
}

// A checkbox box: empty, ticked, or a dash for "some".
void check_box(Ui& ui, ImDrawList* dl, ImVec2 c, HeaderCheck state, bool hovered) {
    const float s = ui.px(18) * 0.5f;
    const ImVec2 a(c.x - s, c.y - s), b(c.x + s, c.y + s);
    if (state == HeaderCheck::none) {
        dl->AddRectFilled(a, b, color::surface, ui.px(4));
        dl->AddRect(a, b, hovered ? color::primary : color::border_hover, ui.px(4), 0, ui.px(1.5f));
        return;
    }
    dl->AddRectFilled(a, b, color::primary, ui.px(4));
    if (state == HeaderCheck::some) {
        dl->AddLine(ImVec2(c.x - s * 0.5f, c.y), ImVec2(c.x + s * 0.5f, c.y), color::on_primary, ui.px(2));
        return;
    }
    dl->AddLine(ImVec2(c.x - s * 0.55f, c.y + s * 0.02f), ImVec2(c.x - s * 0.12f, c.y + s * 0.45f), color::on_primary, ui.px(2));
    dl->AddLine(ImVec2(c.x - s * 0.12f, c.y + s * 0.45f), ImVec2(c.x + s * 0.6f, c.y - s * 0.45f), color::on_primary, ui.px(2));
}

// The part of [a, b] inside the clip rectangle [c0, c1]; empty when it has no area.
bool visible_part(ImVec2& a, ImVec2& b, ImVec2 c0, ImVec2 c1) {
    a = ImVec2(std::max(a.x, c0.x), std::max(a.y, c0.y));
    b = ImVec2(std::min(b.x, c1.x), std::min(b.y, c1.y));
    return b.x - a.x >= 1 && b.y - a.y >= 1;
}

struct Geometry {
    float x0, x1;          // table card, device px
    float head_top, rows_top, rows_bottom;
    float content_x;       // left edge of the content (scrolled)
    std::array<float, col_count> width;
    float content_w;
};

void draw_cells(AppState& app, Ui& ui, ImDrawList* dl, const Geometry& g, const ListRow& r, float y, float h) {
    const auto& list = app.list();
    float x = g.content_x + ui.px(check_w);
    ImFont* body = ui.fonts.body;
    const auto lang = app.language();
    for (std::size_t i = 0; i < col_count; ++i) {
        const float w = g.width[i];
        const ImVec2 min(x, y);
        if (x + w > g.x0 && x < g.x1) switch (columns()[i].col) {
            case Col::name: cell_text(ui, dl, ui.fonts.strong, min, w, h, r.name, color::text); break;
            case Col::company: cell_text(ui, dl, body, min, w, h, r.partner_name, color::text_secondary); break;
            case Col::contact: cell_text(ui, dl, body, min, w, h, r.contact_name, color::text_secondary); break;
            case Col::email: cell_text(ui, dl, body, min, w, h, r.email, color::primary); break;
            case Col::phone: cell_text(ui, dl, body, min, w, h, r.phone, color::text_secondary); break;
            case Col::user: {
                if (!r.user_id) {
                    cell_text(ui, dl, body, min, w, h, app.tr("list.unassigned"), color::text_muted);
                    break;
                }
                const std::string name = list.user_name(r.user_id);
                const float rad = ui.px(11);
                avatar(ui, dl, ImVec2(min.x + ui.px(12) + rad, std::floor(y + h * 0.5f)), rad, *r.user_id, name);
                cell_text(ui, dl, body, ImVec2(min.x + rad * 2 + ui.px(8), y), w - rad * 2 - ui.px(8), h,
                          name.empty() ? "#" + std::to_string(*r.user_id) : name, color::text);
                break;
            }
            case Col::team: cell_text(ui, dl, body, min, w, h, list.team_name(r.team_id), color::text_secondary); break;
            case Col::stage: {
                if (!r.active && r.probability == 0)
                    pill(ui, dl, min, w, h, app.tr("list.status.lost"), color::danger_soft, color::danger_text);
                else if (!r.active)
                    pill(ui, dl, min, w, h, app.tr("list.status.archived"), color::surface_muted, color::text_secondary);
                else if (list.stage_won(r.stage_id))
                    pill(ui, dl, min, w, h, list.stage_name(r.stage_id), won_bg, won_fg);
                else if (r.stage_id)
                    pill(ui, dl, min, w, h, list.stage_name(r.stage_id), color::primary_soft, color::primary_active);
                break;
            }
            case Col::revenue:
                if (r.expected_revenue.amount != 0)
                    cell_text(ui, dl, body, min, w, h, client::money_text(r.expected_revenue, lang), color::text, true);
                break;
            case Col::probability: {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%.0f%%", r.probability);
                cell_text(ui, dl, body, min, w, h, buf, color::text_secondary, true);
                break;
            }
            case Col::priority: {
                const float sr = ui.px(7);
                for (int s = 0; s < 3; ++s)
                    star(dl, ImVec2(min.x + ui.px(12) + sr + static_cast<float>(s) * (sr * 2 + ui.px(3)), y + h * 0.5f), sr,
                         s < r.priority ? star_on : star_off);
                break;
            }
            case Col::created:
                if (r.create_date) cell_text(ui, dl, body, min, w, h, format_date(day_of(r.create_date)), color::text_secondary);
                break;
        }
        x += w;
    }
}

void draw_header(AppState& app, Ui& ui, ImDrawList* dl, const Geometry& g) {
    auto& list = app.list();
    auto& vs = view_state();
    ImGuiIO& io = ImGui::GetIO();
    const float h = g.rows_top - g.head_top;
    const ImVec2 c0(g.x0, g.head_top), c1(g.x1, g.rows_top);
    dl->AddRectFilled(c0, c1, color::table_head, ui.px(12), ImDrawFlags_RoundCornersTop);
    dl->AddLine(ImVec2(g.x0, g.rows_top - ui.px(1)), ImVec2(g.x1, g.rows_top - ui.px(1)), color::border, ui.px(1));

    // The box that ticks every loaded row.
    {
        ImVec2 a(g.content_x, g.head_top), b(g.content_x + ui.px(check_w), g.rows_top);
        if (visible_part(a, b, c0, c1)) {
            ImGui::SetCursorScreenPos(a);
            if (ImGui::InvisibleButton("##list.check_all", ImVec2(b.x - a.x, b.y - a.y))) list.toggle_all();
            const bool hv = ImGui::IsItemHovered();
            if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            const auto state = list.header_check();
            check_box(ui, dl, ImVec2(g.content_x + ui.px(check_w) * 0.5f, g.head_top + h * 0.5f), state, hv);
            ui.record("list.check_all", app.tr("list.select_all"), "checkbox", a, b,
                      state == HeaderCheck::all ? "all" : state == HeaderCheck::some ? "some" : "");
        }
    }
    const auto& q = list.query();
    const float fs = ui.px(13);
    ImFont* f = ui.fonts.strong;
    float x = g.content_x + ui.px(check_w);
    for (std::size_t i = 0; i < col_count; ++i) {
        const ColumnDef& def = columns()[i];
        const float w = g.width[i];
        const std::string label = app.tr(def.label);
        const bool sorted = def.sort && q.sort_field == def.sort;
        const std::string id = std::string("list.head.") + def.id;
        ImVec2 a(x, g.head_top), b(x + w - ui.px(4), g.rows_top);
        if (visible_part(a, b, c0, c1)) {
            ImGui::SetCursorScreenPos(a);
            bool hv = false;
            if (def.sort) {
                if (ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(b.x - a.x, b.y - a.y))) list.sort_by(def.sort);
                hv = ImGui::IsItemHovered();
                if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            }
            const ImU32 fg = sorted ? color::primary : hv ? color::text : color::text_secondary;
            const float arrow_w = def.sort ? ui.px(16) : 0;
            const std::string shown = clip(f, fs, label, w - ui.px(24) - arrow_w);
            const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str());
            float tx = def.right ? x + w - ui.px(12) - ts.x - arrow_w : x + ui.px(12);
            const float ty = std::floor(g.head_top + (h - ts.y) * 0.5f);
            dl->PushClipRect(a, b, true);
            dl->AddText(f, fs, ImVec2(std::floor(tx), ty), fg, shown.c_str());
            // The sort arrow: up = ascending, down = descending; a faint one on hover for sortable columns.
            if (sorted || hv) {
                const ImVec2 ac(tx + ts.x + ui.px(9), g.head_top + h * 0.5f);
                const float s = ui.px(4);
                const ImU32 col = sorted ? color::primary : color::text_muted;
                if (sorted && q.sort_desc)
                    dl->AddTriangleFilled(ImVec2(ac.x - s, ac.y - s * 0.5f), ImVec2(ac.x + s, ac.y - s * 0.5f),
                                          ImVec2(ac.x, ac.y + s * 0.7f), col);
                else
                    dl->AddTriangleFilled(ImVec2(ac.x - s, ac.y + s * 0.5f), ImVec2(ac.x + s, ac.y + s * 0.5f),
                                          ImVec2(ac.x, ac.y - s * 0.7f), col);
            }
            dl->PopClipRect();
            ui.record(id, label, "button", a, b, sorted ? (q.sort_desc ? "desc" : "asc") : "");
        }
        // The column's right edge: drag to resize.
        ImVec2 ra(x + w - ui.px(4), g.head_top), rb(x + w + ui.px(4), g.rows_top);
        if (visible_part(ra, rb, c0, c1)) {
            ImGui::SetCursorScreenPos(ra);
            const std::string rid = std::string("list.resize.") + def.id;
            ImGui::InvisibleButton(("##" + rid).c_str(), ImVec2(rb.x - ra.x, rb.y - ra.y));
            const bool active = ImGui::IsItemActive();
            if (ImGui::IsItemHovered() || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
            if (active && io.MouseDelta.x != 0) {
                float& stored = vs.widths[i];
                if (stored <= 0) stored = def.width;
                stored = std::max(min_col_w, stored + io.MouseDelta.x / ui.dpr);
            }
            const float lx = x + w - ui.px(0.5f);
            dl->AddLine(ImVec2(lx, g.head_top + ui.px(12)), ImVec2(lx, g.rows_top - ui.px(12)),
                        active || ImGui::IsItemHovered() ? color::primary : color::border, ui.px(active ? 2 : 1));
            ui.record(rid, label, "handle", ra, rb);
        }
        x += w;
    }
}

// A scrollbar along [t0, t1] (vertical when `vertical`) at `across` for a view of `view` of `content`;
// updates `scroll`. Returns nothing: the offset is the state.
void scrollbar(Ui& ui, ImDrawList* dl, const char* id, bool vertical, float t0, float t1, float across, float view,
               float content, float& scroll) {
    if (content <= view) return;
    auto& vs = view_state();
    const float track = t1 - t0;
    const float thumb = std::max(ui.px(32), track * view / content);
    const float max_scroll = content - view;
    const float pos = t0 + (track - thumb) * (scroll / max_scroll);
    const float th = ui.px(10);
    const ImVec2 a = vertical ? ImVec2(across, t0) : ImVec2(t0, across);
    const ImVec2 size = vertical ? ImVec2(th, track) : ImVec2(track, th);
    ImGui::SetCursorScreenPos(a);
    ImGui::InvisibleButton(id, size);
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float mouse = vertical ? m.y : m.x;
    if (ImGui::IsItemActivated()) vs.thumb_grab = (mouse >= pos && mouse <= pos + thumb) ? mouse - pos : thumb * 0.5f;
    const bool active = ImGui::IsItemActive();
    if (active) {
        const float np = std::clamp(mouse - vs.thumb_grab, t0, t1 - thumb);
        scroll = (np - t0) / std::max(1.0f, track - thumb) * max_scroll;
    }
    const bool hv = ImGui::IsItemHovered() || active;
    const float w = hv ? ui.px(8) : ui.px(6);
    const float off = (th - w) * 0.5f;
    const ImVec2 p0 = vertical ? ImVec2(across + off, pos) : ImVec2(pos, across + off);
    const ImVec2 p1 = vertical ? ImVec2(across + off + w, pos + thumb) : ImVec2(pos + thumb, across + off + w);
    dl->AddRectFilled(p0, p1, active ? color::text_muted : hv ? color::border_hover : color::border_strong, w * 0.5f);
}

// A row not loaded yet: a placeholder that the next page replaces.
void skeleton_row(Ui& ui, ImDrawList* dl, const Geometry& g, float y, float rh) {
    float x = g.content_x + ui.px(check_w);
    for (std::size_t k = 0; k < col_count; ++k) {
        const float bw = std::min(g.width[k] - ui.px(24), ui.px(k == 0 ? 160 : 80));
        dl->AddRectFilled(ImVec2(x + ui.px(12), y + rh * 0.5f - ui.px(5)), ImVec2(x + ui.px(12) + bw, y + rh * 0.5f + ui.px(5)),
                          skeleton, ui.px(5));
        x += g.width[k];
    }
    dl->AddLine(ImVec2(g.x0, y + rh - ui.px(1)), ImVec2(g.x1, y + rh - ui.px(1)), color::border, ui.px(1));
}

// One lead's row (flat or in a group): its checkbox (`on_check(shift)`), the rest opens the lead; `stripe` picks
// the zebra colour.
template <class OnCheck>
void draw_row(AppState& app, Ui& ui, ImDrawList* dl, const Geometry& g, ImVec2 c0, ImVec2 c1, const ListRow& r, float y,
              float rh, std::size_t stripe, bool focused, OnCheck&& on_check) {
    auto& list = app.list();
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 rmin(g.content_x, y), rmax(g.content_x + g.content_w, y + rh);
    const bool sel = list.selected(r.id);
    const bool failed = list.failed_ids().count(r.id) > 0;
    const std::string rid = std::to_string(r.id);

    // The checkbox cell, then the rest of the row (opens the lead).
    ImVec2 ca(rmin.x, rmin.y), cb(rmin.x + ui.px(check_w), rmax.y);
    bool check_hv = false;
    if (visible_part(ca, cb, c0, c1)) {
        ImGui::SetCursorScreenPos(ca);
        if (ImGui::InvisibleButton(("##list.check." + rid).c_str(), ImVec2(cb.x - ca.x, cb.y - ca.y))) on_check(io.KeyShift);
        check_hv = ImGui::IsItemHovered();
        if (check_hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    ImVec2 ra(rmin.x + ui.px(check_w), rmin.y), rb = rmax;
    bool row_hv = false;
    if (visible_part(ra, rb, c0, c1)) {
        ImGui::SetCursorScreenPos(ra);
        if (ImGui::InvisibleButton(("##list.row." + rid).c_str(), ImVec2(rb.x - ra.x, rb.y - ra.y)))
            app.navigate(Route::lead(r.id));
        row_hv = ImGui::IsItemHovered();
        if (row_hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    const ImU32 bg = failed ? color::danger_soft : sel ? row_selected : (row_hv || check_hv) ? row_hover : (stripe % 2 ? zebra : 0);
    if (bg) dl->AddRectFilled(ImVec2(g.x0, y), ImVec2(g.x1, y + rh), bg);
    if (sel || failed) dl->AddRectFilled(ImVec2(g.x0, y), ImVec2(g.x0 + ui.px(3), y + rh), failed ? color::danger : color::primary);
    dl->AddLine(ImVec2(g.x0, y + rh - ui.px(1)), ImVec2(g.x1, y + rh - ui.px(1)), color::border, ui.px(1));
    check_box(ui, dl, ImVec2(rmin.x + ui.px(check_w) * 0.5f, y + rh * 0.5f), sel ? HeaderCheck::all : HeaderCheck::none,
              check_hv);
    draw_cells(app, ui, dl, g, r, y, rh);
    if (focused) {
        dl->AddRect(ImVec2(g.x0 + ui.px(1), y + ui.px(1)), ImVec2(g.x1 - ui.px(1), y + rh - ui.px(1)), color::primary,
                    ui.px(4), 0, ui.px(2));
        ui.record("list.focused", r.name, "focus", ra, rb, rid);
    }
    if (cb.x > ca.x) ui.record("list.check." + rid, app.tr("list.select_row", {{"name", r.name}}), "checkbox", ca, cb, sel ? "on" : "");
    if (rb.x > ra.x) ui.record("list.row." + rid, r.name, "row", ra, rb, sel ? "selected" : "");
}

// The grouped list's keys: Up/Down through headers, rows and "show more" lines; Enter opens a row or toggles a
// group (shows more on its last line); Right expands, Left collapses (from a row too, landing on its header; on a
// folded second-level header, its parent).
void group_keys(AppState& app, float rh, float view_h) {
    auto& list = app.list();
    auto& vs = view_state();
    auto& kb = app.keyboard();
    const int lines = static_cast<int>(list.line_count());
    const int delta = kb.take("row.down") ? 1 : kb.take("row.up") ? -1 : 0;
    if (delta != 0) vs.focused = client::move_focus(vs.focused, delta, lines);
    const bool open = kb.take("row.open"), toggle = kb.take("row.toggle");
    const bool expand = kb.take("row.expand"), collapse = kb.take("row.collapse");
    if (vs.focused >= 0 && vs.focused < lines) {
        const client::GroupLine line = list.line_at(static_cast<std::size_t>(vs.focused));
        using K = client::GroupLineKind;
        const client::ListGroup* g = list.group_at(line.group, line.sub);
        if (open && g) {
            if (line.kind == K::header) list.toggle_group(line.group, line.sub);
            else if (line.kind == K::row) app.navigate(Route::lead(g->rows[line.row].id));
            else if (line.kind == K::more) list.load_more(line.group, line.sub);
        }
        if (toggle && line.kind == K::row) list.click_check_in_group(line.group, line.sub, line.row, false);
        if (expand && line.kind == K::header) list.expand(line.group, line.sub);
        if (collapse) vs.focused = static_cast<int>(list.collapse_from(line));
    }
    if (delta != 0 || collapse) {
        const float fy = static_cast<float>(std::max(0, vs.focused)) * rh;
        if (fy < vs.scroll_y) vs.scroll_y = fy;
        else if (fy + rh > vs.scroll_y + view_h) vs.scroll_y = fy + rh - view_h;
    }
}

}  // namespace

void draw_table(AppState& app, Ui& ui, float x0, float x1, float top, float bottom) {
    auto& list = app.list();
    auto& vs = view_state();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // A short list ends where its rows end.
    // Grouped: the same virtual table over lines (group headers, their rows, "show more").
    const bool grouped = list.grouped();
    const std::size_t n = grouped ? list.line_count() : static_cast<std::size_t>(std::max<std::int64_t>(0, list.total()));
    {
        const float all_rows = static_cast<float>(n) * ui.px(row_h);
        bottom = std::min(bottom, top + ui.px(table_head_h) + all_rows + ui.px(18));
    }
    card_background(ui, dl, ImVec2(x0, top), ImVec2(x1, bottom), ui.px(12));

    Geometry g{};
    g.x0 = x0 + ui.px(1);
    g.x1 = x1 - ui.px(1);
    g.head_top = top;
    g.rows_top = top + ui.px(table_head_h);
    float content_w = ui.px(check_w);
    for (std::size_t i = 0; i < col_count; ++i) content_w += g.width[i] = column_width(ui, i);
    const float scrollbar_room = ui.px(12);
    const float avail_w = g.x1 - g.x0 - scrollbar_room;
    // Wide screens: the name column takes the room left.
    if (content_w < avail_w) {
        g.width[0] += avail_w - content_w;
        content_w = avail_w;
    }
    g.content_w = content_w;
    const float max_scroll_x = std::max(0.0f, content_w - avail_w);
    g.rows_bottom = bottom - ui.px(max_scroll_x > 0 ? 14 : 4);
    const float rh = ui.px(row_h);
    const float view_h = g.rows_bottom - g.rows_top;
    const float content_h = static_cast<float>(n) * rh;
    const float max_scroll_y = std::max(0.0f, content_h - view_h);

    // Wheel over the table: rows up and down; Shift (or a sideways wheel) scrolls the columns.
    const bool over = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && io.MousePos.x >= x0 && io.MousePos.x < x1 && io.MousePos.y >= top &&
                      io.MousePos.y < bottom;
    if (over) {
        if (io.KeyShift && io.MouseWheel != 0) vs.scroll_x -= io.MouseWheel * ui.px(120);
        else vs.scroll_y -= io.MouseWheel * rh * 3;
        vs.scroll_x -= io.MouseWheelH * ui.px(120);
    }
    // The keyboard's row: Up/Down (j/k) move it into view, Enter opens it, Space ticks it (keyboard.cpp posts these).
    if (grouped) group_keys(app, rh, view_h);
    else {
        auto& kb = app.keyboard();
        const int loaded = static_cast<int>(list.rows().size());
        const int delta = kb.take("row.down") ? 1 : kb.take("row.up") ? -1 : 0;
        if (delta != 0) {
            vs.focused = client::move_focus(vs.focused, delta, loaded);
            const float fy = static_cast<float>(std::max(0, vs.focused)) * rh;
            if (fy < vs.scroll_y) vs.scroll_y = fy;
            else if (fy + rh > vs.scroll_y + view_h) vs.scroll_y = fy + rh - view_h;
        }
        const bool on_row = vs.focused >= 0 && vs.focused < loaded;
        if (kb.take("row.open") && on_row) app.navigate(Route::lead(list.rows()[static_cast<size_t>(vs.focused)].id));
        if (kb.take("row.toggle") && on_row) list.click_check(static_cast<size_t>(vs.focused), false);
    }
    vs.scroll_y = std::clamp(vs.scroll_y, 0.0f, max_scroll_y);
    vs.scroll_x = std::clamp(vs.scroll_x, 0.0f, max_scroll_x);
    g.content_x = g.x0 - vs.scroll_x;

    // Only the rows in the viewport.
    const std::size_t first = static_cast<std::size_t>(vs.scroll_y / rh);
    const std::size_t last = n == 0 ? 0 : std::min(n - 1, static_cast<std::size_t>((vs.scroll_y + view_h) / rh));
    if (n > 0 && !grouped) list.want_rows(last + 1);

    const ImVec2 c0(g.x0, g.rows_top), c1(g.x1 - scrollbar_room, g.rows_bottom);
    ImGui::PushClipRect(c0, c1, true);
    const auto& rows = list.rows();
    // The revenue column's left edge, for the groups' sums.
    float revenue_x = g.content_x + ui.px(check_w), revenue_w = 0;
    for (std::size_t k = 0; k < col_count; ++k) {
        if (columns()[k].col == Col::revenue) {
            revenue_w = g.width[k];
            break;
        }
        revenue_x += g.width[k];
    }
    for (std::size_t i = first; n > 0 && i <= last; ++i) {
        const float y = g.rows_top + static_cast<float>(i) * rh - vs.scroll_y;
        const bool focused = static_cast<int>(i) == vs.focused;
        if (grouped) {
            const client::GroupLine line = list.line_at(i);
            const ImVec2 lmin(g.x0, y), lmax(g.x1 - scrollbar_room, y + rh);
            switch (line.kind) {
                case client::GroupLineKind::header:
                    draw_group_header(app, ui, dl, line.group, line.sub, lmin, lmax, c0, c1, revenue_x, revenue_w, focused);
                    break;
                case client::GroupLineKind::more:
                    draw_group_more(app, ui, dl, line.group, line.sub, lmin, lmax, c0, c1, focused);
                    break;
                case client::GroupLineKind::pending: skeleton_row(ui, dl, g, y, rh); break;
                case client::GroupLineKind::row: {
                    const std::size_t gi = line.group, si = line.sub, ri = line.row;
                    const client::ListGroup& grp = *list.group_at(gi, si);
                    // A lead with two tags is a row of two tag groups: the group keeps its widgets apart.
                    ImGui::PushID(grp.id.c_str());
                    draw_row(app, ui, dl, g, c0, c1, grp.rows[ri], y, rh, ri, focused,
                             [&list, gi, si, ri](bool shift) { list.click_check_in_group(gi, si, ri, shift); });
                    ImGui::PopID();
                    break;
                }
            }
            continue;
        }
        if (i >= rows.size()) {
            skeleton_row(ui, dl, g, y, rh);
            continue;
        }
        draw_row(app, ui, dl, g, c0, c1, rows[i], y, rh, i, focused, [&list, i](bool shift) { list.click_check(i, shift); });
    }
    ImGui::PopClipRect();

    draw_header(app, ui, dl, g);
    scrollbar(ui, dl, "##list.vscroll", true, g.rows_top + ui.px(4), g.rows_bottom - ui.px(4), g.x1 - ui.px(11), view_h,
              content_h, vs.scroll_y);
    scrollbar(ui, dl, "##list.hscroll", false, g.x0 + ui.px(8), g.x1 - scrollbar_room, bottom - ui.px(12), avail_w,
              content_w, vs.scroll_x);
}

// The table's pieces for other lists (the contacts list draws its own rows with them).
std::string clip_text(ImFont* f, float size, std::string_view s, float width) { return clip(f, size, s, width); }
void table_cell_text(Ui& ui, ImDrawList* dl, ImFont* f, ImVec2 min, float w, float h, std::string_view s, ImU32 col,
                     bool right) {
    cell_text(ui, dl, f, min, w, h, s, col, right);
}
void table_scrollbar(Ui& ui, ImDrawList* dl, const char* id, bool vertical, float t0, float t1, float across, float view,
                     float content, float& scroll) {
    scrollbar(ui, dl, id, vertical, t0, t1, across, view, content, scroll);
}

}  // namespace tumen::app::list
