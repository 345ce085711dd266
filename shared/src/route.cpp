#include "tumen/route.hpp"

#include <charconv>
#include <vector>

namespace tumen {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i <= path.size()) {
        size_t slash = path.find('/', i);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > i) parts.push_back(path.substr(i, slash - i));
        i = slash + 1;
    }
    return parts;
}

// A positive decimal id that fits int64; digits only (no sign, no spaces).
bool route_parse_id(std::string_view s, std::int64_t& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out > 0;
}

// Settings sections are lower-case words with '_' or '-' ("lost_reasons", "api-keys").
bool is_section_name(std::string_view s) {
    if (s.empty() || s.size() > 40) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || c == '_' || c == '-')) return false;
    return true;
}

// The views whose search lives in the query string.
bool keeps_query(View v) {
    return v == View::pipeline || v == View::leads || v == View::contacts || v == View::quotations ||
           v == View::dashboard || v == View::analysis || v == View::activities || v == View::kiosk;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Parses only the path part; "next" is handled by parse_route for login.
Route parse_path(std::string_view path) {
    auto parts = split_path(path);
    if (parts.empty()) return Route::pipeline();
    if (parts.size() == 1 && parts[0] == "login") return Route::login();
    if (parts.size() == 1 && parts[0] == "pipeline") return Route::pipeline();
    if (parts.size() == 1 && parts[0] == "leads") return Route::leads();
    if (parts.size() == 1 && parts[0] == "contacts") return Route::contacts();
    if (parts.size() == 1 && parts[0] == "settings") return Route::settings();
    if (parts.size() == 1 && parts[0] == "import") return Route::import_wizard();
    if (parts.size() == 1 && parts[0] == "calendar") return Route::calendar();
    if (parts.size() == 1 && parts[0] == "quotations") return Route::quotations();
    if (parts.size() == 1 && parts[0] == "dashboard") return Route::dashboard();
    if (parts.size() == 1 && parts[0] == "analysis") return Route::analysis();
    if (parts.size() == 1 && parts[0] == "activities") return Route::activities();
    if (parts.size() == 1 && parts[0] == "kiosk") return Route::kiosk({});
    std::int64_t id = 0;
    if (parts.size() == 2 && parts[0] == "pipeline" && route_parse_id(parts[1], id)) {
        Route r = Route::pipeline();
        r.id = id;
        return r;
    }
    if (parts.size() == 2 && parts[0] == "lead" && route_parse_id(parts[1], id)) return Route::lead(id);
    if (parts.size() == 2 && parts[0] == "contact" && route_parse_id(parts[1], id)) return Route::contact(id);
    if (parts.size() == 2 && parts[0] == "quotation" && route_parse_id(parts[1], id)) return Route::quotation(id);
    if (parts.size() == 2 && parts[0] == "settings" && is_section_name(parts[1]))
        return Route::settings(std::string(parts[1]));
    Route r;
    r.view = View::not_found;
    r.path = "/";
    for (size_t i = 0; i < parts.size(); ++i) r.path += (i ? "/" : "") + std::string(parts[i]);
    return r;
}

}  // namespace

Route Route::login(std::string next) {
    Route r;
    r.view = View::login;
    r.next = std::move(next);
    return r;
}

Route Route::pipeline() { return Route{}; }

Route Route::lead(std::int64_t id) {
    Route r;
    r.view = View::lead;
    r.id = id;
    return r;
}

Route Route::leads() {
    Route r;
    r.view = View::leads;
    return r;
}

Route Route::contacts() {
    Route r;
    r.view = View::contacts;
    return r;
}

Route Route::contact(std::int64_t id) {
    Route r;
    r.view = View::contact;
    r.id = id;
    return r;
}

Route Route::settings(std::string section) {
    Route r;
    r.view = View::settings;
    r.section = std::move(section);
    return r;
}

Route Route::import_wizard() {
    Route r;
    r.view = View::import_;
    return r;
}

Route Route::calendar() {
    Route r;
    r.view = View::calendar;
    return r;
}

