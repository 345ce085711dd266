// Lead scoring rules in SQLite (score_rules; migration jobs_scoring) and the scorer the lead store calls on every
// insert and update. The active rules are parsed once and cached in memory per rules "stamp": triggers give the
// stamp a new random value on every rule write, so a lead write costs one primary-key read while no rule changed,
// whichever connection or process changed them. Rules that read tag names, stage fields or relative dates can go
// stale when tags, stages or the clock move: the recurring score_rules.recompute job catches up.
#pragma once
#include <memory>
#include <optional>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/lead.hpp"
#include "tumen/scoring_rules.hpp"

namespace tumen::store {

std::vector<scoring::ScoreRule> list_score_rules(Connection& c);  // by id
std::optional<scoring::ScoreRule> find_score_rule(Connection& c, int64_t id);
void insert_score_rule(Connection& c, scoring::ScoreRule& rule);  // sets id, version 1
bool update_score_rule(Connection& c, scoring::ScoreRule& rule);   // false = stale version; bumps rule.version
void delete_score_rule(Connection& c, int64_t id);

// The active rules as of this transaction (shared, immutable; rebuilt only when the stamp moved).
std::shared_ptr<const scoring::RuleSet> current_rule_set(Connection& c);

// How rules see the clock: now, in Mongolia's zone (UTC+8, no DST), no user (`me` is refused in rules).
filter::Context scoring_context(int64_t now);

// Sets lead.score and lead.score_explanation from the current rules (the lead store calls this before writing).
void score_lead(Connection& c, Lead& lead);

// Full recompute, one batch: scores leads with id > after_id (up to `limit`, by id) and writes those whose score or
// explanation changed. Returns the last id seen (0 when there were none) and how many changed.
struct RescoreBatch {
    int64_t last_id = 0;
    int64_t seen = 0;
    int64_t changed = 0;
};
RescoreBatch rescore_leads(Connection& c, const scoring::RuleSet& rules, int64_t after_id, int limit, int64_t now);
// Whether rescore_leads runs these rules as one SQL pass (every filter compiles to SQL and there are at most 62
// rules), rather than decoding and scoring each lead in C++.
bool rescores_in_sql(const scoring::RuleSet& rules, int64_t now);

}  // namespace tumen::store
