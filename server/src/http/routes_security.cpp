// Administrators: sign-in locks (list, lift) and the security event log.
#include <cstdint>

#include "app.hpp"
#include "services/auth_service.hpp"
#include "store/security_events.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

namespace {

int64_t security_int_query(const Context& ctx, const char* key, int64_t fallback, int64_t lo, int64_t hi) {
    try {
        std::string v = ctx.query(key);
        if (v.empty()) return fallback;
        size_t used = 0;
        int64_t n = std::stoll(v, &used);
        if (used != v.size()) return -1;
        return n < lo || n > hi ? -1 : n;
    } catch (...) {
        return -1;
    }
}

nlohmann::json opt_id(const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

void register_security_routes(Router& r, App& app) {
    r.on("security.locks", [&app](Context&) -> Result<Reply> {
        const int64_t now = unix_now();
        auto items = nlohmann::json::array();
        for (const auto& row : app.auth().throttle().list(now))
            items.push_back({{"kind", row.kind},
                             {"key", row.key},
                             {"failures", row.failures},
                             {"locks", row.lock_count},
                             {"locked", row.locked_until > now},
                             {"locked_until", row.locked_until > 0 ? nlohmann::json(format_timestamp(row.locked_until)) : nullptr},
                             {"last_failure_at", row.last_failure_at > 0 ? nlohmann::json(format_timestamp(row.last_failure_at)) : nullptr}});
        return Reply::json({{"items", items}});
    });

    r.on("security.unlock", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        const auto& j = body.value();
        FieldErrors fe;
        if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string() ||
            (j["kind"] != "account" && j["kind"] != "address"))
            fe.add("kind", "must be account or address", "error.invalid_choice");
        if (!j.is_object() || !j.contains("key") || !j["key"].is_string()) fe.add("key", "is required", "error.required");
        if (!fe.empty()) return fe.to_error();
        std::string kind = j["kind"], key = j["key"];
        if (kind == "account") key = LoginThrottle::account_key(key);
        if (!app.auth().throttle().clear(kind, key, ctx.caller->user_id, ctx.client_addr))
            return Error::make(ErrorCode::not_found, "No lock or failures for that " + kind);
        return Reply::no_content();
    });

    r.on("security.events", [&app](Context& ctx) -> Result<Reply> {
        int64_t limit = security_int_query(ctx, "limit", 100, 1, 1000), before = security_int_query(ctx, "before_id", 0, 0, INT64_MAX);
        int64_t user = security_int_query(ctx, "user_id", 0, 0, INT64_MAX);
        if (limit < 0 || before < 0 || user < 0) return Error::make(ErrorCode::bad_request, "limit, before_id and user_id must be positive integers");
        auto events = store::list_security_events(app.db().reader(), before, static_cast<int>(limit),
                                                  user ? std::optional<int64_t>(user) : std::nullopt, ctx.query("kind"));
        auto items = nlohmann::json::array();
        for (const auto& e : events)
            items.push_back({{"id", e.id}, {"at", format_timestamp(e.at)}, {"kind", e.kind}, {"user_id", opt_id(e.user_id)},
                             {"login", e.login}, {"actor_id", opt_id(e.actor_id)}, {"client_addr", e.client_addr},
                             {"detail", e.detail}});
        return Reply::json({{"items", items}, {"next_before_id", events.size() == static_cast<size_t>(limit) ? nlohmann::json(events.back().id) : nullptr}});
    });
}

}  // namespace tumen::server
