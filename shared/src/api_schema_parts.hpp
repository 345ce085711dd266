// Internal: the JSON Schemas of each API area, merged by schemas() in api_schemas.cpp, and the small schema
// builders every area uses (one definition, so each area file holds only its own shapes).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace tumen::api {

namespace schema {
using nlohmann::json;
inline json t(const char* type) { return {{"type", type}}; }
inline json described(const char* type, const char* text) { return {{"type", type}, {"description", text}}; }
inline json nullable(json s) { s["nullable"] = true; return s; }
inline json date() { return {{"type", "string"}, {"format", "date"}}; }
inline json date_time() { return {{"type", "string"}, {"format", "date-time"}}; }
inline json ref(const char* name) { return {{"$ref", std::string("#/components/schemas/") + name}}; }
inline json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
inline json enum_of(json values) { return {{"type", "string"}, {"enum", std::move(values)}}; }
inline json obj(json properties, json required = json::array()) {
    json o = {{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) o["required"] = std::move(required);
    return o;
}
}  // namespace schema

nlohmann::json crm_schemas();  // leads, contacts, stages, teams, tags, chatter (api_schemas_crm.cpp)
nlohmann::json io_schemas();  // imports, exports, attachments, backups (api_schemas_io.cpp)
nlohmann::json reference_schemas();  // contacts, stages, teams, lost reasons, tags, categories, UTM (api_schemas_reference.cpp)
nlohmann::json webhook_schemas();  // outgoing webhooks: hooks, deliveries (api_schemas_webhooks.cpp)
nlohmann::json mail_schemas();  // e-mail: compose, outbox, settings, templates (api_schemas_mail.cpp)
nlohmann::json web_form_schemas();  // the website contact form: submission, settings (api_schemas_web_form.cpp)
nlohmann::json sms_schemas();  // SMS: compose, delivery state, gateway settings, outbox (api_schemas_sms.cpp)
nlohmann::json jobs_schemas();  // job runner and lead scoring rules (api_schemas_jobs.cpp)
nlohmann::json predictive_schemas();  // predictive scoring and assignment (api_schemas_predictive.cpp)
nlohmann::json quotation_schemas();  // products, quotations, orders (api_schemas_quotations.cpp)
nlohmann::json activity_schemas();  // activity types, activities, my activities (api_schemas_activities.cpp)
nlohmann::json meeting_schemas();  // meetings, the calendar range, the iCalendar feed (api_schemas_meetings.cpp)

}  // namespace tumen::api
