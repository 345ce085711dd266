#include "settings_tokens.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

bool settings_tokens_items_of(const HttpResponse& reply, nlohmann::json& items) {
    const auto j = reply_json(reply);
    if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return false;
    items = j["items"];
    return true;
}

}  // namespace

void TokensAdmin::reset() {
    keys_.clear();
    kiosks_.clear();
    loading_keys_ = keys_loaded_ = loading_kiosks_ = kiosks_loaded_ = busy_ = false;
    key_name.clear();
    key_read_only = false;
    key_expires_days = 0;
    kiosk_name.clear();
    kiosk_teams.clear();
    kiosk_leaderboard = false;
    dismiss_secret();
    pending_.reset();
    errors_.clear();
    banner_ = {};
}

void TokensAdmin::ensure_keys() {
    if (!keys_loaded_ && !loading_keys_) load_keys();
}

void TokensAdmin::ensure_kiosks() {
    if (!kiosks_loaded_ && !loading_kiosks_) load_kiosks();
}

void TokensAdmin::load_keys() {
    loading_keys_ = true;
    io_.send("GET", "/api/v1/api-keys", nullptr, [this](const HttpResponse& reply) {
        loading_keys_ = false;
        keys_loaded_ = true;  // also after a failure: no retry every frame
        nlohmann::json items;
        if (!reply.ok() || !settings_tokens_items_of(reply, items)) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        keys_.clear();
        for (const auto& k : items) {
            if (!k.is_object()) continue;
            keys_.push_back({k.value("id", std::int64_t{0}), str(k, "name"), str(k, "prefix"), str(k, "user_login"),
                             str(k, "created_at"), str(k, "last_used_at"), str(k, "expires_at"),
                             k.value("read_only", false), k.value("expired", false)});
        }
        keys_loaded_ = true;
    });
}

void TokensAdmin::load_kiosks() {
    loading_kiosks_ = true;
    io_.send("GET", "/api/v1/kiosk-tokens", nullptr, [this](const HttpResponse& reply) {
        loading_kiosks_ = false;
        kiosks_loaded_ = true;
        nlohmann::json items;
        if (!reply.ok() || !settings_tokens_items_of(reply, items)) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        kiosks_.clear();
        for (const auto& k : items) {
            if (!k.is_object()) continue;
            KioskRow r;
            r.id = k.value("id", std::int64_t{0});
            r.name = str(k, "name");
            r.prefix = str(k, "prefix");
            r.created_at = str(k, "created_at");
            r.last_used_at = str(k, "last_used_at");
            r.leaderboard = k.value("leaderboard", false);
            if (k.contains("team_ids") && k["team_ids"].is_array())
                for (const auto& t : k["team_ids"])
                    if (t.is_number_integer()) r.team_ids.push_back(t.get<std::int64_t>());
            kiosks_.push_back(std::move(r));
        }
        kiosks_loaded_ = true;
    });
}

const Message* TokensAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void TokensAdmin::failed(const HttpResponse& reply) {
    errors_ = field_messages(reply);
    if (errors_.empty()) banner_ = problem_message(reply);
}

const std::vector<int>& api_key_lifetimes() {
    static const std::vector<int> days = {0, 30, 90, 365};
    return days;
}

void TokensAdmin::create_key() {
    if (busy_) return;
    errors_.clear();
    banner_ = {};
    dismiss_secret();
    if (key_name.find_first_not_of(' ') == std::string::npos) {
        errors_["name"] = Message::from_key("settings.error.required", {}, "name");
        return;
    }
    busy_ = true;
    nlohmann::json body = {{"name", key_name}, {"read_only", key_read_only}};
    if (key_expires_days > 0) body["expires_in_days"] = key_expires_days;
    io_.send("POST", "/api/v1/api-keys", body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        const auto j = reply_json(reply);
        secret_ = str(j, "key");
        secret_of_ = {"api_key", j.value("id", std::int64_t{0})};
        key_name.clear();
        key_read_only = false;
        key_expires_days = 0;
        load_keys();  // the list shows the new key's prefix, never its secret
    });
}

void TokensAdmin::toggle_kiosk_team(std::int64_t team_id) { toggle_id(kiosk_teams, team_id); }

void TokensAdmin::create_kiosk() {
    if (busy_) return;
    errors_.clear();
    banner_ = {};
    dismiss_secret();
    if (kiosk_name.find_first_not_of(' ') == std::string::npos)
        errors_["name"] = Message::from_key("settings.error.required", {}, "name");
    if (kiosk_teams.empty()) errors_["team_ids"] = Message::from_key("settings.kiosk.pick_team", {}, "team_ids");
    if (!errors_.empty()) return;
    busy_ = true;
    const nlohmann::json body = {{"name", kiosk_name}, {"team_ids", kiosk_teams}, {"leaderboard", kiosk_leaderboard}};
    io_.send("POST", "/api/v1/kiosk-tokens", body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        const auto j = reply_json(reply);
        secret_ = str(j, "token");
        secret_of_ = {"kiosk", j.value("id", std::int64_t{0})};
        kiosk_name.clear();
        kiosk_teams.clear();
        kiosk_leaderboard = false;
        load_kiosks();
    });
}

void TokensAdmin::confirm_revoke() {
    if (!pending_ || busy_) return;
    const TokenRef p = *pending_;
    pending_.reset();
    busy_ = true;
    banner_ = {};
    const std::string path = (p.kind == "kiosk" ? "/api/v1/kiosk-tokens/" : "/api/v1/api-keys/") + std::to_string(p.id);
    io_.send("DELETE", path, nullptr, [this, p](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok() && reply.status != 404) {
            banner_ = problem_message(reply);
            return;
        }
        if (p.kind == "kiosk")
            kiosks_.erase(std::remove_if(kiosks_.begin(), kiosks_.end(), [&](const auto& k) { return k.id == p.id; }), kiosks_.end());
        else
            keys_.erase(std::remove_if(keys_.begin(), keys_.end(), [&](const auto& k) { return k.id == p.id; }), keys_.end());
        if (secret_of_.kind == p.kind && secret_of_.id == p.id) dismiss_secret();
    });
}

}  // namespace tumen::client
