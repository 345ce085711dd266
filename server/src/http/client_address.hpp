// The address of the person behind a request, for login throttling and the security log. Behind a reverse
// proxy every request comes from the proxy, so one attacker would lock out everyone (or nobody): when the
// peer is a proxy the operator trusts (--trusted-proxy), the client is the nearest X-Forwarded-For hop that is
// not itself trusted. From anyone else the header is ignored: it is trivially forged.
#pragma once
#include <string>
#include <vector>

namespace tumen::server {

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace tumen::server
