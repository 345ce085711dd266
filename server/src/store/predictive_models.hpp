// The logistic regression's stored weights and both models' holdout quality (migration predictive_models): what
// the rebuild job writes next to the frequency rows, and what lead writes and the settings screen read.
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/scoring_pls_logistic.hpp"

namespace tumen::store {

// The stored weights (nullptr before the first training, or when the closed leads held one outcome only),
// parsed once per training and shared.
std::shared_ptr<const scoring::PlsLogistic> load_pls_logistic(Connection& c);
// nullopt deletes the stored model (lead writes fall back to the naive Bayes).
void save_pls_logistic(Connection& c, const std::optional<scoring::PlsLogistic>& model, double closed, int64_t now);
std::optional<int64_t> pls_logistic_trained_at(Connection& c);

void save_pls_quality(Connection& c, const std::vector<scoring::PlsQuality>& quality, int64_t now);
// [{model, team_id, cases, won, auc, brier, evaluated_at}], overall (team_id 0) first, then by team.
nlohmann::json load_pls_quality(Connection& c);

}  // namespace tumen::store
