// The pipeline board page: top bar, the board's toolbar (team, search, filter chips), the error banner, the
// columns side by side (scrolling sideways when they do not fit) and the card being dragged.
#include "board_view.hpp"

#include <algorithm>
#include <cmath>

#include "imgui_stdlib.h"
#include "list_view.hpp"
#include "search_extras.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::BoardQuery;
using client::BoardStatus;

namespace board {

ViewState& view_state() {
    static ViewState s;
    return s;
}


void rotate_since(ImDrawList* dl, int vtx_start, float angle, ImVec2 centre) {
    const float s = std::sin(angle), c = std::cos(angle);
    for (int i = vtx_start; i < dl->VtxBuffer.Size; ++i) {
        ImVec2& p = dl->VtxBuffer[i].pos;
        const float dx = p.x - centre.x, dy = p.y - centre.y;
        p = ImVec2(centre.x + dx * c - dy * s, centre.y + dx * s + dy * c);
    }
}

bool field(Ui& ui, std::string_view id, std::string_view hint, std::string& value, float width, bool focus,
           float left_pad) {
    ImFont* font = ui.fonts.body;
    const float height = ui.px(38);
    ImGui::PushFont(font);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(left_pad), std::floor((height - font->FontSize) * 0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ui.px(8));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ui.px(1));
    ImGui::PushStyleColor(ImGuiCol_Border, color::border_strong);
    ImGui::SetNextItemWidth(width);
    if (focus) {
        ImGui::SetKeyboardFocusHere();
        // The focus lands on the next frame: make sure there is one even when nothing else moves.
        ui.remember(std::string(id) + ".focus", static_cast<float>(ImGui::GetFrameCount() % 1000));
    }
    const std::string hint_z(hint);
    const bool entered = ImGui::InputTextWithHint(("##" + std::string(id)).c_str(), hint_z.c_str(), &value,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    ImGui::PopFont();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (ImGui::IsItemActive()) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float ring = ui.px(3);
        dl->AddRect(ImVec2(min.x - ring * 0.5f, min.y - ring * 0.5f), ImVec2(max.x + ring * 0.5f, max.y + ring * 0.5f),
                    color::focus_ring, ui.px(8) + ring * 0.5f, 0, ring);
        dl->AddRect(min, max, color::primary, ui.px(8), 0, ui.px(1));
    }
    ui.record(id, hint, "input", min, max, value);
    return entered;
}

namespace {
struct TagColour {
    ImU32 bg, fg;
};
// Odoo's twelve tag colours (0 = none), as soft pills with readable text.
constexpr TagColour tag_colours[] = {
    {IM_COL32(0xF1, 0xF5, 0xF9, 0xFF), IM_COL32(0x47, 0x55, 0x69, 0xFF)},  // 0 grey
    {IM_COL32(0xFE, 0xE2, 0xE2, 0xFF), IM_COL32(0xB9, 0x1C, 0x1C, 0xFF)},  // 1 red
    {IM_COL32(0xFF, 0xED, 0xD5, 0xFF), IM_COL32(0xC2, 0x41, 0x0C, 0xFF)},  // 2 orange
    {IM_COL32(0xFE, 0xF9, 0xC3, 0xFF), IM_COL32(0xA1, 0x62, 0x07, 0xFF)},  // 3 yellow
    {IM_COL32(0xCF, 0xFA, 0xFE, 0xFF), IM_COL32(0x0E, 0x74, 0x90, 0xFF)},  // 4 cyan
    {IM_COL32(0xF3, 0xE8, 0xFF, 0xFF), IM_COL32(0x7E, 0x22, 0xCE, 0xFF)},  // 5 purple
    {IM_COL32(0xFA, 0xF0, 0xE6, 0xFF), IM_COL32(0x92, 0x40, 0x0E, 0xFF)},  // 6 almond
    {IM_COL32(0xCC, 0xFB, 0xF1, 0xFF), IM_COL32(0x0F, 0x76, 0x6E, 0xFF)},  // 7 teal
    {IM_COL32(0xDB, 0xEA, 0xFE, 0xFF), IM_COL32(0x1D, 0x4E, 0xD8, 0xFF)},  // 8 blue
    {IM_COL32(0xFC, 0xE7, 0xF3, 0xFF), IM_COL32(0xBE, 0x18, 0x5D, 0xFF)},  // 9 raspberry
    {IM_COL32(0xDC, 0xFC, 0xE7, 0xFF), IM_COL32(0x15, 0x80, 0x3D, 0xFF)},  // 10 green
    {IM_COL32(0xED, 0xE9, 0xFE, 0xFF), IM_COL32(0x6D, 0x28, 0xD9, 0xFF)},  // 11 violet
};
const TagColour& tag_colour(int i) { return tag_colours[static_cast<size_t>(i < 0 || i > 11 ? 0 : i)]; }
}  // namespace

