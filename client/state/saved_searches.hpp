// The search bar's "Favourites ▾" menu (issue 5): the user's own and the shared saved searches of one view (the
// leads list or the boards), kept on the server (/api/v1/saved-searches) as the view's route query string. Save
// the current search under a name (shared, default), apply one, delete one (the server lets only the owner or an
// administrator). The default is applied once, when the view first opens without a query.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "transport.hpp"

namespace tumen::client {

class AppState;

struct SavedSearch {
    std::int64_t id = 0;
    std::string name;
    std::string query;  // the route's query string (format_list_query / format_board_query)
    bool shared = false;
    bool is_default = false;
    bool own = false;   // the caller's: may rename or delete (an administrator may too; the server decides)
};

class SavedSearches {
public:
    SavedSearches(AppState& app, std::string view);  // view: "list" | "board"

    // Loads the list once per user (the view calls it when shown); reload() asks again.
    void load();
    void reload();
    bool loaded() const { return loaded_; }
    const std::vector<SavedSearch>& items() const { return items_; }

    // The default to apply, once, when the view opens without a query: the user's own default, else a shared
    // one. Returns its query the first time it is asked after the list loaded and `current_query` is empty;
    // nullopt ever after (clearing the filters later must not bring it back).
    std::optional<std::string> take_default(std::string_view current_query);

    // Saves `query` under `name`; on success reloads and calls `done`. A refusal names the field (error()).
    void save(const std::string& name, const std::string& query, bool shared, bool is_default,
              std::function<void()> done = nullptr);
    void remove(std::int64_t id);
    bool busy() const { return busy_; }
    // The last save's refusal ("name is required"), shown in the save dialog; cleared by the next save.
    const Message& error() const { return error_; }
    const std::string& error_field() const { return error_field_; }

private:
    void send(std::string_view endpoint, std::vector<std::string> ids, std::string query, std::string body,
              std::function<void(const HttpResponse&)> on_ok, std::function<void(const HttpResponse&)> on_fail);

    AppState& app_;
    std::string view_;
    std::int64_t user_ = 0;
    bool loaded_ = false;
    bool loading_ = false;
    bool default_decided_ = false;
    bool busy_ = false;
    std::vector<SavedSearch> items_;
    Message error_;
    std::string error_field_;
};

}  // namespace tumen::client
