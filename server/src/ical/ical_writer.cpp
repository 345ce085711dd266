#include "ical/ical_writer.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

namespace tumen::server::ical {

namespace {

struct ComponentDeleter {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype utc_time(Timestamp t) {
    return icaltime_from_timet_with_zone(static_cast<time_t>(t), 0, icaltimezone_get_utc_timezone());
}

icaltimetype date_value(DayNumber d) {
    const CivilDate c = civil_from_days(d);
    icaltimetype t = icaltime_null_date();
    t.year = static_cast<int>(c.year);
    t.month = c.month;
    t.day = c.day;
    return t;
}

std::string mailto(const std::string& email) { return "mailto:" + email; }

icalparameter_partstat partstat(AttendeeResponse r) {
    switch (r) {
        case AttendeeResponse::accepted: return ICAL_PARTSTAT_ACCEPTED;
        case AttendeeResponse::declined: return ICAL_PARTSTAT_DECLINED;
        case AttendeeResponse::tentative: return ICAL_PARTSTAT_TENTATIVE;
        case AttendeeResponse::needs_action: break;
    }
    return ICAL_PARTSTAT_NEEDSACTION;
}

ComponentPtr calendar(Method method) {
    ComponentPtr cal(icalcomponent_new_vcalendar());
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Tumen CRM//Calendar//EN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    if (method == Method::request) icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_REQUEST));
    if (method == Method::cancel) icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_CANCEL));
    return cal;
}

icalcomponent* meeting_event(const MeetingItem& item, const std::string& domain, Timestamp now, Method method) {
    const Meeting& m = item.meeting;
    icalcomponent* ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(meeting_uid(m.id, domain).c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(static_cast<int>(m.sequence)));
    if (m.all_day && m.start_date && m.end_date) {
        icalcomponent_add_property(ev, icalproperty_new_dtstart(date_value(*m.start_date)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(date_value(*m.end_date + 1)));  // exclusive
    } else if (m.start && m.end) {
        icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_time(*m.start)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(utc_time(*m.end)));
    }
    icalcomponent_add_property(ev, icalproperty_new_summary(m.title.c_str()));
    if (!m.location.empty()) icalcomponent_add_property(ev, icalproperty_new_location(m.location.c_str()));
    std::string description = m.description;
    if (!item.lead_name.empty()) description += (description.empty() ? "" : "\n\n") + item.lead_name;
    if (!description.empty()) icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
    if (!item.organizer.email.empty()) {
        icalproperty* org = icalproperty_new_organizer(mailto(item.organizer.email).c_str());
        if (!item.organizer.name.empty()) icalproperty_add_parameter(org, icalparameter_new_cn(item.organizer.name.c_str()));
        icalcomponent_add_property(ev, org);
    }
    for (const auto& a : m.attendees) {
        if (a.email.empty()) continue;
        icalproperty* att = icalproperty_new_attendee(mailto(a.email).c_str());
        if (!a.name.empty()) icalproperty_add_parameter(att, icalparameter_new_cn(a.name.c_str()));
        icalproperty_add_parameter(att, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
        icalproperty_add_parameter(att, icalparameter_new_partstat(partstat(a.response)));
        if (method == Method::request) icalproperty_add_parameter(att, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
        icalcomponent_add_property(ev, att);
    }
    icalcomponent_add_property(ev, icalproperty_new_status(method == Method::cancel ? ICAL_STATUS_CANCELLED
                                                                                     : ICAL_STATUS_CONFIRMED));
    return ev;
}

icalcomponent* activity_event(const ActivityItem& a, const std::string& domain, Timestamp now) {
    icalcomponent* ev = icalcomponent_new_vevent();
    icalcomponent_add_property(ev, icalproperty_new_uid(("activity-" + std::to_string(a.id) + "@" + domain).c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(date_value(a.due)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(date_value(a.due + 1)));
    std::string summary = a.summary.empty() ? a.type_name : a.summary;
    if (!a.lead_name.empty()) summary += " - " + a.lead_name;
    icalcomponent_add_property(ev, icalproperty_new_summary(summary.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));  // a to-do does not block time
    return ev;
}

std::string text_of(icalcomponent* cal) {
    char* raw = icalcomponent_as_ical_string_r(cal);
    std::string out = raw ? raw : "";
    std::free(raw);
    return out;
}

}  // namespace

std::string meeting_uid(int64_t id, const std::string& domain) {
    return "meeting-" + std::to_string(id) + "@" + domain;
}

std::string feed(const std::vector<MeetingItem>& meetings, const std::vector<ActivityItem>& activities,
                 const std::string& calendar_name, const std::string& domain, Timestamp now) {
    ComponentPtr cal = calendar(Method::none);
    icalproperty* name = icalproperty_new_x(calendar_name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), name);
    for (const auto& m : meetings) icalcomponent_add_component(cal.get(), meeting_event(m, domain, now, Method::none));
    for (const auto& a : activities) icalcomponent_add_component(cal.get(), activity_event(a, domain, now));
    return text_of(cal.get());
}

std::string invitation(const MeetingItem& item, Method method, const std::string& domain, Timestamp now) {
    ComponentPtr cal = calendar(method);
    icalcomponent_add_component(cal.get(), meeting_event(item, domain, now, method));
    return text_of(cal.get());
}

}  // namespace tumen::server::ical
