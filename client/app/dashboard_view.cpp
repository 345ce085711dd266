// #/dashboard: the team picker, five tiles (open opportunities, overdue, unassigned, won this month, sales orders
// invoiced this month against the team's monthly target) and the new leads of the last weeks as a small bar chart. A tile or a week's bar opens the leads
// list filtered to what it counts (client/state/dashboard_state).
#include <algorithm>
#include <cmath>

#include "lead_widgets.hpp"
#include "report_parts.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::DashboardTile;
namespace chart = client::chart;

namespace {

struct TileText {
    DashboardTile tile;
    const char* id;
    std::string title, figure, line;
    ImU32 accent;
};

std::string amount(AppState& app, const std::map<std::string, std::int64_t>& sums, const std::string& currency) {
    const auto it = sums.find(currency);
    return client::money_text(Money{it == sums.end() ? 0 : it->second, currency}, app.language());
}

// One clickable card; the invoiced tile also draws the target's progress bar.
void tile(AppState& app, Ui& ui, const TileText& t, ImVec2 a, ImVec2 b, std::optional<double> progress) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::SetCursorScreenPos(a);
    ImGui::InvisibleButton(t.id, ImVec2(b.x - a.x, b.y - a.y));
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemClicked()) app.dashboard().open_tile(t.tile);
    card_background(ui, dl, a, b, ui.px(10));
    if (hovered) dl->AddRect(a, b, color::border_hover, ui.px(10), 0, ui.px(1));
    dl->AddRectFilled(a, ImVec2(a.x + ui.px(4), b.y), t.accent, ui.px(10), ImDrawFlags_RoundCornersLeft);
    const float pad = ui.px(18), w = b.x - a.x - 2 * pad;
    float y = a.y + ui.px(14);
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(a.x + pad, y), color::text_secondary,
                fit_text(ui.fonts.small, t.title, w).c_str());
    y += ui.fonts.small->FontSize + ui.px(6);
    dl->AddText(ui.fonts.title, ui.fonts.title->FontSize, ImVec2(a.x + pad, y), color::text,
                fit_text(ui.fonts.title, t.figure, w).c_str());
    y += ui.fonts.title->FontSize + ui.px(8);
    if (progress) {
        const float bar_h = ui.px(6);
        dl->AddRectFilled(ImVec2(a.x + pad, y), ImVec2(a.x + pad + w, y + bar_h), color::surface_muted, bar_h);
        const float filled = w * static_cast<float>(std::clamp(*progress, 0.0, 1.0));
        if (filled > 0) dl->AddRectFilled(ImVec2(a.x + pad, y), ImVec2(a.x + pad + filled, y + bar_h), t.accent, bar_h);
        ui.record(std::string(t.id) + ".progress", t.line, "progress", ImVec2(a.x + pad, y), ImVec2(a.x + pad + w, y + bar_h),
                  std::to_string(static_cast<int>(std::lround(*progress * 100))));
        y += bar_h + ui.px(6);
    }
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(a.x + pad, y), color::text_muted,
                fit_text(ui.fonts.small, t.line, w).c_str());
    ui.record(t.id, t.title, "tile", a, b, t.figure);
}

void weekly_chart(AppState& app, Ui& ui, ImVec2 a, ImVec2 b) {
    auto& d = app.dashboard();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, a, b, ui.px(10));
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(a.x + ui.px(18), a.y + ui.px(14)), color::text,
                app.tr("dashboard.new_per_week").c_str());
    const auto& weeks = d.figures().weeks;
    if (weeks.empty()) return;
    chart::Table t;
    t.series = {""};
    for (const auto& [week, n] : weeks) {
        t.categories.push_back(week.size() >= 10 ? week.substr(5) : week);  // "11-23"
        t.values.push_back({static_cast<double>(n)});
    }
    const auto [lo, hi] = t.range(false);
    const chart::Ticks ticks = chart::nice_ticks(lo, std::max(hi, 4.0), 4);
    auto label = [](double v) { return std::to_string(static_cast<long long>(std::llround(v))); };
    const float axis_w = value_axis_width(ui, ticks, label);
    const chart::Rect plot{a.x + ui.px(26) + axis_w, a.y + ui.px(48), b.x - ui.px(18),
                           b.y - ui.px(18) - ui.fonts.small->FontSize - ui.px(6)};
    value_axis(ui, dl, plot, ticks, label);
    const chart::Scale y{ticks.min, ticks.max, plot.y1, plot.y0};
    const auto bars = chart::layout_bars(t, plot, y, false, 0.35f);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto hit = ImGui::IsWindowHovered() ? chart::hit_bars(bars, mouse.x, mouse.y) : std::nullopt;
    for (const auto& bar : bars) {
        const bool hot = hit && *hit == bar.at;
        dl->AddRectFilled(ImVec2(bar.rect.x0, bar.rect.y0), ImVec2(bar.rect.x1, bar.rect.y1),
                          hot ? color::primary_hover : series_color(0), ui.px(3), ImDrawFlags_RoundCornersTop);
        ui.record("dashboard.week." + std::to_string(bar.at.category), weeks[bar.at.category].first, "bar",
                  ImVec2(bar.rect.x0, bar.rect.y0 - ui.px(2)), ImVec2(bar.rect.x1, bar.rect.y1), label(bar.value));
    }
    for (size_t c = 0; c < t.categories.size(); ++c) {
        const float cx = chart::band_centre(plot, t.categories.size(), c);
        const ImVec2 ts = text_size(ui.fonts.small, t.categories[c]);
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(cx - ts.x / 2, plot.y1 + ui.px(6)), color::text_muted,
                    t.categories[c].c_str());
    }
    if (hit) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        hover_tooltip(ui, "dashboard.tooltip", app.tr("dashboard.week_value", {{"date", weeks[hit->category].first}}),
                      app.tr("dashboard.count_leads", {{"count", std::to_string(weeks[hit->category].second)}}));
        if (ImGui::IsMouseClicked(0)) d.open_week(hit->category);
    }
}

}  // namespace

