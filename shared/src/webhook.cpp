#include "tumen/webhook.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "tumen/utf8.hpp"

namespace tumen::webhook {

using nlohmann::json;

// ---- events -----------------------------------------------------------------------------------------------------

const std::vector<std::string>& event_names() {
    static const std::vector<std::string> names = {std::string(lead_created), std::string(lead_stage_changed),
                                                   std::string(lead_won), std::string(lead_lost),
                                                   std::string(lead_assigned)};
    return names;
}

bool is_event(std::string_view name) {
    const auto& all = event_names();
    return std::find(all.begin(), all.end(), name) != all.end();
}

std::vector<std::string> events_for_lead_change(std::string_view action, const std::vector<TrackingValue>& tracking,
                                                bool to_won_stage) {
    bool created = action == "created", stage = false, won = action == "won", lost = action == "lost", assigned = false;
    for (const auto& t : tracking) {
        if (t.field == "stage_id") stage = true;
        // Assigned: a salesperson is set (a change to "nobody" is not an assignment).
        if (t.field == "user_id" && !t.new_value.is_null()) assigned = true;
    }
    if (stage && to_won_stage) won = true;
    if (created) stage = assigned = false;  // a new lead is one event, whatever it starts with
    std::vector<std::string> out;
    if (created) out.emplace_back(lead_created);
    if (stage) out.emplace_back(lead_stage_changed);
    if (won) out.emplace_back(lead_won);
    if (lost) out.emplace_back(lead_lost);
    if (assigned) out.emplace_back(lead_assigned);
    return out;
}

// ---- hooks ------------------------------------------------------------------------------------------------------

void to_json(json& j, const Hook& h) {
    j = {{"id", h.id},
         {"name", h.name},
         {"url", h.url},
         {"events", h.events},
         {"active", h.active},
         {"allow_private", h.allow_private},
         {"version", h.version},
         {"created_at", format_timestamp(h.created_at)},
         {"created_by", h.created_by ? json(*h.created_by) : json()}};
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool refuse(std::string* why, const char* text) {
    if (why) *why = text;
    return false;
}

}  // namespace

std::optional<UrlParts> parse_hook_url(std::string_view url, std::string* why) {
    const auto fail = [&](const char* text) -> std::optional<UrlParts> {
        refuse(why, text);
        return std::nullopt;
    };
    if (url.empty()) return fail("is required");
    if (url.size() > max_url_bytes) return fail("is longer than 2000 characters");
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f) return fail("must not contain spaces or control characters");
    const auto colon = url.find("://");
    if (colon == std::string_view::npos) return fail("must start with http:// or https://");
    UrlParts p;
    p.scheme = lower(url.substr(0, colon));
    if (p.scheme != "http" && p.scheme != "https") return fail("must start with http:// or https://");
    if (url.find('#') != std::string_view::npos) return fail("must not contain a #fragment");
    std::string_view rest = url.substr(colon + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    if (authority.find('@') != std::string_view::npos) return fail("must not contain a user name or password");
    if (authority.empty()) return fail("must name a host");
    std::string_view host = authority, port_text;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return fail("has an unclosed [IPv6 address]");
        host = authority.substr(1, close - 1);
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return fail("has text after the [IPv6 address]");
            port_text = after.substr(1);
        }
        if (!classify_ip(host)) return fail("has an invalid IPv6 address");
    } else {
        const auto c = authority.rfind(':');
        if (c != std::string_view::npos) {
            host = authority.substr(0, c);
            port_text = authority.substr(c + 1);
        }
        for (unsigned char ch : host)
            if (!(std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch >= 0x80))
                return fail("has an invalid host name");
    }
    if (host.empty()) return fail("must name a host");
    p.host = lower(host);
    if (port_text.empty()) {
        if (authority.back() == ':') return fail("has an empty port");
        p.port = p.scheme == "https" ? 443 : 80;
    } else {
        if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return fail("has an invalid port");
        p.port = std::stoi(std::string(port_text));
        if (p.port < 1 || p.port > 65535) return fail("has an invalid port");
    }
    return p;
}

