#include "activities_state.hpp"

#include "app_state.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

std::string activity_path(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/activities/" + std::to_string(id) + tail;
}

std::vector<ActivityItem> activities_items_of(const json& list) {
    std::vector<ActivityItem> out;
    if (!list.is_array()) return out;
    for (const auto& j : list)
        if (auto it = activity_item_from_json(j)) out.push_back(std::move(*it));
    return out;
}

const char* dialog_name(ActivityDialog d) {
    switch (d) {
        case ActivityDialog::schedule: return "schedule";
        case ActivityDialog::done: return "done";
        case ActivityDialog::next: return "next";
        case ActivityDialog::none: break;
    }
    return "";
}

}  // namespace

std::optional<ActivityItem> activity_item_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    // The record's own fields only: the server adds type and state details the codec does not know.
    json record = j;
    for (const char* extra : {"due_state", "type_name", "type_code", "icon", "category", "lead_name"}) record.erase(extra);
    auto a = activity_from_json(record);
    if (!a) return std::nullopt;
    ActivityItem it;
    it.activity = std::move(a.value());
    it.type_name = str(j, "type_name");
    it.type_code = str(j, "type_code");
    it.icon = str(j, "icon");
    it.category = str(j, "category");
    it.due_state = str(j, "due_state");
    it.lead_name = str(j, "lead_name");
    return it;
}

Message due_words(DayNumber due, DayNumber today) {
    const int d = due - today;
    if (d == 0) return Message::from_key("activity.due.today");
    if (d == 1) return Message::from_key("activity.due.tomorrow");
    if (d == -1) return Message::from_key("activity.due.overdue_one");
    if (d < 0) return Message::from_key("activity.due.overdue_days", {{"count", std::to_string(-d)}});
    return Message::from_key("activity.due.in_days", {{"count", std::to_string(d)}});
}

void ActivitiesState::reset() {
    io_.reset();
    types_requested_ = false;
    types_.clear();
    lead_id_ = 0;
    lead_loaded_ = false;
    ++lead_generation_;
    lead_items_.clear();
    today_.reset();
    dialog_ = ActivityDialog::none;
    draft_ = {};
    feedback_.clear();
    suggested_.clear();
    scheduled_.clear();
    busy_ = false;
    errors_.clear();
    dialog_banner_ = banner_ = notice_ = {};
    mine_loaded_ = mine_wanted_ = false;
    mine_user_.reset();
    overdue_.clear();
    today_items_.clear();
    planned_.clear();
    mine_today_.reset();
    users_requested_ = false;
    users_.clear();
}

void ActivitiesState::on_route(const Route& route) {
    if (route.view != View::activities) {
        mine_wanted_ = false;
        return;
    }
    // ?user=<id>: a manager looking at someone else's activities.
    std::optional<std::int64_t> user;
    const std::string u = query_value(route.query, "user");
    try {
        if (!u.empty() && u.find_first_not_of("0123456789") == std::string::npos) user = std::stoll(u);
    } catch (...) {
    }
    load_mine(user);
}

Route activities_route(std::optional<std::int64_t> user_id) {
    Route r = Route::activities();
    if (user_id) r.query = "user=" + std::to_string(*user_id);
    return r;
}

// --- types ---

void ActivitiesState::load_types() {
    if (types_requested_) return;
    types_requested_ = true;
    io_.send("GET", "/api/v1/activity-types", nullptr, [this](const HttpResponse& reply) {
        if (!reply.ok()) {
            types_requested_ = false;
            banner_ = problem_message(reply);
            return;
        }
        types_.clear();
        const json j = reply_json(reply);
        if (j.contains("items") && j["items"].is_array())
            for (const auto& t : j["items"])
                if (auto ty = activity_type_from_json(t)) types_.push_back(std::move(ty.value()));
    });
}

const ActivityType* ActivitiesState::type(std::int64_t id) const {
    for (const auto& t : types_)
        if (t.id == id) return &t;
    return nullptr;
}

