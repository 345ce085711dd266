#include "analysis_state.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis_drill.hpp"
#include "api_io.hpp"
#include "app_state.hpp"
#include "board_query.hpp"
#include "money_text.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

constexpr std::pair<ChartKind, std::string_view> chart_names[] = {
    {ChartKind::bar, "bar"}, {ChartKind::line, "line"}, {ChartKind::pie, "pie"},
    {ChartKind::funnel, "funnel"}, {ChartKind::table, "table"}};

}  // namespace

std::string_view chart_name(ChartKind k) {
    for (const auto& [kind, name] : chart_names)
        if (kind == k) return name;
    return "bar";
}

std::optional<ChartKind> chart_from(std::string_view name) {
    for (const auto& [kind, n] : chart_names)
        if (n == name) return kind;
    return std::nullopt;
}

const std::vector<ChartKind>& all_charts() {
    static const std::vector<ChartKind> all = {ChartKind::bar, ChartKind::line, ChartKind::pie, ChartKind::funnel,
                                               ChartKind::table};
    return all;
}

const std::vector<std::string>& analysis_group_bys() {
    static const std::vector<std::string> names = {"stage",  "user", "team",         "country",
                                                   "source", "tag",  "create_month", "deadline_month"};
    return names;
}

AnalysisSettings parse_analysis_query(std::string_view query) {
    AnalysisSettings s;
    if (auto m = analysis::measure_from(query_value(query, "measure"))) s.measure = *m;
    const std::string g1 = query_value(query, "group_by"), g2 = query_value(query, "group_by2");
    if (analysis::is_dimension(g1)) s.group_by = g1;
    if (analysis::is_dimension(g2) && g2 != s.group_by) s.group_by2 = g2;
    if (auto c = chart_from(query_value(query, "chart"))) s.chart = *c;
    s.include_lost = query_value(query, "lost") == "1";
    s.flow = query_value(query, "tab") == "flow";
    return s;
}

std::string format_analysis_query(const AnalysisSettings& s) {
    const AnalysisSettings d;
    return query_string({{"measure", s.measure == d.measure ? "" : std::string(analysis::to_string(s.measure))},
                         {"group_by", s.group_by == d.group_by ? "" : s.group_by},
                         {"group_by2", s.group_by2},
                         {"chart", s.chart == d.chart ? "" : std::string(chart_name(s.chart))},
                         {"lost", s.include_lost ? "1" : ""},
                         {"tab", s.flow ? "flow" : ""}});
}

void AnalysisState::on_route(const Route& route) {
    if (route.view != View::analysis) return;
    settings_ = parse_analysis_query(route.query);
    // The chart type and the measure are drawn from the same parts: only the data's parameters ask the server again.
    auto data_of = [](AnalysisSettings s) {
        s.chart = ChartKind::bar;
        s.measure = analysis::Measure::count;
        return s;
    };
    if (shown_ && data_of(*shown_) == data_of(settings_) && (loaded_ || loading_)) {
        shown_ = settings_;
        return;
    }
    load();
}

void AnalysisState::reset() {
    io_.reset();
    ++gen_;
    shown_.reset();
    loading_ = loaded_ = false;
    error_ = {};
    answer_ = {};
    pivot_ = {};
    flow_ = {};
    stages_.clear();
    currencies_.clear();
    currency_.clear();
}

void AnalysisState::go(const AnalysisSettings& s) {
    Route r = Route::analysis();
    r.query = format_analysis_query(s);
    app_.navigate(r);
}

void AnalysisState::set_measure(analysis::Measure m) {
    AnalysisSettings s = settings_;
    s.measure = m;
    // A win rate over open and won leads only would always be 100 %: count the lost ones.
    if (m == analysis::Measure::win_rate) s.include_lost = true;
    go(s);
}

void AnalysisState::set_group_by(const std::string& dimension) {
    if (!analysis::is_dimension(dimension)) return;
    AnalysisSettings s = settings_;
    s.group_by = dimension;
    if (s.group_by2 == dimension) s.group_by2.clear();
    go(s);
}

void AnalysisState::set_group_by2(const std::string& dimension) {
    if (!dimension.empty() && (!analysis::is_dimension(dimension) || dimension == settings_.group_by)) return;
    AnalysisSettings s = settings_;
    s.group_by2 = dimension;
    go(s);
}

void AnalysisState::set_chart(ChartKind k) {
    AnalysisSettings s = settings_;
    s.chart = k;
    go(s);
}

void AnalysisState::set_include_lost(bool on) {
    AnalysisSettings s = settings_;
    s.include_lost = on;
    go(s);
}

void AnalysisState::set_flow(bool on) {
    AnalysisSettings s = settings_;
    s.flow = on;
    go(s);
}

void AnalysisState::reload() {
    shown_.reset();
    load();
}

std::string AnalysisState::base_query() const { return settings_.include_lost ? "active=all" : "active=true"; }

