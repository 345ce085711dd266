// The leads list page (#/leads): top bar, title with the count and the export menu, the search bar (full text,
// filter chips, stage/salesperson/team picks) or — while rows are ticked — the mass-action bar, the error banner
// or the last action's notice, and the table (list_table.cpp).
#include <algorithm>
#include <cmath>

#include "board_view.hpp"
#include "list_view.hpp"
#include "search_extras.hpp"
#include "theme.hpp"
#include "tumen/text_fold.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::LeadListQuery;
using client::ListStatus;

namespace list {

ViewState& view_state() {
    static ViewState s;
    return s;
}

const std::array<ColumnDef, col_count>& columns() {
    static const std::array<ColumnDef, col_count> c = {{
        // Stage, revenue and probability before the columns a salesperson reads less often: on a 1280 px
        // laptop they are on screen without scrolling sideways (e2e lead_list).
        {Col::name, "name", "list.col.name", "name", 200, false},
        {Col::company, "company", "list.col.company", "partner_name", 150, false},
        {Col::contact, "contact", "list.col.contact", "contact_name", 140, false},
        {Col::email, "email", "list.col.email", nullptr, 180, false},
        {Col::stage, "stage", "list.col.stage", nullptr, 130, false},
        {Col::revenue, "revenue", "list.col.revenue", "expected_revenue", 170, true},
        {Col::probability, "probability", "list.col.probability", "probability", 110, true},
        {Col::user, "user", "list.col.user", nullptr, 150, false},
        {Col::phone, "phone", "list.col.phone", nullptr, 120, false},
        {Col::team, "team", "list.col.team", nullptr, 120, false},
        {Col::priority, "priority", "list.col.priority", "priority", 90, false},
        {Col::created, "created", "list.col.created", "create_date", 110, false},
    }};
    return c;
}

float column_width(Ui& ui, std::size_t i) {
    const float w = view_state().widths[i] > 0 ? view_state().widths[i] : columns()[i].width;
    return ui.px(w);
}

void push_popup_style(Ui& ui) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(6, 6));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, ui.px(10));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, ui.px(1));
    ImGui::PushStyleColor(ImGuiCol_Border, color::border);
}

void pop_popup_style() {
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

float chip_width(Ui& ui, const std::string& label, bool dropdown) {
    return text_size(ui.fonts.small, label).x + ui.px(dropdown ? 40 : 24);
}

bool chip(Ui& ui, std::string_view id, const std::string& label, bool on, bool dropdown) {
    ImFont* f = ui.fonts.small;
    const ImVec2 ts = text_size(f, label);
    const ImVec2 size(chip_width(ui, label, dropdown), ui.px(32));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(("##" + std::string(id)).c_str(), size);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, max, on ? color::primary_soft : hovered ? color::surface_muted : color::surface, size.y * 0.5f);
    dl->AddRect(pos, max, on ? with_alpha(color::primary, 0x80) : color::border_strong, size.y * 0.5f, 0, ui.px(1));
    const ImU32 fg = on ? color::primary : color::text_secondary;
    dl->AddText(f, f->FontSize, ImVec2(std::floor(pos.x + ui.px(12)), std::floor(pos.y + (size.y - ts.y) * 0.5f)), fg,
                label.c_str());
    if (dropdown) chevron_down(dl, ImVec2(max.x - ui.px(17), pos.y + size.y * 0.5f), ui.px(8), fg);
    ui.record(id, label, "toggle", pos, max, on ? "on" : "");
    return clicked;
}

