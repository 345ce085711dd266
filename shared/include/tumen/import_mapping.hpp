// Which CSV column fills which field of an imported lead or contact: the fields a column may be mapped to
// (with their English and Mongolian labels, also used as export headers), a suggestion made from the header
// text in either language ("Имэйл хаяг", "E-mail", "Утасны дугаар", "Expected revenue (MNT)"), and the
// user's own mapping read from JSON.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"

namespace tumen::import {

enum class Entity { lead, contact };
std::string_view to_string(Entity entity);
std::optional<Entity> parse_entity(std::string_view text);  // "lead" | "contact" (plural accepted)

struct ImportField {
    std::string_view name;      // field on the wire ("partner_name"), or a pseudo-field: "tags", "parent_name", "currency"
    std::string_view label_en;  // "Company"
    std::string_view label_mn;  // "Компани"
};

// The fields a column can be mapped to, in the order a mapping screen lists them.
const std::vector<ImportField>& import_fields(Entity entity);
const ImportField* find_import_field(Entity entity, std::string_view name);

// The comparison form of a header: folded, only letters and digits ("И-мэйл хаяг:" -> "имэйлхаяг").
std::string header_key(std::string_view header);

// One field name per column ("" = not imported). Exact synonyms first, then a header that starts or ends
// with a synonym ("Work e-mail", "Орлого (₮)"); each field goes to one column at most (the first).
std::vector<std::string> suggest_mapping(const std::vector<std::string>& headers, Entity entity);

// The user's mapping: an array of field names by column position ("" or null = skip), or an object
// {"<header text>": "<field>" | null} (columns it does not name are skipped). 422 naming each problem:
// unknown field, a field used twice, a header the file does not have, nothing mapped.
Result<std::vector<std::string>> mapping_from_json(const nlohmann::json& mapping, const std::vector<std::string>& headers,
                                                   Entity entity);

// [{"column": 0, "header": "Нэр", "field": "name"}, ...] for previews and job records.
nlohmann::json mapping_to_json(const std::vector<std::string>& headers, const std::vector<std::string>& mapping);

}  // namespace tumen::import
