// Settings › E-mail: the outgoing SMTP server (administrators: host, port, security, login, a write-only
// password, the default sender, "send as the user"), the Test button with the server's own answer, the mail
// channels with their counters and a loud error state, and the outbox with Retry for failed messages
// (managers and administrators). While a message waits in the outbox the lists reload every few seconds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct SmtpForm {
    std::string host, port = "587", security = "starttls", user, password, default_from, company_name;
    bool password_set = false;  // the server has one (it never sends it back)
    bool use_user_from = false;  // From: the signed-in user's address instead of the default sender
    std::int64_t version = 0;    // of the settings read (PUT sends it; a stale one is a 409)
};

struct MailChannel {
    std::int64_t id = 0;
    std::string name, direction, state, last_error, last_error_at, last_success_at;
    std::int64_t received = 0, created = 0, appended = 0, rejected = 0, sent = 0, failed = 0;
    bool in_error() const { return state == "error"; }
};

struct OutboxRow {
    std::int64_t id = 0;
    std::string res_model, state, subject, last_error, created_at, sent_at, next_try_at;
    std::int64_t res_id = 0, attempts = 0;
    std::vector<std::string> to;
    bool pending() const { return state == "queued" || state == "sending"; }
    // The server takes a failed mail, or a queued one waiting for its next try, to send it now.
    bool can_retry() const { return state == "failed" || (state == "queued" && attempts > 0); }
};

// Unix seconds or an ISO string from the server, as ISO text ("" for none).
std::string time_text(const nlohmann::json& v);

class MailAdmin {
public:
    explicit MailAdmin(SettingsIo& io) : io_(io) {}

    // `admin`: the SMTP form too (managers see channels and outbox only).
    void ensure_loaded(bool admin);
    void reload();
    void reset();

    // --- SMTP (administrators) ---
    SmtpForm smtp;
    bool smtp_loaded() const { return smtp_loaded_; }
    void save_smtp();
    // Connects and signs in with the form as it is (unsaved edits included; an empty password field uses the
    // saved one); the answer (the SMTP server's text) shows under the button.
    void test_smtp();
    bool testing() const { return testing_; }
    // nullopt before a test; true/false with the server's answer after one.
    const std::optional<bool>& test_ok() const { return test_ok_; }
    const std::string& test_answer() const { return test_answer_; }
    bool saving() const { return saving_; }
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;

    // --- channels and outbox (managers) ---
    const std::vector<MailChannel>& channels() const { return channels_; }
    const std::vector<OutboxRow>& outbox() const { return outbox_; }
    bool loading() const { return loading_ > 0; }
    // "" = all, or queued / failed / sent.
    const std::string& outbox_filter() const { return filter_; }
    void set_outbox_filter(const std::string& state);
    void retry(std::int64_t outbox_id);
    // Reloads channels and outbox every `every_ms` while a message waits (the caller's clock).
    void poll(double now_ms, double every_ms = 2000);

    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void load_smtp();
    void load_lists();
    void take_smtp(const nlohmann::json& j);
    nlohmann::json smtp_body() const;

    SettingsIo& io_;
    bool admin_ = false, loaded_ = false, smtp_loaded_ = false;
    bool saving_ = false, testing_ = false;
    int loading_ = 0;
    std::optional<bool> test_ok_;
    std::string test_answer_;
    std::vector<MailChannel> channels_;
    std::vector<OutboxRow> outbox_;
    std::string filter_;
    double last_poll_ms_ = 0;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
