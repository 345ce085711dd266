// The analysis charts drawn with ImGui draw lists from the geometry of client/state/chart_geometry: bars (stacked
// when the measure adds up), lines, pie, funnel and the pivot table. Hovering shows the value; a click opens the
// leads behind it. Every bar, point, slice, row and cell is recorded for the browser tests.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "analysis_view.hpp"
#include "lead_widgets.hpp"
#include "report_parts.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;
using client::AnalysisState;
namespace chart = client::chart;

namespace {

struct Ctx {
    AppState& app;
    Ui& ui;
    ImDrawList* dl;
    const AnalysisState& st;
    const chart::Table& t;
    bool multi;  // a second group-by: one colour per series and a legend
};

// Hover and click only when no drop-down is open over the chart.
bool pointer_free() { return ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId); }

std::string axis_label(const AnalysisState& st, AppState& app, double v, double step) {
    using analysis::Measure;
    char buf[48];
    switch (st.settings().measure) {
        case Measure::expected_revenue:
        case Measure::weighted_revenue:
            return client::money_compact(Money{static_cast<std::int64_t>(std::llround(v)), st.currency()}, app.language());
        case Measure::win_rate: std::snprintf(buf, sizeof buf, "%.0f%%", v); return buf;
        default: std::snprintf(buf, sizeof buf, step < 1 ? "%.1f" : "%.0f", v); return buf;
    }
}

std::string cell_title(const Ctx& c, const chart::Hit& h) {
    std::string s = c.t.categories[h.category];
    if (c.multi && h.series < c.t.series.size()) s += " · " + c.t.series[h.series];
    return s;
}

void open_hit(const Ctx& c, const chart::Hit& h) {
    c.app.analysis().open(h.category, c.multi ? std::optional<size_t>(h.series) : std::nullopt);
}

// The legend of the second group-by along the top; returns its height.
float legend(const Ctx& c, ImVec2 a, float width) {
    if (!c.multi) return 0;
    Ui& ui = c.ui;
    float x = a.x, y = a.y;
    const float line_h = ui.fonts.small->FontSize + ui.px(8), sw = ui.px(10);
    for (size_t s = 0; s < c.t.series.size(); ++s) {
        const std::string label = fit_text(ui.fonts.small, c.t.series[s], ui.px(180));
        const float w = sw + ui.px(6) + text_size(ui.fonts.small, label).x + ui.px(16);
        if (x + w > a.x + width && x > a.x) x = a.x, y += line_h;
        const float cy = y + line_h / 2 - ui.px(4);
        c.dl->AddRectFilled(ImVec2(x, cy - sw / 2), ImVec2(x + sw, cy + sw / 2), series_color(s), ui.px(2));
        c.dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(x + sw + ui.px(6), cy - ui.fonts.small->FontSize / 2),
                      color::text_secondary, label.c_str());
        ui.record("analysis.legend." + std::to_string(s), c.t.series[s], "legend", ImVec2(x, cy - sw / 2), ImVec2(x + w, cy + sw / 2));
        x += w;
    }
    return y - a.y + line_h + ui.px(4);
}

