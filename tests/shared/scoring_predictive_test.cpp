// The Odoo-style naive Bayes: rebuild, every transition, the stage rule, the tag threshold, hand-computed odds.
#include <doctest/doctest.h>

#include "tumen/scoring_predictive.hpp"

using namespace tumen::scoring;

namespace {

// Stages New (1), Qualified (2), Won (3, won); one field: country.
PlsSchema scoring_predictive_schema() {
    PlsSchema s;
    s.stages = {{"1", 1, false}, {"2", 2, false}, {"3", 3, true}};
    s.fields = {"country_id", "email_state"};
    s.keep_empty = {"email_state"};
    return s;
}

PlsLead scoring_predictive_lead(std::size_t stage, std::string country, PlsOutcome outcome = PlsOutcome::open, std::string email = "correct") {
    PlsLead l;
    l.stage = stage;
    l.values = {std::move(country), std::move(email)};
    l.outcome = outcome;
    return l;
}

// Two won from MN, one lost at New from US, one lost at Qualified from MN.
std::vector<PlsLead> closed() {
    return {scoring_predictive_lead(2, "MN", PlsOutcome::won), scoring_predictive_lead(2, "MN", PlsOutcome::won), scoring_predictive_lead(0, "US", PlsOutcome::lost),
            scoring_predictive_lead(1, "MN", PlsOutcome::lost)};
}

PlsCounts row(const PlsFrequencies& f, std::string_view variable, const std::string& value, std::int64_t team = 0) {
    auto t = f.teams.find(team);
    if (t == f.teams.end()) return {-1, -1};
    const PlsCounts* c = t->second.find(variable, value);
    return c ? *c : PlsCounts{-1, -1};
}

void check_row(const PlsFrequencies& f, std::string_view variable, const std::string& value, double won, double lost) {
    INFO(variable << "=" << value);
    PlsCounts c = row(f, variable, value);
    CHECK(c.won == doctest::Approx(won));
    CHECK(c.lost == doctest::Approx(lost));
}

void check_same(const PlsFrequencies& a, const PlsFrequencies& b) {
    REQUIRE(a.teams.size() == b.teams.size());
    for (const auto& [team, table] : a.teams) {
        const PlsTable& other = b.teams.at(team);
        REQUIRE(table.rows.size() == other.rows.size());
        for (const auto& [variable, values] : table.rows) {
            REQUIRE(values.size() == other.rows.at(variable).size());
            for (const auto& [value, c] : values) {
                const std::string row_name = variable + "=" + value;  // clang 14 cannot capture structured bindings
                INFO(row_name);
                const PlsCounts* o = other.find(variable, value);
                REQUIRE(o != nullptr);
                CHECK(c.won == doctest::Approx(o->won));
                CHECK(c.lost == doctest::Approx(o->lost));
            }
        }
    }
}

}  // namespace

TEST_CASE("rebuild counts every closed lead with +0.1 on each row and the cumulative stage rule") {
    auto f = pls_rebuild(scoring_predictive_schema(), closed());
    // Won leads count on every stage; a lost lead on its stage and the ones before it.
    check_row(f, "stage_id", "1", 2.1, 2.1);  // first stage: the team totals
    check_row(f, "stage_id", "2", 2.1, 1.1);
    check_row(f, "stage_id", "3", 2.1, 0.1);
    check_row(f, "country_id", "MN", 2.1, 1.1);
    check_row(f, "country_id", "US", 0.1, 1.1);
    check_row(f, "email_state", "correct", 2.1, 2.1);
    // Open leads are not counted.
    auto with_open = closed();
    with_open.push_back(scoring_predictive_lead(1, "CN"));
    check_same(pls_rebuild(scoring_predictive_schema(), with_open), f);
    CHECK(row(f, "country_id", "CN").won == -1);
}

