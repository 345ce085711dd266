// Inbound e-mail over real HTTP with raw messages from tests/data/mail: a mail to a team alias creates a lead in
// that team (UTF-8, Windows-1251, KOI8-R, RFC 2047 subjects, HTML-only, attachments), a reply to one of our
// Message-IDs lands on its lead, a second delivery of one Message-ID is not taken twice, loops and mail without
// a route are refused with a reason, and every outcome shows in the channel counters.
#include "mail_inbound_helpers.hpp"
#include "store/mail_inbound.hpp"
#include "tumen/mail_message_id.hpp"

using namespace tumen::testing;
using nlohmann::json;

TEST_CASE("mail inbound: a UTF-8 mail to the sales alias creates a lead in that team with the mail in its chatter") {
    InboundWorld w;
    auto out = w.take(mail_file("new_utf8.eml"), 201);
    CHECK(out["outcome"] == "created");
    CHECK(out["message_id"] == "<utf8-first@gobi-trade.mn>");
    const int64_t id = out["lead_id"].get<int64_t>();

    auto lead = w.lead(id);
    CHECK(lead["name"] == "Үнийн санал: 50 ширхэг принтер");
    CHECK(lead["contact_name"] == "Сарнай Болд");
    CHECK(lead["email"] == "sarnai@gobi-trade.mn");
    CHECK(lead["team_id"] == w.sales_team);
    CHECK(lead["user_id"].is_null());  // unassigned, as Odoo's message_new
    CHECK(lead["description"].get<std::string>().find("Бид 50 ширхэг принтер авах") != std::string::npos);
    CHECK(lead["stage_id"].is_number_integer());

    auto mails = w.emails(id);
    REQUIRE(mails.size() == 1);
    CHECK(mails[0]["subject"] == "Үнийн санал: 50 ширхэг принтер");
    CHECK(mails[0]["author_name"] == "Сарнай Болд <sarnai@gobi-trade.mn>");
    CHECK(mails[0]["body"].get<std::string>().rfind("Сайн байна уу,\n\nБид 50", 0) == 0);

    auto files = w.server.client.Get("/api/v1/leads/" + std::to_string(id) + "/attachments");
    REQUIRE(files);
    auto items = body_of(files)["items"];
    REQUIRE(items.size() == 1);
    CHECK(items[0]["name"] == "шаардлага.txt");
    auto download = w.server.client.Get("/api/v1/attachments/" + std::to_string(items[0]["id"].get<int64_t>()));
    REQUIRE(download);
    CHECK(download->body == "Техникийн шаардлага: A4, өнгөт, сүлжээний.\n");

    // Searchable at once (full-text row written with the lead) and a live event in the same transaction.
    auto found = w.server.client.Get("/api/v1/leads?q=%D0%BF%D1%80%D0%B8%D0%BD%D1%82%D0%B5%D1%80");  // "принтер"
    REQUIRE(found);
    CHECK(body_of(found)["items"].size() == 1);
    CHECK(w.count("SELECT count(*) FROM change_log WHERE entity = 'lead' AND entity_id = " + std::to_string(id) +
                  " AND action = 'created'") == 1);

    auto ch = w.channel("http");
    REQUIRE(ch.is_object());
    CHECK(ch["received"] == 1);
    CHECK(ch["created"] == 1);
    CHECK(ch["state"] == "ok");
    CHECK(ch["last_success_at"].is_string());
}

TEST_CASE("mail inbound: Windows-1251 and KOI8-R mail is decoded, KOI8-R to the support alias goes to that team") {
    InboundWorld w;
    auto cp = w.take(mail_file("cp1251.eml"), 201);
    auto lead = w.lead(cp["lead_id"].get<int64_t>());
    CHECK(lead["name"] == "Заявка на поставку оборудования");
    CHECK(lead["contact_name"] == "Иван Петров");
    CHECK(lead["description"].get<std::string>().find("Просим выставить счёт на 10 ноутбуков.") != std::string::npos);
    CHECK(lead["description"].get<std::string>().find('\r') == std::string::npos);

    auto koi = w.take(mail_file("koi8r.eml"), 201);
    auto lead2 = w.lead(koi["lead_id"].get<int64_t>());
    CHECK(lead2["name"] == "Вопрос о цене");
    CHECK(lead2["contact_name"] == "Ольга");
    CHECK(lead2["team_id"] == w.support_team);
    CHECK(lead2["description"] == "Добрый день.\nСколько стоит доставка в Улан-Батор?\n");
}

