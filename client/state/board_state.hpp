// The pipeline board's view model: one team's stages as columns with their counts and sums (from the server's
// groups endpoint), the first page of cards per column and "load more" after it, and the card and stage actions
// of the board. Card moves and priority changes are optimistic: the board changes at once and goes back (with a
// banner naming the server's reason) when the server refuses. Pure C++: tested with a fake transport.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "board_query.hpp"
#include "message.hpp"
#include "saved_searches.hpp"
#include "transport.hpp"
#include "tumen/activity.hpp"
#include "tumen/currency_rates.hpp"
#include "tumen/lead.hpp"
#include "tumen/lead_lifecycle.hpp"
#include "tumen/reference_data.hpp"
#include "tumen/money.hpp"
#include "tumen/route.hpp"
#include "tumen/stage.hpp"

namespace tumen::client {

class AppState;
struct LiveLead;

struct MoneySum {
    std::string currency;
    std::int64_t expected = 0;  // minor units
    std::int64_t weighted = 0;  // expected × probability
};

// Sums over one currency or several as one figure (a column's header, the board's summary). One currency: that
// sum. Several: their total in the company currency (`converted`); when a currency has no rate, the largest sum
// and how many currencies it leaves out (`other_currencies`), never a wrong total.
struct ColumnTotal {
    Money expected, weighted;
    bool converted = false;
    int other_currencies = 0;
};

struct MoneySum;
// `sums` largest first; `empty_currency` writes the zero of no sums.
ColumnTotal sums_total(const std::vector<MoneySum>& sums, const RateTable& rates, const std::string& empty_currency);

struct BoardColumn {
    Stage stage;
    std::int64_t count = 0;       // every card of the stage that matches (not only the loaded ones)
    std::vector<MoneySum> sums;   // one per currency, largest first
    std::vector<Lead> cards;      // loaded cards, in the server's order (priority, then newest)
    std::string next;             // cursor of the next page; "" = every card is loaded
    bool loading_more = false;
    bool unfolded = false;        // a folded stage the user opened
    std::optional<ActivityBar> activity_bar;  // next activities of all its leads (when the server sends it)

    bool folded() const { return stage.fold && !unfolded; }
    bool has_more() const { return !next.empty(); }
};

// What a card shows of the lead's activities: the next open one's state and type icon, or "no next step".
struct CardActivity {
    std::string state;  // "overdue" / "today" / "planned"; "" = no open activity
    std::string icon, summary;
    std::optional<std::int64_t> type_id;
    bool no_next_step = false;
};

struct TeamInfo {
    std::int64_t id = 0;
    std::string name;
};

struct UserInfo {
    std::int64_t id = 0;
    std::string name;
};

enum class BoardStatus { empty, loading, ready, failed };

class BoardState {
public:
    static constexpr int page_size = 40;

    explicit BoardState(AppState& app);

    // Shows what `route` (a pipeline route) asks for: loads when the user, team or search changed since the last
    // load. Cheap when nothing changed: the view calls it every frame.
    void sync(const Route& route);
    // At the app's start, before the session check answers (the browser then builds its WebGL context and fonts):
    // the board's requests go out at once with the browser's cookie; the team the address names (or the one
    // #/pipeline opened last time in this browser) is loaded in parallel with the teams list and checked when the
    // teams arrive. The first sync() of the signed-in user for the same board keeps these requests.
    void start_early(const Route& route);
    // Loads the board again (after a stage edit, or when the user asks).
    void reload();
    // Live events (live_board.cpp): a lead changed elsewhere; the board's shape changed (reloads if loaded).
    void apply_live(const LiveLead& event);
    void live_reload();
    void live_tags();  // a tag was made, renamed, recoloured or deleted elsewhere

    // Cards.
    void load_more(std::int64_t stage_id);
    void move_card(std::int64_t lead_id, std::int64_t to_stage_id);
    void set_priority(std::int64_t lead_id, int priority);
    void quick_create(std::int64_t stage_id, const std::string& name);
    bool creating(std::int64_t stage_id) const { return creating_stage_ == stage_id; }

    // Columns.
    void toggle_fold(std::int64_t stage_id);
    void add_stage(const std::string& name);
    void rename_stage(std::int64_t stage_id, const std::string& name);
    void delete_stage(std::int64_t stage_id);
    // Moves a column to position `index` (0-based among the board's columns) and saves the order.
    void reorder_stage(std::int64_t stage_id, std::size_t index);

