// Outgoing e-mail (SPEC F-MAIL): compose from a lead, the outbox and its "mail.send" job, SMTP settings and
// templates.
//
// Compose writes the chatter message (kind 'email'), the outbox row (with its fixed Message-ID) and the job run
// that sends it in ONE transaction, so a mail is either wholly queued or not at all. The job walks the due rows in
// batches over one SMTP connection; each row is committed 'sending' before its transfer and 'sent' / 'queued'
// (temporary failure: 1 min, 5 min, 15 min, 1 h, 4 h) / 'failed' (5xx, or out of attempts, with the server's
// answer) after it. A failure of the connection or the login is the channel's, not the message's: the batch
// stops, the rows stay queued without using an attempt, and Settings shows the server's answer in red.
//
// Restart safety: a stop between two messages leaves the rest queued; a row found 'sending' at the next run was
// interrupted mid-transfer and goes again with the same Message-ID. That is the one window where a message can
// arrive twice: the server accepted the final "." (250) and we died before committing 'sent' - SMTP has no way
// to ask the server afterwards; receivers can drop the duplicate by its Message-ID.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "services/attachment_service.hpp"
#include "store/database.hpp"
#include "store/mail_settings.hpp"
#include "tumen/chatter.hpp"
#include "tumen/mail_outgoing.hpp"
#include "tumen/mail_template.hpp"

namespace tumen::server {

// A mail the server writes itself (meeting invitations, reminders, digests, quotations), not a user's compose.
struct SystemMailFile {
    std::string file_name, mimetype, content;  // mimetype "" = sniffed from the content and name
};
struct SystemMail {
    std::string res_model;  // the record it is about: "", "lead", "contact", "quotation" or "user" (the outbox's list)
    int64_t res_id = 0;
    std::vector<std::string> to;  // formatted addresses ("Name <a@b>")
    std::string subject, body_text, body_html;  // body_html "" = made from the text
    std::vector<SystemMailFile> files;  // kept with the outbox row until it is gone
    std::optional<int64_t> created_by;
    std::string from;  // "" = the default sender of Settings > E-mail
};

class MailService {
public:
    static constexpr const char* send_kind = "mail.send";
    static constexpr int64_t send_interval_s = 60;  // the recurring run that picks up retries that came due
    static constexpr const char* channel = "smtp";

    MailService(store::Database& db, JobRunner& jobs, AttachmentService& files);

    // POST /api/v1/leads/{id}/mail -> the chatter message with its "mail" delivery state.
    Result<ChatterMessage> compose(const Caller& caller, int64_t lead_id, const nlohmann::json& body);

    // Queues one outbox row inside the caller's transaction; the mail.send job sends it with the usual retries.
    // Errors name the field: "from" (no sender configured), "to" (none, or not an address), "subject".
    // Call poke_sender() after the commit.
    Result<int64_t> queue_system_mail(store::Connection& c, const SystemMail& m);
    void poke_sender() { jobs_.poke(); }

    // Settings (admin). The reply never holds the password, only "password_set".
    nlohmann::json settings_json();
    Result<nlohmann::json> put_settings(const nlohmann::json& body);  // with "version"
    // Connect + EHLO + STARTTLS/AUTH + NOOP with the saved settings, or with the body's unsaved ones (a missing
    // password means the saved one). {"ok", "code", "message"}; the smtp channel records the outcome.
    Result<nlohmann::json> test_settings(const nlohmann::json& body);

    // Outbox (managers).
    Result<nlohmann::json> outbox(const std::string& state, int limit, int64_t before_id);
    Result<nlohmann::json> retry(const Caller& caller, int64_t id);  // failed or waiting -> queued now

    // Templates: read by users, written by managers.
    Result<std::vector<tumen::mail::MailTemplate>> templates(bool active_only);
    Result<tumen::mail::MailTemplate> template_get(int64_t id);
    Result<tumen::mail::MailTemplate> template_create(const Caller& caller, const nlohmann::json& body);
    Result<tumen::mail::MailTemplate> template_update(const Caller& caller, int64_t id, const nlohmann::json& patch);
    Result<bool> template_delete(const Caller& caller, int64_t id);

    // The job body: sends every due row.
    Result<void> send_due(JobContext& ctx);

    // Tests and benchmarks.
    void set_retry_delays(std::vector<int64_t> seconds) { retry_delays_ = std::move(seconds); }
    void set_channel_retry_s(int64_t s) { channel_retry_s_ = s; }
    void set_batch_size(int n) { batch_size_ = n; }

private:
    std::optional<int64_t> retry_delay(int attempts) const;
    void schedule_next_run(int64_t not_before);
    void record_channel(bool ok, const std::string& error);  // the "smtp" channel's counters and state
    nlohmann::json channel_json();
    store::Database& db_;
    JobRunner& jobs_;
    AttachmentService& files_;
    std::vector<int64_t> retry_delays_;  // empty: the schedule of mail_outgoing.hpp
    int64_t channel_retry_s_ = 60;
    int batch_size_ = 100;
};

}  // namespace tumen::server
