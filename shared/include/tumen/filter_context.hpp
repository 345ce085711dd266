// What a filter is evaluated or compiled against besides the record: the clock (for `today`, `now` and
// offsets), the user's zone (where a day starts) and the user (for `me`). Passing them in keeps results
// deterministic in tests and lets a saved filter such as `create_date >= today - 30d` move with time.
//
// The operand resolution below is shared by evaluate() and the server's SQL compiler, so both agree on
// every boundary.
#pragma once
#include <cstdint>
#include <optional>

#include "tumen/datetime.hpp"
#include "tumen/filter_ast.hpp"
#include "tumen/filter_fields.hpp"

namespace tumen::filter {

struct Context {
    Timestamp now = 0;                     // UTC seconds
    int utc_offset_minutes = 0;            // user's zone: +480 for Ulaanbaatar; `today` and day bounds follow it
    std::optional<std::int64_t> user_id;   // `me`; without it `x = me` matches nothing
};

DayNumber today(const Context& ctx);  // the user's local calendar day at ctx.now

// A date/datetime comparison lowered to a half-open span [lo, hi) in the field's own scale (days since
// 1970-01-01 for date fields, UTC seconds for datetime fields):
//   = : lo <= v < hi     < : v < lo     <= : v < hi     > : v >= hi     >= : v >= lo     != : not (=)
// A day operand ("2026-12-01", today - 3d) on a datetime field spans that local day; an instant operand
// ("2026-12-01T10:00:00Z", now - 2h) spans one second. Results are clamped to years 0001..9998 so that
// every bound formats as a 4-digit-year ISO text. `now ± N` on a date field is truncated to its local day.
// nullopt if the literal is not a time or does not fit the field (an ISO instant for a date field).
struct TimeSpan {
    std::int64_t lo = 0;
    std::int64_t hi = 0;
};
std::optional<TimeSpan> resolve_time(const Literal& value, FieldType type, const Context& ctx);

}  // namespace tumen::filter
