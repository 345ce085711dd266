// POST /leads/bulk over real HTTP: each mass action with tracked changes per lead, all or nothing when one lead
// cannot take the action, 404 for ids the caller cannot see, 422 naming the field for bad input.
#include <doctest/doctest.h>

#include "lead_actions_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
std::vector<int64_t> make_leads(ApiSession& s, int n) {
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) ids.push_back(make_lead(s, {{"name", "Бөөн " + std::to_string(i)}})["id"].get<int64_t>());
    return ids;
}
ApiReply bulk(ApiSession& s, json body) { return s.post("/api/v1/leads/bulk", body); }
}  // namespace

TEST_CASE("bulk assign, add_tag and set_stage change every lead and track it in each chatter") {
    TestServer s(seeded);
    ApiSession admin(s);
    const int64_t sales = create_user(admin, "bold", "sales_all", "Болд");
    auto ids = make_leads(admin, 3);

    auto r = bulk(admin, {{"ids", ids}, {"action", "assign"}, {"user_id", sales}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["updated"] == 3);
    CHECK(r.body["ids"] == json(ids));
    for (auto id : ids) {
        CHECK(read_lead(admin, id)["user_id"] == sales);
        CHECK(contains(tracked_fields(admin, id), "user_id"));
    }
    // Already assigned: nothing to change, nothing written.
    r = bulk(admin, {{"ids", ids}, {"action", "assign"}, {"user_id", sales}});
    REQUIRE(r.status == 200);
    CHECK(r.body["updated"] == 0);
    // null clears the salesperson.
    r = bulk(admin, {{"ids", {ids[0]}}, {"action", "assign"}, {"user_id", nullptr}});
    REQUIRE(r.status == 200);
    CHECK(read_lead(admin, ids[0])["user_id"].is_null());

    r = bulk(admin, {{"ids", ids}, {"action", "add_tag"}, {"tag_id", 7}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    for (auto id : ids) CHECK(read_lead(admin, id)["tag_ids"] == json({7}));

    r = bulk(admin, {{"ids", ids}, {"action", "set_stage"}, {"stage_id", 2}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    for (auto id : ids) {
        auto lead = read_lead(admin, id);
        CHECK(lead["stage_id"] == 2);
        CHECK(lead["probability"] == 30);
        CHECK(contains(tracked_fields(admin, id), "stage_id"));
    }
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE action = 'moved'") == 3);
}

TEST_CASE("bulk lost, archive, restore and delete") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto ids = make_leads(admin, 3);

    auto r = bulk(admin, {{"ids", {ids[0], ids[1]}}, {"action", "lost"}, {"lost_reason_id", 1}, {"note", "Үнэ өндөр"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    for (auto id : {ids[0], ids[1]}) {
        auto lead = read_lead(admin, id);
        CHECK(lead["active"] == false);
        CHECK(lead["probability"] == 0);
        CHECK(lead["lost_reason_id"] == 1);
        CHECK(lead["lost_note"] == "Үнэ өндөр");
    }
    r = bulk(admin, {{"ids", {ids[2]}}, {"action", "archive"}});
    REQUIRE(r.status == 200);
    CHECK(read_lead(admin, ids[2])["active"] == false);

    r = bulk(admin, {{"ids", ids}, {"action", "restore"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["updated"] == 3);
    for (auto id : ids) {
        auto lead = read_lead(admin, id);
        CHECK(lead["active"] == true);
        CHECK(lead["lost_reason_id"].is_null());
    }

    // Deleting is a manager's action, in bulk as for one lead.
    create_user(admin, "seller", "sales_all", "Худалдагч");
    ApiSession seller(s.app->port(), "seller", user_password);
    r = bulk(seller, {{"ids", {ids[0]}}, {"action", "delete"}});
    CHECK(r.status == 403);
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 3);
    r = bulk(admin, {{"ids", {ids[0], ids[1]}}, {"action", "delete"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["updated"] == 2);
    CHECK(admin.get(lead_path(ids[0])).status == 404);
    CHECK(admin.get(lead_path(ids[1])).status == 404);
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == 1);
}

TEST_CASE("bulk archive and restore skip leads already in the wanted state instead of failing the batch") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto ids = make_leads(admin, 3);
    auto r = bulk(admin, {{"ids", {ids[0]}}, {"action", "archive"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());

    // A selection that mixes archived and active leads: the active ones are archived, the archived one is left.
    r = bulk(admin, {{"ids", ids}, {"action", "archive"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["updated"] == 2);
    CHECK(r.body["ids"] == json({ids[1], ids[2]}));
    for (auto id : ids) CHECK(read_lead(admin, id)["active"] == false);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE action = 'archived'") == 3);

    // Restoring a mix of active and archived leads works the same way.
    r = bulk(admin, {{"ids", {ids[1]}}, {"action", "restore"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    r = bulk(admin, {{"ids", ids}, {"action", "restore"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["updated"] == 2);
    for (auto id : ids) CHECK(read_lead(admin, id)["active"] == true);
}

TEST_CASE("bulk is all or nothing: one lead that cannot take the action leaves every lead unchanged") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto ids = make_leads(admin, 3);
    auto won = admin.post(lead_path(ids[1], "/won"), {{"version", 1}});
    REQUIRE(won.status == 200);
    const int64_t log_before = count_rows(s, "SELECT count(*) FROM change_log");

    auto r = bulk(admin, {{"ids", ids}, {"action", "lost"}, {"lost_reason_id", 1}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["field"] == "ids");
    CHECK(r.body["error"]["details"]["ids"] == json({ids[1]}));
    REQUIRE(r.body["error"]["details"]["errors"].size() == 1);
    CHECK(r.body["error"]["details"]["errors"][0]["id"] == ids[1]);
    CHECK(read_lead(admin, ids[0])["active"] == true);
    CHECK(read_lead(admin, ids[0])["version"] == 1);
    CHECK(read_lead(admin, ids[2])["version"] == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log") == log_before);

    // An id the caller cannot see (or that does not exist) is a 404 and nothing changes either.
    create_user(admin, "own", "sales_own", "Өөрийн");
    ApiSession own(s.app->port(), "own", user_password);
    const int64_t mine = make_lead(own, {{"name", "Минийх"}})["id"];
    r = bulk(own, {{"ids", {mine, ids[0]}}, {"action", "archive"}});
    CHECK(r.status == 404);
    CHECK(read_lead(admin, mine)["active"] == true);
    r = bulk(admin, {{"ids", {ids[0], 987654}}, {"action", "archive"}});
    CHECK(r.status == 404);
    CHECK(read_lead(admin, ids[0])["active"] == true);
}

TEST_CASE("bad bulk input is 422 naming the field") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto ids = make_leads(admin, 2);
    auto r = bulk(admin, {{"action", "archive"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    r = bulk(admin, {{"ids", json::array()}, {"action", "archive"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    std::vector<int64_t> too_many(5001);
    for (size_t i = 0; i < too_many.size(); ++i) too_many[i] = static_cast<int64_t>(i + 1);
    r = bulk(admin, {{"ids", too_many}, {"action", "archive"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    r = bulk(admin, {{"ids", ids}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "action"));
    r = bulk(admin, {{"ids", ids}, {"action", "explode"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "action"));
    r = bulk(admin, {{"ids", ids}, {"action", "assign"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "user_id"));
    r = bulk(admin, {{"ids", ids}, {"action", "assign"}, {"team_id", 555}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "team_id"));
    r = bulk(admin, {{"ids", ids}, {"action", "add_tag"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "tag_id"));
    r = bulk(admin, {{"ids", ids}, {"action", "add_tag"}, {"tag_id", 999}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "tag_id"));
    r = bulk(admin, {{"ids", ids}, {"action", "set_stage"}, {"stage_id", "Won"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "stage_id"));
    r = bulk(admin, {{"ids", ids}, {"action", "lost"}, {"lost_reason_id", 999}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "lost_reason_id"));
    CHECK(count_rows(s, "SELECT count(*) FROM leads WHERE version > 1") == 0);
}
