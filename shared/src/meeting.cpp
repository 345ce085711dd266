#include "tumen/meeting.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <set>

#include "record_codec.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/text_fold.hpp"

namespace tumen {

namespace {

using namespace detail;

const std::vector<std::string>& response_names() {
    static const std::vector<std::string> n = {"needs_action", "accepted", "declined", "tentative"};
    return n;
}

void read_attendee(const json& v, const std::string& field, MeetingAttendee& a, FieldErrors& e) {
    if (!v.is_object()) return e.add(field, "must be an object {user_id | contact_id | email, name?, response?}", "error.type");
    for (const auto& [key, value] : v.items()) {
        const std::string f = field + "." + key;
        if (key == "user_id") read_optional_id(value, f, a.user_id, e);
        else if (key == "contact_id") read_optional_id(value, f, a.contact_id, e);
        else if (key == "email") {
            read_text(value, f, a.email, {.max_chars = 254, .check = check_email}, e);
            // "Name <a@b>" as typed: the address alone here, the name into `name` unless one is given.
            const NamedAddress parsed = parse_named_address(a.email);
            if (!parsed.email.empty() && parsed.email != a.email) {
                if (a.name.empty() && !v.contains("name")) a.name = parsed.name;
                a.email = parsed.email;
            }
        }
        else if (key == "name") read_text(value, f, a.name, {.max_chars = 200}, e);
        else if (key == "response") {
            const auto& names = response_names();
            const auto it = value.is_string() ? std::find(names.begin(), names.end(), value.get<std::string>()) : names.end();
            if (it == names.end()) e.add(f, "must be one of: needs_action, accepted, declined, tentative", "error.enum");
            else a.response = static_cast<AttendeeResponse>(it - names.begin());
        } else e.add(f, "is not a field", "error.unknown_field");
    }
}

FieldSpec<Meeting> attendees_field() {
    return {"attendees", Access::writable,
            [](const json& v, Meeting& m, FieldErrors& e) {
                if (!v.is_array()) return e.add("attendees", "must be a list", "error.type");
                std::vector<MeetingAttendee> out;
                const std::size_t before = e.list().size();
                for (std::size_t i = 0; i < v.size(); ++i) {
                    MeetingAttendee a;
                    read_attendee(v[i], "attendees[" + std::to_string(i) + "]", a, e);
                    out.push_back(std::move(a));
                }
                if (e.list().size() == before) m.attendees = std::move(out);
            },
            [](const Meeting& m, json& j) {
                json list = json::array();
                for (const auto& a : m.attendees)
                    list.push_back({{"user_id", optional_id_json(a.user_id)},
                                    {"contact_id", optional_id_json(a.contact_id)},
                                    {"email", a.email},
                                    {"name", a.name},
                                    {"response", std::string(to_string(a.response))}});
                j["attendees"] = std::move(list);
            }};
}

FieldSpec<Meeting> reminder_field() {
    return {"reminder_minutes", Access::writable,
            [](const json& v, Meeting& m, FieldErrors& e) {
                if (v.is_null()) return m.reminder_minutes.reset();
                std::int64_t n = 0;
                const std::size_t before = e.list().size();
                read_int(v, "reminder_minutes", n, 0, max_reminder_minutes, e);
                if (e.list().size() == before) m.reminder_minutes = static_cast<std::int32_t>(n);
            },
            [](const Meeting& m, json& j) {
                j["reminder_minutes"] = m.reminder_minutes ? json(*m.reminder_minutes) : json(nullptr);
            }};
}

const RecordCodec<Meeting>& meeting_codec() {
    static const RecordCodec<Meeting> c({
        record_id_field(mem(&Meeting::id)),
        text_field("title", mem(&Meeting::title), {.max_chars = 200, .required = true}),
        bool_field("all_day", mem(&Meeting::all_day)),
        optional_timestamp_field("start", mem(&Meeting::start), Access::writable),
        optional_timestamp_field("end", mem(&Meeting::end), Access::writable),
        optional_date_field("start_date", mem(&Meeting::start_date)),
        optional_date_field("end_date", mem(&Meeting::end_date)),
        text_field("location", mem(&Meeting::location), {.max_chars = 300}),
        text_field("description", mem(&Meeting::description), {.max_chars = 10000, .multiline = true}),
        attendees_field(),
        reminder_field(),
        optional_id_field("lead_id", mem(&Meeting::lead_id)),
        int_field("organizer_id", mem(&Meeting::organizer_id), 0, INT64_MAX, Access::system),
        int_field("sequence", mem(&Meeting::sequence), 0, INT64_MAX, Access::system),
        version_field(mem(&Meeting::version)),
        timestamp_field("created_at", mem(&Meeting::created_at)),
    });
    return c;
}

void check_meeting(const Meeting& m, FieldErrors& e) {
    if (text::trim(m.title).empty()) e.add("title", "is required", "error.required");
    if (m.all_day) {
        if (!m.start_date) e.add("start_date", "is required for an all-day meeting", "error.required");
        if (!m.end_date) e.add("end_date", "is required for an all-day meeting", "error.required");
        if (m.start_date && m.end_date && *m.end_date < *m.start_date)
            e.add("end_date", "must not be before start_date", "error.meeting_end");
        if (m.start) e.add("start", "must be null for an all-day meeting (use start_date)", "error.invalid");
        if (m.end) e.add("end", "must be null for an all-day meeting (use end_date)", "error.invalid");
    } else {
        if (!m.start) e.add("start", "is required", "error.required");
        if (!m.end) e.add("end", "is required", "error.required");
        if (m.start && m.end && *m.end <= *m.start) e.add("end", "must be after start", "error.meeting_end");
        if (m.start_date) e.add("start_date", "must be null unless all_day", "error.invalid");
        if (m.end_date) e.add("end_date", "must be null unless all_day", "error.invalid");
    }
    if (m.attendees.size() > max_meeting_attendees)
        e.add("attendees", "holds more than " + std::to_string(max_meeting_attendees) + " attendees", "error.too_many");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < m.attendees.size(); ++i) {
        const auto& a = m.attendees[i];
        const std::string f = "attendees[" + std::to_string(i) + "]";
        if (!a.user_id && !a.contact_id && a.email.empty()) {
            e.add(f, "needs a user_id, a contact_id or an email", "error.required");
            continue;
        }
        std::string key = a.user_id ? "u" + std::to_string(*a.user_id)
                          : a.contact_id ? "c" + std::to_string(*a.contact_id)
                                         : "e" + text::fold(a.email);
        if (!seen.insert(key).second) e.add(f, "is listed twice", "error.duplicate");
    }
}

}  // namespace