ImU32 tag_background(int index) { return chip_background(tag_colour(index).bg, tag_colour(index).fg); }
ImU32 tag_foreground(int index) { return chip_foreground(tag_colour(index).fg); }

}  // namespace board

namespace {

using namespace board;

// A magnifying glass drawn in the search field.
void board_search_icon(ImDrawList* dl, ImVec2 c, float r, ImU32 col, float thick) {
    dl->AddCircle(ImVec2(c.x - r * 0.2f, c.y - r * 0.2f), r * 0.7f, col, 20, thick);
    dl->AddLine(ImVec2(c.x + r * 0.3f, c.y + r * 0.3f), ImVec2(c.x + r, c.y + r), col, thick);
}

bool chip(Ui& ui, std::string_view id, const std::string& label, bool on) {
    ImFont* f = ui.fonts.small;
    const ImVec2 ts = text_size(f, label);
    const ImVec2 size(ts.x + ui.px(24), ui.px(32));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(("##" + std::string(id)).c_str(), size);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, max, on ? color::primary_soft : hovered ? color::surface_muted : color::surface, size.y * 0.5f);
    dl->AddRect(pos, max, on ? with_alpha(color::primary, 0x80) : color::border_strong, size.y * 0.5f, 0, ui.px(1));
    dl->AddText(f, f->FontSize, ImVec2(std::floor(pos.x + (size.x - ts.x) * 0.5f), std::floor(pos.y + (size.y - ts.y) * 0.5f)),
                on ? color::primary : color::text_secondary, label.c_str());
    ui.record(id, label, "toggle", pos, max, on ? "on" : "");
    return clicked;
}

float chip_width(Ui& ui, const std::string& label) { return text_size(ui.fonts.small, label).x + ui.px(24); }