// Bars and lines share the value axis and the category labels.
void axes_chart(const Ctx& c, ImVec2 a, ImVec2 b, bool lines) {
    Ui& ui = c.ui;
    using analysis::Measure;
    const Measure m = c.st.settings().measure;
    const bool additive = m == Measure::count || m == Measure::expected_revenue || m == Measure::weighted_revenue;
    const bool stacked = c.multi && additive && !lines;
    const auto [lo, hi] = c.t.range(stacked);
    const chart::Ticks ticks = chart::nice_ticks(lo, hi, 5);
    auto label = [&](double v) { return axis_label(c.st, c.app, v, ticks.step); };
    const float pad = ui.px(18);
    const float legend_h = legend(c, ImVec2(a.x + pad, a.y + pad), b.x - a.x - 2 * pad);
    const float axis_w = value_axis_width(ui, ticks, label);
    const chart::Rect plot{a.x + pad + axis_w + ui.px(10), a.y + pad + legend_h + ui.px(8), b.x - pad,
                           b.y - pad - ui.fonts.small->FontSize - ui.px(8)};
    value_axis(ui, c.dl, plot, ticks, label);
    const chart::Scale y{ticks.min, ticks.max, plot.y1, plot.y0};
    const size_t n = c.t.categories.size();
    const float band = n ? plot.width() / n : plot.width();
    for (size_t i = 0; i < n; ++i) {
        const std::string s = fit_text(ui.fonts.small, c.t.categories[i], band - ui.px(4));
        const float cx = chart::band_centre(plot, n, i);
        const ImVec2 ts = text_size(ui.fonts.small, s);
        c.dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(cx - ts.x / 2, plot.y1 + ui.px(6)), color::text_secondary, s.c_str());
        ui.record("analysis.category." + std::to_string(i), c.t.categories[i], "text", ImVec2(cx - ts.x / 2, plot.y1 + ui.px(6)),
                  ImVec2(cx + ts.x / 2, plot.y1 + ui.px(6) + ts.y));
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::optional<chart::Hit> hit;
    std::optional<double> hit_value;
    if (!lines) {
        const auto bars = chart::layout_bars(c.t, plot, y, stacked, c.multi && !stacked ? 0.2f : 0.35f);
        if (pointer_free()) hit = chart::hit_bars(bars, mouse.x, mouse.y);
        for (const auto& bar : bars) {
            const bool hot = hit && *hit == bar.at;
            const ImU32 col = series_color(c.multi ? bar.at.series : 0);
            c.dl->AddRectFilled(ImVec2(bar.rect.x0, bar.rect.y0), ImVec2(bar.rect.x1, bar.rect.y1), hot ? with_alpha(col, 0xC0) : col,
                                stacked ? 0 : ui.px(3), ImDrawFlags_RoundCornersTop);
            if (hot) hit_value = bar.value;
            ui.record("analysis.bar." + std::to_string(bar.at.category) + "." + std::to_string(bar.at.series), cell_title(c, bar.at),
                      "bar", ImVec2(bar.rect.x0, bar.rect.y0), ImVec2(bar.rect.x1, std::max(bar.rect.y1, bar.rect.y0 + 1)),
                      c.st.value_text(bar.value));
        }
    } else {
        const auto series = chart::layout_lines(c.t, plot, y);
        if (pointer_free()) hit = chart::hit_lines(series, mouse.x, mouse.y, ui.px(10));
        for (size_t s = 0; s < series.size(); ++s) {
            const ImU32 col = series_color(s);
            std::vector<ImVec2> pts;
            for (const auto& p : series[s]) pts.emplace_back(p.x, p.y);
            if (pts.size() > 1) c.dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, ui.px(2.5f));
            for (const auto& p : series[s]) {
                const bool hot = hit && *hit == p.at;
                c.dl->AddCircleFilled(ImVec2(p.x, p.y), hot ? ui.px(6) : ui.px(4), col);
                if (hot) hit_value = p.value;
                ui.record("analysis.point." + std::to_string(p.at.category) + "." + std::to_string(p.at.series), cell_title(c, p.at),
                          "point", ImVec2(p.x - ui.px(4), p.y - ui.px(4)), ImVec2(p.x + ui.px(4), p.y + ui.px(4)),
                          c.st.value_text(p.value));
            }
        }
    }
    if (hit) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        hover_tooltip(ui, "analysis.tooltip", cell_title(c, *hit), c.st.value_text(hit_value));
        if (ImGui::IsMouseClicked(0)) open_hit(c, *hit);
    }
}

