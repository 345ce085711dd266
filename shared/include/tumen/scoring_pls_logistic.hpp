// The second predictive model on stored leads (issue 7, "beyond Odoo"): L2-regularised logistic regression on
// the naive Bayes' own variables (team, stage, the chosen fields, tags over the 50-closed-leads threshold), and
// both models' quality on a holdout of the closed leads. Pure functions; the server's rebuild job feeds it the
// closed leads and stores the weights (store/predictive.*).
//
// The stage follows Odoo's cumulative rule as the naive Bayes does: a closed lead teaches the model once per
// stage of its team's pipeline it reached (all of them when won, those up to its own when lost), so an open lead
// in stage S is scored like the leads that got as far as S.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tumen/scoring_logistic.hpp"
#include "tumen/scoring_predictive.hpp"

namespace tumen::scoring {

inline constexpr std::string_view pls_team_variable = "team_id";

// Closed leads with the same variables, counted once (a million closed leads repeat a few thousand patterns).
struct PlsCase {
    PlsLead lead;      // outcome ignored; stage = where it was closed (a won stage when won)
    double won = 0;    // how many of them were won
    double lost = 0;   // and lost
};
class PlsCases {
public:
    void add(const PlsLead& closed);  // outcome won or lost; open leads are ignored
    const std::vector<PlsCase>& cases() const { return cases_; }
    double closed() const { return closed_; }

private:
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<PlsCase> cases_;  // in order of first appearance: the fit never depends on hashing
    double closed_ = 0;
};

// Indices of the not-won stages of the lead's team pipeline (shared stages + its team's) that a lead closed as
// `outcome` reached: all of them when won, those with sequence <= its own when lost.
std::vector<std::size_t> pls_reached_stages(const PlsSchema& schema, const PlsLead& lead, PlsOutcome outcome);

class PlsLogistic {
public:
    // Trains on the cases; nullopt when they hold no won or no lost lead.
    static std::optional<PlsLogistic> train(const PlsSchema& schema, const std::vector<const std::vector<PlsCase>*>& parts,
                                            const LogisticOptions& options = server_options());
    static LogisticOptions server_options();  // l2 = 1, Newton to 1e-7: a few iterations on the patterns

    // Like PlsScorer::probability: 0 without a stage, 100 in a won stage, otherwise round(100 p, 2) clamped to
    // [0.01, 99.99]: an open lead is never exactly 0 or 100.
    std::optional<double> probability(const PlsSchema& schema, const PlsLead& lead) const;
    std::optional<double> raw_probability(const PlsSchema& schema, const PlsLead& lead) const;
    // base = the team's starting point (intercept + team weight), then each factor's weight added in turn and
    // worth the change of probability it makes: base + Σ points = the probability, Σ log_odds = its logit - the
    // base's. Values no training lead had carry no weight and are left out.
    std::optional<PlsExplanation> explain(const PlsSchema& schema, const PlsLead& lead) const;

    double weight(std::string_view variable, const std::string& value) const;  // 0 when absent
    std::size_t weight_count() const;
    double intercept() const { return intercept_; }
    int iterations() const { return iterations_; }

    friend void to_json(nlohmann::json& j, const PlsLogistic& m);
    static std::optional<PlsLogistic> from_json(const nlohmann::json& j);

private:
    template <class Fn> void for_each_factor(const PlsSchema& schema, const PlsLead& lead, Fn&& fn) const;
    double base_logit(const PlsLead& lead) const;
    double intercept_ = 0;
    int iterations_ = 0;
    // variable -> value -> weight; tags only over the threshold, so a tag without a weight is no evidence
    std::map<std::string, std::unordered_map<std::string, double>, std::less<>> weights_;
};

// One model's quality on the holdout: every closed holdout lead scored at each stage it reached (as it would have
// been scored while open there) against its outcome.
struct PlsQuality {
    std::string model;        // "nb" or "lr"
    std::int64_t team = 0;    // 0 = all teams together
    double cases = 0, won = 0;
    std::optional<double> auc, brier;  // nullopt when the holdout is too small (below) or the model had no data
};
// Fewer won or fewer lost holdout leads than this (overall, or in a team) and the figures are left out.
inline constexpr double pls_min_holdout_leads = 5;
// Trains both models on `train` (naive Bayes: the frequency rows of those leads; logistic: PlsLogistic) and
// measures them on `test`, overall and per team.
std::vector<PlsQuality> pls_evaluate(const PlsSchema& schema, const std::vector<PlsCase>& train,
                                     const std::vector<PlsCase>& test);

}  // namespace tumen::scoring
