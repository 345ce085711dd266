// The API's errors in the caller's language: field problems worded by their key, the error by its first problem,
// its own key or its HTTP meaning; English requests keep the services' exact texts.
#include <doctest/doctest.h>

#include "tumen/error_text.hpp"

using namespace tumen;

namespace {
Error two_field_problems() {
    FieldErrors fe;
    fe.add("name", "is required", "error.required");
    fe.add("stage_id", "belongs to another team's pipeline", "error.stage_team");
    return fe.to_error();
}
}  // namespace

TEST_CASE("an English request keeps every text as the service wrote it") {
    Error e = two_field_problems();
    localize(e, i18n::Lang::en);
    CHECK(e.message == "name: is required");
    CHECK(e.details[0].message == "is required");
    CHECK(e.details[1].message == "belongs to another team's pipeline");
}

TEST_CASE("a Mongolian request gets each field problem and the summary in Mongolian, field names kept") {
    Error e = two_field_problems();
    localize(e, i18n::Lang::mn);
    CHECK(e.details[0].message == "заавал бөглөнө");
    CHECK(e.details[1].message == "өөр багийн шатанд хамаарна");
    CHECK(e.details[0].field == "name");
    CHECK(e.details[0].key == "error.required");  // the key stays for clients that word it themselves
    CHECK(e.message == "name талбар: заавал бөглөнө (бас 1 талбарт алдаа байна)");
    CHECK(e.field == "name");
}

TEST_CASE("specifics the Mongolian text cannot know stay as the English detail") {
    FieldErrors fe;
    fe.add("smtp_security", "must be one of: none, starttls, tls", "error.enum");
    Error e = fe.to_error();
    localize(e, i18n::Lang::mn);
    CHECK(e.details[0].message == "зөвшөөрөгдсөн утгын нэг биш (must be one of: none, starttls, tls)");
    CHECK(e.message == "smtp_security талбар: " + e.details[0].message);
}

TEST_CASE("a problem without a catalog wording stays English; the error falls back to its HTTP meaning") {
    FieldErrors fe;
    fe.add("x", "something new", "error.not_in_the_catalog");
    Error e = fe.to_error();
    localize(e, i18n::Lang::mn);
    CHECK(e.details[0].message == "something new");
    CHECK(e.message == "Зарим утга буруу байна (x: something new)");

    Error missing = Error::make(ErrorCode::not_found, "Lead 42 not found");
    localize(missing, i18n::Lang::mn);
    CHECK(missing.message == "Олдсонгүй: энэ бичлэг байхгүй эсвэл танд харах эрх алга");
}

TEST_CASE("an error's own key words it, with its facts as arguments: a lockout says the minutes") {
    Error e = Error::make(ErrorCode::too_many_requests, "Too many failed sign-ins. Try again in 3 minutes.");
    e.details.push_back({"", e.message, "error.login_locked"});
    e.current = {{"retry_after", 125}, {"lock", "account"}};
    localize(e, i18n::Lang::mn);
    CHECK(e.message == "Олон удаа буруу нэвтэрсэн тул түр түгжигдлээ. 3 минутын дараа дахин оролдоно уу.");
    CHECK(e.details[0].message == e.message);
    CHECK(e.current["retry_after"] == 125);  // the facts stay for the client's countdown
}

TEST_CASE("a stale version's current record is never read as arguments") {
    Error e = Error::make(ErrorCode::conflict, "Stale version");
    e.current = {{"name", "{detail}"}, {"version", 3}};
    localize(e, i18n::Lang::mn);
    CHECK(e.message == "Энэ хооронд өөр хүн үүнийг өөрчилсөн байна (Stale version)");
}

TEST_CASE("a known subject's field is named by its form label in Mongolian; English keeps the service's text") {
    auto email_problem = [] {
        FieldErrors fe;
        fe.add("email", "is not an e-mail address", "error.email");
        return fe.to_error();
    };
    Error mn = email_problem();
    localize(mn, i18n::Lang::mn, "lead");
    CHECK(mn.message == std::string(i18n::tr(i18n::Lang::mn, "lead.field.email")) + " талбар: и-мэйл хаяг биш байна");
    CHECK(mn.message.find("email") == std::string::npos);
    CHECK(mn.details[0].field == "email");  // the wire name stays on the detail for the form
    Error en = email_problem();
    localize(en, i18n::Lang::en, "lead");
    CHECK(en.message == "email: is not an e-mail address");
    // A nested field is labelled by its base ("expected_revenue.currency"); a field without a label keeps its name.
    FieldErrors nested;
    nested.add("expected_revenue.currency", "must be a known ISO 4217 currency code such as MNT or USD", "error.currency");
    Error n = nested.to_error();
    localize(n, i18n::Lang::mn, "lead");
    CHECK(n.message.rfind(std::string(i18n::tr(i18n::Lang::mn, "lead.field.expected_revenue")) + " талбар: ", 0) == 0);
    FieldErrors odd;
    odd.add("no_such_field", "is not a field", "error.unknown_field");
    Error o = odd.to_error();
    localize(o, i18n::Lang::mn, "lead");
    CHECK(o.message == "no_such_field талбар: ийм талбар байхгүй");
}
