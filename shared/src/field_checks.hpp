// Internal: how one JSON value is checked and read into one C++ field, reporting to FieldErrors.
// Each reader takes the field's wire name for the error and leaves the target untouched on error.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/money.hpp"

namespace tumen::detail {

using nlohmann::json;

// Normalises a text value in place; returns an error message (and sets key) or nullptr when the value is fine.
using TextCheck = const char* (*)(std::string& value, const char*& key);

struct TextRule {
    std::size_t max_chars = 500;
    bool required = false;
    bool multiline = false;      // keep line breaks and spacing; otherwise white space is collapsed
    TextCheck check = nullptr;   // format rule (e-mail, phone, country...)
};

// Format rules, usable as TextRule::check. Empty values pass (required-ness is separate).
const char* check_email(std::string& v, const char*& key);
const char* check_phone(std::string& v, const char*& key);
const char* check_country(std::string& v, const char*& key);   // "mn" -> "MN"
const char* check_lang(std::string& v, const char*& key);      // "mn", "en_US", "mn-MN"
const char* check_website(std::string& v, const char*& key);
const char* check_alias(std::string& v, const char*& key);     // mail local part, lower-cased
const char* check_model_name(std::string& v, const char*& key);// "lead", "contact", "crm.lead"

void read_text(const json& v, const std::string& field, std::string& out, const TextRule& rule, FieldErrors& e);
void read_bool(const json& v, const std::string& field, bool& out, FieldErrors& e);
void read_int(const json& v, const std::string& field, std::int64_t& out, std::int64_t min, std::int64_t max,
              FieldErrors& e);
void read_id(const json& v, const std::string& field, std::int64_t& out, FieldErrors& e);  // > 0
void read_optional_id(const json& v, const std::string& field, std::optional<std::int64_t>& out, FieldErrors& e);
void read_id_list(const json& v, const std::string& field, std::vector<std::int64_t>& out, FieldErrors& e);
void read_percent(const json& v, const std::string& field, double& out, FieldErrors& e);  // 0..100, 2 decimals
void read_optional_percent(const json& v, const std::string& field, std::optional<double>& out, FieldErrors& e);
// {"amount": <int minor units>, "currency": "MNT"}; negative amounts only if allow_negative.
void read_money(const json& v, const std::string& field, Money& out, bool allow_negative, FieldErrors& e);
void read_timestamp(const json& v, const std::string& field, Timestamp& out, FieldErrors& e);
void read_optional_timestamp(const json& v, const std::string& field, std::optional<Timestamp>& out, FieldErrors& e);
void read_optional_date(const json& v, const std::string& field, std::optional<DayNumber>& out, FieldErrors& e);

json money_json(const Money& m);
json optional_id_json(const std::optional<std::int64_t>& id);
json optional_timestamp_json(const std::optional<Timestamp>& t);
json optional_date_json(const std::optional<DayNumber>& d);

}  // namespace tumen::detail