void pie_chart(const Ctx& c, ImVec2 a, ImVec2 b) {
    Ui& ui = c.ui;
    const auto slices = chart::layout_pie(c.t);
    const float pad = ui.px(24);
    const float legend_w = std::min(ui.px(320), (b.x - a.x) * 0.45f);
    const float r = std::max(ui.px(40), std::min(b.y - a.y - 2 * pad, b.x - a.x - legend_w - 3 * pad) / 2);
    const ImVec2 centre(a.x + pad + r, (a.y + b.y) / 2);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto hit = pointer_free() ? chart::hit_pie(slices, centre.x, centre.y, r, mouse.x, mouse.y) : std::nullopt;
    const float quarter = std::numbers::pi_v<float> / 2;
    for (const auto& s : slices) {
        const bool hot = hit && *hit == s.category;
        const ImU32 col = series_color(s.category);
        const float rr = hot ? r + ui.px(6) : r;
        // In convex pieces of at most a quarter turn (PathFillConvex); ImGui's angle 0 is 3 o'clock.
        for (float from = s.a0; from < s.a1; from += quarter) {
            const float to = std::min(s.a1, from + quarter);
            c.dl->PathLineTo(centre);
            c.dl->PathArcTo(centre, rr, from - quarter, to - quarter, 24);
            c.dl->PathFillConvex(col);
        }
        if (slices.size() > 1) {
            const ImVec2 edge(centre.x + std::sin(s.a0) * rr, centre.y - std::cos(s.a0) * rr);
            c.dl->AddLine(centre, edge, color::surface, ui.px(2));
        }
        const float mid = (s.a0 + s.a1) / 2;
        const ImVec2 p(centre.x + std::sin(mid) * r * 0.62f, centre.y - std::cos(mid) * r * 0.62f);
        ui.record("analysis.slice." + std::to_string(s.category), c.t.categories[s.category], "slice",
                  ImVec2(p.x - ui.px(3), p.y - ui.px(3)), ImVec2(p.x + ui.px(3), p.y + ui.px(3)), c.st.value_text(s.value));
    }
    // The legend: colour, label, value and share.
    float ly = a.y + pad;
    const float lx = centre.x + r + 2 * pad;
    const float row_h = ui.fonts.body->FontSize + ui.px(10);
    for (const auto& s : slices) {
        if (ly + row_h > b.y - ui.px(8)) break;
        const bool hot = hit && *hit == s.category;
        c.dl->AddRectFilled(ImVec2(lx, ly + ui.px(4)), ImVec2(lx + ui.px(12), ly + ui.px(16)), series_color(s.category), ui.px(3));
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f%%", s.share * 100);
        const std::string right = c.st.value_text(s.value) + "  " + pct;
        const float rw = text_size(ui.fonts.body, right).x;
        const std::string label = fit_text(ui.fonts.body, c.t.categories[s.category], b.x - pad - lx - ui.px(22) - rw - ui.px(12));
        c.dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(lx + ui.px(20), ly), hot ? color::primary : color::text, label.c_str());
        c.dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(b.x - pad - rw, ly), color::text_secondary, right.c_str());
        ly += row_h;
    }
    if (slices.empty()) {
        c.dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(a.x + pad, a.y + pad), color::text_muted,
                      c.app.tr("analysis.empty").c_str());
    }
    if (hit) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const auto& s = *std::find_if(slices.begin(), slices.end(), [&](const chart::Slice& x) { return x.category == *hit; });
        hover_tooltip(ui, "analysis.tooltip", c.t.categories[*hit], c.st.value_text(s.value));
        if (ImGui::IsMouseClicked(0)) c.app.analysis().open(*hit, std::nullopt);
    }
}

