// Predictive scoring on leads: variables read from a Lead, closed state, settings, and explanations that add up.
#include <doctest/doctest.h>

#include <cmath>

#include "tumen/scoring_pls_lead.hpp"

using namespace tumen;
using namespace tumen::scoring;

namespace {

std::vector<Stage> pls_lead_stages() {
    Stage a, b, w;
    a.id = 10, a.sequence = 1, a.name = "New";
    b.id = 11, b.sequence = 2, b.name = "Proposition";
    w.id = 12, w.sequence = 3, w.name = "Won", w.is_won = true;
    return {w, b, a};  // out of order on purpose: the schema sorts them
}

Lead scoring_pls_lead_make(std::int64_t stage, std::string country, bool active = true, double probability = 50) {
    Lead l;
    l.id = 1;
    l.stage_id = stage;
    l.address.country = std::move(country);
    l.active = active;
    l.probability = probability;
    l.email = "a@b.mn";
    l.create_date = 1'700'000'000;
    return l;
}

}  // namespace

TEST_CASE("pls schema: stages by sequence, tags apart from the fields, email and phone states keep empty") {
    PlsSettings s;
    s.fields = {"country", "tag_ids", "email_state"};
    auto schema = pls_schema(s, pls_lead_stages());
    REQUIRE(schema.stages.size() == 3);
    CHECK(schema.stages[0].key == "10");
    CHECK(schema.stages[2].is_won);
    CHECK(schema.fields == std::vector<std::string>{"country", "email_state"});
    CHECK(pls_uses_tags(s));
}

TEST_CASE("pls lead: values, tags only when chosen, outcome like won_status") {
    PlsSettings s;
    s.fields = {"country", "email_state", "phone_state"};
    auto schema = pls_schema(s, pls_lead_stages());
    Lead l = scoring_pls_lead_make(11, "MN");
    l.tag_ids = {5};
    l.phone = "not a phone";
    auto pl = pls_lead(schema, s, pls_fields(l));
    CHECK(pl.stage == std::optional<std::size_t>(1));
    CHECK(pl.values == std::vector<std::string>{"MN", "correct", "incorrect"});
    CHECK(pl.tags.empty());
    CHECK(pl.outcome == PlsOutcome::open);
    s.fields.push_back("tag_ids");
    CHECK(pls_lead(pls_schema(s, pls_lead_stages()), s, pls_fields(l)).tags == std::vector<std::string>{"5"});

    CHECK(pls_outcome(pls_fields(scoring_pls_lead_make(12, "MN", true, 100)), schema) == PlsOutcome::won);
    CHECK(pls_outcome(pls_fields(scoring_pls_lead_make(12, "MN", true, 90)), schema) == PlsOutcome::open);  // won stage, probability typed lower
    CHECK(pls_outcome(pls_fields(scoring_pls_lead_make(11, "MN", false, 0)), schema) == PlsOutcome::lost);
    CHECK(pls_outcome(pls_fields(scoring_pls_lead_make(11, "MN", false, 30)), schema) == PlsOutcome::open);  // archived, not lost
}

TEST_CASE("pls_fields carries every variable a manager can pick, the team, stage, outcome and start date") {
    PlsSettings s;
    s.fields = pls_available_fields();
    s.start_date = DayNumber{19000};
    const auto schema = pls_schema(s, pls_lead_stages());
    Lead l = scoring_pls_lead_make(12, "MN", false, 0);
    l.team_id = 7, l.address.state = "UB", l.email = "x <bad>", l.phone = "99112233", l.source_id = 1,
    l.medium_id = 2, l.campaign_id = 3, l.lang = "mn", l.tag_ids = {4, 5};
    const auto f = pls_fields(l);
    const auto pl = pls_lead(schema, s, f);
    CHECK(pl.team == 7);
    CHECK(pl.stage == std::optional<std::size_t>(2));
    CHECK(pl.values == std::vector<std::string>{"MN", "UB", "incorrect", "correct", "1", "2", "3", "mn"});
    CHECK(pl.tags == std::vector<std::string>{"4", "5"});
    CHECK(pl.outcome == PlsOutcome::lost);
    CHECK(pls_counts(f, s));  // 1,700,000,000 is after day 19000 (2022-01-08)
    l.create_date = 1'600'000'000;
    CHECK_FALSE(pls_counts(pls_fields(l), s));
}

