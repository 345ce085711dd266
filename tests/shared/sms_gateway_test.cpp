// SMS gateway: settings checks naming the field, phone numbers in international form, GSM-7 vs UCS-2 segment
// counts, the request rendered per content type (Cyrillic encoded right) and how replies are judged.
#include <doctest/doctest.h>

#include "tumen/sms_gateway.hpp"

using namespace tumen;
using namespace tumen::sms;
using nlohmann::json;

namespace {
bool sms_gateway_has_error_on(const FieldErrors& fe, std::string_view field) {
    for (const auto& d : fe.list())
        if (d.field == field) return true;
    return false;
}
GatewayConfig json_gateway() {
    GatewayConfig g;
    g.url = "https://sms.example.mn/api/send";
    g.method = "POST";
    g.content_type = "application/json";
    g.body = R"({"from":"{{sender}}","to":"{{to}}","message":"{{text}}"})";
    g.auth_header = "X-API-Key";
    g.auth_value = "s3cret";
    g.sender = "Tumen";
    return g;
}
}  // namespace

TEST_CASE("sms settings: a good config passes, every bad field is named") {
    CHECK(validate(json_gateway()).empty());
    CHECK(validate(GatewayConfig{}).empty());              // not configured: allowed
    CHECK(sms_gateway_has_error_on(validate(GatewayConfig{}, false), "url"));

    GatewayConfig g = json_gateway();
    g.url = "ftp://x.mn/{{to}}";
    g.method = "PUT";
    g.content_type = "text/html";
    g.auth_header = "X Key";
    g.country_code = "+976";
    auto fe = validate(g);
    for (const char* f : {"url", "method", "content_type", "auth_header", "country_code"}) CHECK_MESSAGE(sms_gateway_has_error_on(fe, f), f);

    g = json_gateway();
    g.body = R"({"to":"{{to}}","message":"{{txt}}"})";
    fe = validate(g);
    REQUIRE(sms_gateway_has_error_on(fe, "body"));
    CHECK(fe.list().front().message.find("{{txt}}") != std::string::npos);

    g = json_gateway();
    g.body = R"({"to":"{{to}}"})";  // no {{text}}
    CHECK(sms_gateway_has_error_on(validate(g), "body"));
    g.method = "GET";  // GET: the url must carry both
    g.url = "https://sms.example.mn/send?to={{to_digits}}&msg={{text}}";
    CHECK(validate(g).empty());
}

TEST_CASE("sms settings: apply keeps the secret unless given, refuses unknown keys and wrong types") {
    GatewayConfig g = json_gateway();
    CHECK(apply_settings(g, {{"url", "https://b.mn/{{to}}"}, {"auth_value", nullptr}, {"version", 3}}).empty());
    CHECK(g.url == "https://b.mn/{{to}}");
    CHECK(g.auth_value == "s3cret");
    CHECK(apply_settings(g, {{"auth_value", ""}}).empty());
    CHECK(g.auth_value.empty());
    auto fe = apply_settings(g, {{"colour", "red"}, {"sender", 5}});
    CHECK(sms_gateway_has_error_on(fe, "colour"));
    CHECK(sms_gateway_has_error_on(fe, "sender"));
    const json shown = settings_json(json_gateway());
    CHECK_FALSE(shown.contains("auth_value"));
    CHECK(shown["auth_value_set"] == true);
}

TEST_CASE("phone numbers become E.164") {
    CHECK(to_e164("+976 9911-2233", "976") == "+97699112233");
    CHECK(to_e164("9911 2233", "976") == "+97699112233");
    CHECK(to_e164("0097699112233", "976") == "+97699112233");
    CHECK(to_e164("0 30 123 4567", "49") == "+49301234567");  // one trunk 0 dropped
    CHECK(to_e164("abc", "976") == std::nullopt);
    CHECK(to_e164("123", "976") == std::nullopt);                // too short
    CHECK(to_e164("+1234567890123456", "976") == std::nullopt);  // 16 digits
    CHECK(to_e164("+0123456789", "976") == std::nullopt);        // no country starts with 0
}

