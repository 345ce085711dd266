#include "services/meeting_service.hpp"

#include "ical/ical_writer.hpp"
#include "services/auth_service.hpp"
#include "services/message_lang.hpp"
#include "services/record_support.hpp"
#include "store/calendar_queries.hpp"
#include "store/leads.hpp"
#include "store/mail_settings.hpp"
#include "store/meetings.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/user_admin.hpp"
#include "store/users.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/i18n.hpp"
#include "tumen/mail_address.hpp"
#include "tz/user_zone.hpp"

namespace tumen::server {

namespace {

using nlohmann::json;

constexpr int max_range_days = 62;

bool meeting_is_manager(const Caller& c) { return c.role == "admin" || c.role == "manager"; }

std::string meeting_zone_of(store::Connection& c, int64_t user_id) {
    auto u = store::find_user(c, user_id);
    return u ? u->tz : std::string();
}

std::string local_text(const std::string& zone, Timestamp t) {
    const int off = tz::utc_offset_s(zone, t);
    const Timestamp local = t + off;
    return format_local_datetime(day_of(local), static_cast<int>(local - start_of_day(day_of(local))));
}

// Replaces "local_start"/"local_end" in a create/PATCH body by UTC "start"/"end" (the caller's zone).
Result<json> with_utc_times(json body, const std::string& zone) {
    if (!body.is_object()) return body;
    for (const auto& [local, utc] : {std::pair{"local_start", "start"}, std::pair{"local_end", "end"}}) {
        if (!body.contains(local)) continue;
        const json v = body[local];
        body.erase(local);
        const auto t = v.is_string() ? parse_local_datetime(v.get<std::string>()) : std::nullopt;
        if (!t) return field_error(local, "must be a local time such as 2026-11-28T09:30", "error.datetime");
        body[utc] = format_timestamp(tz::to_utc(zone, t->day, t->seconds));
    }
    return body;
}

std::string when_text(const Meeting& m, const std::string& zone) {
    if (m.all_day && m.start_date && m.end_date)
        return format_date(*m.start_date) + (*m.end_date != *m.start_date ? " - " + format_date(*m.end_date) : "");
    if (!m.start || !m.end) return {};
    std::string s = local_text(zone, *m.start), e = local_text(zone, *m.end);
    s[10] = ' ';
    e[10] = ' ';
    if (s.substr(0, 10) == e.substr(0, 10)) e = e.substr(11);
    return s + " - " + e + (zone.empty() ? " UTC" : " (" + zone + ")");
}

// 422 naming attendees[i].user_id / contact_id that do not exist.
std::optional<Error> check_attendee_refs(store::Connection& c, const Meeting& m) {
    FieldErrors fe;
    for (size_t i = 0; i < m.attendees.size(); ++i) {
        const auto& a = m.attendees[i];
        const std::string f = "attendees[" + std::to_string(i) + "]";
        if (a.user_id && !store::find_user(c, *a.user_id)) fe.add(f + ".user_id", "no such user", "error.not_found");
        if (a.contact_id) {
            auto s = c.prepare("SELECT 1 FROM contacts WHERE id = ?");
            s.bind(1, *a.contact_id);
            if (!s.step()) fe.add(f + ".contact_id", "no such contact", "error.not_found");
        }
    }
    if (fe.empty()) return std::nullopt;
    return fe.to_error();
}

void chatter_line(store::Connection& c, const Caller& caller, const Meeting& m, std::string_view key,
                  const std::string& zone) {
    if (!m.lead_id) return;
    ChatterMessage msg;
    msg.res_model = "lead";
    msg.res_id = *m.lead_id;
    msg.kind = MessageKind::note;
    msg.body = i18n::tr(message_lang(caller.lang), key, {{"title", m.title}, {"when", when_text(m, zone)}});
    msg.author_id = caller.user_id > 0 ? std::optional<int64_t>(caller.user_id) : std::nullopt;
    msg.author_name = caller.name;
    msg.date = unix_now();
    store::insert_message(c, msg);
    log_record_change(c, caller, "lead", *m.lead_id, "message", {{"message_id", msg.id}});
}

void plan_reminder(store::Connection& c, JobRunner& jobs, const Meeting& m) {
    if (!m.reminder_minutes || m.all_day || !m.start) return;
    jobs.run_once_at(c, MeetingService::remind_kind, *m.start - int64_t{*m.reminder_minutes} * 60);
}

}  // namespace

MeetingService::MeetingService(store::Database& db, JobRunner& jobs, MailService& mail)
    : db_(db), jobs_(jobs), mail_(mail) {
    jobs_.register_kind(remind_kind, [this](JobContext& ctx, const json&) { return remind_due(ctx); },
                        remind_interval_s);
}

std::string MeetingService::domain(store::Connection& c) {
    const auto s = store::load_mail_settings(c);
    if (!s.domain.empty()) return s.domain;
    if (auto d = email_domain(parse_named_address(s.default_from).email); !d.empty()) return d;
    return "tumen.localhost";
}

Result<Meeting> MeetingService::load_visible(store::Connection& c, const Caller& caller, int64_t id) {
    auto m = store::find_meeting(c, id);
    if (!m) return record_not_found("meeting", id);
    if (m->lead_id) {
        if (!store::lead_visible(c, *m->lead_id, store::lead_rule_sql(caller))) return record_not_found("meeting", id);
    } else if (!meeting_is_manager(caller) && !store::is_meeting_party(*m, caller.user_id)) {
        return record_not_found("meeting", id);
    }
    return std::move(*m);
}

json MeetingService::meeting_json(store::Connection& c, const Meeting& m, const std::string& zone) {
    json j = m;
    j["local_start"] = m.start ? json(local_text(zone, *m.start)) : json(nullptr);
    j["local_end"] = m.end ? json(local_text(zone, *m.end)) : json(nullptr);
    j["lead_name"] = m.lead_id ? json(store::lead_name(c, *m.lead_id)) : json(nullptr);
    return j;
}

namespace {

// Queues the invitation (or cancellation) mail; "none" when nobody has an address, "no_sender" when mail is not
// configured, "queued" otherwise.
std::string queue_invitation(store::Connection& c, MailService& mail, const Caller& caller, Meeting m,
                             ical::Method method, const std::string& domain, const std::string& zone) {
    store::fill_attendee_names(c, m);
    std::vector<std::string> to;
    for (const auto& a : m.attendees)
        if (!a.email.empty() && a.user_id != m.organizer_id) to.push_back(format_address({a.name, a.email}));
    if (to.empty()) return "none";
    ical::MeetingItem item{m, {}, m.lead_id ? store::lead_name(c, *m.lead_id) : std::string()};
    if (auto org = store::find_user(c, m.organizer_id)) item.organizer = {org->name, org->email};
    const auto lang = message_lang(caller.lang);
    const bool cancel = method == ical::Method::cancel;
    const std::string_view subject_key = cancel ? "meeting.mail_cancel_subject"
                                         : m.sequence > 0 ? "meeting.mail_update_subject"
                                                          : "meeting.mail_invite_subject";
    SystemMail mail_out;
    mail_out.res_model = m.lead_id ? "lead" : "";
    mail_out.res_id = m.lead_id.value_or(0);
    mail_out.to = std::move(to);
    mail_out.subject = i18n::tr(lang, subject_key, {{"title", m.title}});
    mail_out.body_text = i18n::tr(lang, cancel ? "meeting.mail_cancel_body" : "meeting.mail_invite_body",
                                  {{"title", m.title}, {"when", when_text(m, zone)}, {"location", m.location},
                                   {"organizer", item.organizer.name}});
    if (!m.description.empty() && !cancel) mail_out.body_text += "\n\n" + m.description;
    mail_out.files.push_back({"invite.ics", std::string("text/calendar; charset=UTF-8; method=") +
                                                (cancel ? "CANCEL" : "REQUEST"),
                              ical::invitation(item, method, domain, unix_now())});
    mail_out.created_by = caller.user_id > 0 ? std::optional<int64_t>(caller.user_id) : std::nullopt;
    auto r = mail.queue_system_mail(c, mail_out);
    return r.ok() ? "queued" : "no_sender";
}

}  // namespace

Result<json> MeetingService::lead_meetings(const Caller& caller, int64_t lead_id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, lead_id, store::lead_rule_sql(caller))) return record_not_found("lead", lead_id);
    const std::string zone = meeting_zone_of(c, caller.user_id);
    json items = json::array();
    for (const auto& m : store::lead_meetings(c, lead_id)) items.push_back(meeting_json(c, m, zone));
    return json{{"items", std::move(items)}};
}

