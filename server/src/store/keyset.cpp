#include "store/keyset.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace tumen::store {

namespace {

std::string hex(const std::string& s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char ch : s) {
        out += digits[ch >> 4];
        out += digits[ch & 15];
    }
    return out;
}

std::optional<std::string> unhex(const std::string& s) {
    if (s.size() % 2) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < s.size(); i += 2) {
        int v = 0;
        for (int k = 0; k < 2; ++k) {
            char ch = s[i + k];
            v <<= 4;
            if (ch >= '0' && ch <= '9') v |= ch - '0';
            else if (ch >= 'a' && ch <= 'f') v |= ch - 'a' + 10;
            else return std::nullopt;
        }
        out += static_cast<char>(v);
    }
    return out;
}

}  // namespace

Result<Sort> parse_sort(const std::string& text, std::span<const SortKey> keys) {
    std::string field = text, dir = "asc";
    if (auto sp = text.find(' '); sp != std::string::npos) {
        field = text.substr(0, sp);
        dir = text.substr(sp + 1);
    }
    if (dir != "asc" && dir != "desc")
        return Error::make(ErrorCode::bad_request, "sort direction must be asc or desc", "sort");
    for (const auto& k : keys)
        if (field == k.name) return Sort{&k, dir == "desc"};
    return Error::make(ErrorCode::bad_request, "cannot sort by '" + field + "'", "sort");
}

// The cursor is [sort, value, id] as hex-encoded JSON: opaque to clients, checked against the sort on return.
std::string make_cursor(const Sort& sort, const SqlValue& value, int64_t id) {
    nlohmann::json j = nlohmann::json::array({sort.key->name});
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) j.push_back(nullptr);
            else j.push_back(v);
        },
        value);
    j.push_back(id);
    return hex(j.dump());
}

Result<std::pair<SqlValue, int64_t>> read_cursor(const Sort& sort, const std::string& cursor) {
    auto bad = Error::make(ErrorCode::bad_request, "invalid or outdated cursor", "after");
    auto raw = unhex(cursor);
    if (!raw) return bad;
    auto j = nlohmann::json::parse(*raw, nullptr, false);
    if (!j.is_array() || j.size() != 3 || j[0] != sort.key->name || !j[2].is_number_integer()) return bad;
    SqlValue v;
    if (j[1].is_number_integer()) v = j[1].get<int64_t>();
    else if (j[1].is_number()) v = j[1].get<double>();
    else if (j[1].is_string()) v = j[1].get<std::string>();
    else return bad;
    return std::make_pair(v, j[2].get<int64_t>());
}

Result<std::string> keyset_page(Connection& c, const KeysetQuery& q, const std::function<void(Statement&)>& on_row) {
    const std::string expr = q.sort.key->expr;
    const char* cmp = q.sort.desc ? "<" : ">";
    // Sorted by the id itself: one plain comparison and one ORDER BY term, which a virtual table (full-text
    // index walked by rowid) can take over; the general OR form and a repeated term make SQLite sort instead.
    const bool sorted_by_id = expr == q.id_expr;
    SqlFragment where = q.where;
    if (!q.after.empty()) {
        auto cur = read_cursor(q.sort, q.after);
        if (!cur) return cur.error();
        if (sorted_by_id) {
            where.sql = "(" + where.sql + ") AND " + expr + " " + cmp + " ?";
            where.params.push_back(cur->second);
        } else {
            where.sql = "(" + where.sql + ") AND (" + expr + " " + cmp + " ? OR (" + expr + " = ? AND " + q.id_expr +
                        " " + cmp + " ?))";
            where.params.push_back(cur->first);
            where.params.push_back(cur->first);
            where.params.push_back(cur->second);
        }
    }
    const char* dir = q.sort.desc ? " DESC" : " ASC";
    const std::string order = sorted_by_id ? expr + dir : expr + dir + ", " + q.id_expr + dir;
    // The sort key and the id go last in the select list, so on_row sees exactly q.columns.
    auto st = c.prepare_uncached("SELECT " + q.columns + ", " + expr + ", " + q.id_expr + " FROM " + q.from + " WHERE " +
                                 where.sql + " ORDER BY " + order + " LIMIT " +
                                 std::to_string(q.limit + 1));
    st.bind_all(where.params);
    const int key_col = st.column_count() - 2;
    const int id_col = st.column_count() - 1;
    int rows = 0;
    SqlValue last_key;
    int64_t last_id = 0;
    while (st.step()) {
        if (rows == q.limit) {  // one row more than asked: there is a next page
            return make_cursor(q.sort, last_key, last_id);
        }
        on_row(st);
        ++rows;
        if (q.sort.key->numeric) {
            if (st.column_type(key_col) == SQLITE_FLOAT) last_key = st.get_double(key_col);
            else last_key = st.get_int(key_col);
        } else {
            last_key = st.get_text(key_col);
        }
        last_id = st.get_int(id_col);
    }
    return std::string();
}

}  // namespace tumen::store
