#include "store/second_factor.hpp"

namespace tumen::store {

TotpState get_totp(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT totp_secret, totp_pending, totp_last_step FROM users WHERE id = ?");
    s.bind(1, user_id);
    TotpState t;
    if (s.step()) {
        t.secret = s.get_opt_text(0);
        t.pending = s.get_opt_text(1);
        t.last_step = s.get_int(2);
    }
    return t;
}

void set_totp_pending(Connection& c, int64_t user_id, const std::optional<std::string>& secret) {
    c.prepare("UPDATE users SET totp_pending = ? WHERE id = ?").bind(1, secret).bind(2, user_id).run();
}

void enable_totp(Connection& c, int64_t user_id, const std::string& secret, int64_t accepted_step) {
    c.prepare("UPDATE users SET totp_secret = ?, totp_pending = NULL, totp_last_step = ? WHERE id = ?")
        .bind(1, secret).bind(2, accepted_step).bind(3, user_id).run();
}

void disable_totp(Connection& c, int64_t user_id) {
    c.prepare("UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = 0 WHERE id = ?").bind(1, user_id).run();
    c.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(1, user_id).run();
}

bool accept_totp_step(Connection& c, int64_t user_id, int64_t step) {
    c.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?").bind(1, step).bind(2, user_id).bind(3, step).run();
    return c.changes() > 0;
}

void replace_recovery_codes(Connection& c, int64_t user_id, const std::vector<std::string>& code_hashes) {
    c.prepare("DELETE FROM recovery_codes WHERE user_id = ?").bind(1, user_id).run();
    for (const auto& h : code_hashes)
        c.prepare("INSERT INTO recovery_codes(user_id, code_hash) VALUES (?, ?)").bind(1, user_id).bind(2, h).run();
}

bool use_recovery_code(Connection& c, int64_t user_id, const std::string& code_hash, int64_t now) {
    c.prepare("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
        .bind(1, now).bind(2, user_id).bind(3, code_hash).run();
    return c.changes() > 0;
}

int64_t recovery_codes_left(Connection& c, int64_t user_id) {
    return c.prepare("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL").bind(1, user_id).scalar_int();
}

void insert_challenge(Connection& c, const std::string& token_hash, int64_t user_id, int64_t expires_at) {
    c.prepare("INSERT INTO login_challenges(token_hash, user_id, expires_at) VALUES (?,?,?)")
        .bind(1, token_hash).bind(2, user_id).bind(3, expires_at).run();
}

std::optional<ChallengeRow> find_challenge(Connection& c, const std::string& token_hash) {
    auto s = c.prepare("SELECT id, user_id, expires_at, attempts FROM login_challenges WHERE token_hash = ?");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return ChallengeRow{s.get_int(0), s.get_int(1), s.get_int(2), s.get_int(3)};
}

void count_challenge_attempt(Connection& c, int64_t id) {
    c.prepare("UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ?").bind(1, id).run();
}

void delete_challenge(Connection& c, int64_t id) { c.prepare("DELETE FROM login_challenges WHERE id = ?").bind(1, id).run(); }

int delete_expired_challenges(Connection& c, int64_t now) {
    c.prepare("DELETE FROM login_challenges WHERE expires_at <= ?").bind(1, now).run();
    return c.changes();
}

}  // namespace tumen::store