Result<json> MeetingService::create(const Caller& caller, int64_t lead_id, const json& raw) {
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        const std::string zone = meeting_zone_of(c, caller.user_id);
        auto body = with_utc_times(raw, zone);
        if (!body) return body.error();
        Meeting m;
        if (auto fe = apply_patch(m, body.value()); !fe.empty()) return fe.to_error();
        if (lead_id > 0) {
            if (m.lead_id && *m.lead_id != lead_id) return field_error("lead_id", "must be the lead of the URL");
            m.lead_id = lead_id;
        }
        if (m.lead_id && !store::lead_visible(c, *m.lead_id, store::lead_rule_sql(caller))) {
            if (lead_id > 0) return record_not_found("lead", lead_id);
            return field_error("lead_id", "no such lead", "error.not_found");
        }
        if (auto e = check_attendee_refs(c, m)) return *e;
        m.organizer_id = caller.user_id;
        m.created_at = unix_now();
        store::insert_meeting(c, m, m.organizer_id);
        chatter_line(c, caller, m, "meeting.chatter_scheduled", zone);
        log_record_change(c, caller, "meeting", m.id, "created");
        plan_reminder(c, jobs_, m);
        const std::string inv = queue_invitation(c, mail_, caller, m, ical::Method::request, domain(c), zone);
        json j = meeting_json(c, m, zone);
        j["invitations"] = inv;
        return j;
    });
    mail_.poke_sender();
    jobs_.poke();
    return out;
}

