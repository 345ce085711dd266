// Access rules on every endpoint of the contract, generated from the table itself: anonymous callers get 401,
// roles below an endpoint's level get 403, state-changing requests without the CSRF token get 403, read-only
// API keys cannot write, API keys cannot reach session-only endpoints, kiosk tokens reach only kiosk endpoints.
// Every refusal must leave the database untouched. A new endpoint is covered without editing this file, but it
// must be listed in `expected_access` below, so its access level is a decision someone wrote down twice.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <set>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;
using tumen::api::Access;

namespace {

// The access level every endpoint is meant to have. Adding an endpoint to shared/src/api_endpoints.cpp without
// adding it here fails "every endpoint of the contract has a reviewed access level".
const std::map<std::string, Access>& expected_access() {
    using A = Access;
    static const std::map<std::string, Access> table = {
        {"health", A::public_}, {"openapi", A::public_}, {"session.login", A::public_}, {"session.totp", A::public_},
        {"session.logout", A::user}, {"session.me", A::user},
        {"sessions.list", A::session}, {"sessions.revoke", A::session}, {"sessions.revoke_all", A::session},
        {"account.get", A::user}, {"account.update", A::session}, {"account.password", A::session},
        {"account.totp_setup", A::session}, {"account.totp_enable", A::session}, {"account.totp_disable", A::session},
        {"account.recovery_codes", A::session},
        {"users.list", A::admin}, {"users.directory", A::user}, {"users.get", A::admin}, {"users.create", A::admin},
        {"users.update", A::admin}, {"users.deactivate", A::admin}, {"users.set_password", A::admin},
        {"users.totp_reset", A::admin},
        {"api_keys.list", A::session}, {"api_keys.create", A::session}, {"api_keys.revoke", A::session},
        {"kiosk_tokens.list", A::manager}, {"kiosk_tokens.create", A::manager}, {"kiosk_tokens.revoke", A::manager},
        {"kiosk.me", A::kiosk}, {"kiosk.board", A::kiosk}, {"kiosk.leaderboard", A::kiosk}, {"events.stream", A::kiosk},
        {"security.locks", A::admin}, {"security.unlock", A::admin}, {"security.events", A::admin},
        // CRM records: every user reaches them, the store's record rules decide which records exist for whom.
        {"leads.list", A::user}, {"leads.groups", A::user}, {"leads.analysis", A::user}, {"leads.stage_flow", A::user}, {"dashboard.team", A::user},
        {"saved_searches.list", A::user}, {"saved_searches.create", A::user}, {"saved_searches.update", A::user},
        {"saved_searches.delete", A::user}, {"leads.create", A::user}, {"leads.get", A::user},
        {"leads.update", A::user}, {"leads.delete", A::manager}, {"leads.move", A::user}, {"leads.won", A::user},
        {"leads.lost", A::user}, {"leads.restore", A::user}, {"leads.archive", A::user}, {"leads.messages", A::user},
        {"leads.note", A::user}, {"leads.export_csv", A::user}, {"leads.export_xlsx", A::user},
        {"leads.attachments", A::user}, {"leads.attach", A::user},
        {"leads.duplicates", A::user}, {"leads.convert_proposal", A::user}, {"leads.convert", A::user},
        {"leads.merge", A::user}, {"leads.bulk", A::user},
        {"contacts.list", A::user}, {"contacts.create", A::user}, {"contacts.get", A::user}, {"contacts.update", A::user},
        {"contacts.delete", A::manager}, {"contacts.messages", A::user}, {"contacts.note", A::user},
        {"contacts.export_csv", A::user}, {"contacts.export_xlsx", A::user}, {"contacts.attachments", A::user},
        {"contacts.attach", A::user},
        {"attachments.download", A::user}, {"attachments.delete", A::user},
        {"imports.create", A::user}, {"imports.preview", A::user}, {"imports.list", A::user}, {"imports.get", A::user},
        {"imports.errors", A::user}, {"imports.cancel", A::user},
        // Sales configuration: read by everyone, changed by managers.
        {"stages.list", A::user}, {"stages.create", A::manager}, {"stages.reorder", A::manager}, {"stages.get", A::user},
        {"stages.update", A::manager}, {"stages.delete", A::manager},
        {"teams.list", A::user}, {"teams.create", A::manager}, {"teams.get", A::user}, {"teams.update", A::manager},
        {"teams.delete", A::manager}, {"teams.members", A::user}, {"teams.member_add", A::manager},
        {"teams.member_update", A::manager}, {"teams.member_remove", A::manager},
        {"lost_reasons.list", A::user}, {"lost_reasons.create", A::manager}, {"lost_reasons.get", A::user},
        {"lost_reasons.update", A::manager}, {"lost_reasons.delete", A::manager},
        {"tags.list", A::user}, {"tags.create", A::manager}, {"tags.get", A::user}, {"tags.update", A::manager},
        {"tags.delete", A::manager},
        {"contact_categories.list", A::user}, {"contact_categories.create", A::manager},
        {"contact_categories.get", A::user}, {"contact_categories.update", A::manager},
        {"contact_categories.delete", A::manager},
        {"utm_sources.list", A::user}, {"utm_sources.create", A::manager}, {"utm_sources.get", A::user},
        {"utm_sources.update", A::manager}, {"utm_sources.delete", A::manager},
        {"utm_mediums.list", A::user}, {"utm_mediums.create", A::manager}, {"utm_mediums.get", A::user},
        {"utm_mediums.update", A::manager}, {"utm_mediums.delete", A::manager},
        {"utm_campaigns.list", A::user}, {"utm_campaigns.create", A::manager}, {"utm_campaigns.get", A::user},
        {"utm_campaigns.update", A::manager}, {"utm_campaigns.delete", A::manager},
        {"currencies.list", A::user}, {"currencies.create", A::manager}, {"currencies.get", A::user},
        {"currencies.update", A::manager}, {"currencies.delete", A::manager},
        {"company_currency.get", A::user}, {"company_currency.update", A::manager},
        // Operations.
        {"admin.backup", A::admin}, {"admin.backups", A::admin}, {"admin.backup_download", A::admin},
        // Background jobs: managers watch and start them, administrators change schedules.
        {"jobs.list", A::manager}, {"jobs.get", A::manager}, {"jobs.update", A::admin}, {"jobs.run", A::manager},
        // Lead scoring rules: read by everyone (the score explains itself), changed and previewed by managers.
        {"score_rules.list", A::user}, {"score_rules.get", A::user}, {"score_rules.create", A::manager},
        {"score_rules.update", A::manager}, {"score_rules.delete", A::manager}, {"score_rules.preview", A::manager},
        // Predictive scoring: managers own the settings and the rebuild; every user reads and resets a visible lead's
        // probability. Assignment hands out leads: managers only.
        {"predictive.settings", A::manager}, {"predictive.update", A::manager}, {"predictive.rebuild", A::manager},
        {"leads.probability", A::user}, {"leads.probability_reset", A::user},
        {"assignment.settings", A::manager}, {"assignment.update", A::manager}, {"assignment.run", A::manager},
        {"assignment.log", A::manager},
        // Outgoing e-mail: any user mails from a lead they can read; managers watch the outbox and write templates;
        // only administrators see and change the SMTP settings.
        {"leads.mail", A::user}, {"mail.settings", A::admin}, {"mail.settings_update", A::admin},
        {"mail.settings_test", A::admin}, {"mail.outbox", A::manager}, {"mail.outbox_retry", A::manager},
        {"mail_templates.list", A::user}, {"mail_templates.get", A::user}, {"mail_templates.create", A::manager},
        {"mail_templates.update", A::manager}, {"mail_templates.delete", A::manager},
        // Inbound e-mail: only administrators (the mailgate's API key) post raw messages; managers see the channels.
        {"mail.inbound", A::admin}, {"mail.channels", A::manager},
        // SMS: any user texts a lead they can read; managers watch and retry the outbox; administrators own the
        // gateway settings (its key is write-only) and the test send.
        {"leads.sms", A::user}, {"sms.settings", A::admin}, {"sms.settings_update", A::admin},
        {"sms.settings_test", A::admin}, {"sms.outbox", A::manager}, {"sms.retry", A::manager},
        // The website contact form: the ONE unauthenticated write (visitors post it; rate limit, honeypot and origin
        // checks stand in for a session); its settings are the administrators'.
        {"web_form.submit", A::public_}, {"web_form.settings", A::admin}, {"web_form.settings_update", A::admin},
        // Outgoing webhooks: only administrators register URLs the server will call, and read what was sent.
        {"webhooks.list", A::admin}, {"webhooks.create", A::admin}, {"webhooks.get", A::admin},
        {"webhooks.update", A::admin}, {"webhooks.delete", A::admin}, {"webhooks.rotate_secret", A::admin},
        {"webhooks.test", A::admin}, {"webhooks.deliveries", A::admin}, {"webhook_deliveries.redeliver", A::admin},
        // Meetings and the calendar: every user; record rules decide which meetings exist. The feed URL is a
        // credential, so only a browser session makes or revokes it; the feed itself is public (its token decides).
        {"leads.meetings", A::user}, {"leads.meeting_create", A::user}, {"meetings.create", A::user},
        {"meetings.get", A::user}, {"meetings.update", A::user}, {"meetings.delete", A::user},
        {"calendar.range", A::user}, {"calendar_feed.get", A::session}, {"calendar_feed.create", A::session},
        {"calendar_feed.revoke", A::session}, {"calendar_feed.ics", A::public_},
        // Activities: every user on the leads they see (404 otherwise); types are changed by managers.
        {"activity_types.list", A::user}, {"activity_types.create", A::manager}, {"activity_types.update", A::manager},
        {"leads.activities", A::user}, {"leads.activity_create", A::user}, {"activities.mine", A::user},
        {"activities.update", A::user}, {"activities.cancel", A::user}, {"activities.done", A::user},
        {"activities.snooze", A::user},
        // Products: read by every user, the catalogue is the managers'. Quotations: every user, record rules decide
        // (the opportunity's, else the salesperson's); invoicing status is a manager's call.
        {"products.list", A::user}, {"products.get", A::user}, {"products.create", A::manager},
        {"products.update", A::manager}, {"products.delete", A::manager},
        {"quotations.list", A::user}, {"quotations.create", A::user}, {"quotations.get", A::user},
        {"quotations.update", A::user}, {"quotations.confirm", A::user}, {"quotations.cancel", A::user},
        {"quotations.revise", A::user}, {"quotations.send", A::user}, {"quotations.invoicing", A::manager},
        {"quotations.pdf", A::user}, {"quotations.messages", A::user}, {"leads.quotations", A::user},
    };
    return table;
}

bool is_write(std::string_view method) { return method != "GET"; }

// A body that a handler, if it were ever reached, would act on: so a leak shows up as a change.
const std::string& probe_body() {
    static const std::string body = json{{"login", "intruder"}, {"name", "Халдагч"}, {"role", "admin"},
                                         {"password", "intruder-password-1"}, {"new_password", "intruder-password-2"},
                                         {"old_password", "intruder-password-1"}, {"team_ids", json::array()},
                                         {"keep_current", false}, {"code", "000000"}, {"kind", "account"},
                                         {"key", "admin"}, {"read_only", false}, {"leaderboard", true},
                                         {"active", false}}
                                        .dump();
    return body;
}

httplib::Result auth_matrix_call(httplib::Client& c, const tumen::api::Endpoint& e) {
    // Every parameter is "1": an existing id (the administrator, the first team) and a valid {name} segment.
    std::string path = tumen::api::expand(e.path, {"1", "1", "1"});
    const std::string& b = probe_body();
    if (e.method == "GET") return c.Get(path.c_str());
    if (e.method == "POST") return c.Post(path.c_str(), b, "application/json");
    if (e.method == "PUT") return c.Put(path.c_str(), b, "application/json");
    if (e.method == "PATCH") return c.Patch(path.c_str(), b, "application/json");
    return c.Delete(path.c_str(), b, "application/json");
}

int64_t data_version(TestServer& s) { return s.app->db().reader().prepare("PRAGMA data_version").scalar_int(); }

struct Credential {
    std::string name;
    std::unique_ptr<httplib::Client> client;
    // The status this credential must get on endpoint `e`, or 0 when it may pass the router.
    std::function<int(const tumen::api::Endpoint& e)> expect;
};

std::unique_ptr<httplib::Client> client_with(TestServer& s, httplib::Headers headers) {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", s.app->port());
    c->set_read_timeout(10, 0);
    c->set_default_headers(std::move(headers));
    return c;
}

int rank(Access a) {
    switch (a) {
        case Access::public_: return 0;
        case Access::kiosk: return 1;
        case Access::user: return 2;
        case Access::session: return 2;
        case Access::manager: return 3;
        case Access::admin: return 4;
    }
    return 4;
}

}  // namespace

