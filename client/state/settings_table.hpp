// One editor for every simple settings list (stages, teams, a team's members, lost reasons, tags, contact types,
// UTM sources/mediums/campaigns): load the list, edit one row in place, add a row, delete with a confirmation.
// Values are edited as text drafts and turned into JSON by the column's kind; the server's 422 lands at the field,
// a 409 for a stale version takes the current record (the edits stay) and a 409 naming a field (duplicate name)
// shows at that field.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

enum class ColumnKind {
    text,     // string
    color,    // palette index 0..11
    count,    // integer >= 0 (WIP limit, rotting days, capacity)
    percent,  // number 0..100 or empty = none
    flag,     // boolean
    team,     // team id or empty = none
    user,     // user id or empty = none
    choice,   // one of `choices` (sent as text); shown with the catalog's "<label_key>.<value>"
    row,      // the id of another row of the same table, or empty = none (an activity type's next type)
    rows,     // ids of other rows of the same table, "2,3" as a draft, an array on the wire (suggested next types)
};

struct TableColumn {
    std::string field;      // JSON field
    ColumnKind kind = ColumnKind::text;
    std::string label_key;  // i18n key of the header
    bool on_create = true;  // shown in the "add" row
    bool editable = true;   // false: fixed once created (a member's user)
    std::vector<std::string> choices;  // ColumnKind::choice: the wire values, the first is the default
    // Edited on a second line under the row's cells (with its label) and not a column of the list: keeps wide
    // tables (activity types) readable.
    bool below = false;
    // Edited only while the draft's `when_field` is `when_value` (the triggered type only for "schedule next").
    std::string when_field, when_value;
    // ColumnKind::choice: a value whose cell also shows another field's value after it ("Suggest next: E-mail").
    std::vector<std::pair<std::string, std::string>> detail;
};

struct TableSpec {
    std::string id;                  // widget id prefix, e.g. "settings.tags"
    std::string path;                // collection path, e.g. "/api/v1/tags"
    std::string list_query;          // e.g. "?active=all"
    std::vector<TableColumn> columns;  // the first one names the row
    bool reorder = false;            // stages: up/down buttons, POST <path>/reorder
    bool deletable = true;           // false: no Delete (activity types are archived with "active")
};

using Draft = std::map<std::string, std::string>;

// ColumnKind::rows drafts: the ids in "2,3", whether one is in, and the text with one id added or taken out.
std::vector<std::int64_t> picked_ids(const std::string& text);
bool is_picked(const std::string& text, std::int64_t id);
std::string toggle_picked(const std::string& text, std::int64_t id);
// Whether a column is edited for this draft (its `when_field` condition holds).
bool column_applies(const TableColumn& c, const Draft& d);

struct TableRow {
    nlohmann::json record;  // as the server sent it (id, version, fields)
    std::int64_t id() const { return record.value("id", std::int64_t{0}); }
    std::string text(const std::string& field) const;  // a field as draft text
};

class SettingsTable {
public:
    SettingsTable(SettingsIo& io, TableSpec spec);

    const TableSpec& spec() const { return spec_; }
    void set_path(std::string path);  // members: the team's path
    void load();
    void ensure_loaded() {
        if (!loaded_ && !loading_) load();
    }
    void reset();
    bool loading() const { return loading_; }
    bool loaded() const { return loaded_; }
    const std::vector<TableRow>& rows() const { return rows_; }
    const TableRow* row(std::int64_t id) const;

    // Editing one row in place.
    void begin_edit(std::int64_t id);
    void cancel_edit();
    std::optional<std::int64_t> editing() const { return editing_; }
    Draft& edit_draft() { return edit_; }
    bool edit_dirty() const;
    void save_edit();

    // The "add" row.
    void begin_add();
    void cancel_add();
    bool adding() const { return adding_; }
    Draft& new_draft() { return new_; }
    void submit_new();

    // Deleting, after the user confirmed.
    void ask_delete(std::int64_t id) { confirm_delete_ = id; }
    void cancel_delete() { confirm_delete_.reset(); }
    std::optional<std::int64_t> confirming_delete() const { return confirm_delete_; }
    void confirm_delete();

    // Stages: move a row one place up (-1) or down (+1).
    void move(std::int64_t id, int delta);

    bool busy() const { return busy_; }
    // Errors of the row being edited or added, by field.
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    // A failure not about one field (network, 403, in use, stale version).
    const Message& banner() const { return banner_; }
    void dismiss_banner() { banner_ = {}; }

private:
    // Draft -> JSON, only the fields given; a field that does not parse gets a local error (no request).
    std::optional<nlohmann::json> body_of(const Draft& d, const std::vector<std::string>& fields);
    void fail(const HttpResponse& reply);
    std::string item_path(std::int64_t id) const { return path_ + "/" + std::to_string(id); }

    SettingsIo& io_;
    TableSpec spec_;
    std::string path_;
    std::vector<TableRow> rows_;
    bool loading_ = false, loaded_ = false, busy_ = false, adding_ = false;
    std::optional<std::int64_t> editing_, confirm_delete_;
    Draft edit_, edit_base_, new_;
    FieldMessages errors_;
    Message banner_;
    std::uint64_t load_gen_ = 0;
};

}  // namespace tumen::client