TEST_CASE("segments: GSM-7 160/153, extension characters count 2, Cyrillic is UCS-2 70/67") {
    CHECK(count_segments("").segments == 0);
    auto s = count_segments(std::string(160, 'a'));
    CHECK_FALSE(s.unicode);
    CHECK(s.segments == 1);
    CHECK(s.remaining == 0);
    s = count_segments(std::string(161, 'a'));
    CHECK(s.segments == 2);
    CHECK(s.per_segment == 153);
    CHECK(s.remaining == 306 - 161);
    s = count_segments(std::string(80, 'a') + std::string(40, '{'));  // 80 + 40*2 = 160 septets
    CHECK(s.units == 160);
    CHECK(s.segments == 1);
    CHECK(count_segments("Größe: 5€ @ café").unicode == false);

    std::string cyr;
    for (int i = 0; i < 70; ++i) cyr += "ө";
    s = count_segments(cyr);
    CHECK(s.unicode);
    CHECK(s.units == 70);
    CHECK(s.segments == 1);
    s = count_segments(cyr + "a");
    CHECK(s.segments == 2);
    CHECK(s.per_segment == 67);
    CHECK(count_segments("Сайн байна уу").unicode);
    CHECK(count_segments("😀").units == 2);  // outside the BMP: a surrogate pair
}

TEST_CASE("render: JSON body escaped, Cyrillic kept, auth header sent") {
    const auto r = render(json_gateway(), {"+97699112233", "Сайн \"найз\"\nбайна уу"});
    CHECK(r.method == "POST");
    CHECK(r.url == "https://sms.example.mn/api/send");
    CHECK(r.body == R"({"from":"Tumen","to":"+97699112233","message":"Сайн \"найз\"\nбайна уу"})");
    CHECK(json::parse(r.body)["message"] == "Сайн \"найз\"\nбайна уу");
    bool auth = false, type = false;
    for (const auto& [k, v] : r.headers) {
        if (k == "X-API-Key") auth = v == "s3cret";
        if (k == "Content-Type") type = v == "application/json";
    }
    CHECK(auth);
    CHECK(type);
}

TEST_CASE("render: URL and form values are percent-encoded as UTF-8") {
    GatewayConfig g = json_gateway();
    g.method = "GET";
    g.url = "https://sms.example.mn/send?to={{to_digits}}&msg={{text}}&from={{sender}}";
    g.auth_header.clear();
    auto r = render(g, {"+97699112233", "Сайн & bye"});
    CHECK(r.url == "https://sms.example.mn/send?to=97699112233&msg=%D0%A1%D0%B0%D0%B9%D0%BD%20%26%20bye&from=Tumen");
    CHECK(r.body.empty());
    CHECK(r.headers.empty());

    g.method = "POST";
    g.url = "https://sms.example.mn/send";
    g.content_type = "application/x-www-form-urlencoded";
    g.body = "to={{to}}&text={{text}}";
    r = render(g, {"+97699112233", "a=b"});
    CHECK(r.body == "to=%2B97699112233&text=a%3Db");

    g.content_type = "text/plain";
    g.body = "{{to}} {{text}}";
    r = render(g, {"+97699112233", "a=b"});
    CHECK(r.body == "+97699112233 a=b");
}

TEST_CASE("replies: 2xx with the pattern is sent, without it failed; 5xx, 429 and no answer retry; 4xx failed") {
    GatewayConfig g = json_gateway();
    CHECK(judge_reply(g, true, 200, "anything") == Verdict::sent);
    g.success_pattern = "\"status\":\"OK\"";
    CHECK(judge_reply(g, true, 200, R"({"status":"OK","id":5})") == Verdict::sent);
    CHECK(judge_reply(g, true, 200, R"({"status":"ERR"})") == Verdict::failed);
    CHECK(judge_reply(g, true, 503, "") == Verdict::retry);
    CHECK(judge_reply(g, true, 429, "") == Verdict::retry);
    CHECK(judge_reply(g, false, 0, "") == Verdict::retry);
    CHECK(judge_reply(g, true, 400, "bad number") == Verdict::failed);
    CHECK(judge_reply(g, true, 302, "") == Verdict::failed);
}

TEST_CASE("compose input: text required, to optional, unknown keys refused") {
    auto in = compose_input_from_json({{"text", "Сайн уу"}, {"to", "+976 99112233"}});
    REQUIRE(in.ok());
    CHECK(in->to == "+976 99112233");
    CHECK(compose_input_from_json({{"text", "hi"}})->to.empty());
    auto bad = compose_input_from_json({{"text", "  "}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "text");
    bad = compose_input_from_json({{"text", std::string(max_text_bytes + 1, 'a')}});
    CHECK(bad.error().field == "text");
    bad = compose_input_from_json({{"text", "x"}, {"cc", "y"}});
    CHECK(bad.error().field == "cc");
    bad = compose_input_from_json({{"text", "x"}, {"to", 5}});
    CHECK(bad.error().field == "to");
}
