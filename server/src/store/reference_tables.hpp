// The small editable lists (lost reasons, tags, contact categories, UTM sources/mediums/campaigns, currencies)
// in SQLite.
// They share one shape — id, a few columns, version — so one generic table description serves all six; rows
// travel as the JSON the shared codecs (tumen/reference_data.hpp) read and write, so the mapping between
// columns and fields is written once, there.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

enum class RefColumnType { text, integer, optional_id, boolean };

struct RefColumn {
    const char* name;  // column name = JSON field name
    RefColumnType type;
};

struct RefTable {
    const char* table;   // trusted SQL identifier
    const char* entity;  // change-log entity: "tag", "lost_reason", ...
    std::vector<RefColumn> columns;  // besides id and version
    const char* lead_column = nullptr;  // the leads column that refers to it, when deleting must not erase history
    bool has_active() const;
};

const RefTable& lost_reasons_table();
const RefTable& tags_table();
const RefTable& contact_categories_table();
const RefTable& utm_sources_table();
const RefTable& utm_mediums_table();
const RefTable& utm_campaigns_table();
const RefTable& currencies_table();  // Settings › Currencies: name = ISO code, rate into the company currency

// Rows as {"id", <columns>, "version"}, ordered by name (folded) then id. `active`: "true" | "false" | "all"
// (ignored by tables without an active column).
std::vector<nlohmann::json> list_refs(Connection& c, const RefTable& t, const std::string& active = "all");
std::optional<nlohmann::json> find_ref(Connection& c, const RefTable& t, int64_t id);
// The id of another row whose name equals `name` case-insensitively (Cyrillic too), 0 if none.
int64_t ref_name_taken(Connection& c, const RefTable& t, const std::string& name, int64_t except_id);
int64_t insert_ref(Connection& c, const RefTable& t, const nlohmann::json& row);  // returns the new id; version 1
bool update_ref(Connection& c, const RefTable& t, const nlohmann::json& row);     // by id + version; false = stale
void delete_ref(Connection& c, const RefTable& t, int64_t id);
bool ref_exists(Connection& c, const RefTable& t, int64_t id);
// For tables with a parent_id column: true when `ancestor` is `id` itself or one of its parents.
bool ref_has_ancestor(Connection& c, const RefTable& t, int64_t id, int64_t ancestor);
// Leads (archived ones too) that refer to the row through t.lead_column; 0 when the table has none.
int64_t ref_use_count(Connection& c, const RefTable& t, int64_t id);

}  // namespace tumen::store
