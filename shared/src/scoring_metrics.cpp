// ROC AUC by the rank-sum (Mann-Whitney) formula with average ranks for ties; Brier score.
#include "tumen/scoring_metrics.hpp"

#include <algorithm>
#include <numeric>

namespace tumen::scoring {

std::optional<double> roc_auc(const std::vector<double>& scores, const std::vector<bool>& positive) {
    if (scores.size() != positive.size()) return std::nullopt;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double rank_sum = 0;  // of the positives, 1-based ranks
    double n_pos = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
        double avg_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
        for (std::size_t k = i; k < j; ++k)
            if (positive[order[k]]) rank_sum += avg_rank, n_pos += 1;
        i = j;
    }
    double n_neg = static_cast<double>(scores.size()) - n_pos;
    if (n_pos == 0 || n_neg == 0) return std::nullopt;
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg);
}

std::optional<double> brier_score(const std::vector<double>& probabilities, const std::vector<bool>& positive) {
    if (probabilities.size() != positive.size() || probabilities.empty()) return std::nullopt;
    double sum = 0;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        double d = probabilities[i] - (positive[i] ? 1.0 : 0.0);
        sum += d * d;
    }
    return sum / static_cast<double>(probabilities.size());
}

std::optional<double> roc_auc_counts(const std::vector<double>& scores, const std::vector<double>& won,
                                     const std::vector<double>& lost) {
    if (scores.size() != won.size() || scores.size() != lost.size()) return std::nullopt;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Each won case beats the lost cases scored below it and ties half of those at its score.
    double pairs = 0, lost_below = 0, n_won = 0, n_lost = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        double w = 0, l = 0;
        for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j) w += won[order[j]], l += lost[order[j]];
        pairs += w * (lost_below + l / 2);
        lost_below += l;
        n_won += w, n_lost += l;
        i = j;
    }
    if (n_won <= 0 || n_lost <= 0) return std::nullopt;
    return pairs / (n_won * n_lost);
}

std::optional<double> brier_score_counts(const std::vector<double>& probabilities, const std::vector<double>& won,
                                         const std::vector<double>& lost) {
    if (probabilities.size() != won.size() || probabilities.size() != lost.size()) return std::nullopt;
    double sum = 0, n = 0;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        const double p = probabilities[i];
        sum += won[i] * (1 - p) * (1 - p) + lost[i] * p * p;
        n += won[i] + lost[i];
    }
    if (n <= 0) return std::nullopt;
    return sum / n;
}

}  // namespace tumen::scoring
