// Outgoing mail end to end with a real SMTP server (aiosmtpd on loopback): compose from a lead's chatter, the
// mail.send job, and what the server actually received - RFC 2047 Cyrillic subject and names, text + HTML
// alternatives, an attachment, our Message-ID - plus the delivery state on the chatter message.
#include <doctest/doctest.h>
#include <gmime/gmime.h>

#include "io_helpers.hpp"
#include "mail_helpers.hpp"
#include "mime_read.hpp"

using namespace tumen::testing;
using nlohmann::json;


TEST_CASE("a mail written on a lead arrives with a Cyrillic subject, both alternatives and the attachment") {
    MailWorld w;
    w.use_sink();
    const int64_t lead = w.lead();
    IoSession io(w.server);
    const std::string pdf = "%PDF-1.4\n% Үнийн санал\n" + std::string(3000, 'x') + "\n%%EOF\n";
    auto up = io.post_multipart("/api/v1/leads/" + std::to_string(lead) + "/attachments",
                                {{"file", pdf, "Үнийн санал.pdf", "application/pdf"}});
    REQUIRE(up);
    REQUIRE_MESSAGE(up->status == 201, up->body);
    const int64_t attachment = TestServer::body(up)["id"];

    auto r = w.compose(lead, {{"to", "\"Ганболд, Батбаяр\" <bat@gobi.mn>"},
                              {"cc", json::array({"Сараа <saraa@tumen.mn>"})},
                              {"subject", "Үнийн санал: {{lead.name}}"},
                              {"body", "Сайн байна уу, {{lead.contact_name}}!\nҮнэ < 5 сая & хямдралтай."},
                              {"attachment_ids", {attachment}}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    const json msg = TestServer::body(r);
    CHECK(msg["kind"] == "email");
    CHECK(msg["subject"] == "Үнийн санал: Төмөр замын тендер");
    CHECK(msg["mail"]["state"] == "queued");
    const int64_t mail_id = msg["mail"]["id"];

    REQUIRE(w.idle());
    const auto received = w.sink.messages();
    REQUIRE(received.size() == 1);
    const std::string& raw = received[0];
    const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
    CHECK(all_ascii(head));  // every header is 7-bit: Cyrillic only as RFC 2047 encoded-words

    const std::string subject = header_of(raw, "Subject");
    // Byte for byte what went over the wire (GMime's base64 encoded-word of the UTF-8 subject).
    CHECK(subject ==
          "=?UTF-8?B?0q7QvdC40LnQvSDRgdCw0L3QsNC7OiDQotOp0LzTqdGA?= =?UTF-8?B?INC30LDQvNGL0L0g0YLQtdC90LTQtdGA?=");
    CHECK(decoded_header(subject) == "Үнийн санал: Төмөр замын тендер");
    // Display names as UTF-8 encoded-words too (not a legacy Cyrillic charset some clients garble).
    CHECK(header_of(raw, "To").rfind("=?UTF-8?", 0) == 0);
    CHECK(decoded_header(header_of(raw, "From")) == "Түмэн CRM <crm@tumen.mn>");
    CHECK(decoded_header(header_of(raw, "Cc")) == "Сараа <saraa@tumen.mn>");
    const json row = w.outbox_row(mail_id);
    CHECK(header_of(raw, "Message-Id") == row["message_id"]);
    CHECK(row["message_id"].get<std::string>().rfind("<tumen-lead-" + std::to_string(lead) + "-m" + std::to_string(mail_id) + ".", 0) == 0);
    CHECK(header_of(raw, "X-Tumen-Loop") == "crm.tumen.mn");

    Parsed p(raw);
    REQUIRE(p.msg);
    InternetAddressList* to = g_mime_message_get_to(p.msg);
    REQUIRE(internet_address_list_length(to) == 1);
    InternetAddress* first_to = internet_address_list_get_address(to, 0);
    CHECK(std::string(internet_address_get_name(first_to)) == "Ганболд, Батбаяр");  // the comma stayed in the name
    CHECK(std::string(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(first_to))) == "bat@gobi.mn");
    GMimeObject* root = g_mime_message_get_mime_part(p.msg);
    REQUIRE(GMIME_IS_MULTIPART(root));
    CHECK(std::string(g_mime_content_type_get_media_subtype(g_mime_object_get_content_type(root))) == "mixed");
    GMimeMultipart* mixed = GMIME_MULTIPART(root);
    REQUIRE(g_mime_multipart_get_count(mixed) == 2);
    GMimeObject* alt = g_mime_multipart_get_part(mixed, 0);
    REQUIRE(GMIME_IS_MULTIPART(alt));
    REQUIRE(g_mime_multipart_get_count(GMIME_MULTIPART(alt)) == 2);
    GMimeObject* text = g_mime_multipart_get_part(GMIME_MULTIPART(alt), 0);
    GMimeObject* html = g_mime_multipart_get_part(GMIME_MULTIPART(alt), 1);
    CHECK(std::string(g_mime_content_type_get_media_subtype(g_mime_object_get_content_type(text))) == "plain");
    CHECK(std::string(g_mime_content_type_get_media_subtype(g_mime_object_get_content_type(html))) == "html");
    char* text_body = g_mime_text_part_get_text(GMIME_TEXT_PART(text));
    CHECK(std::string(text_body) == "Сайн байна уу, Батбаяр Ганболд!\nҮнэ < 5 сая & хямдралтай.");
    g_free(text_body);
    char* html_body = g_mime_text_part_get_text(GMIME_TEXT_PART(html));
    const std::string h(html_body);
    g_free(html_body);
    CHECK(h.find("Үнэ &lt; 5 сая &amp; хямдралтай.") != std::string::npos);  // typed text never becomes markup
    CHECK(h.find("<br>") != std::string::npos);
    GMimeObject* att = g_mime_multipart_get_part(mixed, 1);
    CHECK(std::string(g_mime_part_get_filename(GMIME_PART(att))) == "Үнийн санал.pdf");
    CHECK(part_text(att) == pdf);

    // The chatter shows the delivery state; the message row carries the Message-ID for replies.
    auto list = w.server.client.Get("/api/v1/leads/" + std::to_string(lead) + "/messages");
    REQUIRE(list);
    const json first = TestServer::body(list)["items"][0];
    CHECK(first["mail"]["state"] == "sent");
    CHECK(first["mail"]["sent_at"].is_string());
    CHECK(first["mail"]["to"] == json::array({"\"Ганболд, Батбаяр\" <bat@gobi.mn>"}));
    CHECK(scalar(w.server, "SELECT count(*) FROM messages WHERE message_id = '" + row["message_id"].get<std::string>() + "'") == 1);
}

TEST_CASE("a template fills subject and body; bad input is 422 naming the field; other users' leads are 404") {
    MailWorld w;
    w.use_sink();
    const int64_t lead = w.lead();
    auto t = post_json(w.server.client, "/api/v1/mail/templates",
                       {{"name", "Санал"}, {"subject", "{{lead.name}} - {{company.name}}"},
                        {"body", "Эрхэм {{lead.contact_name | \"харилцагч\"}},\n{{user.name}}"}});
    REQUIRE(t);
    REQUIRE_MESSAGE(t->status == 201, t->body);
    const int64_t tid = TestServer::body(t)["id"];

    auto bad = w.compose(lead, {{"to", json::array({"bat@gobi.mn", "not-an-address"})}, {"subject", "x"}, {"body", "y"}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK(TestServer::body(bad)["error"]["details"][0]["field"] == "to[1]");
    auto bad_template = w.compose(lead, {{"to", "bat@gobi.mn"}, {"template_id", 999}});
    REQUIRE(bad_template);
    CHECK(bad_template->status == 422);
    CHECK(TestServer::body(bad_template)["error"]["field"] == "template_id");
    auto bad_attachment = w.compose(lead, {{"to", "bat@gobi.mn"}, {"subject", "x"}, {"body", "y"}, {"attachment_ids", {12345}}});
    REQUIRE(bad_attachment);
    CHECK(bad_attachment->status == 422);
    CHECK(TestServer::body(bad_attachment)["error"]["field"] == "attachment_ids[0]");
    CHECK(scalar(w.server, "SELECT count(*) FROM mail_outbox") == 0);  // nothing half-queued
    CHECK(scalar(w.server, "SELECT count(*) FROM messages WHERE kind = 'email'") == 0);

    auto ok = w.compose(lead, {{"to", "bat@gobi.mn"}, {"template_id", tid}});
    REQUIRE(ok);
    REQUIRE_MESSAGE(ok->status == 201, ok->body);
    CHECK(TestServer::body(ok)["subject"] == "Төмөр замын тендер - Түмэн");
    REQUIRE(w.idle());
    REQUIRE_MESSAGE(w.sink.count() == 1, w.outbox_report());

    // A salesperson who sees only their own leads cannot mail from (or probe) this one.
    create_user(w.server, "own", "sales_own");
    auto own = sign_in(w.server, "own");
    auto denied = post_json(*own.client, "/api/v1/leads/" + std::to_string(lead) + "/mail",
                            {{"to", "bat@gobi.mn"}, {"subject", "x"}, {"body", "y"}});
    REQUIRE(denied);
    CHECK(denied->status == 404);
    CHECK(scalar(w.server, "SELECT count(*) FROM mail_outbox") == 1);
}

TEST_CASE("templates: unknown placeholders refused at save time, versions checked") {
    MailWorld w;
    auto bad = post_json(w.server.client, "/api/v1/mail/templates", {{"name", "A"}, {"subject", "{{lead.nmae}}"}, {"body", "ok"}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    const json err = TestServer::body(bad)["error"];
    CHECK(err["field"] == "subject");
    CHECK(err["details"][0]["message"].get<std::string>().find("lead.nmae") != std::string::npos);

    auto t = post_json(w.server.client, "/api/v1/mail/templates", {{"name", "A"}, {"subject", "{{lead.name}}"}, {"body", "ok"}});
    REQUIRE(t);
    REQUIRE(t->status == 201);
    const json tpl = TestServer::body(t);
    const std::string path = "/api/v1/mail/templates/" + std::to_string(tpl["id"].get<int64_t>());
    auto patched = patch_json(w.server.client, path, {{"version", tpl["version"]}, {"body", "{{user.nickname}}"}});
    REQUIRE(patched);
    CHECK(patched->status == 422);
    CHECK(TestServer::body(patched)["error"]["field"] == "body");
    auto good = patch_json(w.server.client, path, {{"version", tpl["version"]}, {"body", "Hi {{user.name}}"}});
    REQUIRE(good);
    REQUIRE(good->status == 200);
    auto stale = patch_json(w.server.client, path, {{"version", tpl["version"]}, {"body", "x"}});
    REQUIRE(stale);
    CHECK(stale->status == 409);
    CHECK(TestServer::body(stale)["error"]["current"]["body"] == "Hi {{user.name}}");
    auto dup = post_json(w.server.client, "/api/v1/mail/templates", {{"name", "A"}, {"subject", "x"}, {"body", "y"}});
    REQUIRE(dup);
    CHECK(dup->status == 422);
    auto list = w.server.client.Get("/api/v1/mail/templates");
    REQUIRE(list);
    CHECK(TestServer::body(list)["items"].size() == 1);
    auto del = w.server.client.Delete(path.c_str());
    REQUIRE(del);
    CHECK(del->status == 204);
    auto gone = w.server.client.Get(path.c_str());
    REQUIRE(gone);
    CHECK(gone->status == 404);
}