    // The route (team + search) for a changed search or chips: the view navigates to it.
    Route route_for(const BoardQuery& q) const;
    Route route_for_team(std::int64_t team_id) const;

    BoardStatus status() const { return status_; }
    const std::vector<BoardColumn>& columns() const { return columns_; }
    const std::vector<TeamInfo>& teams() const { return teams_; }
    std::int64_t team_id() const { return team_id_; }
    std::string team_name() const;
    const BoardQuery& query() const { return query_; }
    const Tag* tag(std::int64_t id) const;
    const std::vector<Tag>& tags() const { return tags_; }
    // The countries leads have, for the Country chip's picker: loaded when it first opens.
    void load_countries();
    const std::vector<std::string>& countries() const { return countries_; }
    // The search bar's Favourites of the boards (a board's favourite applies to the board shown).
    SavedSearches& favourites() { return favourites_; }
    std::string user_name(std::int64_t id) const;
    // Column index and card index of a loaded card.
    std::optional<std::pair<std::size_t, std::size_t>> locate(std::int64_t lead_id) const;
    const BoardColumn* column(std::int64_t stage_id) const;
    WonStatus won_status(const Lead& lead) const;
    bool rotting(const Lead& lead, Timestamp now) const;
    std::int64_t total_count() const;
    // The board's main currency (of its largest column sum; MNT when every column is empty): what an empty
    // column's zero is written in.
    std::string currency() const;
    // The rates of the last board reply (tumen/currency_rates.hpp): a column over several currencies as one figure.
    const RateTable& rates() const { return rates_; }
    // Every column's sums as one figure (the summary beside the team's name).
    ColumnTotal total() const;
    // The card's activity summary from the server (nullptr when it sent none).
    const CardActivity* card_activity(std::int64_t lead_id) const;

private:
    struct Key {
        std::int64_t user = 0;
        std::int64_t team = 0;
        std::string query;
        bool operator==(const Key&) const = default;
    };

    // One load of the board's columns: stages and groups of `team`, built when both are in and the team is confirmed
    // (the teams list is in and resolves to it; a guess from the address may be replaced by another load).
    struct BoardLoad {
        std::int64_t team = 0;
        bool confirmed = false;
        std::optional<std::vector<Stage>> stages;
        std::optional<nlohmann::json> groups;
    };

    void load_references();
    void load_tags();
    // With the teams list in: the team to show (the address's, else the first), then its columns.
    void load_board();
    void request_columns(std::int64_t team);
    void build_columns();
    void request(std::string_view endpoint, std::vector<std::string> ids, std::string query, std::string body,
                 std::function<void(const HttpResponse&)> on_ok,
                 std::function<void(const HttpResponse&)> on_fail = nullptr, bool gated = true);
    void fail(const HttpResponse& reply);
    BoardColumn* column_of(std::int64_t stage_id);
    void add_to_sums(BoardColumn& col, const Lead& lead, int sign);
    // Takes a loaded card out of its column, with the column's count and sums; returns it.
    Lead take_card(std::pair<std::size_t, std::size_t> where);
    // Puts a card into a column at `at`, counted and summed.
    void put_card(BoardColumn& col, std::vector<Lead>::iterator at, Lead card);
    std::string list_filter(std::int64_t stage_id) const;

    AppState& app_;
    Key wanted_;
    bool has_wanted_ = false;
    std::uint64_t generation_ = 0;  // replies of an older load are dropped
    BoardStatus status_ = BoardStatus::empty;
    bool references_loaded_ = false;
    bool references_loading_ = false;
    std::vector<TeamInfo> teams_;
    std::vector<Tag> tags_;
    std::vector<std::string> countries_;
    bool countries_requested_ = false;
    std::vector<UserInfo> users_;
    std::int64_t requested_team_ = 0;
    std::shared_ptr<BoardLoad> load_;  // the columns load of the current generation (null when none is out)
    std::int64_t team_id_ = 0;
    BoardQuery query_;
    std::vector<BoardColumn> columns_;
    RateTable rates_;
    std::int64_t creating_stage_ = 0;
    std::map<std::int64_t, CardActivity> card_activity_;  // by lead id
    void take_activity(const nlohmann::json& item);
    SavedSearches favourites_{app_, "board"};
};

// Parsing of the server's JSON (exposed for tests): a card from a lead object of the leads API.
std::optional<Lead> card_from_json(const nlohmann::json& j);
// The card order of the server's groups: priority desc, then id desc.
bool card_sorts_before(const Lead& a, const Lead& b);

}  // namespace tumen::client
