// The leads list grouped in two levels (#/leads?group=stage,user): both keys kept in the address (and in a saved
// favourite), the menu's picks, a first-level group opening to second-level groups asked from /leads/groups with its
// condition, a second-level group's rows asked from /leads with both conditions, the lines the virtual table walks,
// collapsing at both levels (Left from a line), a reload keeping both levels open, and ticks feeding a mass action.
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

json lead_list_nested_rows(int64_t first, int count, const std::string& next) { return grouped_list_rows(first, count, 10, next); }

json lead_list_nested_group(json key, int64_t count) { return grouped_list_group(key, count, count * 100000, count * 20000); }

struct LeadListNestedFixture : GroupedListFixture {
    // Stage > Salesperson: stages New (10) and Won (20); salespeople Болд (7) and Сараа (8).
    HttpRequest open(const std::string& hash = "#/leads?group=stage,user") {
        open_with_lookups(hash, json::array({{{"id", 7}, {"name", "Болд Бат"}}, {{"id", 8}, {"name", "Сараа"}}}));
        return reply("/api/v1/leads/groups?", 200,
                     {{"group_by", "stage"},
                      {"groups", json::array({lead_list_nested_group(10, 5), lead_list_nested_group(20, 2)})}});
    }

    // Opens New (group 1 after the pipeline's order) and answers its second level: Болд 3, nobody 2.
    HttpRequest open_new() {
        app.list().expand(1);
        return reply("/api/v1/leads/groups?", 200,
                     {{"group_by", "user"},
                      {"groups", json::array({lead_list_nested_group(7, 3), lead_list_nested_group(nullptr, 2)})}});
    }
};

}  // namespace

TEST_CASE("two grouping keys round-trip through the address; unknown and repeated keys are dropped") {
    LeadListQuery q = parse_list_query("f=mine&group=stage,user");
    CHECK(q.group == "stage");
    CHECK(q.subgroup == "user");
    CHECK(parse_list_query(format_list_query(q)) == q);
    CHECK(format_list_query(q).find("group=stage%2Cuser") != std::string::npos);
    const LeadListQuery encoded = parse_list_query("group=stage%2Cuser");
    CHECK(encoded.group == "stage");
    CHECK(encoded.subgroup == "user");
    const LeadListQuery repeated = parse_list_query("group=stage,stage");
    CHECK(repeated.group == "stage");
    CHECK(repeated.subgroup.empty());
    const LeadListQuery unknown = parse_list_query("group=bogus,user,team");
    CHECK(unknown.group == "user");
    CHECK(unknown.subgroup == "team");
    const LeadListQuery three = parse_list_query("group=stage,user,team");
    CHECK(three.subgroup == "user");  // two levels at most
    const LeadListQuery old = parse_list_query("group=stage");  // an address from before
    CHECK(old.group == "stage");
    CHECK(old.subgroup.empty());
    CHECK(format_list_query(old) == "group=stage");
}

TEST_CASE("the Group-by menu's picks: a second key nests, a chosen one goes, none clears both") {
    LeadListQuery q;
    q.pick_group("stage");
    CHECK(q.group == "stage");
    q.pick_group("user");
    CHECK((q.group == "stage" && q.subgroup == "user"));
    q.pick_group("team");  // a third replaces the second
    CHECK((q.group == "stage" && q.subgroup == "team"));
    q.pick_group("stage");  // the first goes: the second moves up
    CHECK((q.group == "team" && q.subgroup.empty()));
    q.pick_group("user");
    q.pick_group("user");
    CHECK((q.group == "team" && q.subgroup.empty()));
    q.pick_group("bogus");
    CHECK(q.group == "team");
    q.pick_group("stage");
    q.pick_group("");
    CHECK((q.group.empty() && q.subgroup.empty()));
}

