// The lead's probability and what makes it up (GET /leads/{id}/probability): the automatic value, whether a user
// set it by hand, and the predictive model's explanation — the team's base rate plus one factor per scoring
// variable in percentage points ("+12 pts stage: Proposition; −7 pts phone: missing"). The lead form keeps one.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"

namespace tumen::client {

struct LeadReferences;

struct ProbabilityFactor {
    std::string variable;  // "stage_id", "country", "email_state", "tag_id", ...
    std::string value;     // as the model keys it: an id for stage/tag/UTM, "correct"/"incorrect"/"" for e-mail, phone
    double points = 0;     // percentage points it adds (may be negative)
};

struct ProbabilityInfo {
    bool loaded = false;
    double probability = 0;  // what the lead shows
    double automated = 0;    // what the model says
    bool manual = false;     // a user set the probability by hand
    std::optional<double> base;  // the team's won rate, %; nullopt: the model has no statistics yet
    bool base_is_model_start = false;  // the logistic model's starting point rather than a team's won rate
    std::vector<ProbabilityFactor> factors;
    Message error;  // the explanation could not be loaded
};

// The reply of /leads/{id}/probability; nullopt when it is not that shape.
std::optional<ProbabilityInfo> probability_info_of(const nlohmann::json& j);

// "+12", "−7" (U+2212), "+0.5": percentage points, at most one decimal.
std::string signed_points(double points);

// The factor's variable and value in words ("Stage", "Proposition"), names from `refs`.
std::string factor_variable(i18n::Lang lang, const ProbabilityFactor& f);
std::string factor_value(i18n::Lang lang, const LeadReferences& refs, const ProbabilityFactor& f);
// The explanation's first line: "Team's base rate: 25%" (naive Bayes) or "Model's starting point: 25%" (logistic).
std::string base_text(i18n::Lang lang, const ProbabilityInfo& p);
// One line of the explanation: "+12 pts Stage: Proposition".
std::string factor_text(i18n::Lang lang, const LeadReferences& refs, const ProbabilityFactor& f);

}  // namespace tumen::client
