// #/analysis and #/dashboard against a fake server: the settings live in the route (reload and back restore them;
// a chart type change asks nothing again), the answer becomes the pivot and the chart's table, values are worded
// per measure, a cell opens the leads list with the filter of its keys (and the list sends that filter), the CSV
// goes to the host, errors show; the dashboard reads its figures, counts overdue opportunities with the filter its
// tile opens, and measures the won amount against the team's target.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/analysis_drill.hpp"
#include "state/app_state.hpp"
#include "state/lead_list_query.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

struct AnalysisFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    explicit AnalysisFixture(const char* hash) {
        host.history = {hash};
        app.start(hash, "en-US", "");
        net.answer(200, R"({"user":{"id":1,"login":"admin","name":"Admin","role":"admin"},"csrf_token":"tok-1"})");
    }
};

json cell(json key1, const std::string& label1, std::int64_t count, std::int64_t expected, json key2 = nullptr,
          const std::string& label2 = "", std::int64_t won = 0, std::int64_t lost = 0) {
    json c = {{"key1", key1}, {"label1", label1}, {"count", count}, {"won", won}, {"lost", lost},
              {"expected", {{"MNT", expected}}}, {"weighted", {{"MNT", expected / 2}}}, {"close_days_sum", 0}, {"closed", 0}};
    if (!key2.is_null() || !label2.empty()) {
        c["key2"] = key2;
        c["label2"] = label2;
    }
    return c;
}

}  // namespace

TEST_CASE("analysis: drill clauses select exactly the leads of a group key") {
    CHECK(drill_clause("stage", 4) == "stage_id = 4");
    CHECK(drill_clause("stage", nullptr) == "stage_id is null");
    CHECK(drill_clause("user", 7) == "user_id = 7");
    CHECK(drill_clause("tag", 3) == "tag_ids has 3");
    CHECK(drill_clause("country", "MN") == "country = \"MN\"");
    CHECK(drill_clause("country", "a\"b") == "country = \"a\\\"b\"");
    CHECK(drill_clause("create_month", "2026-12") ==
          "create_date >= \"2026-12-01T00:00:00Z\" and create_date < \"2027-01-01T00:00:00Z\"");
    CHECK(drill_clause("deadline_month", "2026-02") == "date_deadline >= \"2026-02-01\" and date_deadline < \"2026-03-01\"");
    CHECK(drill_clause("deadline_month", nullptr) == "date_deadline is null");
    CHECK(drill_clause("create_week", "2026-11-23") ==
          "create_date >= \"2026-11-23T00:00:00Z\" and create_date < \"2026-11-30T00:00:00Z\"");
    CHECK(drill_clause("stage", "four") == "");  // not understood: no clause rather than a wrong one
    CHECK(drill_clause("nonsense", 1) == "");
    CHECK(and_clauses({"a = 1", "", "b is null or c = 2"}) == "a = 1 and (b is null or c = 2)");
}

TEST_CASE("analysis: the list carries a click-through filter in its route and sends it with the lost leads") {
    const Route r = drill_route("stage_id = 4 and country = \"MN\"", true);
    CHECK(r.view == View::leads);
    const LeadListQuery q = parse_list_query(parse_route(format_route(r)).query);
    CHECK(q.where == "stage_id = 4 and country = \"MN\"");
    CHECK(q.all);
    CHECK(q.any_filter());
    CHECK(list_filter(q) == "(stage_id = 4 and country = \"MN\")");
    CHECK(list_active(q) == "all");
    LeadListQuery mine = q;
    mine.mine = true;
    CHECK(list_filter(mine) == "user_id = me and (stage_id = 4 and country = \"MN\")");
    CHECK(format_list_query(parse_list_query(format_list_query(mine))) == format_list_query(mine));
}

