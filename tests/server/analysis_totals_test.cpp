// The analysis totals (migration analysis_totals, kept by triggers) must always equal a recomputation from the
// leads, whatever path wrote them (seeding, create, edit, move, won, lost, restore, delete, bulk actions, merge,
// CSV import), and the totals path (store/analysis_totals) must answer exactly as the scan over the leads for
// every group-by, filter and caller it takes; the requests it cannot answer must go to the scan.
#include <doctest/doctest.h>

#include <map>
#include <tuple>

#include "io_helpers.hpp"
#include "store/analysis_totals.hpp"
#include "store/record_rules.hpp"
#include "test_server.hpp"

using nlohmann::json;
using tumen::testing::TestServer;

namespace {

// Value of each dimension code as the migration stores it.
const char* const dim_values[] = {"0", "l.country", "coalesce(l.source_id, 0)", "coalesce(l.lost_reason_id, 0)",
                                  "coalesce(strftime('%Y-%m', l.create_date, 'unixepoch'), 0)",
                                  "coalesce(substr(l.date_deadline, 1, 7), 0)"};

std::vector<std::string> analysis_totals_rows_of(TestServer& s, const std::string& sql) {
    std::vector<std::string> out;
    auto st = s.app->db().reader().prepare_uncached(sql);
    while (st.step()) {
        std::string row;
        for (int i = 0; i < 14; ++i) row += (st.is_null(i) ? std::string("NULL") : st.get_text(i)) + "|";
        out.push_back(row);
    }
    return out;
}

void analysis_totals_check_totals_match_leads(TestServer& s) {
    std::string recompute;
    for (int d = 0; d < 6; ++d)
        recompute += std::string(d ? " UNION ALL " : "") + "SELECT " + std::to_string(d) +
                     ", coalesce(team_id, 0), coalesce(stage_id, 0), coalesce(user_id, 0), active,"
                     " CASE WHEN probability >= 100 THEN 2 WHEN probability = 0 THEN 0 ELSE 1 END, type, currency, " +
                     dim_values[d] +
                     ", count(*), sum(expected_revenue), sum(CAST(round(expected_revenue * probability / 100.0) AS INTEGER)),"
                     " sum(date_closed IS NOT NULL), sum(coalesce((date_closed - create_date) / 86400, 0))"
                     " FROM leads l JOIN lead_probabilities ON lead_id = l.id GROUP BY 2, 3, 4, 5, 6, 7, 8, 9";
    const auto kept = analysis_totals_rows_of(s, "SELECT * FROM analysis_totals WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
    const auto fresh = analysis_totals_rows_of(s, "SELECT * FROM (" + recompute + ") ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
    CHECK(kept.size() > 6);
    CHECK(kept == fresh);
    CHECK(tumen::testing::count_rows(s, "SELECT count(*) FROM analysis_totals WHERE n = 0 AND (expected <> 0 OR "
                                        "weighted <> 0 OR closed <> 0 OR close_days <> 0)") == 0);
}

json analysis_totals_call(TestServer& s, const char* method, const std::string& path, const json& body = nullptr) {
    const std::string m = method;
    httplib::Result r = m == "GET"     ? s.client.Get(path.c_str())
                        : m == "POST"  ? s.client.Post(path.c_str(), body.dump(), "application/json")
                        : m == "PATCH" ? s.client.Patch(path.c_str(), body.dump(), "application/json")
                                       : s.client.Delete(path.c_str());
    REQUIRE(r);
    INFO(method, " ", path, " -> ", r->status, " ", r->body);
    CHECK(r->status < 300);
    return r->body.empty() ? json() : json::parse(r->body);
}

struct Case {
    std::string group_by, group_by2, filter, active;
};

tumen::server::Caller analysis_totals_caller(const std::string& role, std::vector<int64_t> teams = {}) {
    tumen::server::Caller c;
    c.user_id = role == "kiosk" ? 0 : 1;
    c.role = role;
    c.team_ids = std::move(teams);
    return c;
}

// Every case through the totals and through the scan, for an administrator and a kiosk of one team.
void check_paths_agree(TestServer& s, int64_t team, int64_t user) {
    const std::string t = std::to_string(team), u = std::to_string(user);
    const std::vector<Case> cases = {
        {"stage", "", "", "all"},
        {"user", "stage", "", "true"},
        {"create_month", "team", "", "all"},
        {"country", "", "team_id = " + t, "true"},
        {"source", "user", "", "false"},
        {"lost_reason", "team", "", "false"},
        {"deadline_month", "stage", "type = \"opportunity\" and stage.is_won = false", "true"},
        {"team", "type", "user_id is null", "all"},
        {"stage", "", "country = \"MN\" or country = \"\"", "all"},
        {"user", "", "stage.is_won = true and team_id in (" + t + ")", "all"},
        {"type", "", "user_id = " + u + " or not (stage_id is null)", "all"},
        {"stage", "create_month", "user_id is not null and currency = \"MNT\"", "all"},
        {"source", "", "source_id is null or team_id = " + t, "all"},
        {"team", "", "lost_reason_id is not null", "false"},
    };
    const std::vector<tumen::server::Caller> callers = {analysis_totals_caller("admin"), analysis_totals_caller("kiosk", {team})};
    auto& c = s.app->db().reader();
    for (const auto& who : callers) {
        const auto totals_rule = tumen::store::analysis_totals_rule(who);
        REQUIRE(totals_rule);
        for (const auto& k : cases) {
            INFO(who.role, ": ", k.group_by, " x ", k.group_by2, " where ", k.filter, " active=", k.active);
            tumen::store::LeadQuery q;
            q.filter = k.filter;
            q.active = k.active;
            auto fast = tumen::store::analyse_from_totals(c, q, *totals_rule, k.group_by, k.group_by2);
            auto scan = tumen::store::analyse_leads(c, q, tumen::store::lead_rule_sql(who), k.group_by, k.group_by2);
            REQUIRE(fast);
            REQUIRE(scan);
            CHECK(!scan.value().cells.empty());
            CHECK(fast->cells == scan.value().cells);
        }
    }
}

}  // namespace

TEST_CASE("analysis totals equal the leads after every kind of write, and answer exactly as the scan") {
    TestServer s([](tumen::server::Config& c) {
        c.demo_data = true;
        c.demo_leads = 1200;
    });
    s.login();
    analysis_totals_check_totals_match_leads(s);

    auto leads = analysis_totals_call(s, "GET", "/api/v1/leads?limit=80&active=all")["items"];
    REQUIRE(leads.size() == 80);
    auto stages = analysis_totals_call(s, "GET", "/api/v1/stages")["items"];
    auto teams = analysis_totals_call(s, "GET", "/api/v1/teams")["items"];
    REQUIRE(teams.size() >= 2);
    const int64_t reason = analysis_totals_call(s, "GET", "/api/v1/lost-reasons")["items"][0]["id"];
    int64_t team = 0;  // a team with leads
    for (auto& l : leads)
        if (!team && l["team_id"].is_number_integer()) team = l["team_id"];
    REQUIRE(team > 0);
    const int64_t user = leads[0]["user_id"].is_null() ? 1 : leads[0]["user_id"].get<int64_t>();

    int k = 0;
    std::vector<int64_t> merge_ids, bulk_ids;
    for (auto& item : leads) {
        const int64_t id = item["id"];
        const std::string path = "/api/v1/leads/" + std::to_string(id);
        json lead = analysis_totals_call(s, "GET", path);
        switch (k++ % 10) {
            case 0: {
                json change = {{"version", lead["version"]},
                               {"expected_revenue", {{"amount", 654321 + k}, {"currency", k % 2 ? "USD" : "MNT"}}}};
                if (lead["probability"] != 100) change["probability"] = 42.5;
                analysis_totals_call(s, "PATCH", path, change);
                break;
            }
            case 1: analysis_totals_call(s, "PATCH", path, {{"version", lead["version"]}, {"team_id", teams[k % teams.size()]["id"]}}); break;
            case 2: {
                std::vector<json> own;  // the lead's own pipeline: a stage is its team's or shared by all
                for (auto& st : stages)
                    if (st["team_id"].is_null() || st["team_id"] == lead["team_id"]) own.push_back(st["id"]);
                if (lead["active"] == true && !own.empty())
                    analysis_totals_call(s, "POST", path + "/move", {{"version", lead["version"]}, {"stage_id", own[k % own.size()]}});
                break;
            }
            case 3:
                if (lead["active"] == true && lead["probability"] != 100)
                    analysis_totals_call(s, "POST", path + "/lost", {{"version", lead["version"]}, {"lost_reason_id", reason}});
                break;
            case 4:
                if (lead["active"] == false) analysis_totals_call(s, "POST", path + "/restore", {{"version", lead["version"]}});
                break;
            case 5: analysis_totals_call(s, "DELETE", path); break;
            case 6:
                analysis_totals_call(s, "PATCH", path, {{"version", lead["version"]}, {"country", k % 3 ? "KZ" : ""},
                                        {"date_deadline", k % 4 ? json("2027-03-15") : json(nullptr)}, {"source_id", nullptr}});
                break;
            case 7: analysis_totals_call(s, "PATCH", path, {{"version", lead["version"]}, {"user_id", nullptr}}); break;
            case 8: merge_ids.push_back(id); break;
            case 9: analysis_totals_call(s, "PATCH", path, {{"version", lead["version"]}, {"priority", 3}}); break;  // no key moves
        }
    }
    analysis_totals_call(s, "POST", "/api/v1/leads/merge", {{"ids", {merge_ids[0], merge_ids[1], merge_ids[2]}}});
    analysis_totals_call(s, "POST", "/api/v1/leads/merge", {{"ids", {merge_ids[3], merge_ids[4]}}});
    const json open_of_team =
        analysis_totals_call(s, "GET", "/api/v1/leads?limit=6&filter=" + tumen::testing::url_encode("team_id = " + std::to_string(team)));
    for (auto& l : open_of_team["items"]) bulk_ids.push_back(l["id"]);
    REQUIRE(bulk_ids.size() >= 2);
    json team_stage;
    for (auto& st : stages)
        if (st["team_id"] == team && st["is_won"] == false && team_stage.is_null()) team_stage = st["id"];
    analysis_totals_call(s, "POST", "/api/v1/leads/bulk", {{"ids", bulk_ids}, {"action", "set_stage"}, {"stage_id", team_stage}});
    analysis_totals_call(s, "POST", "/api/v1/leads/bulk", {{"ids", bulk_ids}, {"action", "assign"}, {"user_id", user}});
    analysis_totals_call(s, "POST", "/api/v1/leads/bulk", {{"ids", {bulk_ids[0], bulk_ids[1]}}, {"action", "lost"}, {"lost_reason_id", reason}});
    for (int i = 0; i < 10; ++i)
        analysis_totals_call(s, "POST", "/api/v1/leads",
             {{"name", "Шинэ боломж " + std::to_string(i)}, {"team_id", teams[i % 2]["id"]}, {"type", "opportunity"},
              {"country", i % 2 ? "MN" : "RU"}, {"expected_revenue", {{"amount", 1000 * i}, {"currency", "MNT"}}}});
    tumen::testing::IoSession io(s);
    auto job = tumen::testing::import_csv(io, "Name,Country,Expected revenue,Probability\n"
                                              "Импорт нэг,MN,1500000,35\nИмпорт хоёр,CN,250000,100\nИмпорт гурав,,,\n");
    CHECK(job["state"] == "done");
    analysis_totals_check_totals_match_leads(s);
    check_paths_agree(s, team, user);

    // Through the endpoint: a filter the totals answer, and the same with a condition that changes nothing but
    // sends it to the scan.
    for (const std::string q : {"group_by=create_month&group_by2=team&active=all", "group_by=stage&active=true"}) {
        const auto f = tumen::testing::url_encode("team_id = " + std::to_string(team));
        const auto g = tumen::testing::url_encode("team_id = " + std::to_string(team) + " and id > 0");
        CHECK(analysis_totals_call(s, "GET", "/api/v1/leads/analysis?" + q + "&filter=" + f) ==
              analysis_totals_call(s, "GET", "/api/v1/leads/analysis?" + q + "&filter=" + g));
    }
}

TEST_CASE("the totals refuse what they cannot answer exactly, and then the scan answers") {
    TestServer s([](tumen::server::Config& c) {
        c.demo_data = true;
        c.demo_leads = 50;
    });
    auto& c = s.app->db().reader();
    const auto all = *tumen::store::analysis_totals_rule(analysis_totals_caller("admin"));
    auto refused = [&](const std::string& g1, const std::string& g2, const std::string& filter, const std::string& text = "") {
        tumen::store::LeadQuery q;
        q.filter = filter;
        q.text = text;
        return !tumen::store::analyse_from_totals(c, q, all, g1, g2);
    };
    CHECK(refused("tag", "", ""));                      // many-valued
    CHECK(refused("create_week", "", ""));              // not kept
    CHECK(refused("country", "source", ""));            // two extra dimensions
    CHECK(refused("country", "", "source_id = 3"));     // the filter's dimension is another one
    CHECK(refused("stage", "", "probability > 50"));    // not a key
    CHECK(refused("stage", "", "", "ulaanbaatar"));     // full-text
    CHECK(refused("stage", "", "team_id = "));          // bad filter: the scan names the error
    CHECK(refused("nope", "", ""));                     // bad group-by: likewise
    CHECK(!refused("stage", "team", "team_id = 1 and stage.is_won = false"));
    // Record rules that read followers or the reseller cannot be put on the totals.
    CHECK(!tumen::store::analysis_totals_rule(analysis_totals_caller("sales_own", {1})));
    CHECK(!tumen::store::analysis_totals_rule(analysis_totals_caller("portal")));
    CHECK(tumen::store::analysis_totals_rule(analysis_totals_caller("sales_all")));
}
