// Settings › My account: who I am (role decides which settings sections exist), changing my password, and the
// TOTP second factor: set-up (secret + otpauth URI to type or paste into an authenticator), enabling with a code
// (recovery codes shown once), new recovery codes and turning it off (both need the password).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct Profile {
    std::int64_t id = 0;
    std::string login, name, email, role;
    bool totp_enabled = false;
    std::int64_t recovery_codes_left = 0;
    std::string lang, tz;          // "mn" | "en"; an IANA zone: what the server's e-mails and "today" use
    bool activity_digest = false;  // a daily e-mail of my activities
};

// The IANA zones offered in the pickers (Mongolia's first); a stored zone not in it is offered too.
const std::vector<std::string>& common_time_zones();

class AccountSettings {
public:
    explicit AccountSettings(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reset();
    bool loaded() const { return loaded_; }
    bool loading() const { return loading_; }
    const Profile& profile() const { return profile_; }

    // Language, time zone and the daily digest (drafts filled from the profile; saved together).
    std::string lang, tz;
    bool activity_digest = false;
    bool preferences_changed() const;
    void save_preferences();

    // Password change.
    std::string old_password, new_password, repeat_password;
    void change_password();

    // Two-factor set-up: begin_setup() asks for a secret; then the user types a code and enable() confirms it.
    void begin_setup();
    void cancel_setup();
    bool setting_up() const { return !secret_.empty(); }
    const std::string& secret() const { return secret_; }
    const std::string& otpauth_uri() const { return uri_; }
    std::string code;
    void enable();
    // Turning off and new recovery codes ask for the password (`confirm_password`).
    std::string confirm_password;
    void disable();
    void new_recovery_codes();
    // Recovery codes just issued: shown once, until dismissed or the user leaves the settings.
    const std::vector<std::string>& recovery_codes() const { return codes_; }
    void dismiss_codes() { codes_.clear(); }

    bool busy() const { return busy_; }
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void load();
    void failed(const HttpResponse& reply);
    void start(const std::string& path, const nlohmann::json& body, std::function<void(const HttpResponse&)> ok,
               const char* method = "POST");
    void take_preferences(const nlohmann::json& j);

    SettingsIo& io_;
    Profile profile_;
    bool loaded_ = false, loading_ = false, busy_ = false, failed_ = false;
    std::string secret_, uri_;
    std::vector<std::string> codes_;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
