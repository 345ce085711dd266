// ROC AUC with ties and the Brier score on examples small enough to count by hand.
#include <doctest/doctest.h>

#include "tumen/scoring_metrics.hpp"

using namespace tumen::scoring;

TEST_CASE("ROC AUC counts the pairs a positive outranks, ties as half") {
    // 3 of the 4 (positive, negative) pairs are ordered right.
    CHECK(*roc_auc({0.1, 0.4, 0.35, 0.8}, {false, false, true, true}) == doctest::Approx(0.75));
    // pairs: 0.5>0.2, 0.5=0.5 (half), 0.9>0.2, 0.9>0.5 -> 3.5 / 4
    CHECK(*roc_auc({0.2, 0.5, 0.5, 0.9}, {false, false, true, true}) == doctest::Approx(0.875));
    CHECK(*roc_auc({0.5, 0.5, 0.5, 0.5}, {false, true, false, true}) == doctest::Approx(0.5));
    CHECK(*roc_auc({0.9, 0.1}, {false, true}) == doctest::Approx(0.0));
    CHECK(*roc_auc({3, 1, 2}, {true, false, false}) == doctest::Approx(1.0));  // scores need not be probabilities
}

TEST_CASE("ROC AUC needs both classes and matching sizes") {
    CHECK_FALSE(roc_auc({0.1, 0.2}, {true, true}).has_value());
    CHECK_FALSE(roc_auc({0.1, 0.2}, {true}).has_value());
    CHECK_FALSE(roc_auc({}, {}).has_value());
}

TEST_CASE("Brier score is the mean squared error of the probability") {
    CHECK(*brier_score({0.9, 0.2}, {true, false}) == doctest::Approx(0.025));
    CHECK(*brier_score({1.0, 0.0}, {true, false}) == doctest::Approx(0.0));
    CHECK(*brier_score({0.5}, {true}) == doctest::Approx(0.25));
    CHECK_FALSE(brier_score({}, {}).has_value());
    CHECK_FALSE(brier_score({0.5}, {true, false}).has_value());
}
