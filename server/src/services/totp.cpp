#include "services/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <stdexcept>

namespace tumen::server::totp {

namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string percent_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (char ch : text) {
        if (ch == ' ' || ch == '-' || ch == '=') continue;
        char c = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
        auto v = alphabet.find(c);
        if (v == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 5) | static_cast<uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return out;
}

std::string hotp(std::string_view key, uint64_t counter, int code_digits) {
    unsigned char msg[8];
    for (int i = 7; i >= 0; --i, counter >>= 8) msg[i] = static_cast<unsigned char>(counter & 0xff);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &mac_len) || mac_len < 20)
        throw std::runtime_error("HMAC-SHA1 failed");
    // Dynamic truncation (RFC 4226 section 5.3).
    int offset = mac[mac_len - 1] & 0x0f;
    uint32_t bin = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                   (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
    uint32_t mod = 1;
    for (int i = 0; i < code_digits; ++i) mod *= 10;
    std::string code = std::to_string(bin % mod);
    return std::string(static_cast<size_t>(code_digits) - code.size(), '0') + code;
}

std::string code_at(std::string_view key, int64_t unix_time, int code_digits) {
    return hotp(key, static_cast<uint64_t>(step_of(unix_time)), code_digits);
}

std::optional<int64_t> matching_step(std::string_view key, std::string_view code, int64_t unix_time, int window) {
    if (code.size() != static_cast<size_t>(digits)) return std::nullopt;
    const int64_t now = step_of(unix_time);
    std::optional<int64_t> found;
    // Compare every candidate in constant time and without an early exit.
    for (int64_t s = now - window; s <= now + window; ++s) {
        std::string expected = hotp(key, static_cast<uint64_t>(s));
        if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0 && !found) found = s;
    }
    return found;
}

std::string new_secret() {
    std::string raw(seed_bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return base32_encode(raw);
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
    std::string label = percent_encode(issuer) + ":" + percent_encode(account);
    return "otpauth://totp/" + label + "?secret=" + std::string(secret_base32) + "&issuer=" + percent_encode(issuer) +
           "&algorithm=SHA1&digits=" + std::to_string(digits) + "&period=" + std::to_string(step_seconds);
}

}  // namespace tumen::server::totp
