#include "services/lead_service.hpp"

#include "services/auth_service.hpp"
#include "services/webhook_service.hpp"
#include "store/analysis_totals.hpp"
#include "store/attachments.hpp"
#include "store/change_log.hpp"
#include "store/leads.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"
#include "tz/user_zone.hpp"

namespace tumen::server {

namespace {

Error lead_service_not_found(int64_t id) { return Error::make(ErrorCode::not_found, "No lead with id " + std::to_string(id)); }

Error stale(const Lead& current) {
    Error e = Error::make(ErrorCode::conflict, "Someone changed this lead since you opened it; reload and try again",
                          "version");
    e.current = current;
    return e;
}

}  // namespace

void record_lead_change(store::Connection& c, const Caller& caller, const Lead& lead, const std::string& action,
                        const std::vector<TrackingValue>& tracking, Timestamp now) {
    if (auto msg = tracking_message("lead", lead.id, tracking, caller.user_id ? std::optional<int64_t>(caller.user_id) : std::nullopt, now))
        store::insert_message(c, *msg);
    store::ChangeEvent e;
    e.at = now;
    e.entity = "lead";
    e.entity_id = lead.id;
    e.action = action;
    e.team_id = lead.team_id;
    e.user_id = lead.user_id;
    e.payload = {{"version", lead.version}, {"stage_id", lead.stage_id ? nlohmann::json(*lead.stage_id) : nlohmann::json()},
                 {"by", caller.user_id}};
    // The salesperson and team it had: whoever could see the lead before, and cannot now, hears that it left.
    for (const auto& t : tracking)
        if (t.field == "user_id" || t.field == "team_id") e.payload["was"][t.field] = t.old_value;
    store::append_change(c, e);
    // Outgoing webhooks of this change, in its transaction (issue 8).
    queue_lead_webhooks(c, lead, action, tracking, now);
}

std::vector<std::string> delete_lead_records(store::Connection& c, const Caller& caller, const Lead& lead, Timestamp now) {
    store::delete_lead(c, lead.id);
    c.prepare("DELETE FROM messages WHERE res_model = 'lead' AND res_id = ?").bind(1, lead.id).run();
    auto released = store::delete_record_attachments(c, "lead", lead.id);
    record_lead_change(c, caller, lead, "deleted", {}, now);
    return released;
}

Result<int64_t> required_version(const nlohmann::json& body) {
    if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer() ||
        body["version"].get<int64_t>() < 1) {
        FieldErrors fe;
        fe.add("version", "is required: the version of the record you read", "error.required");
        return fe.to_error();
    }
    return body["version"].get<int64_t>();
}

store::SqlFragment LeadService::rule_of(const Caller& caller) const { return store::lead_rule_sql(caller); }

filter::Context LeadService::filter_context_of(const Caller& caller) {
    filter::Context ctx;
    ctx.now = unix_now();
    ctx.utc_offset_minutes = 8 * 60;  // Mongolia (no DST); per-user zones come with the users' settings
    if (caller.user_id) ctx.user_id = caller.user_id;
    return ctx;
}

filter::Context LeadService::filter_context_of(const Caller& caller, store::Connection& c) {
    filter::Context ctx = filter_context_of(caller);
    if (caller.user_id > 0)
        if (auto u = store::find_user(c, caller.user_id); u && tz::is_known_zone(u->tz))
            ctx.utc_offset_minutes = tz::utc_offset_s(u->tz, ctx.now) / 60;
    return ctx;
}

Result<Lead> LeadService::get(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, id, rule_of(caller))) return lead_service_not_found(id);
    auto lead = store::find_lead(c, id);
    if (!lead) return lead_service_not_found(id);
    return std::move(*lead);
}

