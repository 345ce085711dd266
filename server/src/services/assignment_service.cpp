#include "services/assignment_service.hpp"

#include <random>

#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"  // required_version
#include "services/record_support.hpp"
#include "store/assignment_queries.hpp"
#include "store/change_log.hpp"
#include "store/filter_sql_fields.hpp"
#include "store/jobs.hpp"
#include "store/score_rules.hpp"  // scoring_context
#include "store/stages.hpp"
#include "store/team_members.hpp"
#include "store/teams.hpp"
#include "tumen/filter_check.hpp"
#include "tumen/stage.hpp"

namespace tumen::server {

namespace {

// A team or member domain as SQL over leads `l`; empty = every lead. A domain that no longer compiles (a field
// was removed since it was saved) matches nothing rather than everything.
store::SqlWhere domain_sql(const std::string& text, int64_t now) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {};
    auto expr = filter::parse_checked(text, filter::lead_filter_fields());
    if (!expr) return store::SqlWhere{"0", {}};
    auto where = store::compile_filter_sql(expr.value(), filter::lead_filter_fields(), store::lead_sql_fields(),
                                           store::scoring_context(now));
    return where ? where.value() : store::SqlWhere{"0", {}};
}

nlohmann::json row_json(const store::AssignmentLogRow& r) {
    auto opt = [](const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    return {{"id", r.id},       {"run_at", r.run_at}, {"lead_id", r.lead_id}, {"team_id", opt(r.team_id)},
            {"user_id", opt(r.user_id)}, {"rule", r.rule},     {"forced", r.forced}};
}

void assigned_event(store::Connection& c, int64_t lead_id, std::optional<int64_t> team, std::optional<int64_t> user,
                    int64_t by, int64_t now) {
    store::ChangeEvent e;
    e.at = now;
    e.entity = "lead";
    e.entity_id = lead_id;
    e.action = "assigned";
    e.team_id = team;
    e.user_id = user;
    e.payload = {{"by", by}};
    store::append_change(c, e);
}

}  // namespace

AssignmentService::AssignmentService(store::Database& db, JobRunner& jobs) : db_(db), jobs_(jobs) {
    jobs_.register_kind(
        assign_kind,
        [this](JobContext& ctx, const nlohmann::json&) -> Result<void> {
            std::random_device rd;
            auto out = assign(0, false, unix_now(), (uint64_t{rd()} << 32) | rd());
            ctx.log("assigned " + std::to_string(out.team_assigned) + " leads to teams and " +
                    std::to_string(out.member_assigned) + " to salespeople");
            return {};
        },
        0);  // on demand until a manager sets the interval
}

nlohmann::json AssignmentService::settings() {
    auto& c = db_.reader();
    int64_t version = 1;
    const int64_t delay = store::load_assignment_delay_hours(c, &version);
    auto job = store::find_recurring_job(c, assign_kind);
    return {{"interval_minutes", job ? job->interval_ms / 60000 : 0}, {"delay_hours", delay}, {"version", version}};
}

Result<nlohmann::json> AssignmentService::update_settings(const Caller& caller, const nlohmann::json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    FieldErrors fe;
    std::optional<int64_t> interval, delay;
    for (const auto& [key, value] : body.items()) {
        if (key == "version") continue;
        const bool whole = value.is_number_integer() && value.get<int64_t>() >= 0;
        if (key == "interval_minutes") {
            if (!whole || value.get<int64_t>() > 366 * 24 * 60) fe.add(key, "must be minutes from 0 (on demand) to a year", "error.range");
            else interval = value.get<int64_t>();
        } else if (key == "delay_hours") {
            if (!whole || value.get<int64_t>() > 24 * 365) fe.add(key, "must be hours from 0 to a year", "error.range");
            else delay = value.get<int64_t>();
        } else {
            fe.add(key, "is not a setting of assignment", "error.unknown_field");
        }
    }
    if (!fe.empty()) return fe.to_error();
    auto out = db_.write([&](store::Connection& c) -> Result<nlohmann::json> {
        int64_t current = 0;
        const int64_t stored_delay = store::load_assignment_delay_hours(c, &current);
        if (current != version.value()) return stale_version("assignment settings", settings());
        store::save_assignment_delay_hours(c, delay.value_or(stored_delay), current);
        if (interval) {
            auto job = store::find_recurring_job(c, assign_kind);
            if (job) {
                job->interval_ms = *interval * 60000;
                if (job->state == "idle" || job->state == "failed" || job->state == "done")
                    job->next_run_ms = job->interval_ms > 0 ? std::optional(JobRunner::now_ms() + job->interval_ms) : std::nullopt;
                store::save_job_settings(c, *job);
            }
        }
        log_record_change(c, caller, "assignment_settings", 1, "updated");
        auto job = store::find_recurring_job(c, assign_kind);
        int64_t v = 1;
        const int64_t d = store::load_assignment_delay_hours(c, &v);
        return nlohmann::json{{"interval_minutes", job ? job->interval_ms / 60000 : 0}, {"delay_hours", d}, {"version", v}};
    });
    if (out) jobs_.poke();
    return out;
}

Result<nlohmann::json> AssignmentService::run(const Caller& caller, const nlohmann::json& body) {
    bool force = true;
    if (body.is_object() && body.contains("force_quota")) {
        if (!body["force_quota"].is_boolean()) return field_error("force_quota", "must be true or false", "error.type");
        force = body["force_quota"].get<bool>();
    }
    std::random_device rd;
    auto out = assign(caller.user_id, force, unix_now(), (uint64_t{rd()} << 32) | rd());
    return nlohmann::json{{"team_assigned", out.team_assigned}, {"member_assigned", out.member_assigned},
                          {"items", std::move(out.items)}};
}

Result<nlohmann::json> AssignmentService::log(std::optional<int64_t> lead_id, int limit, int64_t before_id) {
    if (limit < 1 || limit > 500) return field_error("limit", "must be 1..500", "error.range");
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : store::list_assignment_log(db_.reader(), lead_id, limit, before_id)) items.push_back(row_json(r));
    return nlohmann::json{{"items", std::move(items)}};
}

