#include "store/reference_tables.hpp"

#include <algorithm>
#include <set>

#include "tumen/text_fold.hpp"

namespace tumen::store {

namespace {

using T = RefColumnType;

std::string column_list(const RefTable& t) {
    std::string out = "id";
    for (const auto& col : t.columns) out += std::string(", ") + col.name;
    return out + ", version";
}

nlohmann::json reference_tables_read_row(const RefTable& t, Statement& s) {
    nlohmann::json j = {{"id", s.get_int(0)}};
    int i = 1;
    for (const auto& col : t.columns) {
        switch (col.type) {
            case T::text: j[col.name] = s.get_text(i); break;
            case T::integer: j[col.name] = s.get_int(i); break;
            case T::optional_id: j[col.name] = s.is_null(i) ? nlohmann::json() : nlohmann::json(s.get_int(i)); break;
            case T::boolean: j[col.name] = s.get_int(i) != 0; break;
        }
        ++i;
    }
    j["version"] = s.get_int(i);
    return j;
}

// Binds the columns of `row` from index 1 on; returns the next free index.
int bind_row(const RefTable& t, Statement& s, const nlohmann::json& row) {
    int i = 1;
    for (const auto& col : t.columns) {
        const auto& v = row.at(col.name);
        switch (col.type) {
            case T::text: s.bind(i, v.get<std::string>()); break;
            case T::integer: s.bind(i, v.get<int64_t>()); break;
            case T::optional_id:
                if (v.is_null()) s.bind(i, nullptr);
                else s.bind(i, v.get<int64_t>());
                break;
            case T::boolean: s.bind(i, v.get<bool>()); break;
        }
        ++i;
    }
    return i;
}

}  // namespace

bool RefTable::has_active() const {
    return std::any_of(columns.begin(), columns.end(), [](const RefColumn& c) { return std::string(c.name) == "active"; });
}

const RefTable& lost_reasons_table() {
    static const RefTable t{"lost_reasons", "lost_reason", {{"name", T::text}, {"active", T::boolean}}, "lost_reason_id"};
    return t;
}
const RefTable& tags_table() {
    static const RefTable t{"tags", "tag", {{"name", T::text}, {"color", T::integer}}};
    return t;
}
const RefTable& contact_categories_table() {
    static const RefTable t{"contact_categories", "contact_category",
                            {{"name", T::text}, {"color", T::integer}, {"parent_id", T::optional_id}, {"active", T::boolean}}};
    return t;
}
const RefTable& utm_sources_table() {
    static const RefTable t{"utm_sources", "utm_source", {{"name", T::text}, {"active", T::boolean}}, "source_id"};
    return t;
}
const RefTable& utm_mediums_table() {
    static const RefTable t{"utm_mediums", "utm_medium", {{"name", T::text}, {"active", T::boolean}}, "medium_id"};
    return t;
}
const RefTable& utm_campaigns_table() {
    static const RefTable t{"utm_campaigns", "utm_campaign", {{"name", T::text}, {"active", T::boolean}}, "campaign_id"};
    return t;
}

const RefTable& currencies_table() {
    static const RefTable t{"currencies", "currency", {{"name", T::text}, {"rate", T::text}, {"active", T::boolean}}};
    return t;
}

std::vector<nlohmann::json> list_refs(Connection& c, const RefTable& t, const std::string& active) {
    std::string where;
    if (t.has_active() && active == "true") where = " WHERE active = 1";
    else if (t.has_active() && active == "false") where = " WHERE active = 0";
    auto s = c.prepare("SELECT " + column_list(t) + " FROM " + t.table + where);
    std::vector<std::pair<std::string, nlohmann::json>> rows;
    while (s.step()) {
        auto row = reference_tables_read_row(t, s);
        rows.emplace_back(text::fold_key(row["name"].get<std::string>()), std::move(row));
    }
    // Sorted here: SQLite's collation does not fold Cyrillic. The lists are short (settings screens, pickers).
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<nlohmann::json> out;
    for (auto& r : rows) out.push_back(std::move(r.second));
    return out;
}

std::optional<nlohmann::json> find_ref(Connection& c, const RefTable& t, int64_t id) {
    auto s = c.prepare("SELECT " + column_list(t) + " FROM " + t.table + " WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return reference_tables_read_row(t, s);
}

int64_t ref_name_taken(Connection& c, const RefTable& t, const std::string& name, int64_t except_id) {
    const std::string key = text::fold_key(name);
    auto s = c.prepare(std::string("SELECT id, name FROM ") + t.table);
    while (s.step())
        if (s.get_int(0) != except_id && text::fold_key(s.get_text(1)) == key) return s.get_int(0);
    return 0;
}

int64_t insert_ref(Connection& c, const RefTable& t, const nlohmann::json& row) {
    std::string cols, marks;
    for (const auto& col : t.columns) {
        cols += std::string(col.name) + ", ";
        marks += "?, ";
    }
    auto s = c.prepare(std::string("INSERT INTO ") + t.table + " (" + cols + "version) VALUES (" + marks + "1)");
    bind_row(t, s, row);
    s.run();
    return c.last_insert_id();
}

bool update_ref(Connection& c, const RefTable& t, const nlohmann::json& row) {
    std::string sets;
    for (const auto& col : t.columns) sets += std::string(col.name) + " = ?, ";
    auto s = c.prepare(std::string("UPDATE ") + t.table + " SET " + sets + "version = version + 1 WHERE id = ? AND version = ?");
    int next = bind_row(t, s, row);
    s.bind(next, row.at("id").get<int64_t>()).bind(next + 1, row.at("version").get<int64_t>());
    s.run();
    return c.changes() > 0;
}

void delete_ref(Connection& c, const RefTable& t, int64_t id) {
    c.prepare(std::string("DELETE FROM ") + t.table + " WHERE id = ?").bind(1, id).run();
}

bool ref_exists(Connection& c, const RefTable& t, int64_t id) {
    return c.prepare(std::string("SELECT count(*) FROM ") + t.table + " WHERE id = ?").bind(1, id).scalar_int() > 0;
}

bool ref_has_ancestor(Connection& c, const RefTable& t, int64_t id, int64_t ancestor) {
    std::set<int64_t> seen;  // a cycle already in the data must not hang the walk
    std::optional<int64_t> at = id;
    while (at && seen.insert(*at).second) {
        if (*at == ancestor) return true;
        auto s = c.prepare(std::string("SELECT parent_id FROM ") + t.table + " WHERE id = ?");
        s.bind(1, *at);
        at = s.step() ? s.get_opt_int(0) : std::nullopt;
    }
    return false;
}

int64_t ref_use_count(Connection& c, const RefTable& t, int64_t id) {
    if (!t.lead_column) return 0;
    return c.prepare(std::string("SELECT count(*) FROM leads WHERE ") + t.lead_column + " = ?").bind(1, id).scalar_int();
}

}  // namespace tumen::store
