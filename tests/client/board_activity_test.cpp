// The board's activity marks: each card's next activity (state and type icon) or "no next step", and a column's
// activity bar, as the server's groups send them; load more keeps them for the new cards.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

json board_activity_stage(int64_t id, const char* name, int seq) {
    return {{"id", id}, {"name", name}, {"team_id", 3}, {"sequence", seq}, {"fold", false}, {"is_won", false},
            {"requirements", ""}, {"default_probability", nullptr}, {"rotting_days", 0}, {"wip_limit", 0},
            {"version", 1}};
}

json board_activity_card(int64_t id, json next, bool no_next_step) {
    return {{"id", id}, {"version", 1}, {"name", "Карт"}, {"stage_id", 10}, {"priority", 0},
            {"expected_revenue", {{"amount", 0}, {"currency", "MNT"}}}, {"probability", 10.0},
            {"tag_ids", json::array()}, {"user_id", 7}, {"team_id", 3}, {"active", true},
            {"next_activity", next}, {"no_next_step", no_next_step}};
}

struct BoardFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    BoardFixture() {
        host.history = {"#/pipeline"};
        app.start("#/pipeline", "en-US", "");
        net.answer(200, R"({"user":{"id":7,"login":"bold","name":"Болд","role":"sales_all"},"csrf_token":"t"})");
    }
    HttpRequest reply(const std::string& prefix, const json& body) {
        return net.answer_path(prefix, 200, body.dump());
    }
};

}  // namespace

TEST_CASE("board activities: cards carry their next activity or no next step; columns their activity bar") {
    BoardFixture f;
    f.app.board().sync(f.app.route());
    f.reply("/api/v1/teams", {{"items", json::array({{{"id", 3}, {"name", "УБ"}}})}});
    f.reply("/api/v1/tags", {{"items", json::array()}});
    f.reply("/api/v1/users/directory", {{"items", json::array()}});
    f.reply("/api/v1/stages", {{"items", json::array({board_activity_stage(10, "New", 1), board_activity_stage(11, "Won", 2)})}});
    const json overdue = {{"id", 5}, {"type_id", 1}, {"summary", "Залгах"}, {"due_date", "2026-11-20"},
                          {"state", "overdue"}, {"icon", "phone"}, {"category", "call"}};
    json groups = {{"groups", json::array({{{"key", 10}, {"count", 9},
                                            {"sums", json::array()},
                                            {"activity_bar", {{"overdue", 2}, {"today", 1}, {"planned", 3}, {"none", 3}}},
                                            {"items", json::array({board_activity_card(1, overdue, false), board_activity_card(2, nullptr, true)})},
                                            {"next", "c-2"}},
                                           {{"key", 11}, {"count", 0}, {"sums", json::array()}, {"items", json::array()}}})}};
    HttpRequest g = f.reply("/api/v1/leads/groups", groups);
    CHECK(g.path.find("next_activity") != std::string::npos);  // asked for in ?fields
    const auto& board = f.app.board();
    REQUIRE(board.status() == BoardStatus::ready);
    REQUIRE(board.columns()[0].activity_bar);
    CHECK(*board.columns()[0].activity_bar == ActivityBar{2, 1, 3, 3});
    CHECK(board.columns()[0].activity_bar->total() == 9);
    CHECK_FALSE(board.columns()[1].activity_bar);  // not sent: no bar drawn
    REQUIRE(board.card_activity(1));
    CHECK(board.card_activity(1)->state == "overdue");
    CHECK(board.card_activity(1)->icon == "phone");
    CHECK(board.card_activity(1)->summary == "Залгах");
    CHECK_FALSE(board.card_activity(1)->no_next_step);
    REQUIRE(board.card_activity(2));
    CHECK(board.card_activity(2)->state.empty());
    CHECK(board.card_activity(2)->no_next_step);
    CHECK(board.card_activity(99) == nullptr);

    f.app.board().load_more(10);
    json today = overdue;
    today["state"] = "today";
    f.reply("/api/v1/leads", {{"items", json::array({board_activity_card(3, today, false)})}, {"next", nullptr}});
    REQUIRE(board.card_activity(3));
    CHECK(board.card_activity(3)->state == "today");
}

TEST_CASE("board activities: the Overdue activities chip is kept in the address and filters with activity_overdue") {
    BoardQuery q = parse_board_query("f=mine,overdue");
    CHECK(q.mine);
    CHECK(q.overdue);
    CHECK(format_board_query(q) == "f=mine%2Coverdue");
    CHECK(parse_board_query(format_board_query(q)) == q);
    CHECK(board_filter(q, 3) == "team_id = 3 and user_id = me and activity_overdue = true");
    // The filter it sends is one the shared checker accepts.
    auto e = filter::parse(board_filter(q, 3));
    REQUIRE(e.ok());
    CHECK_FALSE(filter::check(e.value(), filter::lead_filter_fields()));
}
