// The grouped leads list's pieces (issue 5): the "Group by ▾" menu beside Favourites, a group's header line
// (chevron, name, count, weighted sum; the expected revenue under its column) and the "show more" line at the end
// of an expanded group. The virtual table (list_table.cpp) places them; the state is client/state/lead_list_groups.
#include <algorithm>
#include <cmath>

#include "list_view.hpp"
#include "search_extras.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app::list {

namespace {

using client::AppState;
using client::LeadListQuery;

std::string group_by_label(AppState& app, const std::string& key) {
    return app.tr("list.group_by." + (key.empty() ? std::string("none") : key));
}

// The chip: "Group by: Stage > Salesperson".
std::string group_chip_label(AppState& app, const LeadListQuery& q) {
    std::string label = app.tr("list.group_by");
    if (!q.group.empty()) label += ": " + group_by_label(app, q.group);
    if (!q.subgroup.empty()) label += " > " + group_by_label(app, q.subgroup);  // (no "›" glyph in the font atlas)
    return label;
}

// Several currencies: "₮1,500,000 · $2,000".
std::string sums_text(const std::vector<Money>& sums, i18n::Lang lang) {
    std::string out;
    for (const auto& m : sums) {
        if (m.amount == 0 && sums.size() > 1) continue;
        if (!out.empty()) out += " · ";
        out += client::money_text(m, lang);
    }
    return out;
}

void chevron(ImDrawList* dl, ImVec2 c, float s, bool down, ImU32 col, float thick) {
    if (down) {
        dl->AddLine(ImVec2(c.x - s, c.y - s * 0.5f), ImVec2(c.x, c.y + s * 0.5f), col, thick);
        dl->AddLine(ImVec2(c.x, c.y + s * 0.5f), ImVec2(c.x + s, c.y - s * 0.5f), col, thick);
    } else {
        dl->AddLine(ImVec2(c.x - s * 0.5f, c.y - s), ImVec2(c.x + s * 0.5f, c.y), col, thick);
        dl->AddLine(ImVec2(c.x + s * 0.5f, c.y), ImVec2(c.x - s * 0.5f, c.y + s), col, thick);
    }
}

}  // namespace

float group_menu_width(AppState& app, Ui& ui) { return chip_width(ui, group_chip_label(app, app.list().query()), true); }

