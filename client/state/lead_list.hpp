// The leads list's view model (#/leads): the search of the address, rows paged from the server as the user
// scrolls (keyset cursors; the total comes with the first page so the scrollbar spans every row), server-side
// sorting, the selection (checkboxes, header box = every loaded row, shift = a range) and the mass actions
// (POST /leads/bulk, /leads/merge, exports). Pure C++: tested with a fake transport.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lead_list_query.hpp"
#include "message.hpp"
#include "saved_searches.hpp"
#include "transport.hpp"
#include "tumen/datetime.hpp"
#include "tumen/money.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;
struct LiveLead;

// One row: only what the list shows (50,000 of them must fit in the wasm heap).
struct ListRow {
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::string name;
    std::string partner_name;
    std::string contact_name;
    std::string email;
    std::string phone;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> team_id;
    std::optional<std::int64_t> stage_id;
    Money expected_revenue;
    double probability = 0;
    int priority = 0;
    Timestamp create_date = 0;
    bool active = true;
};

std::optional<ListRow> list_row_from_json(const nlohmann::json& j);
// What a row shows: the list (flat or a group's rows) asks the server for these fields only.
inline constexpr const char* list_row_fields =
    "name,partner_name,contact_name,email,phone,user_id,team_id,stage_id,expected_revenue,probability,priority,"
    "create_date,active";

// A name to show for an id (salespeople, teams, stages, tags, lost reasons).
struct NamedRef {
    std::int64_t id = 0;
    std::string name;
    int color = -1;  // tags: the colour index; -1 = none (the picker draws a dot when set)
};

// One group of a grouped list (?group=stage ...): its count and sums from GET /leads/groups, and, once expanded,
// its rows paged from GET /leads with the group's condition added to the search (same sort, fields and paging).
// Nested (?group=stage,user): an expanded first-level group holds second-level groups instead, loaded from
// /leads/groups with its condition added; their rows are asked for with both conditions.
struct ListGroup {
    std::string key;     // the group key as JSON text: "4", "\"MN\"", "\"2026-11\"", "null" (no value)
    std::string id;      // the key for widget ids: "4", "MN", "2026-11", "none"; a second level's: "4/7" (parent/own)
    std::string by;      // what it groups by (a list_group_keys name): how its key is named
    std::string clause;  // the filter-language condition selecting its leads (analysis_drill's drill_clause)
    std::int64_t count = 0;
    std::vector<Money> expected;  // per currency, minor units
    std::vector<Money> weighted;  // probability-weighted
    bool expanded = false;
    bool loading = false;         // a page of its rows (or its second-level groups) is on its way
    std::vector<ListRow> rows;
    std::string next;             // cursor of its next page ('' = every row loaded)
    std::uint64_t load = 0;       // replies of an earlier expansion are dropped
    std::vector<ListGroup> subgroups;  // nested and expanded: the second level
};

// A line of the grouped table: a group's header, one of its rows, its "load more" line, or a placeholder while its
// first page (or its second-level groups) loads. The table is virtual over these lines as the flat list is over rows.
// `sub` is the second-level group's index inside `group`, or no_sub for a line of a first-level group.
enum class GroupLineKind { header, row, more, pending };
inline constexpr std::size_t no_sub = static_cast<std::size_t>(-1);
struct GroupLine {
    GroupLineKind kind = GroupLineKind::header;
    std::size_t group = 0;
    std::size_t sub = no_sub;
    std::size_t row = 0;  // kind == row
};

enum class ListStatus { empty, loading, ready, failed };
enum class HeaderCheck { none, some, all };

class LeadList {
public:
    static constexpr int page_size = 200;
    static constexpr int max_page = 500;       // the server's limit
    static constexpr std::size_t prefetch = 100;  // rows ahead of the last visible one that should be loaded

    explicit LeadList(AppState& app);

    // Shows what `route` (a leads route) asks for; loads when the user or search changed. Cheap otherwise.
    void sync(const Route& route);
    // Loads the first rows again (after a mass action, or when the user asks), keeping as many rows as are loaded.
    void reload();
    // The view shows rows up to index `count` - 1: fetches the next page when they are not all loaded.
    void want_rows(std::size_t count);
    // Live events (live_list.cpp): a loaded row changed or was deleted elsewhere; a reload if loaded.
    void apply_live(const LiveLead& event);
    void live_reload();
    void live_references();  // a tag, stage, team ... changed elsewhere: the pickers and names load again

