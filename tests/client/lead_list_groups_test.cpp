// The grouped leads list (#/leads?group=...): the grouping kept in the address, group headers built from the
// /leads/groups reply (pipeline order, names, counts, sums), an expanded group's rows paged from /leads with the
// group's condition, collapsing, the lines the virtual table walks, and a selection in a group feeding a mass action.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "grouped_list_fixture.hpp"
#include "state/app_state.hpp"
#include "state/list_probe.hpp"
#include "tumen/route.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

struct LeadListGroupsFixture : GroupedListFixture {
    // Opens `hash` grouped by stage: stages New (10), Won (20) in the pipeline's order; the server answers by id.
    HttpRequest open(const std::string& hash = "#/leads?group=stage") {
        open_with_lookups(hash, json::array({{{"id", 7}, {"name", "Болд Бат"}}}));
        return reply("/api/v1/leads/groups?", 200,
                     {{"group_by", "stage"},
                      {"groups", json::array({grouped_list_group(nullptr, 1, 0, 0), grouped_list_group(10, 450, 45000000, 9000000),
                                              grouped_list_group(20, 2, 200000, 200000)})}});
    }
};

}  // namespace

TEST_CASE("the grouping round-trips through the address and is not a filter") {
    LeadListQuery q = parse_list_query("f=mine&group=stage&sort=name%20asc");
    CHECK(q.group == "stage");
    CHECK(q.mine);
    CHECK(parse_list_query(format_list_query(q)) == q);
    CHECK(format_list_query(q).find("group=stage") != std::string::npos);
    for (auto key : list_group_keys) {
        LeadListQuery g;
        g.group = std::string(key);
        CHECK(parse_list_query(format_list_query(g)) == g);
        CHECK_FALSE(g.any_filter());  // "Clear filters" keeps it
    }
    CHECK(parse_list_query("group=bogus").group.empty());
    CHECK(parse_list_query("group=create_week").group.empty());  // the server has it; the menu does not
    CHECK(list_filter(q) == "user_id = me");
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "group headers come from /leads/groups, collapsed, in the pipeline's order") {
    auto req = open();
    CHECK(grouped_list_param(req, "group_by") == "stage");
    CHECK(grouped_list_param(req, "limit") == "0");  // counts and sums only: no cards
    CHECK(grouped_list_param(req, "active") == "true");
    auto& list = app.list();
    CHECK(list.grouped());
    CHECK(list.status() == ListStatus::ready);
    REQUIRE(list.groups().size() == 3);
    CHECK(list.group_label(list.groups()[0]) == "Won");
    CHECK(list.group_label(list.groups()[1]) == "New");
    CHECK(list.group_label(list.groups()[2]) == "None");
    CHECK(list.groups()[1].count == 450);
    CHECK(list.groups()[1].expected.at(0).amount == 45000000);
    CHECK(list.groups()[1].weighted.at(0).amount == 9000000);
    CHECK(list.groups()[1].id == "10");
    CHECK(list.groups()[2].id == "none");
    CHECK(list.total() == 453);
    for (const auto& g : list.groups()) CHECK_FALSE(g.expanded);
    CHECK(list.line_count() == 3);
    CHECK(list.line_at(2).kind == GroupLineKind::header);
    CHECK(list.line_at(2).group == 2);
    CHECK(net.pending.empty());  // no rows until a group opens
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "expanding a group asks /leads for its rows with the search and the group's condition") {
    open("#/leads?f=mine&group=stage&sort=name%20desc");
    auto& list = app.list();
    list.expand(1);  // New
    CHECK(list.groups()[1].expanded);
    CHECK(list.line_count() == 4);  // a placeholder line while the first page loads
    CHECK(list.line_at(2).kind == GroupLineKind::pending);
    auto req = reply("/api/v1/leads?", 200, grouped_list_rows(500, LeadList::page_size, 10, "g-301"));
    CHECK(grouped_list_param(req, "filter") == "user_id = me and stage_id = 10");
    CHECK(grouped_list_param(req, "sort") == "name desc");  // a column's sort orders the rows inside each group
    CHECK(grouped_list_param(req, "limit") == "200");
    CHECK(grouped_list_param(req, "after").empty());
    REQUIRE(list.groups()[1].rows.size() == 200);
    // Lines: Won, New, its 200 rows, "show more", None.
    CHECK(list.line_count() == 3 + 200 + 1);
    CHECK(list.line_at(1).kind == GroupLineKind::header);
    CHECK(list.line_at(2).kind == GroupLineKind::row);
    CHECK(list.line_at(201).row == 199);
    CHECK(list.line_at(202).kind == GroupLineKind::more);
    CHECK(list.line_at(203).kind == GroupLineKind::header);
    CHECK(list.line_at(203).group == 2);
    CHECK(list.header_line(2) == 203);
    // "Show more": the next page after the cursor.
    list.load_more(1);
    list.load_more(1);  // already on its way
    CHECK(net.pending.size() == 1);
    auto more = reply("/api/v1/leads?", 200, grouped_list_rows(300, 3, 10, ""));
    CHECK(grouped_list_param(more, "after") == "g-301");
    CHECK(grouped_list_param(more, "filter") == "user_id = me and stage_id = 10");
    CHECK(list.groups()[1].rows.size() == 203);
    CHECK(list.line_count() == 3 + 203);  // no more line at the end
    // The "None" group selects leads without a stage.
    list.expand(2);
    auto none = reply("/api/v1/leads?", 200, grouped_list_rows(5, 1, 0, ""));
    CHECK(grouped_list_param(none, "filter") == "user_id = me and stage_id is null");
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "collapsing drops the group's rows and their ticks; a late page is ignored") {
    open();
    auto& list = app.list();
    list.expand(1);
    reply("/api/v1/leads?", 200, grouped_list_rows(500, 3, 10, ""));
    list.click_check_in_group(1, 0, false);
    CHECK(list.selection().size() == 1);
    list.collapse(1);
    CHECK_FALSE(list.groups()[1].expanded);
    CHECK(list.groups()[1].rows.empty());
    CHECK(list.selection().empty());
    CHECK(list.line_count() == 3);
    // Expanded and collapsed again before its page came: the page does not reopen it.
    list.toggle_group(1);
    list.toggle_group(1);
    reply("/api/v1/leads?", 200, grouped_list_rows(500, 3, 10, ""));
    CHECK_FALSE(list.groups()[1].expanded);
    CHECK(list.line_count() == 3);
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "a failed group page says why and folds the group back") {
    open();
    auto& list = app.list();
    list.expand(0);
    reply("/api/v1/leads?", 500, {{"error", {{"code", "internal"}, {"message", "boom"}}}});
    CHECK_FALSE(list.groups()[0].expanded);
    CHECK_FALSE(app.last_error().empty());
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "ticks in a group (shift ranges too) feed a mass action; the reload keeps the group open") {
    open();
    auto& list = app.list();
    list.expand(1);
    reply("/api/v1/leads?", 200, grouped_list_rows(500, 5, 10, ""));
    list.click_check_in_group(1, 0, false);
    list.click_check_in_group(1, 2, true);
    CHECK(list.selection() == std::set<std::int64_t>{500, 499, 498});
    CHECK(list.header_check() == HeaderCheck::some);
    list.toggle_all();
    CHECK(list.selection().size() == 5);
    list.set_stage(20);
    auto bulk = reply("/api/v1/leads/bulk", 200, {{"updated", 5}});
    CHECK(json::parse(bulk.body) == json{{"ids", {496, 497, 498, 499, 500}}, {"action", "set_stage"}, {"stage_id", 20}});
    CHECK(list.selection().empty());
    // The counts and sums again, then the open group's rows (still shown meanwhile).
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({grouped_list_group(10, 0, 0, 0), grouped_list_group(20, 7, 0, 0)})}});
    CHECK_FALSE(list.groups()[0].expanded);  // Won
    REQUIRE(list.groups()[1].expanded);      // New, kept open
    CHECK(list.groups()[1].rows.size() == 5);
    auto again = reply("/api/v1/leads?", 200, grouped_list_rows(10, 0, 10, ""));
    CHECK(grouped_list_param(again, "filter") == "stage_id = 10");
    CHECK(grouped_list_param(again, "limit") == "200");
    CHECK(list.groups()[1].rows.empty());
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "months are named in the UI language and select a UTC month; tags count the list itself") {
    open("#/leads?group=create_month");
    // The fixture's reply was for stages; answer again as months.
    app.on_url_changed("#/leads?group=create_month&q=x");
    app.list().sync(app.route());
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({grouped_list_group("2026-11", 3, 0, 0)})}});
    auto& list = app.list();
    REQUIRE(list.groups().size() == 1);
    CHECK(list.group_label(list.groups()[0]) == "November 2026");
    list.expand(0);
    auto req = reply("/api/v1/leads?", 200, grouped_list_rows(3, 3, 10, ""));
    CHECK(grouped_list_param(req, "filter") == R"(create_date >= "2026-11-01T00:00:00Z" and create_date < "2026-12-01T00:00:00Z")");
    CHECK(grouped_list_param(req, "q") == "x");

    app.on_url_changed("#/leads?group=tag");
    list.sync(app.route());
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({grouped_list_group(1, 3, 0, 0), grouped_list_group(2, 3, 0, 0)})}});
    // A lead with both tags is in both groups: the title's count comes from the list.
    auto count = reply("/api/v1/leads?", 200, {{"items", json::array()}, {"next", nullptr}, {"total", 4}});
    CHECK(grouped_list_param(count, "total") == "true");
    CHECK(list.total() == 4);
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "an empty grouping is ready with no groups; the probe lists groups") {
    app.on_url_changed("#/leads?group=country");
    app.list().sync(app.route());
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array()}});
    CHECK(app.list().status() == ListStatus::ready);
    CHECK(app.list().groups().empty());
    CHECK(app.list().line_count() == 0);
    const json probe = list_probe(app.list(), {});
    CHECK(probe["group_by"] == "country");
    CHECK(probe["groups"].empty());
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "stage groups that come before the stages are put in the pipeline's order when they come") {
    app.on_url_changed("#/leads?group=stage");
    app.list().sync(app.route());
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({grouped_list_group(nullptr, 1, 0, 0), grouped_list_group(10, 2, 0, 0), grouped_list_group(20, 3, 0, 0)})}});
    auto& list = app.list();
    CHECK(list.groups()[0].id == "none");  // the server's order meanwhile
    reply("/api/v1/stages", 200, {{"items", json::array({{{"id", 20}, {"name", "Won"}}, {{"id", 10}, {"name", "New"}}})}});
    REQUIRE(list.groups().size() == 3);
    CHECK(list.groups()[0].id == "20");
    CHECK(list.groups()[1].id == "10");
    CHECK(list.groups()[2].id == "none");
    CHECK(list.line_count() == 3);
}

