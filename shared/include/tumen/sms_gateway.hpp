// SMS through a configurable HTTP gateway (SPEC F-MAIL, issue 8): the gateway settings and their checks, the
// request rendered from the templates, phone numbers in international form, segment counts, and how a gateway's
// reply is judged. Pure functions: the server sends (net/http_post), the client previews the segment count.
//
// Templates (URL and body) hold {{to}} (E.164 with '+', "+97699112233"), {{to_digits}} (the same without '+'),
// {{text}} and {{sender}}. Values are URL-encoded in the URL; in the body they are escaped for its content type:
// JSON string escaping for application/json (write "{{text}}" inside quotes), URL-encoding for
// application/x-www-form-urlencoded, as is for text/plain. Any other {{...}} is refused when saving.
//
// Success pattern: a plain, case-sensitive SUBSTRING of the reply body (no regex: nothing to get wrong, no
// catastrophic backtracking on a gateway's reply). Empty = any 2xx answer is a success.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tumen/error.hpp"

namespace tumen::sms {

struct GatewayConfig {
    std::string url;                                  // "" = SMS not configured: messages wait in the outbox
    std::string method = "POST";                      // GET | POST
    std::string body;                                 // template, POST only
    std::string content_type = "application/json";   // application/json | application/x-www-form-urlencoded | text/plain
    std::string auth_header;                          // header name ("Authorization", "X-API-Key"); "" = none
    std::string auth_value;                           // write-only: the API never returns it
    std::string success_pattern;                      // substring of a 2xx reply that means "accepted"
    std::string sender;                               // {{sender}}: sender name or number
    std::string country_code = "976";                 // digits prefixed to national numbers ("9911 2233")
    bool operator==(const GatewayConfig&) const = default;
};

inline constexpr std::size_t max_text_bytes = 4000;  // ~ 10 segments of Cyrillic; long texts are a mistake

// Applies the writable keys of `body` (a settings PUT or a test's overrides): url, method, body, content_type,
// auth_header, auth_value (absent or null keeps the saved one, "" removes it), success_pattern, sender,
// country_code. "version" and "auth_value_set" are ignored; any other key is an error naming it.
FieldErrors apply_settings(GatewayConfig& config, const nlohmann::json& body);
// Field checks of a whole config (url http/https, method, content type, known placeholders, {{to}} and {{text}}
// used somewhere, header name a token). An empty url is valid (not configured) only when `allow_empty`.
FieldErrors validate(const GatewayConfig& config, bool allow_empty = true);
// The config as the API shows it: every field but auth_value, plus "auth_value_set".
nlohmann::json settings_json(const GatewayConfig& config);

// "+976 9911-2233" -> "+97699112233"; "99112233" with country "976" -> "+97699112233"; "0097699112233" ->
// "+97699112233". nullopt when it is not a phone number (is_valid_phone) or has not 8 to 15 digits at the end.
std::optional<std::string> to_e164(std::string_view phone, std::string_view country_code);

struct Segments {
    bool unicode = false;  // UCS-2 (any character outside GSM 03.38, e.g. Cyrillic) else GSM-7
    int units = 0;         // septets (GSM-7, extension characters count 2) or UTF-16 code units
    int segments = 0;      // 0 for an empty text
    int per_segment = 0;   // 160/153 (GSM-7) or 70/67 (UCS-2), for the current count
    int remaining = 0;     // units left in the last segment
};
Segments count_segments(std::string_view utf8_text);

// Percent-encoding of every byte but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string url_encode(std::string_view s);
// The inside of a JSON string literal (no quotes).
std::string json_escape(std::string_view s);

struct Message {
    std::string to;  // E.164
    std::string text;
};

struct RenderedRequest {
    std::string method;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};
RenderedRequest render(const GatewayConfig& config, const Message& message);

enum class Verdict { sent, retry, failed };
// 2xx with the pattern found (or no pattern) = sent; 2xx without it = failed (the gateway refused in its own
// words); 408, 425, 429 and 5xx = retry; other statuses = failed. A reply never arrived (transport error) = retry.
Verdict judge_reply(const GatewayConfig& config, bool transport_ok, long status, std::string_view body);

// Retries use e-mail's schedule (tumen::mail::retry_delay_s in mail_outgoing.hpp).

// POST /leads/{id}/sms: {"text", "to"?}. `to` "" or absent = the lead's mobile, else its phone (server side).
struct ComposeInput {
    std::string text;
    std::string to;
};
Result<ComposeInput> compose_input_from_json(const nlohmann::json& body);

}  // namespace tumen::sms
