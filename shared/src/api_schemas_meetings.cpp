// JSON Schemas of meetings, the calendar range and the iCalendar feed (issue 6).
#include "api_schema_parts.hpp"

namespace tumen::api {

using namespace schema;

json meeting_schemas() {
    const json attendee = obj({{"user_id", nullable(t("integer"))},
                               {"contact_id", nullable(t("integer"))},
                               {"email", t("string")},
                               {"name", t("string")},
                               {"response", enum_of({"needs_action", "accepted", "declined", "tentative"})}});
    json fields = {{"title", {{"type", "string"}, {"maxLength", 200}}},
                   {"all_day", t("boolean")},
                   {"start", nullable(date_time())},
                   {"end", nullable(date_time())},
                   {"local_start", described("string", "instead of start: wall time in the caller's zone, 2026-11-28T09:30")},
                   {"local_end", described("string", "instead of end: wall time in the caller's zone")},
                   {"start_date", nullable(date())},
                   {"end_date", nullable(described("string", "all-day: the last day (inclusive)"))},
                   {"location", t("string")},
                   {"description", t("string")},
                   {"attendees", array_of(attendee)},
                   {"reminder_minutes", nullable({{"type", "integer"}, {"minimum", 0}, {"maximum", 10080}})},
                   {"lead_id", nullable(t("integer"))}};
    json meeting = obj(fields);
    meeting["properties"].erase("local_start");
    meeting["properties"].erase("local_end");
    for (const char* f : {"id", "organizer_id", "sequence", "version"}) meeting["properties"][f] = t("integer");
    meeting["properties"]["created_at"] = date_time();
    meeting["properties"]["local_start"] = nullable(described("string", "start in the viewer's zone, 2026-11-28T09:30"));
    meeting["properties"]["local_end"] = nullable(t("string"));
    meeting["properties"]["lead_name"] = nullable(t("string"));
    meeting["properties"]["invitations"] =
        described("string", "writes only: none | queued | no_sender (mail not configured, nothing was sent)");
    json patch = obj(fields, {"version"});
    patch["properties"]["version"] = t("integer");
    json item = meeting;
    item["properties"]["kind"] = enum_of({"meeting", "activity"});
    item["properties"]["type_name"] = described("string", "activities: the activity type's name");
    return {
        {"Meeting", meeting},
        {"MeetingInput", obj(fields, {"title"})},
        {"MeetingPatch", patch},
        {"MeetingList", obj({{"items", array_of(ref("Meeting"))}}, {"items"})},
        {"Calendar", obj({{"user_id", t("integer")}, {"time_zone", t("string")}, {"from", date()}, {"to", date()},
                          {"today", described("string", "today in the user's zone")},
                          {"utc_offset_s", described("integer", "the zone's offset from UTC now, seconds (the "
                                                                "client's clock in the user's zone)")},
                          {"items", array_of(item)}},
                         {"items"})},
        {"CalendarFeed", obj({{"active", t("boolean")}, {"prefix", t("string")}, {"created_at", date_time()},
                              {"last_used_at", nullable(date_time())},
                              {"path", described("string", "create only, shown once: /calendar/<token>.ics")}},
                             {"active"})},
        {"ICalendar", {{"type", "string"}, {"format", "binary"}, {"x-media-types", json::array({"text/calendar"})},
                       {"description", "RFC 5545 text"}}},
    };
}

}  // namespace tumen::api