void draw_dashboard(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& d = app.dashboard();
    ui.title = app.tr("app.name") + " — " + app.tr("dashboard.title");
    const Column col = page_column(ui);
    const float top = ImGui::GetCursorScreenPos().y + ui.px(18);
    ImGui::SetCursorScreenPos(ImVec2(col.x, top));
    report_tabs(app, ui, false);

    // The team picker, right-aligned on the tabs' row.
    std::vector<PickItem> teams;
    for (const auto& [id, name] : d.teams()) teams.push_back({id, name});
    std::optional<std::int64_t> team;
    if (d.team_id() > 0) team = d.team_id();
    const float pick_w = ui.px(240);
    ImGui::SetCursorScreenPos(ImVec2(col.x + col.width - pick_w, top - ui.px(4)));
    FieldOptions opt;
    opt.width = pick_w;
    opt.label_above = false;
    const std::string all_teams = app.tr("dashboard.all_teams");
    opt.hint = all_teams;
    if (form_picker(ui, "dashboard.team", "", teams, team, app.tr("dashboard.all_teams"), opt)) d.set_team(team.value_or(0));

    float y = top + ui.px(50);
    ImGui::SetCursorScreenPos(ImVec2(col.x, y));
    text(ui, "dashboard.title", app.tr("dashboard.title"), ui.fonts.title, color::text);
    y += ui.fonts.title->FontSize + ui.px(14);
    if (!d.error().empty()) {
        ImGui::SetCursorScreenPos(ImVec2(col.x, y));
        alert(ui, "dashboard.error", d.error().render(app.language()), col.width);
        gap(ui, 6);
        if (button(ui, "dashboard.retry", app.tr("report.retry"), ButtonKind::secondary, ImVec2(0, ui.px(32)))) d.reload();
        y = ImGui::GetCursorScreenPos().y + ui.px(10);
    }
    if (d.loading()) {
        ImGui::SetCursorScreenPos(ImVec2(col.x, y));
        loading_line(app, ui, "dashboard.loading");
        y += ui.fonts.body->FontSize + ui.px(12);
    }
    if (!d.loaded()) return;

    const auto& f = d.figures();
    const std::string cur = d.currency();
    const auto progress = d.target_progress();
    std::string target_line;
    if (f.target) {
        target_line = app.tr("dashboard.target", {{"invoiced", amount(app, f.invoiced, f.target->currency)},
                                               {"target", client::money_text(*f.target, app.language())},
                                               {"percent", std::to_string(static_cast<int>(std::lround(progress.value_or(0) * 100)))}});
    } else {
        target_line = app.tr(d.team_id() > 0 ? "dashboard.no_target" : "dashboard.pick_team_for_target");
    }
    const TileText tiles[] = {
        {DashboardTile::open, "dashboard.tile.open", app.tr("dashboard.open"), std::to_string(f.open_count),
         amount(app, f.open_expected, cur), color::primary},
        {DashboardTile::overdue, "dashboard.tile.overdue", app.tr("dashboard.overdue"), std::to_string(f.overdue),
         app.tr("dashboard.overdue_hint"), color::danger},
        {DashboardTile::unassigned, "dashboard.tile.unassigned", app.tr("dashboard.unassigned"), std::to_string(f.unassigned),
         app.tr("dashboard.unassigned_hint"), lead_color::warning},
        {DashboardTile::won, "dashboard.tile.won", app.tr("dashboard.won"), amount(app, f.won_expected, cur),
         app.tr("dashboard.count_leads", {{"count", std::to_string(f.won_count)}}), lead_color::success},
        {DashboardTile::invoiced, "dashboard.tile.invoiced", app.tr("dashboard.invoiced"), amount(app, f.invoiced, cur),
         app.tr("dashboard.count_orders", {{"count", std::to_string(f.invoiced_count)}}) + " · " + target_line, color::primary},
    };
    constexpr int tile_count = static_cast<int>(sizeof(tiles) / sizeof(tiles[0]));
    const float g = ui.px(16);
    const int per_row = col.width < ui.px(760) ? 2 : col.width < ui.px(1180) ? 3 : tile_count;
    const float tw = std::floor((col.width - g * (per_row - 1)) / per_row), th = ui.px(128);
    for (int i = 0; i < tile_count; ++i) {
        const float tx = col.x + (i % per_row) * (tw + g), ty = y + (i / per_row) * (th + g);
        tile(app, ui, tiles[i], ImVec2(tx, ty), ImVec2(tx + tw, ty + th),
             tiles[i].tile == DashboardTile::invoiced ? progress : std::nullopt);
    }
    y += ((tile_count + per_row - 1) / per_row) * (th + g) + ui.px(4);
    weekly_chart(app, ui, ImVec2(col.x, y), ImVec2(col.x + col.width, y + ui.px(260)));
    ImGui::SetCursorScreenPos(ImVec2(col.x, y + ui.px(276)));
    ImGui::Dummy(ImVec2(1, 1));
}

}  // namespace tumen::app
