// SMS from a lead through a configurable HTTP gateway (SPEC F-MAIL, issue 8): compose, the sms_outbox and its
// "sms.send" job, gateway settings and a test send. Same shape as MailService.
//
// Compose writes the chatter message (kind 'sms'), the outbox row and the job run in ONE transaction. The job
// commits each row 'sending' before its HTTP call and 'sent' / 'queued' (5xx, 408, 425, 429 or no answer:
// mail's schedule 1 min, 5 min, 15 min, 1 h, 4 h) / 'failed' (other statuses, a 2xx without the success
// pattern, or out of attempts, with the gateway's answer) after it. Every state change is a live event on the
// lead, so its timeline updates. A row found 'sending' at the next run was interrupted and goes again: the one
// window where an SMS can be sent twice (the gateway took it, we died before committing 'sent').
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "store/database.hpp"
#include "tumen/chatter.hpp"

namespace tumen::server {

class SmsService {
public:
    static constexpr const char* send_kind = "sms.send";
    static constexpr int64_t send_interval_s = 60;  // the recurring run that picks up retries that came due
    static constexpr const char* channel = "sms";

    SmsService(store::Database& db, JobRunner& jobs);

    // POST /api/v1/leads/{id}/sms {"text", "to"?} -> the chatter message with its "sms" delivery state.
    Result<ChatterMessage> compose(const Caller& caller, int64_t lead_id, const nlohmann::json& body);

    // Settings (admin). The reply never holds the auth header's value, only "auth_value_set".
    nlohmann::json settings_json();
    Result<nlohmann::json> put_settings(const nlohmann::json& body);  // with "version"
    // Sends one SMS {"to", "text"?} with the saved settings or the body's unsaved ones; the gateway's answer.
    Result<nlohmann::json> test_settings(const nlohmann::json& body);

    Result<nlohmann::json> outbox(const std::string& state, int limit, int64_t before_id);
    Result<nlohmann::json> retry(const Caller& caller, int64_t id);  // failed or waiting -> queued now

    Result<void> send_due(JobContext& ctx);  // the job body

    // Tests.
    void set_retry_delays(std::vector<int64_t> seconds) { retry_delays_ = std::move(seconds); }
    void set_timeout_s(long s) { timeout_s_ = s; }

private:
    std::optional<int64_t> retry_delay(int attempts) const;
    void schedule_next_run();
    nlohmann::json channel_json();
    store::Database& db_;
    JobRunner& jobs_;
    std::vector<int64_t> retry_delays_;  // empty: the schedule of mail_outgoing.hpp
    long timeout_s_ = 15;
    int batch_size_ = 100;
};

}  // namespace tumen::server
