// Naive Bayes probability of an open lead from the frequency rows (Odoo's _pls_get_naive_bayes_probabilities).
#include <algorithm>
#include <cmath>

#include "tumen/scoring_predictive.hpp"

namespace tumen::scoring {

void PlsScorer::add(Stats& stats, const PlsTable& table) const {
    auto add_rows = [](Field& field, const std::unordered_map<std::string, PlsCounts>& rows, bool tags) {
        for (const auto& [value, c] : rows) {
            if (tags && c.won + c.lost < pls_tag_min_closed) continue;  // too few closed leads carry this tag
            PlsCounts& into = field.values[value];
            into.won += c.won;
            into.lost += c.lost;
            field.won_total += c.won;
            field.lost_total += c.lost;
        }
    };
    for (const auto& [variable, rows] : table.rows) {
        if (variable == pls_stage_variable) add_rows(stats.stage, rows, false);
        else if (variable == pls_tag_variable) add_rows(stats.tag, rows, true);
        else
            for (std::size_t f = 0; f < schema_.fields.size(); ++f)
                if (schema_.fields[f] == variable) add_rows(stats.fields[f], rows, false);
    }
    stats.won = stats.lost = 0;
    if (!schema_.stages.empty()) {
        auto first = stats.stage.values.find(schema_.stages.front().key);
        if (first != stats.stage.values.end()) stats.won = first->second.won, stats.lost = first->second.lost;
    }
}

void PlsScorer::prepare(Stats& s) {
    auto fill = [&](Field& field, bool is_stage) {
        // The stage factor divides by the team totals; the others by their variable's totals. A factor whose
        // total is 0 is skipped, as Odoo does.
        const double w = is_stage ? s.won : field.won_total;
        const double l = is_stage ? s.lost : field.lost_total;
        if (w <= 0 || l <= 0) return;
        for (const auto& [value, c] : field.values) field.log_odds[value] = std::log(c.won / w) - std::log(c.lost / l);
    };
    fill(s.stage, true);
    fill(s.tag, false);
    for (auto& f : s.fields) fill(f, false);
}

PlsScorer::PlsScorer(const PlsSchema& schema, const PlsFrequencies& frequencies) : schema_(schema) {
    pooled_.fields.resize(schema_.fields.size());
    for (const auto& [team, table] : frequencies.teams) {
        add(pooled_, table);
        if (team == 0 || table.rows.empty()) continue;  // leads without a team use the pooled statistics
        Stats& s = teams_[team];
        s.fields.resize(schema_.fields.size());
        add(s, table);
        prepare(s);
    }
    prepare(pooled_);
}

const PlsScorer::Stats& PlsScorer::stats_for(std::int64_t team) const {
    auto it = teams_.find(team);
    return it == teams_.end() ? pooled_ : it->second;
}

// Calls fn(variable, value, log_odds) for every factor of the lead that has evidence: the stage, each field
// value (empty ones for keep_empty fields, as "False"), each tag over the threshold. A value no closed lead had
// has no row and is no evidence either way.
template <class Fn>
void PlsScorer::for_each_factor(const Stats& s, const PlsLead& lead, Fn&& fn) const {
    auto factor = [&](std::string_view variable, const Field& field, const std::string& value) {
        auto it = field.log_odds.find(value);
        if (it != field.log_odds.end()) fn(variable, value, it->second);
    };
    factor(pls_stage_variable, s.stage, schema_.stages[*lead.stage].key);
    static const std::string empty_state = "False";
    for (std::size_t f = 0; f < schema_.fields.size() && f < lead.values.size(); ++f) {
        if (!lead.values[f].empty()) factor(schema_.fields[f], s.fields[f], lead.values[f]);
        else
            for (const auto& k : schema_.keep_empty)
                if (k == schema_.fields[f]) factor(schema_.fields[f], s.fields[f], empty_state);
    }
    for (const auto& tag : lead.tags) factor(pls_tag_variable, s.tag, tag);
}

std::optional<double> PlsScorer::raw_probability(const PlsLead& lead) const {
    if (!lead.stage || *lead.stage >= schema_.stages.size() || schema_.stages[*lead.stage].is_won) return std::nullopt;
    const Stats& s = stats_for(lead.team);
    if (s.won <= 0 || s.lost <= 0) return std::nullopt;
    // Sums of log ratios rather than products, so a lead with hundreds of tags cannot underflow to 0/0.
    double log_odds = std::log(s.won) - std::log(s.lost);
    for_each_factor(s, lead, [&](std::string_view, const std::string&, double w) { log_odds += w; });
    return 1.0 / (1.0 + std::exp(-log_odds));
}

std::optional<PlsExplanation> PlsScorer::explain(const PlsLead& lead) const {
    if (!lead.stage || *lead.stage >= schema_.stages.size() || schema_.stages[*lead.stage].is_won) return std::nullopt;
    const Stats& s = stats_for(lead.team);
    if (s.won <= 0 || s.lost <= 0) return std::nullopt;
    auto sigmoid = [](double x) { return 100.0 / (1.0 + std::exp(-x)); };
    double log_odds = std::log(s.won) - std::log(s.lost);
    PlsExplanation out;
    out.base = sigmoid(log_odds);
    double before = out.base;
    for_each_factor(s, lead, [&](std::string_view variable, const std::string& value, double w) {
        log_odds += w;
        const double now = sigmoid(log_odds);
        out.factors.push_back(PlsFactor{std::string(variable), value, w, now - before});
        before = now;
    });
    out.probability = before;
    return out;
}

std::optional<double> PlsScorer::probability(const PlsLead& lead) const {
    if (!lead.stage || *lead.stage >= schema_.stages.size()) return 0.0;
    if (schema_.stages[*lead.stage].is_won) return 100.0;
    auto p = raw_probability(lead);
    if (!p) return std::nullopt;
    double percent = std::round(*p * 10000.0) / 100.0;
    return std::clamp(percent, 0.01, 99.99);
}

}  // namespace tumen::scoring