void board_toolbar(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& board = app.board();
    auto& vs = view_state();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ui.px(toolbar_h);
    const float pad = ui.px(24);
    auto centre_y = [&](float item_h) { return std::floor(origin.y + (h - item_h) * 0.5f); };

    // Team switcher: the board's title.
    std::string team = board.team_name();
    if (team.empty()) team = app.tr(board.teams().empty() ? "board.no_team" : "pipeline.title");
    ImFont* tf = ui.fonts.title;
    const float title_fs = std::round(ui.px(20));
    const ImVec2 tts = tf->CalcTextSizeA(title_fs, FLT_MAX, 0, team.c_str());
    const ImVec2 tsize(tts.x + ui.px(40), ui.px(40));
    const ImVec2 tpos(origin.x + pad - ui.px(8), centre_y(tsize.y));
    ImGui::SetCursorScreenPos(tpos);
    if (ImGui::InvisibleButton("##board.team", tsize) && board.teams().size() > 1) ImGui::OpenPopup("team_menu");
    const bool th = ImGui::IsItemHovered();
    if (th) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (th || ImGui::IsPopupOpen("team_menu"))
        dl->AddRectFilled(tpos, ImVec2(tpos.x + tsize.x, tpos.y + tsize.y), color::surface_muted, ui.px(8));
    dl->AddText(tf, title_fs, ImVec2(tpos.x + ui.px(8), std::floor(tpos.y + (tsize.y - tts.y) * 0.5f)), color::text,
                team.c_str());
    if (board.teams().size() > 1)
        chevron_down(dl, ImVec2(tpos.x + tsize.x - ui.px(16), tpos.y + tsize.y * 0.5f), ui.px(9), color::text_secondary);
    ui.record("board.team", team, "button", tpos, ImVec2(tpos.x + tsize.x, tpos.y + tsize.y));

    ImGui::SetNextWindowPos(ImVec2(tpos.x, tpos.y + tsize.y + ui.px(4)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(6, 6));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, ui.px(10));
    ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, ui.px(1));
    ImGui::PushStyleColor(ImGuiCol_Border, color::border);
    if (ImGui::BeginPopup("team_menu")) {
        float menu_w = ui.px(220);
        for (const auto& t : board.teams()) menu_w = std::max(menu_w, text_size(ui.fonts.body, t.name).x + ui.px(40));
        for (const auto& t : board.teams()) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImVec2 sz(menu_w, ui.px(36));
            const std::string id = "board.team." + std::to_string(t.id);
            if (ImGui::InvisibleButton(("##" + id).c_str(), sz)) {
                app.navigate(board.route_for_team(t.id));
                ImGui::CloseCurrentPopup();
            }
            const bool hv = ImGui::IsItemHovered();
            ImDrawList* pdl = ImGui::GetWindowDrawList();
            const bool current = t.id == board.team_id();
            if (hv || current)
                pdl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), current ? color::primary_soft : color::surface_muted, ui.px(6));
            pdl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                         ImVec2(p.x + ui.px(12), std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)),
                         current ? color::primary : color::text, t.name.c_str());
            ui.record(id, t.name, "button", p, ImVec2(p.x + sz.x, p.y + sz.y));
        }
        ImGui::EndPopup();
    }
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);

    // Right side: search field, then the chips.
    const BoardQuery& q = board.query();
    struct ChipDef {
        const char* id;
        const char* key;
        bool on;
    };
    const ChipDef chips[] = {{"board.chip.mine", "board.chip.mine", q.mine},
                             {"board.chip.unassigned", "board.chip.unassigned", q.unassigned},
                             {"board.chip.won", "board.chip.won", q.won},
                             {"board.chip.lost", "board.chip.lost", q.lost},
                             {"board.chip.activity_overdue", "board.chip.activity_overdue", q.overdue}};
    float chips_w = 0;
    for (const auto& c : chips) chips_w += chip_width(ui, app.tr(c.key)) + ui.px(8);
    const float search_w = std::clamp(width * 0.22f, ui.px(200), ui.px(320));
    float x = origin.x + width - pad - chips_w + ui.px(8);
    const float left_limit = tpos.x + tsize.x + ui.px(16);
    const bool room_for_search = x - search_w - ui.px(12) > left_limit;
    // Summary between the title and the search, when there is room.
    const float right_start = room_for_search ? x - search_w - ui.px(12) : x;
    if (board.status() == BoardStatus::ready) {
        // Every column in one figure: converted when the board holds several currencies (board_state.hpp).
        const client::ColumnTotal t = board.total();
        std::string amount = client::money_compact(t.expected, app.language());
        if (t.converted) amount = app.tr("board.converted", {{"amount", amount}});
        if (t.other_currencies > 0)
            amount += " " + app.tr("board.other_currencies", {{"count", std::to_string(t.other_currencies)}});
        const std::string summary =
            app.tr("board.summary", {{"count", std::to_string(board.total_count())}, {"amount", amount}});
        const ImVec2 ss = text_size(ui.fonts.small, summary);
        if (tpos.x + tsize.x + ui.px(12) + ss.x < right_start - ui.px(12)) {
            ImGui::SetCursorScreenPos(ImVec2(tpos.x + tsize.x + ui.px(12), centre_y(ss.y)));
            text(ui, "board.summary", summary, ui.fonts.small, color::text_secondary);
        }
    }
    if (room_for_search) {
        // The field shows what the address says, until the user types (then Enter applies it).
        if (!vs.search_initialised || vs.search_for_query != app.route().query) {
            vs.search = q.text;
            vs.search_for_query = app.route().query;
            vs.search_initialised = true;
        }
        const ImVec2 sp(x - search_w - ui.px(12), centre_y(ui.px(38)));
        ImGui::SetCursorScreenPos(sp);
        if (field(ui, "board.search", app.tr("board.search_hint"), vs.search, search_w, app.keyboard().take("focus_search"), 36)) {
            BoardQuery nq = q;
            nq.text = vs.search;
            app.navigate(board.route_for(nq));
        }
        board_search_icon(dl, ImVec2(sp.x + ui.px(18), sp.y + ui.px(19)), ui.px(7), color::text_muted, ui.px(1.6f));
    }
    for (const auto& c : chips) {
        const std::string label = app.tr(c.key);
        ImGui::SetCursorScreenPos(ImVec2(x, centre_y(ui.px(32))));
        if (chip(ui, c.id, label, c.on)) {
            BoardQuery nq = q;
            const std::string_view id = c.id;
            if (id == "board.chip.mine") nq.mine = !nq.mine, nq.unassigned = false;
            if (id == "board.chip.unassigned") nq.unassigned = !nq.unassigned, nq.mine = false;
            if (id == "board.chip.won") nq.won = !nq.won, nq.lost = false;
            if (id == "board.chip.lost") nq.lost = !nq.lost, nq.won = false;
            if (id == "board.chip.activity_overdue") nq.overdue = !nq.overdue;
            app.navigate(board.route_for(nq));
        }
        x += chip_width(ui, label) + ui.px(8);
    }
}