std::string ActivitiesState::type_label(const ActivityType& t) const {
    if (!t.code.empty() && i18n::has(app_.language(), "activity_type." + t.code)) return app_.tr("activity_type." + t.code);
    return t.name;
}

std::string ActivitiesState::type_label(const ActivityItem& it) const {
    if (it.activity.type_id)
        if (const auto* t = type(*it.activity.type_id)) return type_label(*t);
    if (!it.type_code.empty() && i18n::has(app_.language(), "activity_type." + it.type_code))
        return app_.tr("activity_type." + it.type_code);
    return it.type_name.empty() ? app_.tr("activity.no_type") : it.type_name;
}

std::string ActivitiesState::type_label_of(std::optional<std::int64_t> type_id) const {
    if (type_id)
        if (const auto* t = type(*type_id)) return type_label(*t);
    return app_.tr("activity.no_type");
}

// --- the lead's block ---

void ActivitiesState::show_lead(std::int64_t lead_id) {
    if (lead_id == lead_id_) return;
    lead_id_ = lead_id;
    lead_items_.clear();
    lead_loaded_ = false;
    ++lead_generation_;
    if (lead_id > 0) {
        load_types();
        reload_lead();
    }
}

void ActivitiesState::reload_lead() {
    if (lead_id_ <= 0) return;
    const std::uint64_t gen = ++lead_generation_;
    io_.send("GET", "/api/v1/leads/" + std::to_string(lead_id_) + "/activities", nullptr,
             [this, gen](const HttpResponse& reply) {
                 if (gen != lead_generation_) return;
                 if (!reply.ok()) {
                     banner_ = problem_message(reply);
                     return;
                 }
                 const json j = reply_json(reply);
                 lead_items_ = activities_items_of(j.value("items", json::array()));
                 today_ = parse_date(str(j, "today"));
                 lead_loaded_ = true;
             });
}

// --- dialogs ---

void ActivitiesState::close_dialog() {
    if (busy_) return;
    dialog_ = ActivityDialog::none;
    errors_.clear();
    dialog_banner_ = {};
}

void ActivitiesState::open_schedule(std::int64_t lead_id, std::optional<std::int64_t> type_id) {
    load_types();
    draft_ = {};
    draft_.lead_id = lead_id;
    if (app_.session()) draft_.user_id = app_.session()->user.id;
    errors_.clear();
    dialog_banner_ = {};
    dialog_ = ActivityDialog::schedule;
    if (!type_id && !types_.empty()) type_id = types_.front().id;
    pick_type(type_id);
    if (draft_.due_date.empty() && today_) draft_.due_date = format_date(*today_);
}

void ActivitiesState::open_edit(const ActivityItem& item) {
    const Activity& a = item.activity;
    draft_ = {};
    draft_.lead_id = a.lead_id;
    draft_.activity_id = a.id;
    draft_.version = a.version;
    draft_.type_id = a.type_id;
    draft_.user_id = a.user_id;
    draft_.summary = a.summary;
    draft_.note = a.note;
    draft_.due_date = a.due_date ? format_date(*a.due_date) : std::string();
    errors_.clear();
    dialog_banner_ = {};
    dialog_ = ActivityDialog::schedule;
}

void ActivitiesState::pick_type(std::optional<std::int64_t> type_id) {
    const ActivityType* before = draft_.type_id ? type(*draft_.type_id) : nullptr;
    draft_.type_id = type_id;
    apply_type_defaults(before);
}

void ActivitiesState::apply_type_defaults(const ActivityType* before) {
    const ActivityType* t = draft_.type_id ? type(*draft_.type_id) : nullptr;
    if (!t) return;
    // Text the user typed stays; text that was the previous type's default follows the new type.
    if (draft_.summary.empty() || (before && draft_.summary == before->default_summary)) draft_.summary = t->default_summary;
    if (draft_.note.empty() || (before && draft_.note == before->default_note)) draft_.note = t->default_note;
    if (draft_.activity_id == 0 && today_) draft_.due_date = format_date(default_due(*t, *today_, std::nullopt));
    errors_.erase("due_date");
}

