// The contacts list's view model (#/contacts): the search of the address, rows paged from the server as the user
// scrolls (keyset cursors, total with the first page), server-side sort, the names of the companies people work
// for (asked for in one request per page), "New contact / New company" (a small dialog: name, and a person's
// company), and the export of the search. Pure C++: tested with a fake transport.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "contact_list_query.hpp"
#include "contact_search.hpp"
#include "lead_list.hpp"
#include "message.hpp"
#include "transport.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;
class Keyboard;

// One row: what the list shows.
struct ContactRow {
    std::int64_t id = 0;
    bool is_company = false;
    std::string name;
    std::optional<std::int64_t> parent_id;
    std::string function, email, phone, city, country;
    std::int64_t opportunities = 0;  // open opportunities of the contact (and the people under a company)
    bool active = true;
};

std::optional<ContactRow> contact_row_from_json(const nlohmann::json& j);
// "Company, Person" for a company's people (Odoo's display name), else the name.
std::string contact_display_name(const std::string& name, const std::string& company);

// The "New contact" / "New company" dialog.
struct NewContactDialog {
    bool open = false;
    bool is_company = false;
    std::string name;
    ContactSearch company{true};  // a person's company (search as you type)
    std::optional<std::int64_t> parent_id;
    std::string parent_name;
    Message error;                // under the name field (422 naming `name`) or a failure
    bool busy = false;
};

class ContactList {
public:
    static constexpr int page_size = 200;
    static constexpr int max_page = 500;
    static constexpr std::size_t prefetch = 100;

    explicit ContactList(AppState& app);

    void sync(const Route& route);
    void reload();
    void want_rows(std::size_t count);

    ListStatus status() const { return status_; }
    const std::vector<ContactRow>& rows() const { return rows_; }
    std::int64_t total() const { return total_ >= 0 ? total_ : static_cast<std::int64_t>(rows_.size()); }
    bool has_more() const { return !next_.empty(); }
    bool loading_more() const { return loading_more_; }
    const ContactListQuery& query() const { return query_; }
    // The name shown for a row: "Company, Person" once the company's name is known.
    std::string display_name(const ContactRow& r) const;

    Route route_for(const ContactListQuery& q) const;
    void apply(const ContactListQuery& q);
    void sort_by(std::string_view field);

    std::string export_url(std::string_view format) const;
    void export_file(std::string_view format);
    bool exporting() const { return exporting_; }
    const Message& notice() const { return notice_; }
    void dismiss_notice() { notice_ = {}; }

    // New contact / company: opens the dialog; submit creates it (POST) and opens its form.
    void open_new(bool is_company);
    NewContactDialog& new_dialog() { return new_; }
    void submit_new();
    void close_new() { new_ = NewContactDialog{}; }

    // The keyboard's row, as in the leads list (list_focus.hpp): take_keys() takes this frame's "row.down/up/open"
    // request (Up/Down, j/k, Enter); Enter opens the contact. Returns true when the row moved (the view scrolls to
    // it). A new search starts with no row.
    bool take_keys(Keyboard& kb);
    int focused() const { return focused_; }

private:
    void load_first(std::size_t keep);
    void take_page(const HttpResponse& reply);
    void load_company_names();
    std::string api_query(int limit, const std::string& after, bool first) const;
    void request(std::string_view endpoint, std::string query, std::string body,
                 std::function<void(const HttpResponse&)> on_ok,
                 std::function<void(const HttpResponse&)> on_fail = nullptr, bool gated = true);

    AppState& app_;
    std::string wanted_;
    std::int64_t wanted_user_ = 0;
    bool has_wanted_ = false;
    std::uint64_t generation_ = 0;
    ListStatus status_ = ListStatus::empty;
    ContactListQuery query_;
    std::vector<ContactRow> rows_;
    std::string next_;
    std::int64_t total_ = -1;
    bool loading_more_ = false;
    std::map<std::int64_t, std::string> company_names_;  // parent ids of loaded rows -> names
    std::set<std::int64_t> names_asked_;
    bool exporting_ = false;
    Message notice_;
    NewContactDialog new_;
    int focused_ = -1;
};

}  // namespace tumen::client
