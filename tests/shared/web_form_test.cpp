// Website contact form: submissions checked field by field (limits, UTF-8, e-mail or phone), the honeypot, the lead
// a submission becomes, and the form's settings (origins, thank-you URL, rate limit).
#include <doctest/doctest.h>

#include "tumen/web_form.hpp"

using namespace tumen;
using namespace tumen::web_form;
using nlohmann::json;

namespace {
bool web_form_has_error_on(const Error& e, std::string_view field) {
    for (const auto& d : e.details)
        if (d.field == field) return true;
    return false;
}
bool web_form_has_error_on(const FieldErrors& fe, std::string_view field) {
    for (const auto& d : fe.list())
        if (d.field == field) return true;
    return false;
}
}  // namespace

TEST_CASE("a good submission is trimmed and kept") {
    auto r = parse({{"name", "  Батбаяр Ганболд "}, {"email", "bat@gobi.mn"}, {"company", "Говь ХХК"},
                    {"message", "Сайн байна уу?\r\nҮнийн санал авъя.\x01"}, {"lang", "MN"}, {"utm_campaign", "spring"},
                    {"extra_field_of_the_site", "ignored"}});
    REQUIRE(r.ok());
    CHECK(r->name == "Батбаяр Ганболд");
    CHECK(r->message == "Сайн байна уу?\nҮнийн санал авъя.");
    CHECK(r->lang == "mn");
    CHECK(r->utm_campaign == "spring");
    CHECK_FALSE(r->spam);
}

TEST_CASE("e-mail or phone is required, and each must be valid") {
    auto none = parse({{"name", "Бат"}, {"message", "hi"}});
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::validation);
    CHECK(web_form_has_error_on(none.error(), "email"));

    CHECK(parse({{"phone", "+976 9911-2233"}}).ok());
    auto bad = parse({{"email", "not-an-address"}, {"phone", "call me"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(web_form_has_error_on(bad.error(), "email"));
    CHECK(web_form_has_error_on(bad.error(), "phone"));
}

TEST_CASE("limits: per field 422 naming it, the whole form 413") {
    auto long_name = parse({{"email", "a@b.mn"}, {"name", std::string(201, 'x')}});
    REQUIRE_FALSE(long_name.ok());
    CHECK(long_name.error().code == ErrorCode::validation);
    CHECK(web_form_has_error_on(long_name.error(), "name"));
    CHECK_FALSE(web_form_has_error_on(long_name.error(), "email"));

    auto big = parse({{"email", "a@b.mn"}, {"x", std::string(max_total_bytes, 'x')}});
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().code == ErrorCode::payload_too_large);

    auto bad_utf8 = parse({{"email", "a@b.mn"}, {"subject", "\xC3\x28"}});
    REQUIRE_FALSE(bad_utf8.ok());
    CHECK(web_form_has_error_on(bad_utf8.error(), "subject"));
}

TEST_CASE("a filled honeypot is spam, whatever else is wrong") {
    auto r = parse({{"website", "http://spam.example"}, {"email", "nonsense"}});
    REQUIRE(r.ok());
    CHECK(r->spam);
    auto blank = parse({{"website", "   "}, {"email", "a@b.mn"}});
    REQUIRE(blank.ok());
    CHECK_FALSE(blank->spam);
}

TEST_CASE("JSON submissions take text values only") {
    auto ok = parse_json(json{{"email", "a@b.mn"}, {"phone", nullptr}});
    CHECK(ok.ok());
    auto bad = parse_json(json{{"email", "a@b.mn"}, {"name", 42}});
    REQUIRE_FALSE(bad.ok());
    CHECK(web_form_has_error_on(bad.error(), "name"));
    CHECK_FALSE(parse_json(json::array()).ok());
}

TEST_CASE("the lead: subject, else Website: who") {
    Submission s;
    s.name = "Бат";
    s.email = "bat@gobi.mn";
    s.company = "Говь";
    s.message = "Текст";
    CHECK(lead_name(s) == "Website: Бат");
    s.subject = "Үнийн санал";
    json b = lead_body(s);
    CHECK(b["name"] == "Үнийн санал");
    CHECK(b["contact_name"] == "Бат");
    CHECK(b["partner_name"] == "Говь");
    CHECK(b["description"] == "Текст");
    s.subject.clear();
    s.name.clear();
    s.company.clear();
    CHECK(lead_name(s) == "Website: bat@gobi.mn");
    s.subject = std::string(400, 'A');
    CHECK(lead_name(s).size() == 300);
}

TEST_CASE("settings: origins normalised, bad ones named") {
    Settings s;
    auto fe = apply_settings(s, json{{"enabled", true}, {"team_id", 3}, {"user_id", nullptr},
                                     {"allowed_origins", "HTTPS://Shop.Example.mn/\nhttp://localhost:8000, https://shop.example.mn"},
                                     {"rate_limit_per_hour", 5}});
    CHECK(fe.empty());
    CHECK(validate(s).empty());
    CHECK(s.allowed_origins == std::vector<std::string>{"https://shop.example.mn", "http://localhost:8000"});
    CHECK(origin_allowed(s, "https://shop.example.mn"));
    CHECK_FALSE(origin_allowed(s, "https://evil.example"));
    CHECK_FALSE(origin_allowed(s, "null"));

    Settings t;
    auto bad = apply_settings(t, json{{"allowed_origins", {"https://x.mn/path"}}, {"colour", "red"}});
    CHECK(web_form_has_error_on(bad, "allowed_origins"));
    CHECK(web_form_has_error_on(bad, "colour"));
    t.thank_you_url = "javascript:alert(1)";
    t.rate_limit_per_hour = 0;
    t.enabled = true;
    auto v = validate(t);
    CHECK(web_form_has_error_on(v, "thank_you_url"));
    CHECK(web_form_has_error_on(v, "rate_limit_per_hour"));
    CHECK(web_form_has_error_on(v, "team_id"));

    Settings round = settings_from_json(settings_json(s));
    CHECK(round == s);
}

TEST_CASE("the embed snippet posts to the public endpoint and loads the script") {
    const std::string snip = embed_snippet("https://crm.example.mn/");
    CHECK(snip.find("action=\"https://crm.example.mn/api/v1/public/contact\"") != std::string::npos);
    CHECK(snip.find("src=\"https://crm.example.mn/contact/contact.js\"") != std::string::npos);
    CHECK(snip.find("name=\"website\"") != std::string::npos);
}
