// The logistic model on stored leads' variables, its explanation, and both models measured on a holdout.
#include "tumen/scoring_pls_logistic.hpp"

#include <algorithm>
#include <cmath>

#include "tumen/scoring_metrics.hpp"

namespace tumen::scoring {

namespace {

const std::string scoring_pls_logistic_empty_state = "False";  // as the naive Bayes stores an empty email/phone state
constexpr char sep = '\x1f';

bool keeps_empty(const PlsSchema& schema, const std::string& field) {
    return std::find(schema.keep_empty.begin(), schema.keep_empty.end(), field) != schema.keep_empty.end();
}

bool in_pipeline(const PlsStage& stage, std::int64_t team) { return !stage.team || *stage.team == team; }

// Calls fn(variable, value) for the lead's variables besides team and stage, in the naive Bayes' order.
template <class Fn>
void for_each_value(const PlsSchema& schema, const PlsLead& lead, Fn&& fn) {
    for (std::size_t f = 0; f < schema.fields.size() && f < lead.values.size(); ++f) {
        if (!lead.values[f].empty()) fn(std::string_view(schema.fields[f]), lead.values[f]);
        else if (keeps_empty(schema, schema.fields[f])) fn(std::string_view(schema.fields[f]), scoring_pls_logistic_empty_state);
    }
    for (const auto& tag : lead.tags) fn(pls_tag_variable, tag);
}

double percent(double p) { return std::clamp(std::round(p * 10000.0) / 100.0, 0.01, 99.99); }

}  // namespace

void PlsCases::add(const PlsLead& closed) {
    if (closed.outcome == PlsOutcome::open) return;
    std::string key = std::to_string(closed.team) + sep + (closed.stage ? std::to_string(*closed.stage) : "-");
    for (const auto& v : closed.values) key += sep + v;
    key += sep;
    for (const auto& t : closed.tags) key += sep + t;
    auto [it, added] = index_.try_emplace(std::move(key), cases_.size());
    if (added) {
        PlsCase c{closed, 0, 0};
        c.lead.outcome = PlsOutcome::open;
        cases_.push_back(std::move(c));
    }
    (closed.outcome == PlsOutcome::won ? cases_[it->second].won : cases_[it->second].lost) += 1;
    closed_ += 1;
}

std::vector<std::size_t> pls_reached_stages(const PlsSchema& schema, const PlsLead& lead, PlsOutcome outcome) {
    std::vector<std::size_t> out;
    if (!lead.stage || *lead.stage >= schema.stages.size() || outcome == PlsOutcome::open) return out;
    const std::int64_t reached = schema.stages[*lead.stage].sequence;
    for (std::size_t i = 0; i < schema.stages.size(); ++i) {
        const auto& s = schema.stages[i];
        if (s.is_won || !in_pipeline(s, lead.team)) continue;
        if (outcome == PlsOutcome::won || s.sequence <= reached) out.push_back(i);
    }
    return out;
}

LogisticOptions PlsLogistic::server_options() {
    LogisticOptions o;
    o.l2 = 1.0;
    o.max_iterations = 30;
    o.tolerance = 1e-7;
    o.numeric_terms = false;  // every variable of a lead is a category
    return o;
}

std::optional<PlsLogistic> PlsLogistic::train(const PlsSchema& schema, const std::vector<const std::vector<PlsCase>*>& parts,
                                              const LogisticOptions& options) {
    // Tags count once enough closed leads carry them, as in the naive Bayes.
    std::unordered_map<std::string, double> tag_leads;
    for (const auto* part : parts)
        for (const auto& c : *part)
            for (const auto& t : c.lead.tags) tag_leads[t] += c.won + c.lost;
    std::vector<std::pair<std::string, std::string>> features;  // (variable, value) by index
    std::unordered_map<std::string, std::uint32_t> feature_index;
    auto feature = [&](std::string_view variable, const std::string& value) {
        auto [it, added] = feature_index.try_emplace(std::string(variable) + sep + value, static_cast<std::uint32_t>(features.size()));
        if (added) features.emplace_back(std::string(variable), value);
        return it->second;
    };
    // One row per (case, stage reached); identical rows merged with their counts added.
    std::vector<SparseRow> rows;
    std::vector<double> won, lost;
    std::unordered_map<std::string, std::size_t> row_index;
    std::vector<std::uint32_t> common;
    for (const auto* part : parts)
        for (const auto& c : *part) {
            common.clear();
            if (c.lead.team != 0) common.push_back(feature(pls_team_variable, std::to_string(c.lead.team)));
            for_each_value(schema, c.lead, [&](std::string_view variable, const std::string& value) {
                if (variable == pls_tag_variable && tag_leads[value] < pls_tag_min_closed) return;
                common.push_back(feature(variable, value));
            });
            for (auto [outcome, count] : {std::pair{PlsOutcome::won, c.won}, std::pair{PlsOutcome::lost, c.lost}}) {
                if (count <= 0) continue;
                for (std::size_t stage : pls_reached_stages(schema, c.lead, outcome)) {
                    auto terms = common;
                    terms.push_back(feature(pls_stage_variable, schema.stages[stage].key));
                    std::sort(terms.begin(), terms.end());
                    std::string key(reinterpret_cast<const char*>(terms.data()), terms.size() * sizeof(std::uint32_t));
                    auto [it, added] = row_index.try_emplace(std::move(key), rows.size());
                    if (added) {
                        SparseRow r;
                        for (auto t : terms) r.terms.emplace_back(t, 1.0);
                        rows.push_back(std::move(r));
                        won.push_back(0), lost.push_back(0);
                    }
                    (outcome == PlsOutcome::won ? won : lost)[it->second] += count;
                }
            }
        }
    double w = 0, l = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) w += won[i], l += lost[i];
    if (w <= 0 || l <= 0) return std::nullopt;
    const LogisticFit fit = fit_logistic_counts(rows, won, lost, features.size(), options);
    PlsLogistic m;
    m.intercept_ = fit.intercept;
    m.iterations_ = fit.iterations;
    for (std::size_t j = 0; j < features.size(); ++j) m.weights_[features[j].first][features[j].second] = fit.weights[j];
    return m;
}

