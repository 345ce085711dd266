#include <doctest/doctest.h>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;

namespace {

const char* routing_session_body = R"({"user":{"id":7,"login":"bat","name":"Бат-Өлзий"},"csrf_token":"csrf-7"})";

struct RoutingFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    void open(const char* hash, bool signed_in) {
        host.history = {hash};
        app.start(hash, "en", "");
        if (signed_in) {
            net.answer(200, routing_session_body);
            return;
        }
        // The session check and whatever else start() asked for (a board's data) are refused alike.
        while (!net.pending.empty()) net.answer(401, R"({"error":{"code":"unauthorized","message":"Not signed in","field":null}})");
    }
    std::size_t pending(const std::string& path) const {
        std::size_t n = 0;
        for (const auto& p : net.pending) n += p.request.path == path ? 1 : 0;
        return n;
    }
};

}  // namespace

TEST_CASE_FIXTURE(RoutingFixture, "an empty address becomes #/pipeline without a history entry") {
    host.history = {""};
    app.start("", "en", "");
    CHECK(host.url() == "#/pipeline");
    CHECK(host.pushes.empty());
    CHECK(app.view() == "loading");  // until the server says who we are
    net.answer(200, routing_session_body);
    CHECK(app.view() == "pipeline");
}

TEST_CASE_FIXTURE(RoutingFixture, "reload on a signed-in page keeps the page") {
    open("#/lead/42", true);
    CHECK(app.route() == Route::lead(42));
    CHECK(app.view() == "lead");
    CHECK(host.url() == "#/lead/42");
}

TEST_CASE_FIXTURE(RoutingFixture, "a signed-out visitor of a deep page signs in and lands there") {
    open("#/lead/42", false);
    CHECK(app.view() == "login");
    CHECK(host.url() == "#/login?next=%2Flead%2F42");
    CHECK(app.last_error().empty());  // 401 on the check is not an error worth showing
    app.login_form().login = "bat";
    app.login_form().password = "pw";
    app.submit_login();
    net.answer(200, routing_session_body);
    CHECK(app.route() == Route::lead(42));
    CHECK(host.url() == "#/lead/42");
}

TEST_CASE_FIXTURE(RoutingFixture, "a signed-out visitor of the pipeline gets a plain login address") {
    open("#/pipeline", false);
    CHECK(host.url() == "#/login");
}

TEST_CASE_FIXTURE(RoutingFixture, "a signed-out visitor of one team's board signs in onto that board") {
    open("#/pipeline/3", false);
    CHECK(host.url() == "#/login?next=%2Fpipeline%2F3");
    app.login_form().login = "bat";
    app.login_form().password = "pw";
    app.submit_login();
    net.answer(200, routing_session_body);
    CHECK(app.route().view == View::pipeline);
    CHECK(app.route().id == 3);
}

TEST_CASE_FIXTURE(RoutingFixture, "a signed-in visitor of the login page goes on to the pipeline") {
    open("#/login", true);
    CHECK(app.view() == "pipeline");
    CHECK(host.url() == "#/pipeline");
}

TEST_CASE_FIXTURE(RoutingFixture, "when the server is down at start the login page says so") {
    host.history = {"#/pipeline"};
    app.start("#/pipeline", "en", "");
    net.answer(0);
    CHECK(app.view() == "login");
    CHECK(app.last_error() == "Cannot reach the server. Check your connection and try again.");
}

TEST_CASE_FIXTURE(RoutingFixture, "back and forward follow the address bar") {
    open("#/pipeline", true);
    app.navigate(Route::lead(5));
    CHECK(host.pushes == std::vector<std::string>{"#/lead/5"});
    CHECK(app.view() == "lead");
    app.on_url_changed("#/pipeline");  // the back button
    CHECK(app.view() == "pipeline");
    CHECK(host.pushes.size() == 1);    // following the URL adds no entry
    app.on_url_changed("#/nowhere/1");
    CHECK(app.view() == "not_found");
    CHECK(app.route().path == "/nowhere/1");
}

TEST_CASE_FIXTURE(RoutingFixture, "navigating to the same page adds no history entry") {
    open("#/pipeline", true);
    app.navigate(Route::pipeline());
    app.on_url_changed("#/pipeline/");
    CHECK(host.pushes.empty());
}

TEST_CASE_FIXTURE(RoutingFixture, "sign out posts with the CSRF token and returns to the login page") {
    open("#/pipeline", true);
    app.logout();
    CHECK(app.logging_out());
    app.logout();  // a double click sends one request (the board's requests from the start may still be out)
    REQUIRE(pending("/api/v1/session/logout") == 1);
    auto req = net.answer_path("/api/v1/session/logout", 204, "");
    CHECK(req.method == "POST");
    CHECK(req.path == "/api/v1/session/logout");
    CHECK(header(req, "X-CSRF-Token") == "csrf-7");
    CHECK(app.session_status() == SessionStatus::signed_out);
    CHECK_FALSE(app.session().has_value());
    CHECK(app.view() == "login");
    CHECK(host.url() == "#/login");
    CHECK(app.last_error().empty());
}

TEST_CASE_FIXTURE(RoutingFixture, "a failed sign out keeps the session and shows why") {
    open("#/pipeline", true);
    app.logout();
    net.answer(0);
    CHECK(app.session_status() == SessionStatus::signed_in);
    CHECK(app.view() == "pipeline");
    CHECK(app.last_error() == "Cannot reach the server. Check your connection and try again.");
    app.navigate(Route::lead(1));  // moving on clears the banner
    CHECK(app.last_error().empty());
}

TEST_CASE_FIXTURE(RoutingFixture, "an expired session sends the user to sign in again with a reason") {
    open("#/lead/3", true);
    app.session_expired();
    CHECK(app.view() == "login");
    CHECK(host.url() == "#/login?next=%2Flead%2F3");
    CHECK(app.last_error() == "Your session has ended. Please sign in again.");
}
