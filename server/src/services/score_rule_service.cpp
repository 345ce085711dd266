#include "services/score_rule_service.hpp"

#include <algorithm>
#include <map>

#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"  // required_version
#include "services/record_support.hpp"
#include "store/change_log.hpp"
#include "store/filter_sql.hpp"
#include "store/filter_sql_fields.hpp"
#include "store/score_rules.hpp"

namespace tumen::server {

namespace {

constexpr const char* score_rule_what = "scoring rule";

nlohmann::json rule_json(const scoring::ScoreRule& r) { return r; }

// A rule as a condition on leads `l`: "(l.team_id = ? AND (<filter sql>))" with its parameters in order.
Result<store::SqlWhere> rule_condition(const scoring::ScoreRule& rule, int64_t now) {
    auto expr = filter::parse_checked(rule.filter, filter::lead_filter_fields());
    if (!expr) return expr.error();
    auto where = store::compile_filter_sql(expr.value(), filter::lead_filter_fields(), store::lead_sql_fields(),
                                           store::scoring_context(now));
    if (!where) return where.error();
    store::SqlWhere out;
    if (rule.team_id) {
        out.sql = "(l.team_id = ? AND (" + where->sql + "))";
        out.params.push_back(*rule.team_id);
    } else {
        out.sql = "(" + where->sql + ")";
    }
    out.params.insert(out.params.end(), where->params.begin(), where->params.end());
    return out;
}

}  // namespace

ScoreRuleService::ScoreRuleService(store::Database& db, JobRunner& jobs) : db_(db), jobs_(jobs) {
    jobs_.register_kind(
        recompute_kind, [this](JobContext& ctx, const nlohmann::json&) { return recompute(ctx); }, recompute_interval_s);
}

Result<std::vector<scoring::ScoreRule>> ScoreRuleService::list() { return store::list_score_rules(db_.reader()); }

Result<scoring::ScoreRule> ScoreRuleService::get(int64_t id) {
    auto r = store::find_score_rule(db_.reader(), id);
    if (!r) return record_not_found(score_rule_what, id);
    return std::move(*r);
}

std::optional<Error> ScoreRuleService::check_team(store::Connection& c, const scoring::ScoreRule& rule) {
    if (!rule.team_id) return std::nullopt;
    if (c.prepare("SELECT count(*) FROM teams WHERE id = ?").bind(1, *rule.team_id).scalar_int() == 0)
        return field_error("team_id", "no such sales team", "error.unknown_id");
    return std::nullopt;
}

Result<scoring::ScoreRule> ScoreRuleService::create(const Caller& caller, const nlohmann::json& body) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    scoring::ScoreRule rule;
    FieldErrors fe = scoring::apply_patch(rule, body);
    for (const char* required : {"name", "filter", "points"})
        if (!body.contains(required) && std::none_of(fe.list().begin(), fe.list().end(), [&](const FieldError& e) { return e.field == required; }))
            fe.add(required, "is required", "error.required");
    if (!fe.empty()) return fe.to_error();
    const int64_t now = unix_now();
    rule.create_date = rule.write_date = now;
    auto out = db_.write([&](store::Connection& c) -> Result<scoring::ScoreRule> {
        if (auto e = check_team(c, rule)) return *e;
        store::insert_score_rule(c, rule);
        log_record_change(c, caller, "score_rule", rule.id, "created", {{"version", rule.version}}, rule.team_id);
        jobs_.enqueue_in(c, recompute_kind);
        return rule;
    });
    if (out) jobs_.poke();
    return out;
}

Result<scoring::ScoreRule> ScoreRuleService::edit(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    nlohmann::json fields = patch;
    fields.erase("version");
    bool rescore = false;
    auto out = db_.write([&](store::Connection& c) -> Result<scoring::ScoreRule> {
        auto current = store::find_score_rule(c, id);
        if (!current) return record_not_found(score_rule_what, id);
        if (current->version != version.value()) return stale_version(score_rule_what, rule_json(*current));
        scoring::ScoreRule rule = *current;
        if (FieldErrors fe = scoring::apply_patch(rule, fields); !fe.empty()) return fe.to_error();
        if (rule == *current) return rule;
        if (auto e = check_team(c, rule)) return *e;
        rule.write_date = unix_now();
        if (!store::update_score_rule(c, rule)) return stale_version(score_rule_what, rule_json(*current));
        log_record_change(c, caller, "score_rule", rule.id, "updated", {{"version", rule.version}}, rule.team_id);
        // A new name only changes explanations; still a rescore, since the explanation is stored with the lead.
        jobs_.enqueue_in(c, recompute_kind);
        rescore = true;
        return rule;
    });
    if (rescore) jobs_.poke();
    return out;
}

