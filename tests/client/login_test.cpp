#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;

namespace {

const char* login_session_body = R"({"user":{"id":1,"login":"admin","name":"Өлзий Үүрцайх","role":"admin"},"csrf_token":"tok-1"})";
const char* wrong_password =
    R"({"error":{"code":"unauthorized","message":"Wrong login or password","field":"password"}})";

struct LoginFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    // Opens the page at `hash` with no session on the server.
    void open_signed_out(const char* hash = "#/login", const char* browser_lang = "en-US") {
        host.history = {hash};
        app.start(hash, browser_lang, "");
        auto me = net.answer(401, R"({"error":{"code":"unauthorized","message":"Not signed in","field":null}})");
        CHECK(me.path == "/api/v1/session/me");
    }
};

}  // namespace

TEST_CASE_FIXTURE(LoginFixture, "a wrong password shows the server's message and keeps the user on the login page") {
    open_signed_out();
    CHECK(app.view() == "login");
    app.login_form().login = "admin";
    app.login_form().password = "nope";
    app.submit_login();
    CHECK(app.login_form().busy());
    REQUIRE(net.pending.size() == 1);
    auto req = net.answer(401, wrong_password);
    CHECK(req.method == "POST");
    CHECK(req.path == "/api/v1/session/login");
    CHECK(header(req, "Content-Type") == "application/json");
    CHECK(header(req, "Accept-Language") == "en");
    auto body = nlohmann::json::parse(req.body);
    CHECK(body == nlohmann::json{{"login", "admin"}, {"password", "nope"}});
    CHECK_FALSE(app.login_form().busy());
    CHECK(app.last_error() == "Wrong login or password");
    CHECK(app.login_form().error().field == "password");
    CHECK(app.login_form().password.empty());  // retyped, not edited
    CHECK(app.login_form().take_focus_request() == "password");
    CHECK(app.route().view == View::login);
    CHECK(app.session_status() == SessionStatus::signed_out);
}

TEST_CASE_FIXTURE(LoginFixture, "status 0 means the server cannot be reached, in the user's language") {
    open_signed_out("#/login", "mn-MN");
    CHECK(app.language() == i18n::Lang::mn);
    app.login_form().login = "admin";
    app.login_form().password = "x";
    app.submit_login();
    net.answer(0);
    CHECK(app.last_error() == std::string(i18n::tr(i18n::Lang::mn, "error.network")));
    app.set_language(i18n::Lang::en);  // the message follows a language switch
    CHECK(app.last_error() == "Cannot reach the server. Check your connection and try again.");
}

TEST_CASE_FIXTURE(LoginFixture, "an error reply without the JSON shape names the status") {
    open_signed_out();
    app.login_form().login = "admin";
    app.login_form().password = "x";
    app.submit_login();
    net.answer(502, "<html>Bad gateway</html>");
    CHECK(app.last_error() == "The server answered with an unexpected error (HTTP 502).");
}

TEST_CASE_FIXTURE(LoginFixture, "empty fields are caught before any request") {
    open_signed_out();
    app.submit_login();
    CHECK(net.pending.empty());
    CHECK(app.last_error() == "Enter your login.");
    CHECK(app.login_form().take_focus_request() == "login");
    app.login_form().login = "  admin ";
    app.submit_login();
    CHECK(net.pending.empty());
    CHECK(app.last_error() == "Enter your password.");
}

TEST_CASE_FIXTURE(LoginFixture, "a second submit while one is under way sends nothing") {
    open_signed_out();
    app.login_form().login = "admin";
    app.login_form().password = "pw";
    app.submit_login();
    app.submit_login();
    CHECK(net.pending.size() == 1);
}

TEST_CASE_FIXTURE(LoginFixture, "signing in opens the pipeline in place of the login page") {
    open_signed_out();
    app.login_form().login = "admin";
    app.login_form().password = "right";
    app.submit_login();
    net.answer(200, login_session_body);
    CHECK(app.session_status() == SessionStatus::signed_in);
    REQUIRE(app.session().has_value());
    CHECK(app.session()->user.name == "Өлзий Үүрцайх");
    CHECK(app.session()->csrf_token == "tok-1");
    CHECK(app.route() == Route::pipeline());
    CHECK(app.view() == "pipeline");
    CHECK(host.url() == "#/pipeline");
    CHECK(host.pushes.empty());  // back does not return to the form
    CHECK(app.login_form().password.empty());
    CHECK(app.last_error().empty());
}

TEST_CASE_FIXTURE(LoginFixture, "a success reply that is not a session is reported, not trusted") {
    open_signed_out();
    app.login_form().login = "admin";
    app.login_form().password = "right";
    app.submit_login();
    net.answer(200, R"({"ok":true})");
    CHECK(app.session_status() == SessionStatus::signed_out);
    CHECK(app.last_error() == "The server sent a reply this client does not understand.");
}

TEST_CASE_FIXTURE(LoginFixture, "an account that needs a one-time code goes on to the code step, without an error") {
    open_signed_out();
    app.login_form().login = "admin";
    app.login_form().password = "right";
    app.submit_login();
    net.answer(200, R"({"totp_required":true,"challenge":"c-1"})");
    CHECK(app.session_status() == SessionStatus::signed_out);
    CHECK(app.login_form().second_step());
    CHECK(app.login_form().password.empty());  // not kept in memory while the code is asked for
    CHECK(app.last_error() == "");
    CHECK(app.login_form().take_focus_request() == "code");
}