void funnel_chart(const Ctx& c, ImVec2 a, ImVec2 b) {
    Ui& ui = c.ui;
    const float pad = ui.px(20);
    const float label_w = std::min(ui.px(300), (b.x - a.x) * 0.35f);
    const chart::Rect area{a.x + pad, a.y + pad, b.x - pad - label_w, b.y - pad};
    auto rows = chart::layout_funnel(c.t, area, ui.px(4));
    // Rows no taller than comfortable: a funnel of three stages should not fill the card.
    const float max_h = ui.px(56);
    if (!rows.empty() && rows[0].rect.height() > max_h) {
        const chart::Rect tight{area.x0, area.y0, area.x1, area.y0 + rows.size() * (max_h + ui.px(4))};
        rows = chart::layout_funnel(c.t, tight, ui.px(4));
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto hit = pointer_free() ? chart::hit_funnel(rows, mouse.x, mouse.y) : std::nullopt;
    for (const auto& r : rows) {
        const float cx = (r.rect.x0 + r.rect.x1) / 2;
        const bool hot = hit && *hit == r.category;
        const ImU32 col = series_color(r.category);
        c.dl->AddQuadFilled(ImVec2(cx - r.width_top / 2, r.rect.y0), ImVec2(cx + r.width_top / 2, r.rect.y0),
                            ImVec2(cx + r.width_bottom / 2, r.rect.y1), ImVec2(cx - r.width_bottom / 2, r.rect.y1),
                            hot ? with_alpha(col, 0xC0) : col);
        const std::string value = c.st.value_text(r.value);
        const float ty = (r.rect.y0 + r.rect.y1) / 2 - ui.fonts.body->FontSize / 2;
        const std::string label = fit_text(ui.fonts.body, c.t.categories[r.category], label_w - text_size(ui.fonts.strong, value).x - ui.px(24));
        c.dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(area.x1 + ui.px(16), ty), color::text, label.c_str());
        c.dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize,
                      ImVec2(b.x - pad - text_size(ui.fonts.strong, value).x, ty), color::text_secondary, value.c_str());
        ui.record("analysis.funnel." + std::to_string(r.category), c.t.categories[r.category], "funnel",
                  ImVec2(cx - r.width_top / 2, r.rect.y0), ImVec2(cx + r.width_top / 2, r.rect.y1), value);
    }
    if (hit) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        hover_tooltip(ui, "analysis.tooltip", c.t.categories[*hit], c.st.value_text(rows[*hit].value));
        if (ImGui::IsMouseClicked(0)) c.app.analysis().open(*hit, std::nullopt);
    }
}