std::optional<std::int64_t> pick_list(AppState& app, Ui& ui, std::string_view id,
                                      const std::vector<client::NamedRef>& items, std::string_view none_label) {
    auto& vs = view_state();
    std::optional<std::int64_t> picked;
    const float w = ui.px(260);
    if (ImGui::IsWindowAppearing()) vs.pick_filter.clear();
    board::field(ui, std::string(id) + ".filter", app.tr("list.pick.filter"), vs.pick_filter, w, ImGui::IsWindowAppearing());
    ImGui::Dummy(ImVec2(0, ui.px(4)));
    const std::string needle = text::fold_key(vs.pick_filter);
    auto entry = [&](std::int64_t item_id, const std::string& name, ImU32 fg) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 sz(w, ui.px(34));
        const std::string wid = std::string(id) + "." + std::to_string(item_id);
        if (ImGui::InvisibleButton(("##" + wid).c_str(), sz)) picked = item_id;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (ImGui::IsItemHovered()) {
            dl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), color::surface_muted, ui.px(6));
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        const std::string shown = fit_text(ui.fonts.body, name, sz.x - ui.px(24));
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                    ImVec2(p.x + ui.px(12), std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)), fg, shown.c_str());
        ui.record(wid, name, "button", p, ImVec2(p.x + sz.x, p.y + sz.y));
    };
    const float list_h = std::min(ui.px(320), ui.px(34) * static_cast<float>(items.size() + (none_label.empty() ? 0 : 1)) + ui.px(4));
    ImGui::BeginChild((std::string(id) + ".items").c_str(), ImVec2(w, list_h), false);
    if (!none_label.empty() && needle.empty()) entry(0, std::string(none_label), color::text_secondary);
    for (const auto& it : items)
        if (needle.empty() || text::fold_key(it.name).find(needle) != std::string::npos) entry(it.id, it.name, color::text);
    ImGui::EndChild();
    if (picked || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    return picked;
}

}  // namespace list

namespace {

using namespace list;

void list_search_icon(ImDrawList* dl, ImVec2 c, float r, ImU32 col, float thick) {
    dl->AddCircle(ImVec2(c.x - r * 0.2f, c.y - r * 0.2f), r * 0.7f, col, 20, thick);
    dl->AddLine(ImVec2(c.x + r * 0.3f, c.y + r * 0.3f), ImVec2(c.x + r, c.y + r), col, thick);
}

std::string count_text(AppState& app, std::int64_t n) {
    return n == 1 ? app.tr("list.count_one") : app.tr("list.count", {{"count", std::to_string(n)}});
}

// Title, count and the export menu.
void list_header(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& list = app.list();
    const float h = ui.px(header_h);
    const std::string title = app.tr("list.title");
    ImFont* tf = ui.fonts.title;
    const ImVec2 ts = text_size(tf, title);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, std::floor(origin.y + (h - ts.y) * 0.5f)));
    text(ui, "list.title", title, tf, color::text);
    if (list.status() == ListStatus::ready) {
        const std::string n = count_text(app, list.total());
        const ImVec2 ns = text_size(ui.fonts.small, n);
        const ImVec2 p(origin.x + ts.x + ui.px(14), std::floor(origin.y + (h - ns.y - ui.px(8)) * 0.5f));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + ns.x + ui.px(20), p.y + ns.y + ui.px(8)), color::surface_muted, ui.px(99));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(p.x + ui.px(10), p.y + ui.px(4)), color::text_secondary,
                    n.c_str());
        ui.record("list.count", n, "text", p, ImVec2(p.x + ns.x + ui.px(20), p.y + ns.y + ui.px(8)));
    }
    // Export menu on the right.
    const std::string label = app.tr(list.exporting() ? "list.working" : "list.export");
    const float bw = text_size(ui.fonts.strong, label).x + ui.px(56);
    const ImVec2 bp(origin.x + width - bw, std::floor(origin.y + (h - ui.px(38)) * 0.5f));
    ImGui::SetCursorScreenPos(bp);
    if (button(ui, "list.export", label, ButtonKind::secondary, ImVec2(bw, ui.px(38)), !list.exporting()))
        ImGui::OpenPopup("list.export_menu");
    // A download arrow before the label.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(bp.x + ui.px(18), bp.y + ui.px(19));
    dl->AddLine(ImVec2(c.x, c.y - ui.px(6)), ImVec2(c.x, c.y + ui.px(3)), color::text_secondary, ui.px(1.6f));
    dl->AddLine(ImVec2(c.x - ui.px(4), c.y - ui.px(1)), ImVec2(c.x, c.y + ui.px(3)), color::text_secondary, ui.px(1.6f));
    dl->AddLine(ImVec2(c.x + ui.px(4), c.y - ui.px(1)), ImVec2(c.x, c.y + ui.px(3)), color::text_secondary, ui.px(1.6f));
    dl->AddLine(ImVec2(c.x - ui.px(6), c.y + ui.px(7)), ImVec2(c.x + ui.px(6), c.y + ui.px(7)), color::text_secondary, ui.px(1.6f));
    // Import left of Export: the CSV import wizard for leads.
    const std::string imp = app.tr("list.import");
    const float iw = text_size(ui.fonts.strong, imp).x + ui.px(32);
    const float ix = bp.x - iw - ui.px(8);
    ImGui::SetCursorScreenPos(ImVec2(ix, bp.y));
    if (button(ui, "list.import", imp, ButtonKind::secondary, ImVec2(iw, ui.px(38)))) client::open_import_wizard(app, "lead");
    // Favourites (issue 5) left of Import: saved searches of the list.
    const float fw = search::favourites_width(app, ui);
    if (auto q = search::draw_favourites(app, ui, "list", list.favourites(), format_list_query(list.query()),
                                         ImVec2(ix - fw - ui.px(12), std::floor(origin.y + (h - ui.px(32)) * 0.5f)))) {
        Route r = Route::leads();
        r.query = *q;
        app.navigate(r);
    }
    // Group by (issue 5) left of Favourites.
    draw_group_menu(app, ui, ImVec2(ix - fw - ui.px(24) - group_menu_width(app, ui), std::floor(origin.y + (h - ui.px(32)) * 0.5f)));
    ImGui::SetNextWindowPos(ImVec2(bp.x + bw, bp.y + ui.px(42)), ImGuiCond_Always, ImVec2(1, 0));
    push_popup_style(ui);
    if (ImGui::BeginPopup("list.export_menu")) {
        for (const char* fmt : {"csv", "xlsx"}) {
            const std::string item = app.tr(std::string("list.export_") + fmt);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImVec2 sz(std::max(ui.px(220), text_size(ui.fonts.body, item).x + ui.px(32)), ui.px(36));
            const std::string id = std::string("list.export.") + fmt;
            if (ImGui::InvisibleButton(("##" + id).c_str(), sz)) {
                list.export_file(fmt);
                ImGui::CloseCurrentPopup();
            }
            ImDrawList* pdl = ImGui::GetWindowDrawList();
            if (ImGui::IsItemHovered()) pdl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), color::surface_muted, ui.px(6));
            pdl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                         ImVec2(p.x + ui.px(12), std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)), color::text,
                         item.c_str());
            ui.record(id, item, "button", p, ImVec2(p.x + sz.x, p.y + sz.y));
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    pop_popup_style();
}