void ActivitiesState::save_dialog() {
    if (busy_) return;
    errors_.clear();
    dialog_banner_ = {};
    json body = {{"summary", draft_.summary}, {"note", draft_.note}};
    body["type_id"] = draft_.type_id ? json(*draft_.type_id) : json(nullptr);
    body["user_id"] = draft_.user_id ? json(*draft_.user_id) : json(nullptr);
    if (!draft_.due_date.empty()) {
        if (!parse_date(draft_.due_date)) {
            errors_["due_date"] = Message::from_key("activity.error.date", {}, "due_date");
            return;
        }
        body["due_date"] = draft_.due_date;
    } else if (draft_.activity_id != 0 || !draft_.type_id) {
        errors_["due_date"] = Message::from_key("settings.error.required", {}, "due_date");
        return;
    }
    const bool is_new = draft_.activity_id == 0;
    if (!is_new) body["version"] = draft_.version;
    const std::string method = is_new ? "POST" : "PATCH";
    const std::string path =
        is_new ? "/api/v1/leads/" + std::to_string(draft_.lead_id) + "/activities" : activity_path(draft_.activity_id);
    busy_ = true;
    io_.send(method, path, body, [this, is_new](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            failed(reply, true);
            return;
        }
        dialog_ = ActivityDialog::none;
        notice_ = Message::from_key(is_new ? "activity.scheduled" : "activity.saved");
        refresh();
    });
}

void ActivitiesState::open_done(const ActivityItem& item) {
    done_item_ = item;
    feedback_.clear();
    suggested_.clear();
    scheduled_.clear();
    errors_.clear();
    dialog_banner_ = {};
    dialog_ = ActivityDialog::done;
}

void ActivitiesState::submit_done() {
    if (busy_) return;
    errors_.clear();
    dialog_banner_ = {};
    busy_ = true;
    const json body = {{"feedback", feedback_}, {"version", done_item_.activity.version}};
    io_.send("POST", activity_path(done_item_.activity.id, "/done"), body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            failed(reply, true);
            return;
        }
        const json j = reply_json(reply);
        scheduled_ = activities_items_of(j.value("scheduled", json::array()));
        suggested_.clear();
        if (j.contains("suggested_type_ids") && j["suggested_type_ids"].is_array())
            for (const auto& id : j["suggested_type_ids"])
                if (id.is_number_integer() && type(id.get<std::int64_t>())) suggested_.push_back(id.get<std::int64_t>());
        notice_ = Message::from_key("activity.done_notice");
        for (const auto& s : scheduled_)
            notice_ = Message::from_key("activity.triggered_notice", {{"type", type_label(s)}, {"summary", s.activity.summary}});
        dialog_ = suggested_.empty() ? ActivityDialog::none : ActivityDialog::next;
        refresh();
        app_.lead_form().live_reload();  // the "done" line in the chatter
    });
}

void ActivitiesState::schedule_suggested(std::int64_t type_id) {
    const std::int64_t lead = done_item_.activity.lead_id;
    open_schedule(lead, type_id);
}

void ActivitiesState::snooze(const ActivityItem& item, int days) {
    if (busy_) return;
    busy_ = true;
    const json body = {{"days", days}, {"version", item.activity.version}};
    io_.send("POST", activity_path(item.activity.id, "/snooze"), body, [this, days](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            failed(reply, false);
            return;
        }
        notice_ = Message::from_key("activity.snoozed", {{"count", std::to_string(days)}});
        refresh();
    });
}

void ActivitiesState::cancel(std::int64_t activity_id) {
    if (busy_) return;
    busy_ = true;
    io_.send("DELETE", activity_path(activity_id), nullptr, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            failed(reply, false);
            return;
        }
        notice_ = Message::from_key("activity.cancelled");
        refresh();
    });
}