Result<Lead> LeadService::create(const Caller& caller, const nlohmann::json& body) {
    const Timestamp now = unix_now();
    return db_.write([&](store::Connection& c) -> Result<Lead> {
        NewLeadDefaults defaults;
        if (auto team = store::default_team_of(c, caller.user_id)) {
            defaults.team_id = team->id;
            defaults.type = team->use_leads ? LeadType::lead : LeadType::opportunity;
        }
        if (caller.role == "sales_own" || caller.role == "sales_all") defaults.user_id = caller.user_id;
        auto change = create_lead(body, store::load_stages(c), defaults, now);
        if (!change) return change.error();
        Lead lead = std::move(change->lead);
        // An own-documents user who hands a new lead to a colleague keeps seeing it, as its follower.
        if (caller.role == "sales_own" && lead.user_id && *lead.user_id != caller.user_id)
            lead.follower_ids.push_back(caller.user_id);
        store::insert_lead(c, lead);
        record_lead_change(c, caller, lead, "created", {}, now);
        return lead;
    });
}

Result<Lead> LeadService::apply(const Caller& caller, int64_t id, const nlohmann::json& body, const std::string& action,
                                const Rule& rule) {
    auto version = required_version(body);
    if (!version) return version.error();
    const Timestamp now = unix_now();
    return db_.write([&](store::Connection& c) -> Result<Lead> {
        if (!store::lead_visible(c, id, rule_of(caller))) return lead_service_not_found(id);
        auto current = store::find_lead(c, id);
        if (!current) return lead_service_not_found(id);
        if (current->version != version.value()) return stale(*current);
        auto change = rule(*current, store::load_stages(c), now);
        if (!change) return change.error();
        Lead lead = std::move(change->lead);
        if (lead == *current) return lead;  // nothing to write: no new version, no event
        lead.write_date = now;
        if (!store::update_lead(c, lead)) return stale(*current);
        // Tracked after the write: predictive scoring may have moved the probability the rule set.
        record_lead_change(c, caller, lead, action, track_lead_changes(*current, lead), now);
        return lead;
    });
}

Result<Lead> LeadService::edit(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    nlohmann::json fields = patch;
    fields.erase("version");
    return apply(caller, id, patch, "updated", [&](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
        return edit_lead(l, fields, stages, now);
    });
}

Result<Lead> LeadService::move(const Caller& caller, int64_t id, const nlohmann::json& body) {
    if (!body.is_object() || !body.contains("stage_id") || !body["stage_id"].is_number_integer()) {
        FieldErrors fe;
        fe.add("stage_id", "is required", "error.required");
        return fe.to_error();
    }
    const int64_t stage_id = body["stage_id"].get<int64_t>();
    return apply(caller, id, body, "moved", [&](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
        return move_to_stage(l, stage_id, stages, now);
    });
}

Result<Lead> LeadService::won(const Caller& caller, int64_t id, const nlohmann::json& body) {
    return apply(caller, id, body, "won", [](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
        return mark_won(l, stages, now);
    });
}

Result<Lead> LeadService::lost(const Caller& caller, int64_t id, const nlohmann::json& body) {
    std::optional<int64_t> reason;
    std::string note;
    FieldErrors fe;
    if (body.contains("lost_reason_id") && !body["lost_reason_id"].is_null()) {
        if (!body["lost_reason_id"].is_number_integer()) fe.add("lost_reason_id", "must be an id", "error.type");
        else reason = body["lost_reason_id"].get<int64_t>();
    }
    if (body.contains("note") && !body["note"].is_null()) {
        if (!body["note"].is_string()) fe.add("note", "must be text", "error.type");
        else note = body["note"].get<std::string>();
    }
    if (!fe.empty()) return fe.to_error();
    if (reason) {
        auto exists = db_.reader().prepare("SELECT count(*) FROM lost_reasons WHERE id = ?").bind(1, *reason).scalar_int();
        if (!exists) {
            FieldErrors unknown;
            unknown.add("lost_reason_id", "no such lost reason", "error.unknown_id");
            return unknown.to_error();
        }
    }
    return apply(caller, id, body, "lost", [&](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
        return mark_lost(l, stages, reason, note, now);
    });
}

