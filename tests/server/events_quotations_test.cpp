// Quotation events (issue 10: the editor follows another user's changes) reach whoever may read the quotation:
// its opportunity's record rule, or without one its salesperson (unassigned: its team), as the quotation reads.
#include <doctest/doctest.h>

#include "events_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

// The next quotation event, skipping leads' and settings' events.
std::optional<SseEvent> next_quotation(SseClient& c) {
    for (;;) {
        auto e = c.next();
        if (!e || e->event.rfind("quotation.", 0) == 0) return e;
    }
}

json new_quotation(TestServer& s, const json& body) {
    auto r = post_json(s.client, "/api/v1/quotations", body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r);
}

}  // namespace

TEST_CASE("quotation events follow the quotation's record rule") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Өргөө");
    const int64_t stage = add_stage(s, "Шинэ", 1);
    const int64_t own_id = create_user(s, "own", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t other_id = create_user(s, "other", "sales_own", {{"team_ids", {team}}})["id"];
    auto own = sign_in(s, "own");
    auto stream = open_stream(s, own.cookie);
    REQUIRE(stream->next_named("hello"));

    auto theirs = new_lead(s.client, {{"name", "Бусдын"}, {"type", "opportunity"}, {"user_id", other_id}, {"team_id", team},
                                      {"stage_id", stage}, {"partner_name", "Говь ХХК"}});
    auto mine = new_lead(s.client, {{"name", "Минийх"}, {"type", "opportunity"}, {"user_id", own_id}, {"team_id", team},
                                    {"stage_id", stage}, {"partner_name", "Хан ХХК"}});
    auto q_theirs = new_quotation(s, {{"lead_id", theirs["id"]}});
    auto q_other_free = new_quotation(s, {{"partner_id", q_theirs["partner_id"]}, {"user_id", other_id}});
    auto q_mine = new_quotation(s, {{"lead_id", mine["id"]}});
    auto q_mine_free = new_quotation(s, {{"partner_id", q_theirs["partner_id"]}, {"user_id", own_id}});
    auto edited = patch_json(s.client, "/api/v1/quotations/" + std::to_string(q_mine["id"].get<int64_t>()),
                             {{"notes", "шинэ"}, {"version", q_mine["version"]}});
    REQUIRE(edited->status == 200);

    // Only the two quotations I may open, and the change of mine with its new version.
    auto first = next_quotation(*stream);
    REQUIRE(first);
    CHECK(first->event == "quotation.created");
    CHECK(data_of(first)["id"] == q_mine["id"]);
    auto second = data_of(next_quotation(*stream));
    CHECK(second["id"] == q_mine_free["id"]);
    auto third = next_quotation(*stream);
    REQUIRE(third);
    CHECK(third->event == "quotation.updated");
    CHECK(data_of(third)["id"] == q_mine["id"]);
    CHECK(data_of(third)["payload"]["version"] == body_of(edited)["version"]);

    // A manager hears of all of them.
    create_user(s, "boss", "manager");
    auto boss = sign_in(s, "boss");
    auto all = open_stream(s, boss.cookie, {"Last-Event-ID: 0"});
    std::vector<int64_t> ids;
    while (ids.size() < 5) {
        auto e = next_quotation(*all);
        REQUIRE(e);
        ids.push_back(data_of(e)["id"]);
    }
    CHECK(ids == std::vector<int64_t>{q_theirs["id"], q_other_free["id"], q_mine["id"], q_mine_free["id"], q_mine["id"]});
}