const Message* ActivitiesState::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void ActivitiesState::failed(const HttpResponse& reply, bool in_dialog) {
    if (stale_current(reply)) {
        // Changed by someone else: show what is there now; the dialog closes on the fresh list.
        dialog_ = ActivityDialog::none;
        errors_.clear();
        banner_ = Message::from_key("activity.changed_elsewhere");
        refresh();
        return;
    }
    if (reply.status == 404) {
        dialog_ = ActivityDialog::none;
        banner_ = Message::from_key("activity.gone");
        refresh();
        return;
    }
    errors_ = field_messages(reply);
    if (errors_.empty()) (in_dialog ? dialog_banner_ : banner_) = problem_message(reply);
    else if (!in_dialog) banner_ = errors_.begin()->second;
}

void ActivitiesState::refresh() {
    reload_lead();
    if (mine_wanted_) load_mine(mine_user_);
}

// --- My activities ---

std::string ActivitiesState::user_name(std::int64_t id) const {
    for (const auto& u : users_)
        if (u.id == id) return u.name;
    return LeadReferences::name_in(app_.lead_form().refs().users, id);
}

void ActivitiesState::load_mine(std::optional<std::int64_t> user_id) {
    mine_wanted_ = true;
    load_types();
    if (!users_requested_) {
        users_requested_ = true;
        io_.send("GET", "/api/v1/users/directory", nullptr, [this](const HttpResponse& reply) {
            if (!reply.ok()) {
                users_requested_ = false;
                return;
            }
            users_.clear();
            const json j = reply_json(reply);
            if (j.contains("items") && j["items"].is_array())
                for (const auto& u : j["items"])
                    if (u.is_object() && u.contains("id") && u["id"].is_number_integer())
                        users_.push_back({u["id"].get<std::int64_t>(), str(u, "name")});
        });
    }
    if (user_id != mine_user_) mine_loaded_ = false;
    mine_user_ = user_id;
    std::string path = "/api/v1/activities/mine";
    if (user_id) path += "?user_id=" + std::to_string(*user_id);
    io_.send("GET", path, nullptr, [this, user_id](const HttpResponse& reply) {
        if (user_id != mine_user_) return;  // another user was picked since
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        const json j = reply_json(reply);
        const json groups = j.value("groups", json::object());
        overdue_ = activities_items_of(groups.value("overdue", json::array()));
        today_items_ = activities_items_of(groups.value("today", json::array()));
        planned_ = activities_items_of(groups.value("planned", json::array()));
        mine_today_ = parse_date(str(j, "today"));
        mine_loaded_ = true;
    });
}

const std::vector<ActivityItem>& ActivitiesState::mine(ActivityState group) const {
    switch (group) {
        case ActivityState::overdue: return overdue_;
        case ActivityState::today: return today_items_;
        case ActivityState::planned: break;
    }
    return planned_;
}

json ActivitiesState::probe() const {
    auto list = [](const std::vector<ActivityItem>& v) {
        json out = json::array();
        for (const auto& it : v)
            out.push_back({{"id", it.activity.id}, {"lead_id", it.activity.lead_id}, {"summary", it.activity.summary},
                           {"due_date", it.activity.due_date ? format_date(*it.activity.due_date) : ""},
                           {"due_state", it.due_state}});
        return out;
    };
    json j = {{"lead_id", lead_id_}, {"lead_loaded", lead_loaded_}, {"lead_items", list(lead_items_)},
              {"dialog", dialog_name(dialog_)}, {"busy", busy_}};
    if (mine_wanted_)
        j["mine"] = {{"loaded", mine_loaded_},
                     {"overdue", list(overdue_)},
                     {"today", list(today_items_)},
                     {"planned", list(planned_)}};
    return j;
}

}  // namespace tumen::client
