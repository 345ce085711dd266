// Rule-based scoring: sums, explanations, team rules, inactive and broken rules, the lead adapter's fields, and
// the validation a rule gets before it is stored.
#include <doctest/doctest.h>

#include <numeric>

#include "tumen/scoring_rules.hpp"

using namespace tumen;
using namespace tumen::scoring;

namespace {

ScoreRule rule(std::int64_t id, std::string name, std::string filter, std::int64_t points,
               std::optional<std::int64_t> team = std::nullopt, bool active = true) {
    ScoreRule r;
    r.id = id;
    r.name = std::move(name);
    r.filter = std::move(filter);
    r.points = points;
    r.team_id = team;
    r.active = active;
    return r;
}

Lead lead_in(std::string country, std::string email, std::optional<std::int64_t> team = std::nullopt) {
    Lead l;
    l.id = 7;
    l.name = "Төмөр замын тендер";
    l.address.country = std::move(country);
    l.email = std::move(email);
    l.team_id = team;
    return l;
}

filter::Context ctx() {
    filter::Context c;
    c.now = 1'790'000'000;
    c.utc_offset_minutes = 480;
    return c;
}

bool has_field_error(const FieldErrors& e, const std::string& field) {
    for (const auto& x : e.list())
        if (x.field == field) return true;
    return false;
}

}  // namespace

TEST_CASE("a lead's score is the sum of the rules it matches, explained rule by rule") {
    RuleSet rules({rule(1, "country = MN", "country = \"MN\"", 20), rule(2, "free-mail address", "email_is_corporate = false", -10),
                   rule(3, "big deal", "expected_revenue >= 100000000", 15)});
    auto out = rules.score(lead_in("MN", "bat@gmail.com"), nullptr, {}, ctx());
    CHECK(out.score == 10);
    REQUIRE(out.reasons.size() == 2);
    CHECK(out.reasons[0] == ScoreReason{1, "country = MN", 20});
    CHECK(out.reasons[1] == ScoreReason{2, "free-mail address", -10});
    CHECK(explanation_text(out.reasons) == "+20 country = MN; \u221210 free-mail address");
    const auto sum = std::accumulate(out.reasons.begin(), out.reasons.end(), std::int64_t{0},
                                     [](std::int64_t s, const ScoreReason& r) { return s + r.points; });
    CHECK(sum == out.score);

    auto corporate = rules.score(lead_in("CN", "info@mongolrail.mn"), nullptr, {}, ctx());
    CHECK(corporate.score == 0);
    CHECK(corporate.reasons.empty());
    CHECK(explanation_text(corporate.reasons).empty());
}

TEST_CASE("team rules score only their team's leads; inactive and broken rules score nothing") {
    RuleSet rules({rule(1, "UB team, MN", "country = \"MN\"", 30, 5), rule(2, "off", "country = \"MN\"", 99, std::nullopt, false),
                   rule(3, "stale filter", "no_such_field = 1", 50), rule(4, "everyone", "", 1)});
    CHECK(rules.size() == 2);
    CHECK(rules.skipped() == std::vector<std::int64_t>{3});
    CHECK(rules.score(lead_in("MN", "", 5), nullptr, {}, ctx()).score == 31);
    CHECK(rules.score(lead_in("MN", "", 6), nullptr, {}, ctx()).score == 1);
    CHECK(rules.score(lead_in("MN", ""), nullptr, {}, ctx()).score == 1);
}

TEST_CASE("the lead adapter hands out stage fields, tag names and the corporate e-mail flag") {
    Lead l = lead_in("MN", "Бат <bat@yandex.ru>");
    l.stage_id = 3;
    l.tag_ids = {10, 11};
    std::vector<Stage> stages(1);
    stages[0].id = 3;
    stages[0].name = "Санал";
    stages[0].is_won = true;
    int lookups = 0;
    LeadRecord::TagNames names = [&](const std::vector<std::int64_t>& ids) {
        ++lookups;
        CHECK(ids == std::vector<std::int64_t>{10, 11});
        return std::vector<std::string>{"VIP", "Төмөр"};
    };
    RuleSet rules({rule(1, "won", "stage.is_won = true", 5), rule(2, "vip", "tags has \"vip\"", 7),
                   rule(3, "free mail", "email_is_corporate = false", -3), rule(4, "Санал", "stage.name = \"Санал\"", 2)});
    CHECK(rules.reads("tags"));
    CHECK(rules.reads_tags());
    CHECK(rules.reads_stage());
    CHECK_FALSE(rules.reads("country"));
    CHECK_FALSE(RuleSet({rule(5, "mn", "country = \"MN\"", 1)}).reads_stage());
    auto out = rules.score(l, &stages, names, ctx());
    CHECK(out.score == 5 + 7 - 3 + 2);
    CHECK(lookups == 1);
    // Without stages or tag names those fields are null: no rule on them matches.
    CHECK(rules.score(l, nullptr, {}, ctx()).score == -3);
}

TEST_CASE("a rule is validated before it is stored") {
    auto ok = score_rule_from_json({{"name", "country = MN"}, {"filter", "country = \"MN\""}, {"points", 20}, {"team_id", nullptr}});
    REQUIRE(ok);
    CHECK(ok->points == 20);
    CHECK(ok->active);

    ScoreRule r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"points", 0}}), "points"));
    r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"points", 1001}}), "points"));
    r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"name", ""}}), "name"));
    r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"filter", "country = "}}), "filter"));
    r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"filter", "expected_revenue contains \"x\""}}), "filter"));
    r = rule(0, "x", "country = \"MN\"", 10);
    auto self = apply_patch(r, {{"filter", "score > 10"}});
    CHECK(has_field_error(self, "filter"));
    r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"filter", "user_id = me"}}), "filter"));
    r = rule(0, "x", "country = \"MN\"", 10);
    CHECK(has_field_error(apply_patch(r, {{"version", 3}, {"create_date", "2026-01-01T00:00:00Z"}}), "create_date"));
    CHECK(validate(rule(0, "ok", "tags has \"VIP\" and create_date >= today - 30d", -5)).empty());
}

TEST_CASE("explanations survive their JSON form; bad entries are dropped") {
    std::vector<ScoreReason> reasons{{1, "Улаанбаатар", 20}, {2, "gmail", -10}};
    CHECK(reasons_from_json(reasons_json(reasons)) == reasons);
    CHECK(reasons_from_json(nlohmann::json::parse(R"([{"rule_id":1,"name":"a","points":2},{"rule_id":"x"},3])")) ==
          std::vector<ScoreReason>{{1, "a", 2}});
    CHECK(reasons_from_json(nlohmann::json()).empty());

    Lead l = lead_in("MN", "");
    l.score = 10;
    l.score_explanation = reasons;
    nlohmann::json j = l;
    CHECK(j["score"] == 10);
    CHECK(j["score_explanation"][1]["points"] == -10);
    auto back = lead_from_json(j);
    REQUIRE(back);
    CHECK(back->score_explanation == reasons);
    Lead patched = l;
    CHECK(has_field_error(apply_patch(patched, {{"score", 99}}), "score"));
}

TEST_CASE("a preview shift is the new contribution minus the old one") {
    CHECK(shift_of(false, 0, true, 20) == 20);
    CHECK(shift_of(true, 20, true, 5) == -15);
    CHECK(shift_of(true, 20, false, 5) == -20);
    CHECK(shift_of(false, 20, false, 5) == 0);
}