Result<Lead> LeadService::restore(const Caller& caller, int64_t id, const nlohmann::json& body) {
    return apply(caller, id, body, "restored", [](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
        return tumen::restore(l, stages, now);
    });
}

Result<Lead> LeadService::archive(const Caller& caller, int64_t id, const nlohmann::json& body) {
    return apply(caller, id, body, "archived", [](const Lead& l, const std::vector<Stage>&, Timestamp now) {
        return tumen::archive(l, now);
    });
}

Result<bool> LeadService::remove(const Caller& caller, int64_t id) {
    const Timestamp now = unix_now();
    std::vector<std::string> released;
    auto done = db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::lead_visible(c, id, rule_of(caller))) return lead_service_not_found(id);
        auto lead = store::find_lead(c, id);
        if (!lead) return lead_service_not_found(id);
        released = delete_lead_records(c, caller, *lead, now);
        return true;
    });
    if (done) release_files(released);
    return done;
}

Result<store::LeadPage> LeadService::search(const Caller& caller, store::LeadQuery q, bool with_total) {
    q.context = filter_context_of(caller, db_.reader());
    return store::search_leads(db_.reader(), q, rule_of(caller), with_total);
}

Result<analysis::Answer> LeadService::analyse(const Caller& caller, store::LeadQuery q, const std::string& group_by,
                                              const std::string& group_by2) {
    q.context = filter_context_of(caller, db_.reader());
    if (auto rule = store::analysis_totals_rule(caller))
        if (auto answer = store::analyse_from_totals(db_.reader(), q, *rule, group_by, group_by2)) return std::move(*answer);
    return store::analyse_leads(db_.reader(), q, rule_of(caller), group_by, group_by2);
}

Result<analysis::StageFlow> LeadService::stage_flow(const Caller& caller, store::LeadQuery q) {
    q.context = filter_context_of(caller, db_.reader());
    return store::stage_flow(db_.reader(), q, rule_of(caller));
}

Result<std::vector<store::LeadGroup>> LeadService::groups(const Caller& caller, store::LeadQuery q,
                                                          const std::string& group_by, int cards_per_group) {
    q.context = filter_context_of(caller, db_.reader());
    return store::group_leads(db_.reader(), q, rule_of(caller), group_by, cards_per_group);
}

Result<std::vector<ChatterMessage>> LeadService::messages(const Caller& caller, int64_t id, int limit, int64_t before_id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, id, rule_of(caller))) return lead_service_not_found(id);
    if (limit < 1 || limit > 200) return Error::make(ErrorCode::bad_request, "limit must be 1..200", "limit");
    return store::list_messages(c, "lead", id, limit, before_id);
}

Result<ChatterMessage> LeadService::post_note(const Caller& caller, int64_t id, const nlohmann::json& body) {
    nlohmann::json msg = {{"res_model", "lead"}, {"res_id", id}, {"kind", "note"}};
    if (body.is_object() && body.contains("body")) msg["body"] = body["body"];
    auto m = chatter_message_from_json(msg);
    if (!m) return m.error();
    ChatterMessage note = std::move(m.value());
    if (note.body.empty()) {
        FieldErrors fe;
        fe.add("body", "is required", "error.required");
        return fe.to_error();
    }
    note.author_id = caller.user_id;
    note.author_name = caller.name;
    note.date = unix_now();
    return db_.write([&](store::Connection& c) -> Result<ChatterMessage> {
        if (!store::lead_visible(c, id, rule_of(caller))) return lead_service_not_found(id);
        store::insert_message(c, note);
        store::ChangeEvent e;
        e.at = note.date;
        e.entity = "lead";
        e.entity_id = id;
        e.action = "message";
        e.payload = {{"message_id", note.id}};
        store::append_change(c, e);
        return note;
    });
}

}  // namespace tumen::server