Result<json> MeetingService::get(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    auto m = load_visible(c, caller, id);
    if (!m) return m.error();
    return meeting_json(c, m.value(), meeting_zone_of(c, caller.user_id));
}

Result<json> MeetingService::update(const Caller& caller, int64_t id, const json& raw) {
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        auto loaded = load_visible(c, caller, id);
        if (!loaded) return loaded.error();
        const std::string zone = meeting_zone_of(c, caller.user_id);
        Meeting before = loaded.value();
        if (!raw.is_object() || !raw.contains("version") || !raw["version"].is_number_integer())
            return field_error("version", "is required (the version read)", "error.required");
        if (raw["version"].get<int64_t>() != before.version)
            return stale_version("meeting", meeting_json(c, before, zone));
        auto body = with_utc_times(raw, zone);
        if (!body) return body.error();
        Meeting m = before;
        if (auto fe = apply_patch(m, body.value()); !fe.empty()) return fe.to_error();
        if (m.lead_id != before.lead_id && m.lead_id &&
            !store::lead_visible(c, *m.lead_id, store::lead_rule_sql(caller)))
            return field_error("lead_id", "no such lead", "error.not_found");
        if (auto e = check_attendee_refs(c, m)) return *e;
        const bool news = meeting_needs_new_sequence(before, m) || m.attendees != before.attendees;
        if (news) ++m.sequence;
        const bool moved = m.start != before.start || m.reminder_minutes != before.reminder_minutes ||
                           m.all_day != before.all_day;
        store::update_meeting(c, m, moved);
        if (m.start != before.start || m.end != before.end || m.start_date != before.start_date ||
            m.end_date != before.end_date)
            chatter_line(c, caller, m, "meeting.chatter_moved", zone);
        log_record_change(c, caller, "meeting", m.id, "updated");
        if (moved) plan_reminder(c, jobs_, m);
        std::string inv = "none";
        if (news) inv = queue_invitation(c, mail_, caller, m, ical::Method::request, domain(c), zone);
        // Attendees taken off the list are told it is cancelled for them.
        Meeting removed = before;
        removed.attendees.clear();
        for (const auto& a : before.attendees)
            if (std::find(m.attendees.begin(), m.attendees.end(), a) == m.attendees.end()) removed.attendees.push_back(a);
        if (!removed.attendees.empty()) {
            removed.sequence = m.sequence;
            queue_invitation(c, mail_, caller, removed, ical::Method::cancel, domain(c), zone);
        }
        json j = meeting_json(c, m, zone);
        j["invitations"] = inv;
        return j;
    });
    mail_.poke_sender();
    jobs_.poke();
    return out;
}