TEST_CASE("email and phone states") {
    Lead l;
    CHECK(email_state(pls_fields(l)) == "");
    l.email = "Bat <bat@example.mn>";
    CHECK(email_state(pls_fields(l)) == "correct");
    l.email = "no address";
    CHECK(email_state(pls_fields(l)) == "incorrect");
    CHECK(phone_state(pls_fields(l)) == "");
    l.phone = "+976 9911 2233";
    CHECK(phone_state(pls_fields(l)) == "correct");
}

TEST_CASE("pls settings: patch validates fields and start date; the start date limits which leads count") {
    PlsSettings s;
    auto fe = apply_patch(s, {{"fields", {"country", "shoe_size"}}});
    REQUIRE(!fe.empty());
    CHECK(fe.list().front().field == "fields");
    CHECK(s.fields == PlsSettings{}.fields);  // unchanged on error
    fe = apply_patch(s, {{"start_date", "2023-13-40"}});
    REQUIRE(!fe.empty());
    CHECK(fe.list().front().field == "start_date");
    CHECK(apply_patch(s, {{"fields", {"lang", "tag_ids", "lang"}}, {"start_date", "2023-11-14"}}).empty());
    CHECK(s.fields == std::vector<std::string>{"lang", "tag_ids"});
    REQUIRE(s.start_date);
    Lead l = scoring_pls_lead_make(10, "MN");
    l.create_date = start_of_day(*s.start_date) - 1;
    CHECK_FALSE(pls_counts(pls_fields(l), s));
    l.create_date += 1;
    CHECK(pls_counts(pls_fields(l), s));
    CHECK(apply_patch(s, {{"start_date", nullptr}}).empty());
    CHECK_FALSE(s.start_date);
}

TEST_CASE("explanation: base plus the factors' points is the probability; log odds are the naive Bayes weights") {
    PlsSettings s;
    s.fields = {"country"};
    auto schema = pls_schema(s, pls_lead_stages());
    // Two won from MN, one lost at New from US, one lost at Proposition from MN.
    std::vector<PlsLead> closed;
    for (auto [stage, country, active, p] : std::vector<std::tuple<int, const char*, bool, double>>{
             {12, "MN", true, 100}, {12, "MN", true, 100}, {10, "US", false, 0}, {11, "MN", false, 0}})
        closed.push_back(pls_lead(schema, s, pls_fields(scoring_pls_lead_make(stage, country, active, p))));
    PlsScorer scorer(schema, pls_rebuild(schema, closed));
    auto open = pls_lead(schema, s, pls_fields(scoring_pls_lead_make(11, "MN")));
    auto raw = scorer.raw_probability(open);
    auto why = scorer.explain(open);
    REQUIRE(raw);
    REQUIRE(why);
    // Team: won 2.1, lost 2.1 -> base 50 %. Stage Proposition: won 2.1/2.1, lost 1.1/2.1. Country MN: won
    // 2.1/2.2, lost 1.1/2.2. Odds = 1 * (1/(1.1/2.1)) * (2.1/1.1) = (2.1/1.1)^2.
    const double odds = std::pow(2.1 / 1.1, 2);
    CHECK(*raw == doctest::Approx(odds / (1 + odds)));
    CHECK(why->base == doctest::Approx(50));
    REQUIRE(why->factors.size() == 2);
    CHECK(why->factors[0].variable == "stage_id");
    CHECK(why->factors[0].value == "11");
    CHECK(why->factors[0].log_odds == doctest::Approx(std::log(2.1 / 1.1)));
    CHECK(why->factors[1].variable == "country");
    double sum = why->base;
    for (const auto& f : why->factors) sum += f.points;
    CHECK(sum == doctest::Approx(*raw * 100));
    CHECK(why->probability == doctest::Approx(*raw * 100));
    // A value no closed lead had is no factor at all.
    CHECK(scorer.explain(pls_lead(schema, s, pls_fields(scoring_pls_lead_make(11, "FR"))))->factors.size() == 1);
    // No explanation for a lead in the won stage.
    CHECK_FALSE(scorer.explain(pls_lead(schema, s, pls_fields(scoring_pls_lead_make(12, "MN")))));
}
