// Per-browser look (theme and interface size: parsing, defaults, the round trip through the host's storage) and the
// guard that keeps unsaved edits of the lead and contact forms from being lost by leaving them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/test_probe.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {
const char* ui_prefs_session_body = R"({"user":{"id":1,"login":"admin","name":"Админ","role":"admin"},"csrf_token":"tok-1"})";

struct UiPrefsFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    void start(const std::string& hash) {
        host.history = {hash};
        app.start(hash, "en-US", "");
        net.answer(200, ui_prefs_session_body);
    }
    // Answers everything pending: the record asked for with `record`, every list with no items.
    void drain(const std::string& path, const json& record) {
        while (!net.pending.empty()) {
            if (net.pending.front().request.path == path) net.answer(200, record.dump());
            else net.answer(200, R"({"items":[]})");
        }
    }
    void open_lead() {
        start("#/lead/42");
        app.lead_form().show(42);
        drain("/api/v1/leads/42", {{"id", 42}, {"type", "lead"}, {"name", "Office chairs"}, {"stage_id", 1},
                                   {"priority", 0}, {"active", true}, {"version", 3}});
        REQUIRE(app.lead_form().lead());
    }
};
}  // namespace

TEST_CASE("theme and interface size parse only what is offered") {
    CHECK(parse_theme("dark") == ThemeChoice::dark);
    CHECK(parse_theme("light") == ThemeChoice::light);
    CHECK(parse_theme("system") == ThemeChoice::system);
    CHECK_FALSE(parse_theme("Dark"));
    CHECK_FALSE(parse_theme(""));
    for (int s : ui_scale_steps) CHECK(parse_ui_scale(std::to_string(s)) == s);
    CHECK_FALSE(parse_ui_scale("120"));
    CHECK_FALSE(parse_ui_scale("125%"));
    CHECK_FALSE(parse_ui_scale("abc"));
    CHECK_FALSE(parse_ui_scale(""));
    const UiPrefs junk = parse_ui_prefs("purple", "500");
    CHECK(junk.theme == ThemeChoice::system);
    CHECK(junk.scale_percent == 100);
    const UiPrefs p = parse_ui_prefs("dark", "125");
    CHECK(p.theme == ThemeChoice::dark);
    CHECK(p.scale() == doctest::Approx(1.25));
}

TEST_CASE("System follows the host's colour scheme; Light and Dark do not") {
    UiPrefs p;
    CHECK_FALSE(p.dark(false));
    CHECK(p.dark(true));
    p.theme = ThemeChoice::light;
    CHECK_FALSE(p.dark(true));
    p.theme = ThemeChoice::dark;
    CHECK(p.dark(false));
}

TEST_CASE_FIXTURE(UiPrefsFixture, "the choice is saved per browser and read at the next start, before sign-in") {
    start("#/pipeline");
    app.set_theme(ThemeChoice::dark);
    app.set_ui_scale(125);
    app.set_ui_scale(120);  // not offered: ignored
    CHECK(host.prefs["tumen.theme"] == "dark");
    CHECK(host.prefs["tumen.ui_scale"] == "125");

    FakeTransport net2;
    AppState next{net2, host};  // a reload: same storage
    next.start("#/pipeline", "en-US", "");
    CHECK(next.session_status() == SessionStatus::checking);  // not signed in yet, already dark
    CHECK(next.dark_theme());
    CHECK(next.ui_prefs().scale_percent == 125);
    const json probe = json::parse(state_json(next, {}, {}));
    CHECK(probe["theme"] == "dark");
    CHECK(probe["ui_scale"] == 125);

    next.set_theme(ThemeChoice::system);
    CHECK(host.prefs["tumen.theme"] == "system");
    CHECK_FALSE(next.dark_theme());
    host.system_dark = true;
    CHECK(next.dark_theme());
}

TEST_CASE_FIXTURE(UiPrefsFixture, "leaving a lead with unsaved edits waits for Keep editing or Discard") {
    open_lead();
    CHECK_FALSE(app.unsaved_edits());
    app.lead_form().field("name") = "Office chairs x40";
    CHECK(app.unsaved_edits());

    app.navigate(Route::pipeline());  // top bar, palette, a link in the app
    CHECK(app.route().view == View::lead);
    REQUIRE(app.pending_leave());
    CHECK(app.pending_leave()->view == View::pipeline);
    CHECK(host.url() == "#/lead/42");
    app.keep_editing();
    CHECK_FALSE(app.pending_leave());
    CHECK(app.lead_form().value("name") == "Office chairs x40");

    app.navigate(Route::leads());
    app.discard_and_leave();
    CHECK(app.route().view == View::leads);
    CHECK(host.url() == format_route(Route::leads()));
    CHECK_FALSE(app.unsaved_edits());
    CHECK(app.lead_form().lead() == std::nullopt);  // the draft is gone
}

