#include "services/assignment_service.hpp"

#include <algorithm>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "services/auth_service.hpp"  // unix_now
#include "services/lead_conversion_service.hpp"  // write_merge
#include "services/lead_service.hpp"  // required_version
#include "services/message_lang.hpp"
#include "services/record_support.hpp"
#include "store/assignment_queries.hpp"
#include "store/change_log.hpp"
#include "store/filter_sql_fields.hpp"
#include "store/jobs.hpp"
#include "store/leads.hpp"
#include "store/messages.hpp"
#include "store/score_rules.hpp"  // scoring_context
#include "store/stages.hpp"
#include "store/team_members.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"
#include "tumen/filter_check.hpp"
#include "tumen/stage.hpp"

namespace tumen::server {

namespace {

// A team or member domain as SQL over leads `l`; empty = every lead. A domain that no longer compiles (a field
// was removed since it was saved) matches nothing rather than everything.
store::SqlWhere domain_sql(const std::string& text, int64_t now,
                           const store::SqlFieldMap& fields = store::lead_sql_fields()) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return {};
    auto expr = filter::parse_checked(text, filter::lead_filter_fields());
    if (!expr) return store::SqlWhere{"0", {}};
    auto where = store::compile_filter_sql(expr.value(), filter::lead_filter_fields(), fields, store::scoring_context(now));
    return where ? where.value() : store::SqlWhere{"0", {}};
}

nlohmann::json assignment_row_json(const store::AssignmentLogRow& r) {
    auto opt = [](const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    return {{"id", r.id},       {"run_at", r.run_at}, {"lead_id", r.lead_id}, {"team_id", opt(r.team_id)},
            {"user_id", opt(r.user_id)}, {"rule", r.rule},     {"forced", r.forced},
            {"lead_name", r.lead_name ? nlohmann::json(*r.lead_name) : nlohmann::json()}};
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

int64_t AssignmentService::merge_duplicates(const std::unordered_map<int64_t, store::AssignCandidate>& candidates,
                                            const std::vector<Stage>& stages, int64_t by_user, int64_t now) {
    std::map<std::string, std::vector<int64_t>> by_email;
    for (const auto& [id, cand] : candidates)
        if (!cand.email_norm.empty()) by_email[cand.email_norm].push_back(id);
    std::vector<std::vector<int64_t>> groups;
    for (auto& [_, ids] : by_email)
        if (ids.size() > 1) std::sort(ids.begin(), ids.end()), groups.push_back(std::move(ids));
    if (groups.empty()) return 0;
    Caller job;
    job.user_id = by_user;
    job.role = "admin";
    return db_.write([&](store::Connection& c) {
        int64_t merged = 0;
        for (const auto& ids : groups) {
            std::vector<Lead> leads;
            for (int64_t id : ids)
                if (auto l = store::find_lead(c, id); l && !l->team_id && !l->user_id) leads.push_back(std::move(*l));
            if (leads.size() < 2) continue;  // taken or deleted meanwhile
            auto plan = merge_leads(leads, stages, {}, now);
            if (!plan) continue;
            // A merge that fails half way leaves nothing behind; the leads are then assigned one by one.
            c.exec("SAVEPOINT assignment_merge");
            auto kept = write_merge(c, job, std::move(plan.value()), leads, std::nullopt, now);
            if (!kept) c.exec("ROLLBACK TO assignment_merge");
            c.exec("RELEASE assignment_merge");
            if (kept) merged += static_cast<int64_t>(leads.size()) - 1;
        }
        return merged;
    });
}

AssignmentService::AssignmentService(store::Database& db, JobRunner& jobs) : db_(db), jobs_(jobs) {
    jobs_.register_kind(
        assign_kind,
        [this](JobContext& ctx, const nlohmann::json&) -> Result<void> {
            std::random_device rd;
            auto out = assign(0, false, unix_now(), (uint64_t{rd()} << 32) | rd());
            ctx.log("assigned " + std::to_string(out.team_assigned) + " leads to teams and " +
                    std::to_string(out.member_assigned) + " to salespeople; " + std::to_string(out.merged) +
                    " duplicates merged");
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
    std::vector<int64_t> ids;
    for (const auto& item : out.items) ids.push_back(item["lead_id"].get<int64_t>());
    const auto names = store::lead_names(db_.reader(), ids);
    for (auto& item : out.items)
        if (auto n = names.find(item["lead_id"].get<int64_t>()); n != names.end()) item["lead_name"] = n->second;
    return nlohmann::json{{"team_assigned", out.team_assigned}, {"member_assigned", out.member_assigned},
                          {"merged", out.merged}, {"items", std::move(out.items)}};
}

Result<nlohmann::json> AssignmentService::log(std::optional<int64_t> lead_id, int limit, int64_t before_id) {
    if (limit < 1 || limit > 500) return field_error("limit", "must be 1..500", "error.range");
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : store::list_assignment_log(db_.reader(), lead_id, limit, before_id)) items.push_back(assignment_row_json(r));
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
        if (out.items.size() < 1000) out.items.push_back(assignment_row_json(r));  // the reply shows the first thousand
    };

    // Team step, planned: one candidate query per team.
    std::vector<assignment::TeamCandidates> candidates;
    std::unordered_map<int64_t, store::AssignCandidate> candidate_of;
    auto collect = [&] {
        candidates.clear();
        candidate_of.clear();
        auto& c = db_.reader();
        const std::optional<int64_t> after = force_quota ? std::nullopt : std::optional(now - cron_window_s);
        for (const auto& p : teams) {
            int64_t capacity = 0;
            for (const auto& m : p.members) capacity += m.max_leads_30d;
            if (capacity <= 0) continue;
            assignment::TeamCandidates tc{p.team.id, capacity, {}};
            for (auto& cand : store::team_candidates(c, domain_sql(p.team.assignment_domain, now),
                                                     now - delay_h * 3600, after, batch_size_)) {
                tc.lead_ids.push_back(cand.id);
                candidate_of[cand.id] = std::move(cand);
            }
            candidates.push_back(std::move(tc));
        }
    };
    collect();
    // Duplicates on the way are merged first (Odoo's _allocate_leads_deduplicate): candidates sharing a
    // normalised e-mail become one lead, which is then assigned; the candidates are read again after a merge.
    if ((out.merged = merge_duplicates(candidate_of, stages, by_user, now)) > 0) collect();
    const auto team_plan = assignment::plan_teams(candidates, seed);
    // A stage private to another pipeline (or none): the new team's first stage instead.
    std::unordered_map<int64_t, std::optional<int64_t>> new_stage_of;
    std::map<int64_t, std::vector<store::AssignCandidate>> joining;  // team -> leads the team step gives it
    for (const auto& d : team_plan) {
        auto cand = candidate_of[d.lead_id];
        std::optional<int64_t> new_stage;
        const Stage* current = nullptr;
        for (const auto& s : stages)
            if (cand.stage_id && s.id == *cand.stage_id) current = &s;
        if (!current || !stage_fits_team(*current, d.team_id))
            if (const Stage* first = first_stage(stages, d.team_id)) new_stage = first->id;
        new_stage_of[d.lead_id] = new_stage;
        if (new_stage) cand.stage_id = new_stage;
        joining[d.team_id].push_back(cand);
    }

    // Member step, planned on the team's waiting leads plus those the team step gives it (as they will be once
    // written): one query for the team's leads and one per member domain, over the pool.
    const auto received = store::received_since(db_.reader(), now - 86400);
    std::unordered_map<int64_t, assignment::MemberDecision> member_of;  // lead -> member decision
    std::vector<std::pair<int64_t, assignment::MemberDecision>> waiting_plan;  // (team, decision) for leads already in a team
    uint64_t team_seed = seed;
    for (const auto& p : teams) {
        if (p.members.empty()) continue;
        auto& c = db_.reader();
        auto pool = store::team_waiting(c, p.team.id, batch_size_);
        const size_t waiting = pool.size();
        if (auto j = joining.find(p.team.id); j != joining.end()) pool.insert(pool.end(), j->second.begin(), j->second.end());
        if (pool.empty()) continue;
        std::vector<assignment::TeamLead> leads;
        leads.reserve(pool.size());
        for (const auto& l : pool) leads.push_back({l.id, l.probability});
        std::vector<assignment::MemberInput> members;
        for (const auto& m : p.members) {
            assignment::MemberInput in;
            in.user_id = m.user_id;
            in.capacity_30d = m.max_leads_30d;
            if (auto it = received.find({p.team.id, m.user_id}); it != received.end()) in.received_24h = it->second;
            if (assignment::daily_quota(in, force_quota) == 0) continue;  // no query for a member who takes nothing
            if (m.assignment_domain.find_first_not_of(" \t\r\n") == std::string::npos)
                for (const auto& l : pool) in.domain.insert(l.id);
            else
                in.domain = store::pool_matching(c, p.team.id, pool,
                                                 domain_sql(m.assignment_domain, now, store::pooled_lead_sql_fields()));
            if (m.assignment_domain_preferred.find_first_not_of(" \t\r\n") != std::string::npos) {
                // Preferred = the member's domain AND the preferred one (Odoo 18).
                for (int64_t id : store::pool_matching(c, p.team.id, pool,
                                                       domain_sql(m.assignment_domain_preferred, now,
                                                                  store::pooled_lead_sql_fields())))
                    if (in.domain.count(id)) in.preferred.insert(id);
            }
            members.push_back(std::move(in));
        }
        std::unordered_set<int64_t> was_waiting;
        for (size_t i = 0; i < waiting; ++i) was_waiting.insert(pool[i].id);
        for (auto& d : assignment::plan_members(leads, members, force_quota, ++team_seed)) {
            if (was_waiting.count(d.lead_id)) waiting_plan.emplace_back(p.team.id, std::move(d));
            else member_of[d.lead_id] = std::move(d);
        }
    }

    // The chatter line of each assigned lead, in the salesperson's language (else the one who ran it, else English).
    std::unordered_map<int64_t, std::string> team_name;
    for (const auto& p : teams) team_name[p.team.id] = p.team.name;
    std::unordered_map<int64_t, store::UserRow> people;
    {
        auto& c = db_.reader();
        auto know = [&](int64_t id) {
            if (id > 0 && !people.count(id))
                if (auto u = store::find_user(c, id)) people[id] = std::move(*u);
        };
        know(by_user);
        for (const auto& [_, d] : member_of) know(d.user_id);
        for (const auto& [_, d] : waiting_plan) know(d.user_id);
    }
    auto chatter = [&](store::Connection& c, int64_t lead, std::optional<int64_t> team, std::optional<int64_t> user) {
        const auto person = people.find(user.value_or(by_user));
        const auto lang = message_lang(person != people.end() ? person->second.lang : "");
        const std::string user_name = user && person != people.end() ? person->second.name : "";
        ChatterMessage note;
        note.res_model = "lead";
        note.res_id = lead;
        note.kind = MessageKind::note;
        note.body = i18n::tr(lang, !user ? "assignment.chatter_team" : team ? "assignment.chatter_team_member" : "assignment.chatter_member",
                             {{"team", team ? team_name[*team] : ""}, {"user", user_name}});
        if (by_user > 0) note.author_id = by_user;
        note.date = now;
        store::insert_message(c, note);  // the same prepared statement for every lead of the batch
    };

    // Writes: each lead once (team and salesperson together when both steps chose it), with its log rows and one
    // change event; one transaction per batch of leads.
    const size_t total = team_plan.size() + waiting_plan.size();
    const size_t per_txn = static_cast<size_t>(std::max(1, batch_size_));
    for (size_t from = 0; from < total; from += per_txn) {
        db_.write([&](store::Connection& c) {
            for (size_t i = from; i < std::min(total, from + per_txn); ++i) {
                if (i < team_plan.size()) {
                    const auto& d = team_plan[i];
                    const auto m = member_of.find(d.lead_id);
                    if (m == member_of.end()) {
                        if (!store::write_team(c, d.lead_id, d.team_id, new_stage_of[d.lead_id], now)) continue;
                        log_row(c, d.lead_id, d.team_id, std::nullopt, d.rule);
                        assigned_event(c, d.lead_id, d.team_id, std::nullopt, by_user, now);
                        chatter(c, d.lead_id, d.team_id, std::nullopt);
                        ++out.team_assigned;
                        continue;
                    }
                    if (!store::write_team_member(c, d.lead_id, d.team_id, new_stage_of[d.lead_id], m->second.user_id, now))
                        continue;
                    log_row(c, d.lead_id, d.team_id, std::nullopt, d.rule);
                    log_row(c, d.lead_id, d.team_id, m->second.user_id, m->second.rule);
                    assigned_event(c, d.lead_id, d.team_id, m->second.user_id, by_user, now);
                    chatter(c, d.lead_id, d.team_id, m->second.user_id);
                    ++out.team_assigned;
                    ++out.member_assigned;
                } else {
                    const auto& [team, d] = waiting_plan[i - team_plan.size()];
                    if (!store::write_member(c, d.lead_id, d.user_id, now)) continue;
                    log_row(c, d.lead_id, team, d.user_id, d.rule);
                    assigned_event(c, d.lead_id, team, d.user_id, by_user, now);
                    chatter(c, d.lead_id, std::nullopt, d.user_id);
                    ++out.member_assigned;
                }
            }
        });
    }
    return out;
}

}  // namespace tumen::server
