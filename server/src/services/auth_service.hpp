// Sign-in, sessions and the first administrator. Passwords: Argon2id through libsodium's crypto_pwhash_str.
// Session tokens: 256 random bits in an HttpOnly SameSite=Strict cookie (Secure over TLS); only their hash is stored.
// Sign-in is throttled per account and per address (services/login_throttle.hpp); users with TOTP get a challenge
// after the password and a session only after the code (services/second_factor.hpp).
#pragma once
#include <httplib.h>

#include <atomic>
#include <optional>
#include <string>

#include "caller.hpp"
#include "services/access_tokens.hpp"
#include "services/login_throttle.hpp"
#include "services/second_factor.hpp"
#include "store/database.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

struct LoginResult {
    std::string token;      // goes into the cookie, never stored; empty while a second factor is pending
    Caller caller;
    std::string challenge;  // non-empty: the password was right, now send a TOTP or recovery code with this
};

class AuthService {
public:
    static constexpr const char* cookie_name = "tumen_session";
    static constexpr int64_t idle_timeout_seconds = 8 * 3600;
    static constexpr int64_t absolute_timeout_seconds = 7 * 24 * 3600;
    static constexpr int64_t challenge_seconds = 300;
    static constexpr int64_t challenge_attempts = 5;

    explicit AuthService(store::Database& db, ThrottlePolicy policy = {});

    // Creates the administrator when the database has no user. Returns the password to print once
    // (the given one, or a random one), or nullopt when users already exist.
    std::optional<std::string> ensure_admin(const std::string& wanted_password);
    // Sets a user's password from the command line (tumen-server --reset-password LOGIN); also lifts its lock.
    Result<bool> reset_password(const std::string& login, const std::string& new_password);

    Result<LoginResult> login(const std::string& login, const std::string& password, const std::string& client_addr,
                              const std::string& user_agent);
    // Second step for users with TOTP: `code` (6 digits) or `recovery_code`, with the challenge from login().
    Result<LoginResult> login_second_factor(const std::string& challenge, const std::string& code,
                                            const std::string& recovery_code, const std::string& client_addr,
                                            const std::string& user_agent);
    void logout(int64_t session_id);
    // Session cookie, or "Authorization: Bearer" API key / kiosk token (kiosks may also pass ?kiosk_token= on GET,
    // for EventSource, which cannot set headers).
    std::optional<Caller> authenticate(const httplib::Request& req);
    // The session the request's cookie names, if valid (used to end it when the same browser signs in again).
    std::optional<Caller> session_of(const httplib::Request& req);

    // Checks the password of a signed-in user (changing password, turning 2FA off), counted by the throttle.
    Result<bool> confirm_password(const Caller& caller, const std::string& password, const std::string& client_addr);

    LoginThrottle& throttle() { return throttle_; }
    SecondFactor& second_factor() { return second_factor_; }
    AccessTokens& tokens() { return tokens_; }

    static std::string hash_password(const std::string& password);
    static bool verify_password(const std::string& hash, const std::string& password);
    static std::optional<std::string> password_problem(const std::string& login, const std::string& password);
    static std::string cookie_header(const std::string& token, bool secure);
    static std::string clear_cookie_header(bool secure = false);

private:
    LoginResult open_session(store::Connection& c, int64_t user_id, const std::string& client_addr,
                             const std::string& user_agent);
    Error refuse_login(const std::string& login, std::optional<int64_t> user_id, const std::string& client_addr,
                       const std::string& why, const char* message, const char* key);
    void housekeeping(int64_t now);

    store::Database& db_;
    LoginThrottle throttle_;
    SecondFactor second_factor_;
    AccessTokens tokens_;
    std::atomic<int64_t> last_housekeeping_{0};
};

std::string random_token(size_t bytes = 32);  // base64url, no padding
std::string token_hash(const std::string& token);  // hex of BLAKE2b-256
int64_t unix_now();
// Fills the facts record rules need (teams, portal partner) into a user's Caller.
void add_record_rule_facts(store::Connection& c, Caller& caller);

}  // namespace tumen::server