TEST_CASE("mail inbound: an HTML-only mail becomes readable text") {
    InboundWorld w;
    auto out = w.take(mail_file("html_only.eml"), 201);
    auto lead = w.lead(out["lead_id"].get<int64_t>());
    CHECK(lead["name"] == "CRM систем");
    const auto text = lead["description"].get<std::string>();
    CHECK(text.find('<') == std::string::npos);
    CHECK(text.find("color") == std::string::npos);
    CHECK(text.find("Манай компани CRM систем сонирхож байна.") != std::string::npos);
    CHECK(text.find("- 10 хэрэглэгч\n- Монгол хэл") != std::string::npos);
    CHECK(text.find("Тендерийн баримт (https://steppe.mn/rfp)") != std::string::npos);
}

TEST_CASE("mail inbound: a reply to one of our Message-IDs is appended to that lead, not a new lead") {
    InboundWorld w;
    auto created = post_json(w.server.client, "/api/v1/leads", {{"name", "Принтерийн тендер"}, {"team_id", w.sales_team}});
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const int64_t id = body_of(created)["id"].get<int64_t>();
    const auto leads_before = w.count("SELECT count(*) FROM leads");

    const auto ours = tumen::make_message_id("lead", id, 0, "ab12cd", "crm.tumen.mn");
    auto out = w.take(replace_all(mail_file("reply.eml"), "@@OUR_ID@@", ours), 200);
    CHECK(out["outcome"] == "appended");
    CHECK(out["lead_id"] == id);
    CHECK(w.count("SELECT count(*) FROM leads") == leads_before);
    auto mails = w.emails(id);
    REQUIRE(mails.size() == 1);
    CHECK(mails[0]["subject"] == "Re: Үнийн санал");
    CHECK(mails[0]["body"].get<std::string>().rfind("Баярлалаа, үнийн санал хүлээж авлаа.", 0) == 0);
    CHECK(w.count("SELECT count(*) FROM change_log WHERE entity = 'lead' AND entity_id = " + std::to_string(id) +
                  " AND action = 'message'") == 1);

    // The customer answers the reply: threading by the stored Message-ID of the inbound mail itself.
    std::string second = replace_all(mail_file("no_route.eml"), "<stranger-1@example.org>", "<reply-2@gobi-trade.mn>");
    second = replace_all(second, "Subject: Hello", "In-Reply-To: <reply-1@gobi-trade.mn>\nSubject: Re: Re");
    auto out2 = w.take(second, 200);
    CHECK(out2["outcome"] == "appended");
    CHECK(out2["lead_id"] == id);
    CHECK(w.channel("http")["appended"] == 2);
}

TEST_CASE("mail inbound: a reply to a lead that was deleted goes by the alias instead") {
    InboundWorld w;
    const auto gone = tumen::make_message_id("lead", 999, 3, "ff", "crm.tumen.mn");
    auto out = w.take(replace_all(mail_file("reply.eml"), "@@OUR_ID@@", gone), 201);
    CHECK(out["outcome"] == "created");
    CHECK(out["lead_id"] != 999);
}

TEST_CASE("mail inbound: a second delivery of one Message-ID is answered 'duplicate' and written once") {
    InboundWorld w;
    auto first = w.take(mail_file("new_utf8.eml"), 201);
    auto again = w.take(mail_file("new_utf8.eml"), 200);
    CHECK(again["outcome"] == "duplicate");
    CHECK(again["lead_id"] == first["lead_id"]);
    CHECK(w.count("SELECT count(*) FROM leads") == 1);
    CHECK(w.count("SELECT count(*) FROM messages WHERE kind = 'email'") == 1);
    CHECK(w.count("SELECT count(*) FROM attachments") == 1);
    CHECK(w.count("SELECT count(*) FROM mail_inbound") == 1);
    CHECK(w.channel("http")["received"] == 2);
    CHECK(w.channel("http")["created"] == 1);
}

