// The leads list's view model: the search kept in the address, keyset paging as the user scrolls, sort toggling,
// selection (header box, shift ranges), mass actions (request bodies, reload, 422 naming the leads), merge and export.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/list_probe.hpp"
#include "tumen/filter.hpp"
#include "tumen/filter_fields.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* lead_list_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

json lead_list_row(int64_t id, const std::string& name, int64_t user = 7) {
    return {{"id", id},
            {"version", 1},
            {"name", name},
            {"partner_name", "Говь ХК"},
            {"email", "info@gobi.mn"},
            {"user_id", user},
            {"team_id", 3},
            {"stage_id", 10},
            {"expected_revenue", {{"amount", 150000000}, {"currency", "MNT"}}},
            {"probability", 20.0},
            {"priority", 2},
            {"create_date", "2026-11-27T10:00:00Z"},
            {"active", true}};
}

json page(int64_t first_id, int count, const std::string& next, int64_t total = -1) {
    json items = json::array();
    for (int i = 0; i < count; ++i) items.push_back(lead_list_row(first_id - i, "Сэжим " + std::to_string(first_id - i)));
    json out = {{"items", items}, {"next", next.empty() ? json(nullptr) : json(next)}};
    if (total >= 0) out["total"] = total;
    return out;
}

struct LeadListFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    LeadListFixture() {
        host.history = {"#/leads"};
        app.start("#/leads", "en-US", "");
        net.answer(200, lead_list_session_body);
    }

    HttpRequest reply(const std::string& prefix, int status, const json& body) {
        return net.answer_path(prefix, status, body.dump());
    }

    void answer_references() {
        reply("/api/v1/users/directory", 200, {{"items", json::array({{{"id", 7}, {"name", "Болд Бат"}}, {{"id", 9}, {"name", "Сараа"}}})}});
        reply("/api/v1/teams", 200, {{"items", json::array({{{"id", 3}, {"name", "Улаанбаатар"}}})}});
        reply("/api/v1/tags", 200, {{"items", json::array({{{"id", 1}, {"name", "VIP"}}})}});
        reply("/api/v1/lost-reasons", 200, {{"items", json::array({{{"id", 4}, {"name", "Too expensive"}}})}});
        reply("/api/v1/stages", 200, {{"items", json::array({{{"id", 10}, {"name", "New"}, {"is_won", false}},
                                                             {{"id", 20}, {"name", "Won"}, {"is_won", true}}})}});
    }

    // Opens #/leads (or `hash`) with the first page of 200 of 450 rows.
    HttpRequest open(const std::string& hash = "#/leads") {
        app.on_url_changed(hash);
        app.list().sync(app.route());
        answer_references();
        auto req = reply("/api/v1/leads?", 200, page(1000, LeadList::page_size, "c-801", 450));
        REQUIRE(app.list().status() == ListStatus::ready);
        return req;
    }
};

bool has_param(const HttpRequest& r, const std::string& kv) { return r.path.find(kv) != std::string::npos; }

}  // namespace

TEST_CASE("the list's search round-trips through the address") {
    LeadListQuery q;
    q.text = "Өлзий ёс";
    q.mine = true;
    q.lost = true;
    q.stage_id = 4;
    q.team_id = 3;
    q.sort_field = "expected_revenue";
    q.sort_desc = true;
    const std::string s = format_list_query(q);
    CHECK(parse_list_query(s) == q);
    CHECK(s.find("sort=expected_revenue%20desc") != std::string::npos);
    CHECK(list_filter(q) == "user_id = me and probability = 0 and stage_id = 4 and team_id = 3");
    CHECK(list_active(q) == "false");
    CHECK(list_sort(q) == "expected_revenue desc");
    CHECK(format_list_query(LeadListQuery{}).empty());
    CHECK(list_sort(LeadListQuery{}) == "create_date desc");
    // Unknown chips and fields the server cannot sort by are ignored.
    const auto odd = parse_list_query("f=mine,bogus&sort=email%20asc&stage=-3");
    CHECK(odd.mine);
    CHECK(odd.sort_field.empty());
    CHECK(odd.stage_id == 0);
}

TEST_CASE("the Overdue activities chip of the board is on the list too, in the address and the filter") {
    const LeadListQuery q = parse_list_query("f=mine,overdue");
    CHECK(q.mine);
    CHECK(q.overdue);
    CHECK(q.any_filter());
    CHECK(format_list_query(q) == "f=mine%2Coverdue");
    CHECK(parse_list_query(format_list_query(q)) == q);
    CHECK(list_filter(q) == "user_id = me and activity_overdue = true");
    CHECK(list_active(q) == "true");
    // The same condition as the board's chip, accepted by the shared checker.
    auto e = filter::parse(list_filter(q));
    REQUIRE(e.ok());
    CHECK_FALSE(filter::check(e.value(), filter::lead_filter_fields()));
}

