// Automatic assignment through the API (issue 7): "Assign now" hands unassigned leads to the team whose domain
// matches and then round-robin to its members by probability, within their daily quota; a member on leave gets
// nothing; every decision is in the log with its rule; the job respects what members got in the last 24 hours;
// settings (interval = the leads.assign job's, delay) are the managers'.
#include <doctest/doctest.h>

#include <map>

#include "jobs_helpers.hpp"
#include "services/assignment_service.hpp"
#include "store/team_members.hpp"

using namespace tumen;
using namespace tumen::testing;
using nlohmann::json;

namespace {

json assignment_api_call(httplib::Client& c, const std::string& method, const std::string& path, const json& body, int expect) {
    httplib::Result r = method == "POST"    ? c.Post(path.c_str(), body.dump(), "application/json")
                        : method == "PATCH" ? c.Patch(path.c_str(), body.dump(), "application/json")
                                            : c.Get(path.c_str());
    REQUIRE(r);
    CHECK_MESSAGE(r->status == expect, method << " " << path << ": " << r->status << " " << r->body);
    return r->body.empty() ? json() : json::parse(r->body);
}

int64_t team_with_domain(TestServer& s, const std::string& name, const std::string& domain) {
    const int64_t id = insert_team(s, name);
    s.app->db().write([&](store::Connection& c) {
        c.prepare_uncached("UPDATE teams SET assignment_domain = ? WHERE id = ?").bind(1, domain).bind(2, id).run();
    });
    return id;
}

void add_member(TestServer& s, int64_t team, int64_t user, int capacity, const std::string& domain = "") {
    s.app->db().write([&](store::Connection& c) {
        TeamMember m;
        m.team_id = team;
        m.user_id = user;
        m.max_leads_30d = capacity;
        m.assignment_domain = domain;
        store::insert_team_member(c, m);
    });
}

int64_t assignment_api_new_lead(TestServer& s, const std::string& country, double probability) {
    return assignment_api_call(s.client, "POST", "/api/v1/leads",
                {{"name", "Lead " + country}, {"country", country}, {"probability", probability}}, 201)["id"];
}

json assignment_api_lead(TestServer& s, int64_t id) { return assignment_api_call(s.client, "GET", "/api/v1/leads/" + std::to_string(id), {}, 200); }

}  // namespace

TEST_CASE("assign now: team by domain, members round robin by probability, quota, capacity 0 gets nothing, log") {
    TestServer s;
    s.login();
    const int64_t a = create_user(s, "saraa", "sales_own")["id"];
    const int64_t b = create_user(s, "bold", "sales_own")["id"];
    const int64_t away = create_user(s, "away", "sales_own")["id"];
    const int64_t us_seller = create_user(s, "john", "sales_own")["id"];
    const int64_t mn = team_with_domain(s, "Mongolia", "country = \"MN\"");
    const int64_t us = team_with_domain(s, "USA", "country = \"US\"");
    add_member(s, mn, a, 60);     // 2 a day
    add_member(s, mn, b, 60);
    add_member(s, mn, away, 0);   // on leave
    add_member(s, us, us_seller, 30);
    std::map<int64_t, double> mn_leads;
    for (double p : {10.0, 90.0, 50.0, 70.0, 30.0}) mn_leads[assignment_api_new_lead(s, "MN", p)] = p;
    const int64_t us_lead = assignment_api_new_lead(s, "US", 20);
    const int64_t fr_lead = assignment_api_new_lead(s, "FR", 99);  // no team's domain matches

    auto run = assignment_api_call(s.client, "POST", "/api/v1/assignment/run", json::object(), 200);
    CHECK(run["team_assigned"] == 6);
    CHECK(run["member_assigned"] == 5);  // 2 + 2 in Mongolia, 1 in the USA
    std::map<int64_t, int> per_user;
    for (const auto& [id, p] : mn_leads) {
        auto l = assignment_api_lead(s, id);
        CHECK(l["team_id"] == mn);
        if (l["user_id"].is_null()) {
            CHECK(p == 10.0);  // the weakest lead waits for tomorrow's quota
            continue;
        }
        ++per_user[l["user_id"].get<int64_t>()];
        CHECK(l["type"] == "opportunity");
        CHECK(!l["date_open"].is_null());
    }
    CHECK(per_user[a] == 2);
    CHECK(per_user[b] == 2);
    CHECK(per_user.count(away) == 0);
    CHECK(assignment_api_lead(s, us_lead)["user_id"] == us_seller);
    CHECK(assignment_api_lead(s, fr_lead)["team_id"].is_null());

    auto log = assignment_api_call(s.client, "GET", "/api/v1/assignment/log?lead_id=" + std::to_string(us_lead), {}, 200);
    REQUIRE(log["items"].size() == 2);
    CHECK(log["items"][0]["rule"] == "member.domain");
    CHECK(log["items"][0]["user_id"] == us_seller);
    CHECK(log["items"][1]["rule"] == "team.weighted");
    CHECK(log["items"][1]["forced"] == true);
    CHECK(assignment_api_call(s.client, "GET", "/api/v1/assignment/log?limit=3", {}, 200)["items"].size() == 3);
    assignment_api_call(s.client, "GET", "/api/v1/assignment/log?limit=0", {}, 400);  // query parameters: 400, as everywhere

    // The scheduled run keeps the daily quota: both members had their two today, nothing more moves.
    auto job = s.app->assignment().assign(0, false, server::unix_now(), 1);
    CHECK(job.team_assigned == 0);
    CHECK(job.member_assigned == 0);
    // "Assign now" again ignores the daily part: the last Mongolian lead goes out.
    CHECK(assignment_api_call(s.client, "POST", "/api/v1/assignment/run", {{"force_quota", true}}, 200)["member_assigned"] == 1);
    assignment_api_call(s.client, "POST", "/api/v1/assignment/run", {{"force_quota", "yes"}}, 422);
}

