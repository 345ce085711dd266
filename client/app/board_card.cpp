// A board card: title, company, tags in their colours, priority stars (clickable), expected revenue, the
// salesperson's initials, a won/lost ribbon and the rotting flag.
#include <algorithm>
#include <cmath>
#include <ctime>

#include "activity_view.hpp"
#include "board_view.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "tumen/scoring_rules.hpp"
#include "views.hpp"

namespace tumen::app::board {

using client::AppState;

namespace {

const ImU32& star_on = color::star_on;
const ImU32& star_off = color::star_off;
const ImU32& won_green = color::success;

// A five-pointed star as a fan of triangles from its centre (the outline is not convex).
void star(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
    ImVec2 pts[10];
    for (int i = 0; i < 10; ++i) {
        const float a = -1.5707963f + static_cast<float>(i) * 0.6283185f;
        const float rr = i % 2 == 0 ? r : r * 0.45f;
        pts[i] = ImVec2(c.x + std::cos(a) * rr, c.y + std::sin(a) * rr);
    }
    for (int i = 0; i < 10; ++i) dl->AddTriangleFilled(c, pts[i], pts[(i + 1) % 10], col);
}

// A diagonal band across the top-right corner with `label` on it.
void ribbon(Ui& ui, ImDrawList* dl, ImVec2 card_min, ImVec2 card_max, const std::string& label, ImU32 col) {
    const ImVec2 corner(card_max.x, card_min.y);
    dl->PushClipRect(card_min, card_max, true);
    // The band lies between the lines (corner.x - x) + (y - corner.y) = d1 and = d2.
    const float d1 = ui.px(18), d2 = d1 + ui.px(17) * 1.4142f;
    dl->AddQuadFilled(ImVec2(corner.x - d2, corner.y), ImVec2(corner.x - d1, corner.y), ImVec2(corner.x, corner.y + d1),
                      ImVec2(corner.x, corner.y + d2), col);
    ImFont* f = ui.fonts.strong;
    const float fs = std::round(ui.px(10));
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
    // The band's centre line meets the corner's bisector at (d1 + d2) / 4 from the corner along each edge.
    const float m = (d1 + d2) * 0.25f;
    const ImVec2 centre(corner.x - m, corner.y + m);
    const int start = dl->VtxBuffer.Size;
    dl->AddText(f, fs, ImVec2(centre.x - ts.x * 0.5f, centre.y - ts.y * 0.5f), color::on_primary, label.c_str());
    rotate_since(dl, start, 0.7853982f, centre);
    dl->PopClipRect();
}

}  // namespace

bool draw_card(AppState& app, Ui& ui, ImDrawList* dl, const Lead& card, ImVec2 min, ImVec2 max, bool ghost) {
    auto& board = app.board();
    const float w = max.x - min.x;
    const float pad = ui.px(12);
    const bool hovered = !ghost && !view_state().drag.active && ImGui::IsMouseHoveringRect(min, max) &&
                         ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    const std::string cid = "card." + std::to_string(card.id);
    const WonStatus status = board.won_status(card);
    const bool rotting = board.rotting(card, static_cast<Timestamp>(std::time(nullptr)));

    // surface
    if (ghost) {
        for (int i = 6; i >= 1; --i) {
            const float s = ui.px(static_cast<float>(i) * 2.0f);
            dl->AddRectFilled(ImVec2(min.x - s * 0.5f, min.y + s * 0.5f), ImVec2(max.x + s * 0.5f, max.y + s * 1.5f),
                              with_alpha(color::shadow, 5), ui.px(10) + s);
        }
    } else {
        dl->AddRectFilled(ImVec2(min.x, min.y + ui.px(1)), ImVec2(max.x, max.y + ui.px(hovered ? 3 : 1)),
                          with_alpha(color::shadow, hovered ? 0x18 : 0x0C), ui.px(10));
    }
    dl->AddRectFilled(min, max, color::surface, ui.px(10));
    dl->AddRect(min, max, ghost ? color::primary : hovered ? color::border_hover : color::border, ui.px(10), 0,
                ui.px(ghost ? 1.5f : 1));

    const bool has_ribbon = status != WonStatus::pending;
    const float text_w = w - 2 * pad - (has_ribbon ? ui.px(34) : 0);
    // title and company
    ImFont* tf = ui.fonts.strong;
    const std::string title = fit_text(tf, card.name, text_w);
    dl->AddText(tf, tf->FontSize, ImVec2(min.x + pad, min.y + ui.px(11)), color::text, title.c_str());
    // The rule-based score as a small badge at the end of the company line ("+30", "−10"; nothing at 0).
    float score_w = 0;
    if (card.score != 0) {
        const std::string sc = (card.score > 0 ? "+" : "\u2212") + std::to_string(card.score > 0 ? card.score : -card.score);
        ImFont* f = ui.fonts.small;
        const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, sc.c_str());
        const ImVec2 b1(min.x + pad + text_w, min.y + ui.px(32) + ts.y + ui.px(2));
        const ImVec2 b0(b1.x - ts.x - ui.px(12), min.y + ui.px(32) - ui.px(2));
        const bool neg = card.score < 0;
        dl->AddRectFilled(b0, b1, neg ? color::danger_soft : color::primary_soft, (b1.y - b0.y) * 0.5f);
        dl->AddText(f, f->FontSize, ImVec2(b0.x + ui.px(6), min.y + ui.px(32)), neg ? color::danger_text : color::primary_active,
                    sc.c_str());
        score_w = b1.x - b0.x + ui.px(6);
        if (!ghost) {
            const std::string why = card.score_explanation.empty() ? app.tr("lead.field.score")
                                                                   : scoring::explanation_text(card.score_explanation);
            ui.record(cid + ".score", why, "text", b0, b1, std::to_string(card.score));
            if (hovered && ImGui::IsMouseHoveringRect(b0, b1)) ImGui::SetTooltip("%s", why.c_str());
        }
    }
    const std::string& company = card.partner_name.empty() ? card.contact_name : card.partner_name;
    if (!company.empty()) {
        const std::string c = fit_text(ui.fonts.small, company, text_w - score_w);
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(min.x + pad, min.y + ui.px(33)), color::text_secondary,
                    c.c_str());
    }
    // tags
    {
        float x = min.x + pad;
        const float y = min.y + ui.px(55), th = ui.px(20), right = max.x - pad;
        ImFont* f = ui.fonts.small;
        const float fs = std::round(ui.px(12));
        for (size_t i = 0; i < card.tag_ids.size(); ++i) {
            const Tag* t = board.tag(card.tag_ids[i]);
            if (!t) continue;
            const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, t->name.c_str());
            const float tw = ts.x + ui.px(14);
            const size_t left = card.tag_ids.size() - i - 1;
            if (x + tw > right - (left ? ui.px(30) : 0)) {
                const std::string more = "+" + std::to_string(card.tag_ids.size() - i);
                dl->AddText(f, fs, ImVec2(x + ui.px(2), y + std::floor((th - ts.y) * 0.5f)), color::text_muted, more.c_str());
                break;
            }
            dl->AddRectFilled(ImVec2(x, y), ImVec2(x + tw, y + th), tag_background(t->color), th * 0.5f);
            dl->AddText(f, fs, ImVec2(x + ui.px(7), y + std::floor((th - ts.y) * 0.5f)), tag_foreground(t->color),
                        t->name.c_str());
            x += tw + ui.px(4);
        }
    }
    // bottom row: stars, revenue, salesperson
    const float by = min.y + ui.px(92);
    bool star_clicked = false;
    const float sr = ui.px(7.5f), step = ui.px(19);
    for (int i = 1; i <= max_priority; ++i) {
        const ImVec2 c(min.x + pad + sr + static_cast<float>(i - 1) * step, by);
        bool hv = false;
        if (!ghost) {
            const std::string sid = cid + ".star." + std::to_string(i);
            ImGui::SetCursorScreenPos(ImVec2(c.x - step * 0.5f, c.y - step * 0.5f));
            if (ImGui::InvisibleButton(("##" + sid).c_str(), ImVec2(step, step))) {
                board.set_priority(card.id, card.priority == i ? i - 1 : i);
                star_clicked = true;
            }
            hv = ImGui::IsItemHovered();
            if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ui.record(sid, app.tr("board.priority", {{"n", std::to_string(i)}}), "button",
                      ImVec2(c.x - step * 0.5f, c.y - step * 0.5f), ImVec2(c.x + step * 0.5f, c.y + step * 0.5f),
                      card.priority >= i ? "on" : "");
        }
        star(dl, c, sr, card.priority >= i ? star_on : hv ? color::star_hover : star_off);
    }
    float rx = min.x + pad + 3 * step + ui.px(6);
    if (card.expected_revenue.amount != 0) {
        const std::string rev = client::money_text(card.expected_revenue, app.language());
        // Room for the avatar and the activity mark after it.
        const std::string rf = fit_text(ui.fonts.strong, rev, max.x - pad - ui.px(board.card_activity(card.id) ? 54 : 30) - rx);
        dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(rx, std::floor(by - ui.fonts.strong->FontSize * 0.5f)),
                    color::text, rf.c_str());
    }
    const float ar = ui.px(12);
    const ImVec2 ac(max.x - pad - ar, by);
    if (card.user_id) {
        avatar(ui, dl, ac, ar, *card.user_id, board.user_name(*card.user_id));
    } else {
        dl->AddCircle(ac, ar - ui.px(0.5f), color::border_strong, 24, ui.px(1));
    }
    float left_of_avatar = ac.x - ar - ui.px(12);
    // The next activity (a clock in its state's colour), or the "no next step" mark on an open lead (issue 6).
    if (const client::CardActivity* act = board.card_activity(card.id);
        act && (!act->state.empty() || (act->no_next_step && status == WonStatus::pending && card.active))) {
        const ImVec2 kc(left_of_avatar, by);
        const float kr = ui.px(8);
        const bool planned = !act->state.empty();
        const ImU32 hands = planned ? color::on_primary : color::text_muted;
        if (planned) dl->AddCircleFilled(kc, kr, activity_state_color(act->state), 20);
        else dl->AddCircle(kc, kr - ui.px(0.5f), color::text_muted, 20, ui.px(1.2f));
        dl->AddLine(kc, ImVec2(kc.x, kc.y - kr * 0.6f), hands, ui.px(1.4f));
        dl->AddLine(kc, ImVec2(kc.x + kr * 0.45f, kc.y), hands, ui.px(1.4f));
        if (!ghost) {
            const std::string label = planned ? (act->summary.empty() ? act->state : act->summary) : app.tr("board.no_next_step");
            ui.record(cid + (planned ? ".activity" : ".no_next_step"), label, "icon", ImVec2(kc.x - kr, kc.y - kr),
                      ImVec2(kc.x + kr, kc.y + kr), planned ? act->state : "none");
            if (ImGui::IsMouseHoveringRect(ImVec2(kc.x - kr, kc.y - kr), ImVec2(kc.x + kr, kc.y + kr)) &&
                !view_state().drag.active)
                ImGui::SetTooltip("%s", label.c_str());
        }
        left_of_avatar -= ui.px(22);
    }
    if (rotting) {
        const ImVec2 rc(left_of_avatar, by);
        dl->AddCircleFilled(rc, ui.px(7), color::danger, 16);
        ImFont* f = ui.fonts.strong;
        const float fs = std::round(ui.px(11));
        const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, "!");
        dl->AddText(f, fs, ImVec2(std::floor(rc.x - ts.x * 0.5f), std::floor(rc.y - ts.y * 0.5f)), color::on_primary, "!");
        if (!ghost)
            ui.record(cid + ".rotting", app.tr("board.rotting"), "text", ImVec2(rc.x - ui.px(7), rc.y - ui.px(7)),
                      ImVec2(rc.x + ui.px(7), rc.y + ui.px(7)));
    }
    if (has_ribbon) {
        const std::string label = app.tr(status == WonStatus::won ? "board.won" : "board.lost");
        ribbon(ui, dl, min, max, label, status == WonStatus::won ? won_green : color::danger);
        if (!ghost) ui.record(cid + ".ribbon", label, "text", ImVec2(max.x - ui.px(40), min.y), ImVec2(max.x, min.y + ui.px(40)));
    }
    return star_clicked;
}

}  // namespace tumen::app::board