// The banner of the last failed request, with a way to dismiss it.
float banner(AppState& app, Ui& ui, ImVec2 origin, float width) {
    const std::string msg = app.banner().render(app.language());
    if (msg.empty()) return 0;
    ImGui::SetCursorScreenPos(origin);
    alert(ui, "app.error", msg, width);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float b = ui.px(28);
    ImGui::SetCursorScreenPos(ImVec2(max.x - b - ui.px(8), std::floor(min.y + ui.px(8))));
    const ImVec2 bp = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##banner.dismiss", ImVec2(b, b))) app.dismiss_banner();
    const bool hv = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hv) dl->AddRectFilled(bp, ImVec2(bp.x + b, bp.y + b), with_alpha(color::danger, 0x20), ui.px(6));
    const float c = ui.px(5);
    const ImVec2 m(bp.x + b * 0.5f, bp.y + b * 0.5f);
    dl->AddLine(ImVec2(m.x - c, m.y - c), ImVec2(m.x + c, m.y + c), color::danger_text, ui.px(1.6f));
    dl->AddLine(ImVec2(m.x - c, m.y + c), ImVec2(m.x + c, m.y - c), color::danger_text, ui.px(1.6f));
    ui.record("banner.dismiss", app.tr("board.dismiss"), "button", bp, ImVec2(bp.x + b, bp.y + b));
    return max.y - min.y + ui.px(12);
}

float board_column_width(Ui& ui, const std::vector<client::BoardColumn>& cols, float avail) {
    int open = 0;
    float folded = 0;
    for (const auto& c : cols) {
        if (c.folded()) folded += ui.px(folded_w) + ui.px(column_gap);
        else ++open;
    }
    if (open == 0) return ui.px(column_min_w);
    const float w = (avail - folded - ui.px(column_gap) * static_cast<float>(open) - ui.px(column_min_w) * 0.0f) /
                    static_cast<float>(open);
    return std::floor(std::clamp(w, ui.px(column_min_w), ui.px(column_max_w)));
}

