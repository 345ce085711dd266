// Our own predictive model (issue 7, "beyond Odoo"): L2-regularised logistic regression on one-hot categories
// (quintile bins for numbers, "NA" as a value), the standardised number next to its bins, and optionally the
// crossed categories of the strongest field pairs. Trained by Newton's method with a fixed iteration budget
// (deterministic: same rows, same model). Each score is explained per field in probability points that add up
// to the score exactly.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/scoring_dataset.hpp"

namespace tumen::scoring {

// --- the solver ------------------------------------------------------------------------------------------

struct SparseRow {
    std::vector<std::pair<std::uint32_t, double>> terms;  // (feature index, value); absent features are 0
};

struct LogisticOptions {
    double l2 = 1.0;              // penalty l2/2 |w|^2 on the summed log-loss (scikit-learn's C = 1 / l2)
    int max_iterations = 50;      // Newton steps
    double tolerance = 1e-9;      // stop once no weight moves more than this
    bool numeric_terms = true;    // the standardised number next to its bins
    std::size_t crossed_fields = 0;  // cross the categories of every pair of the N strongest fields (0 = none)
};

struct LogisticFit {
    std::vector<double> weights;  // one per feature
    double intercept = 0;         // not penalised
    int iterations = 0;
    bool converged = false;
};

double sigmoid(double z);
// The penalised negative log-likelihood; when `gradient` is given it receives dims + 1 partial derivatives
// (the last one for the intercept).
double logistic_objective(const std::vector<SparseRow>& rows, const std::vector<bool>& won,
                          const std::vector<double>& weights, double intercept, double l2,
                          std::vector<double>* gradient = nullptr);
LogisticFit fit_logistic(const std::vector<SparseRow>& rows, const std::vector<bool>& won, std::size_t dims,
                         const LogisticOptions& options);
// The same fit with identical rows given once: row i stands for won[i] won and lost[i] lost cases (the server's
// closed leads repeat a few thousand patterns, so this is what makes training a million of them cheap).
LogisticFit fit_logistic_counts(const std::vector<SparseRow>& rows, const std::vector<double>& won,
                                const std::vector<double>& lost, std::size_t dims, const LogisticOptions& options);

// --- the model on a data set -----------------------------------------------------------------------------

struct ScoreFactor {
    std::string field;
    std::string value;   // the lead's category ("NA", "> 250", "yes")
    double points = 0;   // percentage points this field moves the score from the baseline
};

struct ScoreExplanation {
    double score = 0;      // percent, 0..100
    double baseline = 0;   // percent: the score of a lead with the training rows' average contributions
    std::vector<ScoreFactor> factors;  // largest |points| first; baseline + sum of points == score
};

class LogisticModel {
public:
    static Result<LogisticModel> train(const Dataset& data, const std::vector<std::size_t>& rows,
                                       const Encoding& encoding, const LogisticOptions& options = {});

    double probability(const std::vector<std::string>& values) const;  // 0..1, values as in the data set
    ScoreExplanation explain(const std::vector<std::string>& values) const;
    std::size_t feature_count() const { return terms_.size(); }
    const LogisticFit& fit() const { return fit_; }

private:
    static constexpr std::size_t no_field = static_cast<std::size_t>(-1);
    struct Term {
        std::size_t field = 0;
        std::size_t other = no_field;  // second field of a crossed term
        bool numeric = false;
    };
    struct Cross {
        std::size_t a = 0, b = 0;
        std::unordered_map<std::string, std::uint32_t> index;  // "category_a\x1f category_b" -> term
    };
    SparseRow encode(const std::vector<std::string>& values) const;
    void build_terms(const Dataset& data, const std::vector<std::size_t>& rows, const std::vector<std::pair<std::size_t, std::size_t>>& pairs, bool numeric_terms);
    std::vector<double> field_logits(const SparseRow& row) const;  // per field; crossed terms split half/half

    std::vector<std::string> fields_;
    Encoding encoding_;
    std::vector<Term> terms_;
    std::vector<std::unordered_map<std::string, std::uint32_t>> category_index_;  // per field
    std::vector<std::int64_t> numeric_index_;                                     // per field, -1 = none
    std::vector<Cross> crosses_;
    LogisticFit fit_;
    std::vector<double> mean_field_logit_;  // over the training rows
};

}  // namespace tumen::scoring