Result<bool> ScoreRuleService::remove(const Caller& caller, int64_t id) {
    auto out = db_.write([&](store::Connection& c) -> Result<bool> {
        auto current = store::find_score_rule(c, id);
        if (!current) return record_not_found(score_rule_what, id);
        store::delete_score_rule(c, id);
        log_record_change(c, caller, "score_rule", id, "deleted", nlohmann::json::object(), current->team_id);
        jobs_.enqueue_in(c, recompute_kind);
        return true;
    });
    if (out) jobs_.poke();
    return out;
}

Result<nlohmann::json> ScoreRuleService::preview(const nlohmann::json& body) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    scoring::ScoreRule candidate;
    candidate.name = "preview";
    nlohmann::json fields = body;
    std::optional<int64_t> rule_id;
    if (fields.contains("rule_id")) {
        if (!fields["rule_id"].is_number_integer()) return field_error("rule_id", "must be an id", "error.type");
        rule_id = fields["rule_id"].get<int64_t>();
        fields.erase("rule_id");
    }
    FieldErrors fe = scoring::apply_patch(candidate, fields);
    for (const char* required : {"filter", "points"})
        if (!body.contains(required) && std::none_of(fe.list().begin(), fe.list().end(), [&](const FieldError& e) { return e.field == required; }))
            fe.add(required, "is required", "error.required");
    if (!fe.empty()) return fe.to_error();

    auto& c = db_.reader();
    const int64_t now = unix_now();
    auto fresh = rule_condition(candidate, now);
    if (!fresh) return fresh.error();
    store::SqlWhere old;
    old.sql = "0";
    int64_t old_points = 0;
    if (rule_id) {
        auto stored = store::find_score_rule(c, *rule_id);
        if (!stored) return record_not_found(score_rule_what, *rule_id);
        // A stored filter that no longer checks contributes nothing today (the RuleSet skips it too).
        if (auto cond = rule_condition(*stored, now); cond && stored->active) {
            old = cond.value();
            old_points = stored->points;
        }
    }
    // One pass: each lead's score change and whether the new rule matches it.
    auto s = c.prepare_uncached("SELECT d, m, count(*) FROM (SELECT (CASE WHEN " + fresh->sql + " THEN ? ELSE 0 END)"
                                " - (CASE WHEN " + old.sql + " THEN ? ELSE 0 END) AS d, (CASE WHEN " + fresh->sql +
                                " THEN 1 ELSE 0 END) AS m FROM leads l) GROUP BY d, m ORDER BY d");
    std::vector<store::SqlValue> params = fresh->params;
    params.push_back(candidate.points);
    params.insert(params.end(), old.params.begin(), old.params.end());
    params.push_back(old_points);
    params.insert(params.end(), fresh->params.begin(), fresh->params.end());
    s.bind_all(params);
    int64_t matched = 0, total = 0;
    std::map<int64_t, int64_t> shifts;
    while (s.step()) {
        const int64_t d = s.get_int(0), m = s.get_int(1), n = s.get_int(2);
        total += n;
        if (m) matched += n;
        shifts[d] += n;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [d, n] : shifts) list.push_back({{"delta", d}, {"leads", n}});
    return nlohmann::json{{"matched", matched}, {"total", total}, {"shifts", list}};
}

Result<void> ScoreRuleService::recompute(JobContext& ctx) {
    int64_t after = 0, done = 0, changed = 0;
    if (ctx.checkpoint().is_object()) {
        after = ctx.checkpoint().value("after_id", int64_t{0});
        done = ctx.checkpoint().value("done", int64_t{0});
        changed = ctx.checkpoint().value("changed", int64_t{0});
        ctx.log("resuming after lead " + std::to_string(after));
    }
    const int64_t total = db_.reader().prepare("SELECT count(*) FROM leads").scalar_int();
    const int64_t now = unix_now();  // one clock for the whole run: relative-date rules cut at the same instant
    ctx.progress(done, total);
    for (;;) {
        if (ctx.stop_requested()) return Error::make(ErrorCode::unavailable, "stopped; resumes at the next start");
        auto batch = db_.write([&](store::Connection& c) {
            // Read inside the batch's transaction: a rule changed meanwhile applies from here on (and queues a rerun).
            auto rules = store::current_rule_set(c);
            return store::rescore_leads(c, *rules, after, batch_size_, now);
        });
        if (batch.seen == 0) break;
        after = batch.last_id;
        done += batch.seen;
        changed += batch.changed;
        ctx.save_checkpoint({{"after_id", after}, {"done", done}, {"changed", changed}});
        ctx.progress(std::min(done, std::max(done, total)), std::max(done, total));
    }
    db_.write([&](store::Connection& c) {
        store::ChangeEvent e;
        e.at = unix_now();
        e.entity = "lead";
        e.action = "scores_recomputed";
        e.payload = {{"leads", done}, {"changed", changed}};
        store::append_change(c, e);
    });
    ctx.log("rescored " + std::to_string(done) + " leads, " + std::to_string(changed) + " changed");
    return {};
}

}  // namespace tumen::server