// A chip with a picker: "Stage: New ▾".
void pick_chip(AppState& app, Ui& ui, const char* id, const char* key, std::int64_t value,
               const std::vector<client::NamedRef>& items, search::Flow& flow, std::int64_t LeadListQuery::*member) {
    auto& list = app.list();
    std::string label = app.tr(key);
    if (value > 0) {
        std::string name = "#" + std::to_string(value);
        for (const auto& it : items)
            if (it.id == value) name = it.name;
        label += ": " + name;
    }
    const ImVec2 at = flow.place(chip_width(ui, label, true) + ui.px(8));
    ImGui::SetCursorScreenPos(at);
    const std::string popup = std::string(id) + ".menu";
    if (chip(ui, id, label, value > 0, true)) ImGui::OpenPopup(popup.c_str());
    ImGui::SetNextWindowPos(ImVec2(at.x, at.y + ui.px(36)));
    push_popup_style(ui);
    if (ImGui::BeginPopup(popup.c_str())) {
        if (auto picked = pick_list(app, ui, id, items, app.tr("list.pick.any"))) {
            LeadListQuery q = list.query();
            q.*member = *picked;
            list.apply(q);
        }
        ImGui::EndPopup();
    }
    pop_popup_style();
}

// The search field, the chips and the picks, wrapping onto more rows when the width runs out; returns the height.
float list_search_bar(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& list = app.list();
    auto& vs = view_state();
    const LeadListQuery& q = list.query();
    const float h = ui.px(toolbar_h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The field shows what the address says, until the user types (then Enter applies it).
    if (!vs.search_initialised || vs.search_for_query != app.route().query) {
        vs.search = q.text;
        vs.search_for_query = app.route().query;
        vs.search_initialised = true;
    }
    const float search_w = std::clamp(width * 0.28f, ui.px(240), ui.px(380));
    const ImVec2 sp(origin.x, std::floor(origin.y + (h - ui.px(38)) * 0.5f));
    ImGui::SetCursorScreenPos(sp);
    if (board::field(ui, "list.search", app.tr("list.search_hint"), vs.search, search_w, app.keyboard().take("focus_search"), 36)) {
        LeadListQuery nq = q;
        nq.text = vs.search;
        list.apply(nq);
    }
    list_search_icon(dl, ImVec2(sp.x + ui.px(18), sp.y + ui.px(19)), ui.px(7), color::text_muted, ui.px(1.6f));

    struct ChipDef {
        const char* id;
        bool on;
        bool LeadListQuery::*member;
        const char* key = nullptr;  // the label's catalog key when not the id
    };
    const ChipDef chips[] = {{"list.chip.mine", q.mine, &LeadListQuery::mine},
                             {"list.chip.unassigned", q.unassigned, &LeadListQuery::unassigned},
                             {"list.chip.won", q.won, &LeadListQuery::won},
                             {"list.chip.lost", q.lost, &LeadListQuery::lost},
                             {"list.chip.archived", q.archived, &LeadListQuery::archived},
                             {"list.chip.activity_overdue", q.overdue, &LeadListQuery::overdue, "board.chip.activity_overdue"}};
    const float cy = std::floor(origin.y + (h - ui.px(32)) * 0.5f);
    search::Flow flow;
    flow.x = flow.line_start = sp.x + search_w + ui.px(16);
    flow.y = cy;
    flow.right = origin.x + width;
    flow.row = ui.px(40);
    for (const auto& c : chips) {
        const std::string label = app.tr(c.key ? c.key : c.id);
        ImGui::SetCursorScreenPos(flow.place(chip_width(ui, label) + ui.px(8)));
        if (chip(ui, c.id, label, c.on)) {
            LeadListQuery nq = q;
            nq.*c.member = !c.on;
            // Chips that cannot hold together: the other one goes off.
            if (nq.mine && c.member == &LeadListQuery::mine) nq.unassigned = false;
            if (nq.unassigned && c.member == &LeadListQuery::unassigned) nq.mine = false;
            if (nq.won && c.member == &LeadListQuery::won) nq.lost = nq.archived = false;
            if (nq.lost && c.member == &LeadListQuery::lost) nq.won = nq.archived = false;
            if (nq.archived && c.member == &LeadListQuery::archived) nq.won = nq.lost = false;
            list.apply(nq);
        }
    }
    {
        // Rotting (issue 5): idle longer than the stage allows, the board's red clock.
        const std::string label = app.tr("search.chip.rotting");
        ImGui::SetCursorScreenPos(flow.place(chip_width(ui, label) + ui.px(8)));
        if (chip(ui, "list.chip.rotting", label, q.chips.rotting)) {
            LeadListQuery nq = q;
            nq.chips.rotting = !nq.chips.rotting;
            list.apply(nq);
        }
    }
    // A hairline between the state chips and the picks.
    {
        const ImVec2 at = flow.place(ui.px(12));
        dl->AddLine(ImVec2(at.x + ui.px(2), at.y + ui.px(6)), ImVec2(at.x + ui.px(2), at.y + ui.px(26)), color::border_strong, ui.px(1));
    }
    pick_chip(app, ui, "list.filter.stage", "list.pick.stage", q.stage_id, list.stages(), flow, &LeadListQuery::stage_id);
    pick_chip(app, ui, "list.filter.user", "list.pick.user", q.user_id, list.users(), flow, &LeadListQuery::user_id);
    pick_chip(app, ui, "list.filter.team", "list.pick.team", q.team_id, list.teams(), flow, &LeadListQuery::team_id);
    search::PickData data;
    data.tags = &list.tags();
    data.countries = &list.countries();
    data.load_countries = [&list] { list.load_countries(); };
    if (auto picked = search::draw_picks(app, ui, "list", q.chips, data, flow)) {
        LeadListQuery nq = q;
        nq.chips = *picked;
        list.apply(nq);
    }
    if (!q.where.empty()) {
        // A click-through from a report: shown as one chip (the condition is in its tooltip); a click drops it.
        const std::string label = app.tr("list.chip.custom");
        ImGui::SetCursorScreenPos(flow.place(chip_width(ui, label) + ui.px(8)));
        if (chip(ui, "list.chip.custom", label, true)) {
            LeadListQuery nq = q;
            nq.where.clear();
            nq.all = false;
            list.apply(nq);
        } else if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s", q.where.c_str());
        }
    }
    if (q.any_filter()) {
        LeadListQuery cleared;
        cleared.sort_field = q.sort_field;
        cleared.sort_desc = q.sort_desc;
        const std::string label = app.tr("list.clear_filters");
        const float bw = text_size(ui.fonts.strong, label).x + ui.px(24);
        ImGui::SetCursorScreenPos(flow.place(bw + ui.px(8)));
        if (button(ui, "list.clear_filters", label, ButtonKind::ghost, ImVec2(bw, ui.px(32)))) {
            vs.search.clear();
            list.apply(cleared);
        }
    }
    return std::max(h, flow.bottom(ui.px(32)) + (h - ui.px(32)) * 0.5f - origin.y);
}