TEST_CASE("analysis: settings round-trip through the route; unknown values fall back to the defaults") {
    AnalysisSettings s;
    CHECK(format_analysis_query(s).empty());
    s.measure = analysis::Measure::win_rate;
    s.group_by = "user";
    s.group_by2 = "create_month";
    s.chart = ChartKind::pie;
    s.include_lost = true;
    CHECK(parse_analysis_query(format_analysis_query(s)) == s);
    const auto bad = parse_analysis_query("measure=volume&group_by=planet&group_by2=planet&chart=radar");
    CHECK(bad == AnalysisSettings{});
    CHECK(parse_analysis_query("group_by=team&group_by2=team").group_by2.empty());  // the same dimension twice
}

TEST_CASE("analysis: loads the answer, builds the pivot and chart table, words values, drills, exports CSV") {
    AnalysisFixture f("#/analysis?group_by2=country");
    REQUIRE(f.net.pending.size() == 1);
    auto req = f.net.answer(200, json{{"group_by", "stage"},
                                      {"group_by2", "country"},
                                      {"cells", {cell(1, "New", 3, 150000, "MN", "Mongolia"), cell(1, "New", 1, 50000, nullptr, ""),
                                                 cell(2, "Won", 2, 1000000, "MN", "Mongolia")}}}
                                    .dump());
    CHECK(req.method == "GET");
    CHECK(req.path == "/api/v1/leads/analysis?group_by=stage&group_by2=country&active=true");
    auto& a = f.app.analysis();
    CHECK_FALSE(a.loading());
    REQUIRE(a.pivot().rows.size() == 2);
    REQUIRE(a.pivot().columns.size() == 2);
    const auto t = a.table("None");
    CHECK(t.categories == std::vector<std::string>{"New", "Won"});
    CHECK(t.series == std::vector<std::string>{"Mongolia", "None"});
    CHECK(t.values[0][0] == 3.0);
    CHECK(t.values[1][1] == 0.0);  // no leads there: a zero cell
    CHECK(a.value_text(3.0) == "3");
    CHECK(a.value_text(std::nullopt) == "–");

    // A chart type change is drawn from the same data: no request.
    a.set_chart(ChartKind::pie);
    CHECK(f.host.url() == "#/analysis?group_by2=country&chart=pie");
    CHECK(f.net.pending.empty());
    CHECK(a.settings().chart == ChartKind::pie);

    // A cell opens the list with both keys; a row alone with its first key.
    a.open(0, 1);
    CHECK(f.app.route().view == View::leads);
    CHECK(parse_list_query(f.app.route().query).where == "stage_id = 1 and country = \"\"");
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[],"next":null})");
    CHECK(parse_list_query(a.drill(1, std::nullopt).query).where == "stage_id = 2");

    // Back on the analysis (same settings): nothing to load again.
    f.app.on_url_changed("#/analysis?group_by2=country&chart=pie");
    CHECK(f.net.pending.empty());

    a.export_csv();
    REQUIRE(f.host.saved_files.size() == 1);
    CHECK(f.host.saved_files[0].name == "pipeline-analysis.csv");
    CHECK(f.host.saved_files[0].mime == "text/csv");
    CHECK(f.host.saved_files[0].bytes.find("New") != std::string::npos);
    CHECK(f.host.saved_files[0].bytes.find("Total") != std::string::npos);

    // Money measures are shown in the answer's currency.
    a.set_measure(analysis::Measure::expected_revenue);
    REQUIRE(f.net.pending.empty());  // the measure is computed from the same parts
    CHECK(a.currency() == "MNT");
    CHECK(a.table("None").values[1][0] == 1000000.0);
    CHECK(a.value_text(1000000.0).find("10") != std::string::npos);
}

