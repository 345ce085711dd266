#include "services/account_service.hpp"

#include "services/users_service.hpp"
#include "store/activity_digests.hpp"
#include "store/security_events.hpp"
#include "store/sessions.hpp"
#include "store/user_admin.hpp"
#include "store/users.hpp"
#include "tumen/account.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

namespace {

FieldErrors required_text(const nlohmann::json& body, std::initializer_list<const char*> keys) {
    FieldErrors fe;
    for (const char* k : keys)
        if (!body.is_object() || !body.contains(k) || !body[k].is_string() || body[k].get<std::string>().empty())
            fe.add(k, "is required", "error.required");
    return fe;
}

}  // namespace

void AccountService::log(const Caller& caller, const std::string& kind, const std::string& addr, const std::string& detail) {
    db_.write([&](store::Connection& c) {
        store::SecurityEvent e;
        e.at = unix_now();
        e.kind = kind;
        e.user_id = caller.user_id;
        e.login = caller.login;
        e.client_addr = addr;
        e.detail = detail;
        store::log_security_event(c, e);
    });
}

Result<bool> AccountService::confirm(const Caller& caller, const nlohmann::json& body, const char* field, const std::string& addr) {
    if (auto fe = required_text(body, {field}); !fe.empty()) return fe.to_error();
    auto ok = auth_.confirm_password(caller, body[field].get<std::string>(), addr);
    if (ok) return true;
    Error e = ok.error();
    if (e.code == ErrorCode::validation) {  // name the field the client sent
        e.field = field;
        e.message = std::string(field) + ": is wrong";
        for (auto& d : e.details) d.field = field;
    }
    return e;
}

Result<nlohmann::json> AccountService::profile(const Caller& caller) {
    auto u = store::get_user_record(db_.reader(), caller.user_id);
    if (!u) return Error::make(ErrorCode::not_found, "No such user");
    auto j = UsersService::to_json(*u);
    j["recovery_codes_left"] = u->totp_enabled ? auth_.second_factor().recovery_codes_left(caller.user_id) : 0;
    j["activity_digest"] = store::digest_enabled(db_.reader(), caller.user_id);
    return j;
}

Result<nlohmann::json> AccountService::update_profile(const Caller& caller, const nlohmann::json& body) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    FieldErrors fe;
    for (const auto& [key, value] : body.items())
        if (key != "lang" && key != "tz" && key != "activity_digest")
            fe.add(key, "cannot be changed here (only lang, tz and activity_digest)", "error.not_writable");
    if (body.contains("activity_digest") && !body["activity_digest"].is_boolean())
        fe.add("activity_digest", "must be true or false", "error.type");
    nlohmann::json checked = body;
    checked.erase("activity_digest");  // not a user field: the digest's own table keeps it
    account::check_user_fields(checked, false, fe);
    if (!fe.empty()) return fe.to_error();
    store::UserChanges ch;
    if (body.contains("lang")) ch.lang = body["lang"].get<std::string>();
    if (body.contains("tz")) ch.tz = body["tz"].get<std::string>();
    db_.write([&](store::Connection& c) {
        store::update_user(c, caller.user_id, ch);
        if (body.contains("activity_digest")) store::set_digest_enabled(c, caller.user_id, body["activity_digest"].get<bool>());
    });
    return profile(caller);
}

Result<bool> AccountService::change_password(const Caller& caller, const nlohmann::json& body, const std::string& addr) {
    if (auto fe = required_text(body, {"old_password", "new_password"}); !fe.empty()) return fe.to_error();
    const auto fresh = body["new_password"].get<std::string>();
    if (auto p = account::password_problem(caller.login, fresh)) {
        FieldErrors fe;
        fe.add("new_password", p->message, p->key);
        return fe.to_error();
    }
    if (auto ok = confirm(caller, body, "old_password", addr); !ok) return ok.error();
    auto hash = AuthService::hash_password(fresh);
    db_.write([&](store::Connection& c) {
        store::set_user_password(c, caller.user_id, hash);
        store::delete_user_sessions_except(c, caller.user_id, caller.session_id);
    });
    log(caller, "password_changed", addr, "other sessions ended");
    return true;
}

nlohmann::json AccountService::sessions(const Caller& caller) {
    auto items = nlohmann::json::array();
    for (const auto& s : store::list_user_sessions(db_.reader(), caller.user_id))
        items.push_back({{"id", s.id},
                         {"current", s.id == caller.session_id},
                         {"created_at", format_timestamp(s.created_at)},
                         {"last_seen_at", format_timestamp(s.last_seen_at)},
                         {"expires_at", format_timestamp(s.expires_at)},
                         {"client_addr", s.client_addr},
                         {"user_agent", s.user_agent}});
    return {{"items", items}};
}

Result<bool> AccountService::revoke_session(const Caller& caller, int64_t session_id, const std::string& addr) {
    bool gone = db_.write([&](store::Connection& c) { return store::delete_user_session(c, caller.user_id, session_id); });
    if (!gone) return Error::make(ErrorCode::not_found, "No such session");
    log(caller, "session_revoked", addr, "session " + std::to_string(session_id));
    return true;
}

int AccountService::revoke_all_sessions(const Caller& caller, bool keep_current, const std::string& addr) {
    int n = db_.write([&](store::Connection& c) {
        return store::delete_user_sessions_except(c, caller.user_id, keep_current ? caller.session_id : 0);
    });
    log(caller, "logout_everywhere", addr, std::to_string(n) + " sessions ended");
    return n;
}

Result<TotpSetup> AccountService::totp_setup(const Caller& caller) {
    if (auth_.second_factor().enabled(caller.user_id))
        return Error::make(ErrorCode::conflict, "Two-step sign-in is already on; turn it off first");
    return auth_.second_factor().begin_setup(caller.user_id, caller.login);
}

Result<std::vector<std::string>> AccountService::totp_enable(const Caller& caller, const nlohmann::json& body,
                                                             const std::string& addr) {
    if (auto fe = required_text(body, {"code"}); !fe.empty()) return fe.to_error();
    if (auth_.second_factor().enabled(caller.user_id))
        return Error::make(ErrorCode::conflict, "Two-step sign-in is already on");
    auto codes = auth_.second_factor().confirm_setup(caller.user_id, body["code"].get<std::string>(), unix_now());
    if (codes) log(caller, "totp_enabled", addr);
    return codes;
}

Result<bool> AccountService::totp_disable(const Caller& caller, const nlohmann::json& body, const std::string& addr) {
    if (auto ok = confirm(caller, body, "password", addr); !ok) return ok.error();
    db_.write([&](store::Connection& c) { auth_.second_factor().disable(c, caller.user_id); });
    log(caller, "totp_disabled", addr);
    return true;
}

Result<std::vector<std::string>> AccountService::new_recovery_codes(const Caller& caller, const nlohmann::json& body,
                                                                    const std::string& addr) {
    if (auto ok = confirm(caller, body, "password", addr); !ok) return ok.error();
    if (!auth_.second_factor().enabled(caller.user_id))
        return Error::make(ErrorCode::conflict, "Turn on two-step sign-in first");
    auto codes = db_.write([&](store::Connection& c) { return auth_.second_factor().new_recovery_codes(c, caller.user_id); });
    log(caller, "recovery_codes_renewed", addr);
    return codes;
}

}  // namespace tumen::server
