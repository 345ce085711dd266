#pragma once
// Users' IANA time zones on the server (system tzdata through date-tz). The client has no zone database: the
// server converts and sends local values. An unknown or empty zone name means UTC everywhere here.
#include <string_view>

#include "tumen/datetime.hpp"

namespace tumen::server::tz {

bool is_known_zone(std::string_view iana);  // via date::locate_zone
DayNumber local_day(std::string_view zone, Timestamp utc);
int utc_offset_s(std::string_view zone, Timestamp utc);
// Local wall time -> UTC. In a DST gap the time moves forward by the gap; an ambiguous time takes the earlier.
Timestamp to_utc(std::string_view zone, DayNumber local_day, int seconds_of_day);

}  // namespace tumen::server::tz
