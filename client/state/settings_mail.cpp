#include "settings_mail.hpp"

#include <algorithm>
#include <cstdio>

#include "api_io.hpp"
#include "mail_status.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

const nlohmann::json* settings_mail_items_of(const nlohmann::json& j) {
    if (j.is_object() && j.contains("items") && j["items"].is_array()) return &j["items"];
    if (j.is_array()) return &j;
    return nullptr;
}

MailChannel channel_of(const nlohmann::json& j) {
    MailChannel c;
    c.id = int_or_zero(j, "id");
    c.name = str(j, "name");
    c.direction = str(j, "direction");
    c.state = str(j, "state");
    c.last_error = str(j, "last_error");
    c.last_error_at = time_text(j.value("last_error_at", nlohmann::json()));
    c.last_success_at = time_text(j.value("last_success_at", nlohmann::json()));
    // Counters may come flat or under "counters".
    const nlohmann::json& n = j.contains("counters") && j["counters"].is_object() ? j["counters"] : j;
    c.received = int_or_zero(n, "received");
    c.created = int_or_zero(n, "created");
    c.appended = int_or_zero(n, "appended");
    c.rejected = int_or_zero(n, "rejected");
    c.sent = int_or_zero(n, "sent");
    c.failed = int_or_zero(n, "failed");
    return c;
}

OutboxRow outbox_row_of(const nlohmann::json& j) {
    OutboxRow r;
    r.id = int_or_zero(j, "id");
    r.res_model = str(j, "res_model");
    r.res_id = int_or_zero(j, "res_id");
    r.state = str(j, "state");
    r.subject = str(j, "subject");
    r.last_error = str(j, "last_error");
    r.attempts = int_or_zero(j, "attempts");
    r.created_at = time_text(j.value("created_at", nlohmann::json()));
    r.sent_at = time_text(j.value("sent_at", nlohmann::json()));
    r.next_try_at = time_text(j.value("next_try_at", nlohmann::json()));
    if (j.contains("to")) r.to = address_list_of(j["to"]);
    else if (j.contains("mail_to")) r.to = address_list_of(j["mail_to"]);
    return r;
}

// 2026-11-27T10:00:00Z from unix seconds (UTC).
std::string iso_of(std::int64_t t) {
    std::int64_t days = t / 86400, s = t % 86400;
    if (s < 0) {
        s += 86400;
        --days;
    }
    // civil_from_days (H. Hinnant)
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(y % 10000), static_cast<int>(m),
                  static_cast<int>(d), static_cast<int>(s / 3600), static_cast<int>(s % 3600 / 60), static_cast<int>(s % 60));
    return buf;
}

}  // namespace

std::string time_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() && v.get<std::int64_t>() > 0) return iso_of(v.get<std::int64_t>());
    return {};
}

void MailAdmin::reset() {
    smtp = {};
    admin_ = loaded_ = smtp_loaded_ = saving_ = testing_ = false;
    loading_ = 0;
    test_ok_.reset();
    test_answer_.clear();
    channels_.clear();
    outbox_.clear();
    filter_.clear();
    last_poll_ms_ = 0;
    errors_.clear();
    banner_ = notice_ = {};
}

void MailAdmin::ensure_loaded(bool admin) {
    if (loaded_ && admin == admin_) return;
    admin_ = admin;
    loaded_ = true;
    if (admin_) load_smtp();
    load_lists();
}

void MailAdmin::reload() {
    banner_ = notice_ = {};
    if (admin_) load_smtp();
    load_lists();
}

void MailAdmin::take_smtp(const nlohmann::json& j) {
    if (!j.is_object()) return;
    smtp.host = str(j, "host");
    if (j.contains("port") && j["port"].is_number_integer()) smtp.port = std::to_string(j["port"].get<std::int64_t>());
    else smtp.port = str(j, "port");
    smtp.security = str(j, "security");
    if (smtp.security.empty()) smtp.security = "starttls";
    smtp.user = str(j, "username");
    smtp.default_from = str(j, "default_from");
    smtp.company_name = str(j, "company_name");
    smtp.version = int_or_zero(j, "version");
    smtp.password_set = j.value("password_set", false);
    smtp.use_user_from = j.value("use_user_from", false);
    smtp.password.clear();
    smtp_loaded_ = true;
}