TEST_CASE("naive Bayes probability matches the hand computation") {
    PlsScorer scorer(scoring_predictive_schema(), pls_rebuild(scoring_predictive_schema(), closed()));
    // Qualified + MN: S_won = 0.5 * 2.1/2.1 * 2.1/2.2 = 0.477273, S_lost = 0.5 * 1.1/2.1 * 1.1/2.2 = 0.130952
    // (email_state has one value, so its factor is 1 on both sides) -> 0.784698
    CHECK(*scorer.probability(scoring_predictive_lead(1, "MN")) == doctest::Approx(78.47));
    CHECK(*scorer.raw_probability(scoring_predictive_lead(1, "MN")) == doctest::Approx(0.477273 / (0.477273 + 0.130952)).epsilon(1e-5));
    // New + US: S_won = 0.5 * 1 * 0.1/2.2, S_lost = 0.5 * 1 * 1.1/2.2 -> 1/12
    CHECK(*scorer.probability(scoring_predictive_lead(0, "US")) == doctest::Approx(8.33));
    // A value no closed lead had is no evidence: New + CN is the prior times the stage factor = 50 %.
    CHECK(*scorer.probability(scoring_predictive_lead(0, "CN")) == doctest::Approx(50.0));
    // An empty e-mail state is a value of its own ("False"); no closed lead had it, so it changes nothing.
    CHECK(*scorer.probability(scoring_predictive_lead(0, "CN", PlsOutcome::open, "")) == doctest::Approx(50.0));
}

TEST_CASE("no stage gives 0, a won stage 100, and no statistics give nothing") {
    PlsScorer scorer(scoring_predictive_schema(), pls_rebuild(scoring_predictive_schema(), closed()));
    PlsLead no_stage = scoring_predictive_lead(0, "MN");
    no_stage.stage.reset();
    CHECK(*scorer.probability(no_stage) == 0.0);
    CHECK(*scorer.probability(scoring_predictive_lead(2, "MN")) == 100.0);
    // Smoothing gives every row 0.1 lost, so one won lead is enough for a (high) probability.
    PlsScorer only_won(scoring_predictive_schema(), pls_rebuild(scoring_predictive_schema(), {scoring_predictive_lead(2, "MN", PlsOutcome::won)}));
    CHECK(*only_won.probability(scoring_predictive_lead(0, "MN")) > 90);
    PlsScorer empty(scoring_predictive_schema(), PlsFrequencies{});
    CHECK_FALSE(empty.probability(scoring_predictive_lead(0, "MN")).has_value());
}

TEST_CASE("an open lead is never exactly 0 or 100") {
    std::vector<PlsLead> leads;
    for (int i = 0; i < 400; ++i) leads.push_back(scoring_predictive_lead(0, "US", PlsOutcome::lost));
    for (int i = 0; i < 400; ++i) leads.push_back(scoring_predictive_lead(2, "MN", PlsOutcome::won));
    PlsSchema s = scoring_predictive_schema();
    s.fields = {"country_id", "c2", "c3", "c4", "c5", "c6"};
    for (auto& l : leads) {
        std::string v = l.values[0];
        l.values = {v, v, v, v, v, v};
    }
    PlsScorer scorer(s, pls_rebuild(s, leads));
    PlsLead bad = scoring_predictive_lead(0, "US");
    bad.values = {"US", "US", "US", "US", "US", "US"};
    PlsLead good = scoring_predictive_lead(1, "MN");
    good.values = {"MN", "MN", "MN", "MN", "MN", "MN"};
    CHECK(*scorer.raw_probability(bad) < 0.00005);
    CHECK(*scorer.probability(bad) == 0.01);
    CHECK(*scorer.raw_probability(good) > 0.99995);
    CHECK(*scorer.probability(good) == 99.99);
}

TEST_CASE("winning a lead adds 1 won on every stage and its values") {
    auto before = pls_rebuild(scoring_predictive_schema(), closed());
    auto after = with_deltas(before, pls_transition(scoring_predictive_schema(), scoring_predictive_lead(1, "US"), PlsOutcome::open, PlsOutcome::won));
    check_row(after, "stage_id", "1", 3.1, 2.1);
    check_row(after, "stage_id", "2", 3.1, 1.1);
    check_row(after, "stage_id", "3", 3.1, 0.1);
    check_row(after, "country_id", "US", 1.1, 1.1);
    check_row(after, "country_id", "MN", 2.1, 1.1);
    check_row(after, "email_state", "correct", 3.1, 2.1);
}

