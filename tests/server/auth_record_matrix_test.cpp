// The record half of the authorization matrix: every role x every endpoint on one lead (`/api/v1/leads/{id}...`)
// x the lead's relation to the caller (own, followed, a colleague's, unassigned in the caller's team, unassigned
// in another team). A lead outside the caller's rules answers 404 (ids cannot be probed) and nothing changes; a
// lead inside them answers as for its owner. The endpoint list comes from the contract: a new lead endpoint fails
// "every lead endpoint has a request here" until someone writes down how to call it.
#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;
using tumen::api::Access;

namespace {

constexpr std::string_view lead_prefix = "/api/v1/leads/{id}";

bool is_lead_endpoint(const tumen::api::Endpoint& e) {
    return e.path.substr(0, lead_prefix.size()) == lead_prefix;
}

struct Ctx {
    int64_t lead = 0, version = 0, other_stage = 0;
};

// How to call each lead endpoint so that it succeeds for a caller who may see the lead. nullopt body = GET/DELETE.
using AuthRecordMatrixRequest = std::function<httplib::Result(httplib::Client&, const std::string& path, const Ctx&)>;

httplib::Result auth_record_matrix_post(httplib::Client& c, const std::string& p, const json& b) { return c.Post(p, b.dump(), "application/json"); }

const std::map<std::string, AuthRecordMatrixRequest>& auth_record_matrix_requests() {
    auto get = [](httplib::Client& c, const std::string& p, const Ctx&) { return c.Get(p); };
    auto version_only = [](httplib::Client& c, const std::string& p, const Ctx& x) { return auth_record_matrix_post(c, p, {{"version", x.version}}); };
    static const std::map<std::string, AuthRecordMatrixRequest> table = {
        {"leads.get", get},
        {"leads.messages", get},
        {"leads.duplicates", get},
        {"leads.convert_proposal", get},
        {"leads.attachments", get},
        {"leads.probability", get},
        {"leads.meetings", get},
        {"leads.activities", get},
        {"leads.quotations", get},
        {"leads.update", [](httplib::Client& c, const std::string& p, const Ctx& x) {
             return c.Patch(p, json{{"description", "Шинэчилсэн"}, {"version", x.version}}.dump(), "application/json");
         }},
        {"leads.delete", [](httplib::Client& c, const std::string& p, const Ctx&) { return c.Delete(p); }},
        {"leads.move", [](httplib::Client& c, const std::string& p, const Ctx& x) {
             return auth_record_matrix_post(c, p, {{"stage_id", x.other_stage}, {"version", x.version}});
         }},
        {"leads.won", version_only},
        {"leads.restore", version_only},
        {"leads.archive", version_only},
        {"leads.probability_reset", version_only},
        {"leads.lost", [](httplib::Client& c, const std::string& p, const Ctx& x) {
             return auth_record_matrix_post(c, p, {{"version", x.version}, {"note", "Үнэ өндөр"}});
         }},
        {"leads.note", [](httplib::Client& c, const std::string& p, const Ctx&) { return auth_record_matrix_post(c, p, {{"body", "Тэмдэглэл"}}); }},
        {"leads.convert", [](httplib::Client& c, const std::string& p, const Ctx& x) {
             return auth_record_matrix_post(c, p, {{"version", x.version}, {"action", "nothing"}});
         }},
        {"leads.attach", [](httplib::Client& c, const std::string& p, const Ctx&) {
             return c.Post(p, httplib::MultipartFormDataItems{{"file", "Сайн байна уу\n", "тэмдэглэл.txt", "text/plain"}});
         }},
        {"leads.mail", [](httplib::Client& c, const std::string& p, const Ctx&) {
             return auth_record_matrix_post(c, p, {{"to", "bat@gobi.mn"}, {"subject", "Санал"}, {"body", "Сайн байна уу"}});
         }},
        {"leads.sms", [](httplib::Client& c, const std::string& p, const Ctx&) { return auth_record_matrix_post(c, p, {{"text", "Сайн байна уу"}}); }},
        {"leads.meeting_create", [](httplib::Client& c, const std::string& p, const Ctx&) {
             return auth_record_matrix_post(c, p, {{"title", "Уулзалт"}, {"local_start", "2026-12-01T10:00"}, {"local_end", "2026-12-01T11:00"}});
         }},
        {"leads.activity_create", [](httplib::Client& c, const std::string& p, const Ctx&) {
             return auth_record_matrix_post(c, p, {{"type_id", 1}, {"summary", "Залгах"}});
         }},
    };
    return table;
}

// Statuses a caller who may see the lead can still get for reasons that are not access: sending an SMS with no
// gateway set up.
bool auth_record_matrix_allowed_refusal(const std::string& id, int status) {
    if (id == "leads.sms") return status == 409 || status == 422 || status == 503;
    return false;
}

// What a refused request must not have changed: the lead and everything hanging off leads.
std::string auth_record_matrix_fingerprint(TestServer& s, int64_t lead) {
    auto q = s.app->db().reader().prepare_uncached(
        "SELECT coalesce((SELECT version || '/' || active || '/' || coalesce(stage_id, 0) || '/' || coalesce(user_id, 0) ||"
        " '/' || type || '/' || probability FROM leads JOIN lead_probabilities ON lead_id = id WHERE id = ?1), 'gone') || '|' ||"
        " (SELECT count(*) FROM messages) || '|' || (SELECT count(*) FROM activities) || '|' ||"
        " (SELECT count(*) FROM meetings) || '|' || (SELECT count(*) FROM attachments) || '|' ||"
        " (SELECT count(*) FROM mail_outbox) || '|' || (SELECT count(*) FROM sms_outbox)");
    q.bind(1, lead);
    REQUIRE(q.step());
    return q.get_text(0);
}

enum class Relation { own, followed, colleagues, unassigned_my_team, unassigned_other_team };
const char* name_of(Relation r) {
    switch (r) {
        case Relation::own: return "own";
        case Relation::followed: return "followed";
        case Relation::colleagues: return "a colleague's";
        case Relation::unassigned_my_team: return "unassigned in my team";
        case Relation::unassigned_other_team: return "unassigned in another team";
    }
    return "?";
}

}  // namespace