void add_stage_column(AppState& app, Ui& ui, ImVec2 min, float w) {
    auto& vs = view_state();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (!vs.adding_stage) {
        const ImVec2 size(w, ui.px(48));
        ImGui::SetCursorScreenPos(min);
        if (ImGui::InvisibleButton("##board.stage_add", size)) {
            vs.adding_stage = true;
            vs.adding_focus = true;
            vs.new_stage.clear();
        }
        const bool hv = ImGui::IsItemHovered();
        if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const ImVec2 max(min.x + size.x, min.y + size.y);
        dl->AddRectFilled(min, max, hv ? with_alpha(color::primary_soft, 0xC0) : with_alpha(color::surface, 0x80), ui.px(12));
        dl->AddRect(min, max, hv ? with_alpha(color::primary, 0x80) : color::border_strong, ui.px(12), 0, ui.px(1));
        const std::string label = "+  " + app.tr("board.stage_add");
        const ImVec2 ts = text_size(ui.fonts.strong, label);
        dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize,
                    ImVec2(std::floor(min.x + (w - ts.x) * 0.5f), std::floor(min.y + (size.y - ts.y) * 0.5f)),
                    hv ? color::primary : color::text_secondary, label.c_str());
        ui.record("board.stage_add", app.tr("board.stage_add"), "button", min, max);
        return;
    }
    const ImVec2 max(min.x + w, min.y + ui.px(104));
    card_background(ui, dl, min, max, ui.px(12));
    ImGui::SetCursorScreenPos(ImVec2(min.x + ui.px(12), min.y + ui.px(12)));
    const bool enter = field(ui, "board.stage_new", app.tr("board.stage_name_hint"), vs.new_stage, w - ui.px(24), vs.adding_focus);
    vs.adding_focus = false;
    ImGui::SetCursorScreenPos(ImVec2(min.x + ui.px(12), min.y + ui.px(58)));
    const bool save = button(ui, "board.stage_new.save", app.tr("board.stage_save"), ButtonKind::primary, ImVec2(0, ui.px(34)),
                             !vs.new_stage.empty());
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "board.stage_new.cancel", app.tr("board.cancel"), ButtonKind::ghost, ImVec2(0, ui.px(34))) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        vs.adding_stage = false;
    if ((enter || save) && !vs.new_stage.empty()) {
        app.board().add_stage(vs.new_stage);
        vs.adding_stage = false;
    }
}

void status_message(AppState& app, Ui& ui, ImVec2 origin, float width, const std::string& title, const std::string& body,
                    bool retry) {
    const float w = std::min(width, ui.px(520));
    const ImVec2 min(std::floor(origin.x + (width - w) * 0.5f), origin.y + ui.px(40));
    const float h = ui.remembered("board.status", ui.px(140));
    card_background(ui, ImGui::GetWindowDrawList(), min, ImVec2(min.x + w, min.y + h), ui.px(14));
    ImGui::SetCursorScreenPos(ImVec2(min.x + ui.px(24), min.y + ui.px(24)));
    ImGui::BeginGroup();
    paragraph(ui, "board.status.title", title, ui.fonts.strong, color::text, w - ui.px(48), true);
    if (!body.empty()) {
        ImGui::Dummy(ImVec2(0, ui.px(4)));
        paragraph(ui, "board.status.body", body, ui.fonts.body, color::text_secondary, w - ui.px(48), true);
    }
    if (retry) {
        ImGui::Dummy(ImVec2(0, ui.px(16)));
        const std::string label = app.tr("board.retry");
        const float bw = text_size(ui.fonts.strong, label).x + ui.px(32);
        ImGui::SetCursorScreenPos(ImVec2(std::floor(min.x + (w - bw) * 0.5f), ImGui::GetCursorScreenPos().y));
        if (button(ui, "board.retry", label, ButtonKind::secondary, ImVec2(bw, ui.px(38)))) app.board().reload();
    }
    ImGui::EndGroup();
    ui.remember("board.status", ImGui::GetItemRectMax().y + ui.px(24) - min.y);
}