// The error banner (with a close button) or the notice of the last action; returns the height used.
float messages(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& list = app.list();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string err = app.banner().render(app.language());
    if (!err.empty()) {
        ImGui::SetCursorScreenPos(origin);
        alert(ui, "app.error", err, width);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float b = ui.px(28);
        const ImVec2 bp(max.x - b - ui.px(8), std::floor(min.y + ui.px(8)));
        ImGui::SetCursorScreenPos(bp);
        if (ImGui::InvisibleButton("##list.banner.dismiss", ImVec2(b, b))) app.dismiss_banner();
        if (ImGui::IsItemHovered()) dl->AddRectFilled(bp, ImVec2(bp.x + b, bp.y + b), with_alpha(color::danger, 0x20), ui.px(6));
        const float c = ui.px(5);
        const ImVec2 m(bp.x + b * 0.5f, bp.y + b * 0.5f);
        dl->AddLine(ImVec2(m.x - c, m.y - c), ImVec2(m.x + c, m.y + c), color::danger_text, ui.px(1.6f));
        dl->AddLine(ImVec2(m.x - c, m.y + c), ImVec2(m.x + c, m.y - c), color::danger_text, ui.px(1.6f));
        ui.record("banner.dismiss", app.tr("list.dismiss"), "button", bp, ImVec2(bp.x + b, bp.y + b));
        return max.y - min.y + ui.px(12);
    }
    const std::string note = list.notice().render(app.language());
    if (note.empty()) return 0;
    const ImU32 ok_bg = color::success_bg, ok_edge = color::success_border, ok_fg = color::success_text;
    const float h = ui.px(40);
    const ImVec2 max(origin.x + width, origin.y + h);
    dl->AddRectFilled(origin, max, ok_bg, ui.px(10));
    dl->AddRect(origin, max, ok_edge, ui.px(10), 0, ui.px(1));
    // A check mark.
    const ImVec2 c(origin.x + ui.px(20), origin.y + h * 0.5f);
    dl->AddLine(ImVec2(c.x - ui.px(5), c.y), ImVec2(c.x - ui.px(1), c.y + ui.px(4)), ok_fg, ui.px(2));
    dl->AddLine(ImVec2(c.x - ui.px(1), c.y + ui.px(4)), ImVec2(c.x + ui.px(6), c.y - ui.px(4)), ok_fg, ui.px(2));
    dl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                ImVec2(origin.x + ui.px(38), std::floor(origin.y + (h - ui.fonts.body->FontSize) * 0.5f)), ok_fg, note.c_str());
    ui.record("list.notice", note, "text", origin, max);
    const float b = ui.px(28);
    const ImVec2 bp(max.x - b - ui.px(6), origin.y + (h - b) * 0.5f);
    ImGui::SetCursorScreenPos(bp);
    if (ImGui::InvisibleButton("##list.notice.dismiss", ImVec2(b, b))) list.dismiss_notice();
    const float k = ui.px(4);
    const ImVec2 m(bp.x + b * 0.5f, bp.y + b * 0.5f);
    dl->AddLine(ImVec2(m.x - k, m.y - k), ImVec2(m.x + k, m.y + k), ok_fg, ui.px(1.5f));
    dl->AddLine(ImVec2(m.x - k, m.y + k), ImVec2(m.x + k, m.y - k), ok_fg, ui.px(1.5f));
    return h + ui.px(12);
}

