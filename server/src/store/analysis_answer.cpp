#include "store/analysis_answer.hpp"

#include <map>
#include <set>

namespace tumen::store {

namespace {

nlohmann::json key_json(Statement& s, int col) {
    switch (s.column_type(col)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return s.get_int(col);
        default: return s.get_text(col);
    }
}

// Names of the ids a key has, for keys that are references; other keys are their own label.
const char* label_table(const std::string& key) {
    static const std::map<std::string, const char*> tables = {
        {"stage", "stages"}, {"user", "users"},       {"team", "teams"},
        {"source", "utm_sources"}, {"lost_reason", "lost_reasons"}, {"tag", "tags"}};
    auto it = tables.find(key);
    return it == tables.end() ? nullptr : it->second;
}

std::map<int64_t, std::string> names_of(Connection& c, const char* table, const std::set<int64_t>& ids) {
    std::map<int64_t, std::string> out;
    if (ids.empty()) return out;
    auto s = c.prepare(std::string("SELECT id, name FROM ") + table + " WHERE id IN (SELECT value FROM json_each(?))");
    s.bind(1, nlohmann::json(ids).dump());
    while (s.step()) out[s.get_int(0)] = s.get_text(1);
    return out;
}

void fill_labels(Connection& c, analysis::Answer& a, bool second) {
    const std::string& key = second ? a.group_by2 : a.group_by;
    const char* table = label_table(key);
    std::set<int64_t> ids;
    for (const auto& cell : a.cells) {
        const auto& k = second ? cell.key2 : cell.key1;
        if (table && k.is_number_integer()) ids.insert(k.get<int64_t>());
    }
    const auto names = table ? names_of(c, table, ids) : std::map<int64_t, std::string>{};
    for (auto& cell : a.cells) {
        const auto& k = second ? cell.key2 : cell.key1;
        std::string& label = second ? cell.label2 : cell.label1;
        if (k.is_null()) label.clear();
        else if (table && k.is_number_integer()) {
            auto it = names.find(k.get<int64_t>());
            label = it == names.end() ? "#" + std::to_string(k.get<int64_t>()) : it->second;
        } else label = k.is_string() ? k.get<std::string>() : k.dump();
    }
}

}  // namespace

analysis::Answer read_answer(Connection& c, Statement& s, const std::string& group_by, const std::string& group_by2) {
    analysis::Answer a;
    a.group_by = group_by;
    a.group_by2 = group_by2;
    while (s.step()) {
        nlohmann::json key1 = key_json(s, 0), key2 = key_json(s, 1);
        if (a.cells.empty() || a.cells.back().key1 != key1 || a.cells.back().key2 != key2) {
            a.cells.emplace_back();
            a.cells.back().key1 = std::move(key1);
            a.cells.back().key2 = std::move(key2);
        }
        auto& cell = a.cells.back();
        const std::string currency = s.get_text(2);
        cell.count += s.get_int(3);
        cell.won += s.get_int(4);
        cell.lost += s.get_int(5);
        cell.expected[currency] += s.get_int(6);
        cell.weighted[currency] += static_cast<int64_t>(s.get_double(7));
        cell.close_days_sum += s.is_null(8) ? 0 : s.get_int(8);
        cell.closed += s.get_int(9);
    }
    fill_labels(c, a, false);
    if (!group_by2.empty()) fill_labels(c, a, true);
    return a;
}

}  // namespace tumen::store
