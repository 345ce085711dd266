#include "live/live_event.hpp"

#include <algorithm>
#include <set>

#include "store/change_log.hpp"
#include "store/leads.hpp"
#include "store/quotations.hpp"

namespace tumen::server::live {

namespace {

using nlohmann::json;

bool internal_user(const Caller& c) {
    return c.role == "admin" || c.role == "manager" || c.role == "sales_all" || c.role == "sales_own";
}

bool in_teams(const Caller& c, const std::optional<int64_t>& team) {
    return team && std::find(c.team_ids.begin(), c.team_ids.end(), *team) != c.team_ids.end();
}

// Settings lists and pipeline configuration: readable by every user, so their changes go to every user.
bool is_reference_entity(const std::string& e) {
    static const std::set<std::string> names = {"stage", "team", "team_member", "tag", "lost_reason", "utm_source",
                                                "utm_medium", "utm_campaign", "contact_category"};
    return names.count(e) > 0;
}

json opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(); }
std::optional<int64_t> opt_id(const json& v) { return v.is_number_integer() ? std::optional<int64_t>(v.get<int64_t>()) : std::nullopt; }

// The reseller a lead is assigned to (portal users' rule); not part of the Lead record.
std::optional<int64_t> partner_assigned(store::Connection& c, int64_t lead_id) {
    auto s = c.prepare("SELECT partner_assigned_id FROM leads WHERE id = ?");
    s.bind(1, lead_id);
    return s.step() ? s.get_opt_int(0) : std::nullopt;
}

}  // namespace

const std::vector<std::string>& lead_event_fields() {
    static const std::vector<std::string> fields = {
        "name", "partner_name", "contact_name", "email", "phone", "expected_revenue", "probability", "priority",
        "tag_ids", "user_id", "stage_id", "team_id", "active", "type", "lost_reason_id", "create_date",
        "date_last_stage_update"};
    return fields;
}

// Who the deal is with, as a person: not for wall displays.
constexpr const char* contact_fields[] = {"contact_name", "email", "phone"};

const std::vector<std::string>& kiosk_card_fields() {
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> v;
        for (const auto& f : lead_event_fields())
            if (std::none_of(std::begin(contact_fields), std::end(contact_fields), [&](const char* c) { return f == c; }))
                v.push_back(f);
        return v;
    }();
    return fields;
}