TEST_CASE("archived shows every inactive lead; won only active ones") {
    LeadListQuery q;
    q.archived = true;
    CHECK(list_active(q) == "false");
    CHECK(list_filter(q).empty());
    LeadListQuery w;
    w.won = true;
    CHECK(list_active(w) == "true");
    CHECK(list_filter(w) == "stage.is_won = true");
}

TEST_CASE_FIXTURE(LeadListFixture, "the first page comes with the total, sorted newest first, asking only for the shown fields") {
    auto req = open();
    CHECK(req.method == "GET");
    CHECK(has_param(req, "sort=create_date%20desc"));
    CHECK(has_param(req, "total=true"));
    CHECK(has_param(req, "active=true"));
    CHECK(has_param(req, "limit=200"));
    CHECK(has_param(req, "fields=name%2Cpartner_name"));
    const auto& list = app.list();
    CHECK(list.rows().size() == 200);
    CHECK(list.total() == 450);
    CHECK(list.has_more());
    CHECK(list.rows()[0].name == "Сэжим 1000");
    CHECK(list.rows()[0].expected_revenue.amount == 150000000);
    CHECK(list.rows()[0].create_date == *parse_timestamp("2026-11-27T10:00:00Z"));
    CHECK(list.user_name(list.rows()[0].user_id) == "Болд Бат");
    CHECK(list.stage_name(list.rows()[0].stage_id) == "New");
    CHECK(list.stage_won(20));
    CHECK(net.pending.empty());
    app.list().sync(app.route());  // nothing changed: no second load
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(LeadListFixture, "scrolling near the end of the loaded rows fetches the next page once, with the cursor") {
    open();
    auto& list = app.list();
    list.want_rows(50);  // well inside the loaded rows
    CHECK(net.pending.empty());
    list.want_rows(150);  // within `prefetch` of the end
    REQUIRE(net.pending.size() == 1);
    list.want_rows(160);  // already on its way
    CHECK(net.pending.size() == 1);
    auto req = reply("/api/v1/leads?", 200, page(800, 200, "c-601"));
    CHECK(has_param(req, "after=c-801"));
    CHECK(has_param(req, "sort=create_date%20desc"));
    CHECK_FALSE(has_param(req, "total=true"));
    CHECK(list.rows().size() == 400);
    CHECK(list.total() == 450);
    // The scrollbar dragged far down: a bigger page.
    list.want_rows(449);
    auto last = reply("/api/v1/leads?", 200, page(600, 50, ""));
    CHECK(has_param(last, "after=c-601"));
    CHECK(list.rows().size() == 450);
    CHECK_FALSE(list.has_more());
    list.want_rows(450);
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(LeadListFixture, "a page that fails leaves the loaded rows and says why") {
    open();
    app.list().want_rows(190);
    reply("/api/v1/leads?", 0, json(nullptr));
    CHECK(app.list().rows().size() == 200);
    CHECK_FALSE(app.last_error().empty());
    CHECK_FALSE(app.list().loading_more());
}

TEST_CASE_FIXTURE(LeadListFixture, "clicking a header sorts ascending, then descending, then back to the default, in the address") {
    open();
    app.list().sort_by("name");
    CHECK(host.url() == "#/leads?sort=name%20asc");
    app.list().sync(app.route());
    auto req = reply("/api/v1/leads?", 200, page(1000, 10, ""));
    CHECK(has_param(req, "sort=name%20asc"));
    app.list().sort_by("name");
    CHECK(host.url() == "#/leads?sort=name%20desc");
    app.list().sync(app.route());
    reply("/api/v1/leads?", 200, page(1000, 10, ""));
    app.list().sort_by("name");
    CHECK(host.url() == "#/leads");
    app.list().sync(app.route());
    req = reply("/api/v1/leads?", 200, page(1000, 10, ""));
    CHECK(has_param(req, "sort=create_date%20desc"));
    // A column the server cannot sort by does nothing.
    const auto pushes = host.pushes.size();
    app.list().sort_by("email");
    CHECK(host.pushes.size() == pushes);
    // Back restores the descending sort (the address is the state).
    app.on_url_changed("#/leads?sort=name%20desc");
    app.list().sync(app.route());
    req = reply("/api/v1/leads?", 200, page(1000, 10, ""));
    CHECK(has_param(req, "sort=name%20desc"));
    CHECK(app.list().query().sort_desc);
}

TEST_CASE_FIXTURE(LeadListFixture, "chips and the search become the filter; a new search drops the selection") {
    open();
    app.list().click_check(0, false);
    LeadListQuery q = app.list().query();
    q.text = "ёс";
    q.unassigned = true;
    app.list().apply(q);
    CHECK(host.url() == "#/leads?q=%D1%91%D1%81&f=unassigned");
    app.list().sync(app.route());
    auto req = reply("/api/v1/leads?", 200, page(5, 1, ""));
    CHECK(has_param(req, "q=%D1%91%D1%81"));
    CHECK(has_param(req, "filter=user_id%20is%20null"));
    CHECK(app.list().selection().empty());
    CHECK(app.list().total() == 1);
}

TEST_CASE_FIXTURE(LeadListFixture, "checkboxes: toggle, shift ranges both ways, header box for every loaded row") {
    open();
    auto& list = app.list();
    list.click_check(2, false);
    CHECK(list.selection() == std::set<int64_t>{998});
    CHECK(list.header_check() == HeaderCheck::some);
    list.click_check(5, true);  // 2..5 take row 2's state (selected)
    CHECK(list.selection() == std::set<int64_t>{998, 997, 996, 995});
    list.click_check(4, false);  // untick 996; the anchor is now row 4 (unselected)
    CHECK(list.selection() == std::set<int64_t>{998, 997, 995});
    list.click_check(1, true);  // 1..4 take row 4's state: unselected
    CHECK(list.selection() == std::set<int64_t>{995});
    list.toggle_all();
    CHECK(list.selection().size() == 200);
    CHECK(list.header_check() == HeaderCheck::all);
    list.toggle_all();
    CHECK(list.selection().empty());
    CHECK(list.header_check() == HeaderCheck::none);
}

TEST_CASE_FIXTURE(LeadListFixture, "a mass action sends the selected ids, reloads the rows and says how many changed") {
    open();
    auto& list = app.list();
    list.click_check(0, false);
    list.click_check(1, false);
    list.assign_user(9);
    CHECK(list.busy());
    auto req = reply("/api/v1/leads/bulk", 200, {{"updated", 2}, {"ids", {1000, 999}}});
    CHECK(req.method == "POST");
    CHECK(header(req, "X-CSRF-Token") == "tok-7");
    CHECK(json::parse(req.body) == json{{"ids", {999, 1000}}, {"action", "assign"}, {"user_id", 9}});
    CHECK_FALSE(list.busy());
    CHECK(list.selection().empty());
    CHECK(list.notice().render(i18n::Lang::en).find('2') != std::string::npos);
    // The reload keeps as many rows as were loaded, with the count.
    auto again = reply("/api/v1/leads?", 200, page(1000, 200, "c-801", 450));
    CHECK(has_param(again, "limit=200"));
    CHECK(has_param(again, "total=true"));
}

TEST_CASE_FIXTURE(LeadListFixture, "every mass action's body") {
    open();
    auto& list = app.list();
    auto run = [&](auto action) {
        list.click_check(0, false);
        action();
        auto req = reply("/api/v1/leads/bulk", 200, {{"updated", 1}, {"ids", {1000}}});
        reply("/api/v1/leads?", 200, page(1000, 200, "c-801", 450));
        return json::parse(req.body);
    };
    CHECK(run([&] { list.assign_user(std::nullopt); }) == json{{"ids", {1000}}, {"action", "assign"}, {"user_id", nullptr}});
    CHECK(run([&] { list.assign_team(3); }) == json{{"ids", {1000}}, {"action", "assign"}, {"team_id", 3}});
    CHECK(run([&] { list.add_tag(1); }) == json{{"ids", {1000}}, {"action", "add_tag"}, {"tag_id", 1}});
    CHECK(run([&] { list.set_stage(20); }) == json{{"ids", {1000}}, {"action", "set_stage"}, {"stage_id", 20}});
    CHECK(run([&] { list.mark_lost(4, "Бодлоо өөрчилсөн"); }) ==
          json{{"ids", {1000}}, {"action", "lost"}, {"lost_reason_id", 4}, {"note", "Бодлоо өөрчилсөн"}});
    CHECK(run([&] { list.mark_lost(std::nullopt, ""); }) == json{{"ids", {1000}}, {"action", "lost"}});
    CHECK(run([&] { list.archive(); }) == json{{"ids", {1000}}, {"action", "archive"}});
    CHECK(run([&] { list.restore(); }) == json{{"ids", {1000}}, {"action", "restore"}});
    // Nothing selected: nothing sent.
    list.archive();
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(LeadListFixture, "a 422 names the leads that cannot take the action and keeps the selection") {
    open();
    auto& list = app.list();
    list.click_check(0, false);
    list.click_check(1, false);
    list.click_check(2, false);
    list.mark_lost(4, "");
    json err = {{"error",
                 {{"code", "validation"},
                  {"message", "2 leads cannot take this action; nothing was changed"},
                  {"field", "ids"},
                  {"details",
                   {{"ids", {999, 998}},
                    {"errors", {{{"id", 999}, {"message", "is already lost"}, {"field", nullptr}},
                                {{"id", 998}, {"message", "is won"}, {"field", "stage_id"}}}}}}}}};
    reply("/api/v1/leads/bulk", 422, err);
    CHECK(list.failed_ids() == std::set<int64_t>{998, 999});
    CHECK(list.selection().size() == 3);
    const std::string banner = app.last_error();
    CHECK(banner.find("Сэжим 999 — is already lost") != std::string::npos);
    CHECK(banner.find("Сэжим 998 — is won") != std::string::npos);
    CHECK(banner.find('2') != std::string::npos);
    CHECK(net.pending.empty());  // nothing changed, nothing to reload
    // Another error shape (a 404 of an unknown id) is shown as the server words it.
    list.archive();
    reply("/api/v1/leads/bulk", 404, {{"error", {{"code", "not_found"}, {"message", "Lead 999 not found"}}}});
    CHECK(app.last_error() == "Lead 999 not found");
    CHECK(list.failed_ids().empty());
}

TEST_CASE_FIXTURE(LeadListFixture, "merge needs two leads, then opens the kept one") {
    open();
    auto& list = app.list();
    list.click_check(0, false);
    list.merge();
    CHECK(net.pending.empty());
    list.click_check(3, false);
    list.merge();
    auto req = reply("/api/v1/leads/merge", 200, lead_list_row(997, "Сэжим 997"));
    CHECK(json::parse(req.body) == json{{"ids", {997, 1000}}});
    CHECK(host.url() == "#/lead/997");
    CHECK(list.selection().empty());
}

TEST_CASE_FIXTURE(LeadListFixture, "export fetches the current search and hands the file to the browser; a refusal shows") {
    open("#/leads?q=%D0%B3%D0%BE%D0%B2%D1%8C&f=mine&sort=name%20desc");
    auto& list = app.list();
    const std::string url = list.export_url("xlsx");
    CHECK(url.rfind("/api/v1/leads/export.xlsx?", 0) == 0);
    CHECK(url.find("filter=user_id%20%3D%20me") != std::string::npos);
    CHECK(url.find("q=%D0%B3%D0%BE%D0%B2%D1%8C") != std::string::npos);
    CHECK(url.find("sort=name%20desc") != std::string::npos);
    CHECK(url.find("header=en") != std::string::npos);
    list.export_file("csv");
    auto req = reply("/api/v1/leads/export.csv?", 200, json("name\n"));
    CHECK(req.method == "GET");
    REQUIRE(host.saved_files.size() == 1);
    CHECK(host.saved_files[0].name == "leads.csv");
    CHECK(host.saved_files[0].mime.find("text/csv") == 0);
    list.export_file("xlsx");
    reply("/api/v1/leads/export.xlsx?", 400, {{"error", {{"code", "bad_request"}, {"message", "unknown field"}}}});
    CHECK(host.saved_files.size() == 1);
    CHECK(app.last_error() == "unknown field");
}

TEST_CASE_FIXTURE(LeadListFixture, "the probe lists rows on screen with their rectangles and the selection") {
    open();
    app.list().click_check(1, false);
    std::vector<WidgetInfo> widgets = {{"list.row.999", "Сэжим 999", "row", 0, 100, 800, 44, ""},
                                       {"list.check.999", "", "checkbox", 10, 110, 20, 20, ""}};
    auto j = list_probe(app.list(), widgets);
    CHECK(j["total"] == 450);
    CHECK(j["loaded"] == 200);
    CHECK(j["selected"] == json{999});
    REQUIRE(j["rows"].size() == 1);
    CHECK(j["rows"][0]["id"] == 999);
    CHECK(j["rows"][0]["selected"] == true);
    CHECK(j["rows"][0]["salesperson"] == "Болд Бат");
    CHECK(j["rows"][0]["rect"]["y"] == 100);
    CHECK(j["rows"][0]["check"]["x"] == 10);
}

TEST_CASE_FIXTURE(LeadListFixture, "a reply to an earlier search is dropped") {
    app.on_url_changed("#/leads?q=a");
    app.list().sync(app.route());
    answer_references();
    app.on_url_changed("#/leads?q=b");
    app.list().sync(app.route());
    // The answer for "a" comes late: ignored; "b"'s counts.
    reply("/api/v1/leads?", 200, page(1, 1, ""));
    CHECK(app.list().status() == ListStatus::loading);
    reply("/api/v1/leads?", 200, page(2, 2, ""));
    CHECK(app.list().rows().size() == 2);
}
