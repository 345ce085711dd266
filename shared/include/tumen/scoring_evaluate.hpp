// Both predictive models measured on a data set of past outcomes with the project's protocol (rows with
// index % 10 < 7 train, the rest test): what `tumen-server eval-scoring` prints and the reports compare.
#pragma once
#include <cstddef>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/scoring_dataset.hpp"
#include "tumen/scoring_logistic.hpp"
#include "tumen/scoring_predictive.hpp"

namespace tumen::scoring {

enum class ModelKind { naive_bayes, logistic };

// Our model's settings for data sets (and the default the server trains with).
LogisticOptions default_logistic_options();

struct Evaluation {
    std::size_t train_rows = 0, train_won = 0;
    std::size_t test_rows = 0, test_won = 0;
    std::size_t features = 0;  // frequency rows (naive Bayes) or weights (logistic)
    double auc = 0;
    double brier = 0;
    std::vector<double> test_probabilities;  // 0..1, in test row order
};

// Each row as an Odoo lead: closed in the only stage, every field a frequency variable with "NA" as a value.
PlsSchema dataset_pls_schema(const Dataset& data);
PlsLead dataset_pls_lead(const Example& categorised_row);

Result<Evaluation> evaluate(const Dataset& data, ModelKind model,
                            const LogisticOptions& options = default_logistic_options());

}  // namespace tumen::scoring
