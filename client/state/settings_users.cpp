#include "settings_users.hpp"

#include "api_io.hpp"
#include "tumen/account.hpp"

namespace tumen::client {

namespace {

UserRow user_of(const nlohmann::json& j) {
    UserRow u;
    u.id = j.value("id", std::int64_t{0});
    u.login = j.value("login", std::string());
    u.name = j.value("name", std::string());
    u.email = j.contains("email") && j["email"].is_string() ? j["email"].get<std::string>() : std::string();
    u.role = j.value("role", std::string());
    u.active = j.value("active", true);
    u.totp_enabled = j.value("totp_enabled", false);
    if (j.contains("team_ids") && j["team_ids"].is_array())
        for (const auto& t : j["team_ids"])
            if (t.is_number_integer()) u.team_ids.push_back(t.get<std::int64_t>());
    return u;
}

}  // namespace

const std::vector<std::string>& user_roles() {
    static const std::vector<std::string> roles = {"admin", "manager", "sales_all", "sales_own"};
    return roles;
}

std::string UsersAdmin::path(std::int64_t id, const std::string& tail) const {
    return "/api/v1/users/" + std::to_string(id) + tail;
}

void UsersAdmin::reset() {
    rows_.clear();
    loading_ = loaded_ = busy_ = creating_ = false;
    password_for_.reset();
    teams_for_.reset();
    teams_draft.clear();
    pending_.reset();
    draft = {};
    new_password.clear();
    errors_.clear();
    banner_ = notice_ = {};
}

void UsersAdmin::load() {
    loading_ = true;
    io_.send("GET", "/api/v1/users", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        loaded_ = true;  // also after a failure: no retry every frame
        const auto j = reply_json(reply);
        if (!reply.ok()) return failed(reply);
        if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = Message::from_key("error.bad_response");
            return;
        }
        rows_.clear();
        for (const auto& u : j["items"])
            if (u.is_object()) rows_.push_back(user_of(u));
        loaded_ = true;
    });
}

const UserRow* UsersAdmin::row(std::int64_t id) const {
    for (const auto& r : rows_)
        if (r.id == id) return &r;
    return nullptr;
}

const Message* UsersAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void UsersAdmin::take(const nlohmann::json& user) {
    if (!user.is_object()) return;
    UserRow u = user_of(user);
    for (auto& r : rows_)
        if (r.id == u.id) {
            r = u;
            return;
        }
    rows_.push_back(u);
}

void UsersAdmin::failed(const HttpResponse& reply) {
    errors_ = field_messages(reply);
    if (errors_.empty()) banner_ = problem_message(reply);
}

void UsersAdmin::begin_create() {
    creating_ = true;
    password_for_.reset();
    draft = {};
    errors_.clear();
    banner_ = notice_ = {};
}

void UsersAdmin::cancel_create() {
    creating_ = false;
    draft = {};
    errors_.clear();
}

void UsersAdmin::submit_create() {
    if (busy_) return;
    errors_.clear();
    banner_ = notice_ = {};
    // The password rules are the server's (shared library): say so at once, without a round trip.
    if (auto p = account::password_problem(draft.login, draft.password))
        errors_["password"] = Message::from_key("settings." + p->key, {}, "password");
    if (draft.login.find_first_not_of(' ') == std::string::npos)
        errors_["login"] = Message::from_key("settings.error.required", {}, "login");
    if (draft.name.find_first_not_of(' ') == std::string::npos)
        errors_["name"] = Message::from_key("settings.error.required", {}, "name");
    if (!errors_.empty()) return;
    nlohmann::json body = {{"login", draft.login}, {"name", draft.name}, {"role", draft.role}, {"password", draft.password}};
    if (!draft.email.empty()) body["email"] = draft.email;
    if (!draft.lang.empty()) body["lang"] = draft.lang;
    if (!draft.tz.empty()) body["tz"] = draft.tz;
    if (!draft.team_ids.empty()) body["team_ids"] = draft.team_ids;
    busy_ = true;
    io_.send("POST", "/api/v1/users", body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        const auto j = reply_json(reply);
        take(j);
        notice_ = Message::from_key("settings.users.created", {{"name", j.value("name", draft.name)}});
        cancel_create();
    });
}