void status_card(AppState& app, Ui& ui, ImVec2 origin, float width, const std::string& title, const std::string& body,
                 bool retry) {
    const float w = std::min(width, ui.px(520));
    const ImVec2 min(std::floor(origin.x + (width - w) * 0.5f), origin.y + ui.px(40));
    const float h = ui.remembered("list.status", ui.px(140));
    card_background(ui, ImGui::GetWindowDrawList(), min, ImVec2(min.x + w, min.y + h), ui.px(14));
    ImGui::SetCursorScreenPos(ImVec2(min.x + ui.px(24), min.y + ui.px(24)));
    ImGui::BeginGroup();
    paragraph(ui, "list.status.title", title, ui.fonts.strong, color::text, w - ui.px(48), true);
    if (!body.empty()) {
        ImGui::Dummy(ImVec2(0, ui.px(4)));
        paragraph(ui, "list.status.body", body, ui.fonts.body, color::text_secondary, w - ui.px(48), true);
    }
    if (retry) {
        ImGui::Dummy(ImVec2(0, ui.px(16)));
        const std::string label = app.tr("list.retry");
        const float bw = text_size(ui.fonts.strong, label).x + ui.px(32);
        ImGui::SetCursorScreenPos(ImVec2(std::floor(min.x + (w - bw) * 0.5f), ImGui::GetCursorScreenPos().y));
        if (button(ui, "list.retry", label, ButtonKind::secondary, ImVec2(bw, ui.px(38)))) app.list().reload();
    }
    ImGui::EndGroup();
    ui.remember("list.status", ImGui::GetItemRectMax().y + ui.px(24) - min.y);
}

}  // namespace

