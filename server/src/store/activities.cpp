#include "store/activities.hpp"

#include <nlohmann/json.hpp>

namespace tumen::store {

namespace {

constexpr const char* type_columns =
    "SELECT id, name, code, icon, category, default_summary, default_note, delay_count, delay_unit, delay_from,"
    " chaining, suggested_ids, triggered_id, sequence, active, version FROM activity_types";

constexpr const char* activity_columns =
    "SELECT a.id, a.lead_id, a.type_id, a.summary, a.note, a.due_date, a.user_id, a.state, a.done_at, a.feedback,"
    " a.created_at, a.created_by, a.version";

// The codec reads the enum columns (stored as their wire names) the same way it reads JSON.
ActivityType read_type(Statement& s) {
    nlohmann::json j = {{"id", s.get_int(0)},          {"name", s.get_text(1)},       {"code", s.get_text(2)},
                        {"icon", s.get_text(3)},        {"category", s.get_text(4)},   {"default_summary", s.get_text(5)},
                        {"default_note", s.get_text(6)}, {"delay_count", s.get_int(7)}, {"delay_unit", s.get_text(8)},
                        {"delay_from", s.get_text(9)},  {"chaining", s.get_text(10)},
                        {"suggested_ids", nlohmann::json::parse(s.get_text(11), nullptr, false)},
                        {"triggered_id", s.get_opt_int(12) ? nlohmann::json(*s.get_opt_int(12)) : nlohmann::json()},
                        {"sequence", s.get_int(13)},    {"active", s.get_int(14) != 0}, {"version", s.get_int(15)}};
    if (!j["suggested_ids"].is_array()) j["suggested_ids"] = nlohmann::json::array();
    ActivityType t;
    // Trust the stored row: the name check etc. passed on write; decode without the record rules.
    auto r = activity_type_from_json(j);
    if (r.ok()) return std::move(r).value();
    t.id = s.get_int(0);
    t.name = s.get_text(1);
    t.version = s.get_int(15);
    return t;
}

Activity read_activity(Statement& s) {
    Activity a;
    a.id = s.get_int(0);
    a.lead_id = s.get_int(1);
    a.type_id = s.get_opt_int(2);
    a.summary = s.get_text(3);
    a.note = s.get_text(4);
    a.due_date = parse_date(s.get_text(5));
    a.user_id = s.get_opt_int(6);
    const std::string st = s.get_text(7);
    a.state = st == "done" ? ActivityStatus::done : st == "cancelled" ? ActivityStatus::cancelled : ActivityStatus::open;
    a.done_at = s.get_opt_int(8);
    a.feedback = s.get_text(9);
    a.created_at = s.get_int(10);
    a.created_by = s.get_opt_int(11);
    a.version = s.get_int(12);
    return a;
}

void bind_type(Statement& s, const ActivityType& t) {
    const nlohmann::json j = t;
    s.bind(1, t.name).bind(2, t.code).bind(3, t.icon).bind(4, j["category"].get<std::string>())
        .bind(5, t.default_summary).bind(6, t.default_note).bind(7, int64_t{t.delay_count})
        .bind(8, j["delay_unit"].get<std::string>()).bind(9, j["delay_from"].get<std::string>())
        .bind(10, j["chaining"].get<std::string>()).bind(11, j["suggested_ids"].dump()).bind(12, t.triggered_id)
        .bind(13, int64_t{t.sequence}).bind(14, t.active);
}

}  // namespace

std::vector<ActivityType> list_activity_types(Connection& c, bool include_archived) {
    auto s = c.prepare(std::string(type_columns) + (include_archived ? "" : " WHERE active = 1") +
                       " ORDER BY sequence, id");
    std::vector<ActivityType> out;
    while (s.step()) out.push_back(read_type(s));
    return out;
}

std::optional<ActivityType> find_activity_type(Connection& c, int64_t id) {
    auto s = c.prepare(std::string(type_columns) + " WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_type(s);
}

void insert_activity_type(Connection& c, ActivityType& t) {
    auto s = c.prepare(
        "INSERT INTO activity_types(name, code, icon, category, default_summary, default_note, delay_count, delay_unit,"
        " delay_from, chaining, suggested_ids, triggered_id, sequence, active, version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    bind_type(s, t);
    s.run();
    t.id = c.last_insert_id();
    t.version = 1;
}

void update_activity_type(Connection& c, ActivityType& t) {
    auto s = c.prepare(
        "UPDATE activity_types SET name=?, code=?, icon=?, category=?, default_summary=?, default_note=?,"
        " delay_count=?, delay_unit=?, delay_from=?, chaining=?, suggested_ids=?, triggered_id=?, sequence=?,"
        " active=?, version = version + 1 WHERE id = ?");
    bind_type(s, t);
    s.bind(15, t.id).run();
    ++t.version;
}

std::optional<Activity> find_activity(Connection& c, int64_t id) {
    auto s = c.prepare(std::string(activity_columns) + " FROM activities a WHERE a.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_activity(s);
}

std::vector<Activity> lead_activities(Connection& c, int64_t lead_id, bool open_only) {
    auto s = c.prepare(std::string(activity_columns) + " FROM activities a WHERE a.lead_id = ?" +
                       (open_only ? " AND a.state = 'open'" : "") + " ORDER BY a.due_date, a.id");
    s.bind(1, lead_id);
    std::vector<Activity> out;
    while (s.step()) out.push_back(read_activity(s));
    return out;
}

void insert_activity(Connection& c, Activity& a) {
    c.prepare("INSERT INTO activities(lead_id, type_id, summary, note, due_date, user_id, state, done_at, feedback,"
              " created_at, created_by, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,1)")
        .bind(1, a.lead_id).bind(2, a.type_id).bind(3, a.summary).bind(4, a.note).bind(5, format_date(*a.due_date))
        .bind(6, a.user_id).bind(7, std::string(to_string(a.state))).bind(8, a.done_at).bind(9, a.feedback)
        .bind(10, a.created_at).bind(11, a.created_by)
        .run();
    a.id = c.last_insert_id();
    a.version = 1;
}

void update_activity(Connection& c, Activity& a) {
    c.prepare("UPDATE activities SET type_id=?, summary=?, note=?, due_date=?, user_id=?, state=?, done_at=?,"
              " feedback=?, version = version + 1 WHERE id = ?")
        .bind(1, a.type_id).bind(2, a.summary).bind(3, a.note).bind(4, format_date(*a.due_date)).bind(5, a.user_id)
        .bind(6, std::string(to_string(a.state))).bind(7, a.done_at).bind(8, a.feedback).bind(9, a.id)
        .run();
    ++a.version;
}

std::vector<UserActivity> user_open_activities(Connection& c, int64_t user_id, const SqlFragment& scope) {
    auto s = c.prepare(std::string(activity_columns) +
                       ", l.name FROM activities a JOIN leads l ON l.id = a.lead_id"
                       " WHERE a.user_id = ? AND a.state = 'open' AND " +
                       scope.sql + " ORDER BY a.due_date, a.id LIMIT 2000");
    s.bind(1, user_id);
    s.bind_all(scope.params, 2);
    std::vector<UserActivity> out;
    while (s.step()) out.push_back({read_activity(s), s.get_text(13)});
    return out;
}

std::map<int64_t, Activity> next_open_activities(Connection& c, const std::vector<int64_t>& lead_ids) {
    std::map<int64_t, Activity> out;
    if (lead_ids.empty()) return out;
    // One pass over the (lead_id, state, due_date) index for the page's leads; the first row per lead wins.
    std::string marks;
    for (size_t i = 0; i < lead_ids.size(); ++i) marks += i ? ",?" : "?";
    auto s = c.prepare_uncached(std::string(activity_columns) + " FROM activities a WHERE a.state = 'open' AND a.lead_id IN (" +
                                marks + ") ORDER BY a.lead_id, a.due_date, a.id");
    for (size_t i = 0; i < lead_ids.size(); ++i) s.bind(static_cast<int>(i + 1), lead_ids[i]);
    while (s.step()) {
        Activity a = read_activity(s);
        out.try_emplace(a.lead_id, std::move(a));
    }
    return out;
}

}  // namespace tumen::store
