#include "tumen/sms_gateway.hpp"

#include <algorithm>
#include <cctype>

#include "tumen/email_phone.hpp"
#include "tumen/utf8.hpp"

namespace tumen::sms {

namespace {

using nlohmann::json;

constexpr std::string_view placeholders[] = {"to", "to_digits", "text", "sender"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// GSM 03.38 basic character set (one septet each) and its extension table (escape + one septet).
constexpr std::u32string_view gsm_basic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr std::u32string_view gsm_extension = U"^{}\\[~]|€\f";

// Each {{name}} of a template, in order; `bad` gets the first malformed or unknown one.
std::vector<std::string> placeholders_of(std::string_view t, std::string& bad) {
    std::vector<std::string> out;
    for (std::size_t i = t.find("{{"); i != std::string_view::npos; i = t.find("{{", i + 2)) {
        const auto end = t.find("}}", i + 2);
        if (end == std::string_view::npos) {
            if (bad.empty()) bad = std::string(t.substr(i, 20));
            break;
        }
        std::string name(t.substr(i + 2, end - i - 2));
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (std::find(std::begin(placeholders), std::end(placeholders), name) == std::end(placeholders) && bad.empty())
            bad = "{{" + name + "}}";
        out.push_back(name);
    }
    return out;
}

std::string substitute(std::string_view t, const std::vector<std::pair<std::string, std::string>>& values) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto i = t.find("{{", pos);
        const auto end = i == std::string_view::npos ? i : t.find("}}", i + 2);
        if (end == std::string_view::npos) {
            out.append(t.substr(pos));
            return out;
        }
        out.append(t.substr(pos, i - pos));
        std::string name(t.substr(i + 2, end - i - 2));
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        bool found = false;
        for (const auto& [k, v] : values)
            if (k == name) {
                out += v;
                found = true;
            }
        if (!found) out.append(t.substr(i, end + 2 - i));
        pos = end + 2;
    }
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos))
            return false;
    return true;
}

}  // namespace

FieldErrors apply_settings(GatewayConfig& g, const json& body) {
    FieldErrors fe;
    if (!body.is_object()) {
        fe.add("", "must be a JSON object", "error.type");
        return fe;
    }
    for (const auto& [key, v] : body.items()) {
        if (key == "version" || key == "auth_value_set") continue;
        std::string* target = nullptr;
        std::size_t max = 500;
        if (key == "url") target = &g.url, max = 2000;
        else if (key == "method") target = &g.method, max = 10;
        else if (key == "body") target = &g.body, max = 4000;
        else if (key == "content_type") target = &g.content_type, max = 100;
        else if (key == "auth_header") target = &g.auth_header, max = 100;
        else if (key == "auth_value") target = &g.auth_value, max = 2000;
        else if (key == "success_pattern") target = &g.success_pattern, max = 200;
        else if (key == "sender") target = &g.sender, max = 50;
        else if (key == "country_code") target = &g.country_code, max = 4;
        if (!target) {
            fe.add(key, "is not a field", "error.unknown_field");
            continue;
        }
        if (key == "auth_value" && v.is_null()) continue;  // keeps the saved one
        if (!v.is_string()) {
            fe.add(key, "must be text", "error.type");
            continue;
        }
        if (v.get_ref<const std::string&>().size() > max) {
            fe.add(key, "is too long", "error.too_long");
            continue;
        }
        *target = v.get<std::string>();
    }
    return fe;
}

FieldErrors validate(const GatewayConfig& g, bool allow_empty) {
    FieldErrors fe;
    if (g.url.empty()) {
        if (!allow_empty) fe.add("url", "is required", "error.required");
    } else if (!(g.url.starts_with("http://") || g.url.starts_with("https://")) || g.url.size() <= 8 ||
               g.url.find_first_of(" \r\n\t") != std::string::npos) {
        fe.add("url", "must be an http:// or https:// address", "error.url");
    }
    if (g.method != "GET" && g.method != "POST") fe.add("method", "must be one of: GET, POST", "error.enum");
    if (g.content_type != "application/json" && g.content_type != "application/x-www-form-urlencoded" &&
        g.content_type != "text/plain")
        fe.add("content_type", "must be one of: application/json, application/x-www-form-urlencoded, text/plain",
               "error.enum");
    if (!g.auth_header.empty() && !is_token(g.auth_header)) fe.add("auth_header", "must be a header name", "error.invalid");
    if (g.auth_value.find_first_of("\r\n") != std::string::npos) fe.add("auth_value", "must be one line", "error.invalid");
    for (char c : g.country_code)
        if (!is_digit(c)) {
            fe.add("country_code", "must be digits, e.g. 976", "error.invalid");
            break;
        }
    std::string bad_url, bad_body;
    const auto in_url = placeholders_of(g.url, bad_url);
    const auto in_body = g.method == "POST" ? placeholders_of(g.body, bad_body) : std::vector<std::string>{};
    if (!bad_url.empty()) fe.add("url", "unknown placeholder " + bad_url + " (known: {{to}}, {{to_digits}}, {{text}}, {{sender}})", "error.placeholder");
    if (!bad_body.empty()) fe.add("body", "unknown placeholder " + bad_body + " (known: {{to}}, {{to_digits}}, {{text}}, {{sender}})", "error.placeholder");
    if (!g.url.empty() && bad_url.empty() && bad_body.empty()) {
        const auto uses = [&](std::string_view a, std::string_view b) {
            for (const auto* list : {&in_url, &in_body})
                for (const auto& n : *list)
                    if (n == a || n == b) return true;
            return false;
        };
        const char* where = g.method == "POST" ? "body" : "url";
        if (!uses("to", "to_digits")) fe.add(where, "must hold {{to}} or {{to_digits}}", "error.required");
        if (!uses("text", "text")) fe.add(where, "must hold {{text}}", "error.required");
    }
    return fe;
}