TEST_CASE("analysis: a win rate counts lost leads; a new group-by loads again; errors are shown, then cleared") {
    AnalysisFixture f("#/analysis");
    f.net.answer(200, R"({"group_by":"stage","group_by2":"","cells":[]})");
    auto& a = f.app.analysis();
    a.set_measure(analysis::Measure::win_rate);
    CHECK(a.settings().include_lost);
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.answer(200, json{{"group_by", "stage"}, {"cells", {cell(5, "Won", 4, 0, nullptr, "", 3, 1)}}}.dump()).path ==
          "/api/v1/leads/analysis?group_by=stage&active=all");
    CHECK(a.value_text(a.table("None").values[0][0]) == "75.0%");
    CHECK(parse_list_query(a.drill(0, std::nullopt).query).all);

    a.set_group_by("user");
    REQUIRE(f.net.pending.size() == 1);
    f.net.answer(422, R"({"error":{"code":"bad_request","message":"group_by: unknown dimension","field":"group_by"}})");
    CHECK_FALSE(a.loading());
    CHECK_FALSE(a.error().empty());
    CHECK(f.app.analysis().probe()["error"].get<std::string>().find("group_by") != std::string::npos);
    a.reload();
    CHECK(a.loading());
    CHECK(a.error().empty());
    f.net.answer(200, R"({"group_by":"user","cells":[]})");
    CHECK_FALSE(a.loading());
}

TEST_CASE("analysis: the stage flow tab loads stage names, then the flow") {
    AnalysisFixture f("#/analysis?tab=flow");
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.answer(200, R"({"items":[{"id":1,"name":"New"},{"id":2,"name":"Won"}]})").path == "/api/v1/stages");
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.answer(200, R"({"leads":3,"stages":[{"stage_id":1,"entered":3,"finished":2,"seconds_finished":172800,"current":1}],"moves":[{"from":1,"to":2,"count":2}]})")
              .path == "/api/v1/leads/stage-flow?active=true");
    auto& a = f.app.analysis();
    CHECK(a.flow().leads == 3);
    CHECK(a.flow().mean_days(1) == doctest::Approx(1.0));
    CHECK(a.flow().conversion(1, 2) == doctest::Approx(2.0 / 3));
    CHECK(a.stage_name(2) == "Won");
    CHECK(a.stage_name(9) == "#9");
}

