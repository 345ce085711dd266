#include "cli/mailgate.hpp"

#include <httplib.h>

#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>

namespace tumen::server {

namespace {

int mailgate_usage() {
    std::fprintf(stderr, "usage: tumen-server mailgate --url URL --token API_KEY [--timeout SECONDS] < message\n");
    return ex_usage;
}

}  // namespace

int mailgate_exit_code(int status, const std::string& body) {
    if (status >= 200 && status < 300) {
        const auto j = nlohmann::json::parse(body, nullptr, false);
        if (j.is_object() && j.value("outcome", "") == "rejected" && !j.value("loop", false)) return ex_nouser;
        return ex_ok;
    }
    if (status == 413 || status == 422 || status == 400) return ex_dataerr;
    return ex_tempfail;  // 401/403 (token), 404 (wrong URL), 429, 5xx: keep the mail queued at the MTA
}

int run_mailgate(const std::vector<std::string>& args, std::istream& in) {
    std::string url, token;
    int timeout_s = 60;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        if (i + 1 >= args.size()) return mailgate_usage();
        if (a == "--url") url = args[++i];
        else if (a == "--token") token = args[++i];
        else if (a == "--timeout") {
            try {
                timeout_s = std::stoi(args[++i]);
            } catch (...) {
                return mailgate_usage();
            }
        } else {
            return mailgate_usage();
        }
    }
    if (url.empty() || token.empty() || timeout_s <= 0) return mailgate_usage();
    while (!url.empty() && url.back() == '/') url.pop_back();

    std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (message.empty()) {
        std::fprintf(stderr, "tumen-mailgate: no message on standard input\n");
        return ex_dataerr;
    }
    httplib::Client client(url);
    client.set_connection_timeout(timeout_s, 0);
    client.set_read_timeout(timeout_s, 0);
    client.set_write_timeout(timeout_s, 0);
    client.set_default_headers({{"Authorization", "Bearer " + token}});
    auto r = client.Post("/api/v1/mail/inbound?channel=mailgate", message, "message/rfc822");
    if (!r) {
        std::fprintf(stderr, "tumen-mailgate: cannot reach %s: %s (will be retried)\n", url.c_str(),
                     httplib::to_string(r.error()).c_str());
        return ex_tempfail;
    }
    const int code = mailgate_exit_code(r->status, r->body);
    if (code != ex_ok) {
        const auto j = nlohmann::json::parse(r->body, nullptr, false);
        std::string why = r->body;
        if (j.is_object() && j.contains("reason")) why = j["reason"].get<std::string>();
        else if (j.is_object() && j.contains("error")) why = j["error"].value("message", r->body);
        std::fprintf(stderr, "tumen-mailgate: HTTP %d: %s\n", r->status, why.c_str());
    }
    return code;
}

}  // namespace tumen::server