TEST_CASE("losing a lead adds 1 lost on its stage and the earlier ones only") {
    auto before = pls_rebuild(scoring_predictive_schema(), closed());
    auto after = with_deltas(before, pls_transition(scoring_predictive_schema(), scoring_predictive_lead(1, "KR"), PlsOutcome::open, PlsOutcome::lost));
    check_row(after, "stage_id", "1", 2.1, 3.1);
    check_row(after, "stage_id", "2", 2.1, 2.1);
    check_row(after, "stage_id", "3", 2.1, 0.1);
    check_row(after, "country_id", "KR", 0.1, 1.1);  // a new row: 0.1 + the delta
}

TEST_CASE("restore, leaving a won stage and lost to won undo exactly what was counted") {
    const auto s = scoring_predictive_schema();
    const auto base = pls_rebuild(s, closed());
    const PlsLead l = scoring_predictive_lead(1, "MN");
    SUBCASE("lost then restored") {
        auto lost = with_deltas(base, pls_transition(s, l, PlsOutcome::open, PlsOutcome::lost));
        check_row(lost, "stage_id", "2", 2.1, 2.1);
        auto restored = with_deltas(lost, pls_transition(s, l, PlsOutcome::lost, PlsOutcome::open));
        check_same(restored, base);
    }
    SUBCASE("won then moved back to an open stage") {
        auto won = with_deltas(base, pls_transition(s, scoring_predictive_lead(2, "MN"), PlsOutcome::open, PlsOutcome::won));
        check_row(won, "stage_id", "1", 3.1, 2.1);
        auto reopened = with_deltas(won, pls_transition(s, scoring_predictive_lead(2, "MN"), PlsOutcome::won, PlsOutcome::open));
        check_same(reopened, base);
    }
    SUBCASE("lost then won") {
        auto lost = with_deltas(base, pls_transition(s, l, PlsOutcome::open, PlsOutcome::lost));
        auto won = with_deltas(lost, pls_transition(s, l, PlsOutcome::lost, PlsOutcome::won));
        auto direct = with_deltas(base, pls_transition(s, l, PlsOutcome::open, PlsOutcome::won));
        check_same(won, direct);
    }
    SUBCASE("won then lost (archived from the won stage)") {
        auto won = with_deltas(base, pls_transition(s, scoring_predictive_lead(2, "MN"), PlsOutcome::open, PlsOutcome::won));
        auto lost = with_deltas(won, pls_transition(s, scoring_predictive_lead(2, "MN"), PlsOutcome::won, PlsOutcome::lost));
        check_row(lost, "stage_id", "3", 2.1, 1.1);  // lost in the last stage: counted on every stage
        check_row(lost, "stage_id", "1", 2.1, 3.1);
    }
    CHECK(pls_transition(s, l, PlsOutcome::won, PlsOutcome::won).empty());
}

TEST_CASE("a count that would fall to 0 or below is kept at 0.1, and deltas from nothing equal a rebuild") {
    const auto s = scoring_predictive_schema();
    auto f = pls_rebuild(s, {scoring_predictive_lead(0, "US", PlsOutcome::lost)});
    check_row(f, "country_id", "US", 0.1, 1.1);
    f = with_deltas(f, pls_transition(s, scoring_predictive_lead(0, "US"), PlsOutcome::won, PlsOutcome::open));  // no won to take
    check_row(f, "country_id", "US", 0.1, 1.1);
    f = with_deltas(f, pls_transition(s, scoring_predictive_lead(0, "US"), PlsOutcome::lost, PlsOutcome::open));
    f = with_deltas(f, pls_transition(s, scoring_predictive_lead(0, "US"), PlsOutcome::lost, PlsOutcome::open));
    check_row(f, "country_id", "US", 0.1, 0.1);

    PlsFrequencies incremental;
    for (const auto& l : closed()) apply_deltas(incremental, pls_transition(s, l, PlsOutcome::open, l.outcome));
    check_same(incremental, pls_rebuild(s, closed()));
}

