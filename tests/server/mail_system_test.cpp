// Mail the server writes itself (invitations, reminders, digests, quotations): MailService::queue_system_mail
// queues inside the caller's transaction, the generated file travels as an attachment with its Content-Type
// parameters, the stored file outlives the start-up purge while its outbox row exists, and bad input names the field.
#include <doctest/doctest.h>

#include "mail_helpers.hpp"
#include "mime_read.hpp"
#include "services/mail_service.hpp"

using namespace tumen::testing;
using tumen::server::SystemMail;

namespace {

const std::string invite_ics =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tumen//test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:meeting-1@crm.tumen.mn\r\nSUMMARY:Уулзалт\r\nDTSTART:20261130T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

SystemMail invitation() {
    SystemMail m;
    m.to = {"Сараа <saraa@tumen.mn>"};
    m.subject = "Урилга: Уулзалт";
    m.body_text = "Даваа гарагт уулзъя.";
    m.files.push_back({"invite.ics", "text/calendar; method=REQUEST; charset=utf-8", invite_ics});
    return m;
}

}  // namespace

TEST_CASE("a system mail goes out with its generated file, typed with the method parameter") {
    MailWorld w;
    w.use_sink();
    auto& mail = w.server.app->mail();
    auto queued = w.server.app->db().write([&](tumen::store::Connection& c) { return mail.queue_system_mail(c, invitation()); });
    REQUIRE(queued);
    mail.poke_sender();

    // The file is kept while its row exists, even across the start-up purge of unreferenced files.
    w.server.app->attachments().purge_orphans();
    REQUIRE(w.idle());
    const auto received = w.sink.messages();
    REQUIRE_MESSAGE(received.size() == 1, w.outbox_report());
    Parsed p(received[0]);
    REQUIRE(p.msg);
    CHECK(decoded_header(header_of(received[0], "Subject")) == "Урилга: Уулзалт");
    CHECK(decoded_header(header_of(received[0], "From")) == mail_sender);  // the default sender
    GMimeObject* ics = find_file_part(g_mime_message_get_mime_part(p.msg), "invite.ics");
    REQUIRE(ics);
    GMimeContentType* type = g_mime_object_get_content_type(ics);
    CHECK(std::string(g_mime_content_type_get_media_type(type)) == "text");
    CHECK(std::string(g_mime_content_type_get_media_subtype(type)) == "calendar");
    CHECK(std::string(g_mime_object_get_content_type_parameter(ics, "method")) == "REQUEST");
    CHECK(part_text(ics) == invite_ics);
    CHECK(scalar(w.server, "SELECT count(*) FROM mail_outbox_files WHERE outbox_id = " + std::to_string(queued.value())) == 1);
}

TEST_CASE("a system mail is part of the caller's transaction and names the field it lacks") {
    MailWorld w;
    auto& mail = w.server.app->mail();
    auto& db = w.server.app->db();

    SUBCASE("no sender configured: 'from'") {
        auto r = db.write([&](tumen::store::Connection& c) { return mail.queue_system_mail(c, invitation()); });
        REQUIRE_FALSE(r);
        CHECK(r.error().field == "from");
    }
    SUBCASE("bad recipients and no subject") {
        w.use_sink();
        SystemMail m = invitation();
        m.to = {"Сараа <saraa@tumen.mn>", "not an address"};
        m.subject.clear();
        auto r = db.write([&](tumen::store::Connection& c) { return mail.queue_system_mail(c, m); });
        REQUIRE_FALSE(r);
        std::vector<std::string> fields;
        for (const auto& f : r.error().details) fields.push_back(f.field);
        CHECK(fields == std::vector<std::string>{"to[1]", "subject"});
    }
    SUBCASE("a rolled-back action leaves no mail behind") {
        w.use_sink();
        CHECK_THROWS(db.write([&](tumen::store::Connection& c) {
            REQUIRE(mail.queue_system_mail(c, invitation()));
            throw std::runtime_error("the action failed after queueing");
        }));
        CHECK(scalar(w.server, "SELECT count(*) FROM mail_outbox") == 0);
        CHECK(scalar(w.server, "SELECT count(*) FROM mail_outbox_files") == 0);
    }
    CHECK(w.sink.count() == 0);
}
