// User accounts as both sides see them: the roles, the password rule and the checks on user fields.
// The client runs them for instant feedback, the server runs them again before writing (it never trusts the client).
#pragma once
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tumen/error.hpp"

namespace tumen::account {

// Roles a user account can have. Kiosk tokens are not users: their callers carry the role "kiosk".
inline constexpr std::array<std::string_view, 5> roles = {"admin", "manager", "sales_all", "sales_own", "portal"};
inline constexpr std::string_view kiosk_role = "kiosk";
inline constexpr std::array<std::string_view, 2> languages = {"en", "mn"};

inline constexpr std::size_t min_password_length = 10;   // in characters (code points), so Cyrillic counts fairly
inline constexpr std::size_t max_password_bytes = 1024;  // bounds the hashing work one request can ask for

bool is_role(std::string_view role);
bool is_language(std::string_view lang);
// An IANA zone name in its usual shape ("Asia/Ulaanbaatar", "UTC", "America/Argentina/Buenos_Aires").
bool is_time_zone_name(std::string_view tz);
// 1-120 bytes of UTF-8 without spaces or control characters.
bool is_valid_login(std::string_view login);

// Why `password` is not acceptable for `login`, as a FieldError for the field "password", or nullopt when it is fine.
std::optional<FieldError> password_problem(std::string_view login, std::string_view password);

// Checks the user fields present in `j` (login, name, email, role, lang, tz, active, password, team_ids,
// partner_id). When `creating`, login, name, role and password are required. Adds one entry per bad field.
void check_user_fields(const nlohmann::json& j, bool creating, FieldErrors& errors);

}  // namespace tumen::account
