// The search bar's favourites in SQLite (saved_searches; migration saved_searches, schema_saved_searches.cpp).
// Rights are the service's job (services/saved_search_service.hpp); these functions only read and write rows.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

struct SavedSearch {
    int64_t id = 0;
    int64_t user_id = 0;     // the owner
    std::string view;        // "list" | "board"
    std::string name;
    std::string query;       // the route's query string
    bool shared = false;     // every internal user sees it
    bool is_default = false; // applied when the view opens without a query
    int64_t create_date = 0;
    int64_t write_date = 0;
};

// The user's own favourites and the shared ones of `view` ("" = both views): own first, then by name.
std::vector<SavedSearch> list_saved_searches(Connection& c, int64_t user_id, const std::string& view);
std::optional<SavedSearch> find_saved_search(Connection& c, int64_t id);
void insert_saved_search(Connection& c, SavedSearch& s);  // sets id
void update_saved_search(Connection& c, const SavedSearch& s);
void delete_saved_search(Connection& c, int64_t id);
// Turns off is_default on the owner's other favourites of the view (one default per owner and view).
void clear_saved_search_defaults(Connection& c, int64_t user_id, const std::string& view, int64_t except_id);

}  // namespace tumen::store