TEST_CASE("tags count only once 50 closed leads carry them") {
    auto s = scoring_predictive_schema();
    auto leads_with_tag = [&](int won, int lost) {
        auto leads = closed();
        for (int i = 0; i < won + lost; ++i) {
            PlsLead l = scoring_predictive_lead(i < won ? 2 : 0, "KR", i < won ? PlsOutcome::won : PlsOutcome::lost);
            l.tags = {"7"};
            leads.push_back(l);
        }
        for (int i = 0; i < 60; ++i) {  // a second, lost-heavy tag gives the tag factor something to compare with
            PlsLead l = scoring_predictive_lead(0, "KR", PlsOutcome::lost);
            l.tags = {"8"};
            leads.push_back(l);
        }
        return leads;
    };
    PlsLead tagged = scoring_predictive_lead(1, "MN");
    tagged.tags = {"7"};
    PlsLead untagged = scoring_predictive_lead(1, "MN");
    SUBCASE("49 closed leads: the tag is ignored") {
        PlsScorer scorer(s, pls_rebuild(s, leads_with_tag(40, 9)));  // row 40.1 / 9.1 = 49.2 < 50
        CHECK(*scorer.probability(tagged) == *scorer.probability(untagged));
    }
    SUBCASE("50 closed leads: the tag counts") {
        PlsScorer scorer(s, pls_rebuild(s, leads_with_tag(40, 10)));
        CHECK(*scorer.probability(tagged) > *scorer.probability(untagged));
    }
    auto f = pls_rebuild(s, leads_with_tag(1, 0));
    check_row(f, "tag_id", "7", 1.1, 0.1);
}

TEST_CASE("a team with rows uses its own statistics; others use every team pooled") {
    auto s = scoring_predictive_schema();
    std::vector<PlsLead> leads = closed();  // no team
    for (int i = 0; i < 3; ++i) {
        PlsLead l = scoring_predictive_lead(0, "MN", PlsOutcome::lost);
        l.team = 5;
        leads.push_back(l);
    }
    PlsLead w = scoring_predictive_lead(2, "MN", PlsOutcome::won);
    w.team = 5;
    leads.push_back(w);
    PlsScorer scorer(s, pls_rebuild(s, leads));
    PlsLead in_team = scoring_predictive_lead(0, "CN");
    in_team.team = 5;
    PlsLead other_team = scoring_predictive_lead(0, "CN");
    other_team.team = 9;
    // team 5: 1.1 won / 3.1 lost on its first stage -> 1.1 / 4.2
    CHECK(*scorer.probability(in_team) == doctest::Approx(26.19));
    // pooled: 3.2 won / 5.2 lost
    CHECK(*scorer.probability(other_team) == doctest::Approx(38.10));
    CHECK(*scorer.probability(scoring_predictive_lead(0, "CN")) == doctest::Approx(38.10));
}

TEST_CASE("rebuild equals the won and lost transitions of the same leads one by one, over teams, tags and stages") {
    PlsSchema s = scoring_predictive_schema();
    s.stages = {{"1", 10, false}, {"2", 20, false}, {"5", 20, false}, {"3", 30, false}, {"4", 40, true}};
    std::uint64_t state = 7;
    auto next = [&](std::uint64_t mod) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % mod;
    };
    const char* emails[] = {"correct", "incorrect", ""};
    std::vector<PlsLead> leads;
    for (int i = 0; i < 300; ++i) {
        PlsLead l = scoring_predictive_lead(next(5), next(4) == 0 ? "" : std::to_string(next(6)), PlsOutcome::lost, emails[next(3)]);
        l.team = static_cast<std::int64_t>(next(3));
        if (next(10) == 0) l.stage.reset();
        for (auto t = next(3); t > 0; --t) l.tags.push_back(std::to_string(next(4)));
        const auto o = next(3);
        l.outcome = o == 0 ? PlsOutcome::won : o == 1 ? PlsOutcome::lost : PlsOutcome::open;
        leads.push_back(l);
    }
    PlsFrequencies incremental;
    for (const auto& l : leads) apply_deltas(incremental, pls_transition(s, l, PlsOutcome::open, l.outcome));
    auto rebuilt = pls_rebuild(s, leads);
    check_same(rebuilt, incremental);
    // Stages 2 and 5 share a sequence: a lead lost at either counts on both.
    auto two = pls_rebuild(s, {scoring_predictive_lead(1, "MN", PlsOutcome::lost)});
    check_row(two, "stage_id", "5", 0.1, 1.1);
    check_row(two, "stage_id", "3", -1, -1);
}
