// The iCalendar feed parsed back with libical field by field, its token's life (create, rotate, revoke), and the
// invitation and reminder e-mails received by a real SMTP server (smtp_sink.py).
#include <doctest/doctest.h>
#include <libical/ical.h>

#include <memory>

#include "mail_helpers.hpp"
#include "mime_read.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

struct IcalDoc {
    icalcomponent* cal = nullptr;
    explicit IcalDoc(const std::string& text) : cal(icalparser_parse_string(text.c_str())) {}
    ~IcalDoc() {
        if (cal) icalcomponent_free(cal);
    }
    std::vector<icalcomponent*> events() const {
        std::vector<icalcomponent*> out;
        for (auto* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
             e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
            out.push_back(e);
        return out;
    }
    icalcomponent* event(const std::string& uid) const {
        for (auto* e : events())
            if (uid == icalcomponent_get_uid(e)) return e;
        return nullptr;
    }
};

std::string utc_text(icaltimetype t) {
    return tumen::format_timestamp(static_cast<tumen::Timestamp>(icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone())));
}

std::vector<std::string> attendees_of(icalcomponent* ev) {
    std::vector<std::string> out;
    for (auto* p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY))
        out.push_back(icalproperty_get_attendee(p));
    return out;
}

std::string feed_path(TestServer& s) {
    auto r = s.client.Post("/api/v1/account/calendar-feed", "", "application/json");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["path"];
}

// The calendar part of a received mail: its text and its Content-Type's method parameter.
std::string invite_text(const std::string& raw, std::string* method) {
    Parsed p(raw);
    REQUIRE(p.msg);
    GMimeObject* part = find_file_part(g_mime_message_get_mime_part(p.msg), "invite.ics");
    REQUIRE(part);
    GMimeContentType* ct = g_mime_object_get_content_type(part);
    CHECK(std::string(g_mime_content_type_get_media_type(ct)) == "text");
    CHECK(std::string(g_mime_content_type_get_media_subtype(ct)) == "calendar");
    if (method) {
        const char* m = g_mime_content_type_get_parameter(ct, "method");
        *method = m ? m : "";
    }
    return part_text(part);
}

}  // namespace