FieldErrors apply_hook_json(Hook& h, const json& body, bool creating) {
    FieldErrors fe;
    if (!body.is_object()) {
        fe.add("", "must be a JSON object", "error.type");
        return fe;
    }
    for (const auto& [key, v] : body.items()) {
        if (key == "version") continue;
        if (key == "name") {
            if (!v.is_string()) fe.add(key, "must be text", "error.type");
            else if (v.get_ref<const std::string&>().empty()) fe.add(key, "is required", "error.required");
            else if (v.get_ref<const std::string&>().size() > max_name_bytes) fe.add(key, "is too long", "error.too_long");
            else if (!utf8::is_valid(v.get_ref<const std::string&>())) fe.add(key, "is not valid UTF-8", "error.invalid");
            else h.name = v.get<std::string>();
        } else if (key == "url") {
            std::string why;
            if (!v.is_string()) fe.add(key, "must be text", "error.type");
            else if (!parse_hook_url(v.get_ref<const std::string&>(), &why)) fe.add(key, why, "error.url");
            else h.url = v.get<std::string>();
        } else if (key == "events") {
            if (!v.is_array()) {
                fe.add(key, "must be a list of event names", "error.type");
                continue;
            }
            std::vector<std::string> events;
            bool ok = true;
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (!v[i].is_string() || !is_event(v[i].get_ref<const std::string&>())) {
                    fe.add(key + "[" + std::to_string(i) + "]",
                           "must be one of: lead.created, lead.stage_changed, lead.won, lead.lost, lead.assigned",
                           "error.enum");
                    ok = false;
                } else if (std::find(events.begin(), events.end(), v[i].get<std::string>()) == events.end()) {
                    events.push_back(v[i].get<std::string>());
                }
            }
            if (ok && events.empty()) fe.add(key, "must name at least one event", "error.required");
            if (!ok) continue;
            // Stored in display order, so equal subscriptions compare equal.
            std::vector<std::string> ordered;
            for (const auto& e : event_names())
                if (std::find(events.begin(), events.end(), e) != events.end()) ordered.push_back(e);
            h.events = std::move(ordered);
        } else if (key == "active" || key == "allow_private") {
            if (!v.is_boolean()) fe.add(key, "must be true or false", "error.type");
            else (key == "active" ? h.active : h.allow_private) = v.get<bool>();
        } else if (key == "id" || key == "created_at" || key == "created_by" || key == "secret") {
            fe.add(key, "is read-only", "error.read_only");
        } else {
            fe.add(key, "is not a field", "error.unknown_field");
        }
    }
    if (creating)
        for (const char* required : {"name", "url", "events"})
            if (!body.contains(required)) fe.add(required, "is required", "error.required");
    return fe;
}

// ---- deliveries -------------------------------------------------------------------------------------------------

std::string_view to_string(DeliveryState s) {
    switch (s) {
        case DeliveryState::pending: return "pending";
        case DeliveryState::delivered: return "delivered";
        case DeliveryState::failed: return "failed";
    }
    return "pending";
}

std::optional<DeliveryState> delivery_state_from(std::string_view s) {
    if (s == "pending") return DeliveryState::pending;
    if (s == "delivered") return DeliveryState::delivered;
    if (s == "failed") return DeliveryState::failed;
    return std::nullopt;
}

json payload(std::string_view delivery_id, std::string_view event, Timestamp occurred_at, json data) {
    return {{"id", delivery_id}, {"event", event}, {"occurred_at", format_timestamp(occurred_at)}, {"data", std::move(data)}};
}

json lead_data(const Lead& lead, const std::vector<TrackingValue>& tracking) {
    json changes = json::array();
    for (const auto& t : tracking) changes.push_back(t);
    return {{"lead", lead}, {"changes", std::move(changes)}};
}

