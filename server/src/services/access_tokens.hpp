// Bearer secrets other than the session cookie: users' API keys ("tmn_...", act as their owner, optionally
// read-only) and kiosk tokens ("tmk_...", created by managers, read-only, bound to team boards). Each secret is
// shown once at creation; only its BLAKE2b hash is stored. Both travel as "Authorization: Bearer <secret>".
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "caller.hpp"
#include "store/database.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

inline constexpr std::string_view api_key_prefix = "tmn_";
inline constexpr std::string_view kiosk_token_prefix = "tmk_";

struct CreatedSecret {
    int64_t id = 0;
    std::string secret;  // shown to the creator once
    std::optional<int64_t> expires_at;  // API keys only; none = never
};

class AccessTokens {
public:
    explicit AccessTokens(store::Database& db) : db_(db) {}

    Result<CreatedSecret> create_api_key(const Caller& owner, const nlohmann::json& body, const std::string& client_addr);
    nlohmann::json list_api_keys(const Caller& caller);  // own keys; administrators see everyone's
    Result<bool> revoke_api_key(const Caller& caller, int64_t id, const std::string& client_addr);

    Result<CreatedSecret> create_kiosk_token(const Caller& manager, const nlohmann::json& body, const std::string& client_addr);
    nlohmann::json list_kiosk_tokens();
    Result<bool> revoke_kiosk_token(const Caller& manager, int64_t id, const std::string& client_addr);

    // The caller behind a bearer secret, or nullopt when it is unknown (or its owner is inactive).
    std::optional<Caller> authenticate(const std::string& secret);

private:
    store::Database& db_;
};

}  // namespace tumen::server