TEST_CASE("ical feed: meetings read back field by field; the token is the only credential") {
    TestServer s;
    s.login();
    s.app->db().write([](tumen::store::Connection& c) {
        c.prepare_uncached("UPDATE users SET email = 'admin@tumen.mn' WHERE login = 'admin'").run();
    });
    create_user(s, "bold", "sales_all", {{"email", "bold@tumen.mn"}});
    const int64_t bold = scalar(s, "SELECT id FROM users WHERE login = 'bold'");
    auto lr = post_json(s.client, "/api/v1/leads", {{"name", "Хөвсгөл аялал"}});
    REQUIRE(lr->status == 201);
    const int64_t lead = body_of(lr)["id"];
    const std::string long_title = "Хөвсгөл нуурын аяллын гэрээг эцэслэн хэлэлцэх уулзалт, төсөв ба хуваарийн хамт";
    auto mr = post_json(s.client, "/api/v1/leads/" + std::to_string(lead) + "/meetings",
                        {{"title", long_title}, {"start", "2026-12-01T02:00:00Z"}, {"end", "2026-12-01T03:15:00Z"},
                         {"location", "Улаанбаатар"},
                         {"attendees", {{{"user_id", bold}}, {{"email", "Сараа <saraa@gobi.mn>"}}}}});
    REQUIRE_MESSAGE(mr->status == 201, mr->body);
    const int64_t timed = body_of(mr)["id"];
    REQUIRE(patch_json(s.client, "/api/v1/meetings/" + std::to_string(timed), {{"version", 1}, {"location", "Оффис"}})->status == 200);
    auto ar = post_json(s.client, "/api/v1/meetings", {{"title", "Баяр"}, {"all_day", true}, {"start_date", "2026-12-29"},
                                                       {"end_date", "2026-12-31"}});
    REQUIRE_MESSAGE(ar->status == 201, ar->body);
    const int64_t all_day = body_of(ar)["id"];

    CHECK(body_of(s.client.Get("/api/v1/account/calendar-feed"))["active"] == false);
    const std::string path = feed_path(s);
    CHECK(path.rfind("/calendar/", 0) == 0);
    CHECK(body_of(s.client.Get("/api/v1/account/calendar-feed"))["active"] == true);

    httplib::Client anon("127.0.0.1", s.app->port());
    auto feed = anon.Get(path);
    REQUIRE(feed);
    REQUIRE_MESSAGE(feed->status == 200, feed->body);
    CHECK(feed->get_header_value("Content-Type").rfind("text/calendar", 0) == 0);
    // Folded at 75 octets with CRLF line ends (RFC 5545 3.1).
    for (size_t at = 0, next; at < feed->body.size(); at = next + 2) {
        next = feed->body.find("\r\n", at);
        REQUIRE(next != std::string::npos);
        CHECK(next - at <= 75);
    }
    IcalDoc doc(feed->body);
    REQUIRE(doc.cal);
    CHECK(std::string(icalproperty_get_version(icalcomponent_get_first_property(doc.cal, ICAL_VERSION_PROPERTY))) == "2.0");
    CHECK(icalcomponent_get_first_property(doc.cal, ICAL_PRODID_PROPERTY) != nullptr);
    CHECK(doc.events().size() == 2);

    icalcomponent* ev = doc.event("meeting-" + std::to_string(timed) + "@tumen.localhost");
    REQUIRE(ev);
    CHECK(utc_text(icalcomponent_get_dtstart(ev)) == "2026-12-01T02:00:00Z");
    CHECK(utc_text(icalcomponent_get_dtend(ev)) == "2026-12-01T03:15:00Z");
    CHECK(icalcomponent_get_dtstart(ev).is_date == 0);
    CHECK(std::string(icalcomponent_get_summary(ev)) == long_title);  // unfolded back whole
    CHECK(std::string(icalcomponent_get_location(ev)) == "Оффис");
    CHECK(icalcomponent_get_sequence(ev) == 1);
    const auto att = attendees_of(ev);
    CHECK(att == std::vector<std::string>{"mailto:bold@tumen.mn", "mailto:saraa@gobi.mn"});
    auto* org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
    REQUIRE(org);
    CHECK(std::string(icalproperty_get_organizer(org)) == "mailto:admin@tumen.mn");

    icalcomponent* day = doc.event("meeting-" + std::to_string(all_day) + "@tumen.localhost");
    REQUIRE(day);
    CHECK(icalcomponent_get_dtstart(day).is_date == 1);
    CHECK(icalcomponent_get_dtstart(day).day == 29);
    CHECK(icalcomponent_get_dtend(day).year == 2027);  // exclusive end: 1 January
    CHECK(icalcomponent_get_dtend(day).day == 1);

    // The attendee's own feed holds the meeting too (not the admin's all-day one).
    auto bold_in = sign_in(s, "bold");
    auto br = bold_in.client->Post("/api/v1/account/calendar-feed", "", "application/json");
    REQUIRE(br->status == 201);
    IcalDoc bold_doc(anon.Get(body_of(br)["path"].get<std::string>())->body);
    CHECK(bold_doc.events().size() == 1);

    // Rotating kills the old URL; revoking kills the new one.
    const std::string rotated = feed_path(s);
    CHECK(rotated != path);
    CHECK(anon.Get(path)->status == 404);
    CHECK(anon.Get(rotated)->status == 200);
    REQUIRE(s.client.Delete("/api/v1/account/calendar-feed")->status == 204);
    CHECK(anon.Get(rotated)->status == 404);
    CHECK(anon.Get("/calendar/not-a-token.ics")->status == 404);
    CHECK(s.client.Delete("/api/v1/account/calendar-feed")->status == 404);
}