Route Route::quotations() {
    Route r;
    r.view = View::quotations;
    return r;
}

Route Route::quotation(std::int64_t id) {
    Route r;
    r.view = View::quotation;
    r.id = id;
    return r;
}

Route Route::dashboard() {
    Route r;
    r.view = View::dashboard;
    return r;
}

Route Route::analysis() {
    Route r;
    r.view = View::analysis;
    return r;
}

Route Route::activities() {
    Route r;
    r.view = View::activities;
    return r;
}

Route Route::kiosk(std::string query) {
    Route r;
    r.view = View::kiosk;
    r.query = std::move(query);
    return r;
}

Route parse_route(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    std::string_view query;
    if (auto q = hash.find('?'); q != std::string_view::npos) {
        query = hash.substr(q + 1);
        hash = hash.substr(0, q);
    }
    Route r = parse_path(hash);
    if (keeps_query(r.view)) r.query = std::string(query);
    if (r.view != View::login) return r;
    // Only "next" is meaningful, and only when it names a page a signed-in user can open.
    size_t i = 0;
    while (i < query.size()) {
        size_t amp = query.find('&', i);
        if (amp == std::string_view::npos) amp = query.size();
        auto item = query.substr(i, amp - i);
        if (item.substr(0, 5) == "next=") {
            std::string next = percent_decode(item.substr(5));
            Route target = parse_path(next);
            if (target.view != View::login && target.view != View::not_found && target.view != View::kiosk && !next.empty())
                r.next = route_path(target);
        }
        i = amp + 1;
    }
    return r;
}

std::string route_path(const Route& route) {
    switch (route.view) {
        case View::login: return "/login";
        case View::pipeline: return route.id > 0 ? "/pipeline/" + std::to_string(route.id) : "/pipeline";
        case View::leads: return "/leads";
        case View::lead: return "/lead/" + std::to_string(route.id);
        case View::contacts: return "/contacts";
        case View::contact: return "/contact/" + std::to_string(route.id);
        case View::settings: return route.section.empty() ? "/settings" : "/settings/" + route.section;
        case View::import_: return "/import";
        case View::calendar: return "/calendar";
        case View::quotations: return "/quotations";
        case View::quotation: return "/quotation/" + std::to_string(route.id);
        case View::dashboard: return "/dashboard";
        case View::analysis: return "/analysis";
        case View::activities: return "/activities";
        case View::kiosk: return "/kiosk";
        case View::not_found: return route.path.empty() ? "/" : route.path;
    }
    return "/";
}

std::string format_route(const Route& route) {
    std::string out = "#" + route_path(route);
    if (route.view == View::login && !route.next.empty()) out += "?next=" + percent_encode(route.next);
    if (keeps_query(route.view) && !route.query.empty()) out += "?" + route.query;
    return out;
}

std::string_view view_name(View view) {
    switch (view) {
        case View::login: return "login";
        case View::pipeline: return "pipeline";
        case View::leads: return "leads";
        case View::lead: return "lead";
        case View::contacts: return "contacts";
        case View::contact: return "contact";
        case View::settings: return "settings";
        case View::import_: return "import";
        case View::calendar: return "calendar";
        case View::quotations: return "quotations";
        case View::quotation: return "quotation";
        case View::dashboard: return "dashboard";
        case View::analysis: return "analysis";
        case View::activities: return "activities";
        case View::kiosk: return "kiosk";
        case View::not_found: return "not_found";
    }
    return "not_found";
}

bool requires_session(const Route& route) { return route.view != View::login && route.view != View::kiosk; }

std::string query_value(std::string_view query, std::string_view key) {
    size_t i = 0;
    while (i < query.size()) {
        size_t amp = query.find('&', i);
        if (amp == std::string_view::npos) amp = query.size();
        auto item = query.substr(i, amp - i);
        if (item.size() > key.size() && item.substr(0, key.size()) == key && item[key.size()] == '=')
            return percent_decode(item.substr(key.size() + 1));
        i = amp + 1;
    }
    return {};
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace tumen
