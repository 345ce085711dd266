#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::filter;

namespace {

Expr parsed(std::string_view text) {
    auto r = parse(text);
    INFO(text);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    return r.value();
}

Error parse_error(std::string_view text) {
    auto r = parse(text);
    INFO(text);
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::bad_request);
    REQUIRE(r.error().position.has_value());
    return r.error();
}

bool filter_parse_mentions(const Error& e, std::string_view part) { return e.message.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("filter: the issue's example parses into and/or with the right grouping") {
    const auto e = parsed(R"(stage.is_won = false and (country = "MN" or tags has "VIP") and expected_revenue >= 1000000)");
    REQUIRE(e.kind == ExprKind::conjunction);
    REQUIRE(e.children.size() == 3);
    CHECK(e.children[0] == compare("stage.is_won", Op::eq, {false}));
    REQUIRE(e.children[1].kind == ExprKind::disjunction);
    CHECK(e.children[1].children[0] == compare("country", Op::eq, {std::string("MN")}));
    CHECK(e.children[1].children[1] == compare("tags", Op::has, {std::string("VIP")}));
    CHECK(e.children[2] == compare("expected_revenue", Op::ge, {std::int64_t{1000000}}));
}

TEST_CASE("filter: and binds tighter than or, not tighter than and") {
    const auto e = parsed("priority = 1 or priority = 2 and active = true");
    REQUIRE(e.kind == ExprKind::disjunction);
    CHECK(e.children[1].kind == ExprKind::conjunction);

    const auto n = parsed("not priority > 1 and active = true");
    REQUIRE(n.kind == ExprKind::conjunction);
    REQUIRE(n.children[0].kind == ExprKind::negation);
    CHECK(n.children[0].children[0] == compare("priority", Op::gt, {std::int64_t{1}}));
}

TEST_CASE("filter: nested and/or of the same kind are flattened") {
    const auto e = parsed("(a = 1 and b = 2) and (c = 3 and d = 4)");
    REQUIRE(e.kind == ExprKind::conjunction);
    CHECK(e.children.size() == 4);
}

TEST_CASE("filter: every operator and value form parses") {
    CHECK(parsed(R"(name contains "Болд")") == compare("name", Op::contains, {std::string("Болд")}));
    CHECK(parsed(R"(email ends_with "@gmail.com")") == compare("email", Op::ends_with, {std::string("@gmail.com")}));
    CHECK(parsed(R"(name starts_with 'Өнд')") == compare("name", Op::starts_with, {std::string("Өнд")}));
    CHECK(parsed("user_id is null") == compare("user_id", Op::is_null));
    CHECK(parsed("user_id IS NOT NULL") == compare("user_id", Op::is_not_null));
    CHECK(parsed("user_id = null") == compare("user_id", Op::is_null));
    CHECK(parsed("user_id != null") == compare("user_id", Op::is_not_null));
    CHECK(parsed(R"(country in ("MN","CN"))") ==
          compare("country", Op::in, {std::string("MN"), std::string("CN")}));
    CHECK(parsed(R"(country not in ("MN"))") == compare("country", Op::not_in, {std::string("MN")}));
    CHECK(parsed(R"(country NOT_IN ("MN"))") == compare("country", Op::not_in, {std::string("MN")}));
    CHECK(parsed("priority <> 1") == compare("priority", Op::ne, {std::int64_t{1}}));
    CHECK(parsed("priority == 1") == compare("priority", Op::eq, {std::int64_t{1}}));
    CHECK(parsed("priority <= -3") == compare("priority", Op::le, {std::int64_t{-3}}));
    CHECK(parsed("probability < 33.5") == compare("probability", Op::lt, {33.5}));
    CHECK(parsed("probability < 1e2") == compare("probability", Op::lt, {100.0}));
    CHECK(parsed("probability > -0.25") == compare("probability", Op::gt, {-0.25}));
    CHECK(parsed("user_id = me") == compare("user_id", Op::eq, {CurrentUser{}}));
    CHECK(parsed("tag_ids has 3") == compare("tag_ids", Op::has, {std::int64_t{3}}));
    CHECK(parsed("x = -9223372036854775808") ==
          compare("x", Op::eq, {std::numeric_limits<std::int64_t>::min()}));
}

TEST_CASE("filter: relative dates with offsets") {
    RelativeTime r{TimeBase::today, {{-30, TimeUnit::day}, {1, TimeUnit::month}}};
    CHECK(parsed("create_date >= today - 30d + 1m") == compare("create_date", Op::ge, {r}));
    RelativeTime n{TimeBase::now, {{-2, TimeUnit::hour}}};
    CHECK(parsed("write_date > now-2h") == compare("write_date", Op::gt, {n}));
    CHECK(parsed("date_deadline < TODAY") == compare("date_deadline", Op::lt, {RelativeTime{}}));
    RelativeTime w{TimeBase::today, {{2, TimeUnit::week}, {-1, TimeUnit::year}}};
    CHECK(parsed("date_deadline < today + 2w - 1y") == compare("date_deadline", Op::lt, {w}));
}

TEST_CASE("filter: string escapes, Cyrillic and surrogate pairs") {
    CHECK(parsed(R"(name = "say \"hi\"\n\t\\ \/")") == compare("name", Op::eq, {std::string("say \"hi\"\n\t\\ /")}));
    CHECK(parsed(R"(name = '\u04E8\u04af')") == compare("name", Op::eq, {std::string("Өү")}));
    CHECK(parsed(R"(name = "\uD83D\uDE00")") == compare("name", Op::eq, {std::string("\xF0\x9F\x98\x80")}));
    CHECK(parsed(R"(name = 'it\'s')") == compare("name", Op::eq, {std::string("it's")}));
}

