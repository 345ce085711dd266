// The website contact form (web-to-lead): the one unauthenticated write. A submission is checked by shared/
// (web_form.hpp), rate-limited per client address (the submission log of the last hour), and becomes a lead in the
// team and for the salesperson chosen in Settings through the normal insert path (scoring, change log, live
// events), with the log row and the channel counters in the same transaction. A filled honeypot is answered like
// a success and creates nothing.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "caller.hpp"
#include "store/database.hpp"
#include "tumen/web_form.hpp"

namespace tumen::server {

struct WebFormOutcome {
    std::optional<int64_t> lead_id;  // nullopt for spam (answered the same way)
    std::string lang;                // the thank-you page's language ("" = the browser's)
};

class WebFormService {
public:
    static constexpr const char* channel = "web_form";
    explicit WebFormService(store::Database& db) : db_(db) {}

    web_form::Settings settings();
    // The settings with the channel's counters ("channel") for Settings > Website form.
    nlohmann::json settings_json();
    Result<nlohmann::json> put_settings(const nlohmann::json& body);

    // `fields` from a form post, or `json_body` from a JSON post (exactly one is used). 429 (Error::current holds
    // {"retry_after": seconds}) past the rate limit, 413/422 from the checks, otherwise the outcome.
    Result<WebFormOutcome> submit(const std::map<std::string, std::string>* fields, const nlohmann::json* json_body,
                                  const std::string& client_ip);
    // A refusal before the body was looked at (a foreign origin): logged and counted.
    void record_refusal(const std::string& client_ip, const std::string& reason);

    void set_clock_for_tests(int64_t (*now)()) { now_ = now; }

private:
    int64_t now() const;
    store::Database& db_;
    int64_t (*now_)() = nullptr;
};

}  // namespace tumen::server