TEST_CASE_FIXTURE(UiPrefsFixture, "the back button over unsaved edits puts the form's address back until discarded") {
    open_lead();
    app.lead_form().field("city") = "Дархан";
    app.on_url_changed("#/pipeline");  // back button: the address already moved
    CHECK(app.route().view == View::lead);
    CHECK(host.url() == "#/lead/42");
    REQUIRE(app.pending_leave());
    const json probe = json::parse(state_json(app, {}, {}));
    CHECK(probe["unsaved_edits"] == true);
    CHECK(probe["leave_pending"] == "#/pipeline");
    app.discard_and_leave();
    CHECK(app.route().view == View::pipeline);
    CHECK(host.url() == "#/pipeline");
}

TEST_CASE_FIXTURE(UiPrefsFixture, "another lead from a dirty form asks too, and discarding opens it without the old draft") {
    open_lead();
    app.lead_form().field("name") = "changed";
    app.navigate(Route::lead(43));
    CHECK(app.route().id == 42);
    app.discard_and_leave();
    CHECK(app.route().id == 43);
    CHECK_FALSE(app.lead_form().dirty());
}

TEST_CASE_FIXTURE(UiPrefsFixture, "an untouched form, or one whose edits are being saved, leaves at once") {
    open_lead();
    app.navigate(Route::leads());
    CHECK(app.route().view == View::leads);
    CHECK_FALSE(app.pending_leave());
    app.navigate(Route::lead(42));
    app.lead_form().show(42);
    drain("/api/v1/leads/42", {{"id", 42}, {"type", "lead"}, {"name", "Office chairs"}, {"stage_id", 1},
                               {"priority", 0}, {"active", true}, {"version", 3}});
    app.lead_form().field("name") = "Office chairs x40";
    app.lead_form().save();  // PATCH under way
    app.navigate(Route::pipeline());
    CHECK(app.route().view == View::pipeline);
    CHECK_FALSE(app.pending_leave());
}

TEST_CASE_FIXTURE(UiPrefsFixture, "the contact form's unsaved edits are guarded the same way") {
    start("#/contact/11");
    app.contact_form().show(11);
    drain("/api/v1/contacts/11", {{"id", 11}, {"is_company", false}, {"name", "Бат"}, {"active", true}, {"version", 3}});
    REQUIRE(app.contact_form().contact());
    app.contact_form().field("city") = "Эрдэнэт";
    app.navigate(Route::contacts());
    CHECK(app.route().view == View::contact);
    REQUIRE(app.pending_leave());
    app.keep_editing();
    CHECK(app.contact_form().value("city") == "Эрдэнэт");
    app.navigate(Route::contacts());
    app.discard_and_leave();
    CHECK(app.route().view == View::contacts);
}

TEST_CASE_FIXTURE(UiPrefsFixture, "signing out over unsaved edits asks the same question; Discard signs out, Keep stays") {
    open_lead();
    app.lead_form().field("name") = "Office chairs x40";
    app.logout();  // the user menu or the palette
    CHECK(net.pending.empty());  // nothing sent yet
    REQUIRE(app.pending_leave());
    CHECK(app.pending_leave()->view == View::login);
    app.keep_editing();
    CHECK_FALSE(app.pending_leave());
    CHECK(app.session_status() == SessionStatus::signed_in);
    CHECK(app.lead_form().value("name") == "Office chairs x40");

    app.logout();
    app.discard_and_leave();
    REQUIRE(net.pending.size() == 1);
    CHECK(net.pending.front().request.path == "/api/v1/session/logout");
    CHECK(app.logging_out());
    net.answer(204, "");
    CHECK(app.session_status() == SessionStatus::signed_out);
    CHECK(app.route().view == View::login);
    CHECK_FALSE(app.lead_form().lead());  // the draft is gone with the session
    CHECK_FALSE(app.pending_leave());
}

TEST_CASE_FIXTURE(UiPrefsFixture, "a failed sign-out after Discard keeps the form and its edits; leaving by a link still asks") {
    start("#/contact/11");
    app.contact_form().show(11);
    drain("/api/v1/contacts/11", {{"id", 11}, {"is_company", false}, {"name", "Бат"}, {"active", true}, {"version", 3}});
    app.contact_form().field("city") = "Эрдэнэт";
    app.logout();
    REQUIRE(app.pending_leave());
    // The back button while the question is up: the question is now about that address, not signing out.
    app.on_url_changed("#/contacts");
    app.discard_and_leave();
    CHECK(net.pending.empty());
    CHECK(app.route().view == View::contacts);

    app.navigate(Route::contact(11));
    app.contact_form().show(11);
    drain("/api/v1/contacts/11", {{"id", 11}, {"is_company", false}, {"name", "Бат"}, {"active", true}, {"version", 3}});
    app.contact_form().field("city") = "Дархан";
    app.logout();
    app.discard_and_leave();
    net.answer(500, R"({"error":"boom"})");
    CHECK(app.session_status() == SessionStatus::signed_in);
    CHECK(app.contact_form().value("city") == "Дархан");
    CHECK_FALSE(app.banner().empty());
}