TEST_CASE("assignment: a member's domain limits what it gets; the delay holds new leads back") {
    TestServer s;
    s.login();
    const int64_t a = create_user(s, "saraa", "sales_own")["id"];
    const int64_t b = create_user(s, "bold", "sales_own")["id"];
    const int64_t team = team_with_domain(s, "All", "");
    add_member(s, team, a, 300, "country = \"MN\"");
    add_member(s, team, b, 300, "country = \"CN\"");
    auto settings = assignment_api_call(s.client, "GET", "/api/v1/assignment/settings", {}, 200);
    assignment_api_call(s.client, "PATCH", "/api/v1/assignment/settings", {{"delay_hours", 2}, {"version", settings["version"]}}, 200);
    const int64_t mn = assignment_api_new_lead(s, "MN", 50);
    CHECK(assignment_api_call(s.client, "POST", "/api/v1/assignment/run", json::object(), 200)["team_assigned"] == 0);  // too new
    s.app->db().write([&](store::Connection& c) { c.exec("UPDATE leads SET create_date = create_date - 3 * 3600"); });
    const int64_t cn = assignment_api_new_lead(s, "CN", 40);
    const int64_t fr = assignment_api_new_lead(s, "FR", 60);
    s.app->db().write([&](store::Connection& c) { c.exec("UPDATE leads SET create_date = create_date - 3 * 3600"); });
    auto run = assignment_api_call(s.client, "POST", "/api/v1/assignment/run", json::object(), 200);
    CHECK(run["team_assigned"] == 3);
    CHECK(assignment_api_lead(s, mn)["user_id"] == a);
    CHECK(assignment_api_lead(s, cn)["user_id"] == b);
    CHECK(assignment_api_lead(s, fr)["user_id"].is_null());  // in the team, no member's domain
}

