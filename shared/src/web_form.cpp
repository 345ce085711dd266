#include "tumen/web_form.hpp"

#include <algorithm>
#include <cctype>

#include "tumen/email_phone.hpp"
#include "tumen/utf8.hpp"

namespace tumen::web_form {

namespace {

using nlohmann::json;

std::string trim(std::string_view s) {
    const auto* ws = " \t\r\n\v\f";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

// Control characters other than line breaks and tabs have no business in a lead (and break CSV exports).
std::string without_controls(std::string_view s, bool keep_lines) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\r') continue;
        if (c < 0x20 || c == 0x7F) {
            if (keep_lines && (c == '\n' || c == '\t')) out += ch;
            else if (c == '\n' || c == '\t') out += ' ';
            continue;
        }
        out += ch;
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool is_http_url(std::string_view u) {
    const std::string l = lower(std::string(u.substr(0, 8)));
    return (l.rfind("http://", 0) == 0 && u.size() > 7) || (l.rfind("https://", 0) == 0 && u.size() > 8);
}

}  // namespace

const std::vector<FieldLimit>& field_limits() {
    static const std::vector<FieldLimit> limits = {
        {"name", 200},     {"email", 254},        {"phone", 40},         {"company", 200},
        {"subject", 300},  {"message", 8000},     {"lang", 8},           {"utm_source", 200},
        {"utm_medium", 200}, {"utm_campaign", 200}, {honeypot_field, 2000},
    };
    return limits;
}

Result<Submission> parse(const std::map<std::string, std::string>& fields) {
    std::size_t total = 0;
    for (const auto& [k, v] : fields) total += k.size() + v.size();
    if (total > max_total_bytes)
        return Error::make(ErrorCode::payload_too_large,
                           "The form is too large (at most " + std::to_string(max_total_bytes) + " bytes)");
    Submission s;
    const auto get = [&](std::string_view k) {
        auto it = fields.find(std::string(k));
        return it == fields.end() ? std::string() : it->second;
    };
    if (!trim(get(honeypot_field)).empty()) {
        s.spam = true;
        return s;
    }
    FieldErrors fe;
    for (const auto& l : field_limits()) {
        const std::string v = get(l.field);
        if (!utf8::is_valid(v)) fe.add(std::string(l.field), "is not valid UTF-8 text", "error.invalid");
        else if (v.size() > l.max_bytes)
            fe.add(std::string(l.field), "is too long (at most " + std::to_string(l.max_bytes) + " bytes)", "error.too_long");
    }
    if (!fe.empty()) return fe.to_error();
    const auto text = [&](std::string_view k) { return trim(without_controls(get(k), false)); };
    s.name = text("name");
    s.email = text("email");
    s.phone = text("phone");
    s.company = text("company");
    s.subject = text("subject");
    s.message = trim(without_controls(get("message"), true));
    s.utm_source = text("utm_source");
    s.utm_medium = text("utm_medium");
    s.utm_campaign = text("utm_campaign");
    const std::string lang = lower(text("lang"));
    s.lang = lang == "mn" || lang == "en" ? lang : "";
    if (!s.email.empty() && !is_valid_email(s.email))
        fe.add("email", "is not a valid e-mail address", "web_form.error.email");
    if (!s.phone.empty() && !is_valid_phone(s.phone))
        fe.add("phone", "is not a valid phone number", "web_form.error.phone");
    if (s.email.empty() && s.phone.empty())
        fe.add("email", "give an e-mail address or a phone number", "web_form.error.contact_needed");
    if (!fe.empty()) return fe.to_error();
    return s;
}

Result<Submission> parse_json(const json& body) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    std::map<std::string, std::string> fields;
    FieldErrors fe;
    for (const auto& [k, v] : body.items()) {
        if (v.is_string()) fields[k] = v.get<std::string>();
        else if (v.is_null()) continue;
        else fe.add(k, "must be text", "error.invalid");
    }
    if (!fe.empty()) return fe.to_error();
    return parse(fields);
}

std::string lead_name(const Submission& s) {
    std::string name = s.subject;
    if (name.empty()) {
        std::string who = !s.name.empty() ? s.name : !s.company.empty() ? s.company : !s.email.empty() ? s.email : s.phone;
        name = "Website: " + who;
    }
    return std::string(utf8::truncate(name, 300));  // the leads table's limit
}

json lead_body(const Submission& s) {
    json b = {{"name", lead_name(s)}, {"contact_name", s.name}, {"partner_name", s.company}, {"email", s.email},
              {"phone", s.phone},     {"description", s.message}};
    if (!s.lang.empty()) b["lang"] = s.lang;
    return b;
}

std::string normalize_origin(std::string_view text) {
    std::string t = lower(trim(text));
    while (!t.empty() && t.back() == '/') t.pop_back();
    std::size_t start;
    if (t.rfind("https://", 0) == 0) start = 8;
    else if (t.rfind("http://", 0) == 0) start = 7;
    else return {};
    const std::string host = t.substr(start);
    if (host.empty()) return {};
    for (char c : host)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
            return {};  // a path, query, userinfo or space: not an origin
    return t;
}

bool origin_allowed(const Settings& s, std::string_view origin) {
    const std::string o = normalize_origin(origin);
    if (o.empty()) return false;
    return std::find(s.allowed_origins.begin(), s.allowed_origins.end(), o) != s.allowed_origins.end();
}

FieldErrors apply_settings(Settings& s, const json& body) {
    FieldErrors fe;
    if (!body.is_object()) {
        fe.add("body", "must be a JSON object", "error.invalid");
        return fe;
    }
    const auto optional_id = [&](const char* k, std::optional<int64_t>& out) {
        const auto& v = body[k];
        if (v.is_null()) out.reset();
        else if (v.is_number_integer() && v.get<int64_t>() > 0) out = v.get<int64_t>();
        else fe.add(k, "must be an id or null", "error.invalid");
    };
    for (const auto& [k, v] : body.items()) {
        if (k == "version" || k == "channel" || k == "snippet" || k == "form_url" || k == "spam_last_30_days" ||
            k == "throttled_last_30_days")
            continue;  // read-only parts of the GET reply, sent back as they were
        if (k == "enabled") {
            if (v.is_boolean()) s.enabled = v.get<bool>();
            else fe.add(k, "must be true or false", "error.invalid");
        } else if (k == "team_id") {
            optional_id("team_id", s.team_id);
        } else if (k == "user_id") {
            optional_id("user_id", s.user_id);
        } else if (k == "thank_you_url") {
            if (v.is_string()) s.thank_you_url = trim(v.get<std::string>());
            else fe.add(k, "must be text", "error.invalid");
        } else if (k == "rate_limit_per_hour") {
            if (v.is_number_integer()) s.rate_limit_per_hour = static_cast<int>(std::clamp<int64_t>(v.get<int64_t>(), -1, 1000000));
            else fe.add(k, "must be a whole number", "error.invalid");
        } else if (k == "allowed_origins") {
            std::vector<std::string> raw;
            if (v.is_array()) {
                for (const auto& item : v) {
                    if (item.is_string()) raw.push_back(item.get<std::string>());
                    else fe.add(k, "must be a list of texts", "error.invalid");
                }
            } else if (v.is_string()) {
                std::string cur;
                for (char c : v.get<std::string>()) {
                    if (c == '\n' || c == ',' || c == ' ' || c == '\r' || c == '\t') {
                        raw.push_back(cur);
                        cur.clear();
                    } else {
                        cur += c;
                    }
                }
                raw.push_back(cur);
            } else {
                fe.add(k, "must be a list of origins", "error.invalid");
            }
            s.allowed_origins.clear();
            for (const auto& r : raw) {
                if (trim(r).empty()) continue;
                const std::string o = normalize_origin(r);
                if (o.empty()) {
                    fe.add(k, "\"" + trim(r) + "\" is not an origin like https://www.example.mn", "error.web_form_origin");
                    continue;
                }
                if (std::find(s.allowed_origins.begin(), s.allowed_origins.end(), o) == s.allowed_origins.end())
                    s.allowed_origins.push_back(o);
            }
        } else {
            fe.add(k, "is not a setting of the contact form", "error.unknown_field");
        }
    }
    return fe;
}

FieldErrors validate(const Settings& s) {
    FieldErrors fe;
    if (!s.thank_you_url.empty() && !(s.thank_you_url[0] == '/' || is_http_url(s.thank_you_url)))
        fe.add("thank_you_url", "must start with http://, https:// or /", "error.web_form_thank_you_url");
    if (s.thank_you_url.size() > 2000) fe.add("thank_you_url", "is too long", "error.too_long");
    if (s.thank_you_url.find_first_of("\r\n") != std::string::npos)
        fe.add("thank_you_url", "must be one line", "error.invalid");
    if (s.rate_limit_per_hour < 1 || s.rate_limit_per_hour > 10000)
        fe.add("rate_limit_per_hour", "must be between 1 and 10000", "error.range");
    if (s.allowed_origins.size() > 50) fe.add("allowed_origins", "at most 50 origins", "error.too_long");
    if (s.enabled && !s.team_id) fe.add("team_id", "choose the team new leads go to", "error.web_form_team_needed");
    return fe;
}

json settings_json(const Settings& s) {
    return {{"enabled", s.enabled},
            {"team_id", s.team_id ? json(*s.team_id) : json()},
            {"user_id", s.user_id ? json(*s.user_id) : json()},
            {"allowed_origins", s.allowed_origins},
            {"thank_you_url", s.thank_you_url},
            {"rate_limit_per_hour", s.rate_limit_per_hour},
            {"version", s.version}};
}

Settings settings_from_json(const json& j) {
    Settings s;
    if (!j.is_object()) return s;
    if (j.contains("enabled") && j["enabled"].is_boolean()) s.enabled = j["enabled"].get<bool>();
    if (j.contains("team_id") && j["team_id"].is_number_integer()) s.team_id = j["team_id"].get<int64_t>();
    if (j.contains("user_id") && j["user_id"].is_number_integer()) s.user_id = j["user_id"].get<int64_t>();
    if (j.contains("allowed_origins") && j["allowed_origins"].is_array())
        for (const auto& o : j["allowed_origins"])
            if (o.is_string()) s.allowed_origins.push_back(o.get<std::string>());
    if (j.contains("thank_you_url") && j["thank_you_url"].is_string()) s.thank_you_url = j["thank_you_url"].get<std::string>();
    if (j.contains("rate_limit_per_hour") && j["rate_limit_per_hour"].is_number_integer())
        s.rate_limit_per_hour = j["rate_limit_per_hour"].get<int>();
    if (j.contains("version") && j["version"].is_number_integer()) s.version = j["version"].get<int64_t>();
    return s;
}

std::string embed_snippet(std::string_view base_url) {
    std::string base(base_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string action = base + "/api/v1/public/contact";
    return "<form class=\"tumen-contact\" method=\"post\" action=\"" + action + "\" accept-charset=\"utf-8\">\n"
           "  <input name=\"name\" placeholder=\"Name\" maxlength=\"100\">\n"
           "  <input name=\"email\" type=\"email\" placeholder=\"E-mail\">\n"
           "  <input name=\"phone\" type=\"tel\" placeholder=\"Phone\">\n"
           "  <input name=\"company\" placeholder=\"Company\">\n"
           "  <input name=\"subject\" placeholder=\"Subject\">\n"
           "  <textarea name=\"message\" placeholder=\"Message\"></textarea>\n"
           "  <input name=\"website\" tabindex=\"-1\" autocomplete=\"off\" style=\"position:absolute;left:-9999px\" aria-hidden=\"true\">\n"
           "  <button type=\"submit\">Send</button>\n"
           "</form>\n"
           "<script src=\"" + base + "/contact/contact.js\" defer></script>\n";
}

}  // namespace tumen::web_form
