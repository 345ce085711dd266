// activity_overdue (issue 6): a before_today field. The record gives the earliest open activity's due date; the
// filter compares it with the context's today, so the same lead is overdue for one user and not yet for another.
#include <doctest/doctest.h>

#include "tumen/datetime.hpp"
#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::filter;

namespace {

bool filter_activity_overdue_matches(const std::string& text, const Value& due, const Context& ctx) {
    auto e = parse(text);
    REQUIRE(e.ok());
    REQUIRE_FALSE(check(e.value(), lead_filter_fields()));
    MapRecord r;
    r.set("activity_overdue", due);
    return evaluate(e.value(), lead_filter_fields(), r, ctx);
}

}  // namespace

TEST_CASE("filter: activity_overdue is a non-null boolean computed against the context's today") {
    const FieldDef* f = lead_filter_fields().find("activity_overdue");
    REQUIRE(f);
    CHECK(f->type == FieldType::boolean);
    CHECK(f->before_today);
    CHECK_FALSE(f->nullable);

    Context ctx;
    ctx.now = *parse_timestamp("2026-11-28T20:00:00Z");  // 04:00 on the 29th in Ulaanbaatar
    ctx.utc_offset_minutes = 0;
    CHECK(filter_activity_overdue_matches("activity_overdue = true", "2026-11-27", ctx));
    CHECK_FALSE(filter_activity_overdue_matches("activity_overdue = true", "2026-11-28", ctx));  // due today: not overdue
    CHECK(filter_activity_overdue_matches("activity_overdue = false", "2026-11-28", ctx));
    CHECK(filter_activity_overdue_matches("not (activity_overdue = true)", "2026-12-01", ctx));
    CHECK_FALSE(filter_activity_overdue_matches("activity_overdue = true", Value(), ctx));  // no open activity
    CHECK(filter_activity_overdue_matches("activity_overdue != true", Value(), ctx));
    CHECK(filter_activity_overdue_matches("activity_overdue = true", Value(std::int64_t{*parse_date("2026-11-01")}), ctx));  // a day number
    CHECK(filter_activity_overdue_matches("activity_overdue = true", true, ctx));  // a record that decided already
    CHECK_FALSE(filter_activity_overdue_matches("activity_overdue = true", "not a date", ctx));

    ctx.utc_offset_minutes = 8 * 60;  // the same instant is already the 29th in Ulaanbaatar
    CHECK(filter_activity_overdue_matches("activity_overdue = true", "2026-11-28", ctx));
}
