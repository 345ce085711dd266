// Live events obey the same record rules as reads: a salesperson with the own-documents rule hears only of leads
// they may open, a kiosk token only of its teams' leads.
#include <doctest/doctest.h>

#include "events_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

TEST_CASE("a salesperson with own documents does not receive other people's leads") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Өргөө");
    const int64_t stage = add_stage(s, "Шинэ", 1);
    const int64_t own_id = create_user(s, "own", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t other_id = create_user(s, "other", "sales_own", {{"team_ids", {team}}})["id"];
    auto own = sign_in(s, "own");
    auto stream = open_stream(s, own.cookie);
    REQUIRE(stream->next_named("hello"));

    auto theirs = new_lead(s.client, {{"name", "Бусдын"}, {"user_id", other_id}, {"team_id", team}, {"stage_id", stage}});
    auto edited = patch_json(s.client, "/api/v1/leads/" + std::to_string(theirs["id"].get<int64_t>()),
                             {{"name", "Бусдын 2"}, {"version", theirs["version"]}});
    REQUIRE(edited->status == 200);
    auto mine = new_lead(s.client, {{"name", "Минийх"}, {"user_id", own_id}, {"team_id", team}, {"stage_id", stage}});
    auto unassigned = new_lead(s.client, {{"name", "Эзэнгүй"}, {"team_id", team}, {"stage_id", stage}});

    // In order: only mine and the unassigned lead of my team; the other salesperson's two events never come.
    auto first = data_of(next_lead(*stream));
    CHECK(first["id"] == mine["id"]);
    auto second = data_of(next_lead(*stream));
    CHECK(second["id"] == unassigned["id"]);

    // The same rule on replay: from the start of the log, still only those two.
    auto replay = open_stream(s, own.cookie, {"Last-Event-ID: 0"});
    CHECK(data_of(next_lead(*replay))["id"] == mine["id"]);
    CHECK(data_of(next_lead(*replay))["id"] == unassigned["id"]);

    // A manager sees all three.
    create_user(s, "boss", "manager");
    auto boss = sign_in(s, "boss");
    auto all = open_stream(s, boss.cookie, {"Last-Event-ID: 0"});
    std::vector<int64_t> ids;
    while (ids.size() < 4) {
        auto e = all->next();
        REQUIRE(e);
        if (e->event.rfind("lead.", 0) == 0) ids.push_back(json::parse(e->data)["id"]);
    }
    CHECK(ids == std::vector<int64_t>{theirs["id"], theirs["id"], mine["id"], unassigned["id"]});
}

TEST_CASE("a lead given to someone else leaves the old salesperson's stream with its id only") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Өргөө");
    const int64_t stage = add_stage(s, "Шинэ", 1);
    const int64_t own_id = create_user(s, "own", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t other_id = create_user(s, "other", "sales_own", {{"team_ids", {team}}})["id"];
    auto own = sign_in(s, "own");
    auto other = sign_in(s, "other");
    auto mine = new_lead(s.client, {{"name", "Минийх"}, {"user_id", own_id}, {"team_id", team}, {"stage_id", stage}});
    auto own_stream = open_stream(s, own.cookie);
    auto other_stream = open_stream(s, other.cookie);
    REQUIRE(own_stream->next_named("hello"));
    REQUIRE(other_stream->next_named("hello"));

    auto moved = patch_json(s.client, "/api/v1/leads/" + std::to_string(mine["id"].get<int64_t>()),
                            {{"user_id", other_id}, {"name", "Нууц нэр"}, {"version", mine["version"]}});
    REQUIRE(moved->status == 200);

    auto left = next_lead(*own_stream);
    REQUIRE(left);
    CHECK(left->event == "lead.hidden");
    auto gone = data_of(left);
    CHECK(gone["id"] == mine["id"]);
    CHECK_FALSE(gone.contains("lead"));  // nothing of what it became
    CHECK(left->data.find("Нууц") == std::string::npos);

    auto arrived = data_of(next_lead(*other_stream));
    CHECK(arrived["id"] == mine["id"]);
    CHECK(arrived["lead"]["name"] == "Нууц нэр");
}

TEST_CASE("a kiosk token receives the leads of its teams only, through ?kiosk_token=") {
    TestServer s;
    s.login();
    const int64_t shown = insert_team(s, "Лобби"), hidden = insert_team(s, "Нууц");
    const int64_t stage = add_stage(s, "Шинэ", 1);
    auto kr = post_json(s.client, "/api/v1/kiosk-tokens", {{"name", "ТВ"}, {"team_ids", {shown}}});
    REQUIRE(kr->status == 201);
    const std::string token = body_of(kr)["token"];
    auto stream = open_stream(s, "", {}, "/api/v1/events?kiosk_token=" + token);
    REQUIRE(stream->status() == 200);
    REQUIRE(stream->next_named("hello"));
    new_lead(s.client, {{"name", "Нууц"}, {"team_id", hidden}, {"stage_id", stage}});
    auto visible = new_lead(s.client, {{"name", "Самбар"}, {"team_id", shown}, {"stage_id", stage},
                                       {"contact_name", "Батбаяр Ганболд"}, {"email", "bat@gobi.mn"}, {"phone", "+97699112233"}});
    auto e = data_of(next_lead(*stream));
    CHECK(e["id"] == visible["id"]);
    CHECK(e["team_id"] == shown);
    // A wall display gets the deal, not the person: no contact name, e-mail or phone in a kiosk's events.
    CHECK(e["lead"]["name"] == "Самбар");
    CHECK_FALSE(e["lead"].contains("contact_name"));
    CHECK_FALSE(e["lead"].contains("email"));
    CHECK_FALSE(e["lead"].contains("phone"));
}
