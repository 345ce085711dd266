#include "store/calendar_queries.hpp"

#include "store/meetings.hpp"

namespace tumen::store {

namespace {

bool table_exists(Connection& c, const char* name) {
    auto s = c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, name);
    return s.step();
}

// "l" is the lead alias of the rule; a meeting without a lead passes.
std::string lead_condition(const SqlFragment& rule, const char* lead_column) {
    if (rule.sql == "1") return "1";
    return std::string("(") + lead_column + " IS NULL OR EXISTS (SELECT 1 FROM leads l WHERE l.id = " + lead_column +
           " AND " + rule.sql + "))";
}

}  // namespace

std::vector<Meeting> user_meetings(Connection& c, int64_t user_id, const CalendarRange& r, const SqlFragment& lead_rule) {
    const std::string sql =
        "SELECT m.id FROM meetings m WHERE (m.organizer_id = ? OR EXISTS (SELECT 1 FROM meeting_attendees a"
        " WHERE a.meeting_id = m.id AND a.user_id = ?))"
        " AND ((m.all_day = 0 AND m.start_at < ? AND m.end_at > ?) OR (m.all_day = 1 AND m.start_date <= ? AND"
        " m.end_date >= ?)) AND " + lead_condition(lead_rule, "m.lead_id") +
        " ORDER BY coalesce(m.start_at, unixepoch(m.start_date)), m.id LIMIT 2000";
    std::vector<int64_t> ids;
    {
        auto s = c.prepare(sql);
        s.bind(1, user_id).bind(2, user_id).bind(3, r.to_utc).bind(4, r.from_utc).bind(5, format_date(r.to_day))
            .bind(6, format_date(r.from_day));
        if (lead_rule.sql != "1") s.bind_all(lead_rule.params, 7);
        while (s.step()) ids.push_back(s.get_int(0));
    }
    std::vector<Meeting> out;
    for (int64_t id : ids)
        if (auto m = find_meeting(c, id)) out.push_back(std::move(*m));
    return out;
}

std::vector<CalendarActivity> user_activities(Connection& c, int64_t user_id, DayNumber from_day, DayNumber to_day,
                                              const SqlFragment& lead_rule) {
    std::vector<CalendarActivity> out;
    if (!table_exists(c, "activities")) return out;
    const bool typed = table_exists(c, "activity_types");
    const std::string sql =
        std::string("SELECT a.id, a.lead_id, a.type_id, coalesce(a.summary, ''), ") +
        (typed ? "coalesce((SELECT t.name FROM activity_types t WHERE t.id = a.type_id), '')" : "''") +
        ", l.name, a.due_date FROM activities a JOIN leads l ON l.id = a.lead_id"
        " WHERE a.user_id = ? AND a.state = 'open' AND a.due_date BETWEEN ? AND ?" +
        (lead_rule.sql == "1" ? std::string() : " AND " + lead_rule.sql) + " ORDER BY a.due_date, a.id LIMIT 2000";
    auto s = c.prepare(sql);
    s.bind(1, user_id).bind(2, format_date(from_day)).bind(3, format_date(to_day));
    if (lead_rule.sql != "1") s.bind_all(lead_rule.params, 4);
    while (s.step()) {
        CalendarActivity a;
        a.id = s.get_int(0);
        a.lead_id = s.get_int(1);
        a.type_id = s.get_opt_int(2);
        a.summary = s.get_text(3);
        a.type_name = s.get_text(4);
        a.lead_name = s.get_text(5);
        a.due = parse_date(s.get_text(6)).value_or(0);
        out.push_back(std::move(a));
    }
    return out;
}

std::string lead_name(Connection& c, int64_t lead_id) {
    auto s = c.prepare("SELECT name FROM leads WHERE id = ?");
    s.bind(1, lead_id);
    return s.step() ? s.get_text(0) : std::string();
}

}  // namespace tumen::store