std::vector<LiveEvent> load_events(store::Connection& c, int64_t after_id, int limit) {
    std::vector<LiveEvent> out;
    for (auto& row : store::changes_after(c, after_id, limit)) {
        LiveEvent e;
        e.id = row.id;
        e.entity = row.entity;
        e.action = row.action;
        e.entity_id = row.entity_id;
        e.team_id = row.team_id;
        e.user_id = row.user_id;
        json data = {{"entity", row.entity}, {"id", row.entity_id}, {"action", row.action}, {"team_id", opt(row.team_id)}};
        if (row.payload.is_object() && row.payload.contains("by")) data["by"] = row.payload["by"];
        if (row.entity == "lead") {
            std::optional<Lead> now = row.action == "deleted" ? std::nullopt : store::find_lead(c, row.entity_id);
            if (now) {
                // The lead as it is when the row is read: the hub reads each row just after its commit (so the
                // last event of a lead is its current state); a replay from the log, older than the hub's memory,
                // shows the current state, as a reload would. The version tells the client whether it is news.
                e.lead = store::LeadAccessFacts{now->user_id, now->team_id, partner_assigned(c, now->id), now->follower_ids};
                e.team_id = now->team_id;
                data["team_id"] = opt(now->team_id);
                data["version"] = now->version;
                json full = *now;
                json fields = {{"id", now->id}, {"version", now->version}};
                for (const auto& f : lead_event_fields())
                    if (full.contains(f)) fields[f] = full[f];
                data["lead"] = std::move(fields);
                if (row.payload.is_object() && row.payload.contains("was")) {
                    const json& was = row.payload["was"];
                    auto before = *e.lead;
                    if (was.contains("user_id")) before.user_id = opt_id(was["user_id"]);
                    if (was.contains("team_id")) before.team_id = opt_id(was["team_id"]);
                    e.lead_before = std::move(before);
                    e.hidden_frame = sse_frame(e.id, "lead.hidden",
                                               {{"entity", "lead"}, {"id", row.entity_id}, {"action", "hidden"}});
                }
            } else {
                // Deleted (or deleted since): the salesperson and team as logged decide who hears of it.
                e.lead = store::LeadAccessFacts{row.user_id, row.team_id, std::nullopt, {}};
                if (row.payload.is_object() && row.payload.contains("merged_into")) data["merged_into"] = row.payload["merged_into"];
            }
        } else {
            json payload = row.payload.is_object() ? row.payload : json::object();
            payload.erase("by");
            data["payload"] = std::move(payload);
        }
        if (row.entity == "quotation")
            if (auto q = store::find_quotation(c, row.entity_id)) {
                LiveEvent::QuotationAccess a;
                a.user_id = q->user_id;
                a.team_id = q->team_id;
                a.has_lead = q->lead_id.has_value();
                if (q->lead_id)
                    if (auto l = store::find_lead(c, *q->lead_id))
                        a.lead = store::LeadAccessFacts{l->user_id, l->team_id, partner_assigned(c, l->id), l->follower_ids};
                e.quotation = std::move(a);
            }
        e.frame = sse_frame(e.id, e.entity + "." + e.action, data);
        if (data.contains("lead")) {
            json kiosk = data;
            for (const char* f : contact_fields) kiosk["lead"].erase(f);
            e.kiosk_frame = sse_frame(e.id, e.entity + "." + e.action, kiosk);
        }
        out.push_back(std::move(e));
    }
    return out;
}

bool visible_to(const LiveEvent& e, const Caller& caller) {
    if (e.entity == "lead") {
        if (!e.lead) return false;
        if (caller.is_kiosk()) return in_teams(caller, e.lead->team_id);
        return store::lead_rule_allows(caller, *e.lead);
    }
    if (caller.is_kiosk()) {
        // A kiosk shows its teams' boards: their stages (and the shared ones) and the teams themselves.
        if (e.entity == "stage") return !e.team_id || in_teams(caller, e.team_id);
        if (e.entity == "team") return in_teams(caller, e.entity_id);
        return false;
    }
    if (is_reference_entity(e.entity)) return true;
    if (e.entity == "contact") return internal_user(caller);
    if (e.entity == "import") return e.user_id && *e.user_id == caller.user_id;
    if (e.entity == "quotation" && e.quotation) {
        // The same rule as quotation_rule_sql: the opportunity's rule, else the salesperson (unassigned: the team).
        const auto& q = *e.quotation;
        if (store::sees_all_leads(caller)) return true;
        if (store::lead_rule_sql(caller).sql == "0") return false;
        if (q.has_lead) return q.lead && store::lead_rule_allows(caller, *q.lead);
        return q.user_id ? *q.user_id == caller.user_id : in_teams(caller, q.team_id);
    }
    return caller.role == "admin";
}

const std::string* frame_for(const LiveEvent& e, const Caller& caller) {
    if (visible_to(e, caller)) return caller.is_kiosk() && !e.kiosk_frame.empty() ? &e.kiosk_frame : &e.frame;
    if (!e.lead_before) return nullptr;
    LiveEvent before = e;  // rare: only changes of salesperson or team reach this
    before.lead = e.lead_before;
    return visible_to(before, caller) ? &e.hidden_frame : nullptr;
}

std::string sse_frame(int64_t id, std::string_view event, const nlohmann::json& data) {
    std::string out = "id: " + std::to_string(id) + "\nevent: ";
    out.append(event);
    out += "\ndata: ";
    out += data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += "\n\n";
    return out;
}

std::string sse_comment(std::string_view text) {
    std::string out = ": ";
    out.append(text);
    out += "\n\n";
    return out;
}

}  // namespace tumen::server::live
