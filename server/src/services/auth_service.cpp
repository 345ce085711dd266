#include "services/auth_service.hpp"

#include <sodium.h>

#include <chrono>
#include <stdexcept>

#include "store/users.hpp"

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

std::string AuthService::hash_password(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool AuthService::verify_password(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> AuthService::password_problem(const std::string& login, const std::string& password) {
    if (password.size() < 10) return "must be at least 10 characters long";
    if (password == login) return "must not be the same as the login";
    return std::nullopt;
}

std::string AuthService::cookie_header(const std::string& token, bool secure) {
    return std::string(cookie_name) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(absolute_timeout_seconds) + (secure ? "; Secure" : "");
}

std::string AuthService::clear_cookie_header() {
    return std::string(cookie_name) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
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
        return true;
    });
}

Result<LoginResult> AuthService::login(const std::string& login, const std::string& password,
                                       const std::string& client_addr, const std::string& user_agent) {
    // Verify against a fixed hash when the login is unknown, so timing does not tell whether it exists.
    static const std::string dummy_hash = hash_password(random_token(16));
    auto user = store::find_user_by_login(db_.reader(), login);
    bool ok = verify_password(user ? user->password_hash : dummy_hash, password);
    if (!user || !ok || !user->active) return Error::make(ErrorCode::unauthorized, "Wrong login or password");

    LoginResult r;
    r.token = random_token();
    store::SessionRow s;
    s.user_id = user->id;
    s.csrf_token = random_token(24);
    s.created_at = s.last_seen_at = unix_now();
    s.expires_at = s.created_at + absolute_timeout_seconds;
    s.client_addr = client_addr;
    s.user_agent = user_agent.substr(0, 300);
    s.id = db_.write([&](store::Connection& c) { return store::insert_session(c, token_hash(r.token), s); });
    r.caller = make_caller(*user, s);
    return r;
}

void AuthService::logout(int64_t session_id) {
    db_.write([&](store::Connection& c) { store::delete_session(c, session_id); });
}

std::optional<Caller> AuthService::authenticate(const httplib::Request& req) {
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
    return make_caller(*u, *s);
}

}  // namespace tumen::server