TEST_CASE("invitations: attendees receive invite.ics METHOD:REQUEST, then a CANCEL when the meeting is cancelled") {
    MailWorld w;
    w.use_sink();
    auto& s = w.server;
    const int64_t lead = w.lead();
    auto mr = post_json(s.client, "/api/v1/leads/" + std::to_string(lead) + "/meetings",
                        {{"title", "Танилцуулга"}, {"start", "2026-12-02T02:00:00Z"}, {"end", "2026-12-02T03:00:00Z"},
                         {"attendees", {{{"email", "Батаа <bataa@gobi.mn>"}}}}});
    REQUIRE_MESSAGE(mr->status == 201, mr->body);
    CHECK(body_of(mr)["invitations"] == "queued");
    const int64_t id = body_of(mr)["id"];
    REQUIRE_MESSAGE(eventually([&] { return w.sink.count() == 1; }), w.outbox_report());
    std::string method;
    std::string ics = invite_text(w.sink.messages().at(0), &method);
    CHECK(method == "REQUEST");
    {
        IcalDoc doc(ics);
        REQUIRE(doc.cal);
        CHECK(icalcomponent_get_method(doc.cal) == ICAL_METHOD_REQUEST);
        REQUIRE(doc.events().size() == 1);
        CHECK(std::string(icalcomponent_get_uid(doc.events()[0])) == "meeting-" + std::to_string(id) + "@crm.tumen.mn");
        CHECK(attendees_of(doc.events()[0]) == std::vector<std::string>{"mailto:bataa@gobi.mn"});
    }
    REQUIRE(s.client.Delete("/api/v1/meetings/" + std::to_string(id))->status == 204);
    REQUIRE_MESSAGE(eventually([&] { return w.sink.count() == 2; }), w.outbox_report());
    // Find the one whose calendar part says CANCEL (file order is not delivery order).
    int cancels = 0, requests = 0;
    for (const auto& raw : w.sink.messages()) {
        std::string m;
        std::string text = invite_text(raw, &m);
        IcalDoc doc(text);
        REQUIRE(doc.cal);
        if (m == "CANCEL") {
            ++cancels;
            CHECK(icalcomponent_get_method(doc.cal) == ICAL_METHOD_CANCEL);
            CHECK(icalcomponent_get_status(doc.events().at(0)) == ICAL_STATUS_CANCELLED);
            CHECK(icalcomponent_get_sequence(doc.events().at(0)) == 1);
        } else {
            ++requests;
        }
    }
    CHECK(cancels == 1);
    CHECK(requests == 1);
}

TEST_CASE("reminders: the meetings.remind job mails the parties once, and again after a move") {
    MailWorld w;
    w.use_sink();
    auto& s = w.server;
    create_user(s, "dulmaa", "sales_all", {{"email", "dulmaa@tumen.mn"}});
    const int64_t dulmaa = scalar(s, "SELECT id FROM users WHERE login = 'dulmaa'");
    auto reminders = [&] {
        int n = 0;
        for (const auto& raw : w.sink.messages()) {
            Parsed p(raw);
            const char* subject = p.msg ? g_mime_message_get_subject(p.msg) : nullptr;
            if (subject && std::string(subject).rfind("Reminder: Сануулах уулзалт", 0) == 0) {
                ++n;
                CHECK(raw.find("dulmaa@tumen.mn") != std::string::npos);
            }
        }
        return n;
    };
    const auto now = tumen::server::unix_now();
    auto mr = post_json(s.client, "/api/v1/meetings",
                        {{"title", "Сануулах уулзалт"}, {"start", tumen::format_timestamp(now + 300)},
                         {"end", tumen::format_timestamp(now + 1800)}, {"reminder_minutes", 10},
                         {"attendees", {{{"user_id", dulmaa}}}}});
    REQUIRE_MESSAGE(mr->status == 201, mr->body);
    const int64_t id = body_of(mr)["id"];
    // The invitation and the reminder (start - 10 min has passed, so it is due at once).
    REQUIRE_MESSAGE(eventually([&] { return w.sink.count() == 2; }), w.outbox_report());
    CHECK(reminders() == 1);
    CHECK(scalar(s, "SELECT count(*) FROM meetings WHERE reminded_at IS NOT NULL") == 1);
    s.app->jobs().enqueue("meetings.remind");
    REQUIRE(w.idle());
    CHECK(w.sink.count() == 2);
    CHECK(reminders() == 1);
    // Moving it resets the reminder: an updated invitation and a second reminder.
    auto moved = patch_json(s.client, "/api/v1/meetings/" + std::to_string(id),
                            {{"version", 1}, {"start", tumen::format_timestamp(now + 400)}});
    REQUIRE_MESSAGE(moved->status == 200, moved->body);
    REQUIRE_MESSAGE(eventually([&] { return w.sink.count() == 4; }), w.outbox_report());
    CHECK(reminders() == 2);
}
