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
    else if (!(j[1].is_null() && sort.key->nullable)) return bad;
    return std::make_pair(v, j[2].get<int64_t>());
}

namespace {

// One range of the sort order, read with its own query (a nullable key's NULLs and non-NULLs are two ranges: one
// query with an OR across them would make SQLite scan the index from its start instead of seeking).
struct KeysetRange {
    std::string cond;  // ANDed to the query's condition; "" = none
    std::vector<SqlValue> params;
};

std::vector<KeysetRange> keyset_ranges(const KeysetQuery& q, const std::optional<std::pair<SqlValue, int64_t>>& cur) {
    const std::string expr = q.sort.key->expr;
    const std::string cmp = q.sort.desc ? " < ?" : " > ?";
    if (!cur) return {{"", {}}};
    // Sorted by the id itself: one plain comparison, which a virtual table (full-text index walked by rowid) can take
    // over; the general form below makes SQLite sort instead.
    if (expr == q.id_expr) return {{expr + cmp, {cur->second}}};
    const std::string after_null = expr + " IS NULL AND " + q.id_expr + cmp;
    if (std::holds_alternative<std::nullptr_t>(cur->first)) {
        // Inside the NULLs, which come first ascending (then every non-NULL row) and last descending.
        if (q.sort.desc) return {{after_null, {cur->second}}};
        return {{after_null, {cur->second}}, {expr + " IS NOT NULL", {}}};
    }
    KeysetRange seek{"(" + expr + cmp + " OR (" + expr + " = ? AND " + q.id_expr + cmp + "))",
                     {cur->first, cur->first, cur->second}};
    if (q.sort.key->nullable && q.sort.desc) return {seek, {expr + " IS NULL", {}}};
    return {seek};
}

}  // namespace

Result<std::string> keyset_page(Connection& c, const KeysetQuery& q, const std::function<void(Statement&)>& on_row) {
    std::optional<std::pair<SqlValue, int64_t>> cur;
    if (!q.after.empty()) {
        auto read = read_cursor(q.sort, q.after);
        if (!read) return read.error();
        cur = read.value();
    }
    const std::string expr = q.sort.key->expr;
    const char* dir = q.sort.desc ? " DESC" : " ASC";
    // A repeated ORDER BY term would keep a virtual table from giving the order (see keyset_ranges).
    const std::string order = expr == q.id_expr ? expr + dir : expr + dir + ", " + q.id_expr + dir;
    int rows = 0;
    SqlValue last_key;
    int64_t last_id = 0;
    for (const auto& range : keyset_ranges(q, cur)) {
        SqlFragment where = q.where;
        if (!range.cond.empty()) {
            where.sql = "(" + where.sql + ") AND " + range.cond;
            where.params.insert(where.params.end(), range.params.begin(), range.params.end());
        }
        // The sort key and the id go last in the select list, so on_row sees exactly q.columns.
        auto st = c.prepare_uncached("SELECT " + q.columns + ", " + expr + ", " + q.id_expr + " FROM " + q.from +
                                     " WHERE " + where.sql + " ORDER BY " + order + " LIMIT " +
                                     std::to_string(q.limit - rows + 1));
        st.bind_all(where.params);
        const int key_col = st.column_count() - 2;
        const int id_col = st.column_count() - 1;
        while (st.step()) {
            if (rows == q.limit) return make_cursor(q.sort, last_key, last_id);  // one row more: a next page exists
            on_row(st);
            ++rows;
            if (q.sort.key->nullable && st.column_type(key_col) == SQLITE_NULL) {
                last_key = nullptr;
            } else if (q.sort.key->numeric) {
                if (st.column_type(key_col) == SQLITE_FLOAT) last_key = st.get_double(key_col);
                else last_key = st.get_int(key_col);
            } else {
                last_key = st.get_text(key_col);
            }
            last_id = st.get_int(id_col);
        }
    }
    return std::string();
}

}  // namespace tumen::store