// The pivot: rows x columns with totals; a cell or a row total opens its leads.
void pivot_table(const Ctx& c, ImVec2 a, ImVec2 b) {
    Ui& ui = c.ui;
    const auto& p = c.st.pivot();
    const auto m = c.st.settings().measure;
    const std::string cur = c.st.currency();
    const std::string none = c.app.tr("analysis.none"), total = c.app.tr("analysis.total");
    const size_t cols = p.columns.size();
    const bool multi = c.multi;
    const float pad = ui.px(16), row_h = ui.px(32);
    const float head_w = std::min(ui.px(240), (b.x - a.x) * 0.3f);
    const size_t value_cols = (multi ? cols : 0) + 1;
    const float col_w = std::max(ui.px(110), (b.x - a.x - 2 * pad - head_w) / value_cols);
    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, a.y + pad));
    ImGui::BeginChild("##analysis.pivot", ImVec2(b.x - a.x - 2 * pad, b.y - a.y - 2 * pad), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const bool free = !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && ImGui::IsWindowHovered();
    auto cell = [&](const std::string& id, float x, float y, float w, const std::string& s, ImFont* font, ImU32 col, bool right,
                    std::function<void()> on_click) {
        const ImVec2 ca(x, y), cb(x + w, y + row_h);
        const bool hot = on_click && free && ImGui::IsMouseHoveringRect(ca, cb);
        if (hot) dl->AddRectFilled(ca, cb, color::primary_soft);
        const std::string shown = fit_text(font, s, w - ui.px(16));
        const ImVec2 ts = text_size(font, shown);
        dl->AddText(font, font->FontSize, ImVec2(right ? cb.x - ui.px(8) - ts.x : ca.x + ui.px(8), y + (row_h - ts.y) / 2), col, shown.c_str());
        ui.record(id, s, "cell", ca, cb, s);
        if (hot) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            if (ImGui::IsMouseClicked(0)) on_click();
        }
    };
    const float table_w = head_w + col_w * value_cols;
    float y = o.y;
    // Header.
    dl->AddRectFilled(ImVec2(o.x, y), ImVec2(o.x + table_w, y + row_h), color::surface_muted);
    cell("analysis.head", o.x, y, head_w, "", ui.fonts.strong, color::text, false, nullptr);
    if (multi)
        for (size_t j = 0; j < cols; ++j)
            cell("analysis.col." + std::to_string(j), o.x + head_w + col_w * j, y, col_w,
                 p.columns[j].label.empty() ? none : p.columns[j].label, ui.fonts.strong, color::text, true, nullptr);
    cell("analysis.col.total", o.x + head_w + col_w * (value_cols - 1), y, col_w, total, ui.fonts.strong, color::text, true, nullptr);
    y += row_h;
    for (size_t i = 0; i < p.rows.size(); ++i) {
        dl->AddLine(ImVec2(o.x, y), ImVec2(o.x + table_w, y), color::border, ui.px(1));
        cell("analysis.row." + std::to_string(i), o.x, y, head_w, p.rows[i].label.empty() ? none : p.rows[i].label, ui.fonts.body,
             color::text, false, nullptr);
        if (multi)
            for (size_t j = 0; j < cols; ++j)
                cell("analysis.cell." + std::to_string(i) + "." + std::to_string(j), o.x + head_w + col_w * j, y, col_w,
                     c.st.value_text(analysis::value_of(p.cells[i][j], m, cur)), ui.fonts.body, color::text, true,
                     [&c, i, j] { c.app.analysis().open(i, j); });
        cell("analysis.row_total." + std::to_string(i), o.x + head_w + col_w * (value_cols - 1), y, col_w,
             c.st.value_text(analysis::value_of(p.row_totals[i], m, cur)), ui.fonts.strong, color::text, true,
             [&c, i] { c.app.analysis().open(i, std::nullopt); });
        y += row_h;
    }
    dl->AddLine(ImVec2(o.x, y), ImVec2(o.x + table_w, y), color::border_strong, ui.px(1));
    cell("analysis.total_label", o.x, y, head_w, total, ui.fonts.strong, color::text, false, nullptr);
    if (multi)
        for (size_t j = 0; j < cols; ++j)
            cell("analysis.col_total." + std::to_string(j), o.x + head_w + col_w * j, y, col_w,
                 c.st.value_text(analysis::value_of(p.column_totals[j], m, cur)), ui.fonts.strong, color::text, true, nullptr);
    cell("analysis.total", o.x + head_w + col_w * (value_cols - 1), y, col_w, c.st.value_text(analysis::value_of(p.total, m, cur)),
         ui.fonts.strong, color::text, true, nullptr);
    y += row_h;
    ImGui::SetCursorScreenPos(ImVec2(o.x, y));
    ImGui::Dummy(ImVec2(table_w, ui.px(4)));
    ImGui::EndChild();
}

}  // namespace

void analysis_chart(AppState& app, Ui& ui, ImVec2 a, ImVec2 b) {
    const auto& st = app.analysis();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, a, b, ui.px(10));
    const chart::Table t = st.table(app.tr("analysis.none"));
    const Ctx c{app, ui, dl, st, t, !st.answer().group_by2.empty()};
    if (t.categories.empty()) {
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(a.x + ui.px(20), a.y + ui.px(20)), color::text_muted,
                    app.tr("analysis.empty").c_str());
        ui.record("analysis.empty", app.tr("analysis.empty"), "text", a, ImVec2(a.x + ui.px(200), a.y + ui.px(40)));
        return;
    }
    switch (st.settings().chart) {
        case client::ChartKind::bar: axes_chart(c, a, b, false); break;
        case client::ChartKind::line: axes_chart(c, a, b, true); break;
        case client::ChartKind::pie: pie_chart(c, a, b); break;
        case client::ChartKind::funnel: funnel_chart(c, a, b); break;
        case client::ChartKind::table: pivot_table(c, a, b); break;
    }
}

