// #/dashboard: a sales team's figures (GET /api/v1/dashboard?team_id=) plus the overdue opportunities (an
// analysis total with the same filter the tile opens), the team picker (?team= in the route), and click-through:
// each tile and each week's bar opens the leads list filtered to exactly the leads it counts.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/money.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;

enum class DashboardTile { open, overdue, unassigned, won, invoiced };

struct DashboardFigures {
    std::int64_t open_count = 0, overdue = 0, unassigned = 0, won_count = 0;
    std::map<std::string, std::int64_t> open_expected, won_expected;  // currency -> minor units
    std::map<std::string, std::int64_t> invoiced;  // sales orders invoiced this month: currency -> untaxed minor units
    std::int64_t invoiced_count = 0;
    std::optional<Money> target;  // the team's monthly invoicing target (none for "all teams" or 0)
    std::string month;            // "2026-11" (UTC)
    std::vector<std::pair<std::string, std::int64_t>> weeks;  // Monday "2026-11-23" -> new leads, oldest first
};

class DashboardState {
public:
    explicit DashboardState(AppState& app) : io_(app), app_(app) {}

    void on_route(const Route& route);
    void reset();
    void reload();

    std::int64_t team_id() const { return team_id_; }  // 0 = every team
    void set_team(std::int64_t id);                      // navigates (?team=)
    const std::vector<std::pair<std::int64_t, std::string>>& teams() const { return teams_; }

    bool loading() const { return loading_; }
    bool loaded() const { return loaded_; }
    const Message& error() const { return error_; }
    const DashboardFigures& figures() const { return figures_; }

    // The currency the amounts are shown in: the target's, else the first one with a sum, else the default.
    std::string currency() const;
    // Invoiced this month (in the target's currency) / target (0..1+); nullopt without a target.
    std::optional<double> target_progress() const;

    // The filter-language condition of a lead tile / of week `index`'s new leads, the team included ("" for the
    // invoiced tile, which opens the invoiced sales orders instead).
    std::string tile_filter(DashboardTile tile) const;
    std::string week_filter(size_t index) const;
    void open_tile(DashboardTile tile);
    void open_week(size_t index);

    nlohmann::json probe() const;

private:
    void load();
    std::string scoped(const std::string& filter) const;

    SettingsIo io_;
    AppState& app_;
    std::int64_t team_id_ = 0;
    std::optional<std::int64_t> shown_team_;
    bool teams_loaded_ = false;
    std::uint64_t gen_ = 0;
    int pending_ = 0;
    bool loading_ = false, loaded_ = false;
    Message error_;
    DashboardFigures figures_;
    std::vector<std::pair<std::int64_t, std::string>> teams_;
};

}  // namespace tumen::client