AssignmentService::Outcome AssignmentService::assign(int64_t by_user, bool force_quota, int64_t now, uint64_t seed) {
    Outcome out;
    struct TeamPlan {
        Team team;
        std::vector<TeamMember> members;
    };
    std::vector<TeamPlan> teams;
    std::vector<Stage> stages;
    int64_t delay_h = 0;
    {
        auto& c = db_.reader();
        delay_h = store::load_assignment_delay_hours(c);
        stages = store::load_stages(c);
        for (auto& t : store::list_teams(c)) {
            if (!t.active || t.assignment_optout) continue;
            TeamPlan p{std::move(t), {}};
            for (auto& m : store::list_team_members(c, p.team.id))
                if (m.active) p.members.push_back(std::move(m));
            teams.push_back(std::move(p));
        }
    }
    auto log_row = [&](store::Connection& c, int64_t lead, std::optional<int64_t> team, std::optional<int64_t> user,
                       const std::string& rule) {
        store::AssignmentLogRow r{0, now, lead, team, user, rule, force_quota};
        store::insert_assignment_log(c, r);
        if (out.items.size() < 1000) out.items.push_back(row_json(r));  // the reply shows the first thousand
    };

    // Team step: one candidate query per team, one transaction for the plan.
    std::vector<assignment::TeamCandidates> candidates;
    std::map<int64_t, std::optional<int64_t>> stage_of;
    {
        auto& c = db_.reader();
        const std::optional<int64_t> after = force_quota ? std::nullopt : std::optional(now - cron_window_s);
        for (const auto& p : teams) {
            int64_t capacity = 0;
            for (const auto& m : p.members) capacity += m.max_leads_30d;
            if (capacity <= 0) continue;
            assignment::TeamCandidates tc{p.team.id, capacity, {}};
            for (const auto& cand : store::team_candidates(c, domain_sql(p.team.assignment_domain, now),
                                                           now - delay_h * 3600, after, batch_size_)) {
                tc.lead_ids.push_back(cand.id);
                stage_of[cand.id] = cand.stage_id;
            }
            candidates.push_back(std::move(tc));
        }
    }
    const auto team_plan = assignment::plan_teams(candidates, seed);
    if (!team_plan.empty())
        db_.write([&](store::Connection& c) {
            for (const auto& d : team_plan) {
                // A stage private to another pipeline: the new team's first stage instead.
                std::optional<int64_t> new_stage;
                const auto st = stage_of[d.lead_id];
                const Stage* current = nullptr;
                for (const auto& s : stages)
                    if (st && s.id == *st) current = &s;
                if (!current || !stage_fits_team(*current, d.team_id))
                    if (const Stage* first = first_stage(stages, d.team_id)) new_stage = first->id;
                if (!store::write_team(c, d.lead_id, d.team_id, new_stage, now)) continue;
                log_row(c, d.lead_id, d.team_id, std::nullopt, d.rule);
                assigned_event(c, d.lead_id, d.team_id, std::nullopt, by_user, now);
                ++out.team_assigned;
            }
        });

    // Member step, team by team: one query for the team's leads and one per member with a domain.
    const auto received = store::received_since(db_.reader(), now - 86400);
    const auto preferred = store::preferred_domains(db_.reader());
    uint64_t team_seed = seed;
    for (const auto& p : teams) {
        if (p.members.empty()) continue;
        auto& c = db_.reader();
        auto leads = store::team_unassigned(c, p.team.id, {}, batch_size_);
        if (leads.empty()) continue;
        std::vector<assignment::MemberInput> members;
        for (const auto& m : p.members) {
            assignment::MemberInput in;
            in.user_id = m.user_id;
            in.capacity_30d = m.max_leads_30d;
            if (auto it = received.find({p.team.id, m.user_id}); it != received.end()) in.received_24h = it->second;
            if (assignment::daily_quota(in, force_quota) == 0) continue;  // no query for a member who takes nothing
            if (m.assignment_domain.find_first_not_of(" \t\r\n") == std::string::npos)
                for (const auto& l : leads) in.domain.insert(l.id);
            else
                for (const auto& l : store::team_unassigned(c, p.team.id, domain_sql(m.assignment_domain, now), batch_size_))
                    in.domain.insert(l.id);
            if (auto pref = preferred.find({p.team.id, m.user_id}); pref != preferred.end()) {
                // Preferred = the member's domain AND the preferred one (Odoo 18).
                for (const auto& l : store::team_unassigned(c, p.team.id, domain_sql(pref->second, now), batch_size_))
                    if (in.domain.count(l.id)) in.preferred.insert(l.id);
            }
            members.push_back(std::move(in));
        }
        const auto plan = assignment::plan_members(leads, members, force_quota, ++team_seed);
        if (plan.empty()) continue;
        db_.write([&](store::Connection& w) {
            for (const auto& d : plan) {
                if (!store::write_member(w, d.lead_id, d.user_id, now)) continue;
                log_row(w, d.lead_id, p.team.id, d.user_id, d.rule);
                assigned_event(w, d.lead_id, p.team.id, d.user_id, by_user, now);
                ++out.member_assigned;
            }
        });
    }
    return out;
}

}  // namespace tumen::server
