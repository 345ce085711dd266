#include "settings_account.hpp"

#include "api_io.hpp"
#include "app_state.hpp"
#include "tumen/account.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {
std::vector<std::string> codes_of(const nlohmann::json& j) {
    std::vector<std::string> out;
    if (j.is_object() && j.contains("recovery_codes") && j["recovery_codes"].is_array())
        for (const auto& c : j["recovery_codes"])
            if (c.is_string()) out.push_back(c.get<std::string>());
    return out;
}
}  // namespace

const std::vector<std::string>& common_time_zones() {
    static const std::vector<std::string> zones = {
        "Asia/Ulaanbaatar", "Asia/Hovd",        "UTC",           "Asia/Shanghai",   "Asia/Seoul",
        "Asia/Tokyo",       "Asia/Singapore",   "Asia/Kolkata",  "Asia/Dubai",      "Europe/Moscow",
        "Europe/Istanbul",  "Europe/Berlin",    "Europe/London", "America/New_York", "America/Chicago",
        "America/Los_Angeles", "Australia/Sydney"};
    return zones;
}

void AccountSettings::reset() {
    profile_ = {};
    loaded_ = loading_ = busy_ = failed_ = false;
    old_password.clear();
    new_password.clear();
    repeat_password.clear();
    secret_.clear();
    uri_.clear();
    code.clear();
    confirm_password.clear();
    codes_.clear();
    errors_.clear();
    banner_ = notice_ = {};
}

void AccountSettings::ensure_loaded() {
    if (!loaded_ && !loading_ && !failed_) load();
}

void AccountSettings::load() {
    loading_ = true;
    io_.send("GET", "/api/v1/account", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) {
            failed_ = true;  // no retry every frame; leaving the settings and coming back asks again
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        profile_.id = j.value("id", std::int64_t{0});
        profile_.login = str(j, "login");
        profile_.name = str(j, "name");
        profile_.email = str(j, "email");
        profile_.role = str(j, "role");
        profile_.totp_enabled = j.value("totp_enabled", false);
        profile_.recovery_codes_left = j.value("recovery_codes_left", std::int64_t{0});
        take_preferences(j);
        loaded_ = true;
    });
}

const Message* AccountSettings::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void AccountSettings::failed(const HttpResponse& reply) {
    errors_ = field_messages(reply);
    if (errors_.empty()) banner_ = problem_message(reply);
}

void AccountSettings::start(const std::string& path, const nlohmann::json& body, std::function<void(const HttpResponse&)> ok,
                            const char* method) {
    busy_ = true;
    io_.send(method, path, body, [this, ok = std::move(ok)](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        ok(reply);
    });
}

void AccountSettings::take_preferences(const nlohmann::json& j) {
    profile_.lang = str(j, "lang");
    profile_.tz = str(j, "tz");
    profile_.activity_digest = j.value("activity_digest", false);
    lang = profile_.lang;
    tz = profile_.tz;
    activity_digest = profile_.activity_digest;
}

bool AccountSettings::preferences_changed() const {
    return lang != profile_.lang || tz != profile_.tz || activity_digest != profile_.activity_digest;
}

void AccountSettings::save_preferences() {
    if (busy_ || !preferences_changed()) return;
    errors_.clear();
    banner_ = notice_ = {};
    nlohmann::json body = nlohmann::json::object();  // only what changed
    if (lang != profile_.lang) body["lang"] = lang;
    if (tz != profile_.tz) body["tz"] = tz;
    if (activity_digest != profile_.activity_digest) body["activity_digest"] = activity_digest;
    start("/api/v1/account", body, [this](const HttpResponse& reply) {
        const auto j = reply_json(reply);
        if (j.is_object()) take_preferences(j);
        // The interface follows the language only once the server has kept it (a refused save changes nothing).
        if (auto l = i18n::parse_code(profile_.lang)) io_.app().set_language(*l);
        notice_ = Message::from_key("settings.account.preferences_saved");
    }, "PATCH");
}

void AccountSettings::change_password() {
    if (busy_) return;
    errors_.clear();
    banner_ = notice_ = {};
    if (old_password.empty()) errors_["old_password"] = Message::from_key("settings.error.required", {}, "old_password");
    if (auto p = account::password_problem(profile_.login, new_password))
        errors_["new_password"] = Message::from_key("settings." + p->key, {}, "new_password");
    else if (new_password != repeat_password)
        errors_["repeat_password"] = Message::from_key("settings.account.mismatch", {}, "repeat_password");
    if (!errors_.empty()) return;
    start("/api/v1/account/password", {{"old_password", old_password}, {"new_password", new_password}},
          [this](const HttpResponse&) {
              old_password.clear();
              new_password.clear();
              repeat_password.clear();
              notice_ = Message::from_key("settings.account.password_changed");
          });
}

void AccountSettings::begin_setup() {
    if (busy_) return;
    errors_.clear();
    banner_ = notice_ = {};
    code.clear();
    start("/api/v1/account/totp/setup", nlohmann::json::object(), [this](const HttpResponse& reply) {
        const auto j = reply_json(reply);
        secret_ = str(j, "secret");
        uri_ = str(j, "otpauth_uri");
        if (secret_.empty()) banner_ = Message::from_key("error.bad_response");
    });
}

void AccountSettings::cancel_setup() {
    secret_.clear();
    uri_.clear();
    code.clear();
    errors_.clear();
}

void AccountSettings::enable() {
    if (busy_ || secret_.empty()) return;
    errors_.clear();
    banner_ = notice_ = {};
    std::string digits;
    for (char c : code)
        if (c != ' ' && c != '-') digits += c;
    if (digits.size() != 6 || digits.find_first_not_of("0123456789") != std::string::npos) {
        errors_["code"] = Message::from_key("settings.account.code_format", {}, "code");
        return;
    }
    start("/api/v1/account/totp/enable", {{"code", digits}}, [this](const HttpResponse& reply) {
        codes_ = codes_of(reply_json(reply));
        secret_.clear();
        uri_.clear();
        code.clear();
        profile_.totp_enabled = true;
        profile_.recovery_codes_left = static_cast<std::int64_t>(codes_.size());
        notice_ = Message::from_key("settings.account.totp_on");
    });
}

void AccountSettings::disable() {
    if (busy_) return;
    errors_.clear();
    banner_ = notice_ = {};
    if (confirm_password.empty()) {
        errors_["password"] = Message::from_key("settings.error.required", {}, "password");
        return;
    }
    start("/api/v1/account/totp/disable", {{"password", confirm_password}}, [this](const HttpResponse&) {
        confirm_password.clear();
        codes_.clear();
        profile_.totp_enabled = false;
        profile_.recovery_codes_left = 0;
        notice_ = Message::from_key("settings.account.totp_off");
    });
}

void AccountSettings::new_recovery_codes() {
    if (busy_) return;
    errors_.clear();
    banner_ = notice_ = {};
    if (confirm_password.empty()) {
        errors_["password"] = Message::from_key("settings.error.required", {}, "password");
        return;
    }
    start("/api/v1/account/totp/recovery-codes", {{"password", confirm_password}}, [this](const HttpResponse& reply) {
        confirm_password.clear();
        codes_ = codes_of(reply_json(reply));
        profile_.recovery_codes_left = static_cast<std::int64_t>(codes_.size());
    });
}

}  // namespace tumen::client
