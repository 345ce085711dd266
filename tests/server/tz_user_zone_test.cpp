// tz:: against the system tzdata: offsets, local days around midnight, and wall time -> UTC across DST gaps
// (moved forward by the gap) and overlaps (the earlier instant). Mongolia has had no DST since 2017.
#include <doctest/doctest.h>

#include "tumen/datetime.hpp"
#include "tz/user_zone.hpp"

using namespace tumen;
namespace tz = tumen::server::tz;

namespace {
Timestamp at(const char* iso) { return *parse_timestamp(iso); }
DayNumber day(const char* iso) { return *parse_date(iso); }
}  // namespace

TEST_CASE("tz: known zones; unknown or empty names behave as UTC") {
    CHECK(tz::is_known_zone("Asia/Ulaanbaatar"));
    CHECK(tz::is_known_zone("Europe/Berlin"));
    CHECK(tz::is_known_zone("UTC"));
    CHECK_FALSE(tz::is_known_zone(""));
    CHECK_FALSE(tz::is_known_zone("Mars/Olympus_Mons"));
    CHECK(tz::utc_offset_s("Mars/Olympus_Mons", at("2026-07-01T12:00:00Z")) == 0);
    CHECK(tz::local_day("", at("2026-07-01T23:30:00Z")) == day("2026-07-01"));
    CHECK(tz::to_utc("", day("2026-07-01"), 9 * 3600) == at("2026-07-01T09:00:00Z"));
}

TEST_CASE("tz: Asia/Ulaanbaatar is UTC+8 all year, local day flips at 16:00 UTC") {
    CHECK(tz::utc_offset_s("Asia/Ulaanbaatar", at("2026-01-15T00:00:00Z")) == 8 * 3600);
    CHECK(tz::utc_offset_s("Asia/Ulaanbaatar", at("2026-07-15T00:00:00Z")) == 8 * 3600);
    CHECK(tz::local_day("Asia/Ulaanbaatar", at("2026-11-27T15:59:59Z")) == day("2026-11-27"));
    CHECK(tz::local_day("Asia/Ulaanbaatar", at("2026-11-27T16:00:00Z")) == day("2026-11-28"));
    CHECK(tz::to_utc("Asia/Ulaanbaatar", day("2026-11-28"), 9 * 3600 + 30 * 60) == at("2026-11-28T01:30:00Z"));
    CHECK(tz::to_utc("Asia/Ulaanbaatar", day("2026-11-28"), 0) == at("2026-11-27T16:00:00Z"));
}

TEST_CASE("tz: America/New_York local day is behind UTC in the evening") {
    CHECK(tz::local_day("America/New_York", at("2026-11-28T03:00:00Z")) == day("2026-11-27"));
    CHECK(tz::local_day("America/New_York", at("2026-11-28T05:00:00Z")) == day("2026-11-28"));
}

TEST_CASE("tz: Europe/Berlin offsets switch at the DST boundaries") {
    // 2026: CEST from 29 March 01:00Z to 25 October 01:00Z.
    CHECK(tz::utc_offset_s("Europe/Berlin", at("2026-03-29T00:59:59Z")) == 3600);
    CHECK(tz::utc_offset_s("Europe/Berlin", at("2026-03-29T01:00:00Z")) == 7200);
    CHECK(tz::utc_offset_s("Europe/Berlin", at("2026-10-25T00:59:59Z")) == 7200);
    CHECK(tz::utc_offset_s("Europe/Berlin", at("2026-10-25T01:00:00Z")) == 3600);
}

TEST_CASE("tz: to_utc in a DST gap moves forward by the gap") {
    // Berlin 2026-03-29: 02:00 local jumps to 03:00. 02:30 does not exist -> 03:30 CEST = 01:30Z.
    CHECK(tz::to_utc("Europe/Berlin", day("2026-03-29"), 2 * 3600 + 1800) == at("2026-03-29T01:30:00Z"));
    CHECK(tz::to_utc("Europe/Berlin", day("2026-03-29"), 1 * 3600 + 1800) == at("2026-03-29T00:30:00Z"));
    CHECK(tz::to_utc("Europe/Berlin", day("2026-03-29"), 3 * 3600) == at("2026-03-29T01:00:00Z"));
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT. 02:15 -> 03:15 EDT = 07:15Z.
    CHECK(tz::to_utc("America/New_York", day("2026-03-08"), 2 * 3600 + 900) == at("2026-03-08T07:15:00Z"));
}

TEST_CASE("tz: to_utc of an ambiguous wall time takes the earlier instant") {
    // Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice -> the CEST one (00:30Z).
    CHECK(tz::to_utc("Europe/Berlin", day("2026-10-25"), 2 * 3600 + 1800) == at("2026-10-25T00:30:00Z"));
    CHECK(tz::to_utc("Europe/Berlin", day("2026-10-25"), 3 * 3600 + 1800) == at("2026-10-25T02:30:00Z"));
    // New York 2026-11-01: 01:30 twice -> EDT (05:30Z), not EST (06:30Z).
    CHECK(tz::to_utc("America/New_York", day("2026-11-01"), 1 * 3600 + 1800) == at("2026-11-01T05:30:00Z"));
}

TEST_CASE("tz: local_day and to_utc round-trip for local midnight in several zones") {
    for (const char* zone : {"Asia/Ulaanbaatar", "Europe/Berlin", "America/New_York", "Pacific/Auckland", "UTC"}) {
        for (DayNumber d = day("2026-01-01"); d < day("2027-01-01"); d += 7) {
            const Timestamp midnight = tz::to_utc(zone, d, 0);
            CAPTURE(zone);
            CAPTURE(format_date(d));
            CHECK(tz::local_day(zone, midnight) == d);
            CHECK(tz::local_day(zone, midnight - 1) == d - 1);
        }
    }
}
