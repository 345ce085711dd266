// The second sign-in step: the code (or a recovery code) goes to session.totp with the challenge; a wrong code is
// typed again, an expired challenge sends the user back to the password, and success signs in.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

struct LoginTotpFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    // Signed out at #/login, password accepted, the server asks for the code.
    void at_code_step() {
        host.history = {"#/login"};
        app.start("#/login", "en-US", "");
        net.answer(401, R"({"error":{"code":"unauthorized","message":"Not signed in"}})");
        app.login_form().login = "altan";
        app.login_form().password = "right-password";
        app.submit_login();
        net.answer(200, R"({"totp_required":true,"challenge":"ch-42"})");
        REQUIRE(app.login_form().second_step());
    }
};

const char* login_totp_session_body = R"({"user":{"id":7,"login":"altan","name":"Алтан","role":"sales_own"},"csrf_token":"t"})";

}  // namespace

TEST_CASE_FIXTURE(LoginTotpFixture, "a six-digit code is posted with the challenge and signs in") {
    at_code_step();
    app.login_form().code = "123 456";
    app.submit_login();
    REQUIRE(net.pending.size() == 1);
    const HttpRequest sent = net.pending.front().request;
    CHECK(sent.method == "POST");
    CHECK(sent.path == "/api/v1/session/totp");
    CHECK(json::parse(sent.body) == json{{"challenge", "ch-42"}, {"code", "123456"}});
    net.answer(200, login_totp_session_body);
    CHECK(app.session_status() == SessionStatus::signed_in);
    CHECK(app.session()->user.login == "altan");
    CHECK_FALSE(app.login_form().second_step());
    CHECK(app.login_form().code.empty());
    CHECK(host.url() == "#/pipeline");
}

TEST_CASE_FIXTURE(LoginTotpFixture, "anything else than six digits is sent as a recovery code") {
    at_code_step();
    app.login_form().code = "abcd-efgh-ijkl";
    app.submit_login();
    const HttpRequest sent = net.answer(200, login_totp_session_body);
    CHECK(json::parse(sent.body) == json{{"challenge", "ch-42"}, {"recovery_code", "abcd-efgh-ijkl"}});
    CHECK(app.session_status() == SessionStatus::signed_in);
}

TEST_CASE_FIXTURE(LoginTotpFixture, "an empty code is not sent") {
    at_code_step();
    app.submit_login();
    CHECK(net.pending.empty());
    CHECK(app.login_form().error().field == "code");
    CHECK(app.last_error() == "Enter the code from your authenticator app.");
}

TEST_CASE_FIXTURE(LoginTotpFixture, "a wrong code keeps the code step, clears the field and says so at the field") {
    at_code_step();
    app.login_form().code = "000000";
    app.submit_login();
    net.answer(401, R"({"error":{"code":"unauthorized","message":"Wrong code","details":[{"field":"code","message":"does not match","key":"error.totp_wrong"}]}})");
    CHECK(app.login_form().second_step());
    CHECK(app.login_form().code.empty());
    CHECK(app.login_form().error().field == "code");
    CHECK(app.last_error().find("not right") != std::string::npos);
    // Mongolian too.
    app.set_language(i18n::Lang::mn);
    CHECK(app.last_error().find("Код буруу") != std::string::npos);
}

TEST_CASE_FIXTURE(LoginTotpFixture, "an expired challenge goes back to the password") {
    at_code_step();
    app.login_form().code = "123456";
    app.submit_login();
    net.answer(401, R"({"error":{"code":"unauthorized","message":"The sign-in has expired; enter your password again"}})");
    CHECK_FALSE(app.login_form().second_step());
    CHECK(app.last_error() == "The sign-in has expired. Enter your password again.");
    CHECK(app.login_form().take_focus_request() == "password");
}

TEST_CASE_FIXTURE(LoginTotpFixture, "a lock or a network failure is shown and the code can be tried again") {
    at_code_step();
    app.login_form().code = "123456";
    app.submit_login();
    net.answer(0, "");
    CHECK(app.login_form().second_step());
    CHECK(app.last_error() == "Cannot reach the server. Check your connection and try again.");
    app.login_form().code = "123456";
    app.submit_login();
    net.answer(429, R"({"error":{"code":"too_many_requests","message":"Too many attempts; try again in 60 seconds"}})");
    CHECK(app.login_form().second_step());
    CHECK(app.last_error() == "Too many attempts; try again in 60 seconds");
}

TEST_CASE_FIXTURE(LoginTotpFixture, "Back returns to the password step and forgets the challenge") {
    at_code_step();
    app.login_form().code = "12";
    app.login_form().cancel_second_step();
    CHECK_FALSE(app.login_form().second_step());
    CHECK(app.login_form().code.empty());
    app.login_form().password = "again";
    app.submit_login();
    CHECK(net.pending.front().request.path == "/api/v1/session/login");
}
