// One board column: header (name, count, sums, WIP warning, quick-add and stage menu, drag to reorder), the
// quick-create box, the cards — only those in view are laid out, so a column of 50,000 costs what a screenful
// costs — and "load more" at its end. Folded stages are narrow strips.
#include <algorithm>
#include <cmath>

#include "activity_view.hpp"
#include "board_view.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "tumen/board_status.hpp"
#include "views.hpp"

namespace tumen::app::board {

using client::AppState;
using client::BoardColumn;

namespace {

const ImU32& column_bg = color::column;
const ImU32& amber = color::amber;
const ImU32& amber_soft = color::amber_soft;

bool icon_button(Ui& ui, const std::string& id, const std::string& label, ImVec2 pos, float size, bool on,
                 void (*glyph)(ImDrawList*, ImVec2, float, ImU32)) {
    ImGui::SetCursorScreenPos(pos);
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(size, size));
    const bool hv = ImGui::IsItemHovered();
    if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size, pos.y + size);
    if (hv || on) dl->AddRectFilled(pos, max, with_alpha(color::text, 0x10), ui.px(6));
    glyph(dl, ImVec2(pos.x + size * 0.5f, pos.y + size * 0.5f), ui.px(1), hv || on ? color::text : color::text_secondary);
    ui.record(id, label, "button", pos, max);
    return clicked;
}

void plus_glyph(ImDrawList* dl, ImVec2 c, float px, ImU32 col) {
    const float r = 6 * px;
    dl->AddLine(ImVec2(c.x - r, c.y), ImVec2(c.x + r, c.y), col, 1.8f * px);
    dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r), col, 1.8f * px);
}

void dots_glyph(ImDrawList* dl, ImVec2 c, float px, ImU32 col) {
    for (int i = -1; i <= 1; ++i) dl->AddCircleFilled(ImVec2(c.x + static_cast<float>(i) * 5 * px, c.y), 1.6f * px, col, 8);
}

void count_pill(Ui& ui, ImDrawList* dl, ImVec2 pos, const std::string& n, WipStatus wip, ImVec2* size_out = nullptr) {
    ImFont* f = ui.fonts.small;
    const ImVec2 ts = text_size(f, n);
    const ImVec2 size(std::max(ts.x + ui.px(14), ui.px(24)), ui.px(22));
    ImU32 bg = with_alpha(color::text, 0x12), fg = color::text_secondary;
    if (wip == WipStatus::at_limit) bg = amber_soft, fg = amber;
    if (wip == WipStatus::over) bg = color::danger_soft, fg = color::danger_text;
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg, size.y * 0.5f);
    dl->AddText(f, f->FontSize, ImVec2(std::floor(pos.x + (size.x - ts.x) * 0.5f), std::floor(pos.y + (size.y - ts.y) * 0.5f)),
                fg, n.c_str());
    if (size_out) *size_out = size;
}

void folded_strip(AppState& app, Ui& ui, const BoardColumn& col, ImVec2 min, ImVec2 max, bool drop_here) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string id = "board.column." + std::to_string(col.stage.id);
    ImGui::SetCursorScreenPos(min);
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(max.x - min.x, max.y - min.y));
    const bool hv = ImGui::IsItemHovered();
    if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddRectFilled(min, max, drop_here ? color::primary_soft : hv ? color::column_hover : column_bg, ui.px(12));
    if (drop_here) dl->AddRect(min, max, color::primary, ui.px(12), 0, ui.px(2));
    const std::string n = std::to_string(col.count);
    const float pw = std::max(text_size(ui.fonts.small, n).x + ui.px(14), ui.px(24));
    count_pill(ui, dl, ImVec2(std::floor((min.x + max.x - pw) * 0.5f), min.y + ui.px(12)), n, wip_status(col.stage, col.count));
    // Name written bottom-to-top, as on a book's spine.
    ImFont* f = ui.fonts.strong;
    const std::string name = fit_text(f, col.stage.name, max.y - min.y - ui.px(80));
    const ImVec2 ts = text_size(f, name);
    const ImVec2 centre(std::floor((min.x + max.x) * 0.5f), std::floor(min.y + ui.px(52) + ts.x * 0.5f));
    const int start = dl->VtxBuffer.Size;
    dl->AddText(f, f->FontSize, ImVec2(std::floor(centre.x - ts.x * 0.5f), std::floor(centre.y - ts.y * 0.5f)), color::text,
                name.c_str());
    rotate_since(dl, start, 1.5707963f, centre);
    ui.record(id, col.stage.name, "column", min, max, std::to_string(col.count));
    if (clicked && !view_state().drag.active) app.board().toggle_fold(col.stage.id);
}

}  // namespace