json settings_json(const GatewayConfig& g) {
    return {{"url", g.url},
            {"method", g.method},
            {"body", g.body},
            {"content_type", g.content_type},
            {"auth_header", g.auth_header},
            {"auth_value_set", !g.auth_value.empty()},
            {"success_pattern", g.success_pattern},
            {"sender", g.sender},
            {"country_code", g.country_code}};
}

std::optional<std::string> to_e164(std::string_view phone, std::string_view country_code) {
    if (!is_valid_phone(phone)) return std::nullopt;
    std::string n = normalize_phone(phone);  // digits, '+' kept first
    std::string digits;
    if (!n.empty() && n.front() == '+') digits = n.substr(1);
    else if (n.starts_with("00")) digits = n.substr(2);
    else {
        // A national number: the country code goes first (one trunk '0' dropped, as in "0 30 1234567").
        std::string national = n;
        if (national.size() > 1 && national.front() == '0') national.erase(0, 1);
        digits = std::string(country_code) + national;
    }
    if (digits.size() < 8 || digits.size() > 15 || digits.front() == '0') return std::nullopt;
    return "+" + digits;
}

Segments count_segments(std::string_view text) {
    Segments s;
    int septets = 0, utf16 = 0;
    bool gsm = true;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::decode(text, i);
        utf16 += cp > 0xFFFF ? 2 : 1;
        if (gsm_basic.find(cp) != std::u32string_view::npos) septets += 1;
        else if (gsm_extension.find(cp) != std::u32string_view::npos) septets += 2;
        else gsm = false;
    }
    s.unicode = !gsm;
    s.units = gsm ? septets : utf16;
    const int single = gsm ? 160 : 70, multi = gsm ? 153 : 67;
    if (s.units == 0) {
        s.per_segment = single;
        s.remaining = single;
        return s;
    }
    if (s.units <= single) {
        s.segments = 1;
        s.per_segment = single;
    } else {
        s.segments = (s.units + multi - 1) / multi;
        s.per_segment = multi;
    }
    s.remaining = s.segments * s.per_segment - s.units;
    return s;
}

std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() * 3);
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string json_escape(std::string_view s) {
    const std::string quoted = json(std::string(s)).dump();  // UTF-8 kept as is, controls as \n or \u00XX
    return quoted.substr(1, quoted.size() - 2);
}

RenderedRequest render(const GatewayConfig& g, const Message& m) {
    const std::string digits = m.to.starts_with("+") ? m.to.substr(1) : m.to;
    const auto values_with = [&](auto encode) {
        return std::vector<std::pair<std::string, std::string>>{
            {"to", encode(m.to)}, {"to_digits", encode(digits)}, {"text", encode(m.text)}, {"sender", encode(g.sender)}};
    };
    RenderedRequest r;
    r.method = g.method;
    r.url = substitute(g.url, values_with([](std::string_view v) { return url_encode(v); }));
    if (g.method == "POST") {
        if (g.content_type == "application/json")
            r.body = substitute(g.body, values_with([](std::string_view v) { return json_escape(v); }));
        else if (g.content_type == "application/x-www-form-urlencoded")
            r.body = substitute(g.body, values_with([](std::string_view v) { return url_encode(v); }));
        else
            r.body = substitute(g.body, values_with([](std::string_view v) { return std::string(v); }));
        r.headers.push_back({"Content-Type", g.content_type + (g.content_type == "application/json" ? "" : "; charset=utf-8")});
    }
    if (!g.auth_header.empty()) r.headers.push_back({g.auth_header, g.auth_value});
    return r;
}

Verdict judge_reply(const GatewayConfig& g, bool transport_ok, long status, std::string_view body) {
    if (!transport_ok) return Verdict::retry;
    if (status >= 200 && status < 300)
        return g.success_pattern.empty() || body.find(g.success_pattern) != std::string_view::npos ? Verdict::sent
                                                                                                   : Verdict::failed;
    if (status == 408 || status == 425 || status == 429 || status >= 500) return Verdict::retry;
    return Verdict::failed;
}

Result<ComposeInput> compose_input_from_json(const json& body) {
    FieldErrors fe;
    ComposeInput in;
    if (!body.is_object()) {
        fe.add("", "must be a JSON object", "error.type");
        return fe.to_error();
    }
    for (const auto& [key, v] : body.items()) {
        if (key == "text") {
            if (!v.is_string()) fe.add(key, "must be text", "error.type");
            else in.text = v.get<std::string>();
        } else if (key == "to") {
            if (!v.is_null() && !v.is_string()) fe.add(key, "must be text", "error.type");
            else if (v.is_string()) in.to = v.get<std::string>();
        } else {
            fe.add(key, "is not a field", "error.unknown_field");
        }
    }
    if (fe.empty()) {
        if (in.text.find_first_not_of(" \t\r\n") == std::string::npos) fe.add("text", "is required", "error.required");
        else if (in.text.size() > max_text_bytes) fe.add("text", "is too long", "error.too_long");
        else if (!utf8::is_valid(in.text)) fe.add("text", "must be UTF-8 text", "error.invalid");
    }
    if (!fe.empty()) return fe.to_error();
    return in;
}

}  // namespace tumen::sms
