// JSON Schemas of the CRM records (leads, stages, chatter) for the OpenAPI document.
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;

json lead_fields() {
    return {
        {"type", {{"type", "string"}, {"enum", {"lead", "opportunity"}}}},
        {"name", t("string")}, {"contact_name", t("string")}, {"partner_name", t("string")},
        {"partner_id", nullable(t("integer"))}, {"email", t("string")}, {"phone", t("string")},
        {"mobile", t("string")}, {"website", t("string")}, {"street", t("string")}, {"city", t("string")},
        {"state", t("string")}, {"zip", t("string")}, {"country", t("string")}, {"lang", t("string")},
        {"user_id", nullable(t("integer"))}, {"team_id", nullable(t("integer"))}, {"stage_id", nullable(t("integer"))},
        {"priority", {{"type", "integer"}, {"minimum", 0}, {"maximum", 3}}},
        {"tag_ids", array_of(t("integer"))},
        {"expected_revenue", ref("Money")},
        {"probability", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}},
        {"probability_manual", t("boolean")},
        {"date_deadline", nullable({{"type", "string"}, {"format", "date"}})},
        {"source_id", nullable(t("integer"))}, {"medium_id", nullable(t("integer"))},
        {"campaign_id", nullable(t("integer"))}, {"description", t("string")},
        {"follower_ids", array_of(t("integer"))},
    };
}
}  // namespace

