#include "services/activity_service.hpp"

#include "services/auth_service.hpp"
#include "services/message_lang.hpp"
#include "services/record_support.hpp"
#include "store/activities.hpp"
#include "store/activity_bars.hpp"
#include "services/lead_service.hpp"
#include "store/calendar_queries.hpp"
#include "store/leads.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/users.hpp"
#include "tumen/i18n.hpp"
#include "tz/user_zone.hpp"

namespace tumen::server {

namespace {

using nlohmann::json;

bool activity_is_manager(const Caller& c) { return c.role == "admin" || c.role == "manager"; }

std::string activity_zone_of(store::Connection& c, std::optional<int64_t> user_id) {
    if (!user_id) return {};
    auto u = store::find_user(c, *user_id);
    return u ? u->tz : std::string();
}

// Today of the user an activity's state is for: its assignee, else the caller.
DayNumber today_for(store::Connection& c, const Caller& caller, const Activity& a) {
    return tz::local_day(activity_zone_of(c, a.user_id ? a.user_id : std::optional<int64_t>(caller.user_id)), unix_now());
}

json activity_json(store::Connection& c, const Caller& caller, const Activity& a) {
    json j = a;
    j["due_state"] = a.state == ActivityStatus::open && a.due_date
                         ? json(std::string(to_string(activity_state(*a.due_date, today_for(c, caller, a)))))
                         : json(nullptr);
    if (a.type_id)
        if (auto t = store::find_activity_type(c, *a.type_id)) {
            j["type_name"] = t->name;
            j["type_code"] = t->code;
            j["icon"] = t->icon;
            j["category"] = std::string(to_string(t->category));
        }
    return j;
}

Result<Activity> activity_load_visible(store::Connection& c, const Caller& caller, int64_t id) {
    auto a = store::find_activity(c, id);
    if (!a || !store::lead_visible(c, a->lead_id, store::lead_rule_sql(caller))) return record_not_found("activity", id);
    return std::move(*a);
}

std::optional<Error> check_refs(store::Connection& c, const Activity& a) {
    FieldErrors fe;
    if (a.type_id && !store::find_activity_type(c, *a.type_id)) fe.add("type_id", "no such activity type", "error.not_found");
    if (a.user_id && !store::find_user(c, *a.user_id)) fe.add("user_id", "no such user", "error.not_found");
    if (fe.empty()) return std::nullopt;
    return fe.to_error();
}

Result<void> check_version(const json& body, int64_t current) {
    if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer())
        return field_error("version", "is required (the version read)", "error.required");
    if (body["version"].get<int64_t>() != current) return Error::make(ErrorCode::conflict, "stale");
    return {};
}

void log_change(store::Connection& c, const Caller& caller, const Activity& a, const std::string& action) {
    log_record_change(c, caller, "activity", a.id, action, {{"lead_id", a.lead_id}});
    log_record_change(c, caller, "lead", a.lead_id, "activity", {{"activity_id", a.id}});
}

Activity new_activity(const Caller& caller, int64_t lead_id) {
    Activity a;
    a.lead_id = lead_id;
    a.user_id = caller.user_id > 0 ? std::optional<int64_t>(caller.user_id) : std::nullopt;
    a.created_by = a.user_id;
    a.created_at = unix_now();
    return a;
}

// The summary/note/due of a type's activity left empty by the caller.
void fill_from_type(const ActivityType& t, Activity& a, DayNumber today, std::optional<DayNumber> previous_due) {
    if (a.summary.empty()) a.summary = t.default_summary;
    if (a.note.empty()) a.note = t.default_note;
    if (!a.due_date) a.due_date = default_due(t, today, previous_due);
}

}  // namespace

Result<json> ActivityService::list_types(const Caller&, bool include_archived) {
    auto& c = db_.reader();
    json items = json::array();
    for (const auto& t : store::list_activity_types(c, include_archived)) items.push_back(t);
    return json{{"items", std::move(items)}};
}

Result<json> ActivityService::create_type(const Caller& caller, const json& body) {
    ActivityType t;
    if (auto fe = apply_patch(t, body); !fe.empty()) return fe.to_error();
    return db_.write([&](store::Connection& c) -> Result<json> {
        if (t.triggered_id && !store::find_activity_type(c, *t.triggered_id))
            return field_error("triggered_id", "no such activity type", "error.not_found");
        store::insert_activity_type(c, t);
        log_record_change(c, caller, "activity_type", t.id, "created");
        return json(t);
    });
}

