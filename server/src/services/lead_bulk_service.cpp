#include "services/lead_bulk_service.hpp"

#include <algorithm>
#include <functional>

#include "services/auth_service.hpp"
#include "services/lead_conversion_service.hpp"
#include "services/record_support.hpp"
#include "store/leads.hpp"
#include "store/record_rules.hpp"
#include "store/reference_tables.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"

namespace tumen::server {

namespace {

using Rule = std::function<Result<LeadChange>(const Lead&, const std::vector<Stage>&, Timestamp)>;

struct Plan {
    std::string action;       // as sent
    std::string event;        // change-log action, as the single-lead endpoint writes it
    Rule rule;                // empty for delete
    // True for a lead already in the state the action asks for: it is skipped, not a failure, so a selection
    // that mixes archived and active leads can be archived (or restored) in one go.
    std::function<bool(const Lead&)> already_done;
};

// An optional id member: absent, null (`present` true, value empty) or a positive integer; else a field error.
bool read_id(const nlohmann::json& body, const std::string& field, bool& present, std::optional<int64_t>& value,
             FieldErrors& fe) {
    present = body.contains(field);
    if (!present || body[field].is_null()) return true;
    if (!body[field].is_number_integer() || body[field].get<int64_t>() < 1) {
        fe.add(field, "must be an id", "error.type");
        return false;
    }
    value = body[field].get<int64_t>();
    return true;
}

// Reads the action and its parameters, checking that referenced records exist (422 naming the field).
Result<Plan> plan_of(store::Connection& c, const Caller& caller, const nlohmann::json& body) {
    if (!body.contains("action") || !body["action"].is_string())
        return field_error("action", "is required: assign, add_tag, set_stage, lost, archive, restore or delete",
                           "error.required");
    Plan p;
    p.action = body["action"].get<std::string>();
    FieldErrors fe;
    if (p.action == "assign") {
        bool has_user = false, has_team = false;
        std::optional<int64_t> user, team;
        read_id(body, "user_id", has_user, user, fe);
        read_id(body, "team_id", has_team, team, fe);
        if (!has_user && !has_team) fe.add("user_id", "assign needs user_id, team_id or both", "error.required");
        if (user && !store::find_user(c, *user)) fe.add("user_id", "no such user", "error.unknown_id");
        if (team && !store::find_team(c, *team)) fe.add("team_id", "no such team", "error.unknown_id");
        if (!fe.empty()) return fe.to_error();
        nlohmann::json patch = nlohmann::json::object();
        if (has_user) patch["user_id"] = user ? nlohmann::json(*user) : nlohmann::json();
        if (has_team) patch["team_id"] = team ? nlohmann::json(*team) : nlohmann::json();
        p.event = "updated";
        p.rule = [patch](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
            return edit_lead(l, patch, stages, now);
        };
    } else if (p.action == "add_tag") {
        bool has = false;
        std::optional<int64_t> tag;
        read_id(body, "tag_id", has, tag, fe);
        if (fe.empty() && !tag) fe.add("tag_id", "is required", "error.required");
        if (tag && !store::ref_exists(c, store::tags_table(), *tag)) fe.add("tag_id", "no such tag", "error.unknown_id");
        if (!fe.empty()) return fe.to_error();
        p.event = "updated";
        p.rule = [t = *tag](const Lead& l, const std::vector<Stage>& stages, Timestamp now) -> Result<LeadChange> {
            if (std::find(l.tag_ids.begin(), l.tag_ids.end(), t) != l.tag_ids.end()) return LeadChange{l, {}};
            auto tags = l.tag_ids;
            tags.push_back(t);
            return edit_lead(l, {{"tag_ids", tags}}, stages, now);
        };
    } else if (p.action == "set_stage") {
        bool has = false;
        std::optional<int64_t> stage;
        read_id(body, "stage_id", has, stage, fe);
        if (fe.empty() && !stage) fe.add("stage_id", "is required", "error.required");
        if (stage && !store::find_stage(c, *stage)) fe.add("stage_id", "no such stage", "error.unknown_id");
        if (!fe.empty()) return fe.to_error();
        p.event = "moved";
        p.rule = [s = *stage](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
            return move_to_stage(l, s, stages, now);
        };
    } else if (p.action == "lost") {
        bool has = false;
        std::optional<int64_t> reason;
        read_id(body, "lost_reason_id", has, reason, fe);
        std::string note;
        if (body.contains("note") && !body["note"].is_null()) {
            if (!body["note"].is_string()) fe.add("note", "must be text", "error.type");
            else note = body["note"].get<std::string>();
        }
        if (reason && !store::ref_exists(c, store::lost_reasons_table(), *reason))
            fe.add("lost_reason_id", "no such lost reason", "error.unknown_id");
        if (!fe.empty()) return fe.to_error();
        p.event = "lost";
        p.rule = [reason, note](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
            return mark_lost(l, stages, reason, note, now);
        };
    } else if (p.action == "archive") {
        p.event = "archived";
        p.rule = [](const Lead& l, const std::vector<Stage>&, Timestamp now) { return tumen::archive(l, now); };
        p.already_done = [](const Lead& l) { return !l.active; };
    } else if (p.action == "restore") {
        p.event = "restored";
        p.rule = [](const Lead& l, const std::vector<Stage>& stages, Timestamp now) { return tumen::restore(l, stages, now); };
        p.already_done = [](const Lead& l) { return l.active; };
    } else if (p.action == "delete") {
        // The single-lead delete is a manager's endpoint; its mass form is too.
        if (caller.role != "admin" && caller.role != "manager")
            return Error::make(ErrorCode::forbidden, "Only managers can delete leads", "action");
        p.event = "deleted";
    } else {
        return field_error("action", "must be assign, add_tag, set_stage, lost, archive, restore or delete");
    }
    return p;
}

Error failures_error(const std::vector<BulkFailure>& failures) {
    Error e = Error::make(ErrorCode::validation,
                          std::to_string(failures.size()) + (failures.size() == 1 ? " lead cannot" : " leads cannot") +
                              " take this action; nothing was changed",
                          "ids");
    for (const auto& f : failures) {
        const std::string key = f.error.details.empty() ? std::string("error.") + to_string(f.error.code) : f.error.details.front().key;
        e.details.push_back({"ids", "Lead " + std::to_string(f.id) + ": " + f.error.message, key});
    }
    return e;
}

}  // namespace

Result<BulkResult> LeadBulkService::run(const Caller& caller, const nlohmann::json& body, std::vector<BulkFailure>& failures) {
    failures.clear();
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto ids = id_list_field(body, "ids", 1, 5000);
    if (!ids) return ids.error();
    auto plan = plan_of(db_.reader(), caller, body);
    if (!plan) return plan.error();
    const Timestamp now = unix_now();
    std::vector<std::string> released;
    auto result = write_all_or_nothing<BulkResult>(db_, [&](store::Connection& c) -> Result<BulkResult> {
        released.clear();
        BulkResult out;
        const auto rule = store::lead_rule_sql(caller);
        const auto stages = store::load_stages(c);
        for (int64_t id : ids.value()) {
            auto lead = store::lead_visible(c, id, rule) ? store::find_lead(c, id) : std::nullopt;
            if (!lead) return record_not_found("lead", id);
            if (!plan->rule) {
                auto hashes = delete_lead_records(c, caller, *lead, now);
                released.insert(released.end(), hashes.begin(), hashes.end());
                out.ids.push_back(id);
                continue;
            }
            if (plan->already_done && plan->already_done(*lead)) continue;
            auto change = plan->rule(*lead, stages, now);
            if (!change) {
                failures.push_back({id, change.error()});
                continue;
            }
            if (change->lead == *lead) continue;  // already as asked: no new version, no event
            Lead updated = std::move(change->lead);
            updated.write_date = now;
            if (!store::update_lead(c, updated)) return stale_version("lead", *lead);
            record_lead_change(c, caller, updated, plan->event, track_lead_changes(*lead, updated), now);  // as stored
            out.ids.push_back(id);
        }
        if (!failures.empty()) return failures_error(failures);
        return out;
    });
    if (result) leads_.release_files(released);
    return result;
}

}  // namespace tumen::server