// The second search row (issue 5): Rotting, Tag, Country, Date range, and Favourites at the right; returns its height.
float filter_row(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& board = app.board();
    const BoardQuery& q = board.query();
    const float fav_w = search::favourites_width(app, ui);
    search::Flow flow;
    flow.x = flow.line_start = origin.x;
    flow.y = origin.y;
    flow.right = origin.x + width - fav_w - ui.px(16);
    flow.row = ui.px(40);
    const std::string label = app.tr("search.chip.rotting");
    ImGui::SetCursorScreenPos(flow.place(list::chip_width(ui, label) + ui.px(8)));
    if (list::chip(ui, "board.chip.rotting", label, q.chips.rotting)) {
        BoardQuery nq = q;
        nq.chips.rotting = !nq.chips.rotting;
        app.navigate(board.route_for(nq));
    }
    static std::vector<client::NamedRef> tags;  // the board's tags as the picker lists them
    tags.clear();
    for (const auto& t : board.tags()) tags.push_back({t.id, t.name, t.color});
    search::PickData data;
    data.tags = &tags;
    data.countries = &board.countries();
    data.load_countries = [&board] { board.load_countries(); };
    if (auto picked = search::draw_picks(app, ui, "board", q.chips, data, flow)) {
        BoardQuery nq = q;
        nq.chips = *picked;
        app.navigate(board.route_for(nq));
    }
    if (auto fq = search::draw_favourites(app, ui, "board", board.favourites(), format_board_query(q),
                                          ImVec2(origin.x + width - fav_w, origin.y)))
        app.navigate(board.route_for(client::parse_board_query(*fq)));
    return flow.bottom(ui.px(32)) - origin.y + ui.px(10);
}

void board_body(AppState& app, Ui& ui, float bar_h) {
    auto& board = app.board();
    auto& vs = view_state();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float pad = ui.px(24);

    const ImVec2 tb(0, bar_h);
    board_toolbar(app, ui, tb, display.x);
    float y = bar_h + ui.px(toolbar_h);
    // The default favourite, once, when the boards open without a search (issue 5).
    board.favourites().load();
    if (auto fq = board.favourites().take_default(app.route().query))
        app.navigate(board.route_for(client::parse_board_query(*fq)));
    y += filter_row(app, ui, ImVec2(pad, y), display.x - 2 * pad);
    y += banner(app, ui, ImVec2(pad, y), display.x - 2 * pad);

    if (board.status() == BoardStatus::loading && board.columns().empty()) {
        status_message(app, ui, ImVec2(0, y), display.x, app.tr("board.loading"), "", false);
        return;
    }
    if (board.status() == BoardStatus::failed && board.columns().empty()) {
        status_message(app, ui, ImVec2(0, y), display.x, app.tr("board.failed"), "", true);
        return;
    }

    const auto& cols = board.columns();
    const float top = y;
    const float bottom = display.y - ui.px(16);
    const float avail = display.x - 2 * pad;
    const float col_w = board_column_width(ui, cols, avail);
    float content_w = ui.px(column_min_w) + ui.px(column_gap);  // the "add a stage" column
    for (const auto& c : cols) content_w += (c.folded() ? ui.px(folded_w) : col_w) + ui.px(column_gap);
    const float max_scroll = std::max(0.0f, content_w - avail);
    ImGuiIO& io = ImGui::GetIO();
    // Sideways: the horizontal wheel, or Shift + wheel, anywhere on the board.
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && io.MousePos.y > top) {
        float dx = io.MouseWheelH;
        if (io.KeyShift && io.MouseWheel != 0) dx = io.MouseWheel;
        if (dx != 0) vs.scroll_x -= dx * ui.px(120);
    }
    // While dragging near the left or right edge, the board follows.
    if (vs.drag.active || vs.column_drag.active) {
        if (io.MousePos.x > display.x - ui.px(40)) vs.scroll_x += ui.px(24);
        if (io.MousePos.x < ui.px(40)) vs.scroll_x -= ui.px(24);
    }
    vs.scroll_x = std::clamp(vs.scroll_x, 0.0f, max_scroll);

    vs.slots.clear();
    ImGui::PushClipRect(ImVec2(0, top), ImVec2(display.x, display.y), true);
    float x = pad - vs.scroll_x;
    for (const auto& c : cols) {
        const float w = c.folded() ? ui.px(folded_w) : col_w;
        if (x + w > 0 && x < display.x) draw_column(app, ui, c, ImVec2(x, top), ImVec2(x + w, bottom));
        else vs.slots.push_back({c.stage.id, x, x + w});
        x += w + ui.px(column_gap);
    }
    // Salespeople work the pipeline but do not shape it: no "Add stage" for them (the server refuses it too).
    const bool manager = app.session() && app.session()->user.can_manage();
    if (board.status() == BoardStatus::ready && manager) add_stage_column(app, ui, ImVec2(x, top), ui.px(column_min_w));
    ImGui::PopClipRect();

    // Horizontal scrollbar when the columns do not fit.
    if (max_scroll > 0) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float track_w = avail, thumb_w = std::max(ui.px(40), track_w * avail / content_w);
        const float tx = pad + (track_w - thumb_w) * (vs.scroll_x / max_scroll);
        const float ty = display.y - ui.px(8);
        dl->AddRectFilled(ImVec2(tx, ty), ImVec2(tx + thumb_w, ty + ui.px(4)), color::border_strong, ui.px(2));
    }

    // The card being dragged follows the mouse; dropping it on another column moves it.
    if (vs.drag.active) {
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        const ImVec2 min(io.MousePos.x - vs.drag.grab.x, io.MousePos.y - vs.drag.grab.y);
        draw_card(app, ui, fg, vs.drag.card, min, ImVec2(min.x + vs.drag.width, min.y + ui.px(card_h)), true);
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
        if (!io.MouseDown[0]) {
            for (const auto& s : vs.slots)
                if (io.MousePos.x >= s.x0 && io.MousePos.x < s.x1 && s.stage_id != vs.drag.from_stage) {
                    board.move_card(vs.drag.lead_id, s.stage_id);
                    break;
                }
            vs.drag = {};
        }
    }
    // A column header being dragged: dropped between columns, it saves the new order.
    if (vs.column_drag.active) {
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        const float gx = io.MousePos.x - vs.column_drag.grab_x;
        fg->AddRectFilled(ImVec2(gx, top), ImVec2(gx + vs.column_drag.width, top + ui.px(header_h)),
                          with_alpha(color::primary_soft, 0xE0), ui.px(12));
        fg->AddRect(ImVec2(gx, top), ImVec2(gx + vs.column_drag.width, top + ui.px(header_h)), color::primary, ui.px(12), 0,
                    ui.px(2));
        if (const auto* c = board.column(vs.column_drag.stage_id))
            fg->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(gx + ui.px(16), top + ui.px(14)), color::primary,
                        c->stage.name.c_str());
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        if (!io.MouseDown[0]) {
            size_t index = 0;
            for (const auto& s : vs.slots)
                if (io.MousePos.x > (s.x0 + s.x1) * 0.5f) ++index;
            // Counting itself when it lies left of the mouse: the target index among the other columns.
            for (size_t i = 0; i < vs.slots.size(); ++i)
                if (vs.slots[i].stage_id == vs.column_drag.stage_id && io.MousePos.x > (vs.slots[i].x0 + vs.slots[i].x1) * 0.5f)
                    --index;
            board.reorder_stage(vs.column_drag.stage_id, index);
            vs.column_drag = {};
        }
    }
}

}  // namespace

