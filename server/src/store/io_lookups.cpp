#include "store/io_lookups.hpp"

namespace tumen::store {

void scan_dedupe_rows(Connection& c, DedupeTable table, const SqlFragment& rule, const std::function<void(const DedupeRow&)>& fn) {
    const char* from = table == DedupeTable::leads ? "leads l" : "contacts c";
    const char* a = table == DedupeTable::leads ? "l" : "c";
    auto s = c.prepare_uncached(std::string("SELECT ") + a + ".id, " + a + ".email_norm, " + a + ".phone_norm, " + a +
                                ".name_fold FROM " + from + " WHERE " + rule.sql + " ORDER BY " + a + ".id");
    s.bind_all(rule.params);
    DedupeRow row;
    while (s.step()) {
        row.id = s.get_int(0);
        row.email_norm = s.get_text(1);
        row.phone_norm = s.get_text(2);
        row.name_fold = s.get_text(3);
        fn(row);
    }
}

std::vector<std::pair<std::string, int64_t>> company_keys(Connection& c, const SqlFragment& contact_rule) {
    auto s = c.prepare_uncached("SELECT c.name_fold, c.id FROM contacts c WHERE c.is_company = 1 AND " + contact_rule.sql +
                                " ORDER BY c.id");
    s.bind_all(contact_rule.params);
    std::vector<std::pair<std::string, int64_t>> out;
    while (s.step()) out.emplace_back(s.get_text(0), s.get_int(1));
    return out;
}

std::map<int64_t, std::string> names_by_id(Connection& c, NameTable table) {
    const char* sql = "";
    switch (table) {
        case NameTable::users: sql = "SELECT id, name FROM users"; break;
        case NameTable::teams: sql = "SELECT id, name FROM teams"; break;
        case NameTable::stages: sql = "SELECT id, name FROM stages"; break;
        case NameTable::tags: sql = "SELECT id, name FROM tags"; break;
        case NameTable::lost_reasons: sql = "SELECT id, name FROM lost_reasons"; break;
        case NameTable::contact_categories: sql = "SELECT id, name FROM contact_categories"; break;
    }
    auto s = c.prepare(sql);
    std::map<int64_t, std::string> out;
    while (s.step()) out.emplace(s.get_int(0), s.get_text(1));
    return out;
}

std::map<int64_t, std::string> contact_names(Connection& c, const std::vector<int64_t>& ids) {
    std::map<int64_t, std::string> out;
    if (ids.empty()) return out;
    std::string list;
    for (int64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);  // our own integers, not user text
    auto s = c.prepare_uncached("SELECT id, name FROM contacts WHERE id IN (" + list + ")");
    while (s.step()) out.emplace(s.get_int(0), s.get_text(1));
    return out;
}

}  // namespace tumen::store
