// Our logistic model on leads' variables: counted rows fit as the rows listed one by one, the stages a closed
// lead teaches (cumulative rule, its team's pipeline only), probabilities never 0 or 100 for open leads, the
// explanation adding up, the weights' JSON round trip, counted AUC / Brier, and the holdout report.
#include <doctest/doctest.h>

#include <cmath>

#include "tumen/scoring_metrics.hpp"
#include "tumen/scoring_pls_lead.hpp"
#include "tumen/scoring_pls_logistic.hpp"

using namespace tumen::scoring;

namespace {

// New (1), Qualified (2), Team 7's own Demo (3), Won (9); fields country and email_state.
PlsSchema scoring_pls_logistic_schema() {
    PlsSchema s;
    s.stages = {{"1", 1, false, std::nullopt}, {"2", 2, false, std::nullopt}, {"3", 3, false, 7}, {"9", 9, true, std::nullopt}};
    s.fields = {"country", "email_state"};
    s.keep_empty = {"email_state"};
    return s;
}

PlsLead scoring_pls_logistic_lead(std::size_t stage, std::string country, PlsOutcome outcome, std::int64_t team = 0) {
    PlsLead l;
    l.team = team;
    l.stage = stage;
    l.values = {std::move(country), ""};
    l.outcome = outcome;
    return l;
}

}  // namespace

TEST_CASE("pls logistic: counted rows fit like the same rows listed one by one") {
    std::vector<SparseRow> rows = {{{{0, 1.0}}}, {{{1, 1.0}}}, {{{0, 1.0}, {1, 1.0}}}};
    std::vector<double> won = {3, 1, 2}, lost = {1, 2, 2};
    std::vector<SparseRow> listed;
    std::vector<bool> outcome;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (int k = 0; k < won[i]; ++k) listed.push_back(rows[i]), outcome.push_back(true);
        for (int k = 0; k < lost[i]; ++k) listed.push_back(rows[i]), outcome.push_back(false);
    }
    LogisticOptions o;
    auto a = fit_logistic_counts(rows, won, lost, 2, o);
    auto b = fit_logistic(listed, outcome, 2, o);
    CHECK(a.intercept == doctest::Approx(b.intercept));
    CHECK(a.weights[0] == doctest::Approx(b.weights[0]));
    CHECK(a.weights[1] == doctest::Approx(b.weights[1]));

    std::vector<double> scores = {0.2, 0.6, 0.6};
    std::vector<double> s_listed;
    std::vector<bool> pos;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        for (int k = 0; k < won[i]; ++k) s_listed.push_back(scores[i]), pos.push_back(true);
        for (int k = 0; k < lost[i]; ++k) s_listed.push_back(scores[i]), pos.push_back(false);
    }
    CHECK(*roc_auc_counts(scores, won, lost) == doctest::Approx(*roc_auc(s_listed, pos)));
    CHECK(*brier_score_counts(scores, won, lost) == doctest::Approx(*brier_score(s_listed, pos)));
    CHECK_FALSE(roc_auc_counts({0.5}, {1}, {0}).has_value());
}

TEST_CASE("pls logistic: a closed lead teaches the stages of its pipeline it reached; won ones all but the won stage") {
    const auto s = scoring_pls_logistic_schema();
    CHECK(pls_reached_stages(s, scoring_pls_logistic_lead(3, "MN", PlsOutcome::won), PlsOutcome::won) == std::vector<std::size_t>{0, 1});
    CHECK(pls_reached_stages(s, scoring_pls_logistic_lead(3, "MN", PlsOutcome::won, 7), PlsOutcome::won) == std::vector<std::size_t>{0, 1, 2});
    CHECK(pls_reached_stages(s, scoring_pls_logistic_lead(1, "MN", PlsOutcome::lost, 7), PlsOutcome::lost) == std::vector<std::size_t>{0, 1});
    CHECK(pls_reached_stages(s, scoring_pls_logistic_lead(1, "MN", PlsOutcome::open), PlsOutcome::open).empty());
}

