// Sign-in, sessions and the first administrator. Passwords: Argon2id through libsodium's crypto_pwhash_str.
// Session tokens: 256 random bits in an HttpOnly SameSite=Strict cookie; only their hash is stored.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>

#include "http/router.hpp"
#include "store/database.hpp"

namespace tumen::server {

struct LoginResult {
    std::string token;  // goes into the cookie, never stored
    Caller caller;
};

class AuthService {
public:
    static constexpr const char* cookie_name = "tumen_session";
    static constexpr int64_t idle_timeout_seconds = 8 * 3600;
    static constexpr int64_t absolute_timeout_seconds = 7 * 24 * 3600;

    explicit AuthService(store::Database& db) : db_(db) {}

    // Creates the administrator when the database has no user. Returns the password to print once
    // (the given one, or a random one), or nullopt when users already exist.
    std::optional<std::string> ensure_admin(const std::string& wanted_password);
    // Sets a user's password from the command line (tumen-server --reset-password LOGIN).
    Result<bool> reset_password(const std::string& login, const std::string& new_password);

    Result<LoginResult> login(const std::string& login, const std::string& password, const std::string& client_addr,
                              const std::string& user_agent);
    void logout(int64_t session_id);
    std::optional<Caller> authenticate(const httplib::Request& req);

    static std::string hash_password(const std::string& password);
    static bool verify_password(const std::string& hash, const std::string& password);
    static std::optional<std::string> password_problem(const std::string& login, const std::string& password);
    static std::string cookie_header(const std::string& token, bool secure);
    static std::string clear_cookie_header();

private:
    store::Database& db_;
};

std::string random_token(size_t bytes = 32);  // base64url, no padding
std::string token_hash(const std::string& token);  // hex of BLAKE2b-256
int64_t unix_now();

}  // namespace tumen::server
