#include "store/score_rules.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <unordered_map>

#include "store/filter_sql.hpp"
#include "store/filter_sql_fields.hpp"
#include "store/leads.hpp"
#include "store/stages.hpp"

namespace tumen::store {

namespace {

constexpr const char* rule_columns = "id, name, filter, points, team_id, active, create_date, write_date, version";

scoring::ScoreRule read_rule(Statement& s) {
    scoring::ScoreRule r;
    r.id = s.get_int(0);
    r.name = s.get_text(1);
    r.filter = s.get_text(2);
    r.points = s.get_int(3);
    r.team_id = s.get_opt_int(4);
    r.active = s.get_int(5) != 0;
    r.create_date = s.get_int(6);
    r.write_date = s.get_int(7);
    r.version = s.get_int(8);
    return r;
}

// RuleSets by stamp. Few stamps are ever alive at once (one per database a process has open, plus the one a
// running recompute holds), so a tiny map with "drop everything when it grows" is enough.
std::mutex score_rules_cache_mutex;
std::map<int64_t, std::shared_ptr<const scoring::RuleSet>> cache;

int64_t rules_stamp(Connection& c) {
    auto s = c.prepare("SELECT stamp FROM score_rules_state WHERE id = 1");
    return s.step() ? s.get_int(0) : 0;
}

std::map<int64_t, std::string> all_tag_names(Connection& c) {
    std::map<int64_t, std::string> out;
    auto s = c.prepare("SELECT id, name FROM tags");
    while (s.step()) out[s.get_int(0)] = s.get_text(1);
    return out;
}

std::map<int64_t, std::string> tag_names_of(Connection& c, const std::vector<int64_t>& ids) {
    std::map<int64_t, std::string> out;
    for (int64_t id : ids) {
        auto s = c.prepare("SELECT name FROM tags WHERE id = ?");  // cached: prepared once per connection
        s.bind(1, id);
        if (s.step()) out[id] = s.get_text(0);
    }
    return out;
}

scoring::LeadRecord::TagNames tag_lookup(const std::map<int64_t, std::string>& names) {
    return [&names](const std::vector<int64_t>& ids) {
        std::vector<std::string> out;
        for (int64_t id : ids)
            if (auto it = names.find(id); it != names.end()) out.push_back(it->second);
        return out;
    };
}

}  // namespace

std::vector<scoring::ScoreRule> list_score_rules(Connection& c) {
    auto s = c.prepare(std::string("SELECT ") + rule_columns + " FROM score_rules ORDER BY id");
    std::vector<scoring::ScoreRule> out;
    while (s.step()) out.push_back(read_rule(s));
    return out;
}

std::optional<scoring::ScoreRule> find_score_rule(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + rule_columns + " FROM score_rules WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_rule(s);
}

void insert_score_rule(Connection& c, scoring::ScoreRule& r) {
    auto s = c.prepare(
        "INSERT INTO score_rules (name, filter, points, team_id, active, create_date, write_date, version) "
        "VALUES (?,?,?,?,?,?,?,1)");
    s.bind(1, r.name).bind(2, r.filter).bind(3, r.points).bind(4, r.team_id).bind(5, r.active);
    s.bind(6, r.create_date).bind(7, r.write_date);
    s.run();
    r.id = c.last_insert_id();
    r.version = 1;
}

bool update_score_rule(Connection& c, scoring::ScoreRule& r) {
    auto s = c.prepare(
        "UPDATE score_rules SET name = ?, filter = ?, points = ?, team_id = ?, active = ?, write_date = ?, "
        "version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, r.name).bind(2, r.filter).bind(3, r.points).bind(4, r.team_id).bind(5, r.active).bind(6, r.write_date);
    s.bind(7, r.id).bind(8, r.version);
    s.run();
    if (c.changes() == 0) return false;
    ++r.version;
    return true;
}

void delete_score_rule(Connection& c, int64_t id) {
    c.prepare("DELETE FROM score_rules WHERE id = ?").bind(1, id).run();
}

std::shared_ptr<const scoring::RuleSet> current_rule_set(Connection& c) {
    static const auto none = std::make_shared<const scoring::RuleSet>();
    const int64_t stamp = rules_stamp(c);
    if (stamp == 0) return none;  // no rule was ever written to this database
    {
        std::lock_guard lock(score_rules_cache_mutex);
        if (auto it = cache.find(stamp); it != cache.end()) return it->second;
    }
    auto built = std::make_shared<const scoring::RuleSet>(list_score_rules(c));
    std::lock_guard lock(score_rules_cache_mutex);
    if (cache.size() >= 16) cache.clear();
    cache[stamp] = built;
    return built;
}

filter::Context scoring_context(int64_t now) {
    filter::Context ctx;
    ctx.now = now;
    ctx.utc_offset_minutes = 8 * 60;
    return ctx;
}

void score_lead(Connection& c, Lead& lead) {
    const auto rules = current_rule_set(c);
    if (rules->empty()) {
        lead.score = 0;
        lead.score_explanation.clear();
        return;
    }
    // Only this lead's stage and tags: every lead write scores, so loading all of them each time would add up.
    std::vector<Stage> stages;
    if (rules->reads_stage() && lead.stage_id)
        if (auto st = find_stage(c, *lead.stage_id)) stages.push_back(std::move(*st));
    std::map<int64_t, std::string> tags;
    if (rules->reads_tags() && !lead.tag_ids.empty()) tags = tag_names_of(c, lead.tag_ids);
    auto outcome = rules->score(lead, &stages, tag_lookup(tags), scoring_context(std::chrono::duration_cast<std::chrono::seconds>(
                                                     std::chrono::system_clock::now().time_since_epoch()).count()));
    lead.score = outcome.score;
    lead.score_explanation = std::move(outcome.reasons);
}

namespace {

// The recompute as one SQL pass per batch: each rule's filter, compiled by store/filter_sql as the list's filters
// are (same meaning as filter::evaluate, held by filter_sql_test), sets one bit of a mask per lead; the score and
// the stored explanation of a mask are built once, with the same code as score(). Leads are neither decoded nor
// scored in C++ (the plain decode of every lead was most of a recompute that changes nothing).
struct ScoreRulesSqlPass {
    std::string mask_sql;            // one "(CASE WHEN <rule> THEN 1 ELSE 0 END) << i" term per rule, ORed
    std::vector<SqlValue> params;    // in placeholder order
    std::vector<const scoring::RuleSet::Compiled*> rules;  // bit i = rules[i]
};

constexpr std::size_t score_rules_sql_max = 62;  // bits of one signed 64-bit mask

std::optional<ScoreRulesSqlPass> score_rules_sql_pass(const scoring::RuleSet& rules, int64_t now) {
    if (rules.size() > score_rules_sql_max) return std::nullopt;
    ScoreRulesSqlPass pass;
    pass.mask_sql = "0";
    for (const auto& r : rules.rules()) {
        auto where = compile_filter_sql(r.expr, filter::lead_filter_fields(), lead_sql_fields(), scoring_context(now));
        if (!where) return std::nullopt;  // the C++ scorer handles what does not compile
        const std::string bit = std::to_string(pass.rules.size());
        if (r.team_id) {
            pass.mask_sql += " | ((CASE WHEN l.team_id = ? AND (" + where->sql + ") THEN 1 ELSE 0 END) << " + bit + ")";
            pass.params.push_back(*r.team_id);
        } else {
            pass.mask_sql += " | ((CASE WHEN " + where->sql + " THEN 1 ELSE 0 END) << " + bit + ")";
        }
        pass.params.insert(pass.params.end(), where->params.begin(), where->params.end());
        pass.rules.push_back(&r);
    }
    return pass;
}

struct ScoreOfMask {
    int64_t score = 0;
    std::string explanation;  // as stored: reasons_json(...).dump()
};

RescoreBatch rescore_leads_sql(Connection& c, const ScoreRulesSqlPass& pass, int64_t after_id, int limit) {
    RescoreBatch out;
    auto s = c.prepare_uncached("SELECT l.id, l.score, l.score_explanation, " + pass.mask_sql +
                                " FROM leads l WHERE l.id > ? ORDER BY l.id LIMIT ?");
    std::vector<SqlValue> params = pass.params;
    params.push_back(after_id);
    params.push_back(static_cast<int64_t>(limit));
    s.bind_all(params);
    std::unordered_map<int64_t, ScoreOfMask> by_mask;  // few distinct masks: each built once per batch
    while (s.step()) {
        const int64_t id = s.get_int(0), mask = s.get_int(3);
        auto [it, fresh] = by_mask.try_emplace(mask);
        if (fresh) {
            std::vector<ScoreReason> reasons;
            for (std::size_t i = 0; i < pass.rules.size(); ++i)
                if (mask & (int64_t{1} << i)) {
                    const auto& r = *pass.rules[i];
                    it->second.score += r.points;
                    reasons.push_back({r.id, r.name, r.points});
                }
            it->second.explanation = scoring::reasons_json(reasons).dump();
        }
        out.last_id = id;
        ++out.seen;
        if (s.get_int(1) == it->second.score && s.get_text(2) == it->second.explanation) continue;
        // Not a user edit: no version bump, so nobody's open form goes stale because a rule changed.
        auto write = c.prepare("UPDATE leads SET score = ?, score_explanation = ? WHERE id = ?");  // cached
        write.bind(1, it->second.score).bind(2, it->second.explanation).bind(3, id);
        write.run();
        ++out.changed;
    }
    return out;
}

}  // namespace

bool rescores_in_sql(const scoring::RuleSet& rules, int64_t now) { return score_rules_sql_pass(rules, now).has_value(); }

RescoreBatch rescore_leads(Connection& c, const scoring::RuleSet& rules, int64_t after_id, int limit, int64_t now) {
    if (auto pass = score_rules_sql_pass(rules, now)) return rescore_leads_sql(c, *pass, after_id, limit);
    RescoreBatch out;
    std::vector<Lead> leads;
    {
        auto s = c.prepare(lead_select_sql() + " WHERE l.id > ? ORDER BY l.id LIMIT ?");
        s.bind(1, after_id).bind(2, limit);
        while (s.step()) leads.push_back(read_lead_row(s));
    }
    if (leads.empty()) return out;
    out.last_id = leads.back().id;
    out.seen = static_cast<int64_t>(leads.size());
    if (rules.reads("tags") || rules.reads("tag_ids") || rules.reads("follower_ids")) load_lead_relations(c, leads);
    std::vector<Stage> stages;
    if (rules.reads_stage()) stages = load_stages(c);
    std::map<int64_t, std::string> tags;
    if (rules.reads_tags()) tags = all_tag_names(c);
    const auto names = tag_lookup(tags);
    const auto ctx = scoring_context(now);
    for (const auto& l : leads) {
        auto outcome = rules.score(l, &stages, names, ctx);
        if (outcome.score == l.score && outcome.reasons == l.score_explanation) continue;
        // Not a user edit: no version bump, so nobody's open form goes stale because a rule changed.
        auto write = c.prepare("UPDATE leads SET score = ?, score_explanation = ? WHERE id = ?");
        write.bind(1, outcome.score).bind(2, scoring::reasons_json(outcome.reasons).dump()).bind(3, l.id);
        write.run();
        ++out.changed;
    }
    return out;
}

}  // namespace tumen::store
