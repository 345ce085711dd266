// Outgoing webhooks (issue 8): administrators register URLs for lead events; each event is POSTed as signed JSON
// (tumen/webhook.hpp has the format) by the "webhooks.deliver" job, retried with mail's schedule (1 min, 5 min,
// 15 min, 1 h, 4 h, then failed), and every attempt's outcome is kept in the delivery log.
//
// Deliveries are written by queue_lead_webhooks() inside the transaction of the lead change that raised them
// (record_lead_change calls it): an event goes out if and only if its change committed. Its one-off job run is
// committed with it; the runner notices within a second (there is no post-commit poke from the lead write path).
//
// SSRF: before every attempt the host is resolved and every address checked (tumen::webhook::classify_ip);
// loopback, private, link-local (cloud metadata), CGNAT, multicast and reserved targets are refused - the delivery
// fails at once with the reason - unless the hook's allow_private is set. The checked address is pinned for the
// connection and redirects are not followed (net/http_post.hpp).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "store/database.hpp"
#include "store/webhooks.hpp"
#include "tumen/chatter.hpp"
#include "tumen/lead.hpp"
#include "tumen/webhook.hpp"

namespace tumen::server {

inline constexpr const char* webhook_deliver_kind = "webhooks.deliver";

// Queues one delivery per active hook subscribed to each event the change raises, and the job run that sends
// them. Cheap when no hook is active (one indexed EXISTS query). Call inside the change's transaction.
void queue_lead_webhooks(store::Connection& c, const Lead& lead, const std::string& action,
                         const std::vector<TrackingValue>& tracking, Timestamp now);

class WebhookService {
public:
    static constexpr int64_t deliver_interval_s = 60;  // the recurring run that picks up retries that came due
    static constexpr const char* channel = "webhooks";

    WebhookService(store::Database& db, JobRunner& jobs);

    // Administrators only (the router checks). Replies never hold the secret, except create and rotate_secret.
    Result<nlohmann::json> list();
    Result<nlohmann::json> get(int64_t id);
    Result<nlohmann::json> create(const Caller& caller, const nlohmann::json& body);          // + "secret"
    Result<nlohmann::json> update(const Caller& caller, int64_t id, const nlohmann::json& body);  // with "version"
    Result<bool> remove(const Caller& caller, int64_t id);
    Result<nlohmann::json> rotate_secret(const Caller& caller, int64_t id);  // + "secret"
    // Sends a `ping` event now (one attempt, no retries) and answers with its logged delivery.
    Result<nlohmann::json> test(const Caller& caller, int64_t id);
    Result<nlohmann::json> deliveries(int64_t hook_id, int limit, int64_t before_id);
    // A new delivery of the same event and data (new delivery id), queued now.
    Result<nlohmann::json> redeliver(const Caller& caller, int64_t delivery_id);

    // The job body: attempts every due delivery.
    Result<void> deliver_due(JobContext& ctx);

    // Tests.
    void set_retry_delays(std::vector<int64_t> seconds) { retry_delays_ = std::move(seconds); }
    void set_timeout_s(long s) { timeout_s_ = s; }

private:
    enum class Outcome { delivered, retry, failed };
    struct Attempt {
        Outcome outcome = Outcome::failed;
        std::optional<long> status;
        std::string excerpt;
        std::string error;
    };
    // One HTTP attempt of `d` to `hook` (resolve, check, sign, POST); `final_try` turns a retry into a failure.
    Attempt attempt(const webhook::Hook& hook, const std::string& secret, const store::WebhookDelivery& d);
    void record(const store::WebhookDelivery& d, Attempt a);
    std::optional<int64_t> retry_delay(int attempts) const;
    void schedule_next_run();
    nlohmann::json hook_json(store::Connection& c, const webhook::Hook& h);
    nlohmann::json channel_json();

    store::Database& db_;
    JobRunner& jobs_;
    std::vector<int64_t> retry_delays_;  // empty: tumen::mail::retry_delay_s
    long timeout_s_ = 10;
};

}  // namespace tumen::server
