#include "config.hpp"

#include <cstdlib>
#include <functional>
#include <map>

namespace tumen::server {

namespace {

struct Option {
    const char* flag;
    const char* env;
    const char* help;
    std::function<bool(Config&, const std::string&)> set;  // false = bad value
};

bool to_int(const std::string& s, int lo, int hi, int& out) {
    try {
        size_t used = 0;
        long v = std::stol(s, &used);
        if (used != s.size() || v < lo || v > hi) return false;
        out = static_cast<int>(v);
        return true;
    } catch (...) {
        return false;
    }
}

bool to_bool(const std::string& s, bool& out) {
    if (s == "1" || s == "true" || s == "yes" || s == "on") return out = true, true;
    if (s == "0" || s == "false" || s == "no" || s == "off") return out = false, true;
    return false;
}

const std::vector<Option>& options() {
    static const std::vector<Option> list = {
        {"--bind", "TUMEN_BIND", "address to listen on (default 127.0.0.1; 0.0.0.0 for all)",
         [](Config& c, const std::string& v) { c.bind = v; return !v.empty(); }},
        {"--port", "TUMEN_PORT", "TCP port (default 8080; 0 picks a free one)",
         [](Config& c, const std::string& v) { return to_int(v, 0, 65535, c.port); }},
        {"--data-dir", "TUMEN_DATA_DIR", "folder of the SQLite database and attachments (default ./data)",
         [](Config& c, const std::string& v) { c.data_dir = v; return !v.empty(); }},
        {"--web-root", "TUMEN_WEB_ROOT", "folder with index.html and the client's .js/.wasm",
         [](Config& c, const std::string& v) { c.web_root = v; return true; }},
        {"--threads", "TUMEN_THREADS", "worker threads (default 32)",
         [](Config& c, const std::string& v) { return to_int(v, 2, 4096, c.threads); }},
        {"--max-body-mb", "TUMEN_MAX_BODY_MB", "request body limit in MiB (default 8)",
         [](Config& c, const std::string& v) {
             int mb = 0;
             if (!to_int(v, 1, 4096, mb)) return false;
             c.max_body_bytes = static_cast<size_t>(mb) << 20;
             return true;
         }},
        {"--max-import-mb", "TUMEN_MAX_IMPORT_MB", "CSV import upload limit in MiB (default 64)",
         [](Config& c, const std::string& v) {
             int mb = 0;
             if (!to_int(v, 1, 4096, mb)) return false;
             c.max_import_bytes = static_cast<size_t>(mb) << 20;
             return true;
         }},
        {"--max-attachment-mb", "TUMEN_MAX_ATTACHMENT_MB", "attachment size limit in MiB (default 20)",
         [](Config& c, const std::string& v) {
             int mb = 0;
             if (!to_int(v, 1, 4096, mb)) return false;
             c.max_attachment_bytes = static_cast<size_t>(mb) << 20;
             return true;
         }},
        {"--keep-alive", "TUMEN_KEEP_ALIVE", "keep-alive timeout in seconds (default 5)",
         [](Config& c, const std::string& v) { return to_int(v, 0, 300, c.keep_alive_seconds); }},
        {"--demo-data", "TUMEN_DEMO_DATA", "seed demo data into a new database (default true)",
         [](Config& c, const std::string& v) { return to_bool(v, c.demo_data); }},
        {"--seed-reference", "TUMEN_SEED_REFERENCE",
         "default stages, lost reasons, tags, UTM sources and contact types in a new database (default true)",
         [](Config& c, const std::string& v) { return to_bool(v, c.seed_reference); }},
        {"--demo-leads", "TUMEN_DEMO_LEADS", "how many demo leads a new database gets (default 400)",
         [](Config& c, const std::string& v) { return to_int(v, 0, 10000000, c.demo_leads); }},
        {"--quiet", "TUMEN_QUIET", "no access log (default false)",
         [](Config& c, const std::string& v) { return to_bool(v, c.quiet); }},
        {"--admin-password", "TUMEN_ADMIN_PASSWORD", "administrator password set on first start (default: random, printed)",
         [](Config& c, const std::string& v) { c.admin_password = v; return true; }},
        {"--tls-cert", "TUMEN_TLS_CERT", "PEM certificate (chain) file: serve HTTPS (needs --tls-key)",
         [](Config& c, const std::string& v) { c.tls_cert = v; return !v.empty(); }},
        {"--tls-key", "TUMEN_TLS_KEY", "PEM private key file of --tls-cert",
         [](Config& c, const std::string& v) { c.tls_key = v; return !v.empty(); }},
        {"--cookie-secure", "TUMEN_COOKIE_SECURE", "mark the session cookie Secure behind a TLS proxy (automatic with --tls-cert)",
         [](Config& c, const std::string& v) { return to_bool(v, c.cookie_secure); }},
        {"--max-streams", "TUMEN_MAX_STREAMS", "live event streams open at once, each with its own thread (default 64)",
         [](Config& c, const std::string& v) { return to_int(v, 1, 10000, c.max_streams); }},
        {"--events-heartbeat-ms", "TUMEN_EVENTS_HEARTBEAT_MS", "heartbeat of an idle event stream in ms (default 15000)",
         [](Config& c, const std::string& v) { return to_int(v, 10, 300000, c.events_heartbeat_ms); }},
        {"--change-log-keep", "TUMEN_CHANGE_LOG_KEEP", "change-log rows kept for event replay (default 10000)",
         [](Config& c, const std::string& v) { return to_int(v, 1, 100000000, c.change_log_keep_rows); }},
        {"--change-log-days", "TUMEN_CHANGE_LOG_DAYS", "days change-log rows are kept for event replay (default 7)",
         [](Config& c, const std::string& v) { return to_int(v, 1, 3650, c.change_log_keep_days); }},
        {"--trusted-proxy", "TUMEN_TRUSTED_PROXIES",
         "comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (default: none)",
         [](Config& c, const std::string& v) {
             c.trusted_proxies.clear();
             std::string item;
             for (char ch : v + ",") {
                 if (ch != ',') {
                     if (ch != ' ') item += ch;
                 } else if (!item.empty()) {
                     c.trusted_proxies.push_back(item);
                     item.clear();
                 }
             }
             return !c.trusted_proxies.empty();
         }},
    };
    return list;
}

}  // namespace

std::string usage() {
    std::string out = "usage: tumen-server [options]\n";
    for (const auto& o : options())
        out += std::string("  ") + o.flag + " VALUE   (env " + o.env + ")\n      " + o.help + "\n";
    return out;
}

Result<Config> parse_config(const std::vector<std::string>& args) {
    Config c;
    for (const auto& o : options())
        if (const char* v = std::getenv(o.env); v && *v)
            if (!o.set(c, v)) return Error::make(ErrorCode::bad_request, std::string("bad value for ") + o.env + ": " + v, o.env);
    for (size_t i = 0; i < args.size(); ++i) {
        std::string flag = args[i], value;
        if (flag == "--help" || flag == "-h") return Error::make(ErrorCode::bad_request, usage());
        if (auto eq = flag.find('='); eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return Error::make(ErrorCode::bad_request, "missing value for " + flag, flag);
        }
        const Option* found = nullptr;
        for (const auto& o : options())
            if (flag == o.flag) found = &o;
        if (!found) return Error::make(ErrorCode::bad_request, "unknown option " + flag + "\n" + usage(), flag);
        if (!found->set(c, value)) return Error::make(ErrorCode::bad_request, "bad value for " + flag + ": " + value, flag);
    }
    if (c.tls_cert.empty() != c.tls_key.empty())
        return Error::make(ErrorCode::bad_request, "--tls-cert and --tls-key go together", c.tls_cert.empty() ? "--tls-cert" : "--tls-key");
    return c;
}

}  // namespace tumen::server
