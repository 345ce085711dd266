// Settings › SMS (administrators): the HTTP gateway (URL template, method, body template and its content type,
// the auth header with a write-only value, success pattern, sender, country code), a Test button that sends one
// SMS and shows the gateway's own answer, the sms channel's state (red on error), and the SMS outbox with Retry.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct SmsGatewayForm {
    std::string url, method = "POST", body, content_type = "application/json", auth_header, auth_value,
        success_pattern, sender, country_code = "976";
    bool auth_value_set = false;  // the server has one (it never sends it back)
    std::int64_t version = 0;
};

struct SmsChannelState {
    std::string state = "unknown", last_error, last_error_at, last_success_at;
    std::int64_t sent = 0, failed = 0;
    bool in_error() const { return state == "error"; }
};

struct SmsOutboxRow {
    std::int64_t id = 0, lead_id = 0, attempts = 0, gateway_status = 0;
    std::string to, body, state, last_error, created_at, sent_at;
    bool pending() const { return state == "queued" || state == "sending"; }
    bool can_retry() const { return state == "failed" || (state == "queued" && attempts > 0); }
};

class SmsAdmin {
public:
    explicit SmsAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();

    SmsGatewayForm gateway;
    bool loaded() const { return loaded_form_; }
    void save();
    bool saving() const { return saving_; }

    // Sends one SMS to `test_to` with the form as it is (an empty key field uses the saved key).
    std::string test_to, test_text;
    void test();
    bool testing() const { return testing_; }
    const std::optional<bool>& test_ok() const { return test_ok_; }
    const std::string& test_answer() const { return test_answer_; }

    const SmsChannelState& channel() const { return channel_; }
    const std::vector<SmsOutboxRow>& outbox() const { return outbox_; }
    void retry(std::int64_t id);
    bool loading() const { return loading_ > 0; }
    // Reloads while an SMS waits, every `every_ms` of the caller's clock.
    void poll(double now_ms, double every_ms = 2000);

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void load_settings();
    void load_outbox();
    void take(const nlohmann::json& j);
    nlohmann::json form_body() const;

    SettingsIo& io_;
    bool loaded_ = false, loaded_form_ = false, saving_ = false, testing_ = false;
    int loading_ = 0;
    std::optional<bool> test_ok_;
    std::string test_answer_;
    SmsChannelState channel_;
    std::vector<SmsOutboxRow> outbox_;
    double last_poll_ms_ = 0;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