void draw_pipeline(AppState& app, Ui& ui) {
    app.board().sync(app.route());
    // "New lead" (the n key, the command palette): the quick-create box of the first open column, once columns exist.
    for (const auto& col : app.board().columns())
        if (!col.folded() && app.keyboard().take("new_lead")) {
            view_state().quick_stage = col.stage.id;
            view_state().quick_focus = true;
        }
    // The page itself never scrolls on the board (it fills the screen exactly): a stray scroll of the root
    // window (a focused field, the padding under the board) would shift the top bar and swallow clicks.
    if (ImGui::GetScrollY() != 0) ImGui::SetScrollY(0);
    const float bar_h = top_bar(app, ui);
    ui.title = app.tr("app.name") + " — " + app.tr("pipeline.title");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // The board lays itself out (columns scroll on their own); a child window that never scrolls keeps ImGui from
    // scrolling the page when cards reach past its bottom edge.
    ImGui::SetCursorScreenPos(ImVec2(0, bar_h));
    ImGui::BeginChild("##board", ImVec2(display.x, display.y - bar_h), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    if (ImGui::GetScrollX() != 0 || ImGui::GetScrollY() != 0) {
        ImGui::SetScrollX(0);
        ImGui::SetScrollY(0);
    }
    board_body(app, ui, bar_h);
    ImGui::EndChild();
}

}  // namespace tumen::app