void AnalysisState::load() {
    const std::uint64_t gen = ++gen_;
    shown_ = settings_;
    loading_ = true;
    error_ = {};
    auto fail = [this, gen](const HttpResponse& reply) {
        if (gen != gen_) return true;
        if (reply.ok()) return false;
        loading_ = false;
        error_ = problem_message(reply);
        return true;
    };
    if (settings_.flow) {
        // Names first (they order the rows), then the flow.
        io_.send("GET", "/api/v1/stages", nullptr, [this, fail](const HttpResponse& reply) {
            if (fail(reply)) return;
            stages_.clear();
            const json j = reply_json(reply);
            if (j.contains("items") && j["items"].is_array())
                for (const auto& s : j["items"])
                    if (s.is_object() && s.contains("id") && s["id"].is_number_integer())
                        stages_.emplace_back(s["id"].get<std::int64_t>(), s.value("name", ""));
            io_.send("GET", "/api/v1/leads/stage-flow?" + base_query(), nullptr, [this, fail](const HttpResponse& r) {
                if (fail(r)) return;
                loading_ = false;
                loaded_ = true;
                flow_ = analysis::stage_flow_from_json(reply_json(r));
            });
        });
        return;
    }
    const std::string path = "/api/v1/leads/analysis?" +
                             query_string({{"group_by", settings_.group_by}, {"group_by2", settings_.group_by2}}) + "&" +
                             base_query();
    io_.send("GET", path, nullptr, [this, fail](const HttpResponse& reply) {
        if (fail(reply)) return;
        loading_ = false;
        loaded_ = true;
        try {
            answer_ = reply_json(reply).get<analysis::Answer>();
        } catch (const std::exception&) {
            answer_ = {};
            error_ = Message::from_key("analysis.bad_reply");
        }
        pivot_ = analysis::pivot(answer_);
        currencies_ = analysis::currencies(answer_);
        if (std::find(currencies_.begin(), currencies_.end(), currency_) == currencies_.end())
            currency_ = currencies_.empty() ? std::string() : currencies_.front();
    });
}

chart::Table AnalysisState::table(const std::string& none_label) const {
    chart::Table t;
    for (const auto& r : pivot_.rows) t.categories.push_back(r.label.empty() ? none_label : r.label);
    for (const auto& c : pivot_.columns) t.series.push_back(c.label.empty() && !answer_.group_by2.empty() ? none_label : c.label);
    for (const auto& row : pivot_.cells) {
        std::vector<std::optional<double>> values;
        for (const auto& cell : row) values.push_back(analysis::value_of(cell, settings_.measure, currency_));
        t.values.push_back(std::move(values));
    }
    return t;
}

std::string AnalysisState::value_text(std::optional<double> v) const {
    if (!v) return "–";
    char buf[64];
    switch (settings_.measure) {
        case analysis::Measure::count: std::snprintf(buf, sizeof buf, "%.0f", *v); return buf;
        case analysis::Measure::expected_revenue:
        case analysis::Measure::weighted_revenue:
            return money_text(Money{static_cast<std::int64_t>(std::llround(*v)), currency_}, app_.language());
        case analysis::Measure::days_to_close: std::snprintf(buf, sizeof buf, "%.1f", *v); break;
        case analysis::Measure::win_rate: std::snprintf(buf, sizeof buf, "%.1f%%", *v); return buf;
    }
    return app_.tr("analysis.days_value", {{"days", buf}});
}

Route AnalysisState::drill(size_t row, std::optional<size_t> column) const {
    std::string c1, c2;
    if (row < pivot_.rows.size()) c1 = drill_clause(answer_.group_by, pivot_.rows[row].key);
    if (column && !answer_.group_by2.empty() && *column < pivot_.columns.size())
        c2 = drill_clause(answer_.group_by2, pivot_.columns[*column].key);
    return drill_route(and_clauses({c1, c2}), shown_ ? shown_->include_lost : settings_.include_lost);
}

void AnalysisState::open(size_t row, std::optional<size_t> column) { app_.navigate(drill(row, column)); }

std::string AnalysisState::csv() const {
    return analysis::pivot_csv(pivot_, settings_.measure, currency_, app_.tr("analysis.none"), app_.tr("analysis.total"));
}

void AnalysisState::export_csv() {
    if (!loaded_) return;
    app_.host().save_file("pipeline-analysis.csv", "text/csv", csv());
}

std::string AnalysisState::stage_name(std::int64_t id) const {
    for (const auto& [sid, name] : stages_)
        if (sid == id) return name;
    return "#" + std::to_string(id);
}

json AnalysisState::probe() const {
    json j = {{"measure", analysis::to_string(settings_.measure)}, {"group_by", settings_.group_by},
              {"group_by2", settings_.group_by2}, {"chart", chart_name(settings_.chart)},
              {"tab", settings_.flow ? "flow" : "chart"}, {"loading", loading_},
              {"error", error_.render(app_.language())}, {"currency", currency_}};
    const auto t = table(app_.tr("analysis.none"));
    j["rows"] = t.categories;
    j["columns"] = t.series;
    json values = json::array();
    for (const auto& row : t.values) {
        json r = json::array();
        for (const auto& v : row) r.push_back(v ? json(*v) : json());
        values.push_back(r);
    }
    j["values"] = values;
    j["flow_leads"] = flow_.leads;
    return j;
}

}  // namespace tumen::client