TEST_CASE("filter: keywords are case-insensitive, field names are not") {
    const auto e = parsed(R"(NOT (country = "MN") AND active = TRUE Or priority IN (1))");
    CHECK(e.kind == ExprKind::disjunction);
    CHECK(parsed("Country = 1").comparison.field == "Country");
}

TEST_CASE("filter: empty text, true and false") {
    CHECK(parsed("").kind == ExprKind::all);
    CHECK(parsed("  \n\t ").kind == ExprKind::all);
    CHECK(parsed("true").kind == ExprKind::all);
    CHECK(parsed("priority = 1 or true").kind == ExprKind::all);
    CHECK(parsed("priority = 1 and true") == compare("priority", Op::eq, {std::int64_t{1}}));
    const auto f = parsed("false");
    REQUIRE(f.kind == ExprKind::negation);
    CHECK(f.children[0].kind == ExprKind::all);
}

TEST_CASE("filter: positions of nodes point at the source") {
    const std::string text = R"(active = true and (country = "MN" or name contains "Болд"))";
    const auto e = parsed(text);
    const auto& name = e.children[1].children[1].comparison;
    CHECK(name.position == text.find("name"));
    REQUIRE(name.value_positions.size() == 1);
    CHECK(name.value_positions[0] == text.find("\"Болд\""));
}

