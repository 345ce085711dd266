#include "services/users_service.hpp"

#include <algorithm>

#include "services/auth_service.hpp"
#include "store/login_throttle.hpp"
#include "store/second_factor.hpp"
#include "store/security_events.hpp"
#include "store/users.hpp"
#include "tumen/account.hpp"

namespace tumen::server {

namespace {

const std::vector<std::string> updatable = {"login", "name", "email", "role", "lang", "tz", "active", "team_ids", "partner_id"};

void users_log_event(store::Connection& c, const std::string& kind, const Caller& admin, int64_t user_id, const std::string& login,
               const std::string& addr, const std::string& detail = {}) {
    store::SecurityEvent e;
    e.at = unix_now();
    e.kind = kind;
    e.user_id = user_id;
    e.login = login;
    e.actor_id = admin.user_id;
    e.client_addr = addr;
    e.detail = detail;
    store::log_security_event(c, e);
}

std::vector<int64_t> id_list(const nlohmann::json& v) {
    std::vector<int64_t> out;
    for (const auto& x : v) out.push_back(x.get<int64_t>());
    return out;
}

store::UserChanges changes_from(const nlohmann::json& j) {
    store::UserChanges ch;
    auto text = [&](const char* key, std::optional<std::string>& out) {
        if (j.contains(key)) out = j[key].get<std::string>();
    };
    text("login", ch.login);
    text("name", ch.name);
    text("email", ch.email);
    text("role", ch.role);
    text("lang", ch.lang);
    text("tz", ch.tz);
    if (j.contains("active")) ch.active = j["active"].get<bool>();
    if (j.contains("partner_id"))
        ch.partner_id = j["partner_id"].is_null() ? std::optional<int64_t>() : std::optional<int64_t>(j["partner_id"].get<int64_t>());
    if (j.contains("team_ids")) ch.team_ids = id_list(j["team_ids"]);
    return ch;
}

Error users_not_found() { return Error::make(ErrorCode::not_found, "No such user"); }

Error last_admin() {
    Error e = Error::make(ErrorCode::conflict, "This is the last active administrator; make another one first");
    e.details.push_back({"role", e.message, "error.last_admin"});
    return e;
}

}  // namespace

nlohmann::json UsersService::to_json(const store::UserRecord& u) {
    return {{"id", u.id},       {"login", u.login},   {"name", u.name},
            {"email", u.email}, {"role", u.role},     {"lang", u.lang},
            {"tz", u.tz},       {"active", u.active}, {"totp_enabled", u.totp_enabled},
            {"team_ids", u.team_ids},
            {"partner_id", u.partner_id ? nlohmann::json(*u.partner_id) : nlohmann::json(nullptr)},
            {"created_at", u.created_at}};
}

nlohmann::json UsersService::list() {
    auto items = nlohmann::json::array();
    for (const auto& u : store::list_users(db_.reader())) items.push_back(to_json(u));
    return {{"items", items}};
}

Result<nlohmann::json> UsersService::get(int64_t id) {
    auto u = store::get_user_record(db_.reader(), id);
    if (!u) return users_not_found();
    return to_json(*u);
}

nlohmann::json UsersService::directory() {
    auto items = nlohmann::json::array();
    for (const auto& u : store::user_directory(db_.reader()))
        items.push_back({{"id", u.id}, {"login", u.login}, {"name", u.name}, {"role", u.role}, {"active", u.active}});
    return {{"items", items}};
}

void UsersService::check_references(const nlohmann::json& body, int64_t user_id, FieldErrors& fe, bool& login_conflict) {
    auto& c = db_.reader();
    if (body.contains("team_ids") && body["team_ids"].is_array() && !store::missing_ids(c, "teams", id_list(body["team_ids"])).empty())
        fe.add("team_ids", "names a team that does not exist", "error.unknown_team");
    if (body.contains("partner_id") && body["partner_id"].is_number_integer() &&
        !store::missing_ids(c, "contacts", {body["partner_id"].get<int64_t>()}).empty())
        fe.add("partner_id", "names a contact that does not exist", "error.unknown_contact");
    login_conflict = body.contains("login") && body["login"].is_string() &&
                     store::login_taken(c, body["login"].get<std::string>(), user_id);
}

Result<nlohmann::json> UsersService::create(const Caller& admin, const nlohmann::json& body, const std::string& addr) {
    FieldErrors fe;
    account::check_user_fields(body, true, fe);
    if (!fe.empty()) return fe.to_error();
    bool conflict = false;
    check_references(body, 0, fe, conflict);
    if (!fe.empty()) return fe.to_error();
    if (conflict) return Error::make(ErrorCode::conflict, "login: is already taken", "login");

    store::UserRow row;
    row.login = body["login"].get<std::string>();
    row.name = body["name"].get<std::string>();
    row.email = body.value("email", "");
    row.role = body["role"].get<std::string>();
    row.lang = body.value("lang", "en");
    row.tz = body.value("tz", "Asia/Ulaanbaatar");
    row.active = body.value("active", true);
    row.password_hash = AuthService::hash_password(body["password"].get<std::string>());
    auto ch = changes_from(body);
    int64_t id = db_.write([&](store::Connection& c) -> int64_t {
        if (store::login_taken(c, row.login)) return 0;  // lost a race with another create
        int64_t new_id = store::insert_user(c, row);
        store::UserChanges extra;
        extra.partner_id = ch.partner_id;
        extra.team_ids = ch.team_ids;
        store::update_user(c, new_id, extra);
        users_log_event(c, "user_created", admin, new_id, row.login, addr, "role " + row.role);
        return new_id;
    });
    if (id == 0) return Error::make(ErrorCode::conflict, "login: is already taken", "login");
    return to_json(*store::get_user_record(db_.reader(), id));
}

Result<nlohmann::json> UsersService::update(const Caller& admin, int64_t id, const nlohmann::json& body, const std::string& addr) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    FieldErrors fe;
    for (const auto& [key, value] : body.items()) {
        if (key == "password") fe.add(key, "is set with POST /api/v1/users/{id}/password", "error.not_writable");
        else if (std::find(updatable.begin(), updatable.end(), key) == updatable.end())
            fe.add(key, "is not a field of a user", "error.unknown_field");
    }
    account::check_user_fields(body, false, fe);
    if (!fe.empty()) return fe.to_error();
    bool conflict = false;
    check_references(body, id, fe, conflict);
    if (!fe.empty()) return fe.to_error();
    if (conflict) return Error::make(ErrorCode::conflict, "login: is already taken", "login");

