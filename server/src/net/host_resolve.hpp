// Resolving a webhook's host before connecting (anti-SSRF): every address the name resolves to is checked, and
// the one we connect to is pinned (net::HttpRequest::pinned_ip), so a DNS answer that changes between the check
// and the connect ("DNS rebinding") cannot steer the request to an internal address.
#pragma once
#include <string>
#include <vector>

#include "tumen/webhook.hpp"

namespace tumen::server::net {

struct ResolvedHost {
    std::vector<std::string> addresses;  // numeric, in getaddrinfo's order; empty on error
    std::string error;                   // getaddrinfo's message when nothing resolved
};
ResolvedHost resolve_host(const std::string& host, int port);

struct TargetCheck {
    bool ok = false;
    bool refused = false;  // a non-public address without allow_private: permanent, not worth retrying
    std::string ip;        // the address to connect to (pin) when ok
    std::string error;     // why not, for the delivery log
};
// Resolves `host` and refuses the target when any of its addresses is not public, unless allow_private.
TargetCheck check_target(const std::string& host, int port, bool allow_private);

}  // namespace tumen::server::net
