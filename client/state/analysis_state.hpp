// #/analysis: the pipeline analysis view model. What is shown (measure, one or two group-bys, chart type, lost
// leads included) lives in the route's query, so reload, back and shared links restore it; every change navigates
// and the new route loads GET /api/v1/leads/analysis. The answer becomes the shared pivot (totals made from the
// summed parts), the chart's value table, the CSV, and click-through routes to the leads list. The "Stage flow"
// tab loads GET /api/v1/leads/stage-flow with the stage names.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chart_geometry.hpp"
#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/analysis.hpp"
#include "tumen/route.hpp"
#include "tumen/stage_flow.hpp"

namespace tumen::client {

class AppState;

enum class ChartKind { bar, line, pie, funnel, table };
std::string_view chart_name(ChartKind k);
std::optional<ChartKind> chart_from(std::string_view name);
const std::vector<ChartKind>& all_charts();
// The group-bys the view offers (a subset of analysis::dimensions(), in menu order).
const std::vector<std::string>& analysis_group_bys();

struct AnalysisSettings {
    analysis::Measure measure = analysis::Measure::count;
    std::string group_by = "stage", group_by2;  // group_by2 "" = none
    ChartKind chart = ChartKind::bar;
    bool include_lost = false;                  // active=all: win rates need the lost leads
    bool flow = false;                          // the Stage flow tab
    bool operator==(const AnalysisSettings&) const = default;
};
AnalysisSettings parse_analysis_query(std::string_view query);
std::string format_analysis_query(const AnalysisSettings& s);

class AnalysisState {
public:
    explicit AnalysisState(AppState& app) : io_(app), app_(app) {}

    // The route changed: (re)load when #/analysis asks for something else than what is shown.
    void on_route(const Route& route);
    void reset();

    const AnalysisSettings& settings() const { return settings_; }
    // Each navigates to the new route (a history entry), which loads.
    void set_measure(analysis::Measure m);
    void set_group_by(const std::string& dimension);
    void set_group_by2(const std::string& dimension);  // "" = none
    void set_chart(ChartKind k);
    void set_include_lost(bool on);
    void set_flow(bool on);
    void reload();

    bool loading() const { return loading_; }
    const Message& error() const { return error_; }
    bool loaded() const { return loaded_; }

    const analysis::Answer& answer() const { return answer_; }
    const analysis::Pivot& pivot() const { return pivot_; }
    const std::vector<std::string>& currencies() const { return currencies_; }
    const std::string& currency() const { return currency_; }
    void set_currency(const std::string& c) { currency_ = c; }

    // The chart's values: rows = pivot rows, series = pivot columns; labels of null keys are `none_label`.
    chart::Table table(const std::string& none_label) const;
    // The measure's value as text (money via money_text, days with one decimal, rates as percent); "–" for none.
    std::string value_text(std::optional<double> v) const;

    // Click-through: the leads of a pivot row (and column, when given) in the list.
    Route drill(size_t row, std::optional<size_t> column) const;
    void open(size_t row, std::optional<size_t> column);

    std::string csv() const;
    void export_csv();  // through Host::save_file

    // Stage flow.
    const analysis::StageFlow& flow() const { return flow_; }
    const std::vector<std::pair<std::int64_t, std::string>>& stages() const { return stages_; }  // pipeline order
    std::string stage_name(std::int64_t id) const;

    nlohmann::json probe() const;

private:
    void load();
    void go(const AnalysisSettings& s);
    std::string base_query() const;

    SettingsIo io_;
    AppState& app_;
    AnalysisSettings settings_;
    std::optional<AnalysisSettings> shown_;  // what the loaded data is for
    std::uint64_t gen_ = 0;
    bool loading_ = false, loaded_ = false;
    Message error_;
    analysis::Answer answer_;
    analysis::Pivot pivot_;
    std::vector<std::string> currencies_;
    std::string currency_;
    analysis::StageFlow flow_;
    std::vector<std::pair<std::int64_t, std::string>> stages_;
};

}  // namespace tumen::client
