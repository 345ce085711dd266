// The search bar's favourites (issue 5, Odoo's Favourites): a user saves the list's or a board's search under a
// name, optionally shared with every internal user and optionally as the default of that view. Everyone sees
// their own and the shared ones; only the owner or an administrator renames, changes or deletes one. Portal users
// (and kiosk tokens, which the router already stops) have none.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/saved_searches.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

class SavedSearchService {
public:
    explicit SavedSearchService(store::Database& db) : db_(db) {}

    // ?view=list|board ("" = both): {id, user_id, view, name, query, shared, default, own, create_date, write_date}.
    Result<std::vector<nlohmann::json>> list(const Caller& caller, const std::string& view);
    // {name, view, query?, shared?, default?}
    Result<nlohmann::json> create(const Caller& caller, const nlohmann::json& body);
    // Any of {name, query, shared, default}.
    Result<nlohmann::json> update(const Caller& caller, int64_t id, const nlohmann::json& patch);
    Result<bool> remove(const Caller& caller, int64_t id);

private:
    store::Database& db_;
};

nlohmann::json saved_search_json(const store::SavedSearch& s, int64_t caller_id);

}  // namespace tumen::server
