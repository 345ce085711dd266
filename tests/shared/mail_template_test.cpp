// E-mail templates: placeholders checked at save time (the error names the field and the placeholder), rendering
// with fallbacks, the lead context, and the JSON round trip of a template.
#include <doctest/doctest.h>

#include "tumen/mail_template.hpp"

using namespace tumen;
using namespace tumen::mail;

namespace {

Lead sample_lead() {
    Lead l;
    l.id = 42;
    l.name = "Төмөр замын тендер";
    l.contact_name = "Батбаяр Ганболд";
    l.partner_name = "Говь ХХК";
    l.email = "bat@gobi.mn";
    l.expected_revenue = {150000000, "MNT"};
    return l;
}

MailContext sample_context() {
    LeadContextNames n;
    n.stage = "Санал";
    n.team = "Борлуулалт";
    n.user_name = "Сараа";
    n.user_email = "saraa@tumen.mn";
    n.company_name = "Түмэн";
    return lead_context(sample_lead(), n);
}

const FieldError* mail_template_error_on(const Error& e, std::string_view field) {
    for (const auto& d : e.details)
        if (d.field == field) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("render fills placeholders in subject and body") {
    auto r = render("{{lead.name}}: санал", "Сайн байна уу, {{ lead.contact_name }}!\n{{user.name}}, {{company.name}}",
                    sample_context());
    REQUIRE(r.ok());
    CHECK(r->subject == "Төмөр замын тендер: санал");
    CHECK(r->body == "Сайн байна уу, Батбаяр Ганболд!\nСараа, Түмэн");
}

TEST_CASE("a fallback is used only when the value is empty") {
    auto ctx = sample_context();
    auto r = render("x", "Dear {{lead.contact_name | \"customer\"}}, {{lead.phone | \"no phone\"}}", ctx);
    REQUIRE(r.ok());
    CHECK(r->body == "Dear Батбаяр Ганболд, no phone");
}

TEST_CASE("expected revenue is formatted money, stage and team come from the names") {
    auto r = render("{{lead.stage}} / {{lead.team}}", "{{lead.expected_revenue}}", sample_context());
    REQUIRE(r.ok());
    CHECK(r->subject == "Санал / Борлуулалт");
    CHECK(r->body == format_money({150000000, "MNT"}));
    CHECK(r->body.find("1,500,000") != std::string::npos);
}

TEST_CASE("a value with a line break cannot add a header line to the subject") {
    MailContext ctx;
    ctx.values["lead.name"] = "A\r\nBcc: evil@x.mn";
    auto r = render("{{lead.name}}", "", ctx);
    REQUIRE(r.ok());
    CHECK(r->subject.find('\n') == std::string::npos);
    CHECK(r->subject.find('\r') == std::string::npos);
}

TEST_CASE("unknown placeholders are errors naming the field and the placeholder") {
    auto t = mail_template_from_json({{"name", "Welcome"}, {"subject", "Hi {{lead.nmae}}"}, {"body", "{{user.nickname}}"}});
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == ErrorCode::validation);
    const auto* s = mail_template_error_on(t.error(), "subject");
    const auto* b = mail_template_error_on(t.error(), "body");
    REQUIRE(s);
    REQUIRE(b);
    CHECK(s->message.find("lead.nmae") != std::string::npos);
    CHECK(b->message.find("user.nickname") != std::string::npos);
    CHECK(s->key == "error.placeholder");
}

TEST_CASE("an unclosed placeholder and a bad fallback are errors") {
    FieldErrors e;
    check_placeholders("Hello {{lead.name", "body", e);
    REQUIRE(e.list().size() == 1);
    CHECK(e.list()[0].field == "body");
    CHECK(e.list()[0].message.find("not closed") != std::string::npos);

    FieldErrors f;
    check_placeholders("{{lead.name | customer}}", "subject", f);
    REQUIRE(f.list().size() == 1);
    CHECK(f.list()[0].message.find("fallback") != std::string::npos);

    FieldErrors g;
    check_placeholders("{{ }}", "subject", g);
    CHECK(g.list().size() == 1);
}

TEST_CASE("render refuses what validation refuses") {
    auto r = render("ok", "{{lead.unknown}}", sample_context());
    REQUIRE_FALSE(r.ok());
    REQUIRE(mail_template_error_on(r.error(), "body"));
}

TEST_CASE("every documented placeholder is known and filled by the lead context") {
    const auto ctx = sample_context();
    for (const auto& p : placeholders()) {
        CHECK(is_placeholder(p.name));
        CHECK(ctx.values.count(std::string(p.name)) == 1);
        CHECK_FALSE(p.description.empty());
    }
    CHECK_FALSE(is_placeholder("lead.password"));
}

TEST_CASE("a template round-trips through JSON and a patch keeps the checks") {
    auto t = mail_template_from_json(
        {{"name", "Санал"}, {"res_model", "lead"}, {"subject", "{{lead.name}}"}, {"body", "Line 1\n\nLine 3"}});
    REQUIRE(t.ok());
    CHECK(t->body == "Line 1\n\nLine 3");
    nlohmann::json j = t.value();
    auto back = mail_template_from_json(j);
    REQUIRE(back.ok());
    CHECK(back.value() == t.value());

    MailTemplate copy = t.value();
    auto e = apply_patch(copy, {{"body", "{{nope}}"}});
    REQUIRE_FALSE(e.empty());
    CHECK(e.list()[0].field == "body");
    CHECK(validate(t.value()).empty());
}

TEST_CASE("a template needs a name and a known model") {
    auto t = mail_template_from_json({{"subject", "x"}, {"res_model", "invoice"}});
    REQUIRE_FALSE(t.ok());
    CHECK(mail_template_error_on(t.error(), "name"));
    CHECK(mail_template_error_on(t.error(), "res_model"));
}