Result<json> ActivityService::update_type(const Caller& caller, int64_t id, const json& body) {
    return db_.write([&](store::Connection& c) -> Result<json> {
        auto before = store::find_activity_type(c, id);
        if (!before) return record_not_found("activity type", id);
        if (auto v = check_version(body, before->version); !v) {
            if (v.error().code == ErrorCode::conflict) return stale_version("activity type", json(*before));
            return v.error();
        }
        ActivityType t = *before;
        if (auto fe = apply_patch(t, body); !fe.empty()) return fe.to_error();
        if (t.triggered_id && t.triggered_id != before->triggered_id && !store::find_activity_type(c, *t.triggered_id))
            return field_error("triggered_id", "no such activity type", "error.not_found");
        if (t.name != before->name) t.code.clear();  // renamed: show the typed name, not the translation
        store::update_activity_type(c, t);
        log_record_change(c, caller, "activity_type", t.id, "updated");
        return json(t);
    });
}

Result<json> ActivityService::lead_activities(const Caller& caller, int64_t lead_id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, lead_id, store::lead_rule_sql(caller))) return record_not_found("lead", lead_id);
    json items = json::array();
    for (const auto& a : store::lead_activities(c, lead_id)) items.push_back(activity_json(c, caller, a));
    // The caller's local day, so the client can word due dates ("overdue 2 days") without a zone database.
    const DayNumber today = tz::local_day(activity_zone_of(c, caller.user_id), unix_now());
    return json{{"items", std::move(items)}, {"today", format_date(today)}};
}

Result<json> ActivityService::schedule(const Caller& caller, int64_t lead_id, const json& body) {
    return db_.write([&](store::Connection& c) -> Result<json> {
        if (!store::lead_visible(c, lead_id, store::lead_rule_sql(caller))) return record_not_found("lead", lead_id);
        Activity a = new_activity(caller, lead_id);
        FieldErrors fe = apply_patch(a, body);
        // A missing due date is filled from the type below; only a bad one is an error here.
        std::vector<FieldError> kept;
        for (const auto& e : fe.list())
            if (!(e.field == "due_date" && e.key == "error.required")) kept.push_back(e);
        if (!kept.empty()) {
            FieldErrors out;
            for (const auto& e : kept) out.add(e.field, e.message, e.key);
            return out.to_error();
        }
        if (auto e = check_refs(c, a)) return *e;
        if (a.type_id) {
            fill_from_type(*store::find_activity_type(c, *a.type_id), a, today_for(c, caller, a), std::nullopt);
        }
        if (!a.due_date) return field_error("due_date", "is required", "error.required");
        store::insert_activity(c, a);
        log_change(c, caller, a, "created");
        return activity_json(c, caller, a);
    });
}

Result<json> ActivityService::update(const Caller& caller, int64_t id, const json& body) {
    return db_.write([&](store::Connection& c) -> Result<json> {
        auto loaded = activity_load_visible(c, caller, id);
        if (!loaded) return loaded.error();
        const Activity& before = loaded.value();
        if (auto v = check_version(body, before.version); !v) {
            if (v.error().code == ErrorCode::conflict)
                return stale_version("activity", activity_json(c, caller, before));
            return v.error();
        }
        if (before.state != ActivityStatus::open) return field_error("state", "only an open activity can change");
        Activity a = before;
        if (auto fe = apply_patch(a, body); !fe.empty()) return fe.to_error();
        if (auto e = check_refs(c, a)) return *e;
        store::update_activity(c, a);
        log_change(c, caller, a, "updated");
        return activity_json(c, caller, a);
    });
}

Result<json> ActivityService::cancel(const Caller& caller, int64_t id) {
    return db_.write([&](store::Connection& c) -> Result<json> {
        auto loaded = activity_load_visible(c, caller, id);
        if (!loaded) return loaded.error();
        Activity a = loaded.value();
        if (a.state != ActivityStatus::open) return field_error("state", "only an open activity can be cancelled");
        a.state = ActivityStatus::cancelled;
        store::update_activity(c, a);
        log_change(c, caller, a, "cancelled");
        return activity_json(c, caller, a);
    });
}

