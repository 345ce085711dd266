#include "services/second_factor.hpp"

#include <sodium.h>

#include <cctype>

#include "services/auth_service.hpp"
#include "services/totp.hpp"
#include "store/second_factor.hpp"

namespace tumen::server {

namespace {

// Bound to the user, so one table of hashes cannot be matched against every account at once.
std::string recovery_hash(int64_t user_id, const std::string& normalized) {
    return token_hash("recovery:" + std::to_string(user_id) + ":" + normalized);
}

std::string make_recovery_code() {
    unsigned char raw[8];
    randombytes_buf(raw, sizeof raw);
    std::string b32 = totp::base32_encode(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw)).substr(0, 12);
    for (auto& ch : b32) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return b32.substr(0, 4) + "-" + b32.substr(4, 4) + "-" + b32.substr(8, 4);  // 60 random bits
}

}  // namespace

std::string SecondFactor::normalize_recovery_code(const std::string& code) {
    std::string out;
    for (char ch : code) {
        if (ch == '-' || ch == ' ') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return out;
}

bool SecondFactor::enabled(int64_t user_id) { return store::get_totp(db_.reader(), user_id).secret.has_value(); }

TotpSetup SecondFactor::begin_setup(int64_t user_id, const std::string& login) {
    TotpSetup s;
    s.secret = totp::new_secret();
    s.uri = totp::otpauth_uri(totp_issuer, login, s.secret);
    db_.write([&](store::Connection& c) { store::set_totp_pending(c, user_id, s.secret); });
    return s;
}

Result<std::vector<std::string>> SecondFactor::confirm_setup(int64_t user_id, const std::string& code, int64_t now) {
    return db_.write([&](store::Connection& c) -> Result<std::vector<std::string>> {
        auto state = store::get_totp(c, user_id);
        if (!state.pending) return Error::make(ErrorCode::conflict, "Start the set-up first (POST /api/v1/account/totp/setup)");
        auto key = totp::base32_decode(*state.pending);
        auto step = key ? totp::matching_step(*key, code, now) : std::nullopt;
        if (!step) {
            Error e = Error::make(ErrorCode::validation, "code: does not match; check the clock of your phone", "code");
            e.details.push_back({"code", "does not match", "error.totp_wrong"});
            return e;
        }
        store::enable_totp(c, user_id, *state.pending, *step);
        return new_recovery_codes(c, user_id);
    });
}

void SecondFactor::disable(store::Connection& c, int64_t user_id) { store::disable_totp(c, user_id); }

std::vector<std::string> SecondFactor::new_recovery_codes(store::Connection& c, int64_t user_id) {
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < recovery_code_count; ++i) {
        codes.push_back(make_recovery_code());
        hashes.push_back(recovery_hash(user_id, normalize_recovery_code(codes.back())));
    }
    store::replace_recovery_codes(c, user_id, hashes);
    return codes;
}

int64_t SecondFactor::recovery_codes_left(int64_t user_id) { return store::recovery_codes_left(db_.reader(), user_id); }

SecondFactor::Check SecondFactor::verify(store::Connection& c, int64_t user_id, const std::string& code,
                                         const std::string& recovery_code, int64_t now) {
    auto state = store::get_totp(c, user_id);
    if (!state.secret) return Check::wrong;
    if (!code.empty()) {
        auto key = totp::base32_decode(*state.secret);
        auto step = key ? totp::matching_step(*key, code, now) : std::nullopt;
        // accept_totp_step refuses a step at or before the last one used: a code seen over a shoulder is spent.
        return step && store::accept_totp_step(c, user_id, *step) ? Check::totp : Check::wrong;
    }
    if (!recovery_code.empty()) {
        auto n = normalize_recovery_code(recovery_code);
        return store::use_recovery_code(c, user_id, recovery_hash(user_id, n), now) ? Check::recovery_code : Check::wrong;
    }
    return Check::wrong;
}

}  // namespace tumen::server
