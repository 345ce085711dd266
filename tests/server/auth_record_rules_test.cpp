// Record rules for leads (store/record_rules.hpp): the SQL form and the in-memory predicate agree on every
// combination of salesperson, team, reseller and followers, and each role sees what the table says.
// Runs on its own minimal tables, so it does not depend on the CRM schema.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "store/record_rules.hpp"
#include "test_server.hpp"

using tumen::server::Caller;
using tumen::store::LeadAccessFacts;

namespace {

constexpr int64_t me = 1, colleague = 2, my_team = 10, other_team = 20, my_partner = 100, other_partner = 200;

struct AuthRecordRulesFixture {
    std::filesystem::path dir = tumen::testing::make_temp_dir("tumen-rules");
    tumen::store::Connection db{(dir / "rules.db").string()};
    std::vector<std::pair<int64_t, LeadAccessFacts>> leads;

    AuthRecordRulesFixture() {
        db.exec(
            "CREATE TABLE leads (id INTEGER PRIMARY KEY, user_id INTEGER, team_id INTEGER, partner_assigned_id INTEGER);"
            "CREATE TABLE lead_followers (lead_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (lead_id, user_id));");
        const std::vector<std::optional<int64_t>> users = {std::nullopt, me, colleague};
        const std::vector<std::optional<int64_t>> teams = {std::nullopt, my_team, other_team};
        const std::vector<std::optional<int64_t>> partners = {std::nullopt, my_partner, other_partner};
        const std::vector<std::vector<int64_t>> followers = {{}, {me}, {colleague}, {me, colleague}};
        int64_t id = 0;
        for (auto u : users)
            for (auto t : teams)
                for (auto p : partners)
                    for (const auto& f : followers) {
                        ++id;
                        db.prepare_uncached("INSERT INTO leads VALUES (?,?,?,?)").bind(1, id).bind(2, u).bind(3, t).bind(4, p).run();
                        for (int64_t uid : f)
                            db.prepare_uncached("INSERT INTO lead_followers VALUES (?,?)").bind(1, id).bind(2, uid).run();
                        leads.push_back({id, LeadAccessFacts{u, t, p, f}});
                    }
    }
    ~AuthRecordRulesFixture() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    std::set<int64_t> by_sql(const Caller& c) {
        auto rule = tumen::store::lead_rule_sql(c);
        auto s = db.prepare_uncached("SELECT l.id FROM leads l WHERE " + rule.sql + " ORDER BY l.id");
        s.bind_all(rule.params);
        std::set<int64_t> out;
        while (s.step()) out.insert(s.get_int(0));
        return out;
    }
    std::set<int64_t> by_predicate(const Caller& c) {
        std::set<int64_t> out;
        for (const auto& [id, facts] : leads)
            if (tumen::store::lead_rule_allows(c, facts)) out.insert(id);
        return out;
    }
    std::set<int64_t> where(const std::function<bool(const LeadAccessFacts&)>& pred) {
        std::set<int64_t> out;
        for (const auto& [id, facts] : leads)
            if (pred(facts)) out.insert(id);
        return out;
    }
};

Caller auth_record_rules_caller(std::string role, int64_t user_id = me, std::vector<int64_t> teams = {my_team},
              std::optional<int64_t> partner = std::nullopt) {
    Caller c;
    c.role = std::move(role);
    c.user_id = user_id;
    c.team_ids = std::move(teams);
    c.partner_id = partner;
    return c;
}

bool follows(const LeadAccessFacts& l, int64_t user) {
    return std::find(l.follower_ids.begin(), l.follower_ids.end(), user) != l.follower_ids.end();
}

}  // namespace

TEST_CASE("the SQL rule and the in-memory rule agree for every role and lead") {
    AuthRecordRulesFixture f;
    REQUIRE(f.leads.size() == 108);
    const std::vector<Caller> callers = {
        auth_record_rules_caller("admin"), auth_record_rules_caller("manager"), auth_record_rules_caller("sales_all"),
        auth_record_rules_caller("sales_own"), auth_record_rules_caller("sales_own", me, {}), auth_record_rules_caller("sales_own", me, {my_team, other_team}),
        auth_record_rules_caller("sales_own", 0), auth_record_rules_caller("portal", 5, {}, my_partner), auth_record_rules_caller("portal", 5, {}, std::nullopt),
        auth_record_rules_caller("kiosk", 0, {my_team}), auth_record_rules_caller(""), auth_record_rules_caller("superuser"),
    };
    for (const auto& c : callers) {
        CAPTURE(c.role);
        CAPTURE(c.team_ids.size());
        CHECK(f.by_sql(c) == f.by_predicate(c));
    }
}

