#include "http/client_address.hpp"

#include <algorithm>

namespace tumen::server {

namespace {

bool is_trusted(const std::string& addr, const std::vector<std::string>& trusted) {
    return std::find(trusted.begin(), trusted.end(), addr) != trusted.end();
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
    if (forwarded_for.empty() || !is_trusted(peer, trusted_proxies)) return peer;
    // Each proxy appends the address it received from: walk from the right, past our own proxies.
    std::string hops = forwarded_for;
    std::string nearest = peer;
    while (!hops.empty()) {
        const auto comma = hops.rfind(',');
        std::string hop = trim(comma == std::string::npos ? hops : hops.substr(comma + 1));
        hops = comma == std::string::npos ? std::string() : hops.substr(0, comma);
        if (hop.empty()) continue;
        nearest = hop;
        if (!is_trusted(hop, trusted_proxies)) return hop;
    }
    return nearest;
}

}  // namespace tumen::server
