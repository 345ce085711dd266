#include "tumen/datetime.hpp"

#include <cstdio>

namespace tumen {

namespace {

// Floor division: C++ rounds toward zero, dates before 1970 need rounding down.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Reads exactly n ASCII digits at text[pos], advancing pos.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, int n) {
    if (pos + n > text.size()) return std::nullopt;
    int value = 0;
    for (int k = 0; k < n; ++k) {
        const char c = text[pos + k];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += n;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

std::optional<DayNumber> read_date(std::string_view text, std::size_t& pos) {
    const auto y = read_digits(text, pos, 4);
    if (!y || !expect(text, pos, '-')) return std::nullopt;
    const auto m = read_digits(text, pos, 2);
    if (!m || !expect(text, pos, '-')) return std::nullopt;
    const auto d = read_digits(text, pos, 2);
    if (!d || !is_valid_date(*y, *m, *d)) return std::nullopt;
    return days_from_civil(*y, *m, *d);
}

// "HH:MM[:SS[.fff]]" -> seconds of the day.
std::optional<int> read_time(std::string_view text, std::size_t& pos) {
    const auto h = read_digits(text, pos, 2);
    if (!h || !expect(text, pos, ':')) return std::nullopt;
    const auto mi = read_digits(text, pos, 2);
    if (!mi) return std::nullopt;
    int s = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        const auto sec = read_digits(text, pos, 2);
        if (!sec) return std::nullopt;
        s = *sec;
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            const std::size_t start = ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == start) return std::nullopt;
        }
    }
    if (*h > 23 || *mi > 59 || s > 59) return std::nullopt;
    return *h * 3600 + *mi * 60 + s;
}

// "", "Z", "+08", "+0800", "+08:00" -> offset east of UTC in seconds.
std::optional<int> read_zone(std::string_view text, std::size_t& pos) {
    if (pos == text.size()) return 0;
    if (text[pos] == 'Z' || text[pos] == 'z') { ++pos; return 0; }
    if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
    const int sign = text[pos++] == '-' ? -1 : 1;
    const auto h = read_digits(text, pos, 2);
    if (!h) return std::nullopt;
    int m = 0;
    if (pos < text.size()) {
        if (text[pos] == ':') ++pos;
        const auto mm = read_digits(text, pos, 2);
        if (!mm) return std::nullopt;
        m = *mm;
    }
    if (*h > 14 || m > 59) return std::nullopt;
    return sign * (*h * 3600 + m * 60);
}

}  // namespace

bool is_leap_year(std::int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(std::int32_t year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool is_valid_date(std::int32_t year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// Counts days in 400-year eras starting on 1 March, so the leap day is the last day of a year.
DayNumber days_from_civil(std::int32_t year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t year_of_era = y - era * 400;                                  // [0, 399]
    const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<DayNumber>(era * 146097 + day_of_era - 719468);
}

CivilDate civil_from_days(DayNumber day) {
    const std::int64_t z = static_cast<std::int64_t>(day) + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t day_of_era = z - era * 146097;                                        // [0, 146096]
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;  // month counted from March, [0, 11]
    CivilDate c;
    c.day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = static_cast<std::int32_t>(year_of_era + era * 400 + (c.month <= 2));
    return c;
}

DayNumber day_of(Timestamp t) { return static_cast<DayNumber>(floor_div(t, seconds_per_day)); }

Timestamp start_of_day(DayNumber day) { return static_cast<Timestamp>(day) * seconds_per_day; }

int iso_weekday(DayNumber day) {
    // 1970-01-01 was a Thursday: day 0 + 3 is index 3 counting from Monday = 0.
    const std::int64_t d = static_cast<std::int64_t>(day) + 3;
    return static_cast<int>(d - floor_div(d, 7) * 7) + 1;
}

DayNumber month_start(DayNumber day) {
    const auto c = civil_from_days(day);
    return days_from_civil(c.year, c.month, 1);
}

DayNumber add_months(DayNumber day, int months) {
    const auto c = civil_from_days(day);
    const std::int64_t index = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1) + months;
    const auto year = static_cast<std::int32_t>(floor_div(index, 12));
    const int month = static_cast<int>(index - static_cast<std::int64_t>(year) * 12) + 1;
    const int d = c.day < days_in_month(year, month) ? c.day : days_in_month(year, month);
    return days_from_civil(year, month, d);
}

std::int64_t days_between(Timestamp from, Timestamp to) { return floor_div(to - from, seconds_per_day); }

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    std::size_t pos = 0;
    const auto day = read_date(text, pos);
    if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' '))
        return std::nullopt;
    ++pos;
    const auto seconds = read_time(text, pos);
    if (!seconds) return std::nullopt;
    const auto offset = read_zone(text, pos);
    if (!offset || pos != text.size()) return std::nullopt;
    return start_of_day(*day) + *seconds - *offset;
}

std::optional<DayNumber> parse_date(std::string_view text) {
    std::size_t pos = 0;
    const auto day = read_date(text, pos);
    if (!day || pos != text.size()) return std::nullopt;
    return day;
}

std::string format_date(DayNumber day) {
    const auto c = civil_from_days(day);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(c.year), c.month, c.day);
    return buf;
}

std::string format_month(DayNumber day) {
    const auto date = format_date(day);
    return date.substr(0, date.size() - 3);
}

std::string format_timestamp(Timestamp t) {
    const DayNumber day = day_of(t);
    const auto secs = static_cast<int>(t - start_of_day(day));
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", secs / 3600, secs / 60 % 60, secs % 60);
    return format_date(day) + buf;
}

}  // namespace tumen
