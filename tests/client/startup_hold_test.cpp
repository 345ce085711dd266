// The first frame's wait at start-up (state/startup_hold.hpp): for the session check and the board's first columns,
// never past the cap, and not for pages that have nothing early to wait for.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/startup_hold.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* startup_hold_session = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

// Start-up on `hash` until the board is drawn; checks the wait at each step.
void startup_hold_board(const std::string& hash) {
    CAPTURE(hash);
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    host.history = {hash};
    app.start(hash, "en-US", "");
    CHECK(hold_first_frame(app, 100));
    net.answer_path("/api/v1/session/me", 200, startup_hold_session);
    REQUIRE(app.session_status() == SessionStatus::signed_in);
    // No board.sync() here: nothing is drawn yet, so the early requests alone must bring the board to "ready".
    CHECK(hold_first_frame(app, 200));  // signed in, the columns still on their way
    CHECK_FALSE(hold_first_frame(app, first_frame_wait_ms));  // the cap: the loading board is drawn
    net.answer_path("/api/v1/teams", 200, json{{"items", json::array({{{"id", 3}, {"name", "Улаанбаатар"}}})}}.dump());
    net.answer_path("/api/v1/tags", 200, R"({"items":[]})");
    net.answer_path("/api/v1/users/directory", 200, R"({"items":[]})");
    net.answer_path("/api/v1/stages", 200,
                    json{{"items", json::array({{{"id", 10}, {"name", "New"}, {"team_id", 3}, {"sequence", 1},
                                                 {"fold", false}, {"is_won", false}, {"requirements", ""},
                                                 {"default_probability", nullptr}, {"rotting_days", 0},
                                                 {"wip_limit", 0}, {"version", 1}}})}}.dump());
    CHECK(hold_first_frame(app, 300));
    net.answer_path("/api/v1/leads/groups", 200, R"({"group_by":"stage","groups":[]})");
    REQUIRE(app.board().status() == BoardStatus::ready);
    CHECK_FALSE(hold_first_frame(app, 400));
}

}  // namespace

TEST_CASE("start-up on the board: the first frame waits for the session and the board's columns, then draws") {
    startup_hold_board("#/pipeline/3");  // the team in the address: its columns are asked for at once
    startup_hold_board("#/pipeline");    // the teams list picks it (nothing remembered in this browser)
}

TEST_CASE("start-up: a failed board load or a signed-out visitor is drawn at once; other pages wait for the session only") {
    const json unauthorized = {{"error", {{"code", "unauthorized"}, {"message", "Sign in first"}, {"field", nullptr}}}};
    {
        FakeTransport net;
        FakeHost host;
        AppState app{net, host};
        host.history = {"#/pipeline/3"};
        app.start("#/pipeline/3", "en-US", "");
        net.answer_path("/api/v1/session/me", 401, unauthorized.dump());
        CHECK_FALSE(hold_first_frame(app, 100));  // the sign-in page
    }
    {
        FakeTransport net;
        FakeHost host;
        AppState app{net, host};
        host.history = {"#/pipeline/3"};
        app.start("#/pipeline/3", "en-US", "");
        net.answer_path("/api/v1/session/me", 200, startup_hold_session);
        app.board().sync(app.route());
        net.answer_path("/api/v1/leads/groups", 500, R"({"error":{"code":"internal","message":"boom","field":null}})");
        net.answer_path("/api/v1/stages", 500, R"({"error":{"code":"internal","message":"boom","field":null}})");
        CHECK(app.board().status() != BoardStatus::loading);
        CHECK_FALSE(hold_first_frame(app, 100));  // the failure is shown, not hidden behind the loading page
    }
    {
        FakeTransport net;
        FakeHost host;
        AppState app{net, host};
        host.history = {"#/leads"};
        app.start("#/leads", "en-US", "");
        CHECK(hold_first_frame(app, 100));
        net.answer_path("/api/v1/session/me", 200, startup_hold_session);
        CHECK_FALSE(hold_first_frame(app, 100));
    }
}
