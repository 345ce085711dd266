#include "services/access_tokens.hpp"

#include "services/auth_service.hpp"
#include "store/api_keys.hpp"
#include "store/kiosk_tokens.hpp"
#include "store/security_events.hpp"
#include "store/user_admin.hpp"
#include "tumen/datetime.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

// Ten years: longer than that is "never", which is what leaving the expiry out means.
constexpr int64_t max_api_key_days = 3650;

nlohmann::json opt_time(const std::optional<int64_t>& t) {
    return t ? nlohmann::json(format_timestamp(*t)) : nlohmann::json(nullptr);
}

// A name of 1-200 characters, required.
std::optional<std::string> check_name(const nlohmann::json& body, FieldErrors& fe) {
    if (!body.contains("name") || !body["name"].is_string()) {
        fe.add("name", "is required", "error.required");
        return std::nullopt;
    }
    auto name = body["name"].get<std::string>();
    auto n = utf8::length(name);
    if (!utf8::is_valid(name) || n < 1 || n > 200) {
        fe.add("name", "must be 1-200 characters", "error.invalid_length");
        return std::nullopt;
    }
    return name;
}

void access_tokens_log_event(store::Connection& c, const std::string& kind, const Caller& actor, std::optional<int64_t> user_id,
               const std::string& addr, const std::string& detail) {
    store::SecurityEvent e;
    e.at = unix_now();
    e.kind = kind;
    e.user_id = user_id;
    e.login = actor.login;
    e.actor_id = actor.user_id ? std::optional<int64_t>(actor.user_id) : std::nullopt;
    e.client_addr = addr;
    e.detail = detail;
    store::log_security_event(c, e);
}

}  // namespace

Result<CreatedSecret> AccessTokens::create_api_key(const Caller& owner, const nlohmann::json& body, const std::string& addr) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    FieldErrors fe;
    auto name = check_name(body, fe);
    if (body.contains("read_only") && !body["read_only"].is_boolean()) fe.add("read_only", "must be true or false");
    std::optional<int64_t> days;
    if (body.contains("expires_in_days") && !body["expires_in_days"].is_null()) {
        const auto& d = body["expires_in_days"];
        if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > max_api_key_days)
            fe.add("expires_in_days", "must be a whole number of days from 1 to " + std::to_string(max_api_key_days));
        else days = d.get<int64_t>();
    }
    if (!fe.empty()) return fe.to_error();
    CreatedSecret out;
    out.secret = std::string(api_key_prefix) + random_token();
    store::ApiKeyRow row;
    row.user_id = owner.user_id;
    row.name = *name;
    row.prefix = out.secret.substr(0, api_key_prefix.size() + 6);
    row.read_only = body.value("read_only", false);
    row.created_at = unix_now();
    if (days) row.expires_at = row.created_at + *days * 86400;
    out.expires_at = row.expires_at;
    out.id = db_.write([&](store::Connection& c) {
        int64_t id = store::insert_api_key(c, row, token_hash(out.secret));
        access_tokens_log_event(c, "api_key_created", owner, owner.user_id, addr,
                  "key " + std::to_string(id) + " \"" + row.name + "\"" + (row.read_only ? " read-only" : ""));
        return id;
    });
    return out;
}

nlohmann::json AccessTokens::list_api_keys(const Caller& caller) {
    auto rows = store::list_api_keys(db_.reader(), caller.role == "admin" ? std::nullopt : std::optional<int64_t>(caller.user_id));
    auto out = nlohmann::json::array();
    for (const auto& k : rows)
        out.push_back({{"id", k.id}, {"user_id", k.user_id}, {"user_login", k.user_login}, {"name", k.name},
                       {"prefix", k.prefix}, {"read_only", k.read_only}, {"created_at", format_timestamp(k.created_at)},
                       {"last_used_at", opt_time(k.last_used_at)}, {"expires_at", opt_time(k.expires_at)},
                       {"expired", k.expires_at && unix_now() >= *k.expires_at}});
    return {{"items", out}};
}

Result<bool> AccessTokens::revoke_api_key(const Caller& caller, int64_t id, const std::string& addr) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        auto key = store::find_api_key(c, id);
        // Someone else's key answers 404 like a missing one, so ids cannot be probed.
        if (!key || (key->user_id != caller.user_id && caller.role != "admin"))
            return Error::make(ErrorCode::not_found, "No such API key");
        store::delete_api_key(c, id);
        access_tokens_log_event(c, "api_key_revoked", caller, key->user_id, addr, "key " + std::to_string(id) + " \"" + key->name + "\"");
        return true;
    });
}