void MailAdmin::load_smtp() {
    ++loading_;
    io_.send("GET", "/api/v1/mail/settings", nullptr, [this](const HttpResponse& reply) {
        --loading_;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        take_smtp(reply_json(reply));
    });
}

void MailAdmin::load_lists() {
    ++loading_;
    io_.send("GET", "/api/v1/mail/channels", nullptr, [this](const HttpResponse& reply) {
        --loading_;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        channels_.clear();
        const auto j = reply_json(reply);
        if (auto items = settings_mail_items_of(j))
            for (const auto& it : *items)
                if (it.is_object()) channels_.push_back(channel_of(it));
    });
    ++loading_;
    const std::string path = "/api/v1/mail/outbox" + (filter_.empty() ? std::string() : "?state=" + filter_);
    io_.send("GET", path, nullptr, [this](const HttpResponse& reply) {
        --loading_;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        outbox_.clear();
        const auto j = reply_json(reply);
        if (auto items = settings_mail_items_of(j))
            for (const auto& it : *items)
                if (it.is_object()) outbox_.push_back(outbox_row_of(it));
    });
}

const Message* MailAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

nlohmann::json MailAdmin::smtp_body() const {
    nlohmann::json b = {{"host", smtp.host},
                        {"security", smtp.security},
                        {"username", smtp.user},
                        {"default_from", smtp.default_from},
                        {"company_name", smtp.company_name},
                        {"use_user_from", smtp.use_user_from}};
    // A port that is not a number goes as typed, so the server names the field.
    const bool digits = !smtp.port.empty() && smtp.port.size() < 6 &&
                        std::all_of(smtp.port.begin(), smtp.port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) b["port"] = std::stoi(smtp.port);
    else b["port"] = smtp.port;
    // Write-only: sent only when typed; an empty field keeps the stored password.
    if (!smtp.password.empty()) b["password"] = smtp.password;
    return b;
}

void MailAdmin::save_smtp() {
    if (saving_) return;
    banner_ = notice_ = {};
    errors_.clear();
    saving_ = true;
    auto body = smtp_body();
    body["version"] = smtp.version;
    io_.send("PUT", "/api/v1/mail/settings", body, [this](const HttpResponse& reply) {
        saving_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                // Someone else saved meanwhile: the edits stay, saving again overwrites knowingly.
                smtp.version = int_or_zero(*current, "version");
                smtp.password_set = current->value("password_set", smtp.password_set);
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        take_smtp(reply_json(reply));
        notice_ = Message::from_key("settings.mail.saved");
    });
}

void MailAdmin::test_smtp() {
    if (testing_) return;
    testing_ = true;
    test_ok_.reset();
    test_answer_.clear();
    io_.send("POST", "/api/v1/mail/settings/test", smtp_body(), [this](const HttpResponse& reply) {
        testing_ = false;
        const auto j = reply_json(reply);
        if (reply.ok() && j.is_object()) {
            test_ok_ = j.value("ok", true);
            test_answer_ = str(j, "message");
            if (test_answer_.empty()) test_answer_ = str(j, "answer");
        } else {
            test_ok_ = false;
            errors_ = field_messages(reply);
            test_answer_ = problem_message(reply).text;
            if (test_answer_.empty()) test_answer_ = "HTTP " + std::to_string(reply.status);
        }
        load_lists();  // the smtp channel's state follows the test
    });
}

void MailAdmin::set_outbox_filter(const std::string& state) {
    if (state == filter_) return;
    filter_ = state;
    load_lists();
}

void MailAdmin::retry(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("POST", "/api/v1/mail/outbox/" + std::to_string(id) + "/retry", nlohmann::json::object(),
             [this, id](const HttpResponse& reply) {
                 if (!reply.ok()) {
                     banner_ = problem_message(reply);
                     return;
                 }
                 const auto j = reply_json(reply);
                 for (auto& r : outbox_)
                     if (r.id == id) {
                         if (j.is_object() && j.contains("state")) r = outbox_row_of(j);
                         else r.state = "queued";
                     }
                 notice_ = Message::from_key("settings.mail.retry_queued");
             });
}

void MailAdmin::poll(double now_ms, double every_ms) {
    const bool waiting = std::any_of(outbox_.begin(), outbox_.end(), [](const OutboxRow& r) { return r.pending(); });
    if (!loaded_ || loading() || !waiting || now_ms - last_poll_ms_ < every_ms) return;
    last_poll_ms_ = now_ms;
    load_lists();
}

}  // namespace tumen::client
