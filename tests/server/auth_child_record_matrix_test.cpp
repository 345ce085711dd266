// The record matrix for what hangs off a lead: activities, meetings, quotations and attachments reached by their
// own ids (`/api/v1/activities/{id}`, ...). Each answers by its lead's rules: a salesperson with "own documents"
// gets 404 (never 403) and nothing changes for a record on a lead they may not see; managers and "all
// documents" reach all of them. The endpoint list comes from the contract: a new endpoint under these paths fails
// "every child-record endpoint has a request here" until someone writes down how to call it.
#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;
using tumen::api::Access;

namespace {

// The record kinds, by the prefix of their endpoints' paths.
const std::vector<std::string_view>& child_prefixes() {
    static const std::vector<std::string_view> p = {"/api/v1/activities/{id}", "/api/v1/meetings/{id}",
                                                    "/api/v1/quotations/{id}", "/api/v1/attachments/{id}"};
    return p;
}

std::string_view prefix_of(const tumen::api::Endpoint& e) {
    for (auto p : child_prefixes())
        if (e.path.substr(0, p.size()) == p) return p;
    return {};
}

struct Child {
    int64_t id = 0, version = 0;
};

httplib::Result auth_child_record_matrix_post(httplib::Client& c, const std::string& p, const json& b) { return c.Post(p, b.dump(), "application/json"); }

// How to call each endpoint so that it succeeds for a caller who may see the record's lead.
using AuthChildRecordMatrixRequest = std::function<httplib::Result(httplib::Client&, const std::string& path, const Child&)>;

const std::map<std::string, AuthChildRecordMatrixRequest>& auth_child_record_matrix_requests() {
    auto get = [](httplib::Client& c, const std::string& p, const Child&) { return c.Get(p); };
    auto del = [](httplib::Client& c, const std::string& p, const Child&) { return c.Delete(p); };
    auto version_only = [](httplib::Client& c, const std::string& p, const Child& x) { return auth_child_record_matrix_post(c, p, {{"version", x.version}}); };
    auto patch = [](json body) {
        return [body](httplib::Client& c, const std::string& p, const Child& x) {
            json b = body;
            b["version"] = x.version;
            return c.Patch(p, b.dump(), "application/json");
        };
    };
    static const std::map<std::string, AuthChildRecordMatrixRequest> table = {
        {"activities.update", patch({{"summary", "Дахин залгах"}})},
        {"activities.cancel", del},
        {"activities.done", [](httplib::Client& c, const std::string& p, const Child&) { return auth_child_record_matrix_post(c, p, {{"feedback", "Ярьсан"}}); }},
        {"activities.snooze", [](httplib::Client& c, const std::string& p, const Child& x) {
             return auth_child_record_matrix_post(c, p, {{"days", 1}, {"version", x.version}});
         }},
        {"meetings.get", get},
        {"meetings.update", patch({{"title", "Гэрээ хэлэлцэх"}})},
        {"meetings.delete", del},
        {"quotations.get", get},
        {"quotations.pdf", get},
        {"quotations.messages", get},
        {"quotations.update", patch({{"payment_terms", "14 хоног"}})},
        {"quotations.confirm", version_only},
        {"quotations.cancel", version_only},
        {"quotations.revise", version_only},
        {"quotations.send", version_only},
        {"quotations.invoicing", [](httplib::Client& c, const std::string& p, const Child& x) {
             return auth_child_record_matrix_post(c, p, {{"version", x.version}, {"invoice_status", "invoiced"}});
         }},
        {"attachments.download", get},
        {"attachments.delete", del},
    };
    return table;
}

// Refusals that are not about access: none so far (each record is made in the state its endpoint needs).
bool auth_child_record_matrix_allowed_refusal(const std::string&, int) { return false; }

// What a refused request must not have changed.
std::string auth_child_record_matrix_fingerprint(TestServer& s) {
    auto q = s.app->db().reader().prepare_uncached(
        "SELECT (SELECT group_concat(id || '/' || version || '/' || coalesce(summary, '') || '/' || due_date, ',') FROM activities) || '|' ||"
        " (SELECT group_concat(id || '/' || version || '/' || title, ',') FROM meetings) || '|' ||"
        " (SELECT group_concat(id || '/' || version || '/' || state || '/' || coalesce(payment_terms, ''), ',') FROM quotations) || '|' ||"
        " (SELECT count(*) FROM attachments) || '|' || (SELECT count(*) FROM messages) || '|' || (SELECT count(*) FROM mail_outbox) || '|' ||"
        " (SELECT group_concat(id || '/' || version || '/' || active, ',') FROM leads)");
    REQUIRE(q.step());
    return q.get_text(0);
}

}  // namespace

TEST_CASE("every child-record endpoint has a request here") {
    int n = 0;
    for (const auto& e : tumen::api::endpoints()) {
        if (prefix_of(e).empty()) continue;
        ++n;
        CHECK_MESSAGE(auth_child_record_matrix_requests().count(std::string(e.id)), "add a request for " << e.id << " to auth_child_record_matrix_test.cpp");
    }
    CHECK(n >= 18);
}