    ListStatus status() const { return status_; }
    const std::vector<ListRow>& rows() const { return rows_; }
    // Every matching row (from the server's count), or the loaded rows while it is not known.
    std::int64_t total() const { return total_ >= 0 ? total_ : static_cast<std::int64_t>(rows_.size()); }
    bool has_more() const { return !next_.empty(); }
    bool loading_more() const { return loading_more_; }
    const LeadListQuery& query() const { return query_; }

    // Grouping (issue 5, `group` in the address): the groups in the server's order (stages in the pipeline's order),
    // all collapsed at first; expanding one loads its first page of rows (nested: its second-level groups),
    // collapsing drops them (and unticks them). `sub` names a second-level group inside `group`.
    bool grouped() const { return !query_.group.empty(); }
    bool nested() const { return !query_.group.empty() && !query_.subgroup.empty(); }
    const std::vector<ListGroup>& groups() const { return groups_; }
    const ListGroup* group_at(std::size_t group, std::size_t sub = no_sub) const;
    void expand(std::size_t group, std::size_t sub = no_sub);
    void collapse(std::size_t group, std::size_t sub = no_sub);
    void toggle_group(std::size_t group, std::size_t sub = no_sub);
    void load_more(std::size_t group, std::size_t sub = no_sub);  // the group's next page (its "load more" line)
    // Left on a line: folds the group the line is in (a folded second-level header folds its parent); returns
    // the line of the header that stays, for the keyboard's focus.
    std::size_t collapse_from(const GroupLine& line);
    std::size_t line_count() const { return line_starts_.empty() ? 0 : line_starts_.back(); }
    GroupLine line_at(std::size_t line) const;
    std::size_t header_line(std::size_t group, std::size_t sub = no_sub) const;
    // The group's title in the UI language: a stage, salesperson, team, tag or country name, a month, or "None".
    std::string group_label(const ListGroup& g) const;
    std::string stage_group_label(std::int64_t stage_id) const;
    // A row's checkbox inside a group; `shift` ranges stay within the group.
    void click_check_in_group(std::size_t group, std::size_t index, bool shift) { click_check_in_group(group, no_sub, index, shift); }
    void click_check_in_group(std::size_t group, std::size_t sub, std::size_t index, bool shift);

    // The route for a changed search, chips or sort; the view navigates to it (history entry, reload restores).
    Route route_for(const LeadListQuery& q) const;
    void apply(const LeadListQuery& q);
    void sort_by(std::string_view field);

    // Selection.
    bool selected(std::int64_t id) const { return selection_.count(id) > 0; }
    const std::set<std::int64_t>& selection() const { return selection_; }
    // A row's checkbox: toggles it; with `shift`, every row between the last clicked one and this one takes the
    // last clicked one's state.
    void click_check(std::size_t index, bool shift);
    // The header checkbox: every loaded row, or none.
    void toggle_all();
    HeaderCheck header_check() const;
    void clear_selection();

    // Mass actions on the selection: all or nothing on the server; the list reloads after success, and a 422
    // names the leads that could not take the action (failed_ids, banner).
    void assign_user(std::optional<std::int64_t> user_id);
    void assign_team(std::int64_t team_id);
    void add_tag(std::int64_t tag_id);
    void set_stage(std::int64_t stage_id);
    void mark_lost(std::optional<std::int64_t> reason_id, const std::string& note);
    void archive();
    void restore();
    // Merges the selected leads (2 or more) and opens the kept one.
    void merge();
    bool busy() const { return busy_; }
    const std::set<std::int64_t>& failed_ids() const { return failed_; }
    // What the last mass action did ("3 leads updated"); empty when nothing to say.
    const Message& notice() const { return notice_; }
    void dismiss_notice() { notice_ = {}; }

    // The export of the current search (every matching row, not only the loaded ones) as a same-origin URL;
    // `format` is "csv" or "xlsx". export_file fetches it and hands the file to the browser to save.
    std::string export_url(std::string_view format) const;
    void export_file(std::string_view format);
    bool exporting() const { return exporting_; }