Result<json> ActivityService::done(const Caller& caller, int64_t id, const json& body) {
    if (!body.is_object()) return field_error("", "must be a JSON object", "error.type");
    std::string feedback;
    if (body.contains("feedback")) {
        if (!body["feedback"].is_string()) return field_error("feedback", "must be text", "error.type");
        feedback = body["feedback"].get<std::string>();
        if (feedback.size() > 5000) return field_error("feedback", "is longer than 5000 characters", "error.too_long");
    }
    return db_.write([&](store::Connection& c) -> Result<json> {
        auto loaded = activity_load_visible(c, caller, id);
        if (!loaded) return loaded.error();
        Activity a = loaded.value();
        if (a.state != ActivityStatus::open) return field_error("state", "the activity is not open");
        if (body.contains("version")) {
            if (auto v = check_version(body, a.version); !v) {
                if (v.error().code == ErrorCode::conflict)
                    return stale_version("activity", activity_json(c, caller, a));
                return v.error();
            }
        }
        const DayNumber today = today_for(c, caller, a);
        // The next activity the caller picked (validated before anything is written).
        std::optional<Activity> picked;
        if (body.contains("next") && !body["next"].is_null()) {
            Activity n = new_activity(caller, a.lead_id);
            n.user_id = a.user_id;
            json next = body["next"];
            FieldErrors fe;
            if (!next.is_object()) {
                fe.add("next", "must be an object", "error.type");
            } else {
                const FieldErrors next_errors = apply_patch(n, next);  // named: a temporary would dangle in the loop
                for (const auto& e : next_errors.list())
                    if (!(e.field == "due_date" && e.key == "error.required")) fe.add("next." + e.field, e.message, e.key);
            }
            if (!fe.empty()) return fe.to_error();
            if (auto e = check_refs(c, n)) {
                FieldErrors named;
                for (const auto& d : e->details) named.add("next." + d.field, d.message, d.key);
                return named.to_error();
            }
            if (n.type_id) fill_from_type(*store::find_activity_type(c, *n.type_id), n, today, a.due_date);
            if (!n.due_date) return field_error("next.due_date", "is required", "error.required");
            picked = n;
        }
        a.state = ActivityStatus::done;
        a.done_at = unix_now();
        a.feedback = feedback;
        store::update_activity(c, a);
        log_change(c, caller, a, "done");

        std::optional<ActivityType> type = a.type_id ? store::find_activity_type(c, *a.type_id) : std::nullopt;
        const auto lang = message_lang(caller.lang);
        ChatterMessage msg;
        msg.res_model = "lead";
        msg.res_id = a.lead_id;
        msg.kind = MessageKind::activity;
        const std::string type_name = type ? type->name : i18n::tr(lang, "activity.chatter_no_type", {});
        msg.body = i18n::tr(lang, "activity.chatter_done", {{"type", type_name}, {"summary", a.summary}});
        if (!feedback.empty()) msg.body += "\n" + i18n::tr(lang, "activity.chatter_feedback", {{"feedback", feedback}});
        msg.author_id = caller.user_id > 0 ? std::optional<int64_t>(caller.user_id) : std::nullopt;
        msg.author_name = caller.name;
        msg.date = unix_now();
        store::insert_message(c, msg);
        log_record_change(c, caller, "lead", a.lead_id, "message", {{"message_id", msg.id}});

        json scheduled = json::array();
        NextSteps steps = type ? next_steps(*type) : NextSteps{};
        if (steps.triggered_type_id) {
            if (auto next_type = store::find_activity_type(c, *steps.triggered_type_id)) {
                Activity n = new_activity(caller, a.lead_id);
                n.user_id = a.user_id;
                n.type_id = next_type->id;
                fill_from_type(*next_type, n, today, a.due_date);
                store::insert_activity(c, n);
                log_change(c, caller, n, "created");
                scheduled.push_back(activity_json(c, caller, n));
            }
        }
        if (picked) {
            store::insert_activity(c, *picked);
            log_change(c, caller, *picked, "created");
            scheduled.push_back(activity_json(c, caller, *picked));
        }
        return json{{"activity", activity_json(c, caller, a)},
                    {"scheduled", std::move(scheduled)},
                    {"suggested_type_ids", steps.suggested_type_ids},
                    {"message_id", msg.id}};
    });
}

