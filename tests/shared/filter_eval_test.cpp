#include <doctest/doctest.h>

#include <string>

#include "filter_gen.hpp"
#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::filter;

namespace {

Timestamp at(std::string_view iso) {
    auto t = parse_timestamp(iso);
    REQUIRE(t.has_value());
    return *t;
}

Context ctx_at(std::string_view iso, int offset_minutes = 0, std::optional<std::int64_t> user = std::nullopt) {
    Context c;
    c.now = at(iso);
    c.utc_offset_minutes = offset_minutes;
    c.user_id = user;
    return c;
}

bool filter_eval_matches(std::string_view text, const Record& r, const Context& ctx = Context{},
             const FieldRegistry& fields = lead_filter_fields()) {
    auto e = parse_checked(text, fields);
    INFO(text);
    REQUIRE_MESSAGE(e.ok(), (e.ok() ? std::string() : e.error().message));
    return evaluate(e.value(), fields, r, ctx);
}

MapRecord bold_lead() {
    return MapRecord{{"name", "Болдбаатар ХХК — шинэ систем"},
                     {"contact_name", "Пётр Иванов"},
                     {"partner_name", "ӨНДӨРХААН Трейд"},
                     {"email", "Bold@Gmail.COM"},
                     {"country", "MN"},
                     {"city", ""},
                     {"stage.is_won", false},
                     {"tags", std::vector<std::string>{"VIP", "Үнэт"}},
                     {"tag_ids", std::vector<std::int64_t>{3, 5}},
                     {"expected_revenue", 2500000},
                     {"probability", 33.3},
                     {"priority", 2},
                     {"active", true},
                     {"user_id", 7},
                     {"type", "opportunity"},
                     {"date_deadline", "2026-06-30"},
                     {"create_date", "2026-05-01T20:00:00Z"},
                     {"write_date", static_cast<long long>(1778846400 - 3600)}};
}

}  // namespace

TEST_CASE("filter eval: the issue's example") {
    const auto lead = bold_lead();
    const char* f = R"(stage.is_won = false and (country = "MN" or tags has "VIP") and expected_revenue >= 1000000)";
    CHECK(filter_eval_matches(f, lead));
    auto poorer = bold_lead();
    poorer.set("expected_revenue", 999999);
    CHECK_FALSE(filter_eval_matches(f, poorer));
    auto won = bold_lead();
    won.set("stage.is_won", true);
    CHECK_FALSE(filter_eval_matches(f, won));
    auto abroad = bold_lead();
    abroad.set("country", "CN").set("tags", std::vector<std::string>{"B2B"});
    CHECK_FALSE(filter_eval_matches(f, abroad));
}

TEST_CASE("filter eval: contains, starts_with, ends_with fold case, Cyrillic included, and ё to е") {
    const auto lead = bold_lead();
    CHECK(filter_eval_matches(R"(name contains "болд")", lead));
    CHECK(filter_eval_matches(R"(name contains "ххк")", lead));
    CHECK(filter_eval_matches(R"(name contains "ШИНЭ")", lead));
    CHECK(filter_eval_matches(R"(contact_name contains "петр")", lead));       // ё = е
    CHECK(filter_eval_matches(R"(contact_name starts_with "ПЁТР")", lead));
    CHECK(filter_eval_matches(R"(partner_name starts_with "өндөр")", lead));   // Ө ө
    CHECK(filter_eval_matches(R"(email ends_with "@gmail.com")", lead));
    CHECK(filter_eval_matches(R"(name contains "")", lead));
    CHECK_FALSE(filter_eval_matches(R"(name contains "Батаа")", lead));
    CHECK_FALSE(filter_eval_matches(R"(partner_name ends_with "өндөр")", lead));
    // = and < are exact (byte order), not folded
    CHECK(filter_eval_matches(R"(country = "MN")", lead));
    CHECK_FALSE(filter_eval_matches(R"(country = "mn")", lead));
    CHECK(filter_eval_matches(R"(country < "MO" and country >= "MN")", lead));
    // tags compare folded: Үнэт = үнэт
    CHECK(filter_eval_matches(R"(tags has "үнэт")", lead));
    CHECK(filter_eval_matches(R"(tags has "vip")", lead));
}