std::string signed_text(std::int64_t timestamp, std::string_view body) {
    std::string out = std::to_string(timestamp);
    out += '.';
    out += body;
    return out;
}

std::string signature_header(std::string_view hex_digest) { return "sha256=" + std::string(hex_digest); }

bool is_success_status(long status) { return status >= 200 && status <= 299; }

// ---- SSRF: address classes --------------------------------------------------------------------------------------

std::string_view to_string(IpClass c) {
    switch (c) {
        case IpClass::global: return "public";
        case IpClass::loopback: return "loopback";
        case IpClass::private_net: return "private";
        case IpClass::link_local: return "link-local";
        case IpClass::cgnat: return "carrier-grade NAT";
        case IpClass::unspecified: return "unspecified";
        case IpClass::multicast: return "multicast";
        case IpClass::reserved: return "reserved";
    }
    return "reserved";
}

namespace {

// Dotted-quad only (four decimal parts 0..255, no leading zeros beyond "0"): inet_aton's octal and short forms
// ("0177.1", "127.1") are refused as IP literals here and then fail as host names, never slip through as public.
std::optional<uint32_t> parse_ipv4(std::string_view s) {
    uint32_t out = 0;
    int parts = 0;
    std::size_t i = 0;
    while (parts < 4) {
        std::size_t j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
        if (j == i || j - i > 3 || (j - i > 1 && s[i] == '0')) return std::nullopt;
        const int v = std::stoi(std::string(s.substr(i, j - i)));
        if (v > 255) return std::nullopt;
        out = (out << 8) | static_cast<uint32_t>(v);
        ++parts;
        if (parts < 4) {
            if (j >= s.size() || s[j] != '.') return std::nullopt;
            i = j + 1;
        } else if (j != s.size()) {
            return std::nullopt;
        }
    }
    return out;
}

bool in4(uint32_t a, uint32_t net, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (a & mask) == (net & mask);
}

constexpr uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) { return (a << 24) | (b << 16) | (c << 8) | d; }

