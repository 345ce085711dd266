#include "store/saved_searches.hpp"

namespace tumen::store {

namespace {

constexpr const char* saved_searches_columns = "id, user_id, view, name, query, shared, is_default, create_date, write_date";

SavedSearch saved_searches_read_row(Statement& s) {
    SavedSearch out;
    out.id = s.get_int(0);
    out.user_id = s.get_int(1);
    out.view = s.get_text(2);
    out.name = s.get_text(3);
    out.query = s.get_text(4);
    out.shared = s.get_int(5) != 0;
    out.is_default = s.get_int(6) != 0;
    out.create_date = s.get_int(7);
    out.write_date = s.get_int(8);
    return out;
}

}  // namespace

std::vector<SavedSearch> list_saved_searches(Connection& c, int64_t user_id, const std::string& view) {
    auto s = c.prepare(std::string("SELECT ") + saved_searches_columns +
                       " FROM saved_searches WHERE (user_id = ?1 OR shared = 1) AND (?2 = '' OR view = ?2)"
                       " ORDER BY user_id <> ?1, name COLLATE NOCASE, id");
    s.bind(1, user_id).bind(2, view);
    std::vector<SavedSearch> out;
    while (s.step()) out.push_back(saved_searches_read_row(s));
    return out;
}

std::optional<SavedSearch> find_saved_search(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + saved_searches_columns + " FROM saved_searches WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return saved_searches_read_row(s);
}

void insert_saved_search(Connection& c, SavedSearch& s) {
    auto st = c.prepare(
        "INSERT INTO saved_searches (user_id, view, name, query, shared, is_default, create_date, write_date)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, s.user_id).bind(2, s.view).bind(3, s.name).bind(4, s.query).bind(5, s.shared).bind(6, s.is_default);
    st.bind(7, s.create_date).bind(8, s.write_date);
    st.step();
    s.id = c.last_insert_id();
}

void update_saved_search(Connection& c, const SavedSearch& s) {
    auto st = c.prepare("UPDATE saved_searches SET name = ?, query = ?, shared = ?, is_default = ?, write_date = ?"
                        " WHERE id = ?");
    st.bind(1, s.name).bind(2, s.query).bind(3, s.shared).bind(4, s.is_default).bind(5, s.write_date).bind(6, s.id);
    st.step();
}

void delete_saved_search(Connection& c, int64_t id) {
    auto st = c.prepare("DELETE FROM saved_searches WHERE id = ?");
    st.bind(1, id);
    st.step();
}

void clear_saved_search_defaults(Connection& c, int64_t user_id, const std::string& view, int64_t except_id) {
    auto st = c.prepare("UPDATE saved_searches SET is_default = 0 WHERE user_id = ? AND view = ? AND id <> ?"
                        " AND is_default = 1");
    st.bind(1, user_id).bind(2, view).bind(3, except_id);
    st.step();
}

}  // namespace tumen::store
