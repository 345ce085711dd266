#include "store/meetings.hpp"

namespace tumen::store {

namespace {

constexpr const char* meetings_columns =
    "SELECT id, title, all_day, start_at, end_at, start_date, end_date, location, description, reminder_minutes,"
    " lead_id, organizer_id, sequence, version, created_at FROM meetings";

std::optional<DayNumber> date_of(const std::optional<std::string>& text) {
    return text ? parse_date(*text) : std::nullopt;
}

Meeting meetings_read_row(Statement& s) {
    Meeting m;
    m.id = s.get_int(0);
    m.title = s.get_text(1);
    m.all_day = s.get_int(2) != 0;
    m.start = s.get_opt_int(3);
    m.end = s.get_opt_int(4);
    m.start_date = date_of(s.get_opt_text(5));
    m.end_date = date_of(s.get_opt_text(6));
    m.location = s.get_text(7);
    m.description = s.get_text(8);
    if (auto r = s.get_opt_int(9)) m.reminder_minutes = static_cast<int32_t>(*r);
    m.lead_id = s.get_opt_int(10);
    m.organizer_id = s.get_int(11);
    m.sequence = s.get_int(12);
    m.version = s.get_int(13);
    m.created_at = s.get_int(14);
    return m;
}

std::optional<AttendeeResponse> response_from(const std::string& s) {
    for (auto r : {AttendeeResponse::needs_action, AttendeeResponse::accepted, AttendeeResponse::declined,
                   AttendeeResponse::tentative})
        if (to_string(r) == s) return r;
    return std::nullopt;
}

void load_attendees(Connection& c, Meeting& m) {
    auto s = c.prepare("SELECT user_id, contact_id, email, name, response FROM meeting_attendees WHERE meeting_id = ?"
                       " ORDER BY position");
    s.bind(1, m.id);
    while (s.step()) {
        MeetingAttendee a;
        a.user_id = s.get_opt_int(0);
        a.contact_id = s.get_opt_int(1);
        a.email = s.get_text(2);
        a.name = s.get_text(3);
        a.response = response_from(s.get_text(4)).value_or(AttendeeResponse::needs_action);
        m.attendees.push_back(std::move(a));
    }
}

void write_attendees(Connection& c, const Meeting& m) {
    c.prepare("DELETE FROM meeting_attendees WHERE meeting_id = ?").bind(1, m.id).run();
    int pos = 0;
    for (const auto& a : m.attendees)
        c.prepare("INSERT INTO meeting_attendees(meeting_id, position, user_id, contact_id, email, name, response)"
                  " VALUES (?,?,?,?,?,?,?)")
            .bind(1, m.id).bind(2, pos++).bind(3, a.user_id).bind(4, a.contact_id).bind(5, a.email).bind(6, a.name)
            .bind(7, std::string(to_string(a.response)))
            .run();
}

std::optional<std::string> meetings_date_text(const std::optional<DayNumber>& d) {
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

std::vector<Meeting> read_all(Connection& c, Statement& s) {
    std::vector<Meeting> out;
    while (s.step()) out.push_back(meetings_read_row(s));
    for (auto& m : out) load_attendees(c, m);
    return out;
}

}  // namespace

std::optional<Meeting> find_meeting(Connection& c, int64_t id) {
    std::optional<Meeting> m;
    {
        auto s = c.prepare(std::string(meetings_columns) + " WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        m = meetings_read_row(s);
    }
    load_attendees(c, *m);
    return m;
}

std::vector<Meeting> lead_meetings(Connection& c, int64_t lead_id) {
    auto s = c.prepare(std::string(meetings_columns) +
                       " WHERE lead_id = ? ORDER BY coalesce(start_date, date(start_at, 'unixepoch')), start_at, id");
    s.bind(1, lead_id);
    return read_all(c, s);
}

int64_t insert_meeting(Connection& c, Meeting& m, std::optional<int64_t> created_by) {
    c.prepare("INSERT INTO meetings(title, all_day, start_at, end_at, start_date, end_date, location, description,"
              " reminder_minutes, lead_id, organizer_id, sequence, version, created_at, created_by)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)")
        .bind(1, m.title).bind(2, m.all_day).bind(3, m.start).bind(4, m.end).bind(5, meetings_date_text(m.start_date))
        .bind(6, meetings_date_text(m.end_date)).bind(7, m.location).bind(8, m.description)
        .bind(9, m.reminder_minutes ? std::optional<int64_t>(*m.reminder_minutes) : std::nullopt)
        .bind(10, m.lead_id).bind(11, m.organizer_id).bind(12, m.sequence).bind(13, m.created_at).bind(14, created_by)
        .run();
    m.id = c.last_insert_id();
    m.version = 1;
    write_attendees(c, m);
    return m.id;
}

void update_meeting(Connection& c, Meeting& m, bool reset_reminder) {
    c.prepare("UPDATE meetings SET title=?, all_day=?, start_at=?, end_at=?, start_date=?, end_date=?, location=?,"
              " description=?, reminder_minutes=?, lead_id=?, sequence=?, version=version+1,"
              " reminded_at = CASE WHEN ? THEN NULL ELSE reminded_at END WHERE id=?")
        .bind(1, m.title).bind(2, m.all_day).bind(3, m.start).bind(4, m.end).bind(5, meetings_date_text(m.start_date))
        .bind(6, meetings_date_text(m.end_date)).bind(7, m.location).bind(8, m.description)
        .bind(9, m.reminder_minutes ? std::optional<int64_t>(*m.reminder_minutes) : std::nullopt)
        .bind(10, m.lead_id).bind(11, m.sequence).bind(12, reset_reminder).bind(13, m.id)
        .run();
    ++m.version;
    write_attendees(c, m);
}

bool delete_meeting(Connection& c, int64_t id) {
    c.prepare("DELETE FROM meetings WHERE id = ?").bind(1, id).run();
    return c.changes() > 0;
}

void fill_attendee_names(Connection& c, Meeting& m) {
    for (auto& a : m.attendees) {
        std::optional<Statement> s;
        if (a.user_id) s.emplace(c.prepare("SELECT name, email FROM users WHERE id = ?")), s->bind(1, *a.user_id);
        else if (a.contact_id) s.emplace(c.prepare("SELECT name, email FROM contacts WHERE id = ?")), s->bind(1, *a.contact_id);
        if (!s || !s->step()) continue;
        if (a.name.empty()) a.name = s->get_text(0);
        if (a.email.empty()) a.email = s->get_text(1);
    }
}

bool is_meeting_party(const Meeting& m, int64_t user_id) {
    if (m.organizer_id == user_id) return true;
    for (const auto& a : m.attendees)
        if (a.user_id == user_id) return true;
    return false;
}

std::vector<Meeting> meetings_due_for_reminder(Connection& c, int64_t now) {
    // The partial index holds only meetings with a pending reminder; a week is the longest reminder.
    auto s = c.prepare(std::string(meetings_columns) +
                       " WHERE reminder_minutes IS NOT NULL AND reminded_at IS NULL AND start_at IS NOT NULL"
                       " AND start_at <= ? + 604800 AND start_at - reminder_minutes * 60 <= ? AND end_at > ?"
                       " ORDER BY start_at, id");
    s.bind(1, now).bind(2, now).bind(3, now);
    return read_all(c, s);
}

void mark_meeting_reminded(Connection& c, int64_t id, int64_t now) {
    c.prepare("UPDATE meetings SET reminded_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

void put_calendar_feed_token(Connection& c, int64_t user_id, const std::string& token_hash, const std::string& prefix,
                             int64_t now) {
    c.prepare("DELETE FROM calendar_feed_tokens WHERE user_id = ?").bind(1, user_id).run();
    c.prepare("INSERT INTO calendar_feed_tokens(user_id, token_hash, prefix, created_at) VALUES (?,?,?,?)")
        .bind(1, user_id).bind(2, token_hash).bind(3, prefix).bind(4, now)
        .run();
}

bool delete_calendar_feed_token(Connection& c, int64_t user_id) {
    c.prepare("DELETE FROM calendar_feed_tokens WHERE user_id = ?").bind(1, user_id).run();
    return c.changes() > 0;
}

std::optional<int64_t> calendar_feed_user(Connection& c, const std::string& token_hash) {
    auto s = c.prepare("SELECT t.user_id FROM calendar_feed_tokens t JOIN users u ON u.id = t.user_id"
                       " WHERE t.token_hash = ? AND u.active = 1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return s.get_int(0);
}

std::optional<FeedTokenInfo> calendar_feed_info(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT prefix, created_at, last_used_at FROM calendar_feed_tokens WHERE user_id = ?");
    s.bind(1, user_id);
    if (!s.step()) return std::nullopt;
    return FeedTokenInfo{s.get_text(0), s.get_int(1), s.get_opt_int(2)};
}

void touch_calendar_feed_token(Connection& c, const std::string& token_hash, int64_t now) {
    c.prepare("UPDATE calendar_feed_tokens SET last_used_at = ? WHERE token_hash = ?").bind(1, now).bind(2, token_hash).run();
}

}  // namespace tumen::store
