// Settings › API keys and Kiosk tokens: the lists, creating one (its secret is shown once, until dismissed or the
// user leaves the settings) and revoking one after a confirmation.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct ApiKeyRow {
    std::int64_t id = 0;
    std::string name, prefix, user_login, created_at, last_used_at, expires_at;  // expires_at "" = never
    bool read_only = false;
    bool expired = false;  // the server refuses it (401); listed until revoked so the owner sees why
};

// The lifetimes the new-key form offers, in days (0 = never expires).
const std::vector<int>& api_key_lifetimes();

struct KioskRow {
    std::int64_t id = 0;
    std::string name, prefix, created_at, last_used_at;
    std::vector<std::int64_t> team_ids;
    bool leaderboard = false;
};

// "api_key" or "kiosk": which list a pending revoke or a fresh secret belongs to.
struct TokenRef {
    std::string kind;
    std::int64_t id = 0;
};

class TokensAdmin {
public:
    explicit TokensAdmin(SettingsIo& io) : io_(io) {}

    void ensure_keys();
    void ensure_kiosks();
    void reset();
    bool loading() const { return loading_keys_ || loading_kiosks_; }
    const std::vector<ApiKeyRow>& keys() const { return keys_; }
    const std::vector<KioskRow>& kiosks() const { return kiosks_; }

    // New API key: name, read-only, lifetime (one of api_key_lifetimes()).
    std::string key_name;
    bool key_read_only = false;
    int key_expires_days = 0;
    void create_key();
    // New kiosk token: name, the teams whose boards it shows, leaderboard.
    std::string kiosk_name;
    std::vector<std::int64_t> kiosk_teams;
    bool kiosk_leaderboard = false;
    void toggle_kiosk_team(std::int64_t team_id);
    void create_kiosk();

    // The secret of the key or token just created: shown once.
    const std::string& secret() const { return secret_; }
    const TokenRef& secret_of() const { return secret_of_; }
    void dismiss_secret() {
        secret_.clear();
        secret_of_ = {};
    }

    void ask_revoke(std::string kind, std::int64_t id) { pending_ = TokenRef{std::move(kind), id}; }
    const std::optional<TokenRef>& pending() const { return pending_; }
    void cancel_revoke() { pending_.reset(); }
    void confirm_revoke();

    bool busy() const { return busy_; }
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    const Message& banner() const { return banner_; }

private:
    void load_keys();
    void load_kiosks();
    void failed(const HttpResponse& reply);

    SettingsIo& io_;
    std::vector<ApiKeyRow> keys_;
    std::vector<KioskRow> kiosks_;
    bool loading_keys_ = false, keys_loaded_ = false, loading_kiosks_ = false, kiosks_loaded_ = false, busy_ = false;
    std::string secret_;
    TokenRef secret_of_;
    std::optional<TokenRef> pending_;
    FieldMessages errors_;
    Message banner_;
};

}  // namespace tumen::client