TEST_CASE("every endpoint of the contract has a reviewed access level") {
    std::set<std::string> in_contract;
    for (const auto& e : tumen::api::endpoints()) {
        in_contract.insert(std::string(e.id));
        auto it = expected_access().find(std::string(e.id));
        if (it == expected_access().end()) {
            FAIL_CHECK("endpoint " << e.id << " is not in expected_access() of tests/server/auth_matrix_test.cpp; "
                       "add it with the access level it must have");
            continue;
        }
        CHECK_MESSAGE(it->second == e.access, e.id << " has access " << tumen::api::to_string(e.access) << ", expected "
                                                   << tumen::api::to_string(it->second));
    }
    for (const auto& [id, access] : expected_access())
        CHECK_MESSAGE(in_contract.count(id) == 1, "expected_access() lists " << id << ", which is not in the contract");
}

TEST_CASE("the router refuses every endpoint to callers below its access level, and nothing changes") {
    TestServer s;
    s.login();
    int64_t team = insert_team(s, "Дэлгэц Өргөө");
    create_user(s, "mgr", "manager");
    create_user(s, "all", "sales_all");
    create_user(s, "own", "sales_own", {{"team_ids", {team}}});
    create_user(s, "portal", "portal");
    auto mgr = sign_in(s, "mgr");
    auto all = sign_in(s, "all");
    auto own = sign_in(s, "own");
    auto portal = sign_in(s, "portal");
    auto admin = sign_in(s, "admin", admin_password);

    auto key_for = [&](SignedIn& who, bool read_only) {
        auto r = post_json(*who.client, "/api/v1/api-keys", {{"name", "matrix"}, {"read_only", read_only}});
        REQUIRE(r->status == 201);
        return body_of(r)["key"].get<std::string>();
    };
    std::string admin_key = key_for(admin, false), admin_ro_key = key_for(admin, true), own_key = key_for(own, false);
    auto kr = post_json(s.client, "/api/v1/kiosk-tokens", {{"name", "Лобби"}, {"team_ids", {team}}});
    REQUIRE(kr->status == 201);
    std::string kiosk = body_of(kr)["token"];

    auto below = [](Access needed, Access have) { return needed != Access::public_ && rank(needed) > rank(have); };
    std::vector<Credential> creds;
    creds.push_back({"anonymous", client_with(s, {}), [](const auto& e) { return e.access == Access::public_ ? 0 : 401; }});
    creds.push_back({"kiosk token", client_with(s, {{"Authorization", "Bearer " + kiosk}}), [](const auto& e) {
                         return e.access == Access::public_ || e.access == Access::kiosk ? 0 : 403;
                     }});
    for (auto* who : {&all, &own, &portal})
        creds.push_back({"salesperson " + who->session["user"]["login"].get<std::string>(),
                         client_with(s, {{"Cookie", who->cookie}, {"X-CSRF-Token", who->csrf}}),
                         [below](const auto& e) { return below(e.access, Access::session) ? 403 : 0; }});
    creds.push_back({"manager", client_with(s, {{"Cookie", mgr.cookie}, {"X-CSRF-Token", mgr.csrf}}),
                     [below](const auto& e) { return below(e.access, Access::manager) ? 403 : 0; }});
    creds.push_back({"admin without CSRF", client_with(s, {{"Cookie", admin.cookie}}), [](const auto& e) {
                         return e.access != Access::public_ && is_write(e.method) ? 403 : 0;
                     }});
    creds.push_back({"admin with a wrong CSRF", client_with(s, {{"Cookie", admin.cookie}, {"X-CSRF-Token", "x" + admin.csrf}}),
                     [](const auto& e) { return e.access != Access::public_ && is_write(e.method) ? 403 : 0; }});
    creds.push_back({"admin read-only API key", client_with(s, {{"Authorization", "Bearer " + admin_ro_key}}), [](const auto& e) {
                         if (e.access == Access::public_) return 0;
                         return e.access == Access::session || is_write(e.method) ? 403 : 0;
                     }});
    creds.push_back({"admin API key", client_with(s, {{"Authorization", "Bearer " + admin_key}}),
                     [](const auto& e) { return e.access == Access::session ? 403 : 0; }});
    creds.push_back({"salesperson API key", client_with(s, {{"Authorization", "Bearer " + own_key}}), [below](const auto& e) {
                         return e.access == Access::session || below(e.access, Access::user) ? 403 : 0;
                     }});
    creds.push_back({"unknown bearer with a valid cookie", client_with(s, {{"Authorization", "Bearer tmn_forged"}, {"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}),
                     [](const auto& e) { return e.access == Access::public_ ? 0 : 401; }});

    // First use of each key and token records its last use; do that before taking the snapshot.
    for (auto& c : creds) c.client->Get("/api/v1/session/me");
    const int64_t users_before = scalar(s, "SELECT count(*) FROM users");
    const int64_t version_before = data_version(s);

    int refused = 0;
    for (auto& c : creds) {
        for (const auto& e : tumen::api::endpoints()) {
            int expected = c.expect(e);
            if (expected == 0) continue;
            auto r = auth_matrix_call(*c.client, e);
            REQUIRE_MESSAGE(r, c.name << " " << e.id);
            CHECK_MESSAGE(r->status == expected, c.name << " on " << e.method << " " << e.path << " (" << e.id << "): " << r->status << " " << r->body);
            if (r->status == expected) {
                auto err = body_of(r)["error"]["code"];
                CHECK(err == (expected == 401 ? "unauthorized" : "forbidden"));
                ++refused;
            }
        }
    }
    CHECK(refused > 300);
    CHECK_MESSAGE(data_version(s) == version_before, "a refused request changed the database");
    CHECK(scalar(s, "SELECT count(*) FROM users") == users_before);
    CHECK(s.client.Get("/api/v1/session/me")->status == 200);
    CHECK(admin.client->Get("/api/v1/session/me")->status == 200);
}

TEST_CASE("a salesperson gets 403 on every admin endpoint and nobody gets in without a session") {
    TestServer s;
    s.login();
    create_user(s, "sales", "sales_all");
    auto sales = sign_in(s, "sales");
    httplib::Client anon("127.0.0.1", s.app->port());
    int admin_endpoints = 0;
    for (const auto& e : tumen::api::endpoints()) {
        if (e.access == Access::public_) continue;
        CHECK_MESSAGE(auth_matrix_call(anon, e)->status == 401, e.id);
        if (e.access != Access::admin) continue;
        ++admin_endpoints;
        CHECK_MESSAGE(auth_matrix_call(*sales.client, e)->status == 403, e.id);
    }
    CHECK(admin_endpoints >= 11);
}
