// "Send SMS" from the lead form: the phone (prefilled with the lead's mobile, else its phone), the text with a live
// segment count (shared/ sms_gateway: GSM-7 160/153, UCS-2 70/67 - Mongolian Cyrillic is UCS-2), and Send: POST
// /leads/{id}/sms; a 422 puts the server's message under the field it names and the dialog stays open; it closes
// once the SMS is queued. Also the delivery state of an SMS in the timeline ("sms" of a chatter message).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/lead.hpp"
#include "tumen/sms_gateway.hpp"

namespace tumen::client {

class AppState;

struct SmsStatus {
    std::int64_t id = 0;
    std::string state;       // queued, sending, sent, failed
    std::string to;          // E.164
    std::string last_error;  // the gateway's answer of the last failure
    std::string sent_at;
    bool pending() const { return state == "queued" || state == "sending"; }
    bool failed() const { return state == "failed"; }
};
// The "sms" object of a chatter message's JSON; nullopt when the message has none.
std::optional<SmsStatus> sms_status_of(const nlohmann::json& message);

class SmsCompose {
public:
    explicit SmsCompose(AppState& app) : io_(app) {}

    void open(const Lead& lead);
    void close();
    bool is_open() const { return open_; }
    std::int64_t lead_id() const { return lead_id_; }

    std::string to, text;
    sms::Segments segments() const { return sms::count_segments(text); }

    void send();
    bool sending() const { return sending_; }
    std::function<void(const nlohmann::json& message)> on_sent;

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }

private:
    SettingsIo io_;
    bool open_ = false, sending_ = false;
    std::int64_t lead_id_ = 0;
    FieldMessages errors_;
    Message banner_;
};

}  // namespace tumen::client
