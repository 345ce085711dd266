#include "http/http_setup.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "http/router.hpp"
#include "http/static_files.hpp"

namespace tumen::server {

namespace {

// Each request is handled start to finish on one pool thread, so a thread_local carries its start time
// from the pre-routing handler to the logger.
thread_local std::chrono::steady_clock::time_point request_started;

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0; }

Error error_for_status(int status) {
    switch (status) {
        case 404: return Error::make(ErrorCode::not_found, "Not found");
        case 405: return Error::make(ErrorCode::method_not_allowed, "Method not allowed");
        case 413: return Error::make(ErrorCode::payload_too_large, "Request body too large");
        case 400: return Error::make(ErrorCode::bad_request, "Bad request");
        default: {
            Error e = Error::make(ErrorCode::internal, "HTTP error " + std::to_string(status));
            return e;
        }
    }
}

}  // namespace

void configure_server(httplib::Server& http, const Config& config) {
    // Live event streams each keep a worker for as long as they are open; they get their own share of the pool, so
    // at the stream cap (503 beyond it) `config.threads` still serve everything else.
    const int threads = config.threads + config.max_streams;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    http.set_tcp_nodelay(true);  // without it every keep-alive response waits ~40 ms for the delayed ACK
    http.set_keep_alive_timeout(config.keep_alive_seconds);
    http.set_keep_alive_max_count(1000);
    http.set_read_timeout(config.read_timeout_seconds, 0);
    http.set_write_timeout(config.write_timeout_seconds, 0);
    // The largest body any endpoint takes; the router gives each endpoint its own limit (imports, attachments).
    http.set_payload_max_length(config.max_request_bytes());
    httplib::Headers headers = {
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "same-origin"},
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' 'unsafe-inline'; "
         "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"},
    };
    // Over TLS, browsers are told to come back only over TLS.
    if (config.tls()) headers.emplace("Strict-Transport-Security", "max-age=31536000");
    http.set_default_headers(headers);

    // The client bundle from memory (static_files.hpp); the mount point stays for what it leaves (ranges, other types).
    std::shared_ptr<StaticFiles> statics;
    if (!config.web_root.empty()) {
        if (!std::filesystem::is_directory(config.web_root)) {
            std::fprintf(stderr, "tumen-server: web root %s is not a folder; serving the API only\n", config.web_root.c_str());
        } else {
            http.set_mount_point("/", config.web_root, {{"Cache-Control", "no-cache"}});
            statics = std::make_shared<StaticFiles>(config.web_root);
            statics->warm_in_background();
        }
    }

    http.set_pre_routing_handler([statics](const httplib::Request& req, httplib::Response& res) {
        request_started = std::chrono::steady_clock::now();
        if (statics && statics->serve(req, res)) return httplib::Server::HandlerResponse::Handled;
        return httplib::Server::HandlerResponse::Unhandled;
    });

    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        // Handlers that produced their own body keep it; bare status codes (404 from routing, 413 from the
        // body limit) get the JSON error shape.
        if (!res.body.empty()) return;
        send_error(res, error_for_status(res.status), req);
    });

    http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "tumen-server: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), what.c_str());
        send_error(res, Error::make(ErrorCode::internal, "Internal error; the server log has the details"), req);
    });

    if (!config.quiet) {
        http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
            std::fprintf(stdout, "%s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), res.status, ms);
            std::fflush(stdout);
        });
    }
    (void)is_api;
}

}  // namespace tumen::server