Result<bool> MeetingService::remove(const Caller& caller, int64_t id) {
    auto out = db_.write([&](store::Connection& c) -> Result<bool> {
        auto loaded = load_visible(c, caller, id);
        if (!loaded) return loaded.error();
        Meeting m = loaded.value();
        const std::string zone = meeting_zone_of(c, caller.user_id);
        ++m.sequence;
        queue_invitation(c, mail_, caller, m, ical::Method::cancel, domain(c), zone);
        chatter_line(c, caller, m, "meeting.chatter_cancelled", zone);
        store::delete_meeting(c, id);
        log_record_change(c, caller, "meeting", id, "deleted");
        return true;
    });
    mail_.poke_sender();
    return out;
}

Result<json> MeetingService::calendar(const Caller& caller, const std::string& from, const std::string& to,
                                      std::optional<int64_t> user_id) {
    const int64_t who = user_id.value_or(caller.user_id);
    if (who != caller.user_id && !meeting_is_manager(caller)) return record_not_found("user", who);
    auto& c = db_.reader();
    auto user = store::find_user(c, who);
    if (!user) return record_not_found("user", who);
    const std::string zone = user->tz;
    // Neither bound: today in the user's zone (how a client without a zone database learns "today").
    const Timestamp now = unix_now();
    const DayNumber today = tz::local_day(zone, now);
    const auto from_day = from.empty() && to.empty() ? std::optional<DayNumber>(today) : parse_date(from);
    if (!from_day) return field_error("from", "must be a date such as 2026-11-27", "error.date");
    const auto to_day = from.empty() && to.empty() ? std::optional<DayNumber>(today) : parse_date(to);
    if (!to_day) return field_error("to", "must be a date such as 2026-11-27", "error.date");
    if (*to_day < *from_day) return field_error("to", "must not be before from");
    if (*to_day - *from_day > max_range_days)
        return field_error("to", "the range is longer than " + std::to_string(max_range_days) + " days");
    store::CalendarRange range;
    range.from_day = *from_day;
    range.to_day = *to_day;
    range.from_utc = tz::to_utc(zone, *from_day, 0);
    range.to_utc = tz::to_utc(zone, *to_day + 1, 0);
    const auto rule = store::lead_rule_sql(caller);
    json items = json::array();
    for (const auto& m : store::user_meetings(c, who, range, rule)) {
        json j = meeting_json(c, m, zone);
        j["kind"] = "meeting";
        items.push_back(std::move(j));
    }
    for (const auto& a : store::user_activities(c, who, *from_day, *to_day, rule))
        items.push_back({{"kind", "activity"}, {"id", a.id}, {"lead_id", a.lead_id}, {"lead_name", a.lead_name},
                         {"type_id", a.type_id ? json(*a.type_id) : json(nullptr)}, {"type_name", a.type_name},
                         {"title", a.summary.empty() ? a.type_name : a.summary}, {"all_day", true},
                         {"start_date", format_date(a.due)}, {"end_date", format_date(a.due)}});
    return json{{"user_id", who}, {"time_zone", zone}, {"from", format_date(*from_day)}, {"to", format_date(*to_day)},
                {"today", format_date(today)}, {"utc_offset_s", tz::utc_offset_s(zone, now)},
                {"items", std::move(items)}};
}

Result<json> MeetingService::feed_info(const Caller& caller) {
    auto info = store::calendar_feed_info(db_.reader(), caller.user_id);
    if (!info) return json{{"active", false}};
    return json{{"active", true}, {"prefix", info->prefix}, {"created_at", format_timestamp(info->created_at)},
                {"last_used_at", info->last_used_at ? json(format_timestamp(*info->last_used_at)) : json(nullptr)}};
}