TEST_CASE_FIXTURE(LeadListNestedFixture, "a favourite saved while grouped in two levels keeps both") {
    open();
    auto& list = app.list();
    list.favourites().save("Stage and salesperson", format_list_query(list.query()), false, false);
    const HttpRequest saved = reply("/api/v1/saved-searches", 201, {{"id", 3}});
    const json body = json::parse(saved.body);
    CHECK(parse_list_query(body["query"].get<std::string>()).subgroup == "user");
    CHECK(parse_list_query(body["query"].get<std::string>()).group == "stage");
}

TEST_CASE_FIXTURE(LeadListNestedFixture, "a first-level group opens to second-level groups asked with its condition") {
    auto first = open("#/leads?f=mine&group=stage,user&sort=name%20asc");
    CHECK(grouped_list_param(first, "group_by") == "stage");
    auto& list = app.list();
    CHECK(list.nested());
    REQUIRE(list.groups().size() == 2);
    CHECK(list.groups()[0].id == "20");  // the pipeline's order
    CHECK(list.line_count() == 2);
    list.expand(1);
    CHECK(list.line_count() == 3);  // a placeholder while its second level loads
    CHECK(list.line_at(2).kind == GroupLineKind::pending);
    auto req = reply("/api/v1/leads/groups?", 200,
                     {{"group_by", "user"},
                      {"groups", json::array({lead_list_nested_group(7, 3), lead_list_nested_group(nullptr, 2)})}});
    CHECK(grouped_list_param(req, "group_by") == "user");
    CHECK(grouped_list_param(req, "filter") == "user_id = me and stage_id = 10");
    CHECK(grouped_list_param(req, "limit") == "0");
    CHECK(net.pending.empty());  // no rows until a second-level group opens
    const ListGroup& nw = list.groups()[1];
    REQUIRE(nw.subgroups.size() == 2);
    CHECK(nw.subgroups[0].id == "10/7");
    CHECK(nw.subgroups[1].id == "10/none");
    CHECK(list.group_label(nw.subgroups[0]) == "Болд Бат");
    CHECK(list.group_label(nw.subgroups[1]) == "Unassigned");
    CHECK(nw.subgroups[0].count == 3);
    CHECK(nw.subgroups[0].expected.at(0).amount == 300000);
    // Lines: Won, New, Болд, nobody.
    CHECK(list.line_count() == 4);
    CHECK(list.line_at(2).kind == GroupLineKind::header);
    CHECK(list.line_at(2).group == 1);
    CHECK(list.line_at(2).sub == 0);
    CHECK(list.line_at(3).sub == 1);
    CHECK(list.header_line(1, 1) == 3);
}

TEST_CASE_FIXTURE(LeadListNestedFixture, "a second-level group's rows are asked with both conditions, in the list's sort") {
    open("#/leads?group=stage,user&sort=name%20desc");
    open_new();
    auto& list = app.list();
    list.expand(1, 1);  // New > Unassigned
    auto req = reply("/api/v1/leads?", 200, lead_list_nested_rows(500, 2, "n-2"));
    CHECK(grouped_list_param(req, "filter") == "stage_id = 10 and user_id is null");
    CHECK(grouped_list_param(req, "sort") == "name desc");
    CHECK(grouped_list_param(req, "limit") == "200");
    REQUIRE(list.group_at(1, 1)->rows.size() == 2);
    // Lines: Won, New, Болд, nobody, its 2 rows, "show more".
    CHECK(list.line_count() == 7);
    CHECK(list.line_at(4).kind == GroupLineKind::row);
    CHECK(list.line_at(4).sub == 1);
    CHECK(list.line_at(5).row == 1);
    CHECK(list.line_at(6).kind == GroupLineKind::more);
    list.load_more(1, 1);
    auto more = reply("/api/v1/leads?", 200, lead_list_nested_rows(498, 1, ""));
    CHECK(grouped_list_param(more, "after") == "n-2");
    CHECK(grouped_list_param(more, "filter") == "stage_id = 10 and user_id is null");
    CHECK(list.line_count() == 7);  // 3 rows, no "show more"
    const json probe = list_probe(list, {});
    CHECK(probe["subgroup_by"] == "user");
    CHECK(probe["groups"][1]["subgroups"][1]["loaded"] == 3);
}

