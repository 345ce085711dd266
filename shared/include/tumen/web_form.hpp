// The website contact form (web-to-lead, SPEC F-MAIL, issue 8): what a visitor may submit, how it becomes a lead,
// and the form's settings. Pure functions: the server takes the submission (POST /api/v1/public/contact), the
// client edits the settings and shows the embed snippet.
//
// Submission fields: name, email, phone, company, subject, message, lang, utm_source, utm_medium, utm_campaign,
// and the honeypot `website` (hidden from people; a bot that fills it is answered as if it succeeded, and nothing is
// created). Unknown fields are ignored: sites add their own hidden inputs.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"

namespace tumen::web_form {

inline constexpr std::string_view honeypot_field = "website";
inline constexpr std::size_t max_total_bytes = 16 * 1024;  // the whole submission; above it: 413

// Bytes per field (UTF-8): Cyrillic takes two bytes a letter, so 200 bytes is ~100 letters of a name.
struct FieldLimit {
    std::string_view field;
    std::size_t max_bytes;
};
const std::vector<FieldLimit>& field_limits();

struct Submission {
    std::string name, email, phone, company, subject, message;
    std::string lang;  // "mn" | "en" | "": the thank-you page's language
    std::string utm_source, utm_medium, utm_campaign;
    bool spam = false;  // the honeypot was filled
};

// Flat text fields (a form post's parameters, or a JSON object's string values) -> a checked submission.
// 422 naming every bad field: too long, not UTF-8, a bad e-mail or phone, neither e-mail nor phone (named
// "email"); 413 when the fields together exceed max_total_bytes. A filled honeypot gives spam=true and skips
// the other checks (a bot learns nothing from the answer).
Result<Submission> parse(const std::map<std::string, std::string>& fields);
// The same from a JSON object: string values only (numbers and null are refused naming the field).
Result<Submission> parse_json(const nlohmann::json& body);

// The lead a submission becomes: name = subject, or "Website: <name>" (company, e-mail or phone when no name),
// contact_name, partner_name (company), email, phone, description (the message). The server adds team,
// salesperson, source "Website" and the utm medium/campaign it finds by name.
nlohmann::json lead_body(const Submission& s);
std::string lead_name(const Submission& s);
inline constexpr std::string_view source_name = "Website";

struct Settings {
    bool enabled = false;
    std::optional<int64_t> team_id;   // the team new leads go to (its first stage)
    std::optional<int64_t> user_id;   // the salesperson; none = unassigned
    std::vector<std::string> allowed_origins;  // "https://www.example.mn": sites whose pages may post with JavaScript
    std::string thank_you_url;        // "" = the built-in /contact/thanks page
    int rate_limit_per_hour = 10;     // submissions per client address per hour
    int64_t version = 1;
    bool operator==(const Settings&) const = default;
};

// Applies the writable keys of a PUT body (enabled, team_id, user_id, allowed_origins (array or one text, one
// origin a line or comma separated), thank_you_url, rate_limit_per_hour); "version" is ignored here. Unknown keys
// are an error naming them. The result is checked by validate().
FieldErrors apply_settings(Settings& s, const nlohmann::json& body);
// Origins are scheme://host[:port] with http or https and nothing after; thank_you_url is http(s) or a path
// starting with '/'; rate limit 1..10000.
FieldErrors validate(const Settings& s);
nlohmann::json settings_json(const Settings& s);
Settings settings_from_json(const nlohmann::json& j);  // the inverse of settings_json (client, storage)

// "HTTPS://Shop.Example.mn:443/" -> "https://shop.example.mn:443"; "" when it is not an origin.
std::string normalize_origin(std::string_view text);
bool origin_allowed(const Settings& s, std::string_view origin);

// What a site owner pastes into a page: a plain form posting to `base_url` + /api/v1/public/contact (works
// without JavaScript) and the script that turns it into a fetch with inline errors. base_url like
// "https://crm.example.mn" (a trailing '/' is dropped).
std::string embed_snippet(std::string_view base_url);

}  // namespace tumen::web_form
