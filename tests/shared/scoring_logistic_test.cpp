// Our logistic model: the gradient against finite differences, a separable case, determinism, and explanations
// that add up to the score.
#include <doctest/doctest.h>

#include <cmath>

#include "tumen/scoring_evaluate.hpp"
#include "tumen/scoring_logistic.hpp"
#include "tumen/scoring_metrics.hpp"

using namespace tumen::scoring;

namespace {

// A small deterministic pseudo-random generator (no <random>: the same numbers on every platform).
struct Lcg {
    std::uint64_t state = 12345;
    double next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    }
};

// Leads with a country, a source, a numeric revenue (many distinct values, sometimes missing) and an outcome
// that depends on all three plus noise.
Dataset synthetic(std::size_t n) {
    Lcg rng;
    Dataset d;
    d.fields = {"country", "source", "revenue"};
    const char* countries[] = {"MN", "CN", "RU", "KR"};
    const char* sources[] = {"web", "mail", "phone"};
    for (std::size_t i = 0; i < n; ++i) {
        int c = static_cast<int>(rng.next() * 4), s = static_cast<int>(rng.next() * 3);
        double revenue = std::floor(rng.next() * 1000);
        bool missing = rng.next() < 0.1;
        double z = -1 + (c == 0 ? 1.5 : 0) - (s == 2 ? 1.0 : 0) + (missing ? 0 : revenue / 500) + (c == 0 && s == 0 ? 1 : 0);
        Example ex;
        ex.values = {countries[c], sources[s], missing ? "NA" : std::to_string(static_cast<int>(revenue))};
        ex.won = rng.next() < 1 / (1 + std::exp(-z));
        d.rows.push_back(std::move(ex));
    }
    return d;
}

}  // namespace

TEST_CASE("the objective's gradient matches finite differences") {
    Lcg rng;
    std::vector<SparseRow> rows;
    std::vector<bool> won;
    for (int i = 0; i < 30; ++i) {
        SparseRow r;
        r.terms = {{static_cast<std::uint32_t>(i % 3), 1.0}, {3, rng.next() * 2 - 1}, {4, rng.next()}};
        rows.push_back(r);
        won.push_back(rng.next() < 0.4);
    }
    std::vector<double> w = {0.3, -0.2, 0.1, 0.7, -1.1};
    const double b = 0.25, l2 = 0.5, h = 1e-6;
    std::vector<double> grad;
    logistic_objective(rows, won, w, b, l2, &grad);
    REQUIRE(grad.size() == 6);
    for (std::size_t j = 0; j < w.size(); ++j) {
        auto up = w, down = w;
        up[j] += h;
        down[j] -= h;
        double numeric = (logistic_objective(rows, won, up, b, l2) - logistic_objective(rows, won, down, b, l2)) / (2 * h);
        CHECK(grad[j] == doctest::Approx(numeric).epsilon(1e-5));
    }
    double numeric_b = (logistic_objective(rows, won, w, b + h, l2) - logistic_objective(rows, won, w, b - h, l2)) / (2 * h);
    CHECK(grad[5] == doctest::Approx(numeric_b).epsilon(1e-5));
}

TEST_CASE("Newton's method reaches the optimum: zero gradient, and a separable case is ranked perfectly") {
    std::vector<SparseRow> rows;
    std::vector<bool> won;
    for (int i = 0; i < 40; ++i) {
        double x = (i % 2 ? 1.0 : -1.0) * (1 + i / 40.0);
        rows.push_back(SparseRow{{{0, x}}});
        won.push_back(x > 0);
    }
    LogisticOptions o;
    o.l2 = 0.01;
    auto fit = fit_logistic(rows, won, 1, o);
    CHECK(fit.converged);
    CHECK(fit.weights[0] > 3);
    std::vector<double> grad;
    logistic_objective(rows, won, fit.weights, fit.intercept, o.l2, &grad);
    for (double g : grad) CHECK(std::abs(g) < 1e-6);
    std::vector<double> p;
    for (const auto& r : rows) p.push_back(sigmoid(fit.intercept + fit.weights[0] * r.terms[0].second));
    CHECK(*roc_auc(p, won) == 1.0);
    CHECK(*brier_score(p, won) < 0.01);
}

TEST_CASE("the model learns the synthetic rule, deterministically") {
    Dataset d = synthetic(3000);
    auto lr = evaluate(d, ModelKind::logistic);
    REQUIRE(lr);
    CHECK(lr->test_rows == 900);
    CHECK(lr->auc > 0.74);     // noisy labels: a perfect ranking is out of reach for any model
    CHECK(lr->brier < 0.21);   // always saying the base rate (about 50 %) scores 0.25
    auto again = evaluate(d, ModelKind::logistic);
    CHECK(again->test_probabilities == lr->test_probabilities);
}

TEST_CASE("explanations: the baseline plus every field's points is the score") {
    Dataset d = synthetic(2000);
    Split s = split_by_index(d.rows.size());
    LogisticOptions o;
    o.crossed_fields = 2;  // crossed terms are split between their two fields
    auto m = LogisticModel::train(d, s.train, fit_encoding(d, s.train), o);
    REQUIRE(m);
    for (std::size_t r : {7u, 8u, 9u, 17u, 18u, 19u, 27u}) {
        auto e = m->explain(d.rows[r].values);
        double sum = e.baseline;
        for (const auto& f : e.factors) sum += f.points;
        CHECK(sum == doctest::Approx(e.score).epsilon(1e-9));
        CHECK(e.score == doctest::Approx(100 * m->probability(d.rows[r].values)));
        REQUIRE(e.factors.size() == 3);
        for (std::size_t i = 1; i < e.factors.size(); ++i)
            CHECK(std::abs(e.factors[i - 1].points) >= std::abs(e.factors[i].points));
    }
    // A lead from MN with high revenue: country and revenue push it up, a phone source down.
    auto e = m->explain({"MN", "phone", "990"});
    for (const auto& f : e.factors) {
        if (f.field == "country") CHECK(f.points > 0);
        if (f.field == "revenue") CHECK(f.value == "> " + f.value.substr(2));
        if (f.field == "source") CHECK(f.points < 0);
    }
    // Unknown values carry no weight; the score stays a probability.
    auto unknown = m->explain({"ZZ", "fax", "NA"});
    CHECK(unknown.score > 0);
    CHECK(unknown.score < 100);
}

TEST_CASE("training refuses one-class rows") {
    Dataset d = synthetic(50);
    for (auto& r : d.rows) r.won = true;
    auto s = split_by_index(d.rows.size());
    CHECK_FALSE(LogisticModel::train(d, s.train, fit_encoding(d, s.train)).ok());
    CHECK_FALSE(evaluate(d, ModelKind::naive_bayes).ok());
}