void draw_column(AppState& app, Ui& ui, const BoardColumn& col, ImVec2 min, ImVec2 max) {
    auto& vs = view_state();
    auto& board = app.board();
    ImGuiIO& io = ImGui::GetIO();
    const std::int64_t sid = col.stage.id;
    vs.slots.push_back({sid, min.x, max.x + ui.px(column_gap)});
    const bool drop_here = vs.drag.active && vs.drag.from_stage != sid && io.MousePos.x >= min.x &&
                           io.MousePos.x < max.x + ui.px(column_gap);
    if (col.folded()) {
        folded_strip(app, ui, col, min, max, drop_here);
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = max.x - min.x;
    const bool being_moved = vs.column_drag.active && vs.column_drag.stage_id == sid;
    dl->AddRectFilled(min, max, drop_here ? with_alpha(color::primary_soft, 0xFF) : column_bg, ui.px(12));
    if (drop_here) dl->AddRect(min, max, with_alpha(color::primary, 0xA0), ui.px(12), 0, ui.px(2));
    if (being_moved) dl->AddRect(min, max, color::primary, ui.px(12), 0, ui.px(2));

    // ---- header ----
    const float hp = ui.px(14);
    const WipStatus wip = wip_status(col.stage, col.count);
    const float btn = ui.px(28);
    const std::string sid_s = std::to_string(sid);
    const float buttons_x = max.x - hp - 2 * btn - ui.px(2);
    if (icon_button(ui, "board.add." + sid_s, app.tr("board.quick_add"), ImVec2(buttons_x, min.y + ui.px(9)), btn,
                    vs.quick_stage == sid, plus_glyph)) {
        vs.quick_stage = vs.quick_stage == sid ? 0 : sid;
        vs.quick_focus = vs.quick_stage == sid;
        vs.scroll[sid] = 0;
    }
    if (icon_button(ui, "board.menu." + sid_s, app.tr("board.stage_menu"), ImVec2(buttons_x + btn + ui.px(2), min.y + ui.px(9)),
                    btn, vs.menu_stage == sid && ImGui::IsPopupOpen("stage_menu"), dots_glyph)) {
        vs.menu_stage = sid;
        ImGui::OpenPopup("stage_menu");
    }
    const float name_x = min.x + hp;
    if (vs.rename_stage == sid) {
        ImGui::SetCursorScreenPos(ImVec2(name_x - ui.px(6), min.y + ui.px(4)));
        const bool enter = field(ui, "board.rename." + sid_s, app.tr("board.stage_name_hint"), vs.rename_text,
                                 buttons_x - name_x, vs.rename_focus, 8);
        vs.rename_focus = false;
        if (enter && !vs.rename_text.empty()) {
            board.rename_stage(sid, vs.rename_text);
            vs.rename_stage = 0;
        } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            vs.rename_stage = 0;
        }
    } else {
        // The header is the handle to drag the column (submitted after its buttons, which keep their clicks).
        ImGui::SetCursorScreenPos(min);
        ImGui::InvisibleButton(("##board.header." + sid_s).c_str(), ImVec2(buttons_x - min.x, ui.px(header_h) - ui.px(8)));
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, ui.px(8)) && !vs.column_drag.active && !vs.drag.active) {
            vs.column_drag.active = true;
            vs.column_drag.stage_id = sid;
            vs.column_drag.grab_x = io.MousePos.x - min.x;
            vs.column_drag.width = w;
        }
        ImFont* nf = ui.fonts.strong;
        const std::string count = std::to_string(col.count);
        const float pill_w = std::max(text_size(ui.fonts.small, count).x + ui.px(14), ui.px(24));
        const std::string name = fit_text(nf, col.stage.name, buttons_x - name_x - pill_w - ui.px(16));
        const float ny = min.y + ui.px(14);
        dl->AddText(nf, nf->FontSize, ImVec2(name_x, ny), color::text, name.c_str());
        const float pill_x = name_x + text_size(nf, name).x + ui.px(8);
        count_pill(ui, dl, ImVec2(pill_x, ny - ui.px(3)), count, wip);
        ui.record("board.column." + sid_s, col.stage.name, "column", min, ImVec2(max.x, min.y + ui.px(header_h)), count);
    }
    // sums
    {
        const float sy = min.y + ui.px(42);
        const client::ColumnTotal t = client::sums_total(col.sums, app.board().rates(), app.board().currency());
        // Several currencies: their total in the company currency, marked as converted ("≈"); without a rate for
        // one of them, the largest sum and how many currencies it leaves out. Hovering lists every sum.
        const std::string amount = client::money_compact(t.expected, app.language());
        const std::string total = t.converted ? app.tr("board.converted", {{"amount", amount}}) : amount;
        dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(name_x, sy), col.sums.empty() ? color::text_muted : color::text,
                    total.c_str());
        const float tw = text_size(ui.fonts.strong, total).x;
        ui.record("board.total." + sid_s, total, "text", ImVec2(name_x, sy), ImVec2(name_x + tw, sy + ui.fonts.strong->FontSize));
        if (col.sums.size() > 1 && ImGui::IsMouseHoveringRect(ImVec2(name_x, sy), ImVec2(name_x + tw, sy + ui.fonts.strong->FontSize))) {
            std::string lines;
            for (const auto& s : col.sums)
                lines += (lines.empty() ? "" : "\n") + client::money_compact({s.expected, s.currency}, app.language());
            ImGui::SetTooltip("%s", lines.c_str());
        }
        if (!col.sums.empty()) {
            // Next to the total: the weighted sum, or the WIP warning when the column is at or over its limit.
            const bool warn = wip == WipStatus::over || wip == WipStatus::at_limit;
            std::string note =
                warn ? app.tr(wip == WipStatus::over ? "board.wip_over" : "board.wip_at",
                              {{"limit", std::to_string(col.stage.wip_limit)}})
                     : app.tr("board.weighted", {{"amount", client::money_compact(t.weighted, app.language())}});
            if (!warn && t.other_currencies > 0)
                note = app.tr("board.other_currencies", {{"count", std::to_string(t.other_currencies)}}) + " · " + note;
            const std::string wf = fit_text(ui.fonts.small, note, max.x - hp - (name_x + tw + ui.px(8)));
            dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(name_x + tw + ui.px(8), sy + ui.px(2)),
                        warn ? (wip == WipStatus::over ? color::danger_text : amber) : color::text_secondary, wf.c_str());
        }
        // A bar: how much of the column's revenue is weighted in; red and labelled when over the WIP limit.
        const float by = min.y + ui.px(68);
        const float bw = w - 2 * hp;
        if (wip == WipStatus::over || wip == WipStatus::at_limit) {
            const std::string warn = app.tr(wip == WipStatus::over ? "board.wip_over" : "board.wip_at",
                                            {{"limit", std::to_string(col.stage.wip_limit)}});
            dl->AddRectFilled(ImVec2(name_x, by), ImVec2(name_x + bw, by + ui.px(4)),
                              wip == WipStatus::over ? color::danger : amber, ui.px(2));
            ui.record("board.wip." + sid_s, warn, "text", ImVec2(name_x, by), ImVec2(name_x + bw, by + ui.px(4)));
        } else if (col.activity_bar && col.activity_bar->total() > 0) {
            // The column's leads by their next activity: overdue, today, planned, none (issue 6).
            const ActivityBar& ab = *col.activity_bar;
            const std::int64_t parts[] = {ab.overdue, ab.today, ab.planned, ab.none};
            const ImU32 colors[] = {activity_state_color("overdue"), activity_state_color("today"),
                                    activity_state_color("planned"), with_alpha(color::text, 0x12)};
            dl->AddRectFilled(ImVec2(name_x, by), ImVec2(name_x + bw, by + ui.px(4)), colors[3], ui.px(2));
            float x = name_x;
            for (int i = 0; i < 3; ++i) {
                const float seg = bw * static_cast<float>(parts[i]) / static_cast<float>(ab.total());
                if (seg > 0) dl->AddRectFilled(ImVec2(x, by), ImVec2(x + seg, by + ui.px(4)), colors[i]);
                x += seg;
            }
            ui.record("board.activity_bar." + sid_s,
                      app.tr("board.activity_bar", {{"overdue", std::to_string(ab.overdue)},
                                                    {"today", std::to_string(ab.today)},
                                                    {"planned", std::to_string(ab.planned)},
                                                    {"none", std::to_string(ab.none)}}),
                      "text", ImVec2(name_x, by - ui.px(3)), ImVec2(name_x + bw, by + ui.px(7)),
                      std::to_string(ab.overdue) + "/" + std::to_string(ab.today) + "/" + std::to_string(ab.planned) +
                          "/" + std::to_string(ab.none));
            if (ImGui::IsMouseHoveringRect(ImVec2(name_x, by - ui.px(4)), ImVec2(name_x + bw, by + ui.px(8))))
                ImGui::SetTooltip("%s", app.tr("board.activity_bar", {{"overdue", std::to_string(ab.overdue)},
                                                                       {"today", std::to_string(ab.today)},
                                                                       {"planned", std::to_string(ab.planned)},
                                                                       {"none", std::to_string(ab.none)}}).c_str());
        } else if (col.count > 0 || !col.cards.empty()) {  // an empty column draws no bar at all
            dl->AddRectFilled(ImVec2(name_x, by), ImVec2(name_x + bw, by + ui.px(4)), with_alpha(color::text, 0x12), ui.px(2));
            if (!col.sums.empty() && col.sums.front().expected > 0) {
                const double ratio = std::clamp(static_cast<double>(col.sums.front().weighted) /
                                                    static_cast<double>(col.sums.front().expected), 0.0, 1.0);
                const ImU32 fill = col.stage.is_won ? color::success : color::primary;
                dl->AddRectFilled(ImVec2(name_x, by), ImVec2(name_x + std::max(ui.px(4), static_cast<float>(bw * ratio)), by + ui.px(4)),
                                  fill, ui.px(2));
            }
        }
    }

    // stage menu (one popup, for the column that opened it)
    if (vs.menu_stage == sid) {
        ImGui::SetNextWindowPos(ImVec2(max.x - hp, min.y + ui.px(40)), ImGuiCond_Always, ImVec2(1, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(6, 6));
        ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, ui.px(10));
        ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, ui.px(1));
        ImGui::PushStyleColor(ImGuiCol_Border, color::border);
        if (ImGui::BeginPopup("stage_menu")) {
            const float mw = ui.px(180);
            auto item = [&](const char* id, const std::string& label, bool danger) {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                const ImVec2 sz(mw, ui.px(34));
                const bool c = ImGui::InvisibleButton((std::string("##") + id).c_str(), sz);
                ImDrawList* pdl = ImGui::GetWindowDrawList();
                if (ImGui::IsItemHovered()) pdl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y),
                                                               danger ? color::danger_soft : color::surface_muted, ui.px(6));
                pdl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                             ImVec2(p.x + ui.px(10), std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)),
                             danger ? color::danger_text : color::text, label.c_str());
                ui.record(id, label, "button", p, ImVec2(p.x + sz.x, p.y + sz.y));
                return c;
            };
            if (item("board.stage_fold", app.tr("board.stage_fold"), false)) {
                board.toggle_fold(sid);
                ImGui::CloseCurrentPopup();
            }
            // Folding is a personal view setting; renaming and deleting change everyone's pipeline (managers only).
            const bool manager = app.session() && app.session()->user.can_manage();
            if (manager && item("board.stage_rename", app.tr("board.stage_rename"), false)) {
                vs.rename_stage = sid;
                vs.rename_text = col.stage.name;
                vs.rename_focus = true;
                ImGui::CloseCurrentPopup();
            }
            if (manager && item("board.stage_delete", app.tr("board.stage_delete"), true)) {
                board.delete_stage(sid);
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndPopup();
        }
        ImGui::PopStyleColor();
        ImGui::PopStyleVar(3);
    }

    // ---- body: quick-create, cards, load more ----
    const ImVec2 body_min(min.x, min.y + ui.px(header_h));
    const ImVec2 body_max(max.x, max.y);
    const float body_h = body_max.y - body_min.y;
    const float inner = ui.px(10);
    const float card_w = w - 2 * inner;
    const float stride = ui.px(card_h) + ui.px(card_gap);
    const bool quick = vs.quick_stage == sid;
    const float quick_space = quick ? ui.px(quick_h) + ui.px(card_gap) : 0;
    const size_t n = col.cards.size();
    const float footer = col.has_more() ? ui.px(footer_h) : (n == 0 && !quick ? ui.px(footer_h) : 0);
    const float content_h = quick_space + static_cast<float>(n) * stride + footer + inner;
    float& scroll = vs.scroll[sid];
    const bool hovered_body = ImGui::IsMouseHoveringRect(body_min, body_max) &&
                              ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (hovered_body && io.MouseWheel != 0 && !io.KeyShift) scroll -= io.MouseWheel * ui.px(100);
    // While a card is dragged over this column near its top or bottom edge, the column scrolls.
    if (vs.drag.active && io.MousePos.x >= min.x && io.MousePos.x < max.x) {
        if (io.MousePos.y > body_max.y - ui.px(40)) scroll += ui.px(10);
        if (io.MousePos.y < body_min.y + ui.px(30) && io.MousePos.y > min.y) scroll -= ui.px(10);
    }
    scroll = std::clamp(scroll, 0.0f, std::max(0.0f, content_h - body_h));

    ImGui::PushClipRect(body_min, body_max, true);
    const float y0 = body_min.y - scroll;
    if (quick) {
        const ImVec2 qmin(min.x + inner, y0), qmax(min.x + inner + card_w, y0 + ui.px(quick_h));
        card_background(ui, dl, qmin, qmax, ui.px(10));
        dl->AddRect(qmin, qmax, with_alpha(color::primary, 0x80), ui.px(10), 0, ui.px(1));
        ImGui::SetCursorScreenPos(ImVec2(qmin.x + ui.px(10), qmin.y + ui.px(10)));
        const bool busy = board.creating(sid);
        const bool enter = field(ui, "board.quick." + sid_s, app.tr("board.quick_hint"), vs.quick_text, card_w - ui.px(20),
                                 vs.quick_focus);
        vs.quick_focus = false;
        ImGui::SetCursorScreenPos(ImVec2(qmin.x + ui.px(10), qmin.y + ui.px(54)));
        const bool add = button(ui, "board.quick_create." + sid_s, app.tr(busy ? "board.creating" : "board.quick_create"),
                                ButtonKind::primary, ImVec2(0, ui.px(32)), !busy && !vs.quick_text.empty());
        ImGui::SameLine(0, ui.px(6));
        if (button(ui, "board.quick_cancel." + sid_s, app.tr("board.cancel"), ButtonKind::ghost, ImVec2(0, ui.px(32))) ||
            (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !busy)) {
            vs.quick_stage = 0;
            vs.quick_text.clear();
        }
        if ((enter || add) && !busy && !vs.quick_text.empty()) {
            board.quick_create(sid, vs.quick_text);
            vs.quick_text.clear();
            vs.quick_focus = true;  // ready for the next one
        }
    }
    // Only the cards in view: index range from the scroll offset (fixed card height).
    const float cards_top = y0 + quick_space;
    const auto first = static_cast<size_t>(std::max(0.0f, std::floor((body_min.y - cards_top) / stride)));
    const auto last = std::min(n, static_cast<size_t>(std::max(0.0f, std::ceil((body_max.y - cards_top) / stride))));
    for (size_t k = first; k < last; ++k) {
        const Lead& card = col.cards[k];
        const ImVec2 cmin(min.x + inner, cards_top + static_cast<float>(k) * stride);
        const ImVec2 cmax(cmin.x + card_w, cmin.y + ui.px(card_h));
        const std::string cid = "card." + std::to_string(card.id);
        if (vs.drag.active && vs.drag.lead_id == card.id) {
            // Its place while it is being dragged.
            dl->AddRectFilled(cmin, cmax, with_alpha(color::primary_soft, 0x90), ui.px(10));
            dl->AddRect(cmin, cmax, with_alpha(color::primary, 0x60), ui.px(10), 0, ui.px(1));
            continue;
        }
        const bool star_click = draw_card(app, ui, dl, card, cmin, cmax, false);
        ImGui::SetCursorScreenPos(cmin);
        const bool clicked = ImGui::InvisibleButton(("##" + cid).c_str(), ImVec2(card_w, ui.px(card_h)));
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemActivated()) vs.press_moved = false;
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, ui.px(6)) && !vs.drag.active) {
            vs.press_moved = true;
            vs.drag.active = true;
            vs.drag.lead_id = card.id;
            vs.drag.from_stage = sid;
            vs.drag.grab = ImVec2(io.MousePos.x - cmin.x, io.MousePos.y - cmin.y);
            vs.drag.width = card_w;
            vs.drag.card = card;
        }
        if (clicked && !star_click && !vs.press_moved) app.navigate(Route::lead(card.id));
        // Recorded as much of it as is in view, so a test clicks what a user can see.
        const ImVec2 rmin(std::max(cmin.x, 0.0f), std::max(cmin.y, body_min.y));
        const ImVec2 rmax(std::min(cmax.x, io.DisplaySize.x), std::min(cmax.y, body_max.y));
        if (rmax.y > rmin.y && rmax.x > rmin.x) ui.record(cid, card.name, "card", rmin, rmax, std::to_string(sid));
    }
    const float end_y = cards_top + static_cast<float>(n) * stride;
    if (col.has_more() && end_y < body_max.y) {
        const std::string label = col.loading_more ? app.tr("board.loading_more")
                                                   : app.tr("board.load_more", {{"count", std::to_string(col.count -
                                                                                 static_cast<std::int64_t>(n))}});
        ImGui::SetCursorScreenPos(ImVec2(min.x + inner, end_y));
        if (button(ui, "board.more." + sid_s, label, ButtonKind::ghost, ImVec2(card_w, ui.px(40)), !col.loading_more))
            board.load_more(sid);
    } else if (n == 0 && !quick && end_y < body_max.y) {
        const std::string empty = app.tr("board.empty_column");
        const ImVec2 ts = text_size(ui.fonts.small, empty);
        const ImVec2 emin(min.x + inner, end_y), emax(min.x + inner + card_w, end_y + ui.px(56));
        dl->AddRect(emin, emax, color::border_strong, ui.px(10), 0, ui.px(1));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                    ImVec2(std::floor(emin.x + (card_w - ts.x) * 0.5f), std::floor(emin.y + (ui.px(56) - ts.y) * 0.5f)),
                    color::text_muted, empty.c_str());
    }
    ImGui::PopClipRect();
    // A slim scroll thumb when the cards do not fit.
    if (content_h > body_h) {
        const float th = std::max(ui.px(32), body_h * body_h / content_h);
        const float ty = body_min.y + (body_h - th) * (scroll / (content_h - body_h));
        dl->AddRectFilled(ImVec2(max.x - ui.px(5), ty), ImVec2(max.x - ui.px(2), ty + th), with_alpha(color::text, 0x30), ui.px(2));
    }
}

}  // namespace tumen::app::board