TEST_CASE("what each role sees") {
    AuthRecordRulesFixture f;
    const auto everything = f.where([](const LeadAccessFacts&) { return true; });
    CHECK(f.by_sql(auth_record_rules_caller("admin")) == everything);
    CHECK(f.by_sql(auth_record_rules_caller("manager")) == everything);
    CHECK(f.by_sql(auth_record_rules_caller("sales_all")) == everything);

    // Own documents: mine, followed by me, or unassigned in my teams; never a colleague's lead in my team.
    auto own = f.by_sql(auth_record_rules_caller("sales_own"));
    CHECK(own == f.where([](const LeadAccessFacts& l) {
              return l.user_id == me || follows(l, me) || (!l.user_id && l.team_id == my_team);
          }));
    for (const auto& [id, l] : f.leads) {
        if (l.user_id == colleague && l.team_id == my_team && !follows(l, me)) CHECK(own.count(id) == 0);
        if (!l.user_id && l.team_id == other_team && !follows(l, me)) CHECK(own.count(id) == 0);
        if (!l.user_id && !l.team_id && !follows(l, me)) CHECK(own.count(id) == 0);
    }
    // Without teams only own and followed leads remain.
    CHECK(f.by_sql(auth_record_rules_caller("sales_own", me, {})) ==
          f.where([](const LeadAccessFacts& l) { return l.user_id == me || follows(l, me); }));

    // The reseller's portal user: only leads assigned to that partner; without a partner nothing.
    CHECK(f.by_sql(auth_record_rules_caller("portal", 5, {}, my_partner)) ==
          f.where([](const LeadAccessFacts& l) { return l.partner_assigned_id == my_partner; }));
    CHECK(f.by_sql(auth_record_rules_caller("portal", 5, {}, std::nullopt)).empty());

    // A kiosk: the leads of the teams whose boards it shows; without teams nothing.
    CHECK(f.by_sql(auth_record_rules_caller("kiosk", 0, {my_team})) ==
          f.where([](const LeadAccessFacts& l) { return l.team_id == my_team; }));
    CHECK(f.by_sql(auth_record_rules_caller("kiosk", 0, {})).empty());
    // Unknown roles and a sales_own caller without an id see no lead at all (fail closed).
    CHECK(f.by_sql(auth_record_rules_caller("")).empty());
    CHECK(f.by_sql(auth_record_rules_caller("sales_own", 0)).empty());
}

TEST_CASE("the rule is bound with parameters, works under another alias, and refuses an unsafe alias") {
    auto rule = tumen::store::lead_rule_sql(auth_record_rules_caller("sales_own", me, {my_team, other_team}), "lead");
    CHECK(rule.sql.find("lead.user_id = ?") != std::string::npos);
    CHECK(rule.sql.find("lead.team_id IN (?,?)") != std::string::npos);
    CHECK(rule.params.size() == 4);
    CHECK(tumen::store::lead_rule_sql(auth_record_rules_caller("admin")).sql == "1");
    CHECK(tumen::store::lead_rule_sql(auth_record_rules_caller("kiosk", 0, {})).sql == "0");
    CHECK(tumen::store::lead_rule_sql(auth_record_rules_caller("kiosk", 0, {my_team, other_team})).sql == "(l.team_id IN (?,?))");
    CHECK(tumen::store::sees_all_leads(auth_record_rules_caller("sales_all")));
    CHECK_FALSE(tumen::store::sees_all_leads(auth_record_rules_caller("sales_own")));
    CHECK_THROWS_AS(tumen::store::lead_rule_sql(auth_record_rules_caller("sales_own"), "l; DROP TABLE leads"), std::invalid_argument);
    CHECK_THROWS_AS(tumen::store::lead_rule_sql(auth_record_rules_caller("sales_own"), ""), std::invalid_argument);
}
