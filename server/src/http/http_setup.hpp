// Production settings for the cpp-httplib server: thread pool, timeouts, body limit, TCP_NODELAY,
// security headers, static files with the SPA fallback, JSON errors of one shape, and the access log.
#pragma once
#include <httplib.h>

#include "config.hpp"

namespace tumen::server {

void configure_server(httplib::Server& http, const Config& config);

}  // namespace tumen::server
