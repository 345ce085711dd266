// #/analysis: the pickers (measure, group-by, then-by, lost leads), the chart type, currency and CSV export, and
// the chart card or the stage flow below them (analysis_charts.cpp). What is chosen lives in the route.
#include <algorithm>

#include "analysis_view.hpp"
#include "lead_widgets.hpp"
#include "report_parts.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

// A picker over a list of names (ids are positions + 1); returns the chosen position.
std::optional<size_t> name_picker(AppState& app, Ui& ui, const char* id, const std::string& label, const std::vector<std::string>& keys,
                                  const std::string& prefix, const std::string& current, const std::string& none_label, float width) {
    std::vector<PickItem> items;
    for (size_t i = 0; i < keys.size(); ++i) items.push_back({static_cast<std::int64_t>(i + 1), app.tr(prefix + keys[i])});
    std::optional<std::int64_t> sel;
    for (size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == current) sel = static_cast<std::int64_t>(i + 1);
    FieldOptions opt;
    opt.width = width;
    opt.hint = none_label;  // shown when nothing is chosen
    if (!form_picker(ui, id, label, items, sel, none_label, opt)) return std::nullopt;
    return sel ? static_cast<size_t>(*sel - 1) : keys.size();  // keys.size() = none
}

}  // namespace

void draw_analysis(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& st = app.analysis();
    const auto& s = st.settings();
    ui.title = app.tr("app.name") + " — " + app.tr("report.analysis");
    const Column col = page_column(ui);
    const float top = ImGui::GetCursorScreenPos().y + ui.px(18);
    ImGui::SetCursorScreenPos(ImVec2(col.x, top));
    report_tabs(app, ui, true);
    // Charts | Stage flow, right-aligned.
    const std::string l_chart = app.tr("analysis.tab.chart"), l_flow = app.tr("analysis.tab.flow");
    std::vector<Choice> tabs = {{"chart", l_chart}, {"flow", l_flow}};
    int tab = s.flow ? 1 : 0;
    ImGui::SetCursorScreenPos(ImVec2(col.x + col.width - segmented_width(ui, tabs), top));
    if (segmented(ui, "analysis.tab", tabs, tab)) st.set_flow(tab == 1);

    float y = top + ui.px(50);
    ImGui::SetCursorScreenPos(ImVec2(col.x, y));
    text(ui, "analysis.title", app.tr("report.analysis"), ui.fonts.title, color::text);
    y += ui.fonts.title->FontSize + ui.px(14);

    // The pickers' row.
    const float g = ui.px(14), pw = std::min(ui.px(220), (col.width - 3 * g) / 4);
    float x = col.x;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (!s.flow) {
        std::vector<std::string> measures;
        for (auto m : analysis::all_measures()) measures.emplace_back(analysis::to_string(m));
        if (auto i = name_picker(app, ui, "analysis.measure", app.tr("analysis.measure"), measures, "analysis.measure.",
                                 std::string(analysis::to_string(s.measure)), "", pw);
            i && *i < measures.size())
            st.set_measure(analysis::all_measures()[*i]);
        x += pw + g;
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const auto& dims = client::analysis_group_bys();
        if (auto i = name_picker(app, ui, "analysis.group_by", app.tr("analysis.group_by"), dims, "analysis.dim.", s.group_by, "", pw);
            i && *i < dims.size())
            st.set_group_by(dims[*i]);
        x += pw + g;
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        if (auto i = name_picker(app, ui, "analysis.group_by2", app.tr("analysis.group_by2"), dims, "analysis.dim.", s.group_by2,
                                 app.tr("analysis.none"), pw))
            st.set_group_by2(*i < dims.size() ? dims[*i] : std::string());
        x += pw + g;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, y + ui.fonts.small->FontSize + ui.px(12)));
    bool lost = s.include_lost;
    if (checkbox(ui, "analysis.include_lost", app.tr("analysis.include_lost"), lost)) st.set_include_lost(lost);
    y += ui.fonts.small->FontSize + ui.px(5) + ui.px(40) + ui.px(14);

    if (!s.flow) {
        // Chart type, currency, export.
        std::vector<std::string> labels;
        for (auto k : client::all_charts()) labels.push_back(app.tr("analysis.chart." + std::string(client::chart_name(k))));
        std::vector<Choice> kinds;
        for (size_t i = 0; i < labels.size(); ++i) kinds.push_back({client::chart_name(client::all_charts()[i]), labels[i]});
        int kind = static_cast<int>(std::find(client::all_charts().begin(), client::all_charts().end(), s.chart) - client::all_charts().begin());
        ImGui::SetCursorScreenPos(ImVec2(col.x, y));
        if (segmented(ui, "analysis.chart", kinds, kind)) st.set_chart(client::all_charts()[kind]);
        float rx = col.x + col.width;
        const std::string exp = app.tr("analysis.export_csv");
        const float ew = text_size(ui.fonts.strong, exp).x + ui.px(32);
        rx -= ew;
        ImGui::SetCursorScreenPos(ImVec2(rx, y));
        if (button(ui, "analysis.export", exp, ButtonKind::secondary, ImVec2(ew, ui.px(34)), st.loaded() && !st.loading())) st.export_csv();
        const auto& curs = st.currencies();
        if (analysis::is_money(s.measure) && curs.size() > 1) {
            std::vector<Choice> cc;
            for (const auto& c : curs) cc.push_back({c, c});
            int ci = static_cast<int>(std::find(curs.begin(), curs.end(), st.currency()) - curs.begin());
            rx -= segmented_width(ui, cc) + ui.px(12);
            ImGui::SetCursorScreenPos(ImVec2(rx, y));
            if (segmented(ui, "analysis.currency", cc, ci)) st.set_currency(curs[ci]);
        }
        y += ui.px(34) + ui.px(16);
    }

    if (!st.error().empty()) {
        ImGui::SetCursorScreenPos(ImVec2(col.x, y));
        alert(ui, "analysis.error", st.error().render(app.language()), col.width);
        gap(ui, 6);
        if (button(ui, "analysis.retry", app.tr("report.retry"), ButtonKind::secondary, ImVec2(0, ui.px(32)))) st.reload();
        y = ImGui::GetCursorScreenPos().y + ui.px(10);
    }
    if (st.loading()) {
        ImGui::SetCursorScreenPos(ImVec2(col.x, y));
        loading_line(app, ui, "analysis.loading");
        y += ui.fonts.body->FontSize + ui.px(12);
    }
    if (!st.loaded() || !st.error().empty()) return;
    const float bottom = std::max(y + ui.px(320), ImGui::GetIO().DisplaySize.y - ui.px(24));
    if (s.flow) analysis_flow(app, ui, ImVec2(col.x, y), ImVec2(col.x + col.width, bottom));
    else analysis_chart(app, ui, ImVec2(col.x, y), ImVec2(col.x + col.width, bottom));
}

}  // namespace tumen::app