TEST_CASE("pls logistic: trained on patterns, scores open leads strictly between 0 and 100, explains them exactly") {
    const auto s = scoring_pls_logistic_schema();
    PlsCases cases;
    for (int i = 0; i < 30; ++i) cases.add(scoring_pls_logistic_lead(3, "MN", PlsOutcome::won));
    for (int i = 0; i < 5; ++i) cases.add(scoring_pls_logistic_lead(0, "MN", PlsOutcome::lost));
    for (int i = 0; i < 30; ++i) cases.add(scoring_pls_logistic_lead(0, "US", PlsOutcome::lost));
    for (int i = 0; i < 4; ++i) cases.add(scoring_pls_logistic_lead(3, "US", PlsOutcome::won));
    cases.add(scoring_pls_logistic_lead(1, "US", PlsOutcome::open));  // ignored
    CHECK(cases.cases().size() == 4);
    CHECK(cases.closed() == 69);
    auto m = PlsLogistic::train(s, {&cases.cases()});
    REQUIRE(m.has_value());
    CHECK(m->weight("country", "MN") > m->weight("country", "US"));
    CHECK(m->weight("stage_id", "2") > m->weight("stage_id", "1"));  // only won leads got as far as Qualified

    const auto mn = *m->probability(s, scoring_pls_logistic_lead(1, "MN", PlsOutcome::open));
    const auto us = *m->probability(s, scoring_pls_logistic_lead(0, "US", PlsOutcome::open));
    CHECK(mn > us);
    CHECK(mn < 100.0);
    CHECK(us > 0.0);
    CHECK(*m->probability(s, scoring_pls_logistic_lead(3, "MN", PlsOutcome::open)) == 100.0);  // a won stage is the lifecycle's 100
    CHECK_FALSE(m->raw_probability(s, scoring_pls_logistic_lead(3, "MN", PlsOutcome::open)).has_value());

    const auto why = *m->explain(s, scoring_pls_logistic_lead(1, "MN", PlsOutcome::open));
    double points = why.base, log_odds = std::log(why.base / (100 - why.base));
    for (const auto& f : why.factors) points += f.points, log_odds += f.log_odds;
    CHECK(points == doctest::Approx(why.probability));
    CHECK(100 / (1 + std::exp(-log_odds)) == doctest::Approx(why.probability));
    CHECK(std::abs(why.probability - mn) < 0.006);
    REQUIRE(why.factors.size() == 3);  // stage, country, the empty e-mail state
    CHECK(why.factors[0].variable == "stage_id");
    CHECK(why.factors[2].value == "False");
    CHECK_FALSE(why.base_is_team_rate);  // the intercept's start, not a won rate
    CHECK(nlohmann::json(why)["base_kind"] == "model_start");

    // The weights survive their JSON; broken JSON is refused.
    auto back = PlsLogistic::from_json(nlohmann::json(*m));
    REQUIRE(back.has_value());
    CHECK(*back->probability(s, scoring_pls_logistic_lead(1, "MN", PlsOutcome::open)) == mn);
    CHECK_FALSE(PlsLogistic::from_json(nlohmann::json{{"weights", 1}}).has_value());

    // One outcome only: nothing to learn.
    PlsCases won_only;
    won_only.add(scoring_pls_logistic_lead(3, "MN", PlsOutcome::won));
    CHECK_FALSE(PlsLogistic::train(s, {&won_only.cases()}).has_value());
}

TEST_CASE("pls logistic: the holdout report has both models, overall and per team") {
    const auto s = scoring_pls_logistic_schema();
    PlsCases train, test;
    for (int i = 0; i < 40; ++i) {
        const std::int64_t team = i % 2 ? 7 : 0;
        train.add(scoring_pls_logistic_lead(3, i % 5 ? "MN" : "US", PlsOutcome::won, team));
        train.add(scoring_pls_logistic_lead(i % 3 ? 0 : 1, i % 4 ? "US" : "MN", PlsOutcome::lost, team));
        if (i % 4 == 0) {
            test.add(scoring_pls_logistic_lead(3, "MN", PlsOutcome::won, team));
            test.add(scoring_pls_logistic_lead(0, "US", PlsOutcome::lost, team));
        }
    }
    const auto q = pls_evaluate(s, train.cases(), test.cases());
    int overall = 0;
    for (const auto& r : q) {
        INFO(r.model << " team " << r.team);
        CHECK((r.team == 0 || r.team == 7));
        REQUIRE(r.auc.has_value());
        CHECK(*r.auc > 0.5);
        REQUIRE(r.brier.has_value());
        if (r.team == 0) {
            ++overall;
            CHECK(r.cases == 10 * 2 + 10);  // 10 won x New and Qualified (Demo is team 7's), 10 lost at New
        }
    }
    CHECK(overall == 2);

    // Four won and four lost holdout leads: too few to measure, both models' figures left out.
    PlsCases few;
    for (int i = 0; i < 4; ++i) few.add(scoring_pls_logistic_lead(3, "MN", PlsOutcome::won)), few.add(scoring_pls_logistic_lead(0, "US", PlsOutcome::lost));
    for (const auto& r : pls_evaluate(s, train.cases(), few.cases())) {
        INFO(r.model);
        CHECK(r.cases == 4 * 2 + 4);
        CHECK_FALSE(r.auc.has_value());
        CHECK_FALSE(r.brier.has_value());
    }
}
