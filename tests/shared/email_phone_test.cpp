#include <doctest/doctest.h>

#include "tumen/email_phone.hpp"

using namespace tumen;

TEST_CASE("named addresses split into display name and address") {
    auto a = parse_named_address("  \"Батбаяр Ганболд\" <Bat@Gobi.MN> ");
    CHECK(a.name == "Батбаяр Ганболд");
    CHECK(a.email == "Bat@Gobi.MN");
    auto b = parse_named_address("info@example.com");
    CHECK(b.name.empty());
    CHECK(b.email == "info@example.com");
}

TEST_CASE("e-mail validation") {
    CHECK(is_valid_email("bat@gobi.mn"));
    CHECK(is_valid_email("first.last+crm@mail.example.co.uk"));
    CHECK(is_valid_email("info@монгол.мон"));
    CHECK_FALSE(is_valid_email("bat@gobi"));
    CHECK_FALSE(is_valid_email("bat gobi@x.mn"));
    CHECK_FALSE(is_valid_email("@x.mn"));
    CHECK_FALSE(is_valid_email("a@@x.mn"));
    CHECK_FALSE(is_valid_email("a@-x.mn"));
    CHECK_FALSE(is_valid_email("a..b@x.mn"));
    CHECK_FALSE(is_valid_email(""));
}

TEST_CASE("e-mail normalisation lower-cases, trims and extracts the domain") {
    CHECK(normalize_email("  Bat@Gobi.MN ") == "bat@gobi.mn");
    CHECK(normalize_email("Батаа <Bat@Gobi.MN>") == "bat@gobi.mn");
    CHECK(normalize_email("info@МОНГОЛ.МОН") == "info@монгол.мон");
    CHECK(normalize_email("not an address").empty());
    CHECK(email_domain("Bat@Gobi.MN") == "gobi.mn");
    CHECK(email_domain("nope").empty());
}

TEST_CASE("split_emails keeps every valid distinct address") {
    auto list = split_emails("a@x.mn; Батаа <B@Y.mn>, junk, A@X.MN");
    REQUIRE(list.size() == 2);
    CHECK(list[0] == "a@x.mn");
    CHECK(list[1] == "b@y.mn");
}

TEST_CASE("has_valid_email answers as split_emails does, without the list") {
    const std::string local63(63, 'a');
    const std::vector<std::string> inputs = {
        "", " ", ",", ";;", " , ; ", "junk", "a@x.mn", "  A@X.MN  ", "junk; a@x.mn", "a@x.mn,", ",a@x.mn",
        "Батаа <B@Y.mn>", "\"Bat, B\" <b@y.mn>", "<>", "Bat <", "Bat >x<", "info@МОНГОЛ.МОН", "ИНФО@монгол.мон",
        "a@b", "a@@b.mn", "a b@c.mn", ".a@b.mn", "a@-b.mn", "a@b.mn; c@", "\u00A0a@x.mn\u00A0", "a@x.mn\u200B",
        // 65 bytes before folding, 64 after (İ is two bytes, i one): valid only once folded, as normalize_email does
        local63 + "\u0130@x.mn", local63 + "ab@x.mn", local63 + "\u00DF@x.mn", "\xFF@x.mn", "a@x\xC3.mn",
    };
    for (const auto& text : inputs) {
        CAPTURE(text);
        CHECK(has_valid_email(text) == !split_emails(text).empty());
    }
    CHECK(has_valid_email(local63 + "\u0130@x.mn"));  // the case above is not vacuous
    CHECK_FALSE(has_valid_email(local63 + "ab@x.mn"));
}

TEST_CASE("phone normalisation and matching") {
    CHECK(normalize_phone(" +976 9911-2233 ") == "+97699112233");
    CHECK(normalize_phone("(7011) 22 33") == "70112233");
    CHECK(is_valid_phone("+976 9911-2233"));
    CHECK_FALSE(is_valid_phone("call me"));
    CHECK_FALSE(is_valid_phone("12"));
    CHECK_FALSE(is_valid_phone("99+11"));
    CHECK(phones_match("+976 9911 2233", "99112233"));
    CHECK(phones_match("9911-2233", "99112233"));
    CHECK_FALSE(phones_match("99112233", "99112234"));
    CHECK_FALSE(phones_match("2233", "+97699112233"));  // too short to be a national number
}

TEST_CASE("free-mail check uses the built-in or a supplied set") {
    CHECK(is_free_mail("someone@GMAIL.com"));
    CHECK(is_free_mail("mail.ru"));
    CHECK_FALSE(is_free_mail("bat@gobi.mn"));
    // From the npm list (not in the short list this replaced), and our own addition to it.
    CHECK(is_free_mail("jana@seznam.cz"));
    CHECK(is_free_mail("marie@laposte.net"));
    CHECK(is_free_mail("a@tutanota.com"));
    CHECK(builtin_free_mail_domains().size() > 10000);
    FreeMailDomains custom{"mail.mn"};
    custom.add(" Yahoo.COM ");
    CHECK(custom.size() == 2);
    CHECK(is_free_mail("b@mail.mn", custom));
    CHECK(is_free_mail("b@yahoo.com", custom));
    CHECK_FALSE(is_free_mail("b@gmail.com", custom));
    CHECK_FALSE(is_free_mail("not-an-address@", custom));
}