Result<json> ActivityService::snooze(const Caller& caller, int64_t id, const json& body) {
    if (!body.is_object() || !body.contains("days") || !body["days"].is_number_integer())
        return field_error("days", "is required (1..365)", "error.required");
    const int64_t days = body["days"].get<int64_t>();
    if (days < 1 || days > max_snooze_days) return field_error("days", "must be 1..365", "error.range");
    return db_.write([&](store::Connection& c) -> Result<json> {
        auto loaded = activity_load_visible(c, caller, id);
        if (!loaded) return loaded.error();
        Activity a = loaded.value();
        if (auto v = check_version(body, a.version); !v) {
            if (v.error().code == ErrorCode::conflict) return stale_version("activity", activity_json(c, caller, a));
            return v.error();
        }
        if (a.state != ActivityStatus::open) return field_error("state", "the activity is not open");
        a.due_date = snoozed_due(*a.due_date, today_for(c, caller, a), static_cast<int>(days));
        store::update_activity(c, a);
        log_change(c, caller, a, "updated");
        return activity_json(c, caller, a);
    });
}

Result<json> ActivityService::mine(const Caller& caller, std::optional<int64_t> user_id) {
    const int64_t who = user_id.value_or(caller.user_id);
    if (who != caller.user_id && !activity_is_manager(caller)) return record_not_found("user", who);
    auto& c = db_.reader();
    auto user = store::find_user(c, who);
    if (!user) return record_not_found("user", who);
    const DayNumber today = tz::local_day(user->tz, unix_now());
    json groups = {{"overdue", json::array()}, {"today", json::array()}, {"planned", json::array()}};
    for (const auto& ua : store::user_open_activities(c, who, store::lead_rule_sql(caller))) {
        json j = activity_json(c, caller, ua.activity);
        j["lead_name"] = ua.lead_name;
        const auto st = activity_state(*ua.activity.due_date, today);
        j["due_state"] = std::string(to_string(st));
        groups[std::string(to_string(st))].push_back(std::move(j));
    }
    return json{{"user_id", who}, {"today", format_date(today)}, {"groups", std::move(groups)}};
}

std::map<int64_t, json> ActivityService::lead_summaries(const Caller& caller, const std::vector<Lead>& leads) {
    auto& c = db_.reader();
    std::vector<int64_t> ids;
    for (const auto& l : leads) ids.push_back(l.id);
    const auto next = store::next_open_activities(c, ids);
    std::map<std::optional<int64_t>, DayNumber> today_of;  // one zone lookup per assignee
    std::map<int64_t, std::optional<ActivityType>> types;
    std::map<int64_t, json> out;
    for (const auto& l : leads) {
        const auto it = next.find(l.id);
        std::vector<Activity> open;
        if (it != next.end()) open.push_back(it->second);
        const auto summary = lead_activity_summary(open, l.active && !l.date_closed);
        json n = nullptr;
        if (summary.next) {
            const Activity& a = *summary.next;
            const auto who = a.user_id ? a.user_id : std::optional<int64_t>(caller.user_id);
            if (!today_of.count(who)) today_of[who] = tz::local_day(activity_zone_of(c, who), unix_now());
            n = {{"id", a.id}, {"type_id", a.type_id ? json(*a.type_id) : json(nullptr)}, {"summary", a.summary},
                 {"due_date", format_date(*a.due_date)},
                 {"state", std::string(to_string(activity_state(*a.due_date, today_of[who])))}};
            if (a.type_id) {
                if (!types.count(*a.type_id)) types[*a.type_id] = store::find_activity_type(c, *a.type_id);
                if (const auto& t = types[*a.type_id]) {
                    n["icon"] = t->icon;
                    n["category"] = std::string(to_string(t->category));
                }
            }
        }
        out[l.id] = {{"next_activity", std::move(n)}, {"no_next_step", summary.no_next_step}};
    }
    return out;
}

Result<std::map<std::string, ActivityBar>> ActivityService::column_bars(const Caller& caller, store::LeadQuery q,
                                                                        const std::string& group_by) {
    auto& c = db_.reader();
    q.context = LeadService::filter_context_of(caller, c);
    const DayNumber today = tz::local_day(activity_zone_of(c, caller.user_id), unix_now());
    return store::activity_bars(c, q, store::lead_rule_sql(caller), group_by, today);
}

}  // namespace tumen::server
