#include "tz/user_zone.hpp"

#include <chrono>
#include <date/tz.h>
#include <stdexcept>
#include <string>

namespace tumen::server::tz {
namespace {

using seconds = std::chrono::seconds;
using sys_seconds = date::sys_time<seconds>;
using local_seconds = date::local_time<seconds>;

// nullptr for empty/unknown names (locate_zone throws for those).
const date::time_zone* find_zone(std::string_view name) {
    if (name.empty()) return nullptr;
    try {
        return date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        return nullptr;
    }
}

}  // namespace

bool is_known_zone(std::string_view iana) { return find_zone(iana) != nullptr; }

int utc_offset_s(std::string_view zone, Timestamp utc) {
    const date::time_zone* z = find_zone(zone);
    if (z == nullptr) return 0;
    return static_cast<int>(z->get_info(sys_seconds{seconds{utc}}).offset.count());
}

DayNumber local_day(std::string_view zone, Timestamp utc) { return day_of(utc + utc_offset_s(zone, utc)); }

Timestamp to_utc(std::string_view zone, DayNumber local_day, int seconds_of_day) {
    const Timestamp wall = start_of_day(local_day) + seconds_of_day;
    const date::time_zone* z = find_zone(zone);
    if (z == nullptr) return wall;
    const local_seconds local{seconds{wall}};
    const date::local_info info = z->get_info(local);
    switch (info.result) {
        case date::local_info::unique:
            return wall - info.first.offset.count();
        case date::local_info::ambiguous:
            // The earlier instant is the one under the first (pre-transition, larger) offset.
            return wall - info.first.offset.count();
        case date::local_info::nonexistent:
        default:
            // In the gap: read the wall time with the offset before the jump, which lands past the gap by its
            // length (02:30 in a 02:00->03:00 jump becomes 03:30 local).
            return wall - info.first.offset.count();
    }
}

}  // namespace tumen::server::tz
