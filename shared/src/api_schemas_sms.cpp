// JSON Schemas of SMS: compose from a lead, a message's delivery state, the gateway settings, the outbox.
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;
json sms_states() { return enum_of({"queued", "sending", "sent", "failed"}); }
}  // namespace

json sms_schemas() {
    json fields = {
        {"url", described("string", "gateway URL template with {{to}}, {{to_digits}}, {{text}}, {{sender}} (URL-encoded); empty = SMS wait in the outbox")},
        {"method", enum_of({"GET", "POST"})},
        {"body", described("string", "POST body template, escaped for the content type")},
        {"content_type", enum_of({"application/json", "application/x-www-form-urlencoded", "text/plain"})},
        {"auth_header", described("string", "header name for the gateway's key, e.g. Authorization; empty = none")},
        {"success_pattern", described("string", "a 2xx reply must contain this text (plain substring); empty = any 2xx")},
        {"sender", described("string", "{{sender}}")},
        {"country_code", described("string", "digits put before national numbers, e.g. 976")},
    };
    json settings = obj(fields);
    settings["properties"]["auth_value_set"] = described("boolean", "a header value is saved (it is never sent back)");
    settings["properties"]["version"] = t("integer");
    settings["properties"]["channel"] = described("object", "the sms channel: counters, state, last error");
    json settings_in = obj(fields, {"version"});
    settings_in["properties"]["auth_value"] = described("string", "absent or null keeps the saved one; \"\" removes it");
    settings_in["properties"]["version"] = t("integer");
    json test_in = obj(fields, {"to"});
    test_in["properties"]["auth_value"] = described("string", "absent = the saved one");
    test_in["properties"]["to"] = described("string", "the phone number to send the test SMS to");
    test_in["properties"]["text"] = described("string", "default: a short test text");
    json row = obj({{"id", t("integer")},
                    {"lead_id", nullable(t("integer"))},
                    {"message_id", nullable(t("integer"))},
                    {"to", described("string", "E.164")},
                    {"body", t("string")},
                    {"state", sms_states()},
                    {"attempts", t("integer")},
                    {"next_attempt_at", nullable(date_time())},
                    {"last_error", described("string", "the gateway's answer or the transport error")},
                    {"gateway_status", described("integer", "HTTP status of the last answer, 0 = none")},
                    {"created_at", date_time()},
                    {"sent_at", nullable(date_time())},
                    {"created_by", nullable(t("integer"))}},
                   {"id", "to", "body", "state", "attempts", "last_error"});
    return {
        {"SmsCompose", obj({{"text", t("string")},
                            {"to", described("string", "phone number; empty = the lead's mobile, else its phone")}},
                           {"text"})},
        {"SmsDelivery", obj({{"id", t("integer")}, {"state", sms_states()}, {"to", t("string")},
                             {"last_error", t("string")}, {"gateway_status", t("integer")},
                             {"sent_at", nullable(date_time())}},
                            {"id", "state", "to", "last_error"})},
        {"SmsSettings", settings},
        {"SmsSettingsInput", settings_in},
        {"SmsTestInput", test_in},
        {"SmsTestResult", obj({{"ok", t("boolean")}, {"status", described("integer", "HTTP status, 0 = no answer")},
                               {"reply", described("string", "the gateway's answer (clipped) or the transport error")},
                               {"request_url", described("string", "the URL called (secrets are in headers, never here)")}},
                              {"ok", "status", "reply"})},
        {"SmsOutboxRow", row},
        {"SmsOutboxList", obj({{"items", array_of(ref("SmsOutboxRow"))}, {"total", t("integer")}}, {"items", "total"})},
    };
}

}  // namespace tumen::api
