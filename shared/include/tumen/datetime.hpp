// UTC time as plain integers and ISO 8601 text, with no time-zone database: storage and the wire are UTC,
// the user's zone is applied only at the edges. Pure arithmetic (proleptic Gregorian calendar), same result
// on 64-bit native and 32-bit wasm.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tumen {

using Timestamp = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using DayNumber = std::int32_t;  // days since 1970-01-01 (negative before)

inline constexpr Timestamp seconds_per_day = 86400;

struct CivilDate {
    std::int32_t year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    bool operator==(const CivilDate&) const = default;
};

bool is_leap_year(std::int32_t year);
int days_in_month(std::int32_t year, int month);
bool is_valid_date(std::int32_t year, int month, int day);

DayNumber days_from_civil(std::int32_t year, int month, int day);  // precondition: a valid date
CivilDate civil_from_days(DayNumber day);

DayNumber day_of(Timestamp t);          // floor(t / 86400), also for times before 1970
Timestamp start_of_day(DayNumber day);  // 00:00:00Z of that day
int iso_weekday(DayNumber day);         // 1 = Monday ... 7 = Sunday
DayNumber month_start(DayNumber day);
DayNumber add_months(DayNumber day, int months);  // 31 Jan + 1 month = 28/29 Feb (clamped)

// Whole days from `from` to `to` (floor), e.g. for "idle for N days".
std::int64_t days_between(Timestamp from, Timestamp to);

// "2026-11-27T13:30:00Z"; also accepts a space for 'T', fractional seconds (dropped), "+08:00"/"+0800"/"-05"
// offsets (converted to UTC), and no zone at all (taken as UTC). Years 0000-9999.
std::optional<Timestamp> parse_timestamp(std::string_view text);
// "2026-11-27" exactly.
std::optional<DayNumber> parse_date(std::string_view text);

std::string format_timestamp(Timestamp t);  // "2026-11-27T13:30:00Z"
std::string format_date(DayNumber day);     // "2026-11-27"
std::string format_month(DayNumber day);    // "2026-11" (group key for "month of" reports)

// Bounds of the values parse_timestamp can produce (0000-01-01T00:00:00Z .. 9999-12-31T23:59:59Z).
inline constexpr Timestamp min_timestamp = -62167219200;
inline constexpr Timestamp max_timestamp = 253402300799;

}  // namespace tumen
