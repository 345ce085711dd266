#include "settings_sms.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "json_fields.hpp"
#include "settings_mail.hpp"  // time_text

namespace tumen::client {

namespace {

SmsOutboxRow settings_sms_row_of(const nlohmann::json& j) {
    SmsOutboxRow r;
    r.id = int_or_zero(j, "id");
    r.lead_id = int_or_zero(j, "lead_id");
    r.attempts = int_or_zero(j, "attempts");
    r.gateway_status = int_or_zero(j, "gateway_status");
    r.to = str(j, "to");
    r.body = str(j, "body");
    r.state = str(j, "state");
    r.last_error = str(j, "last_error");
    r.created_at = time_text(j.value("created_at", nlohmann::json()));
    r.sent_at = time_text(j.value("sent_at", nlohmann::json()));
    return r;
}

}  // namespace

void SmsAdmin::reset() {
    gateway = {};
    test_to.clear();
    test_text.clear();
    loaded_ = loaded_form_ = saving_ = testing_ = false;
    loading_ = 0;
    test_ok_.reset();
    test_answer_.clear();
    channel_ = {};
    outbox_.clear();
    last_poll_ms_ = 0;
    errors_.clear();
    banner_ = notice_ = {};
}

void SmsAdmin::ensure_loaded() {
    if (loaded_) return;
    loaded_ = true;
    load_settings();
    load_outbox();
}

void SmsAdmin::reload() {
    banner_ = notice_ = {};
    load_settings();
    load_outbox();
}

void SmsAdmin::take(const nlohmann::json& j) {
    if (!j.is_object()) return;
    gateway.url = str(j, "url");
    gateway.method = str(j, "method");
    if (gateway.method.empty()) gateway.method = "POST";
    gateway.body = str(j, "body");
    gateway.content_type = str(j, "content_type");
    if (gateway.content_type.empty()) gateway.content_type = "application/json";
    gateway.auth_header = str(j, "auth_header");
    gateway.auth_value.clear();
    gateway.auth_value_set = j.value("auth_value_set", false);
    gateway.success_pattern = str(j, "success_pattern");
    gateway.sender = str(j, "sender");
    gateway.country_code = str(j, "country_code");
    gateway.version = int_or_zero(j, "version");
    if (j.contains("channel") && j["channel"].is_object()) {
        const auto& c = j["channel"];
        channel_.state = str(c, "state");
        channel_.last_error = str(c, "last_error");
        channel_.last_error_at = time_text(c.value("last_error_at", nlohmann::json()));
        channel_.last_success_at = time_text(c.value("last_success_at", nlohmann::json()));
        channel_.sent = int_or_zero(c, "sent");
        channel_.failed = int_or_zero(c, "failed");
    }
    loaded_form_ = true;
}

void SmsAdmin::load_settings() {
    ++loading_;
    io_.send("GET", "/api/v1/settings/sms", nullptr, [this](const HttpResponse& reply) {
        --loading_;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        // A reload must not throw away what the admin is typing: the form is taken only the first time.
        const auto j = reply_json(reply);
        if (!loaded_form_) take(j);
        else if (j.is_object() && j.contains("channel")) {
            SmsGatewayForm keep = gateway;
            take(j);
            keep.version = gateway.version;
            keep.auth_value_set = gateway.auth_value_set;
            gateway = keep;
        }
    });
}

void SmsAdmin::load_outbox() {
    ++loading_;
    io_.send("GET", "/api/v1/sms/outbox", nullptr, [this](const HttpResponse& reply) {
        --loading_;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        outbox_.clear();
        const auto j = reply_json(reply);
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"])
                if (it.is_object()) outbox_.push_back(settings_sms_row_of(it));
    });
}

const Message* SmsAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

nlohmann::json SmsAdmin::form_body() const {
    nlohmann::json b = {{"url", gateway.url},
                        {"method", gateway.method},
                        {"body", gateway.body},
                        {"content_type", gateway.content_type},
                        {"auth_header", gateway.auth_header},
                        {"success_pattern", gateway.success_pattern},
                        {"sender", gateway.sender},
                        {"country_code", gateway.country_code}};
    if (!gateway.auth_value.empty()) b["auth_value"] = gateway.auth_value;  // write-only: only when typed
    return b;
}

void SmsAdmin::save() {
    if (saving_) return;
    banner_ = notice_ = {};
    errors_.clear();
    saving_ = true;
    auto body = form_body();
    body["version"] = gateway.version;
    io_.send("PUT", "/api/v1/settings/sms", body, [this](const HttpResponse& reply) {
        saving_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                gateway.version = int_or_zero(*current, "version");  // the edits stay; saving again overwrites knowingly
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        loaded_form_ = false;
        take(reply_json(reply));
        notice_ = Message::from_key("settings.sms.saved");
        load_outbox();
    });
}

void SmsAdmin::test() {
    if (testing_) return;
    testing_ = true;
    test_ok_.reset();
    test_answer_.clear();
    errors_.erase("to");
    auto body = form_body();
    body["to"] = test_to;
    if (!test_text.empty()) body["text"] = test_text;
    io_.send("POST", "/api/v1/settings/sms/test", body, [this](const HttpResponse& reply) {
        testing_ = false;
        const auto j = reply_json(reply);
        if (reply.ok() && j.is_object()) {
            test_ok_ = j.value("ok", false);
            test_answer_ = str(j, "reply");
            if (j.contains("status") && j["status"].is_number_integer() && j["status"] != 0)
                test_answer_ = "HTTP " + std::to_string(j["status"].get<std::int64_t>()) + (test_answer_.empty() ? "" : ": " + test_answer_);
        } else {
            test_ok_ = false;
            errors_ = field_messages(reply);
            test_answer_ = problem_message(reply).text;
            if (test_answer_.empty()) test_answer_ = "HTTP " + std::to_string(reply.status);
        }
        load_settings();  // the channel's state follows the test
    });
}

void SmsAdmin::retry(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("POST", "/api/v1/sms/" + std::to_string(id) + "/retry", nlohmann::json::object(),
             [this, id](const HttpResponse& reply) {
                 if (!reply.ok()) {
                     banner_ = problem_message(reply);
                     return;
                 }
                 const auto j = reply_json(reply);
                 for (auto& r : outbox_)
                     if (r.id == id) r = j.is_object() && j.contains("state") ? settings_sms_row_of(j) : r;
                 notice_ = Message::from_key("settings.sms.retry_queued");
             });
}

void SmsAdmin::poll(double now_ms, double every_ms) {
    const bool waiting = std::any_of(outbox_.begin(), outbox_.end(), [](const SmsOutboxRow& r) { return r.pending(); });
    if (!loaded_ || loading() || !waiting || now_ms - last_poll_ms_ < every_ms) return;
    last_poll_ms_ = now_ms;
    load_settings();
    load_outbox();
}

}  // namespace tumen::client