TEST_CASE("assignment: a member's preferred domain gets its leads first, even weaker ones") {
    TestServer s;
    s.login();
    const int64_t a = create_user(s, "saraa", "sales_own")["id"];
    const int64_t b = create_user(s, "bold", "sales_own")["id"];
    const int64_t team = team_with_domain(s, "All", "");
    add_member(s, team, a, 30);  // one a day each
    const std::string members = "/api/v1/teams/" + std::to_string(team) + "/members";
    auto bad = s.client.Post(members, json{{"user_id", b}, {"assignment_domain_preferred", "country = "}}.dump(),
                             "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK(bad->body.find("assignment_domain_preferred") != std::string::npos);
    auto member = assignment_api_call(s.client, "POST", members,
                       json{{"user_id", b}, {"max_leads_30d", 30}, {"assignment_domain_preferred", "country = \"CN\""}}, 201);
    CHECK(member["assignment_domain_preferred"] == "country = \"CN\"");
    const int64_t strong = assignment_api_new_lead(s, "MN", 90);
    const int64_t weak_cn = assignment_api_new_lead(s, "CN", 5);
    assignment_api_call(s.client, "POST", "/api/v1/assignment/run", json::object(), 200);
    CHECK(assignment_api_lead(s, weak_cn)["user_id"] == b);
    CHECK(assignment_api_lead(s, strong)["user_id"] == a);
    auto log = assignment_api_call(s.client, "GET", "/api/v1/assignment/log?lead_id=" + std::to_string(weak_cn), {}, 200);
    CHECK(log["items"][0]["rule"] == "member.preferred");
}

TEST_CASE("assignment settings: managers only; the interval is the leads.assign job's; bad input named, stale 409") {
    TestServer s;
    s.login();
    create_user(s, "mgr", "manager");
    create_user(s, "sales", "sales_all");
    auto mgr = sign_in(s, "mgr");
    auto sales = sign_in(s, "sales");
    assignment_api_call(*sales.client, "GET", "/api/v1/assignment/settings", {}, 403);
    assignment_api_call(*sales.client, "POST", "/api/v1/assignment/run", json::object(), 403);
    assignment_api_call(*sales.client, "GET", "/api/v1/assignment/log", {}, 403);
    auto cur = assignment_api_call(*mgr.client, "GET", "/api/v1/assignment/settings", {}, 200);
    CHECK(cur["interval_minutes"] == 0);
    auto bad = assignment_api_call(*mgr.client, "PATCH", "/api/v1/assignment/settings", {{"interval_minutes", -5}, {"version", cur["version"]}}, 422);
    CHECK(bad["error"]["details"][0]["field"] == "interval_minutes");
    bad = assignment_api_call(*mgr.client, "PATCH", "/api/v1/assignment/settings", {{"colour", 1}, {"version", cur["version"]}}, 422);
    CHECK(bad["error"]["details"][0]["field"] == "colour");
    auto saved = assignment_api_call(*mgr.client, "PATCH", "/api/v1/assignment/settings", {{"interval_minutes", 60}, {"version", cur["version"]}}, 200);
    CHECK(saved["interval_minutes"] == 60);
    CHECK(scalar(s, "SELECT interval_ms FROM jobs WHERE kind = 'leads.assign' AND recurring = 1") == 3'600'000);
    assignment_api_call(*mgr.client, "PATCH", "/api/v1/assignment/settings", {{"delay_hours", 1}, {"version", cur["version"]}}, 409);
}

TEST_CASE("assignment: both steps in one run write a lead once, with one chatter line in the salesperson's language") {
    TestServer s;
    s.login();
    const int64_t mn_seller = create_user(s, "saraa", "sales_own", {{"lang", "mn"}})["id"];
    const int64_t team = team_with_domain(s, "Говь", "country = \"MN\"");
    // The member's domain names the team: it matches only as the lead will be once the team step is written.
    add_member(s, team, mn_seller, 300, "team_id = " + std::to_string(team));
    const int64_t id = assignment_api_new_lead(s, "MN", 40);
    const int64_t version = assignment_api_lead(s, id)["version"];
    auto run = assignment_api_call(s.client, "POST", "/api/v1/assignment/run", json::object(), 200);
    CHECK(run["team_assigned"] == 1);
    CHECK(run["member_assigned"] == 1);
    auto l = assignment_api_lead(s, id);
    CHECK(l["team_id"] == team);
    CHECK(l["user_id"] == mn_seller);
    CHECK(l["version"] == version + 1);  // one write for both steps
    CHECK(scalar(s, "SELECT count(*) FROM change_log WHERE entity = 'lead' AND entity_id = " + std::to_string(id) +
                        " AND action = 'assigned'") == 1);
    auto msgs = assignment_api_call(s.client, "GET", "/api/v1/leads/" + std::to_string(id) + "/messages", {}, 200);
    REQUIRE(msgs["items"].size() >= 1);
    const std::string body = msgs["items"][0]["body"];
    CHECK(body.find("Говь") != std::string::npos);
    CHECK(body.find("Хэрэглэгч saraa") != std::string::npos);
    CHECK(body.find("борлуулагчид хуваариллаа") != std::string::npos);  // Mongolian: the salesperson's language
    CHECK(assignment_api_call(s.client, "GET", "/api/v1/assignment/log?lead_id=" + std::to_string(id), {}, 200)["items"].size() == 2);
}

TEST_CASE("assignment: candidates sharing an e-mail are merged before the team step and assigned as one") {
    TestServer s;
    s.login();
    const int64_t a = create_user(s, "saraa", "sales_own")["id"];
    const int64_t team = team_with_domain(s, "All", "");
    add_member(s, team, a, 300);
    auto with_email = [&](const std::string& name, const std::string& email, double p) {
        return assignment_api_call(s.client, "POST", "/api/v1/leads", {{"name", name}, {"email", email}, {"probability", p}}, 201)["id"]
            .get<int64_t>();
    };
    const int64_t first = with_email("First", "Bat@Example.mn", 20);
    const int64_t second = with_email("Second", "bat@example.mn", 60);
    const int64_t other = with_email("Other", "dorj@example.mn", 30);
    auto run = assignment_api_call(s.client, "POST", "/api/v1/assignment/run", json::object(), 200);
    CHECK(run["team_assigned"] == 2);
    CHECK(run["member_assigned"] == 2);
    CHECK(run["merged"] == 1);
    REQUIRE(run["items"].size() >= 2);
    for (const auto& item : run["items"]) CHECK(item["lead_name"].is_string());  // named like the log
    CHECK(scalar(s, "SELECT count(*) FROM leads WHERE id IN (" + std::to_string(first) + "," + std::to_string(second) +
                        ")") == 1);
    const int64_t kept = scalar(s, "SELECT id FROM leads WHERE id IN (" + std::to_string(first) + "," +
                                       std::to_string(second) + ")");
    CHECK(assignment_api_lead(s, kept)["user_id"] == a);
    CHECK(assignment_api_lead(s, other)["user_id"] == a);
    // The log names the leads as they are now; a lead deleted since has no name (the row stays).
    auto log = assignment_api_call(s.client, "GET", "/api/v1/assignment/log?lead_id=" + std::to_string(other), {}, 200);
    REQUIRE(log["items"].size() == 2);
    CHECK(log["items"][0]["lead_name"] == "Other");
    REQUIRE(s.client.Delete("/api/v1/leads/" + std::to_string(other)));
    log = assignment_api_call(s.client, "GET", "/api/v1/assignment/log?lead_id=" + std::to_string(other), {}, 200);
    REQUIRE(log["items"].size() == 2);
    CHECK(log["items"][0]["lead_name"].is_null());
}
