#include "tumen/account.hpp"

#include <algorithm>

#include "tumen/email_phone.hpp"
#include "tumen/utf8.hpp"

namespace tumen::account {

namespace {

bool is_string(const nlohmann::json& j, const char* key) { return j.contains(key) && j[key].is_string(); }

bool is_id_list(const nlohmann::json& v) {
    if (!v.is_array()) return false;
    return std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_number_integer() && x.get<int64_t>() > 0; });
}

}  // namespace

bool is_role(std::string_view role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

bool is_language(std::string_view lang) { return std::find(languages.begin(), languages.end(), lang) != languages.end(); }

bool is_time_zone_name(std::string_view tz) {
    if (tz.empty() || tz.size() > 64 || tz.front() == '/' || tz.back() == '/') return false;
    if (tz.find("//") != std::string_view::npos || tz.find("..") != std::string_view::npos) return false;
    return std::all_of(tz.begin(), tz.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
               c == '-' || c == '+' || c == '.';
    });
}

bool is_valid_login(std::string_view login) {
    if (login.empty() || login.size() > 120 || !utf8::is_valid(login)) return false;
    return std::none_of(login.begin(), login.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
}

std::optional<FieldError> password_problem(std::string_view login, std::string_view password) {
    if (password.size() > max_password_bytes)
        return FieldError{"password", "must be at most 1024 bytes long", "error.password_too_long"};
    if (utf8::length(password) < min_password_length)
        return FieldError{"password", "must be at least 10 characters long", "error.password_too_short"};
    if (password == login) return FieldError{"password", "must not be the same as the login", "error.password_is_login"};
    return std::nullopt;
}

void check_user_fields(const nlohmann::json& j, bool creating, FieldErrors& errors) {
    if (!j.is_object()) {
        errors.add("", "expected a JSON object", "error.invalid");
        return;
    }
    auto required = [&](const char* key) {
        if (creating && !j.contains(key)) {
            errors.add(key, "is required", "error.required");
            return false;
        }
        return j.contains(key);
    };
    if (required("login") && (!is_string(j, "login") || !is_valid_login(j["login"].get<std::string>())))
        errors.add("login", "must be 1-120 characters without spaces", "error.invalid_login");
    if (required("name")) {
        if (!is_string(j, "name")) errors.add("name", "must be text", "error.invalid");
        else if (auto n = utf8::length(j["name"].get<std::string>()); n < 1 || n > 200 || !utf8::is_valid(j["name"].get<std::string>()))
            errors.add("name", "must be 1-200 characters", "error.invalid_length");
    }
    if (j.contains("email")) {
        if (!is_string(j, "email")) errors.add("email", "must be text", "error.invalid");
        else if (auto e = j["email"].get<std::string>(); !e.empty() && !is_valid_email(e))
            errors.add("email", "is not a valid e-mail address", "error.invalid_email");
    }
    if (required("role") && (!is_string(j, "role") || !is_role(j["role"].get<std::string>())))
        errors.add("role", "must be one of admin, manager, sales_all, sales_own, portal", "error.invalid_choice");
    if (j.contains("lang") && (!is_string(j, "lang") || !is_language(j["lang"].get<std::string>())))
        errors.add("lang", "must be en or mn", "error.invalid_choice");
    if (j.contains("tz") && (!is_string(j, "tz") || !is_time_zone_name(j["tz"].get<std::string>())))
        errors.add("tz", "is not a time zone name", "error.invalid_time_zone");
    if (j.contains("active") && !j["active"].is_boolean()) errors.add("active", "must be true or false", "error.invalid");
    if (j.contains("team_ids") && !is_id_list(j["team_ids"])) errors.add("team_ids", "must be a list of team ids", "error.invalid");
    if (j.contains("partner_id") && !j["partner_id"].is_null() &&
        !(j["partner_id"].is_number_integer() && j["partner_id"].get<int64_t>() > 0))
        errors.add("partner_id", "must be a contact id or null", "error.invalid");
    if (required("password")) {
        if (!is_string(j, "password")) {
            errors.add("password", "must be text", "error.invalid");
        } else {
            std::string login = is_string(j, "login") ? j["login"].get<std::string>() : std::string();
            if (auto p = password_problem(login, j["password"].get<std::string>())) errors.add(p->field, p->message, p->key);
        }
    }
}

}  // namespace tumen::account
