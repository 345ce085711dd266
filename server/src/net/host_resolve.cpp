#include "net/host_resolve.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <memory>

namespace tumen::server::net {

ResolvedHost resolve_host(const std::string& host, int port) {
    ResolvedHost out;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    const std::string service = std::to_string(port);
    if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0) {
        out.error = "cannot resolve " + host + ": " + gai_strerror(rc);
        return out;
    }
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(list, freeaddrinfo);
    for (addrinfo* a = list; a; a = a->ai_next) {
        char text[INET6_ADDRSTRLEN] = {};
        const void* src = nullptr;
        if (a->ai_family == AF_INET) src = &reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr;
        else if (a->ai_family == AF_INET6) src = &reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr;
        else continue;
        if (!inet_ntop(a->ai_family, src, text, sizeof text)) continue;
        std::string ip(text);
        bool seen = false;
        for (const auto& x : out.addresses) seen = seen || x == ip;
        if (!seen) out.addresses.push_back(std::move(ip));
    }
    if (out.addresses.empty()) out.error = "cannot resolve " + host + ": no IPv4 or IPv6 address";
    return out;
}

TargetCheck check_target(const std::string& host, int port, bool allow_private) {
    TargetCheck t;
    auto r = resolve_host(host, port);
    if (r.addresses.empty()) {
        t.error = r.error;
        return t;
    }
    for (const auto& ip : r.addresses) {
        // inet_ntop output is always a literal classify_ip reads; an unreadable one is refused, never trusted.
        const auto cls = tumen::webhook::classify_ip(ip).value_or(tumen::webhook::IpClass::reserved);
        if (tumen::webhook::is_non_public(cls) && !allow_private) {
            t.refused = true;
            t.error = "refused: " + host + " resolves to " + ip + " (" + std::string(tumen::webhook::to_string(cls)) +
                      " address); allow private networks on this webhook to deliver there";
            return t;
        }
    }
    t.ok = true;
    t.ip = r.addresses.front();
    return t;
}

}  // namespace tumen::server::net