TEST_CASE("dashboard: figures, overdue with the tile's own filter, target progress, team picker, click-through") {
    AnalysisFixture f("#/dashboard?team=3");
    auto& d = f.app.dashboard();
    REQUIRE(f.net.pending.size() == 3);
    CHECK(f.net.answer(200, R"({"items":[{"id":3,"name":"Ulaanbaatar"},{"id":4,"name":"Darkhan"}]})").path == "/api/v1/teams");
    CHECK(f.net.answer(200, json{{"team", {{"id", 3}, {"name", "Ulaanbaatar"}, {"invoiced_target", {{"amount", 4000000}, {"currency", "MNT"}}}}},
                                 {"open", {{"count", 5}, {"expected", {{"MNT", 9000000}}}, {"weighted", json::object()}}},
                                 {"unassigned", 2},
                                 {"won_this_month", {{"count", 1}, {"expected", {{"MNT", 1000000}}}, {"weighted", json::object()}}},
                                 {"month", "2026-11"},
                                 // The target is met by invoiced orders in its currency, not by won leads' revenue.
                                 {"invoiced_this_month", {{{"currency", "MNT"}, {"amount", 3000000}, {"count", 2}},
                                                          {{"currency", "USD"}, {"amount", 50000}, {"count", 1}}}},
                                 {"new_per_week", {{{"week", "2026-11-16"}, {"count", 4}}, {{"week", "2026-11-23"}, {"count", 1}}}}}
                                .dump())
              .path == "/api/v1/dashboard?team_id=3");
    CHECK(d.loading());  // the overdue count is still under way
    const auto overdue = f.net.answer(200, json{{"group_by", "team"}, {"cells", {cell(3, "Ulaanbaatar", 2, 0)}}}.dump());
    CHECK(overdue.path.rfind("/api/v1/leads/analysis?group_by=team&filter=", 0) == 0);
    CHECK(query_value(overdue.path.substr(overdue.path.find('?') + 1), "filter") == d.tile_filter(DashboardTile::overdue));
    CHECK_FALSE(d.loading());
    CHECK(d.loaded());
    CHECK(d.teams().size() == 2);
    CHECK(d.figures().open_count == 5);
    CHECK(d.figures().overdue == 2);
    CHECK(d.figures().unassigned == 2);
    CHECK(d.figures().weeks.size() == 2);
    CHECK(d.figures().invoiced_count == 3);
    CHECK(d.figures().invoiced.at("USD") == 50000);
    CHECK(d.target_progress() == doctest::Approx(0.75));
    CHECK(d.currency() == "MNT");
    CHECK(d.tile_filter(DashboardTile::overdue) ==
          "team_id = 3 and type = \"opportunity\" and stage.is_won = false and date_deadline < today");
    CHECK(d.tile_filter(DashboardTile::won) ==
          "team_id = 3 and stage.is_won = true and probability = 100 and date_closed >= \"2026-11-01T00:00:00Z\"");

    d.open_tile(DashboardTile::unassigned);
    CHECK(f.app.route().view == View::leads);
    CHECK(parse_list_query(f.app.route().query).where == "team_id = 3 and user_id is null");
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[],"next":null})");

    f.app.on_url_changed("#/dashboard?team=3");
    CHECK(f.net.pending.empty());  // the same team: shown as loaded
    d.open_week(1);
    const auto week = parse_list_query(f.app.route().query);
    CHECK(week.all);
    CHECK(week.where == "team_id = 3 and create_date >= \"2026-11-23T00:00:00Z\" and create_date < \"2026-11-30T00:00:00Z\"");
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[],"next":null})");

    f.app.on_url_changed("#/dashboard?team=3");
    d.set_team(0);  // every team
    CHECK(f.host.url() == "#/dashboard");
    REQUIRE(f.net.pending.size() == 2);
    CHECK(f.net.answer(404, R"({"error":{"code":"not_found","message":"No such team","field":"team_id"}})").path == "/api/v1/dashboard");
    f.net.answer(200, R"({"group_by":"team","cells":[]})");
    CHECK_FALSE(d.error().empty());
    CHECK_FALSE(d.target_progress());
    CHECK(d.tile_filter(DashboardTile::unassigned) == "user_id is null");

    // The invoiced tile opens the invoiced sales orders.
    d.open_tile(DashboardTile::invoiced);
    CHECK(f.app.route().view == View::quotations);
    CHECK(f.host.url() == "#/quotations?state=sale&invoice_status=invoiced");
}

TEST_CASE("analysis: #/dashboard and #/analysis are routes that keep their query; the nav needs a session") {
    const Route a = parse_route("#/analysis?group_by=user&chart=pie");
    CHECK(a.view == View::analysis);
    CHECK(a.query == "group_by=user&chart=pie");
    CHECK(format_route(a) == "#/analysis?group_by=user&chart=pie");
    CHECK(view_name(a.view) == "analysis");
    const Route d = parse_route("#/dashboard?team=2");
    CHECK(d.view == View::dashboard);
    CHECK(format_route(d) == "#/dashboard?team=2");
    CHECK(requires_session(d));
    CHECK(parse_route("#/login?next=%2Fanalysis").next == "/analysis");

    // Signed out, a shared analysis link goes to the login page and comes back after it.
    FakeTransport net;
    FakeHost host;
    AppState app(net, host);
    host.history = {"#/analysis?chart=funnel"};
    app.start("#/analysis?chart=funnel", "en-US", "");
    net.answer(401, R"({"error":{"code":"unauthenticated","message":"Sign in"}})");
    CHECK(app.route().view == View::login);
    CHECK(net.pending.empty());  // nothing asked for the analysis before signing in
}
