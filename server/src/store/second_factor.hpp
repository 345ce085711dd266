// TOTP seeds, single-use recovery codes (hashed) and sign-in challenges (password accepted, code pending).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace tumen::store {

struct TotpState {
    std::optional<std::string> secret;   // base32; set while TOTP is on
    std::optional<std::string> pending;  // base32; set between setup and the first good code
    int64_t last_step = 0;               // the newest time step accepted (replay guard)
};

TotpState get_totp(Connection& c, int64_t user_id);
void set_totp_pending(Connection& c, int64_t user_id, const std::optional<std::string>& secret);
void enable_totp(Connection& c, int64_t user_id, const std::string& secret, int64_t accepted_step);
void disable_totp(Connection& c, int64_t user_id);  // also deletes the recovery codes
// Records `step` as used; false when it (or a later one) was already used, so a code works once.
bool accept_totp_step(Connection& c, int64_t user_id, int64_t step);

void replace_recovery_codes(Connection& c, int64_t user_id, const std::vector<std::string>& code_hashes);
// Marks the code used; false when it is unknown or already used.
bool use_recovery_code(Connection& c, int64_t user_id, const std::string& code_hash, int64_t now);
int64_t recovery_codes_left(Connection& c, int64_t user_id);

struct ChallengeRow {
    int64_t id = 0, user_id = 0, expires_at = 0, attempts = 0;
};
void insert_challenge(Connection& c, const std::string& token_hash, int64_t user_id, int64_t expires_at);
std::optional<ChallengeRow> find_challenge(Connection& c, const std::string& token_hash);
void count_challenge_attempt(Connection& c, int64_t id);
void delete_challenge(Connection& c, int64_t id);
int delete_expired_challenges(Connection& c, int64_t now);

}  // namespace tumen::store
