// JSON Schemas of the API's bodies, referenced by name from the endpoint table.
#include "api_schema_parts.hpp"
#include "tumen/api.hpp"

namespace tumen::api {

namespace {
// Short builders for the account and security schemas.
using namespace schema;
json str() { return {{"type", "string"}}; }
json integer() { return {{"type", "integer"}}; }
json boolean() { return {{"type", "boolean"}}; }
json ids() { return {{"type", "array"}, {"items", integer()}}; }
json list_of(const char* schema) {
    return obj({{"items", {{"type", "array"}, {"items", {{"$ref", std::string("#/components/schemas/") + schema}}}}}}, {"items"});
}

// Schemas of other areas live in their own files (api_schemas_*.cpp) and are merged in here.
json with_parts(json own) {
    own.update(crm_schemas());
    own.update(reference_schemas());
    own.update(io_schemas());
    own.update(jobs_schemas());
    own.update(predictive_schemas());
    own.update(mail_schemas());
    own.update(webhook_schemas());
    own.update(sms_schemas());
    own.update(web_form_schemas());
    own.update(meeting_schemas());
    own.update(activity_schemas());
    own.update(quotation_schemas());
    return own;
}
}  // namespace

const nlohmann::json& schemas() {
    using nlohmann::json;
    static const json all = with_parts({
        {"Error",
         {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"message", {{"type", "string"}}},
                {"field", {{"type", "string"}, {"nullable", true}}},
                {"position", {{"type", "integer"}}},
                {"details", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}}}}}},
        {"Health",
         {{"type", "object"},
          {"properties",
           {{"status", {{"type", "string"}}}, {"version", {{"type", "string"}}},
            {"database", {{"type", "object"}}}}}}},
        {"LoginRequest",
         {{"type", "object"},
          {"required", {"login", "password"}},
          {"properties", {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}}},
        {"Session",
         {{"type", "object"},
          {"properties",
           {{"user", {{"type", "object"}}}, {"csrf_token", {{"type", "string"}}},
            // Instead of user and csrf_token when the user has TOTP: send the code to /session/totp.
            {"totp_required", {{"type", "boolean"}}}, {"challenge", {{"type", "string"}}}}}}},
        // ---- accounts, sessions, second factor, users, API keys, kiosk tokens, sign-in locks (issue 4)
        {"TotpLoginRequest", obj({{"challenge", str()}, {"code", str()}, {"recovery_code", str()}}, {"challenge"})},
        {"SessionInfo", obj({{"id", integer()}, {"current", boolean()}, {"created_at", str()}, {"last_seen_at", str()},
                             {"expires_at", str()}, {"client_addr", str()}, {"user_agent", str()}})},
        {"SessionList", list_of("SessionInfo")},
        {"RevokeAllRequest", obj({{"keep_current", boolean()}})},
        {"RevokeAllResult", obj({{"ended", integer()}})},
        {"User", obj({{"id", integer()}, {"login", str()}, {"name", str()}, {"email", str()},
                      {"role", {{"type", "string"}, {"enum", {"admin", "manager", "sales_all", "sales_own", "portal"}}}},
                      {"lang", {{"type", "string"}, {"enum", {"en", "mn"}}}}, {"tz", str()}, {"active", boolean()},
                      {"totp_enabled", boolean()}, {"team_ids", ids()}, {"partner_id", nullable(integer())},
                      {"created_at", str()}})},
        {"UserList", list_of("User")},
        {"UserCreate", obj({{"login", str()}, {"name", str()}, {"email", str()}, {"role", str()}, {"lang", str()},
                            {"tz", str()}, {"active", boolean()}, {"password", str()}, {"team_ids", ids()},
                            {"partner_id", nullable(integer())}},
                           {"login", "name", "role", "password"})},
        {"UserUpdate", obj({{"login", str()}, {"name", str()}, {"email", str()}, {"role", str()}, {"lang", str()},
                            {"tz", str()}, {"active", boolean()}, {"team_ids", ids()}, {"partner_id", nullable(integer())}})},
        {"UserDirectory", obj({{"items", {{"type", "array"},
                                          {"items", obj({{"id", integer()}, {"login", str()}, {"name", str()},
                                                         {"role", str()}, {"active", boolean()}})}}}})},
        {"PasswordSet", obj({{"password", str()}}, {"password"})},
        {"Account", obj({{"id", integer()}, {"login", str()}, {"name", str()}, {"email", str()}, {"role", str()},
                         {"lang", str()}, {"tz", str()}, {"team_ids", ids()}, {"totp_enabled", boolean()},
                         {"recovery_codes_left", integer()}, {"activity_digest", boolean()}})},
        {"AccountUpdate", obj({{"lang", str()}, {"tz", str()}, {"activity_digest", boolean()}})},
        {"PasswordChange", obj({{"old_password", str()}, {"new_password", str()}}, {"old_password", "new_password"})},
        {"PasswordConfirm", obj({{"password", str()}}, {"password"})},
        {"TotpSetup", obj({{"secret", str()}, {"otpauth_uri", str()}})},
        {"TotpCode", obj({{"code", str()}}, {"code"})},
        {"RecoveryCodes", obj({{"recovery_codes", {{"type", "array"}, {"items", str()}}}})},
        {"ApiKey", obj({{"id", integer()}, {"user_id", integer()}, {"user_login", str()}, {"name", str()},
                        {"prefix", str()}, {"read_only", boolean()}, {"created_at", str()},
                        {"last_used_at", nullable(str())}, {"expires_at", nullable(str())}, {"expired", boolean()}})},
        {"ApiKeyList", list_of("ApiKey")},
        {"ApiKeyCreate", obj({{"name", str()}, {"read_only", boolean()}, {"expires_in_days", integer()}}, {"name"})},
        {"ApiKeyCreated", obj({{"id", integer()}, {"key", str()}, {"expires_at", nullable(str())}})},
        {"KioskToken", obj({{"id", integer()}, {"name", str()}, {"prefix", str()}, {"team_ids", ids()},
                            {"leaderboard", boolean()}, {"created_by", nullable(integer())}, {"created_at", str()},
                            {"last_used_at", nullable(str())}})},
        {"KioskTokenList", list_of("KioskToken")},
        {"KioskTokenCreate", obj({{"name", str()}, {"team_ids", ids()}, {"leaderboard", boolean()}}, {"name", "team_ids"})},
        {"KioskTokenCreated", obj({{"id", integer()}, {"token", str()}})},
        {"Kiosk", obj({{"id", integer()}, {"name", str()}, {"team_ids", ids()}, {"leaderboard", boolean()}})},
        {"Lock", obj({{"kind", {{"type", "string"}, {"enum", {"account", "address"}}}}, {"key", str()},
                      {"failures", integer()}, {"locks", integer()}, {"locked", boolean()},
                      {"locked_until", nullable(str())}, {"last_failure_at", nullable(str())}})},
        {"LockList", list_of("Lock")},
        {"UnlockRequest", obj({{"kind", {{"type", "string"}, {"enum", {"account", "address"}}}}, {"key", str()}},
                              {"kind", "key"})},
        {"SecurityEvent", obj({{"id", integer()}, {"at", str()}, {"kind", str()}, {"user_id", nullable(integer())},
                               {"login", str()}, {"actor_id", nullable(integer())}, {"client_addr", str()},
                               {"detail", str()}})},
        {"SecurityEventList", obj({{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/SecurityEvent"}}}}},
                                   {"next_before_id", nullable(integer())}})},
    });
    return all;
}

}  // namespace tumen::api
