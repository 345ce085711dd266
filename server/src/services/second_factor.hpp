// The mechanics of the optional TOTP second factor: enrolment (pending seed until the first good code), checking
// a code or a single-use recovery code at sign-in, and making recovery codes (shown once, stored hashed).
// Who may call these and with which confirmation is decided by the account service.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

inline constexpr const char* totp_issuer = "Tumen CRM";
inline constexpr int recovery_code_count = 10;

struct TotpSetup {
    std::string secret;  // base32, for manual entry
    std::string uri;     // otpauth://..., for a QR code
};

class SecondFactor {
public:
    explicit SecondFactor(store::Database& db) : db_(db) {}

    bool enabled(int64_t user_id);
    TotpSetup begin_setup(int64_t user_id, const std::string& login);
    // Turns TOTP on when `code` matches the pending seed; returns fresh recovery codes.
    Result<std::vector<std::string>> confirm_setup(int64_t user_id, const std::string& code, int64_t now);
    void disable(store::Connection& c, int64_t user_id);
    std::vector<std::string> new_recovery_codes(store::Connection& c, int64_t user_id);
    int64_t recovery_codes_left(int64_t user_id);

    enum class Check { wrong, totp, recovery_code };
    // Checks and consumes a TOTP code (each time step once) or a recovery code, inside the caller's transaction.
    Check verify(store::Connection& c, int64_t user_id, const std::string& code, const std::string& recovery_code, int64_t now);

    // "ABCD-efgh ijkl" -> "abcdefghijkl"
    static std::string normalize_recovery_code(const std::string& code);

private:
    store::Database& db_;
};

}  // namespace tumen::server
