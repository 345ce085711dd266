#include "tumen/filter_context.hpp"

#include <algorithm>
#include <string>

namespace tumen::filter {
namespace {

// Inside these bounds every span bound, shifted by any zone and one day, still formats as a 4-digit year,
// which keeps ISO text columns comparable as plain text.
const DayNumber min_day = days_from_civil(1, 1, 2);
const DayNumber max_day = days_from_civil(9998, 12, 31);

std::int64_t clamp_day(std::int64_t d) { return std::clamp<std::int64_t>(d, min_day, max_day); }
Timestamp clamp_time(Timestamp t) { return std::clamp<Timestamp>(t, start_of_day(min_day), start_of_day(max_day)); }

Timestamp zone_seconds(const Context& ctx) {
    return static_cast<Timestamp>(std::clamp(ctx.utc_offset_minutes, -18 * 60, 18 * 60)) * 60;
}

std::int64_t add_calendar(std::int64_t day, const TimeOffset& o) {
    switch (o.unit) {
        case TimeUnit::hour: return day;  // rejected by the parser for `today`
        case TimeUnit::day: return clamp_day(day + o.amount);
        case TimeUnit::week: return clamp_day(day + 7 * o.amount);
        case TimeUnit::month: return clamp_day(add_months(static_cast<DayNumber>(day), static_cast<int>(o.amount)));
        case TimeUnit::year: return clamp_day(add_months(static_cast<DayNumber>(day), static_cast<int>(12 * o.amount)));
    }
    return day;
}

// `now ± N`: hours, days and weeks are exact durations; months and years step the local calendar date and
// keep the local time of day (now + 1m on 31 Jan 10:00 is 28/29 Feb 10:00).
Timestamp add_to_instant(Timestamp t, const TimeOffset& o, Timestamp zone) {
    switch (o.unit) {
        case TimeUnit::hour: return clamp_time(t + 3600 * o.amount);
        case TimeUnit::day: return clamp_time(t + seconds_per_day * o.amount);
        case TimeUnit::week: return clamp_time(t + 7 * seconds_per_day * o.amount);
        case TimeUnit::month:
        case TimeUnit::year: {
            const Timestamp local = t + zone;
            const DayNumber day = day_of(local);
            const Timestamp time_of_day = local - start_of_day(day);
            const std::int64_t moved = add_calendar(day, o);
            return clamp_time(start_of_day(static_cast<DayNumber>(moved)) + time_of_day - zone);
        }
    }
    return t;
}

// The first day of the period `base` names that holds `day` (weeks start on Monday, ISO 8601).
std::int64_t period_start(TimeBase base, DayNumber day) {
    switch (base) {
        case TimeBase::this_week: return clamp_day(day - (iso_weekday(day) - 1));
        case TimeBase::this_month: return month_start(day);
        case TimeBase::this_quarter: {
            const CivilDate c = civil_from_days(day);
            return days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
        }
        case TimeBase::this_year: return days_from_civil(civil_from_days(day).year, 1, 1);
        case TimeBase::today:
        case TimeBase::now: break;
    }
    return day;
}

}  // namespace

DayNumber today(const Context& ctx) {
    return static_cast<DayNumber>(clamp_day(day_of(clamp_time(ctx.now) + zone_seconds(ctx))));
}

std::optional<TimeSpan> resolve_time(const Literal& value, FieldType type, const Context& ctx) {
    if (type != FieldType::date && type != FieldType::datetime) return std::nullopt;
    const Timestamp zone = zone_seconds(ctx);
    std::optional<std::int64_t> day;
    std::optional<Timestamp> instant;
    if (const auto* s = std::get_if<std::string>(&value)) {
        if (auto d = parse_date(*s)) {
            day = clamp_day(*d);
        } else if (auto t = parse_timestamp(*s); t && type == FieldType::datetime) {
            instant = clamp_time(*t);
        } else {
            return std::nullopt;
        }
    } else if (const auto* r = std::get_if<RelativeTime>(&value)) {
        if (r->base != TimeBase::now) {
            std::int64_t d = clamp_day(period_start(r->base, today(ctx)));
            for (const auto& o : r->offsets) d = add_calendar(d, o);
            day = d;
        } else {
            Timestamp t = clamp_time(ctx.now);
            for (const auto& o : r->offsets) t = add_to_instant(t, o, zone);
            if (type == FieldType::date) day = clamp_day(day_of(t + zone));
            else instant = t;
        }
    } else {
        return std::nullopt;
    }
    if (instant) return TimeSpan{*instant, *instant + 1};
    if (type == FieldType::date) return TimeSpan{*day, *day + 1};
    return TimeSpan{start_of_day(static_cast<DayNumber>(*day)) - zone, start_of_day(static_cast<DayNumber>(*day + 1)) - zone};
}

}  // namespace tumen::filter