void UsersAdmin::set_role(std::int64_t id, const std::string& role) {
    if (busy_) return;
    busy_ = true;
    banner_ = notice_ = {};
    io_.send("PATCH", path(id), {{"role", role}}, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            banner_ = problem_message(reply);  // a role is never wrong at a field the table shows
            return;
        }
        take(reply_json(reply));
    });
}

void UsersAdmin::activate(std::int64_t id) {
    if (busy_) return;
    busy_ = true;
    banner_ = notice_ = {};
    io_.send("PATCH", path(id), {{"active", true}}, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        take(reply_json(reply));
    });
}

void UsersAdmin::begin_password(std::int64_t id) {
    creating_ = false;
    teams_for_.reset();
    password_for_ = id;
    new_password.clear();
    errors_.clear();
    banner_ = notice_ = {};
}

void UsersAdmin::cancel_password() {
    password_for_.reset();
    new_password.clear();
    errors_.clear();
}

void UsersAdmin::submit_password() {
    if (!password_for_ || busy_) return;
    const UserRow* u = row(*password_for_);
    errors_.clear();
    if (auto p = account::password_problem(u ? u->login : std::string(), new_password)) {
        errors_["password"] = Message::from_key("settings." + p->key, {}, "password");
        return;
    }
    const std::int64_t id = *password_for_;
    const std::string name = u ? u->name : std::string();
    busy_ = true;
    io_.send("POST", path(id, "/password"), {{"password", new_password}}, [this, name](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        notice_ = Message::from_key("settings.users.password_set", {{"name", name}});
        cancel_password();
    });
}

void UsersAdmin::begin_teams(std::int64_t id) {
    creating_ = false;
    password_for_.reset();
    const UserRow* u = row(id);
    if (!u) return;
    teams_for_ = id;
    teams_draft = u->team_ids;
    errors_.clear();
    banner_ = notice_ = {};
}

void UsersAdmin::cancel_teams() {
    teams_for_.reset();
    teams_draft.clear();
    errors_.clear();
}

void UsersAdmin::submit_teams() {
    if (!teams_for_ || busy_) return;
    const UserRow* u = row(*teams_for_);
    const std::string name = u ? u->name : std::string();
    busy_ = true;
    banner_ = notice_ = {};
    io_.send("PATCH", path(*teams_for_), {{"team_ids", teams_draft}}, [this, name](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        take(reply_json(reply));
        notice_ = Message::from_key("settings.users.teams_saved", {{"name", name}});
        cancel_teams();
    });
}

void UsersAdmin::confirm() {
    if (!pending_ || busy_) return;
    const Pending p = *pending_;
    pending_.reset();
    const UserRow* u = row(p.id);
    const std::string name = u ? u->name : std::string();
    busy_ = true;
    banner_ = notice_ = {};
    if (p.action == "deactivate") {
        io_.send("POST", path(p.id, "/deactivate"), nlohmann::json::object(), [this](const HttpResponse& reply) {
            busy_ = false;
            if (!reply.ok()) {
                banner_ = problem_message(reply);
                return;
            }
            take(reply_json(reply));
        });
    } else {
        io_.send("DELETE", path(p.id, "/totp"), nullptr, [this, id = p.id, name](const HttpResponse& reply) {
            busy_ = false;
            if (!reply.ok()) {
                banner_ = problem_message(reply);
                return;
            }
            for (auto& r : rows_)
                if (r.id == id) r.totp_enabled = false;
            notice_ = Message::from_key("settings.users.totp_reset_done", {{"name", name}});
        });
    }
}

}  // namespace tumen::client