json crm_schemas() {
    json lead = obj(lead_fields());
    for (const char* f : {"id", "version"}) lead["properties"][f] = t("integer");
    for (const char* f : {"create_date", "write_date", "date_open", "date_conversion", "date_closed", "date_last_stage_update"})
        lead["properties"][f] = nullable({{"type", "string"}, {"format", "date-time"}});
    lead["properties"]["automated_probability"] = t("number");
    lead["properties"]["lost_reason_id"] = nullable(t("integer"));
    lead["properties"]["lost_note"] = t("string");
    lead["properties"]["active"] = t("boolean");
    lead["properties"]["score"] = {{"type", "integer"}, {"description", "sum of the matching scoring rules' points"}};
    lead["properties"]["score_explanation"] =
        array_of(obj({{"rule_id", t("integer")}, {"name", t("string")}, {"points", t("integer")}}));

    json patch = obj(lead_fields(), {"version"});
    patch["properties"]["version"] = t("integer");
    patch["properties"]["active"] = t("boolean");

    return {
        {"Money", obj({{"amount", {{"type", "integer"}, {"description", "minor units (1/100 of a tögrög for MNT)"}}},
                       {"currency", {{"type", "string"}, {"minLength", 3}, {"maxLength", 3}}}},
                      {"amount", "currency"})},
        {"Lead", lead},
        {"LeadInput", obj(lead_fields(), {"name"})},
        {"LeadPatch", patch},
        {"LeadPage", obj({{"items", array_of(ref("Lead"))}, {"next", nullable(t("string"))}, {"total", t("integer")}},
                         {"items"})},
        {"LeadGroup", obj({{"key", {{"nullable", true}}},
                           {"count", t("integer")},
                           {"sums", array_of(obj({{"currency", t("string")}, {"expected_revenue", t("integer")},
                                                  {"weighted_revenue", t("integer")}}))},
                           {"items", array_of(ref("Lead"))},
                           {"next", nullable(t("string"))},
                           // issue 6: the column's activity bar (not for tag groups)
                           {"activity_bar", obj({{"overdue", t("integer")}, {"today", t("integer")},
                                                 {"planned", t("integer")}, {"none", t("integer")}})}})},
        {"LeadGroups", obj({{"group_by", t("string")}, {"groups", array_of(ref("LeadGroup"))},
                            {"rates", obj({{"company", t("string")},
                                           {"rates", {{"type", "object"},
                                                      {"additionalProperties", t("string")},
                                                      {"description", "code -> company-currency units for one unit"}}}})}})},
        {"AnalysisCell", obj({{"key1", {{"nullable", true}}}, {"label1", t("string")},
                              {"key2", {{"nullable", true}}}, {"label2", t("string")},
                              {"count", t("integer")}, {"won", t("integer")}, {"lost", t("integer")},
                              {"expected", {{"type", "object"}, {"additionalProperties", t("integer")}}},
                              {"weighted", {{"type", "object"}, {"additionalProperties", t("integer")}}},
                              {"close_days_sum", t("integer")}, {"closed", t("integer")}})},
        {"Analysis", obj({{"group_by", t("string")}, {"group_by2", t("string")}, {"cells", array_of(ref("AnalysisCell"))}})},
        {"StageFlow", obj({{"leads", t("integer")},
                           {"stages", array_of(obj({{"stage_id", t("integer")}, {"entered", t("integer")}, {"finished", t("integer")},
                                                    {"seconds_finished", t("integer")}, {"current", t("integer")}}))},
                           {"moves", array_of(obj({{"from", t("integer")}, {"to", t("integer")}, {"count", t("integer")}}))}})},
        {"TeamDashboard", obj({{"team", {{"nullable", true}}}, {"open", json::object()}, {"unassigned", t("integer")},
                               {"won_this_month", json::object()}, {"month", t("string")},
                               {"invoiced_this_month", array_of(obj({{"currency", t("string")}, {"amount", t("integer")},
                                                                     {"count", t("integer")}}))},
                               {"new_per_week", array_of(obj({{"week", t("string")}, {"count", t("integer")}}))}})},
        {"KioskBoard", obj({{"team", obj({{"id", t("integer")}, {"name", t("string")}})},
                            {"stages", array_of(obj({{"id", t("integer")}, {"name", t("string")}, {"sequence", t("integer")},
                                                     {"fold", t("boolean")}, {"is_won", t("boolean")}, {"wip_limit", t("integer")}}))},
                            {"groups", array_of(obj({{"key", {{"nullable", true}}}, {"count", t("integer")},
                                                     {"sums", array_of(obj({{"currency", t("string")}, {"expected_revenue", t("integer")},
                                                                            {"weighted_revenue", t("integer")}}))},
                                                     {"items", array_of(json::object())}}))},
                            {"users", array_of(obj({{"id", t("integer")}, {"name", t("string")}}))}})},
        {"KioskLeaderboard", obj({{"month", t("string")}, {"cells", array_of(ref("AnalysisCell"))}})},
        {"LeadMove", obj({{"stage_id", t("integer")}, {"version", t("integer")}}, {"stage_id", "version"})},
        {"LeadLost", obj({{"version", t("integer")}, {"lost_reason_id", nullable(t("integer"))}, {"note", t("string")}},
                         {"version"})},
        {"VersionOnly", obj({{"version", t("integer")}}, {"version"})},
        {"Message", obj({{"id", t("integer")}, {"res_model", t("string")}, {"res_id", t("integer")},
                         {"kind", {{"type", "string"}, {"enum", {"note", "email", "tracking", "sms", "activity"}}}},
                         {"subject", t("string")}, {"body", t("string")}, {"author_id", nullable(t("integer"))},
                         {"author_name", t("string")}, {"date", {{"type", "string"}, {"format", "date-time"}}},
                         {"tracking_values", array_of(obj({{"field", t("string")}, {"old", json::object()}, {"new", json::object()}}))},
                         {"mail", nullable(ref("MailDelivery"))},
                         {"sms", nullable(ref("SmsDelivery"))}})},
        {"MessageList", obj({{"items", array_of(ref("Message"))}}, {"items"})},
        {"NoteInput", obj({{"body", t("string")}}, {"body"})},
        {"LeadDuplicate", obj({{"id", t("integer")}, {"name", t("string")}, {"type", t("string")},
                               {"stage_id", nullable(t("integer"))}, {"user_id", nullable(t("integer"))},
                               {"team_id", nullable(t("integer"))}, {"partner_name", t("string")},
                               {"contact_name", t("string")}, {"email_from", t("string")},
                               {"expected_revenue", {{"type", "integer"}, {"description", "minor units"}}},
                               {"currency", t("string")}, {"active", t("boolean")}, {"probability", t("number")},
                               {"reason", {{"type", "string"}, {"description", "the first of reasons"}}},
                               {"reasons", array_of({{"type", "string"}, {"enum", {"same_email", "same_email_domain", "same_partner",
                                                                              "same_company_name", "same_contact_name", "same_phone"}}})},
                               {"strict", {{"type", "boolean"}, {"description", "what convert would merge"}}}})},
        {"LeadDuplicates", obj({{"items", array_of(ref("LeadDuplicate"))}}, {"items"})},
        {"ConvertProposal", obj({{"action", {{"type", "string"}, {"enum", {"create", "exist", "nothing"}}}},
                                 {"partner_id", nullable(t("integer"))},
                                 {"partner", nullable(obj({{"id", t("integer")}, {"name", t("string")},
                                                           {"is_company", t("boolean")}, {"email", t("string")}}))},
                                 {"team_id", nullable(t("integer"))}, {"user_id", nullable(t("integer"))},
                                 {"duplicates", array_of(ref("LeadDuplicate"))}})},
        {"LeadConvert", obj({{"version", t("integer")},
                             {"action", {{"type", "string"}, {"enum", {"create", "exist", "nothing"}}}},
                             {"partner_id", nullable(t("integer"))}, {"user_id", nullable(t("integer"))},
                             {"team_id", nullable(t("integer"))}, {"merge_ids", array_of(t("integer"))}},
                            {"version"})},
        {"LeadMerge", obj({{"ids", {{"type", "array"}, {"items", t("integer")}, {"minItems", 2}}},
                           {"target_id", nullable(t("integer"))}},
                          {"ids"})},
        {"LeadBulk", obj({{"ids", {{"type", "array"}, {"items", t("integer")}, {"minItems", 1}, {"maxItems", 5000}}},
                          {"action", {{"type", "string"}, {"enum", {"assign", "add_tag", "set_stage", "lost", "archive",
                                                                    "restore", "delete"}}}},
                          {"user_id", nullable(t("integer"))}, {"team_id", nullable(t("integer"))},
                          {"tag_id", t("integer")}, {"stage_id", t("integer")},
                          {"lost_reason_id", nullable(t("integer"))}, {"note", t("string")}},
                         {"ids", "action"})},
        {"LeadBulkResult", obj({{"updated", t("integer")}, {"ids", array_of(t("integer"))}}, {"updated", "ids"})},
    };
}

}  // namespace tumen::api
