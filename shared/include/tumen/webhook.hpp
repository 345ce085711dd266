// Outgoing webhooks (issue 8): the events a hook can subscribe to, hook validation, the JSON document POSTed for
// an event, the signature headers, and the address classes the server refuses to connect to (SSRF).
// Pure functions: the server computes the HMAC (libsodium), resolves host names and sends; this file decides.
//
// Signing (documented for receivers in README.md): every delivery carries
//   X-Tumen-Event: lead.won            X-Tumen-Delivery: <uuid of the delivery, the payload's "id">
//   X-Tumen-Timestamp: <unix seconds>  X-Tumen-Signature: sha256=<lower-case hex HMAC-SHA256>
// where the HMAC key is the hook's secret (the text as shown, UTF-8 bytes) and the message is
// "<timestamp>.<raw body>". Signing the timestamp with the body lets a receiver refuse replays of an old delivery
// (compare the timestamp with its clock, e.g. +-5 minutes) as well as forged bodies.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/chatter.hpp"
#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/lead.hpp"

namespace tumen::webhook {

// ---- events -----------------------------------------------------------------------------------------------------

inline constexpr std::string_view lead_created = "lead.created";
inline constexpr std::string_view lead_stage_changed = "lead.stage_changed";
inline constexpr std::string_view lead_won = "lead.won";
inline constexpr std::string_view lead_lost = "lead.lost";
inline constexpr std::string_view lead_assigned = "lead.assigned";
inline constexpr std::string_view ping = "ping";  // the "Test" button; no hook subscribes to it

// The events a hook may subscribe to, in display order.
const std::vector<std::string>& event_names();
bool is_event(std::string_view name);

// The events one change-log action on a lead raises. `action` is the lead service's ("created", "moved", "won",
// "lost", "updated", ...), `tracking` the tracked field changes; `to_won_stage` tells whether the lead's new
// stage is a won stage (a move there wins the lead). Order: as event_names().
std::vector<std::string> events_for_lead_change(std::string_view action, const std::vector<TrackingValue>& tracking,
                                                bool to_won_stage);

// ---- hooks ------------------------------------------------------------------------------------------------------

inline constexpr std::size_t max_url_bytes = 2000;
inline constexpr std::size_t max_name_bytes = 200;

struct Hook {
    std::int64_t id = 0;
    std::string name;
    std::string url;
    std::vector<std::string> events;
    bool active = true;
    bool allow_private = false;  // loopback/private targets allowed (an administrator's explicit choice)
    std::int64_t version = 0;
    Timestamp created_at = 0;
    std::optional<std::int64_t> created_by;
    bool operator==(const Hook&) const = default;
};

// The wire form; never holds the secret (the server adds it once, on create and rotate).
void to_json(nlohmann::json& j, const Hook& h);

struct UrlParts {
    std::string scheme;  // "http" | "https", lower case
    std::string host;    // lower case; an IPv6 literal without brackets
    int port = 0;        // explicit or the scheme's default
    bool operator==(const UrlParts&) const = default;
};

// Checks a hook URL: http or https only, at most max_url_bytes, no user:password@, a host, a port 1..65535, no
// spaces or control characters, no fragment. nullopt with `why` set when refused.
std::optional<UrlParts> parse_hook_url(std::string_view url, std::string* why = nullptr);

// Applies the writable fields of a create (creating = true: name, url and events required) or PUT body to `h`.
// Unknown fields, read-only fields (id, version, created_at, created_by, secret) and bad values are one
// FieldError each, named by field. `version` is ignored here (the service checks it).
FieldErrors apply_hook_json(Hook& h, const nlohmann::json& body, bool creating);

// ---- deliveries -------------------------------------------------------------------------------------------------

enum class DeliveryState { pending, delivered, failed };
std::string_view to_string(DeliveryState s);
std::optional<DeliveryState> delivery_state_from(std::string_view s);

// The JSON document POSTed: {"id": delivery uuid, "event", "occurred_at": ISO UTC, "data": {...}}.
nlohmann::json payload(std::string_view delivery_id, std::string_view event, Timestamp occurred_at,
                       nlohmann::json data);
// `data` of a lead event: {"lead": the lead's fields, "changes": [{"field","old","new"}...]}.
nlohmann::json lead_data(const Lead& lead, const std::vector<TrackingValue>& tracking);

// What is signed: "<timestamp>.<body>".
std::string signed_text(std::int64_t timestamp, std::string_view body);
// "sha256=<hex>".
std::string signature_header(std::string_view hex_digest);

inline constexpr const char* header_event = "X-Tumen-Event";
inline constexpr const char* header_delivery = "X-Tumen-Delivery";
inline constexpr const char* header_timestamp = "X-Tumen-Timestamp";
inline constexpr const char* header_signature = "X-Tumen-Signature";

// A delivery answered with 2xx is delivered; anything else (and no answer) is retried.
bool is_success_status(long status);

// ---- SSRF: address classes --------------------------------------------------------------------------------------

enum class IpClass {
    global,        // an ordinary public address
    loopback,      // 127/8, ::1
    private_net,   // 10/8, 172.16/12, 192.168/16, fc00::/7 (unique local)
    link_local,    // 169.254/16 (cloud metadata 169.254.169.254), fe80::/10
    cgnat,         // 100.64/10 (carrier-grade NAT, shared address space)
    unspecified,   // 0/8 ("this network"), ::
    multicast,     // 224/4, ff00::/8
    reserved,      // 240/4, 255.255.255.255, 192.0.0/24, 198.18/15, documentation ranges, other odd IPv6
};
std::string_view to_string(IpClass c);

// The class of a numeric IPv4 ("10.0.0.1") or IPv6 ("::1", "[fe80::1%eth0]") address; IPv4-mapped
// (::ffff:a.b.c.d), IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) IPv6 addresses are classed by the
// IPv4 address inside. nullopt: not an IP literal (a host name).
std::optional<IpClass> classify_ip(std::string_view text);

// True for every class but `global`: the server refuses such a target unless the hook allows private networks.
inline bool is_non_public(IpClass c) { return c != IpClass::global; }

}  // namespace tumen::webhook