    auto ch = changes_from(body);
    auto result = db_.write([&](store::Connection& c) -> Result<bool> {
        auto before = store::get_user_record(c, id);
        if (!before) return users_not_found();
        bool stays_admin = ch.role.value_or(before->role) == "admin" && ch.active.value_or(before->active);
        if (before->role == "admin" && before->active && !stays_admin && store::count_active_admins(c) <= 1) return last_admin();
        if (ch.login && store::login_taken(c, *ch.login, id)) return Error::make(ErrorCode::conflict, "login: is already taken", "login");
        store::update_user(c, id, ch);
        std::string changed;
        for (const auto& [key, value] : body.items()) changed += (changed.empty() ? "" : ", ") + key;
        users_log_event(c, "user_updated", admin, id, before->login, addr, changed);
        if (ch.role && *ch.role != before->role)
            users_log_event(c, "role_changed", admin, id, before->login, addr, before->role + " -> " + *ch.role);
        if (ch.active && *ch.active != before->active) {
            users_log_event(c, *ch.active ? "user_activated" : "user_deactivated", admin, id, before->login, addr);
            if (!*ch.active) store::delete_user_sessions(c, id);
        }
        return true;
    });
    if (!result) return result.error();
    return to_json(*store::get_user_record(db_.reader(), id));
}

Result<nlohmann::json> UsersService::deactivate(const Caller& admin, int64_t id, const std::string& addr) {
    return update(admin, id, {{"active", false}}, addr);
}

Result<bool> UsersService::set_password(const Caller& admin, int64_t id, const nlohmann::json& body, const std::string& addr) {
    if (!body.is_object() || !body.contains("password") || !body["password"].is_string()) {
        FieldErrors fe;
        fe.add("password", "is required", "error.required");
        return fe.to_error();
    }
    auto user = store::find_user(db_.reader(), id);
    if (!user) return users_not_found();
    const auto password = body["password"].get<std::string>();
    if (auto p = account::password_problem(user->login, password)) {
        FieldErrors fe;
        fe.add(p->field, p->message, p->key);
        return fe.to_error();
    }
    auto hash = AuthService::hash_password(password);
    db_.write([&](store::Connection& c) {
        store::set_user_password(c, id, hash);
        store::delete_user_sessions(c, id);  // whoever knew the old password is signed out
        store::delete_throttle(c, "account", LoginThrottle::account_key(user->login));
        users_log_event(c, "password_set", admin, id, user->login, addr, "by an administrator");
    });
    return true;
}

Result<bool> UsersService::reset_totp(const Caller& admin, int64_t id, const std::string& addr) {
    auto user = store::find_user(db_.reader(), id);
    if (!user) return users_not_found();
    db_.write([&](store::Connection& c) {
        store::disable_totp(c, id);
        users_log_event(c, "totp_disabled", admin, id, user->login, addr, "by an administrator");
    });
    return true;
}

}  // namespace tumen::server
