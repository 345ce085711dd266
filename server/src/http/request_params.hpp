// Query-string parsing shared by the route files: whole numbers in a range, optional ids and the reply of a
// service result, each failing with a 400 that names the parameter.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "http/router.hpp"

namespace tumen::server {

// ?name=N within lo..hi, or `fallback` when absent.
inline Result<int64_t> int_query(const Context& ctx, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
    std::string v = ctx.query(name);
    if (v.empty()) return fallback;
    try {
        size_t used = 0;
        long long n = std::stoll(v, &used);
        if (used == v.size() && n >= lo && n <= hi) return static_cast<int64_t>(n);
    } catch (...) {
    }
    return Error::make(ErrorCode::bad_request,
                       name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), name);
}

// ?name=<id>, nullopt when absent.
inline Result<std::optional<int64_t>> id_query(const Context& ctx, const std::string& name) {
    if (ctx.query(name).empty()) return std::optional<int64_t>();
    auto v = int_query(ctx, name, 0, 1, INT64_MAX);
    if (!v) return v.error();
    return std::optional<int64_t>(v.value());
}

// A service result as a JSON reply (anything nlohmann::json can hold).
template <class T>
Result<Reply> reply_of(Result<T> r, int status = 200) {
    if (!r) return r.error();
    return Reply::json(nlohmann::json(std::move(r).value()), status);
}

// {"items": [...]} of a list result.
template <class T>
Result<Reply> items_reply(Result<std::vector<T>> r) {
    if (!r) return r.error();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& x : r.value()) items.push_back(x);
    return Reply::json({{"items", items}});
}

inline Result<Reply> deleted_reply(Result<bool> r) {
    if (!r) return r.error();
    return Reply::no_content();
}

}  // namespace tumen::server