void draw_group_menu(AppState& app, Ui& ui, ImVec2 pos) {
    auto& list = app.list();
    const LeadListQuery& now = list.query();
    const std::string& group = now.group;
    const std::string label = group_chip_label(app, now);
    ImGui::SetCursorScreenPos(pos);
    if (chip(ui, "list.group_by", label, !group.empty(), true)) ImGui::OpenPopup("list.group_by.menu");
    ImGui::SetNextWindowPos(ImVec2(pos.x + chip_width(ui, label, true), pos.y + ui.px(36)), ImGuiCond_Always, ImVec2(1, 0));
    push_popup_style(ui);
    if (ImGui::BeginPopup("list.group_by.menu")) {
        const float w = ui.px(260);
        std::optional<std::string> picked;
        if (search::menu_item(ui, "list.group_by.none", group_by_label(app, ""), group.empty(), w)) picked = "";
        // With one key chosen, another nests groups inside its groups (Odoo's order of picks); a chosen one goes.
        if (!group.empty()) search::menu_note(ui, app.tr(now.subgroup.empty() ? "list.group_by.add_level" : "list.group_by.two_levels"), w);
        for (std::string_view key : client::list_group_keys) {
            const std::string k(key);
            std::string item = group_by_label(app, k);
            const int level = k == group ? 1 : k == now.subgroup ? 2 : 0;
            if (level > 0 && !now.subgroup.empty())
                item = app.tr("list.group_by.level", {{"field", item}, {"level", std::to_string(level)}});
            if (search::menu_item(ui, "list.group_by." + k, item, level > 0, w)) picked = k;
        }
        if (picked) {
            LeadListQuery q = now;
            q.pick_group(*picked);
            if (q != now) list.apply(q);
        }
        if (picked || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    pop_popup_style();
}

void draw_group_header(AppState& app, Ui& ui, ImDrawList* dl, std::size_t gi, std::size_t sub, ImVec2 min, ImVec2 max,
                       ImVec2 clip0, ImVec2 clip1, float revenue_x, float revenue_w, bool focused) {
    auto& list = app.list();
    const client::ListGroup& g = *list.group_at(gi, sub);
    // A second-level group: indented under its parent, on the table's own background.
    const bool second = sub != client::no_sub;
    const float indent = second ? ui.px(24) : 0.0f;
    const float h = max.y - min.y;
    const std::string label = list.group_label(g);
    const std::string id = "list.group." + g.id;
    const ImVec2 a(min.x, std::max(min.y, clip0.y)), b(max.x, std::min(max.y, clip1.y));
    bool hv = false;
    if (b.y - a.y >= 1) {
        ImGui::SetCursorScreenPos(a);
        if (ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(b.x - a.x, b.y - a.y))) list.toggle_group(gi, sub);
        hv = ImGui::IsItemHovered();
        if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    dl->AddRectFilled(min, max, hv ? color::row_hover : second ? color::surface : color::table_head);
    if (second) dl->AddRectFilled(ImVec2(min.x, min.y), ImVec2(min.x + indent, max.y), color::table_head);
    dl->AddLine(ImVec2(min.x + indent, max.y - ui.px(1)), ImVec2(max.x, max.y - ui.px(1)), color::border, ui.px(1));
    const float cy = std::floor(min.y + h * 0.5f);
    chevron(dl, ImVec2(min.x + indent + ui.px(22), cy), ui.px(4), g.expanded, color::text_secondary, ui.px(1.8f));
    // Name, count and the weighted sum stay at the left edge however far the columns are scrolled.
    float x = min.x + indent + ui.px(check_w);
    ImFont* f = second ? ui.fonts.body : ui.fonts.strong;
    const float fs = ui.px(14);
    const float name_room = std::max(ui.px(80), revenue_x - x - ui.px(260));
    const std::string shown = clip_text(f, fs, label, name_room);
    dl->AddText(f, fs, ImVec2(x, std::floor(cy - fs * 0.5f - ui.px(1))), color::text, shown.c_str());
    x += f->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str()).x + ui.px(10);
    // The count in a pill.
    const std::string n = std::to_string(g.count);
    ImFont* sf = ui.fonts.small;
    const ImVec2 ns = text_size(sf, n);
    const ImVec2 p(x, std::floor(cy - ns.y * 0.5f - ui.px(3)));
    dl->AddRectFilled(p, ImVec2(p.x + ns.x + ui.px(16), p.y + ns.y + ui.px(6)), color::surface_muted, ui.px(99));
    dl->AddText(sf, sf->FontSize, ImVec2(p.x + ui.px(8), p.y + ui.px(3)), color::text_secondary, n.c_str());
    x = p.x + ns.x + ui.px(16) + ui.px(14);
    const auto lang = app.language();
    // The expected revenue ends where the rows' amounts end (the revenue column's right edge); with several
    // currencies it may reach left over the columns before it, up to the weighted sum.
    const std::string expected = sums_text(g.expected, lang);
    float expected_x = max.x;
    if (!expected.empty()) {
        const float right = revenue_x + revenue_w - ui.px(12);
        const float room = std::max(0.0f, right - x - ui.px(120));
        const std::string es = clip_text(f, fs, expected, room);
        const float ew = f->CalcTextSizeA(fs, FLT_MAX, 0, es.c_str()).x;
        expected_x = right - ew;
        dl->AddText(f, fs, ImVec2(std::floor(expected_x), std::floor(cy - fs * 0.5f - ui.px(1))), color::text, es.c_str());
    }
    const std::string weighted = sums_text(g.weighted, lang);
    if (!weighted.empty()) {
        const std::string wt = app.tr("board.weighted", {{"amount", weighted}});
        const std::string ws = clip_text(sf, sf->FontSize, wt, std::max(0.0f, expected_x - x - ui.px(16)));
        dl->AddText(sf, sf->FontSize, ImVec2(x, std::floor(cy - sf->FontSize * 0.5f)), color::text_muted, ws.c_str());
    }
    if (focused)
        dl->AddRect(ImVec2(min.x + ui.px(1), min.y + ui.px(1)), ImVec2(max.x - ui.px(1), max.y - ui.px(1)), color::primary,
                    ui.px(4), 0, ui.px(2));
    if (b.y - a.y >= 1) {
        ui.record(id, label, "group", a, b, g.expanded ? "expanded" : "collapsed");
        if (focused) ui.record("list.focused", label, "focus", a, b, id);
    }
}

void draw_group_more(AppState& app, Ui& ui, ImDrawList* dl, std::size_t gi, std::size_t sub, ImVec2 min, ImVec2 max,
                     ImVec2 clip0, ImVec2 clip1, bool focused) {
    auto& list = app.list();
    const client::ListGroup& g = *list.group_at(gi, sub);
    const std::int64_t left = std::max<std::int64_t>(0, g.count - static_cast<std::int64_t>(g.rows.size()));
    const std::string label = g.loading ? app.tr("list.loading_row") : app.tr("list.group.more", {{"count", std::to_string(left)}});
    const std::string id = "list.group_more." + g.id;
    const ImVec2 a(min.x, std::max(min.y, clip0.y)), b(max.x, std::min(max.y, clip1.y));
    bool hv = false;
    if (b.y - a.y >= 1) {
        ImGui::SetCursorScreenPos(a);
        if (ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(b.x - a.x, b.y - a.y))) list.load_more(gi, sub);
        hv = ImGui::IsItemHovered() && !g.loading;
        if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    if (hv) dl->AddRectFilled(min, max, color::row_hover);
    dl->AddLine(ImVec2(min.x, max.y - ui.px(1)), ImVec2(max.x, max.y - ui.px(1)), color::border, ui.px(1));
    ImFont* f = ui.fonts.strong;
    const float fs = ui.px(13);
    dl->AddText(f, fs, ImVec2(min.x + ui.px(check_w) + ui.px(12), std::floor(min.y + (max.y - min.y - fs) * 0.5f)),
                g.loading ? color::text_muted : color::primary, label.c_str());
    if (focused)
        dl->AddRect(ImVec2(min.x + ui.px(1), min.y + ui.px(1)), ImVec2(max.x - ui.px(1), max.y - ui.px(1)), color::primary,
                    ui.px(4), 0, ui.px(2));
    if (b.y - a.y >= 1) ui.record(id, label, "more", a, b, g.loading ? "loading" : "");
}

}  // namespace tumen::app::list
