#include "services/auth_service.hpp"

#include <sodium.h>

#include <atomic>
#include <chrono>
#include <stdexcept>

#include "services/password_cost.hpp"
#include "store/login_throttle.hpp"
#include "store/second_factor.hpp"
#include "store/security_events.hpp"
#include "store/sessions.hpp"
#include "store/user_admin.hpp"
#include "store/users.hpp"
#include "tumen/account.hpp"

namespace tumen::server {

namespace {

struct SodiumInit {
    SodiumInit() {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    }
};
const SodiumInit sodium_ready;

std::string cookie_value(const std::string& header, const std::string& name) {
    size_t pos = 0;
    while (pos < header.size()) {
        size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string part = header.substr(pos, end - pos);
        size_t start = part.find_first_not_of(' ');
        if (start != std::string::npos) part = part.substr(start);
        if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
        pos = end + 1;
    }
    return {};
}

Caller make_caller(const store::UserRow& u, const store::SessionRow& s) {
    Caller c;
    c.user_id = u.id;
    c.login = u.login;
    c.name = u.name;
    c.role = u.role;
    c.lang = u.lang;
    c.session_id = s.id;
    c.csrf_token = s.csrf_token;
    return c;
}

void auth_log_event(store::Connection& c, const std::string& kind, std::optional<int64_t> user_id, const std::string& login,
               const std::string& addr, const std::string& detail = {}) {
    store::SecurityEvent e;
    e.at = unix_now();
    e.kind = kind;
    e.user_id = user_id;
    e.login = login;
    e.client_addr = addr;
    e.detail = detail;
    store::log_security_event(c, e);
}

std::string lock_detail(const std::vector<ThrottleLock>& locks) {
    std::string d;
    for (const auto& l : locks) d += (d.empty() ? "" : "; ") + l.kind + " locked for " + std::to_string(l.seconds_left) + " s";
    return d;
}

}  // namespace

int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string random_token(size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::string token_hash(const std::string& token) {
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    char hex[sizeof h * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

void add_record_rule_facts(store::Connection& c, Caller& caller) {
    caller.team_ids = store::user_team_ids(c, caller.user_id);
    caller.partner_id = store::user_partner_id(c, caller.user_id);
}

AuthService::AuthService(store::Database& db, ThrottlePolicy policy)
    : db_(db), throttle_(db, policy), second_factor_(db), tokens_(db) {}

namespace {

std::atomic<PasswordHashCost> hash_cost{PasswordHashCost::interactive};

std::string hash_password_at(const std::string& password, PasswordHashCost cost) {
    char out[crypto_pwhash_STRBYTES];
    const bool minimum = cost == PasswordHashCost::minimum_for_tests;
    if (crypto_pwhash_str(out, password.data(), password.size(),
                          minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

}  // namespace

void set_password_hash_cost(PasswordHashCost cost) { hash_cost = cost; }
PasswordHashCost password_hash_cost() { return hash_cost; }

std::string AuthService::hash_password(const std::string& password) { return hash_password_at(password, hash_cost); }

bool AuthService::verify_password(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> AuthService::password_problem(const std::string& login, const std::string& password) {
    if (auto p = account::password_problem(login, password)) return p->message;
    return std::nullopt;
}

std::string AuthService::cookie_header(const std::string& token, bool secure) {
    return std::string(cookie_name) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(absolute_timeout_seconds) + (secure ? "; Secure" : "");
}

std::string AuthService::clear_cookie_header(bool secure) {
    return std::string(cookie_name) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
}

std::optional<std::string> AuthService::ensure_admin(const std::string& wanted_password) {
    if (store::count_users(db_.reader()) > 0) return std::nullopt;
    std::string password = wanted_password.empty() ? random_token(12) : wanted_password;
    store::UserRow u;
    u.login = "admin";
    u.name = "Administrator";
    u.role = "admin";
    u.password_hash = hash_password(password);
    bool created = db_.write([&](store::Connection& c) {
        if (store::count_users(c) > 0) return false;  // another process won the race
        store::insert_user(c, u);
        return true;
    });
    return created ? std::optional<std::string>(password) : std::nullopt;
}

Result<bool> AuthService::reset_password(const std::string& login, const std::string& new_password) {
    if (auto problem = password_problem(login, new_password))
        return Error::make(ErrorCode::validation, "password " + *problem, "password");
    auto hash = hash_password(new_password);
    return db_.write([&](store::Connection& c) -> Result<bool> {
        auto u = store::find_user_by_login(c, login);
        if (!u) return Error::make(ErrorCode::not_found, "no user with login " + login, "login");
        store::set_user_password(c, u->id, hash);
        store::delete_user_sessions(c, u->id);
        store::delete_throttle(c, "account", LoginThrottle::account_key(login));
        auth_log_event(c, "password_reset_cli", u->id, u->login, "", "from the command line");
        return true;
    });
}

Error AuthService::refuse_login(const std::string& login, std::optional<int64_t> user_id, const std::string& addr,
                                const std::string& why, const char* message, const char* key) {
    const int64_t now = unix_now();
    auto locks = db_.write([&](store::Connection& c) {
        auto started = throttle_.record_failure(c, login, addr, now);
        auth_log_event(c, "login_failed", user_id, login, addr, why);
        if (!started.empty()) auth_log_event(c, "lockout", user_id, login, addr, lock_detail(started));
        return started;
    });
    // The failure that starts a lock already says so, so the user learns why before trying again.
    if (!locks.empty()) return lock_error(locks.front());
    Error e = Error::make(ErrorCode::unauthorized, message);
    if (key) e.details.push_back({"", message, key});  // so a Mongolian caller reads why, not "sign in first"
    return e;
}

Result<LoginResult> AuthService::login(const std::string& login, const std::string& password, const std::string& client_addr,
                                       const std::string& user_agent) {
    const int64_t now = unix_now();
    housekeeping(now);
    // A locked account or address is refused before any password check, so guessing stops while locked.
    if (auto lock = throttle_.current_lock(login, client_addr, now)) return lock_error(*lock);

    // Verify against a fixed hash when the login is unknown, so timing does not tell whether it exists.
    // (One per cost setting, so it costs what the real hashes cost.)
    static const std::string dummy_interactive = hash_password_at(random_token(16), PasswordHashCost::interactive);
    static const std::string dummy_minimum = hash_password_at(random_token(16), PasswordHashCost::minimum_for_tests);
    const std::string& dummy_hash = hash_cost == PasswordHashCost::interactive ? dummy_interactive : dummy_minimum;
    auto user = store::find_user_by_login(db_.reader(), login);
    bool ok = verify_password(user ? user->password_hash : dummy_hash, password);
    if (!user || !ok || !user->active) {
        const char* why = !user ? "unknown login" : !ok ? "wrong password" : "inactive user";
        return refuse_login(login, user ? std::optional<int64_t>(user->id) : std::nullopt, client_addr, why,
                            "Wrong login or password", "error.wrong_login");
    }

    return db_.write([&](store::Connection& c) -> Result<LoginResult> {
        if (store::get_totp(c, user->id).secret) {
            // The failure count is kept until the code is right too: knowing the password must not reset the
            // lock schedule that guards the 6-digit codes.
            LoginResult r;
            r.challenge = random_token();
            store::insert_challenge(c, token_hash(r.challenge), user->id, now + challenge_seconds);
            auth_log_event(c, "login_password_ok", user->id, user->login, client_addr, "second factor pending");
            return r;
        }
        throttle_.record_success(c, login);
        auth_log_event(c, "login", user->id, user->login, client_addr);
        return open_session(c, user->id, client_addr, user_agent);
    });
}

Result<LoginResult> AuthService::login_second_factor(const std::string& challenge, const std::string& code,
                                                     const std::string& recovery_code, const std::string& client_addr,
                                                     const std::string& user_agent) {
    const int64_t now = unix_now();
    Error expired = Error::make(ErrorCode::unauthorized, "The sign-in has expired; enter your password again");
    expired.details.push_back({"", expired.message, "error.sign_in_expired"});
    auto ch = store::find_challenge(db_.reader(), token_hash(challenge));
    if (!ch || ch->expires_at <= now || ch->attempts >= challenge_attempts) return expired;
    auto user = store::find_user(db_.reader(), ch->user_id);
    if (!user || !user->active) return expired;
    if (auto lock = throttle_.current_lock(user->login, client_addr, now)) return lock_error(*lock);

    auto outcome = db_.write([&](store::Connection& c) -> Result<LoginResult> {
        auto check = second_factor_.verify(c, user->id, code, recovery_code, now);
        if (check == SecondFactor::Check::wrong) {
            store::count_challenge_attempt(c, ch->id);
            return Error::make(ErrorCode::unauthorized, "Wrong code");  // refuse_login below words it
        }
        store::delete_challenge(c, ch->id);
        throttle_.record_success(c, user->login);
        auth_log_event(c, "login", user->id, user->login, client_addr,
                  check == SecondFactor::Check::totp ? "with TOTP" : "with a recovery code");
        if (check == SecondFactor::Check::recovery_code) auth_log_event(c, "recovery_code_used", user->id, user->login, client_addr);
        return open_session(c, user->id, client_addr, user_agent);
    });
    if (!outcome) {
        // Codes are guessable in a million tries: wrong ones count against the account like wrong passwords.
        Error e = refuse_login(user->login, user->id, client_addr, "wrong second factor", "Wrong code", "error.wrong_code");
        if (e.code == ErrorCode::unauthorized) e.details.push_back({"code", "does not match", "error.totp_wrong"});
        return e;
    }
    return outcome;
}

LoginResult AuthService::open_session(store::Connection& c, int64_t user_id, const std::string& client_addr,
                                      const std::string& user_agent) {
    auto user = store::find_user(c, user_id);
    if (!user) throw std::logic_error("open_session: user vanished");
    LoginResult r;
    r.token = random_token();
    store::SessionRow s;
    s.user_id = user_id;
    s.csrf_token = random_token(24);
    s.created_at = s.last_seen_at = unix_now();
    s.expires_at = s.created_at + absolute_timeout_seconds;
    s.client_addr = client_addr;
    s.user_agent = user_agent.substr(0, 300);
    s.id = store::insert_session(c, token_hash(r.token), s);
    r.caller = make_caller(*user, s);
    add_record_rule_facts(c, r.caller);
    return r;
}

void AuthService::logout(int64_t session_id) {
    db_.write([&](store::Connection& c) { store::delete_session(c, session_id); });
}

void AuthService::housekeeping(int64_t now) {
    int64_t last = last_housekeeping_.load();
    if (now - last < 600 || !last_housekeeping_.compare_exchange_strong(last, now)) return;
    db_.write([&](store::Connection& c) {
        store::delete_expired_sessions(c, now);
        store::delete_expired_challenges(c, now);
        store::prune_throttles(c, now - throttle_.policy().forget_locks_seconds);
    });
}

std::optional<Caller> AuthService::session_of(const httplib::Request& req) {
    std::string token = cookie_value(req.get_header_value("Cookie"), cookie_name);
    if (token.empty()) return std::nullopt;
    auto& c = db_.reader();
    auto s = store::find_session(c, token_hash(token));
    if (!s) return std::nullopt;
    int64_t now = unix_now();
    if (now >= s->expires_at || now - s->last_seen_at > idle_timeout_seconds) {
        logout(s->id);
        return std::nullopt;
    }
    auto u = store::find_user(c, s->user_id);
    if (!u || !u->active) return std::nullopt;
    if (now - s->last_seen_at > 60) db_.write([&](store::Connection& w) { store::touch_session(w, s->id, now); });
    Caller caller = make_caller(*u, *s);
    add_record_rule_facts(c, caller);
    return caller;
}

std::optional<Caller> AuthService::authenticate(const httplib::Request& req) {
    // A request that presents a bearer secret is judged by it alone, never by a cookie that happens to come along.
    std::string auth = req.get_header_value("Authorization");
    if (!auth.empty()) {
        if (auth.rfind("Bearer ", 0) != 0) return std::nullopt;
        return tokens_.authenticate(auth.substr(7));
    }
    if (req.method == "GET" && req.has_param("kiosk_token")) {
        auto caller = tokens_.authenticate(req.get_param_value("kiosk_token"));
        return caller && caller->is_kiosk() ? caller : std::nullopt;
    }
    return session_of(req);
}

Result<bool> AuthService::confirm_password(const Caller& caller, const std::string& password, const std::string& client_addr) {
    const int64_t now = unix_now();
    if (auto lock = throttle_.current_lock(caller.login, client_addr, now)) return lock_error(*lock);
    auto user = store::find_user(db_.reader(), caller.user_id);
    if (user && verify_password(user->password_hash, password)) return true;
    Error e = refuse_login(caller.login, caller.user_id, client_addr, "wrong password while signed in", "", nullptr);
    if (e.code != ErrorCode::unauthorized) return e;
    // Signed in already: a wrong confirmation is a field error, not "sign in again".
    Error v = Error::make(ErrorCode::validation, "password: is wrong", "password");
    v.details.push_back({"password", "is wrong", "error.password_wrong"});
    return v;
}

}  // namespace tumen::server
