// Frequency rows of the Odoo-style naive Bayes: what a closed lead counts on, transitions, rebuild.
#include <algorithm>

#include "tumen/scoring_predictive.hpp"

namespace tumen::scoring {

const PlsCounts* PlsTable::find(std::string_view variable, const std::string& value) const {
    auto v = rows.find(variable);
    if (v == rows.end()) return nullptr;
    auto it = v->second.find(value);
    return it == v->second.end() ? nullptr : &it->second;
}

namespace {

const std::string scoring_predictive_tables_empty_state = "False";  // Odoo stores an empty email/phone state as this text

// Calls fn(variable, value) for every row a lead closed as `outcome` counts on: every field value (empty ones
// only for keep_empty fields), each tag, and the stages: all of them when won, those with sequence <= the
// lead's own when lost. One walk for deltas and rebuild, so both always count the same rows.
template <class Fn>
void for_each_row(const PlsSchema& schema, const PlsLead& lead, PlsOutcome outcome, Fn&& fn) {
    for (std::size_t f = 0; f < schema.fields.size() && f < lead.values.size(); ++f) {
        const std::string& name = schema.fields[f];
        if (!lead.values[f].empty()) fn(std::string_view(name), lead.values[f]);
        else if (std::find(schema.keep_empty.begin(), schema.keep_empty.end(), name) != schema.keep_empty.end())
            fn(std::string_view(name), scoring_predictive_tables_empty_state);
    }
    for (const auto& tag : lead.tags) fn(pls_tag_variable, tag);
    if (lead.stage && *lead.stage < schema.stages.size()) {
        const std::int64_t reached = schema.stages[*lead.stage].sequence;
        for (const auto& stage : schema.stages)
            if (outcome == PlsOutcome::won || stage.sequence <= reached) fn(pls_stage_variable, stage.key);
    }
}

std::unordered_map<std::string, PlsCounts>& variable_rows(PlsTable& table, std::string_view variable) {
    auto it = table.rows.find(variable);
    if (it == table.rows.end()) it = table.rows.emplace(std::string(variable), std::unordered_map<std::string, PlsCounts>{}).first;
    return it->second;
}

}  // namespace

std::vector<PlsDelta> pls_deltas(const PlsSchema& schema, const PlsLead& lead, PlsOutcome outcome, double step) {
    std::vector<PlsDelta> out;
    if (outcome == PlsOutcome::open) return out;
    const double won = outcome == PlsOutcome::won ? step : 0;
    const double lost = outcome == PlsOutcome::lost ? step : 0;
    for_each_row(schema, lead, outcome, [&](std::string_view variable, const std::string& value) {
        out.push_back(PlsDelta{lead.team, std::string(variable), value, won, lost});
    });
    return out;
}

std::vector<PlsDelta> pls_transition(const PlsSchema& schema, const PlsLead& lead, PlsOutcome from, PlsOutcome to) {
    if (from == to) return {};
    auto out = pls_deltas(schema, lead, from, -1);  // leave the old closed state (nothing when it was open)
    auto reach = pls_deltas(schema, lead, to, +1);
    out.insert(out.end(), std::make_move_iterator(reach.begin()), std::make_move_iterator(reach.end()));
    return out;
}

void apply_deltas(PlsFrequencies& frequencies, const std::vector<PlsDelta>& deltas) {
    for (const auto& d : deltas) {
        auto [it, created] = variable_rows(frequencies.teams[d.team], d.variable).try_emplace(d.value);
        PlsCounts& c = it->second;
        if (created) {
            c.won = std::max(d.won, 0.0) + pls_smoothing;
            c.lost = std::max(d.lost, 0.0) + pls_smoothing;
        } else {
            c.won += d.won;
            c.lost += d.lost;
            if (c.won <= 0) c.won = pls_smoothing;
            if (c.lost <= 0) c.lost = pls_smoothing;
        }
    }
}

PlsFrequencies with_deltas(PlsFrequencies frequencies, const std::vector<PlsDelta>& deltas) {
    apply_deltas(frequencies, deltas);
    return frequencies;
}

namespace {

// A team's counts during a rebuild: field rows by position, and stages as "won anywhere" plus "lost at stage i",
// turned into the cumulative stage rows once at the end (one add per lead instead of one per stage).
struct TeamCounts {
    std::vector<std::unordered_map<std::string, PlsCounts>> fields;
    std::unordered_map<std::string, PlsCounts> tags;
    double won_with_stage = 0;
    std::vector<double> lost_at;  // per stage index
};

}  // namespace

PlsFrequencies pls_rebuild(const PlsSchema& schema, const std::vector<PlsLead>& leads) {
    std::vector<bool> keep_empty(schema.fields.size());
    for (std::size_t f = 0; f < schema.fields.size(); ++f)
        keep_empty[f] = std::find(schema.keep_empty.begin(), schema.keep_empty.end(), schema.fields[f]) != schema.keep_empty.end();
    std::map<std::int64_t, TeamCounts> teams;
    TeamCounts* team = nullptr;
    std::int64_t team_id = 0;
    for (const auto& lead : leads) {
        if (lead.outcome == PlsOutcome::open) continue;
        if (!team || lead.team != team_id) {
            auto [it, added] = teams.try_emplace(lead.team);
            if (added) it->second.fields.resize(schema.fields.size()), it->second.lost_at.resize(schema.stages.size());
            team = &it->second;
            team_id = lead.team;
        }
        const bool won = lead.outcome == PlsOutcome::won;
        auto count = [won](PlsCounts& c) { (won ? c.won : c.lost) += 1; };
        for (std::size_t f = 0; f < schema.fields.size() && f < lead.values.size(); ++f) {
            if (!lead.values[f].empty()) count(team->fields[f][lead.values[f]]);
            else if (keep_empty[f]) count(team->fields[f][scoring_predictive_tables_empty_state]);
        }
        for (const auto& tag : lead.tags) count(team->tags[tag]);
        if (lead.stage && *lead.stage < schema.stages.size()) {
            if (won) team->won_with_stage += 1;
            else team->lost_at[*lead.stage] += 1;
        }
    }
    // Rows as for_each_row would have made them, then each smoothed once (+0.1 on both counts).
    PlsFrequencies out;
    auto merge = [](std::unordered_map<std::string, PlsCounts>& into, std::unordered_map<std::string, PlsCounts>& from) {
        if (into.empty()) return void(into = std::move(from));
        for (const auto& [value, c] : from) into[value].won += c.won, into[value].lost += c.lost;
    };
    for (auto& [id, counts] : teams) {
        PlsTable& table = out.teams[id];
        for (std::size_t f = 0; f < schema.fields.size(); ++f)
            if (!counts.fields[f].empty()) merge(variable_rows(table, schema.fields[f]), counts.fields[f]);
        if (!counts.tags.empty()) merge(variable_rows(table, pls_tag_variable), counts.tags);
        std::unordered_map<std::string, PlsCounts> stages;
        for (const auto& stage : schema.stages) {
            double lost = 0;  // lost leads reached this stage when they were lost at it or at a later one
            for (std::size_t j = 0; j < schema.stages.size(); ++j)
                if (schema.stages[j].sequence >= stage.sequence) lost += counts.lost_at[j];
            if (counts.won_with_stage > 0 || lost > 0) stages[stage.key] = PlsCounts{counts.won_with_stage, lost};
        }
        if (!stages.empty()) merge(variable_rows(table, pls_stage_variable), stages);
        for (auto& [variable, rows] : table.rows)
            for (auto& [value, c] : rows) c.won += pls_smoothing, c.lost += pls_smoothing;
    }
    return out;
}

}  // namespace tumen::scoring
