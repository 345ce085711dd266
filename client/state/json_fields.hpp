// Lenient reads of one field of a server reply: a missing or mistyped field gives the empty value, so a view
// model shows what it can instead of failing on a reply from a newer or older server.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace tumen::client {

inline std::string str(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

inline std::optional<std::int64_t> opt_int(const nlohmann::json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
}

inline std::int64_t int_or_zero(const nlohmann::json& j, const char* key) { return opt_int(j, key).value_or(0); }

}  // namespace tumen::client