Result<CreatedSecret> AccessTokens::create_kiosk_token(const Caller& manager, const nlohmann::json& body, const std::string& addr) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    FieldErrors fe;
    auto name = check_name(body, fe);
    std::vector<int64_t> teams;
    if (!body.contains("team_ids") || !body["team_ids"].is_array() || body["team_ids"].empty()) {
        fe.add("team_ids", "choose at least one team board", "error.required");
    } else {
        for (const auto& t : body["team_ids"]) {
            if (!t.is_number_integer() || t.get<int64_t>() <= 0) {
                fe.add("team_ids", "must be a list of team ids");
                break;
            }
            teams.push_back(t.get<int64_t>());
        }
        if (fe.empty() && !store::missing_ids(db_.reader(), "teams", teams).empty())
            fe.add("team_ids", "names a team that does not exist", "error.unknown_team");
    }
    if (body.contains("leaderboard") && !body["leaderboard"].is_boolean()) fe.add("leaderboard", "must be true or false");
    if (!fe.empty()) return fe.to_error();
    CreatedSecret out;
    out.secret = std::string(kiosk_token_prefix) + random_token();
    store::KioskTokenRow row;
    row.name = *name;
    row.prefix = out.secret.substr(0, kiosk_token_prefix.size() + 6);
    row.leaderboard = body.value("leaderboard", true);
    row.created_by = manager.user_id;
    row.created_at = unix_now();
    row.team_ids = teams;
    out.id = db_.write([&](store::Connection& c) {
        int64_t id = store::insert_kiosk_token(c, row, token_hash(out.secret));
        access_tokens_log_event(c, "kiosk_token_created", manager, std::nullopt, addr, "token " + std::to_string(id) + " \"" + row.name + "\"");
        return id;
    });
    return out;
}

nlohmann::json AccessTokens::list_kiosk_tokens() {
    auto out = nlohmann::json::array();
    for (const auto& t : store::list_kiosk_tokens(db_.reader()))
        out.push_back({{"id", t.id}, {"name", t.name}, {"prefix", t.prefix}, {"team_ids", t.team_ids},
                       {"leaderboard", t.leaderboard}, {"created_by", t.created_by ? nlohmann::json(*t.created_by) : nullptr},
                       {"created_at", format_timestamp(t.created_at)}, {"last_used_at", opt_time(t.last_used_at)}});
    return {{"items", out}};
}

Result<bool> AccessTokens::revoke_kiosk_token(const Caller& manager, int64_t id, const std::string& addr) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::delete_kiosk_token(c, id)) return Error::make(ErrorCode::not_found, "No such kiosk token");
        access_tokens_log_event(c, "kiosk_token_revoked", manager, std::nullopt, addr, "token " + std::to_string(id));
        return true;
    });
}

std::optional<Caller> AccessTokens::authenticate(const std::string& secret) {
    auto& c = db_.reader();
    const int64_t now = unix_now();
    if (secret.rfind(api_key_prefix, 0) == 0) {
        auto key = store::find_api_key_by_hash(c, token_hash(secret));
        if (!key || (key->expires_at && now >= *key->expires_at)) return std::nullopt;
        auto user = store::find_user(c, key->user_id);
        if (!user || !user->active) return std::nullopt;
        Caller caller;
        caller.user_id = user->id;
        caller.login = user->login;
        caller.name = user->name;
        caller.role = user->role;
        caller.lang = user->lang;
        caller.via_api_key = true;
        caller.read_only = key->read_only;
        caller.token_id = key->id;
        caller.team_ids = store::user_team_ids(c, user->id);
        caller.partner_id = store::user_partner_id(c, user->id);
        if (!key->last_used_at || now - *key->last_used_at > 60)
            db_.write([&](store::Connection& w) { store::touch_api_key(w, key->id, now); });
        return caller;
    }
    if (secret.rfind(kiosk_token_prefix, 0) == 0) {
        auto token = store::find_kiosk_token_by_hash(c, token_hash(secret));
        if (!token) return std::nullopt;
        Caller caller;
        caller.login = "kiosk:" + std::to_string(token->id);
        caller.name = token->name;
        caller.role = "kiosk";
        caller.lang = "en";
        caller.via_api_key = true;  // no cookie, so no CSRF token; read_only blocks every write anyway
        caller.read_only = true;
        caller.token_id = token->id;
        caller.team_ids = token->team_ids;
        caller.kiosk_leaderboard = token->leaderboard;
        if (!token->last_used_at || now - *token->last_used_at > 60)
            db_.write([&](store::Connection& w) { store::touch_kiosk_token(w, token->id, now); });
        return caller;
    }
    return std::nullopt;
}

}  // namespace tumen::server