TEST_CASE("filter: syntax errors name the byte position and what was expected") {
    auto e = parse_error(R"(country = )");
    CHECK(e.position == 10u);
    CHECK(filter_parse_mentions(e, "expected a value"));

    e = parse_error(R"(country = "MN" and)");
    CHECK(e.position == 18u);
    CHECK(filter_parse_mentions(e, "unexpected end"));

    const std::string unclosed = R"((country = "MN" or active = true)";
    e = parse_error(unclosed);
    CHECK(e.position == unclosed.size());
    CHECK(filter_parse_mentions(e, "expected ')' to close the '(' at 0"));

    e = parse_error(R"(country ~ "MN")");
    CHECK(e.position == 8u);
    CHECK(filter_parse_mentions(e, "unexpected '~'"));

    e = parse_error(R"(country "MN")");
    CHECK(e.position == 8u);
    CHECK(filter_parse_mentions(e, "expected an operator after 'country'"));

    e = parse_error(R"(name = "Болд)");
    CHECK(e.position == 7u);
    CHECK(filter_parse_mentions(e, "not closed"));

    e = parse_error(R"(country = "MN" active = true)");
    CHECK(e.position == 15u);
    CHECK(filter_parse_mentions(e, "expected 'and', 'or' or the end"));

    e = parse_error(R"(country = "MN"))");
    CHECK(e.position == 14u);
    CHECK(filter_parse_mentions(e, "without a matching '('"));

    e = parse_error("country in ()");
    CHECK(e.position == 12u);
    CHECK(filter_parse_mentions(e, "empty"));

    e = parse_error(R"(country in ("MN" "CN"))");
    CHECK(e.position == 17u);
    CHECK(filter_parse_mentions(e, "expected ',' or ')'"));

    e = parse_error("priority < null");
    CHECK(e.position == 11u);
    CHECK(filter_parse_mentions(e, "is null"));

    e = parse_error("priority > 3d");
    CHECK(e.position == 11u);
    CHECK(filter_parse_mentions(e, "needs 'today' or 'now'"));

    e = parse_error("create_date > today + 2h");
    CHECK(e.position == 22u);
    CHECK(filter_parse_mentions(e, "hour offsets need 'now'"));

    e = parse_error("create_date > today - 30");
    CHECK(e.position == 22u);
    CHECK(filter_parse_mentions(e, "time offset"));

    e = parse_error("create_date > today - 30x");
    CHECK(e.position == 24u);
    CHECK(filter_parse_mentions(e, "unknown time unit 'x'"));

    e = parse_error("priority = 9223372036854775808");
    CHECK(e.position == 11u);
    CHECK(filter_parse_mentions(e, "too large"));

    e = parse_error("priority = 99999999999999999999");
    CHECK(filter_parse_mentions(e, "too large"));

    e = parse_error("probability = 1e999");
    CHECK(filter_parse_mentions(e, "out of range"));

    e = parse_error("имя = 1");
    CHECK(e.position == 0u);
    CHECK(filter_parse_mentions(e, "unexpected 'и'"));

    e = parse_error("stage. = 1");
    CHECK(e.position == 6u);

    e = parse_error("= 1");
    CHECK(e.position == 0u);
    CHECK(filter_parse_mentions(e, "expected a field name"));

    e = parse_error("and = 1");
    CHECK(e.position == 0u);

    e = parse_error("country ! = 1");
    CHECK(filter_parse_mentions(e, "'not'"));

    e = parse_error(R"(name = "bad \q escape")");
    CHECK(e.position == 12u);
    CHECK(filter_parse_mentions(e, "unknown escape"));

    e = parse_error("name = \"line\nbreak\"");
    CHECK(e.position == 12u);
    CHECK(filter_parse_mentions(e, "control character"));

    e = parse_error("name = \"\xD0\"");
    CHECK(e.position == 8u);
    CHECK(filter_parse_mentions(e, "UTF-8"));

    e = parse_error("name = \"\\uD800x\"");
    CHECK(filter_parse_mentions(e, "surrogate"));

    e = parse_error("user_id is nul");
    CHECK(e.position == 11u);

    e = parse_error("country not (\"MN\")");
    CHECK(filter_parse_mentions(e, "expected 'in' after 'not'"));
}

TEST_CASE("filter: error messages stay valid UTF-8 on binary junk") {
    const auto e = parse_error(std::string("name = 1 \xFF\xFE", 11));
    CHECK(e.position == 9u);
    CHECK(filter_parse_mentions(e, "byte 0xFF"));
}

TEST_CASE("filter: limits on length, nesting and size") {
    std::string deep;
    for (std::size_t i = 0; i < max_nesting; ++i) deep += "(";
    deep += "priority = 1";
    for (std::size_t i = 0; i < max_nesting; ++i) deep += ")";
    CHECK(parse(deep).ok());

    std::string too_deep = "(" + deep + ")";
    auto e = parse_error(too_deep);
    CHECK(filter_parse_mentions(e, "nested too deeply"));

    std::string nots;
    for (int i = 0; i < 1000; ++i) nots += "not ";
    e = parse_error(nots + "priority = 1");
    CHECK(filter_parse_mentions(e, "nested too deeply"));

    e = parse_error(std::string(max_filter_bytes + 1, ' '));
    CHECK(e.position == max_filter_bytes);

    std::string many = "priority = 1";
    for (std::size_t i = 0; i < max_comparisons; ++i) many += " or priority = 1";
    e = parse_error(many);
    CHECK(filter_parse_mentions(e, "too many conditions"));
}

TEST_CASE("filter: referenced_fields lists each field once") {
    const auto e = parsed(R"(country = "MN" and (tags has "VIP" or country = "CN") and not (stage.is_won = true))");
    CHECK(referenced_fields(e) == std::vector<std::string>{"country", "stage.is_won", "tags"});
}