std::string_view to_string(AttendeeResponse r) { return response_names().at(static_cast<std::size_t>(r)); }

void to_json(nlohmann::json& j, const Meeting& m) { j = meeting_codec().to_json(m); }
Result<Meeting> meeting_from_json(const nlohmann::json& j) { return decode_record(meeting_codec(), j, check_meeting); }
FieldErrors apply_patch(Meeting& m, const nlohmann::json& patch) { return patch_record(meeting_codec(), m, patch, check_meeting); }
FieldErrors validate(const Meeting& m) { return validate_record(meeting_codec(), m, check_meeting); }

bool meeting_needs_new_sequence(const Meeting& a, const Meeting& b) {
    return a.title != b.title || a.all_day != b.all_day || a.start != b.start || a.end != b.end ||
           a.start_date != b.start_date || a.end_date != b.end_date || a.location != b.location ||
           a.description != b.description || a.attendees.size() != b.attendees.size();
}

std::vector<DaySlot> layout_day(const std::vector<std::pair<std::int64_t, std::int64_t>>& spans,
                                std::int64_t min_length) {
    std::vector<DaySlot> out(spans.size());
    std::vector<std::size_t> order(spans.size());
    std::iota(order.begin(), order.end(), 0);
    auto end_of = [&](std::size_t i) { return std::max(spans[i].second, spans[i].first + std::max<std::int64_t>(min_length, 1)); };
    // By start, longer first, then input order: the same input always gives the same picture.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (spans[a].first != spans[b].first) return spans[a].first < spans[b].first;
        return end_of(a) > end_of(b);
    });
    std::vector<std::size_t> cluster;
    std::vector<std::int64_t> column_end;  // per column: the end of its last event
    std::int64_t cluster_end = INT64_MIN;
    auto close_cluster = [&] {
        for (std::size_t i : cluster) out[i].columns = static_cast<int>(column_end.size());
        cluster.clear();
        column_end.clear();
    };
    for (std::size_t i : order) {
        if (!cluster.empty() && spans[i].first >= cluster_end) close_cluster();
        std::size_t col = 0;
        while (col < column_end.size() && column_end[col] > spans[i].first) ++col;
        if (col == column_end.size()) column_end.push_back(end_of(i));
        else column_end[col] = end_of(i);
        out[i].column = static_cast<int>(col);
        cluster.push_back(i);
        cluster_end = cluster.size() == 1 ? end_of(i) : std::max(cluster_end, end_of(i));
    }
    close_cluster();
    return out;
}

int week_start_weekday(std::string_view lang) { return lang.substr(0, 2) == "en" ? 7 : 1; }

DayNumber week_start(DayNumber day, std::string_view lang) {
    const int first = week_start_weekday(lang);
    const int back = (iso_weekday(day) - first + 7) % 7;
    return day - back;
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view text) {
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    const auto day = parse_date(text.substr(0, 10));
    if (!day) return std::nullopt;
    auto two = [&](std::size_t at) -> int {
        if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    const int h = two(11), m = two(14);
    if (text[13] != ':' || h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    int s = 0;
    if (text.size() == 19) {
        s = two(17);
        if (text[16] != ':' || s < 0 || s > 59) return std::nullopt;
    }
    return LocalDateTime{*day, h * 3600 + m * 60 + s};
}

std::string format_local_datetime(DayNumber day, int seconds_of_day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", seconds_of_day / 3600, seconds_of_day / 60 % 60);
    return format_date(day) + "T" + buf;
}

int snap_seconds(int seconds_of_day, int step) {
    if (step <= 0) return seconds_of_day;
    return (seconds_of_day + step / 2) / step * step;
}

}  // namespace tumen