TEST_CASE_FIXTURE(LeadListGroupsFixture, "same-named stages of two teams carry their team's name; untagged leads make a tag group") {
    app.on_url_changed("#/leads?group=stage");
    app.list().sync(app.route());
    reply("/api/v1/teams", 200, {{"items", json::array({{{"id", 1}, {"name", "Борлуулалт"}}, {{"id", 2}, {"name", "Түнш"}}})}});
    reply("/api/v1/stages", 200,
          {{"items", json::array({{{"id", 10}, {"name", "Шинэ"}, {"team_id", 1}},
                                  {{"id", 11}, {"name", "Шинэ"}, {"team_id", 2}},
                                  {{"id", 12}, {"name", "Шинэ"}, {"team_id", nullptr}},
                                  {{"id", 13}, {"name", "Ялсан"}, {"team_id", 1}}})}});
    reply("/api/v1/leads/groups?", 200,
          {{"groups", json::array({grouped_list_group(10, 1, 0, 0), grouped_list_group(11, 1, 0, 0), grouped_list_group(12, 1, 0, 0), grouped_list_group(13, 1, 0, 0)})}});
    auto& list = app.list();
    REQUIRE(list.groups().size() == 4);
    CHECK(list.group_label(list.groups()[0]) == "Шинэ · Борлуулалт");
    CHECK(list.group_label(list.groups()[1]) == "Шинэ · Түнш");
    CHECK(list.group_label(list.groups()[2]) == "Шинэ · All teams");
    CHECK(list.group_label(list.groups()[3]) == "Ялсан");  // a name of its own needs no team

    app.on_url_changed("#/leads?group=tag");
    list.sync(app.route());
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({grouped_list_group(nullptr, 2, 0, 0), grouped_list_group(5, 1, 0, 0)})}});
    reply("/api/v1/leads?", 200, {{"items", json::array()}, {"next", nullptr}, {"total", 3}});
    REQUIRE(list.groups().size() == 2);
    CHECK(list.group_label(list.groups()[0]) == "None");
    list.expand(0);
    auto req = reply("/api/v1/leads?", 200, grouped_list_rows(3, 2, 10, ""));
    CHECK(grouped_list_param(req, "filter").find("tag_ids is null") != std::string::npos);
}