    // Reference data for names and pickers.
    const std::vector<NamedRef>& users() const { return users_; }
    const std::vector<NamedRef>& teams() const { return teams_; }
    const std::vector<NamedRef>& stages() const { return stages_; }
    const std::vector<NamedRef>& tags() const { return tags_; }
    const std::vector<NamedRef>& lost_reasons() const { return lost_reasons_; }
    // The countries leads have (any state), for the Country chip's picker: loaded when it first opens.
    void load_countries();
    const std::vector<std::string>& countries() const { return countries_; }
    // The search bar's Favourites of the list.
    SavedSearches& favourites() { return favourites_; }
    std::string user_name(std::optional<std::int64_t> id) const;
    std::string team_name(std::optional<std::int64_t> id) const;
    std::string stage_name(std::optional<std::int64_t> id) const;
    bool stage_won(std::optional<std::int64_t> id) const;

private:
    struct Key {
        std::int64_t user = 0;
        std::string query;
        bool operator==(const Key&) const = default;
    };

    void load_references();
    void load_first(std::size_t keep);
    void bulk(const std::string& action, nlohmann::json params);
    void request(std::string_view endpoint, std::string query, std::string body,
                 std::function<void(const HttpResponse&)> on_ok,
                 std::function<void(const HttpResponse&)> on_fail = nullptr, bool gated = true);
    void take_page(const HttpResponse& reply);
    // Grouped (lead_list_groups.cpp): the groups' counts and sums, then the rows (or second-level groups) of the
    // groups still expanded. `keep_expanded` holds open_path()s.
    void load_groups(std::set<std::string> keep_expanded);
    void take_groups(const HttpResponse& reply, const std::set<std::string>& keep_expanded);
    void load_subgroups(std::size_t group, std::set<std::string> keep_expanded);
    std::set<std::string> open_paths() const;  // the groups expanded now (both levels), for a reload to keep
    void load_group_page(std::size_t group, std::size_t sub, std::size_t keep);
    ListGroup* node(std::size_t group, std::size_t sub);
    std::vector<ListGroup> groups_from(const nlohmann::json& reply, const std::string& by, const ListGroup* parent) const;
    void order_groups();
    void relayout();
    // Every loaded row, flat or in expanded groups (both levels).
    template <class F> void for_each_row(F&& f) const {
        for (const auto& r : rows_) f(r);
        for (const auto& g : groups_) {
            if (!g.expanded) continue;
            for (const auto& r : g.rows) f(r);
            for (const auto& s : g.subgroups)
                if (s.expanded)
                    for (const auto& r : s.rows) f(r);
        }
    }

    AppState& app_;
    Key wanted_;
    bool has_wanted_ = false;
    std::uint64_t generation_ = 0;  // replies of an older search are dropped
    ListStatus status_ = ListStatus::empty;
    LeadListQuery query_;
    std::vector<ListRow> rows_;
    std::string next_;
    std::int64_t total_ = -1;
    bool loading_more_ = false;
    std::vector<ListGroup> groups_;
    // The table's blocks (a group's header and what follows it, up to the next header): (group, sub) each, and the
    // first line of each block with the line count at the end; line_at() binary-searches these.
    std::vector<std::pair<std::size_t, std::size_t>> blocks_;
    std::vector<std::size_t> line_starts_;

    std::set<std::int64_t> selection_;
    std::optional<std::size_t> anchor_;
    struct GroupAnchor {
        std::size_t group, sub, row;  // the last clicked box in a group
    };
    std::optional<GroupAnchor> group_anchor_;
    std::set<std::int64_t> failed_;
    Message notice_;
    bool busy_ = false;
    bool exporting_ = false;

    bool references_loaded_ = false;
    std::vector<NamedRef> users_, teams_, stages_, tags_, lost_reasons_;
    std::set<std::int64_t> won_stages_;
    std::map<std::int64_t, std::int64_t> stage_teams_;  // stage id -> its team (shared stages are absent)
    std::vector<std::string> countries_;
    bool countries_requested_ = false;
    SavedSearches favourites_{app_, "list"};
};

}  // namespace tumen::client
