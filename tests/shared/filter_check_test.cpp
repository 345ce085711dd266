#include <doctest/doctest.h>

#include <string>

#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::filter;

namespace {

void passes(std::string_view text, const FieldRegistry& fields = lead_filter_fields()) {
    auto r = parse_checked(text, fields);
    INFO(text);
    CHECK_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
}

Error fails(std::string_view text, const FieldRegistry& fields = lead_filter_fields()) {
    auto r = parse_checked(text, fields);
    INFO(text);
    REQUIRE(!r.ok());
    CHECK(r.error().code == ErrorCode::bad_request);
    CHECK(r.error().position.has_value());
    return r.error();
}

bool filter_check_mentions(const Error& e, std::string_view part) { return e.message.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("filter check: the examples of the issue and the SPEC pass against the lead fields") {
    passes(R"(stage.is_won = false and (country = "MN" or tags has "VIP") and expected_revenue >= 1000000)");
    passes(R"(name contains "Болд")");
    passes(R"(email ends_with "@gmail.com")");
    passes("user_id is null");
    passes(R"(country in ("MN","CN"))");
    passes("not (priority > 1)");
    passes(R"(date_deadline < "2026-12-01")");
    passes("create_date >= today - 30d");
    passes("write_date > now - 2h and date_closed <= \"2026-05-01T08:00:00+08:00\"");
    passes("date_deadline <= now + 1w");
    passes("user_id = me or follower_ids has me or user_id in (1, 2, me)");
    passes(R"(type = "opportunity" and probability >= 50 and probability < 99.5)");
    passes("tag_ids in (1, 2) and tags not_in (\"Хүйтэн\")");
    passes("active = true and email_is_corporate = true and score > 20 and stage.fold != true");
    passes(R"(stage.name starts_with "Шинэ" and lost_reason_id is null and source_id = 3)");
    passes("");
}

TEST_CASE("filter check: the contact fields") {
    passes(R"(is_company = true and categories has "Нийлүүлэгч" and country = "MN")", contact_filter_fields());
    passes(R"(parent.name contains "ХХК" and opt_out = false and category_ids has 4)", contact_filter_fields());
    const auto e = fails("expected_revenue > 0", contact_filter_fields());
    CHECK(e.field == "expected_revenue");
}

TEST_CASE("filter check: unknown fields are named, with their position") {
    const auto e = fails(R"(country = "MN" and colour = "red")");
    CHECK(e.field == "colour");
    CHECK(e.position == 19u);
    CHECK(filter_check_mentions(e, "unknown field 'colour'"));
}

TEST_CASE("filter check: operators must fit the field type") {
    auto e = fails(R"(priority contains "1")");
    CHECK(e.field == "priority");
    CHECK(filter_check_mentions(e, "'contains' does not apply to priority (integer)"));
    e = fails(R"(tags = "VIP")");
    CHECK(filter_check_mentions(e, "use has, in, not_in"));
    e = fails("active > false");
    CHECK(e.field == "active");
    e = fails("create_date in (\"2026-01-01\")");
    CHECK(e.field == "create_date");
    e = fails(R"(type contains "op")");
    CHECK(e.field == "type");
}

TEST_CASE("filter check: operands must fit the field type, the error points at the operand") {
    auto e = fails(R"(expected_revenue >= "lots")");
    CHECK(e.field == "expected_revenue");
    CHECK(e.position == 20u);
    CHECK(filter_check_mentions(e, "minor units"));
    CHECK(fails("expected_revenue >= 10.5").field == "expected_revenue");
    CHECK(fails("priority = true").field == "priority");
    CHECK(fails("country = 5").field == "country");
    CHECK(fails("active = 1").field == "active");
    CHECK(fails("probability = \"high\"").field == "probability");
    CHECK(fails("tag_ids has \"VIP\"").field == "tag_ids");
    CHECK(fails("tags has 3").field == "tags");
    e = fails(R"(country in ("MN", 7))");
    CHECK(e.position == 18u);
}

TEST_CASE("filter check: choices, dates and me") {
    auto e = fails(R"(type = "deal")");
    CHECK(filter_check_mentions(e, "\"lead\" \"opportunity\""));
    e = fails(R"(date_deadline < "2026-13-01")");
    CHECK(e.field == "date_deadline");
    CHECK(filter_check_mentions(e, "YYYY-MM-DD"));
    CHECK(fails(R"(date_deadline < "2026-02-30")").field == "date_deadline");
    // an instant is too precise for a date field; a datetime field takes both
    CHECK(fails(R"(date_deadline < "2026-12-01T10:00:00Z")").field == "date_deadline");
    passes(R"(create_date < "2026-12-01T10:00:00Z" and create_date >= "2026-12-01")");
    CHECK(fails(R"(create_date < "yesterday")").field == "create_date");
    CHECK(fails("team_id = me").field == "team_id");
    CHECK(fails("priority = me").field == "priority");
    CHECK(fails("date_deadline = me").field == "date_deadline");
}

TEST_CASE("filter check: is null on a field that always has a value is an error") {
    auto e = fails("active is null");
    CHECK(e.field == "active");
    CHECK(filter_check_mentions(e, "always has a value"));
    CHECK(fails("expected_revenue is not null").field == "expected_revenue");
    passes("user_id is not null and date_deadline is null and tags is null and stage.is_won is null");
}

TEST_CASE("filter check: trees built in code are held to the same rules") {
    CHECK(check(compare("country", Op::eq, {}), lead_filter_fields()).has_value());
    CHECK(check(compare("country", Op::is_null, {std::string("x")}), lead_filter_fields()).has_value());
    CHECK(check(compare("country", Op::in, {}), lead_filter_fields()).has_value());
    Expr bad_not;
    bad_not.kind = ExprKind::negation;
    CHECK(check(bad_not, lead_filter_fields()).has_value());
    CHECK_FALSE(check(all_of({compare("user_id", Op::is_null), compare("team_id", Op::eq, {std::int64_t{3}})}),
                      lead_filter_fields())
                    .has_value());
}

TEST_CASE("filter check: registry lookups and replacement") {
    FieldRegistry r{{"a", FieldType::integer, true, {}, {}}};
    CHECK(r.find("a") != nullptr);
    CHECK(r.find("b") == nullptr);
    r.add({"a", FieldType::string, true, {}, {}});
    CHECK(r.fields().size() == 1);
    CHECK(r.find("a")->type == FieldType::string);
    for (const auto* reg : {&lead_filter_fields(), &contact_filter_fields()})
        for (const auto& f : reg->fields()) {
            INFO(f.name);
            CHECK(reg->find(f.name) == &f);  // no duplicates
            if (f.type == FieldType::enumeration) CHECK_FALSE(f.values.empty());
        }
}