Result<json> MeetingService::feed_create(const Caller& caller) {
    const std::string token = random_token(32);
    const std::string prefix = token.substr(0, 6);
    db_.write([&](store::Connection& c) {
        store::put_calendar_feed_token(c, caller.user_id, token_hash(token), prefix, unix_now());
        log_record_change(c, caller, "calendar_feed", caller.user_id, "rotated");
    });
    auto j = feed_info(caller);
    if (!j) return j;
    j.value()["path"] = "/calendar/" + token + ".ics";
    return j;
}

Result<bool> MeetingService::feed_revoke(const Caller& caller) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::delete_calendar_feed_token(c, caller.user_id)) return record_not_found("calendar feed", caller.user_id);
        log_record_change(c, caller, "calendar_feed", caller.user_id, "revoked");
        return true;
    });
}

Result<std::string> MeetingService::feed_ics(const std::string& token) {
    const std::string hash = token_hash(token);
    auto& c = db_.reader();
    const auto user_id = store::calendar_feed_user(c, hash);
    if (!user_id) return Error::make(ErrorCode::not_found, "No such calendar feed");
    auto user = store::find_user(c, *user_id);
    if (!user) return Error::make(ErrorCode::not_found, "No such calendar feed");
    Caller viewer;
    viewer.user_id = user->id;
    viewer.role = user->role;
    viewer.login = user->login;
    add_record_rule_facts(c, viewer);
    const Timestamp now = unix_now();
    const DayNumber today = tz::local_day(user->tz, now);
    store::CalendarRange range{start_of_day(today - 90), start_of_day(today + 400), today - 90, today + 400};
    const auto rule = store::lead_rule_sql(viewer);
    std::vector<ical::MeetingItem> meetings;
    for (auto& m : store::user_meetings(c, user->id, range, rule)) {
        store::fill_attendee_names(c, m);
        ical::MeetingItem item{m, {}, m.lead_id ? store::lead_name(c, *m.lead_id) : std::string()};
        if (auto org = store::find_user(c, m.organizer_id)) item.organizer = {org->name, org->email};
        meetings.push_back(std::move(item));
    }
    std::vector<ical::ActivityItem> activities;
    for (const auto& a : store::user_activities(c, user->id, today - 90, today + 400, rule))
        activities.push_back({a.id, a.lead_id, a.summary, a.lead_name, a.type_name, a.due});
    db_.write([&](store::Connection& w) { store::touch_calendar_feed_token(w, hash, now); });
    return ical::feed(meetings, activities, "Tumen CRM - " + user->name, domain(c), now);
}

Result<void> MeetingService::remind_due(JobContext& ctx) {
    const Timestamp now = unix_now();
    const auto due = store::meetings_due_for_reminder(db_.reader(), now);
    for (auto m : due) {
        if (ctx.stop_requested()) return {};
        db_.write([&](store::Connection& c) {
            auto org = store::find_user(c, m.organizer_id);
            const std::string zone = org ? org->tz : std::string();
            const auto lang = message_lang(org ? org->lang : "en");
            std::vector<std::string> to;
            if (org && !org->email.empty()) to.push_back(format_address({org->name, org->email}));
            for (const auto& a : m.attendees)
                if (a.user_id && a.user_id != m.organizer_id)
                    if (auto u = store::find_user(c, *a.user_id); u && !u->email.empty())
                        to.push_back(format_address({u->name, u->email}));
            if (!to.empty()) {
                SystemMail mail_out;
                mail_out.res_model = m.lead_id ? "lead" : "";
                mail_out.res_id = m.lead_id.value_or(0);
                mail_out.to = std::move(to);
                mail_out.subject = i18n::tr(lang, "meeting.mail_reminder_subject", {{"title", m.title}});
                mail_out.body_text = i18n::tr(lang, "meeting.mail_reminder_body",
                                              {{"title", m.title}, {"when", when_text(m, zone)}, {"location", m.location}});
                if (auto r = mail_.queue_system_mail(c, mail_out); !r)
                    ctx.log("meeting " + std::to_string(m.id) + ": " + r.error().message);
            }
            store::mark_meeting_reminded(c, m.id, now);  // once, even when nobody had an address
        });
    }
    if (!due.empty()) mail_.poke_sender();
    ctx.log(std::to_string(due.size()) + " reminders");
    return {};
}

}  // namespace tumen::server
