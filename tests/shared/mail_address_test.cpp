#include <doctest/doctest.h>

#include "tumen/mail_address.hpp"

using namespace tumen;

TEST_CASE("address lists: quoted names with commas, bare addresses, ';' separators") {
    auto list = parse_address_list(
        R"("Ганболд, Батбаяр" <bat@gobi.mn>, info@example.com; Sarnai <sarnai@mail.mn>)");
    REQUIRE(list.size() == 3);
    CHECK(list[0].name == "Ганболд, Батбаяр");
    CHECK(list[0].email == "bat@gobi.mn");
    CHECK(list[1].name.empty());
    CHECK(list[1].email == "info@example.com");
    CHECK(list[2].name == "Sarnai");
    CHECK(list[2].email == "sarnai@mail.mn");
}

TEST_CASE("address lists: escaped quotes, comments, groups and empty entries") {
    auto list = parse_address_list(R"("Bat \"the boss\" G." <bat@gobi.mn> (work), , sales@tumen.mn (Sales team))");
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == R"(Bat "the boss" G.)");
    CHECK(list[0].email == "bat@gobi.mn");
    CHECK(list[1].email == "sales@tumen.mn");
    CHECK(list[1].name == "Sales team");

    auto group = parse_address_list("Team: a@x.mn, B <b@y.mn>;, c@z.mn");
    REQUIRE(group.size() == 3);
    CHECK(group[0].email == "a@x.mn");
    CHECK(group[1].email == "b@y.mn");
    CHECK(group[2].email == "c@z.mn");

    CHECK(parse_address_list("undisclosed-recipients:;").empty());
    CHECK(parse_address_list("  ").empty());
}

TEST_CASE("address lists keep invalid entries so the caller can name them") {
    auto list = parse_address_list("good@x.mn, not-an-address");
    REQUIRE(list.size() == 2);
    CHECK(is_valid_email(list[0].email));
    CHECK_FALSE(is_valid_email(list[1].email));
    CHECK(list[1].email == "not-an-address");
}

TEST_CASE("format_address quotes names only when needed and round-trips") {
    CHECK(format_address({"", "a@x.mn"}) == "a@x.mn");
    CHECK(format_address({"Sarnai Bold", "s@x.mn"}) == "Sarnai Bold <s@x.mn>");
    CHECK(format_address({"Батбаяр", "b@x.mn"}) == "Батбаяр <b@x.mn>");
    CHECK(format_address({"Ganbold, Bat", "b@x.mn"}) == R"("Ganbold, Bat" <b@x.mn>)");
    CHECK(format_address({R"(Bat "B" G.)", "b@x.mn"}) == R"("Bat \"B\" G." <b@x.mn>)");
    CHECK(format_address({"a\\b", "b@x.mn"}) == R"("a\\b" <b@x.mn>)");

    const std::vector<NamedAddress> in{{"Ganbold, Bat", "b@x.mn"}, {R"(q"uote)", "q@x.mn"}, {"", "c@x.mn"}};
    const auto back = parse_address_list(format_address_list(in));
    REQUIRE(back.size() == in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        CHECK(back[i].name == in[i].name);
        CHECK(back[i].email == in[i].email);
    }
}