TEST_CASE("every lead endpoint has a request here") {
    int n = 0;
    for (const auto& e : tumen::api::endpoints()) {
        if (!is_lead_endpoint(e)) continue;
        ++n;
        CHECK_MESSAGE(auth_record_matrix_requests().count(std::string(e.id)), "add a request for " << e.id << " to auth_record_matrix_test.cpp");
    }
    CHECK(n >= 20);
}

TEST_CASE("role x lead endpoint x the lead's relation to the caller: 404 and nothing changed outside the rules") {
    TestServer s;
    s.login();
    const int64_t my_team = insert_team(s, "Улаанбаатар"), other_team = insert_team(s, "Дархан");
    const int64_t mgr = create_user(s, "mgr", "manager")["id"];
    const int64_t all = create_user(s, "all", "sales_all", {{"team_ids", {my_team}}})["id"];
    const int64_t own = create_user(s, "own", "sales_own", {{"team_ids", {my_team}}})["id"];
    const int64_t colleague = create_user(s, "colleague", "sales_own", {{"team_ids", {my_team}}})["id"];
    (void)mgr;
    (void)all;
    for (const char* stage : {"Шинэ", "Санал"}) REQUIRE(post_json(s.client, "/api/v1/stages", {{"name", stage}})->status == 201);
    REQUIRE(post_json(s.client, "/api/v1/stages", {{"name", "Амжилттай"}, {"is_won", true}})->status == 201);
    // A sender, so that e-mail is queued (nothing listens on the port: the send job's failures are not this test's).
    auto mail = body_of(s.client.Get("/api/v1/mail/settings"));
    auto put = s.client.Put("/api/v1/mail/settings",
                            json{{"host", "127.0.0.1"}, {"port", 9}, {"security", "none"}, {"default_from", "CRM <crm@tumen.mn>"},
                                 {"domain", "crm.tumen.mn"}, {"version", mail["version"]}}.dump(),
                            "application/json");
    REQUIRE_MESSAGE(put->status == 200, put->body);
    auto stages = body_of(s.client.Get("/api/v1/stages"))["items"];
    REQUIRE(stages.size() >= 2);
    const int64_t second_stage = stages[1]["id"];

    std::map<std::string, SignedIn> callers;
    for (const char* login : {"mgr", "all", "own"}) callers.emplace(login, sign_in(s, login));
    // What each role may see, from the table: managers and "all documents" everything, "own documents"
    // their leads, the ones they follow and the unassigned ones of their teams.
    auto visible = [](const std::string& who, Relation r) {
        if (who != "own") return true;
        return r == Relation::own || r == Relation::followed || r == Relation::unassigned_my_team;
    };
    auto make_lead = [&](Relation r) {
        json body = {{"name", std::string("Сэжим ") + name_of(r)}, {"email", "bat@gobi.mn"}, {"phone", "+97699112233"}};
        switch (r) {
            case Relation::own: body["user_id"] = own; body["team_id"] = my_team; break;
            case Relation::followed:
            case Relation::colleagues: body["user_id"] = colleague; body["team_id"] = my_team; break;
            case Relation::unassigned_my_team: body["team_id"] = my_team; break;
            case Relation::unassigned_other_team: body["team_id"] = other_team; break;
        }
        auto created = post_json(s.client, "/api/v1/leads", body);
        REQUIRE(created);
        REQUIRE_MESSAGE(created->status == 201, created->body);
        const json lead = body_of(created);
        if (r == Relation::followed)
            s.app->db().write([&](tumen::store::Connection& c) {
                c.prepare_uncached("INSERT INTO lead_followers(lead_id, user_id) VALUES (?, ?)").bind(1, lead["id"].get<int64_t>()).bind(2, own).run();
            });
        return Ctx{lead["id"], lead["version"], second_stage};
    };
    // Restore needs an archived lead: archived by the administrator first.
    auto archived = [&](Ctx x) {
        auto r = post_json(s.client, "/api/v1/leads/" + std::to_string(x.lead) + "/archive", {{"version", x.version}});
        REQUIRE_MESSAGE(r->status == 200, r->body);
        x.version = body_of(r)["version"];
        return x;
    };

    int refused = 0, allowed = 0;
    for (const auto& e : tumen::api::endpoints()) {
        if (!is_lead_endpoint(e)) continue;
        const auto req = auth_record_matrix_requests().find(std::string(e.id));
        if (req == auth_record_matrix_requests().end()) continue;  // reported by the test above
        for (auto& [who, caller] : callers) {
            const bool below_level = e.access == Access::manager && who != "mgr";
            for (Relation r : {Relation::own, Relation::followed, Relation::colleagues, Relation::unassigned_my_team,
                               Relation::unassigned_other_team}) {
                Ctx x = make_lead(r);  // a fresh lead per call: every call sees the same starting state
                if (e.id == "leads.restore") x = archived(x);
                const std::string path = tumen::api::expand(e.path, {std::to_string(x.lead)});
                const std::string before = auth_record_matrix_fingerprint(s, x.lead);
                auto res = req->second(*caller.client, path, x);
                REQUIRE_MESSAGE(res, e.id << " as " << who);
                const std::string what = std::string(e.method) + " " + path + " (" + std::string(e.id) + ") as " + who +
                                         " on a lead " + name_of(r) + ": " + std::to_string(res->status) + " " + res->body;
                if (below_level || !visible(who, r)) {
                    CHECK_MESSAGE(res->status == (below_level ? 403 : 404), what);
                    CHECK_MESSAGE(auth_record_matrix_fingerprint(s, x.lead) == before, "a refused request changed data: " << what);
                    ++refused;
                } else {
                    CHECK_MESSAGE((res->status / 100 == 2 || auth_record_matrix_allowed_refusal(std::string(e.id), res->status)), what);
                    ++allowed;
                }
            }
        }
    }
    CHECK(refused >= 50);  // 2 hidden leads x every endpoint for "own", and delete for the non-managers
    CHECK(allowed > 150);
}