double PlsLogistic::weight(std::string_view variable, const std::string& value) const {
    auto v = weights_.find(variable);
    if (v == weights_.end()) return 0;
    auto it = v->second.find(value);
    return it == v->second.end() ? 0 : it->second;
}

std::size_t PlsLogistic::weight_count() const {
    std::size_t n = 0;
    for (const auto& [_, values] : weights_) n += values.size();
    return n;
}

double PlsLogistic::base_logit(const PlsLead& lead) const {
    return intercept_ + (lead.team != 0 ? weight(pls_team_variable, std::to_string(lead.team)) : 0.0);
}

// Calls fn(variable, value, weight) for the stage, then each value with a weight.
template <class Fn>
void PlsLogistic::for_each_factor(const PlsSchema& schema, const PlsLead& lead, Fn&& fn) const {
    auto factor = [&](std::string_view variable, const std::string& value) {
        auto v = weights_.find(variable);
        if (v == weights_.end()) return;
        if (auto it = v->second.find(value); it != v->second.end()) fn(variable, value, it->second);
    };
    factor(pls_stage_variable, schema.stages[*lead.stage].key);
    for_each_value(schema, lead, factor);
}

std::optional<double> PlsLogistic::raw_probability(const PlsSchema& schema, const PlsLead& lead) const {
    if (weights_.empty() || !lead.stage || *lead.stage >= schema.stages.size() || schema.stages[*lead.stage].is_won)
        return std::nullopt;
    double z = base_logit(lead);
    for_each_factor(schema, lead, [&](std::string_view, const std::string&, double w) { z += w; });
    return sigmoid(z);
}

std::optional<double> PlsLogistic::probability(const PlsSchema& schema, const PlsLead& lead) const {
    if (!lead.stage || *lead.stage >= schema.stages.size()) return 0.0;
    if (schema.stages[*lead.stage].is_won) return 100.0;
    auto p = raw_probability(schema, lead);
    if (!p) return std::nullopt;
    return percent(*p);
}

std::optional<PlsExplanation> PlsLogistic::explain(const PlsSchema& schema, const PlsLead& lead) const {
    if (!raw_probability(schema, lead)) return std::nullopt;
    double z = base_logit(lead);
    PlsExplanation out;
    out.base = 100 * sigmoid(z);
    out.base_is_team_rate = false;
    double before = out.base;
    for_each_factor(schema, lead, [&](std::string_view variable, const std::string& value, double w) {
        z += w;
        const double now = 100 * sigmoid(z);
        out.factors.push_back(PlsFactor{std::string(variable), value, w, now - before});
        before = now;
    });
    out.probability = before;
    return out;
}

