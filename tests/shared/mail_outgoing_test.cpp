// Outgoing mail: the compose input's checks (each bad address named by its position), the outbox value's JSON,
// how SMTP replies are judged and the retry schedule.
#include <doctest/doctest.h>

#include "tumen/mail_outgoing.hpp"

using namespace tumen;
using namespace tumen::mail;
using nlohmann::json;

namespace {
const FieldError* mail_outgoing_error_on(const Error& e, std::string_view field) {
    for (const auto& d : e.details)
        if (d.field == field) return &d;
    return nullptr;
}
}  // namespace

TEST_CASE("compose input reads address lists given as text or arrays") {
    auto in = compose_input_from_json({{"to", "\"Ганболд, Бат\" <bat@gobi.mn>, saraa@tumen.mn"},
                                       {"cc", json::array({"Дорж <dorj@x.mn>"})},
                                       {"subject", "Санал"},
                                       {"body", "Сайн байна уу"},
                                       {"attachment_ids", {3, 4}}});
    REQUIRE(in.ok());
    REQUIRE(in->to.size() == 2);
    CHECK(in->to[0].name == "Ганболд, Бат");
    CHECK(in->to[0].email == "bat@gobi.mn");
    CHECK(in->to[1].email == "saraa@tumen.mn");
    REQUIRE(in->cc.size() == 1);
    CHECK(in->cc[0].name == "Дорж");
    CHECK(in->attachment_ids == std::vector<std::int64_t>{3, 4});
    auto again = compose_input_from_json(compose_json(in.value()));
    REQUIRE(again.ok());
    CHECK(again.value() == in.value());
}

TEST_CASE("compose input names each bad field") {
    auto in = compose_input_from_json({{"to", json::array({"ok@x.mn", "not an address"})}, {"cc", 5}, {"colour", "red"}});
    REQUIRE_FALSE(in.ok());
    CHECK(in.error().code == ErrorCode::validation);
    CHECK(mail_outgoing_error_on(in.error(), "to[1]"));
    CHECK_FALSE(mail_outgoing_error_on(in.error(), "to[0]"));
    CHECK(mail_outgoing_error_on(in.error(), "cc"));
    CHECK(mail_outgoing_error_on(in.error(), "colour"));
    CHECK(mail_outgoing_error_on(in.error(), "subject"));
    CHECK(mail_outgoing_error_on(in.error(), "body"));
}

TEST_CASE("to is required; a template fills subject and body") {
    auto none = compose_input_from_json({{"template_id", 2}});
    REQUIRE_FALSE(none.ok());
    CHECK(mail_outgoing_error_on(none.error(), "to"));
    CHECK_FALSE(mail_outgoing_error_on(none.error(), "subject"));
    auto ok = compose_input_from_json({{"to", "a@x.mn"}, {"template_id", 2}});
    REQUIRE(ok.ok());
    CHECK(ok->template_id == 2);
}

TEST_CASE("a typed body may use placeholders, unknown ones are refused") {
    CHECK(compose_input_from_json({{"to", "a@x.mn"}, {"subject", "{{lead.name}}"}, {"body", "{{user.name}}"}}).ok());
    auto bad = compose_input_from_json({{"to", "a@x.mn"}, {"subject", "x"}, {"body", "{{lead.secret}}"}});
    REQUIRE_FALSE(bad.ok());
    REQUIRE(mail_outgoing_error_on(bad.error(), "body"));
    CHECK(mail_outgoing_error_on(bad.error(), "body")->message.find("lead.secret") != std::string::npos);
}

TEST_CASE("too many recipients are refused") {
    json to = json::array();
    for (int i = 0; i < 51; ++i) to.push_back("u" + std::to_string(i) + "@x.mn");
    auto in = compose_input_from_json({{"to", to}, {"subject", "s"}, {"body", "b"}});
    REQUIRE_FALSE(in.ok());
    CHECK(mail_outgoing_error_on(in.error(), "cc"));
}

TEST_CASE("SMTP replies: 2xx sent, 4xx and no reply temporary, 5xx permanent") {
    CHECK(classify_smtp_reply(250) == SmtpVerdict::sent);
    CHECK(classify_smtp_reply(421) == SmtpVerdict::temporary);
    CHECK(classify_smtp_reply(451) == SmtpVerdict::temporary);
    CHECK(classify_smtp_reply(0) == SmtpVerdict::temporary);
    CHECK(classify_smtp_reply(550) == SmtpVerdict::permanent);
    CHECK(classify_smtp_reply(554) == SmtpVerdict::permanent);
}

TEST_CASE("retry schedule: 1 min, 5 min, 15 min, 1 h, 4 h, then failed") {
    CHECK(retry_delay_s(1) == 60);
    CHECK(retry_delay_s(2) == 300);
    CHECK(retry_delay_s(3) == 900);
    CHECK(retry_delay_s(4) == 3600);
    CHECK(retry_delay_s(5) == 14400);
    CHECK_FALSE(retry_delay_s(6).has_value());
    CHECK_FALSE(retry_delay_s(max_send_attempts).has_value());
    CHECK_FALSE(retry_delay_s(0).has_value());
}

TEST_CASE("an outbox row round-trips through its JSON; the delivery state is a small object") {
    OutgoingMail m;
    m.id = 7;
    m.res_model = "lead";
    m.res_id = 42;
    m.message_id = "<tumen-lead-42-m7.ab@x.mn>";
    m.mail_from = "Сараа <saraa@tumen.mn>";
    m.to = {"bat@gobi.mn"};
    m.cc = {"Дорж <dorj@x.mn>"};
    m.subject = "Санал";
    m.body_text = "text";
    m.body_html = "text";
    m.attachments = {{3, "offer.pdf", "application/pdf", 1200, ""}};
    m.state = OutboxState::failed;
    m.attempts = 2;
    m.last_error = "550 5.1.1 no such user";
    m.created_by = 1;
    m.created_at = 1'790'000'000;
    m.next_try_at = 1'790'000'060;
    m.sent_at = 1'790'000'100;
    json j = m;
    CHECK(j["state"] == "failed");
    CHECK(j["attachments"][0]["name"] == "offer.pdf");
    CHECK_FALSE(j["attachments"][0].contains("sha256"));
    CHECK(outgoing_mail_from_json(j) == m);
    auto d = delivery_json(m);
    CHECK(d["state"] == "failed");
    CHECK(d["last_error"] == "550 5.1.1 no such user");
    CHECK(d["to"] == json::array({"bat@gobi.mn"}));
    CHECK(d["id"] == 7);
}

TEST_CASE("outbox states by name") {
    for (auto s : {OutboxState::queued, OutboxState::sending, OutboxState::sent, OutboxState::failed,
                   OutboxState::bounced, OutboxState::cancelled})
        CHECK(outbox_state_from(to_string(s)) == s);
    CHECK_FALSE(outbox_state_from("lost").has_value());
}