TEST_CASE("role x activity/meeting/quotation/attachment endpoint x its lead's relation: 404 and nothing changed outside the rules") {
    TestServer s;
    s.login();
    const int64_t my_team = insert_team(s, "Улаанбаатар"), other_team = insert_team(s, "Дархан");
    create_user(s, "mgr", "manager");
    create_user(s, "all", "sales_all", {{"team_ids", {my_team}}});
    const int64_t own = create_user(s, "own", "sales_own", {{"team_ids", {my_team}}})["id"];
    const int64_t colleague = create_user(s, "colleague", "sales_own", {{"team_ids", {my_team}}})["id"];
    REQUIRE(post_json(s.client, "/api/v1/stages", {{"name", "Шинэ"}})->status == 201);
    auto mail = body_of(s.client.Get("/api/v1/mail/settings"));  // a sender, so that quotations can be queued
    auto put = s.client.Put("/api/v1/mail/settings",
                            json{{"host", "127.0.0.1"}, {"port", 9}, {"security", "none"}, {"default_from", "CRM <crm@tumen.mn>"},
                                 {"domain", "crm.tumen.mn"}, {"version", mail["version"]}}.dump(),
                            "application/json");
    REQUIRE_MESSAGE(put->status == 200, put->body);

    std::map<std::string, SignedIn> callers;
    for (const char* login : {"mgr", "all", "own"}) callers.emplace(login, sign_in(s, login));
    // Visible to "own": its own lead (and, as the lead matrix shows, followed and unassigned-in-team ones); hidden:
    // a colleague's lead and an unassigned lead of another team.
    enum class Relation { own, colleagues, other_team };
    auto make_lead = [&](Relation r) {
        json body = {{"name", "Сэжим"}, {"type", "opportunity"}, {"partner_name", "Говь ХХК"}, {"email", "bat@gobi.mn"}};
        if (r == Relation::own) body["user_id"] = own, body["team_id"] = my_team;
        if (r == Relation::colleagues) body["user_id"] = colleague, body["team_id"] = my_team;
        if (r == Relation::other_team) body["team_id"] = other_team;
        auto created = post_json(s.client, "/api/v1/leads", body);
        REQUIRE_MESSAGE(created->status == 201, created->body);
        return body_of(created)["id"].get<int64_t>();
    };
    // A fresh record of the kind on the lead, made by the administrator, in the state the endpoint needs.
    auto make_child = [&](std::string_view prefix, const std::string& id, int64_t lead) {
        const std::string lead_path = "/api/v1/leads/" + std::to_string(lead);
        auto create = [&]() -> httplib::Result {
            if (prefix == child_prefixes()[0]) return post_json(s.client, lead_path + "/activities", {{"type_id", 1}, {"summary", "Залгах"}});
            if (prefix == child_prefixes()[1])
                return post_json(s.client, lead_path + "/meetings",
                                 {{"title", "Уулзалт"}, {"local_start", "2026-12-01T10:00"}, {"local_end", "2026-12-01T11:00"}});
            if (prefix == child_prefixes()[2])
                return post_json(s.client, "/api/v1/quotations",
                                 {{"lead_id", lead}, {"lines", json::array({{{"description", "Ноутбук"}, {"quantity", 1}, {"price_unit", 250000}}})}});
            return s.client.Post(lead_path + "/attachments",
                                 httplib::MultipartFormDataItems{{"file", "Сайн байна уу\n", "тэмдэглэл.txt", "text/plain"}});
        };
        auto r = create();
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 201, r->body);
        json c = body_of(r);
        Child x{c["id"], c.value("version", int64_t{0})};
        // Only a sales order has an invoicing status; only a sent or cancelled quotation gets a new revision.
        if (id == "quotations.invoicing" || id == "quotations.revise") {
            const char* step = id == "quotations.invoicing" ? "/confirm" : "/cancel";
            auto order = post_json(s.client, "/api/v1/quotations/" + std::to_string(x.id) + step, {{"version", x.version}});
            REQUIRE_MESSAGE(order->status == 200, order->body);
            x.version = body_of(order)["version"];
        }
        return x;
    };

    int refused = 0, allowed = 0;
    for (const auto& e : tumen::api::endpoints()) {
        const auto prefix = prefix_of(e);
        if (prefix.empty()) continue;
        const auto req = auth_child_record_matrix_requests().find(std::string(e.id));
        if (req == auth_child_record_matrix_requests().end()) continue;  // reported by the test above
        for (auto& [who, caller] : callers) {
            const bool below_level = e.access == Access::manager && who != "mgr";
            for (Relation r : {Relation::own, Relation::colleagues, Relation::other_team}) {
                const Child x = make_child(prefix, std::string(e.id), make_lead(r));
                const std::string path = tumen::api::expand(e.path, {std::to_string(x.id)});
                const std::string before = auth_child_record_matrix_fingerprint(s);
                auto res = req->second(*caller.client, path, x);
                REQUIRE_MESSAGE(res, e.id << " as " << who);
                const bool hidden = who == "own" && r != Relation::own;
                const std::string what = std::string(e.method) + " " + path + " (" + std::string(e.id) + ") as " + who +
                                         (hidden ? " (hidden lead): " : ": ") + std::to_string(res->status) + " " + res->body;
                if (below_level || hidden) {
                    CHECK_MESSAGE(res->status == (below_level ? 403 : 404), what);  // the level is checked before the record
                    CHECK_MESSAGE(auth_child_record_matrix_fingerprint(s) == before, "a refused request changed data: " << what);
                    ++refused;
                } else {
                    CHECK_MESSAGE((res->status / 100 == 2 || auth_child_record_matrix_allowed_refusal(std::string(e.id), res->status)), what);
                    ++allowed;
                }
            }
        }
    }
    CHECK(refused >= 36);  // 2 hidden leads x 18 endpoints for "own"
    CHECK(allowed >= 60);
}
