// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1 from OpenSSL's libcrypto, since
// libsodium has no SHA-1), base32 seeds (RFC 4648) and the otpauth:// URI that authenticator apps scan.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tumen::server::totp {

inline constexpr int step_seconds = 30;
inline constexpr int digits = 6;
inline constexpr int seed_bytes = 20;  // 160 bits, as RFC 4226 recommends

std::string base32_encode(std::string_view bytes);                       // upper case, no padding
std::optional<std::string> base32_decode(std::string_view text);         // ignores case, spaces, '-' and '='

// RFC 4226: the `digits`-digit code for `counter` (zero-padded).
std::string hotp(std::string_view key, uint64_t counter, int code_digits = digits);
// RFC 6238: the code for the 30-second step that holds `unix_time`.
std::string code_at(std::string_view key, int64_t unix_time, int code_digits = digits);
inline int64_t step_of(int64_t unix_time) { return unix_time / step_seconds; }

// The time step whose code equals `code`, looking `window` steps either side of now (clock drift), or nullopt.
std::optional<int64_t> matching_step(std::string_view key, std::string_view code, int64_t unix_time, int window = 1);

// A fresh random seed, base32.
std::string new_secret();
// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace tumen::server::totp
