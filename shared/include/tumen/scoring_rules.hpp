// Rule-based lead scoring (SPEC F-SCORE): a rule is a name, a lead filter (shared/FILTER.md), points (±) and
// optionally a team; a lead's score is the sum of the points of the active rules it matches, and its
// explanation lists them ("+20 country = MN; −10 free-mail address"). The same code scores on the server
// (every lead write, the recompute job) and previews in the browser's rule editor (wasm).
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/filter.hpp"
#include "tumen/lead.hpp"
#include "tumen/stage.hpp"

namespace tumen::scoring {

inline constexpr std::int64_t max_rule_points = 1000;  // per rule, either sign
inline constexpr std::size_t max_rule_name_chars = 200;

struct ScoreRule {
    std::int64_t id = 0;
    std::string name;                     // shown in the explanation, required
    std::string filter;                   // lead filter text; empty = every lead
    std::int64_t points = 0;              // -1000..1000, not 0
    std::optional<std::int64_t> team_id;  // only leads of this team; nullopt = every team
    bool active = true;
    Timestamp create_date = 0;
    Timestamp write_date = 0;
    std::int64_t version = 0;
    bool operator==(const ScoreRule&) const = default;
};

void to_json(nlohmann::json& j, const ScoreRule& rule);
// A create body or a full record: name, filter and points required; each bad field is one FieldError.
Result<ScoreRule> score_rule_from_json(const nlohmann::json& j);
// A PATCH body (id, version and dates are ignored or read-only). Apply to a copy: on error it may be partly set.
FieldErrors apply_patch(ScoreRule& rule, const nlohmann::json& patch);
// Field rules plus the filter: it must parse and check against the lead fields, and may not read `score`
// (a rule on the score would depend on itself) nor use `me` (scores are the same for every user).
FieldErrors validate(const ScoreRule& rule);

// A lead as a filter record. Stage fields (stage.is_won, stage.fold, stage.name) come from `stages`, tag names
// from `tag_names` (called only when a rule reads `tags`); without them those fields are null.
class LeadRecord : public filter::Record {
public:
    using TagNames = std::function<std::vector<std::string>(const std::vector<std::int64_t>& tag_ids)>;
    explicit LeadRecord(const Lead& lead, const std::vector<Stage>* stages = nullptr, TagNames tag_names = {})
        : lead_(lead), stages_(stages), tag_names_(std::move(tag_names)) {}
    filter::Value get(std::string_view field) const override;

private:
    const Stage* stage() const;
    const Lead& lead_;
    const std::vector<Stage>* stages_;
    TagNames tag_names_;
};

struct Outcome {
    std::int64_t score = 0;
    std::vector<ScoreReason> reasons;  // in rule order; their points sum to `score`
    bool operator==(const Outcome&) const = default;
};

// The active rules, parsed and checked once (the server caches one RuleSet until a rule changes).
class RuleSet {
public:
    RuleSet() = default;
    // Inactive rules are left out; a rule whose filter no longer checks is left out and listed in skipped().
    explicit RuleSet(const std::vector<ScoreRule>& rules);

    bool empty() const { return rules_.empty(); }
    std::size_t size() const { return rules_.size(); }
    const std::vector<std::int64_t>& skipped() const { return skipped_; }
    // Every lead field the active rules read (sorted): which columns and joins a scorer needs.
    const std::vector<std::string>& fields() const { return fields_; }
    bool reads(std::string_view field) const;
    // A rule reads a field of the lead's stage (stage.is_won, stage.fold, stage.name): the scorer needs stages.
    bool reads_stage() const;
    // A rule reads tag names: the scorer needs them.
    bool reads_tags() const { return reads("tags"); }

    // `team_id`: the lead's team (team rules apply only to their team's leads).
    Outcome score(const filter::Record& lead, const std::optional<std::int64_t>& team_id, const filter::Context& ctx) const;
    Outcome score(const Lead& lead, const std::vector<Stage>* stages, const LeadRecord::TagNames& tag_names,
                  const filter::Context& ctx) const;

    struct Compiled {
        std::int64_t id;
        std::string name;
        std::int64_t points;
        std::optional<std::int64_t> team_id;
        filter::Expr expr;
    };
    // The rules score() applies, in its order (a scorer elsewhere, e.g. the server's SQL pass, must match it).
    const std::vector<Compiled>& rules() const { return rules_; }

private:
    std::vector<Compiled> rules_;
    std::vector<std::int64_t> skipped_;
    std::vector<std::string> fields_;
};

// "+20 country = MN; −10 free-mail address" (U+2212 minus); "" when no rule matched.
std::string explanation_text(const std::vector<ScoreReason>& reasons);

// The explanation as stored and sent: [{rule_id, name, points}].
nlohmann::json reasons_json(const std::vector<ScoreReason>& reasons);
std::vector<ScoreReason> reasons_from_json(const nlohmann::json& j);  // tolerant: bad entries are skipped

// How a preview summarises a changed rule over many leads: for each score change (delta) how many leads get it.
struct Shift {
    std::int64_t delta = 0;
    std::int64_t leads = 0;
    bool operator==(const Shift&) const = default;
};
// The score change a lead gets when the rule `old_points`/`old_match` becomes `new_points`/`new_match`.
inline std::int64_t shift_of(bool old_match, std::int64_t old_points, bool new_match, std::int64_t new_points) {
    return (new_match ? new_points : 0) - (old_match ? old_points : 0);
}

}  // namespace tumen::scoring