TEST_CASE("filter eval: null semantics") {
    MapRecord empty;  // every field null
    CHECK(filter_eval_matches("user_id is null", empty));
    CHECK_FALSE(filter_eval_matches("user_id = 7", empty));
    CHECK(filter_eval_matches("user_id != 7", empty));                 // != is the negation of =
    CHECK_FALSE(filter_eval_matches(R"(country in ("MN"))", empty));
    CHECK(filter_eval_matches(R"(country not_in ("MN"))", empty));
    CHECK_FALSE(filter_eval_matches("priority > 1", empty));
    CHECK_FALSE(filter_eval_matches("priority <= 1", empty));
    CHECK(filter_eval_matches("not (priority > 1)", empty));
    CHECK_FALSE(filter_eval_matches(R"(name contains "")", empty));
    CHECK_FALSE(filter_eval_matches("stage.is_won = false", empty));  // no stage is not "not won"
    CHECK(filter_eval_matches("stage.is_won != true", empty));
    CHECK(filter_eval_matches("tags is null and tag_ids is null", empty));
    CHECK_FALSE(filter_eval_matches(R"(tags has "VIP")", empty));
    CHECK(filter_eval_matches(R"(tags not_in ("VIP"))", empty));
    CHECK_FALSE(filter_eval_matches(R"(date_deadline < "2030-01-01")", empty));
    CHECK(filter_eval_matches(R"(date_deadline is null)", empty));
}

TEST_CASE("filter eval: an empty string is null for text fields") {
    const auto lead = bold_lead();  // city = ""
    CHECK(filter_eval_matches("city is null", lead));
    CHECK(filter_eval_matches(R"(city = "")", lead));
    CHECK_FALSE(filter_eval_matches(R"(city != "")", lead));
    CHECK_FALSE(filter_eval_matches(R"(city contains "")", lead));
    CHECK(filter_eval_matches(R"(country != "")", lead));
    CHECK(filter_eval_matches(R"(city in ("", "Дархан"))", lead));
    MapRecord blank_list{{"tags", std::vector<std::string>{}}};
    CHECK(filter_eval_matches("tags is null", blank_list));
}

TEST_CASE("filter eval: numbers, money, booleans, choices") {
    const auto lead = bold_lead();
    CHECK(filter_eval_matches("probability > 33 and probability < 33.5 and probability = 33.3", lead));
    CHECK(filter_eval_matches("expected_revenue = 2500000 and priority in (1, 2)", lead));
    CHECK(filter_eval_matches("priority not_in (0, 3) and not (priority = 3)", lead));
    CHECK(filter_eval_matches("active = true and active != false", lead));
    CHECK(filter_eval_matches(R"(type = "opportunity" and type != "lead")", lead));
    CHECK(filter_eval_matches("tag_ids has 5 and tag_ids in (9, 3) and tag_ids not_in (4)", lead));
    MapRecord as_ints{{"active", 1}, {"probability", 50}};
    CHECK(filter_eval_matches("active = true and probability = 50.0 and probability >= 50", as_ints));
}

TEST_CASE("filter eval: me is the context's user") {
    const auto lead = bold_lead();  // user_id 7
    CHECK(filter_eval_matches("user_id = me", lead, ctx_at("2026-05-15T12:00:00Z", 0, 7)));
    CHECK_FALSE(filter_eval_matches("user_id = me", lead, ctx_at("2026-05-15T12:00:00Z", 0, 8)));
    CHECK_FALSE(filter_eval_matches("user_id = me", lead, Context{}));  // no user: matches nothing
    CHECK(filter_eval_matches("user_id != me", lead, Context{}));
    MapRecord followed{{"follower_ids", std::vector<std::int64_t>{4, 9}}};
    CHECK(filter_eval_matches("follower_ids has me", followed, ctx_at("2026-05-15T12:00:00Z", 0, 9)));
    CHECK(filter_eval_matches("user_id in (1, me)", lead, ctx_at("2026-05-15T12:00:00Z", 0, 7)));
}

TEST_CASE("filter eval: dates compare by day, datetimes by the operand's granularity") {
    const auto lead = bold_lead();  // deadline 2026-06-30, created 2026-05-01T20:00:00Z
    const auto now = ctx_at("2026-05-15T12:00:00Z");
    CHECK(filter_eval_matches(R"(date_deadline = "2026-06-30" and date_deadline < "2026-07-01" and date_deadline > "2026-06-29")", lead, now));
    CHECK(filter_eval_matches(R"(date_deadline <= "2026-06-30" and date_deadline >= "2026-06-30")", lead, now));
    CHECK(filter_eval_matches("date_deadline > today and date_deadline < today + 2m", lead, now));
    CHECK_FALSE(filter_eval_matches("date_deadline < today + 1m", lead, now));  // 2026-06-15
    CHECK(filter_eval_matches(R"(create_date = "2026-05-01")", lead, now));       // the whole UTC day
    CHECK(filter_eval_matches(R"(create_date < "2026-05-02" and create_date > "2026-04-30")", lead, now));
    CHECK_FALSE(filter_eval_matches(R"(create_date > "2026-05-01")", lead, now)); // after that day
    CHECK(filter_eval_matches(R"(create_date > "2026-05-01T19:59:59Z" and create_date < "2026-05-01T20:00:01Z")", lead, now));
    CHECK(filter_eval_matches(R"(create_date = "2026-05-01T20:00:00Z")", lead, now));
    CHECK(filter_eval_matches(R"(create_date = "2026-05-02T04:00:00+08:00")", lead, now));
    CHECK(filter_eval_matches("create_date >= today - 30d and create_date < today - 13d", lead, now));
    CHECK_FALSE(filter_eval_matches("create_date >= today - 13d", lead, now));
    CHECK(filter_eval_matches("write_date > now - 2h and write_date < now", lead, now));  // an hour ago
    CHECK(filter_eval_matches("write_date = today", lead, now));
}

