// JSON Schemas of activity types and activities (issue 6).
#include "api_schema_parts.hpp"

namespace tumen::api {

using namespace schema;

json activity_schemas() {
    const json type_fields = {
        {"name", {{"type", "string"}, {"maxLength", 80}}},
        {"icon", described("string", "short icon name: phone, envelope, users, check, upload ...")},
        {"category", enum_of({"default", "call", "email", "meeting", "upload"})},
        {"default_summary", t("string")},
        {"default_note", t("string")},
        {"delay_count", {{"type", "integer"}, {"minimum", 0}, {"maximum", 999}}},
        {"delay_unit", enum_of({"days", "weeks", "months"})},
        {"delay_from", enum_of({"today", "previous_deadline"})},
        {"chaining", enum_of({"suggest", "trigger"})},
        {"suggested_ids", array_of(t("integer"))},
        {"triggered_id", nullable(t("integer"))},
        {"sequence", t("integer")},
        {"active", t("boolean")}};
    json type = obj(type_fields);
    for (const char* f : {"id", "version"}) type["properties"][f] = t("integer");
    type["properties"]["code"] = described("string", "seeded types: call|email|meeting|todo|upload (clients translate "
                                                     "activity_type.<code>); empty for others and renamed ones");
    json type_patch = obj(type_fields, {"version"});
    type_patch["properties"]["version"] = t("integer");

    const json fields = {{"type_id", nullable(t("integer"))},
                         {"summary", {{"type", "string"}, {"maxLength", 200}}},
                         {"note", t("string")},
                         {"due_date", described("string", "the assigned user's local date, 2026-11-28")},
                         {"user_id", nullable(t("integer"))}};
    json activity = obj(fields);
    for (const char* f : {"id", "lead_id", "version"}) activity["properties"][f] = t("integer");
    activity["properties"]["state"] = enum_of({"open", "done", "cancelled"});
    activity["properties"]["due_state"] =
        nullable(enum_of({"overdue", "today", "planned"}));  // open ones, in the assignee's zone
    activity["properties"]["done_at"] = nullable(date_time());
    activity["properties"]["feedback"] = t("string");
    activity["properties"]["created_at"] = date_time();
    activity["properties"]["created_by"] = nullable(t("integer"));
    for (const char* f : {"type_name", "type_code", "icon", "category", "lead_name"})
        activity["properties"][f] = t("string");
    json patch = obj(fields, {"version"});
    patch["properties"]["version"] = t("integer");
    return {
        {"ActivityType", type},
        {"ActivityTypeInput", obj(type_fields, {"name"})},
        {"ActivityTypePatch", type_patch},
        {"ActivityTypeList", obj({{"items", array_of(ref("ActivityType"))}}, {"items"})},
        {"Activity", activity},
        {"ActivityInput", obj(fields)},
        {"ActivityPatch", patch},
        {"ActivityList", obj({{"items", array_of(ref("Activity"))}, {"today", date()}}, {"items"})},
        {"ActivityDone", obj({{"feedback", t("string")},
                              {"version", t("integer")},
                              {"next", nullable(obj(fields, {"type_id"}))}})},
        {"ActivityDoneResult", obj({{"activity", ref("Activity")},
                                    {"scheduled", array_of(ref("Activity"))},
                                    {"suggested_type_ids", array_of(t("integer"))},
                                    {"message_id", t("integer")}},
                                   {"activity", "scheduled", "suggested_type_ids"})},
        {"ActivitySnooze", obj({{"days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 365}}},
                                {"version", t("integer")}},
                               {"days", "version"})},
        {"MyActivities", obj({{"user_id", t("integer")},
                              {"today", described("string", "today in the user's zone")},
                              {"groups", obj({{"overdue", array_of(ref("Activity"))},
                                              {"today", array_of(ref("Activity"))},
                                              {"planned", array_of(ref("Activity"))}})}},
                             {"groups"})},
    };
}

}  // namespace tumen::api
