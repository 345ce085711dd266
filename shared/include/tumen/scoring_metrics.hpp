// Quality of a probability model on labelled cases: ROC AUC (ties count half, i.e. average ranks) and the
// Brier score (mean squared error of the probability; lower is better).
#pragma once
#include <optional>
#include <vector>

namespace tumen::scoring {

// nullopt when the sizes differ or one class is absent.
std::optional<double> roc_auc(const std::vector<double>& scores, const std::vector<bool>& positive);
// Probabilities in [0, 1]; nullopt when the sizes differ or there are no cases.
std::optional<double> brier_score(const std::vector<double>& probabilities, const std::vector<bool>& positive);

// The same with counted cases: score i stands for won[i] positive and lost[i] negative cases.
std::optional<double> roc_auc_counts(const std::vector<double>& scores, const std::vector<double>& won,
                                     const std::vector<double>& lost);
std::optional<double> brier_score_counts(const std::vector<double>& probabilities, const std::vector<double>& won,
                                         const std::vector<double>& lost);

}  // namespace tumen::scoring