void to_json(nlohmann::json& j, const PlsLogistic& m) {
    j = {{"intercept", m.intercept_}, {"iterations", m.iterations_}, {"weights", nlohmann::json::object()}};
    for (const auto& [variable, values] : m.weights_) {
        auto& out = j["weights"][variable];
        out = nlohmann::json::object();
        for (const auto& [value, w] : values) out[value] = w;
    }
}

std::optional<PlsLogistic> PlsLogistic::from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("intercept") || !j["intercept"].is_number() || !j.contains("weights") ||
        !j["weights"].is_object())
        return std::nullopt;
    PlsLogistic m;
    m.intercept_ = j["intercept"].get<double>();
    if (j.contains("iterations") && j["iterations"].is_number_integer()) m.iterations_ = j["iterations"].get<int>();
    for (const auto& [variable, values] : j["weights"].items()) {
        if (!values.is_object()) return std::nullopt;
        auto& into = m.weights_[variable];
        for (const auto& [value, w] : values.items()) {
            if (!w.is_number()) return std::nullopt;
            into[value] = w.get<double>();
        }
    }
    return m;
}

std::vector<PlsQuality> pls_evaluate(const PlsSchema& schema, const std::vector<PlsCase>& train,
                                     const std::vector<PlsCase>& test) {
    // The naive Bayes of the training leads: the rows a rebuild over them would make.
    PlsFrequencies frequencies;
    for (const auto& c : train) {
        if (c.won > 0) apply_deltas(frequencies, pls_deltas(schema, c.lead, PlsOutcome::won, c.won));
        if (c.lost > 0) apply_deltas(frequencies, pls_deltas(schema, c.lead, PlsOutcome::lost, c.lost));
    }
    const PlsScorer nb(schema, frequencies);
    const auto lr = PlsLogistic::train(schema, {&train});
    struct Scores {
        std::vector<double> nb, lr, won, lost;
        double won_leads = 0, lost_leads = 0;  // each holdout lead once, whatever stages it reached
    };
    std::map<std::int64_t, Scores> by_team;  // 0 = every team
    for (const auto& c : test)
        for (auto [outcome, count] : {std::pair{PlsOutcome::won, c.won}, std::pair{PlsOutcome::lost, c.lost}}) {
            if (count <= 0) continue;
            bool counted = false;
            for (std::size_t stage : pls_reached_stages(schema, c.lead, outcome)) {
                PlsLead open = c.lead;
                open.stage = stage;
                auto p_nb = nb.probability(open);
                auto p_lr = lr ? lr->probability(schema, open) : std::nullopt;
                if (!p_nb || !p_lr) continue;  // both models on the same cases, or neither
                for (std::int64_t team : {std::int64_t{0}, c.lead.team}) {
                    Scores& s = by_team[team];
                    s.nb.push_back(*p_nb / 100);
                    s.lr.push_back(*p_lr / 100);
                    s.won.push_back(outcome == PlsOutcome::won ? count : 0);
                    s.lost.push_back(outcome == PlsOutcome::lost ? count : 0);
                    if (!counted) (outcome == PlsOutcome::won ? s.won_leads : s.lost_leads) += count;
                    if (c.lead.team == 0) break;  // no team: counted once, in the overall figures
                }
                counted = true;
            }
        }
    std::vector<PlsQuality> out;
    for (const char* model : {"nb", "lr"}) {
        if (!by_team.count(0)) out.push_back(PlsQuality{model, 0, 0, 0, std::nullopt, std::nullopt});
        for (const auto& [team, s] : by_team) {
            const auto& p = std::string(model) == "nb" ? s.nb : s.lr;
            PlsQuality q{model, team, 0, 0, std::nullopt, std::nullopt};
            // A handful of holdout leads would make figures that are noise: left out, "not enough closed leads".
            if (s.won_leads >= pls_min_holdout_leads && s.lost_leads >= pls_min_holdout_leads)
                q.auc = roc_auc_counts(p, s.won, s.lost), q.brier = brier_score_counts(p, s.won, s.lost);
            for (std::size_t i = 0; i < p.size(); ++i) q.cases += s.won[i] + s.lost[i], q.won += s.won[i];
            out.push_back(std::move(q));
        }
    }
    return out;
}

}  // namespace tumen::scoring