IpClass classify_v4(uint32_t a) {
    if (in4(a, v4(127, 0, 0, 0), 8)) return IpClass::loopback;
    if (in4(a, v4(0, 0, 0, 0), 8)) return IpClass::unspecified;
    if (in4(a, v4(10, 0, 0, 0), 8) || in4(a, v4(172, 16, 0, 0), 12) || in4(a, v4(192, 168, 0, 0), 16))
        return IpClass::private_net;
    if (in4(a, v4(169, 254, 0, 0), 16)) return IpClass::link_local;
    if (in4(a, v4(100, 64, 0, 0), 10)) return IpClass::cgnat;
    if (in4(a, v4(224, 0, 0, 0), 4)) return IpClass::multicast;
    if (in4(a, v4(240, 0, 0, 0), 4) || in4(a, v4(192, 0, 0, 0), 24) || in4(a, v4(198, 18, 0, 0), 15) ||
        in4(a, v4(192, 0, 2, 0), 24) || in4(a, v4(198, 51, 100, 0), 24) || in4(a, v4(203, 0, 113, 0), 24))
        return IpClass::reserved;  // 255.255.255.255 is inside 240/4
    return IpClass::global;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Eight 16-bit groups; "::" once; an IPv4 tail in the last 32 bits.
std::optional<std::array<uint16_t, 8>> parse_ipv6(std::string_view s) {
    std::array<uint16_t, 8> out{};
    std::vector<uint16_t> head, tail;
    bool compressed = false;
    std::vector<uint16_t>* cur = &head;
    if (s.size() >= 2 && s.substr(0, 2) == "::") {
        compressed = true;
        cur = &tail;
        s.remove_prefix(2);
    } else if (!s.empty() && s.front() == ':') {
        return std::nullopt;
    }
    while (!s.empty()) {
        const auto sep = s.find(':');
        std::string_view part = s.substr(0, sep);
        if (part.find('.') != std::string_view::npos) {  // IPv4 tail: must be last
            if (sep != std::string_view::npos) return std::nullopt;
            auto a = parse_ipv4(part);
            if (!a) return std::nullopt;
            cur->push_back(static_cast<uint16_t>(*a >> 16));
            cur->push_back(static_cast<uint16_t>(*a & 0xffff));
            s = {};
            break;
        }
        if (part.empty() || part.size() > 4) return std::nullopt;
        uint16_t v = 0;
        for (char c : part) {
            const int h = hex_value(c);
            if (h < 0) return std::nullopt;
            v = static_cast<uint16_t>((v << 4) | h);
        }
        cur->push_back(v);
        if (sep == std::string_view::npos) {
            s = {};
            break;
        }
        s.remove_prefix(sep + 1);
        if (!s.empty() && s.front() == ':') {
            if (compressed) return std::nullopt;
            compressed = true;
            cur = &tail;
            s.remove_prefix(1);
        } else if (s.empty()) {
            return std::nullopt;  // trailing single ':'
        }
    }
    const std::size_t n = head.size() + tail.size();
    if (compressed ? n > 7 : n != 8) return std::nullopt;
    std::copy(head.begin(), head.end(), out.begin());
    std::copy(tail.begin(), tail.end(), out.end() - static_cast<std::ptrdiff_t>(tail.size()));
    return out;
}

IpClass classify_v6(const std::array<uint16_t, 8>& g) {
    const auto embedded_v4 = [&](int hi) { return (uint32_t{g[static_cast<std::size_t>(hi)]} << 16) | g[static_cast<std::size_t>(hi) + 1]; };
    const bool first80_zero = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
    if (first80_zero && g[5] == 0) {
        if (g[6] == 0 && g[7] == 0) return IpClass::unspecified;
        if (g[6] == 0 && g[7] == 1) return IpClass::loopback;
        return classify_v4(embedded_v4(6));  // IPv4-compatible (deprecated): the address inside decides
    }
    if (first80_zero && g[5] == 0xffff) return classify_v4(embedded_v4(6));             // IPv4-mapped
    if (g[0] == 0x64 && g[1] == 0xff9b && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0)
        return classify_v4(embedded_v4(6));                                              // NAT64 64:ff9b::/96
    if (g[0] == 0x2002) return classify_v4(embedded_v4(1));                              // 6to4 2002:V4ADDR::/48
    if ((g[0] & 0xfe00) == 0xfc00) return IpClass::private_net;                          // fc00::/7
    if ((g[0] & 0xffc0) == 0xfe80) return IpClass::link_local;                           // fe80::/10
    if ((g[0] & 0xff00) == 0xff00) return IpClass::multicast;                            // ff00::/8
    if ((g[0] & 0xffc0) == 0xfec0) return IpClass::reserved;                             // site-local (deprecated)
    if (g[0] == 0x2001 && g[1] == 0x0db8) return IpClass::reserved;                      // documentation
    if ((g[0] & 0xe000) != 0x2000) return IpClass::reserved;                             // outside 2000::/3
    return IpClass::global;
}

}  // namespace

std::optional<IpClass> classify_ip(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.find(':') == std::string_view::npos) {
        auto a = parse_ipv4(text);
        if (!a) return std::nullopt;
        return classify_v4(*a);
    }
    // A zone ("fe80::1%eth0") names an interface: only link-local addresses have one.
    if (const auto pct = text.find('%'); pct != std::string_view::npos) {
        auto g = parse_ipv6(text.substr(0, pct));
        if (!g) return std::nullopt;
        const IpClass c = classify_v6(*g);
        return c == IpClass::global ? IpClass::reserved : c;
    }
    auto g = parse_ipv6(text);
    if (!g) return std::nullopt;
    return classify_v6(*g);
}

}  // namespace tumen::webhook