TEST_CASE("filter eval: the user's zone decides where a day starts") {
    const auto lead = bold_lead();  // 2026-05-01T20:00:00Z is 2026-05-02 04:00 in Ulaanbaatar (+08:00)
    CHECK(filter_eval_matches(R"(create_date = "2026-05-01")", lead, ctx_at("2026-05-15T12:00:00Z", 0)));
    CHECK_FALSE(filter_eval_matches(R"(create_date = "2026-05-01")", lead, ctx_at("2026-05-15T12:00:00Z", 480)));
    CHECK(filter_eval_matches(R"(create_date = "2026-05-02")", lead, ctx_at("2026-05-15T12:00:00Z", 480)));
    // 20:00Z on 15 May is already 16 May in Ulaanbaatar: `today` moves with the zone
    MapRecord due{{"date_deadline", "2026-05-16"}};
    CHECK(filter_eval_matches("date_deadline = today", due, ctx_at("2026-05-15T20:00:00Z", 480)));
    CHECK_FALSE(filter_eval_matches("date_deadline = today", due, ctx_at("2026-05-15T20:00:00Z", 0)));
}

TEST_CASE("filter eval: month and year offsets clamp to the end of the month") {
    MapRecord r{{"date_deadline", "2026-02-28"}, {"create_date", "2024-02-29T10:00:00Z"}};
    CHECK(filter_eval_matches("date_deadline = today - 1m", r, ctx_at("2026-03-31T10:00:00Z")));
    CHECK(filter_eval_matches("create_date = now - 2y - 1d", r, ctx_at("2026-03-01T10:00:00Z")));
    CHECK(filter_eval_matches("create_date = today - 2y - 1d", r, ctx_at("2026-03-01T10:00:00Z")));
    CHECK(filter_eval_matches("create_date = now - 1m", r, ctx_at("2024-03-31T10:00:00Z")));
}

TEST_CASE("filter eval: date values from records in every accepted form") {
    MapRecord as_numbers{{"date_deadline", static_cast<long long>(days_from_civil(2026, 6, 30))},
                         {"create_date", static_cast<long long>(at("2026-05-01T20:00:00Z"))}};
    CHECK(filter_eval_matches(R"(date_deadline = "2026-06-30" and create_date = "2026-05-01T20:00:00Z")", as_numbers));
    MapRecord garbage{{"date_deadline", "soon"}, {"create_date", "whenever"}};
    CHECK(filter_eval_matches("date_deadline is null", garbage));
    CHECK_FALSE(filter_eval_matches("create_date < today", garbage));
}

TEST_CASE("filter eval: a function record and wrong value types") {
    FunctionRecord r([](std::string_view field) -> Value {
        if (field == "country") return "MN";
        if (field == "user_id") return "high";  // wrong type: treated as null
        return nullptr;
    });
    CHECK(filter_eval_matches(R"(country = "MN" and user_id is null)", r));
    CHECK_FALSE(filter_eval_matches("user_id >= 0", r));
    CHECK(filter_eval_matches("user_id != 0", r));
}

TEST_CASE("filter eval: an empty filter matches everything, false nothing") {
    MapRecord r;
    CHECK(filter_eval_matches("", r));
    CHECK_FALSE(filter_eval_matches("false", r));
    CHECK(filter_eval_matches("not (false)", r));
}

TEST_CASE("filter eval: negated operators are exact negations, on generated records") {
    testgen::Generator gen(lead_filter_fields(), 42);
    const std::pair<Op, Op> pairs[] = {{Op::eq, Op::ne}, {Op::in, Op::not_in}, {Op::is_null, Op::is_not_null}};
    int checked = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto ctx = gen.context();
        Expr e = gen.comparison();
        const auto values = gen.record();
        MapRecord rec;
        for (const auto& [k, v] : values) rec.set(k, v);
        const bool plain = evaluate(e, lead_filter_fields(), rec, ctx);
        CHECK(evaluate(negate(e), lead_filter_fields(), rec, ctx) == !plain);
        for (const auto& [pos, neg] : pairs) {
            if (e.comparison.op != pos) continue;
            Expr flipped = e;
            flipped.comparison.op = neg;
            INFO(print(e));
            CHECK(evaluate(flipped, lead_filter_fields(), rec, ctx) == !plain);
            ++checked;
        }
    }
    CHECK(checked > 100);
}
