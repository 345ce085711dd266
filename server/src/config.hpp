// Server configuration from command-line flags, then environment variables (TUMEN_*), then defaults.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "tumen/error.hpp"

namespace tumen::server {

struct Config {
    std::string bind = "127.0.0.1";
    int port = 8080;                       // 0 = any free port (tests)
    std::string data_dir = "./data";       // the SQLite file and attachments live here
    std::string web_root;                  // index.html, tumen.js/.wasm, fonts; empty = no static files
    int threads = 32;                      // worker threads (each keep-alive connection or SSE stream holds one)
    size_t max_body_bytes = 8u << 20;      // larger requests get 413
    size_t max_import_bytes = 64u << 20;   // CSV uploads to /imports (a 100,000-lead file is about 15 MiB)
    size_t max_attachment_bytes = 20u << 20;  // one attached file
    int keep_alive_seconds = 5;
    int read_timeout_seconds = 10;
    int write_timeout_seconds = 10;
    bool demo_data = true;                 // seed demo records into a new database
    int demo_leads = 400;                  // how many demo leads
    bool seed_reference = true;            // default stages, lost reasons, tags, UTM, contact types in a new database
    bool quiet = false;                    // no access log (benchmarks)
    std::string admin_password;            // first start: the administrator's password (else random, printed)
    std::string tls_cert, tls_key;         // PEM files: when both are set the server speaks HTTPS itself
    // Reverse proxies whose X-Forwarded-For names the real client (exact addresses, e.g. "127.0.0.1").
    std::vector<std::string> trusted_proxies;
    bool cookie_secure = false;            // mark the session cookie Secure even without TLS here (TLS proxy in front)
    // Live events (GET /api/v1/events): each open stream holds a worker thread of its own, on top of `threads`.
    int max_streams = 64;                  // more get 503
    int events_heartbeat_ms = 15000;       // comment line on an idle stream (dead clients free their thread)
    int change_log_keep_rows = 10000;      // Last-Event-ID replay window: rows ...
    int change_log_keep_days = 7;          // ... and age; a client further behind reloads

    bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
    bool secure_cookies() const { return cookie_secure || tls(); }

    std::string database_path() const { return data_dir + "/tumen.db"; }
    // What the HTTP server reads at most; the router applies the smaller per-endpoint limits.
    size_t max_request_bytes() const {
        size_t m = max_body_bytes > max_import_bytes ? max_body_bytes : max_import_bytes;
        return m > max_attachment_bytes ? m : max_attachment_bytes;
    }
};

// Parses argv (without argv[0]) and the environment. `--help` yields an Error with code bad_request and the usage.
Result<Config> parse_config(const std::vector<std::string>& args);
std::string usage();

}  // namespace tumen::server