TEST_CASE_FIXTURE(LeadListNestedFixture, "collapsing at both levels drops rows and ticks; Left folds from a line") {
    open();
    open_new();
    auto& list = app.list();
    list.expand(1, 0);
    reply("/api/v1/leads?", 200, lead_list_nested_rows(500, 3, ""));
    list.click_check_in_group(1, 0, 1, false);
    CHECK(list.selection() == std::set<std::int64_t>{499});
    // Left on a row folds its second-level group and lands on its header.
    CHECK(list.collapse_from(list.line_at(4)) == 2);
    CHECK_FALSE(list.group_at(1, 0)->expanded);
    CHECK(list.selection().empty());
    CHECK(list.line_count() == 4);
    // Left on a folded second-level header folds its parent.
    list.expand(1, 0);
    reply("/api/v1/leads?", 200, lead_list_nested_rows(500, 3, ""));
    list.click_check_in_group(1, 0, 2, false);
    CHECK(list.line_at(6).kind == GroupLineKind::header);
    CHECK(list.collapse_from(list.line_at(6)) == 1);
    CHECK_FALSE(list.groups()[1].expanded);
    CHECK(list.groups()[1].subgroups.empty());
    CHECK(list.selection().empty());
    CHECK(list.line_count() == 2);
    // Opened and closed before its second level came: the reply does not reopen it.
    list.toggle_group(1);
    list.toggle_group(1);
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({lead_list_nested_group(7, 3)})}});
    CHECK_FALSE(list.groups()[1].expanded);
    CHECK(list.line_count() == 2);
}

TEST_CASE_FIXTURE(LeadListNestedFixture, "a failed second level says why and folds the group back") {
    open();
    auto& list = app.list();
    list.expand(0);
    reply("/api/v1/leads/groups?", 500, {{"error", {{"code", "internal"}, {"message", "boom"}}}});
    CHECK_FALSE(list.groups()[0].expanded);
    CHECK_FALSE(app.last_error().empty());
    CHECK(list.line_count() == 2);
}

TEST_CASE_FIXTURE(LeadListNestedFixture, "ticks in a nested group feed a mass action; the reload keeps both levels open") {
    open();
    open_new();
    auto& list = app.list();
    list.expand(1, 0);
    reply("/api/v1/leads?", 200, lead_list_nested_rows(500, 4, ""));
    list.click_check_in_group(1, 0, 0, false);
    list.click_check_in_group(1, 0, 2, true);  // a shift range inside the group
    CHECK(list.selection() == std::set<std::int64_t>{500, 499, 498});
    CHECK(list.header_check() == HeaderCheck::some);
    list.toggle_all();
    CHECK(list.selection().size() == 4);
    list.assign_user(8);
    auto bulk = reply("/api/v1/leads/bulk", 200, {{"updated", 4}});
    CHECK(json::parse(bulk.body)["ids"] == json{497, 498, 499, 500});
    // The counts again, then New's second level, then its open group's rows.
    reply("/api/v1/leads/groups?", 200, {{"groups", json::array({lead_list_nested_group(10, 5), lead_list_nested_group(20, 2)})}});
    REQUIRE(list.groups()[1].expanded);
    CHECK(list.groups()[1].subgroups.size() == 2);  // still shown meanwhile
    auto second = reply("/api/v1/leads/groups?", 200,
                        {{"groups", json::array({lead_list_nested_group(7, 0), lead_list_nested_group(8, 4)})}});
    CHECK(grouped_list_param(second, "filter") == "stage_id = 10");
    REQUIRE(list.groups()[1].subgroups.size() == 2);
    CHECK(list.group_at(1, 0)->expanded);  // Болд, kept open
    CHECK(list.group_at(1, 0)->rows.size() == 4);
    CHECK_FALSE(list.group_at(1, 1)->expanded);
    auto again = reply("/api/v1/leads?", 200, lead_list_nested_rows(10, 0, ""));
    CHECK(grouped_list_param(again, "filter") == "stage_id = 10 and user_id = 7");
    CHECK(list.group_at(1, 0)->rows.empty());
}