void draw_leads_list(AppState& app, Ui& ui) {
    using namespace list;
    auto& list = app.list();
    auto& vs = view_state();
    // Coming back from another view (a lead edited, merged, ...): the rows may have changed since.
    static int last_frame = -10;
    const bool entering = ImGui::GetFrameCount() > last_frame + 1;
    last_frame = ImGui::GetFrameCount();
    list.sync(app.route());
    if (entering && list.status() == ListStatus::ready) list.reload();
    // The default favourite, once, when the list opens without a search (issue 5).
    list.favourites().load();
    if (auto q = list.favourites().take_default(app.route().query)) {
        Route r = Route::leads();
        r.query = *q;
        app.navigate(r);
    }
    if (vs.scroll_for_query != app.route().query) {
        vs.scroll_for_query = app.route().query;
        vs.scroll_y = 0;
        vs.focused = -1;  // the keyboard's row belonged to the old rows
    }
    const float bar_h = top_bar(app, ui);
    ui.title = app.tr("app.name") + " — " + app.tr("list.title");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float pad = display.x < ui.px(900) ? ui.px(16) : ui.px(32);
    const float width = display.x - 2 * pad;

    float y = bar_h + ui.px(4);
    list_header(app, ui, ImVec2(pad, y), width);
    y += ui.px(header_h);
    float toolbar = ui.px(toolbar_h);
    if (!list.selection().empty()) draw_mass_actions(app, ui, ImVec2(pad, y), width);
    else toolbar = list_search_bar(app, ui, ImVec2(pad, y), width);
    y += toolbar + ui.px(8);
    y += messages(app, ui, ImVec2(pad, y), width);

    // Grouped, the groups are what there is to show (a flat list's rows are dropped when its groups come).
    const bool nothing = list.grouped() ? list.groups().empty() : list.rows().empty();
    if (list.status() == ListStatus::loading && nothing) {
        status_card(app, ui, ImVec2(pad, y), width, app.tr("list.loading"), "", false);
        return;
    }
    if (list.status() == ListStatus::failed) {
        status_card(app, ui, ImVec2(pad, y), width, app.tr("list.failed"), "", true);
        return;
    }
    if (list.status() == ListStatus::ready && nothing) {
        status_card(app, ui, ImVec2(pad, y), width, app.tr(list.grouped() ? "list.group.empty" : "list.empty"),
                    app.tr("list.empty_body"), false);
        return;
    }
    draw_table(app, ui, pad, pad + width, y, display.y - ui.px(20));
}

}  // namespace tumen::app