TEST_CASE("mail inbound: loops are refused with their reason and recorded") {
    InboundWorld w;
    auto loop = w.take(mail_file("loop.eml"), 200);
    CHECK(loop["outcome"] == "rejected");
    CHECK(loop["loop"] == true);
    CHECK(loop["reason"].get<std::string>().find("X-Tumen-Loop") != std::string::npos);

    auto away = w.take(mail_file("auto_reply.eml"), 200);
    CHECK(away["outcome"] == "rejected");
    CHECK(away["reason"] == "loop: Auto-Submitted: auto-replied");
    CHECK(w.count("SELECT count(*) FROM leads") == 0);

    // Too many mails from one sender within the window.
    w.server.app->mail_inbound().set_loop_guard(3600, 3);
    for (int i = 0; i < 3; ++i) {
        auto raw = replace_all(mail_file("cp1251.eml"), "<cp1251-order@baikal.ru>", "<flood-" + std::to_string(i) + "@baikal.ru>");
        CHECK(w.take(raw, 201)["outcome"] == "created");
    }
    auto flood = w.take(replace_all(mail_file("cp1251.eml"), "<cp1251-order@baikal.ru>", "<flood-x@baikal.ru>"), 200);
    CHECK(flood["outcome"] == "rejected");
    CHECK(flood["loop"] == true);
    CHECK(flood["reason"].get<std::string>().find("ivan@baikal.ru") != std::string::npos);

    auto row = tumen::store::find_inbound(w.server.app->db().reader(), "<flood-x@baikal.ru>");
    REQUIRE(row);
    CHECK(row->outcome == "rejected");
    CHECK(row->sender == "ivan@baikal.ru");
    CHECK(w.channel("http")["rejected"] == 3);
}

TEST_CASE("mail inbound: mail with no route is rejected loudly: counter, last error and state") {
    InboundWorld w;
    auto out = w.take(mail_file("no_route.eml"), 200);
    CHECK(out["outcome"] == "rejected");
    CHECK(out["loop"] == false);
    CHECK(out["reason"].get<std::string>().rfind("no route", 0) == 0);
    auto ch = w.channel("http");
    CHECK(ch["rejected"] == 1);
    CHECK(ch["state"] == "error");
    CHECK(ch["last_error"].get<std::string>().find("<stranger-1@example.org>") != std::string::npos);
    CHECK(ch["last_error_at"].is_string());
    // The next good mail puts the channel back to ok; the last error stays readable.
    w.take(mail_file("new_utf8.eml"), 201);
    CHECK(w.channel("http")["state"] == "ok");
    CHECK(w.channel("http")["last_error"].get<std::string>().find("no route") != std::string::npos);
}

TEST_CASE("mail inbound: bad input is 422 naming the field; other callers are refused") {
    InboundWorld w;
    auto empty = w.post("");
    REQUIRE(empty);
    CHECK(empty->status == 422);
    CHECK(body_of(empty)["error"]["details"][0]["field"] == "message");

    auto junk = w.post("\x01\x02 this is not a mail");
    REQUIRE(junk);
    CHECK(junk->status == 422);
    CHECK(body_of(junk)["error"]["details"][0]["field"] == "message");
    CHECK(w.channel("http")["rejected"] == 1);

    auto channel = w.post(mail_file("new_utf8.eml"), "smoke-signal");
    REQUIRE(channel);
    CHECK(channel->status == 422);
    CHECK(body_of(channel)["error"]["details"][0]["field"] == "channel");

    create_user(w.server, "manager1", "manager");
    auto manager = sign_in(w.server, "manager1");
    auto refused = manager.client->Post("/api/v1/mail/inbound", mail_file("new_utf8.eml"), "message/rfc822");
    REQUIRE(refused);
    CHECK(refused->status == 403);
    auto channels = manager.client->Get("/api/v1/mail/channels");
    REQUIRE(channels);
    CHECK(channels->status == 200);
    CHECK(w.count("SELECT count(*) FROM leads") == 0);
}
