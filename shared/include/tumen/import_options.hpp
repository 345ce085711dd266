// What the user chose for an import (record kind, mapping, duplicate handling, dry run, all-or-nothing), read
// from the flat parameters of the upload (query string or multipart fields), and the duplicate keys.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/import_mapping.hpp"

namespace tumen::import {

enum class DedupeField { email, phone, name };
enum class OnDuplicate { skip, update };
// valid_rows: bad rows are reported and the others imported; all_or_nothing: one bad row imports nothing.
enum class Mode { valid_rows, all_or_nothing };

struct Options {
    Entity entity = Entity::lead;
    std::vector<DedupeField> dedupe;  // all must match ("email+phone"); empty = every row is new
    OnDuplicate on_duplicate = OnDuplicate::skip;
    Mode mode = Mode::valid_rows;
    bool dry_run = false;
    char delimiter = 0;               // 0 = detect from the header line
    std::string currency = "MNT";     // of amounts whose row names no currency
    std::optional<nlohmann::json> mapping;  // nullopt = the suggested mapping
};

// Parameters: entity=lead|contact, dedupe=none|email|phone|name|email+phone|..., on_duplicate=skip|update,
// mode=valid_rows|all_or_nothing, dry_run=true|false, delimiter=,|;|tab|pipe, currency=MNT, mapping=<JSON>.
// Unknown parameters are ignored (the upload may carry others); bad values are 422 naming each.
Result<Options> options_from_params(const std::map<std::string, std::string>& params);
nlohmann::json to_json(const Options& options);

std::string dedupe_to_string(const std::vector<DedupeField>& dedupe);  // "email+phone", "none"
std::string_view to_string(OnDuplicate d);
std::string_view to_string(Mode m);

// Digits of a phone number, only the last 8 when longer (a Mongolian national number with or without +976);
// "" when fewer than 3 digits.
std::string phone_key(std::string_view phone);

// The duplicate key of a record (normalised e-mail, phone_key, folded name, joined by '\x1F'); "" when the
// record lacks one of the parts, so it is never taken for a duplicate.
std::string dedupe_key(const std::vector<DedupeField>& parts, std::string_view email, std::string_view phone,
                       std::string_view name);

}  // namespace tumen::import