void analysis_flow(AppState& app, Ui& ui, ImVec2 a, ImVec2 b) {
    const auto& st = app.analysis();
    const auto& flow = st.flow();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, a, b, ui.px(10));
    const float pad = ui.px(20), row_h = ui.px(32);
    float y = a.y + pad;
    const float x = a.x + pad, w = b.x - a.x - 2 * pad;
    const std::string leads = app.tr("analysis.flow.leads", {{"count", std::to_string(flow.leads)}});
    dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(x, y), color::text_secondary, leads.c_str());
    ui.record("analysis.flow.leads", leads, "text", ImVec2(x, y), ImVec2(x + text_size(ui.fonts.body, leads).x, y + ui.fonts.body->FontSize));
    y += ui.fonts.body->FontSize + ui.px(14);
    // Stages in pipeline order, then any the names do not cover.
    std::vector<std::int64_t> order;
    for (const auto& [id, name] : st.stages())
        if (flow.stages.count(id)) order.push_back(id);
    for (const auto& [id, stats] : flow.stages)
        if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
    double longest = 0;
    for (auto id : order) longest = std::max(longest, flow.mean_days(id).value_or(0));
    const float c1 = x, c2 = x + w * 0.30f, c3 = x + w * 0.42f, c4 = x + w * 0.54f;
    auto head = [&](float cx, const std::string& s) { dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(cx, y), color::text_secondary, s.c_str()); };
    head(c1, app.tr("analysis.flow.stage"));
    head(c2, app.tr("analysis.flow.entered"));
    head(c3, app.tr("analysis.flow.current"));
    head(c4, app.tr("analysis.flow.mean_days"));
    y += row_h;
    for (auto id : order) {
        const auto& s = flow.stages.at(id);
        dl->AddLine(ImVec2(x, y - ui.px(6)), ImVec2(x + w, y - ui.px(6)), color::border, ui.px(1));
        const std::string name = fit_text(ui.fonts.body, st.stage_name(id), c2 - c1 - ui.px(10));
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(c1, y), color::text, name.c_str());
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(c2, y), color::text, std::to_string(s.entered).c_str());
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(c3, y), color::text, std::to_string(s.current).c_str());
        const auto days = flow.mean_days(id);
        std::string dtext = "–";
        if (days) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1f", *days);
            dtext = app.tr("analysis.days_value", {{"days", buf}});
            const float bw = (x + w - c4 - ui.px(120)) * static_cast<float>(longest > 0 ? *days / longest : 0);
            dl->AddRectFilled(ImVec2(c4 + ui.px(110), y + ui.px(3)), ImVec2(c4 + ui.px(110) + std::max(bw, ui.px(2)), y + ui.px(15)),
                              series_color(0), ui.px(3));
        }
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(c4, y), color::text, dtext.c_str());
        ui.record("analysis.flow.stage." + std::to_string(id), st.stage_name(id), "row", ImVec2(x, y), ImVec2(x + w, y + row_h - ui.px(8)), dtext);
        y += row_h;
        if (y > b.y - ui.px(120)) break;
    }
    y += ui.px(10);
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(x, y), color::text, app.tr("analysis.flow.moves").c_str());
    y += ui.fonts.strong->FontSize + ui.px(10);
    std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::int64_t>> moves(flow.moves.begin(), flow.moves.end());
    std::sort(moves.begin(), moves.end(), [](const auto& l, const auto& r) { return l.second > r.second; });
    if (moves.empty())
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(x, y), color::text_muted, app.tr("analysis.flow.no_moves").c_str());
    for (const auto& [ft, count] : moves) {
        if (y + ui.fonts.body->FontSize > b.y - pad) break;
        const auto conv = flow.conversion(ft.first, ft.second);
        const std::string line = app.tr("analysis.flow.move_line", {{"from", st.stage_name(ft.first)}, {"to", st.stage_name(ft.second)},
                                                                    {"count", std::to_string(count)},
                                                                    {"percent", std::to_string(static_cast<int>(std::lround(conv.value_or(0) * 100)))}});
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(x, y), color::text, line.c_str());
        ui.record("analysis.flow.move." + std::to_string(ft.first) + "." + std::to_string(ft.second), line, "text", ImVec2(x, y),
                  ImVec2(x + text_size(ui.fonts.body, line).x, y + ui.fonts.body->FontSize));
        y += ui.fonts.body->FontSize + ui.px(8);
    }
}

}  // namespace tumen::app
