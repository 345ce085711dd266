#include "dashboard_state.hpp"

#include <charconv>
#include <cmath>

#include "analysis_drill.hpp"
#include "api_io.hpp"
#include "app_state.hpp"
#include "board_query.hpp"
#include "quotes_state.hpp"
#include "tumen/datetime.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

// The same conditions the server's dashboard counts with (services/team_dashboard.cpp), so a tile's list holds
// exactly the leads it counted.
constexpr const char* open_filter = "type = \"opportunity\" and stage.is_won = false";
// Open opportunities whose expected closing day has passed (Odoo's "overdue opportunities").
constexpr const char* overdue_filter = "type = \"opportunity\" and stage.is_won = false and date_deadline < today";
constexpr const char* unassigned_filter = "user_id is null";

std::map<std::string, std::int64_t> dashboard_sums_of(const json& j) {
    if (j.is_object() && j.contains("expected") && j["expected"].is_object())
        return j["expected"].get<std::map<std::string, std::int64_t>>();
    return {};
}

std::int64_t count_of(const json& j) { return j.is_object() ? j.value("count", std::int64_t{0}) : 0; }

}  // namespace

void DashboardState::on_route(const Route& route) {
    if (route.view != View::dashboard) return;
    std::int64_t id = 0;
    const std::string t = query_value(route.query, "team");
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), id);
    team_id_ = ec == std::errc() && end == t.data() + t.size() && id > 0 ? id : 0;
    if (!teams_loaded_) {
        teams_loaded_ = true;
        io_.send("GET", "/api/v1/teams", nullptr, [this](const HttpResponse& reply) {
            if (!reply.ok()) return;  // the picker stays at "All teams"; the figures show their own errors
            teams_.clear();
            const json j = reply_json(reply);
            if (j.contains("items") && j["items"].is_array())
                for (const auto& x : j["items"])
                    if (x.is_object() && x.contains("id") && x["id"].is_number_integer())
                        teams_.emplace_back(x["id"].get<std::int64_t>(), x.value("name", ""));
        });
    }
    if (shown_team_ && *shown_team_ == team_id_) return;
    load();
}

void DashboardState::reset() {
    io_.reset();
    ++gen_;
    shown_team_.reset();
    teams_loaded_ = loading_ = loaded_ = false;
    pending_ = 0;
    error_ = {};
    figures_ = {};
    teams_.clear();
}

void DashboardState::reload() {
    shown_team_.reset();
    load();
}

void DashboardState::set_team(std::int64_t id) {
    Route r = Route::dashboard();
    r.query = id > 0 ? "team=" + std::to_string(id) : std::string();
    app_.navigate(r);
}

std::string DashboardState::scoped(const std::string& filter) const {
    return team_id_ > 0 ? and_clauses({"team_id = " + std::to_string(team_id_), filter}) : filter;
}

void DashboardState::load() {
    const std::uint64_t gen = ++gen_;
    shown_team_ = team_id_;
    loading_ = true;
    error_ = {};
    pending_ = 2;
    auto arrived = [this, gen](const HttpResponse& reply) {
        if (gen != gen_) return false;
        if (--pending_ == 0) loading_ = false;
        if (!reply.ok()) {
            error_ = problem_message(reply);
            return false;
        }
        return true;
    };
    DashboardFigures fresh;
    figures_ = fresh;
    io_.send("GET", "/api/v1/dashboard" + (team_id_ > 0 ? "?team_id=" + std::to_string(team_id_) : std::string()), nullptr,
             [this, arrived](const HttpResponse& reply) {
                 if (!arrived(reply)) return;
                 const json j = reply_json(reply);
                 auto& f = figures_;
                 f.open_count = count_of(j.value("open", json()));
                 f.open_expected = dashboard_sums_of(j.value("open", json()));
                 f.unassigned = j.value("unassigned", std::int64_t{0});
                 f.won_count = count_of(j.value("won_this_month", json()));
                 f.won_expected = dashboard_sums_of(j.value("won_this_month", json()));
                 f.month = j.value("month", "");
                 f.invoiced.clear();
                 f.invoiced_count = 0;
                 if (j.contains("invoiced_this_month") && j["invoiced_this_month"].is_array())
                     for (const auto& x : j["invoiced_this_month"]) {
                         f.invoiced[x.value("currency", std::string(default_currency))] += x.value("amount", std::int64_t{0});
                         f.invoiced_count += x.value("count", std::int64_t{0});
                     }
                 f.target.reset();
                 if (j.contains("team") && j["team"].is_object() && j["team"].contains("invoiced_target")) {
                     const json& t = j["team"]["invoiced_target"];
                     Money m{t.value("amount", std::int64_t{0}), t.value("currency", std::string(default_currency))};
                     if (m.amount > 0) f.target = m;
                 }
                 f.weeks.clear();
                 if (j.contains("new_per_week") && j["new_per_week"].is_array())
                     for (const auto& w : j["new_per_week"])
                         f.weeks.emplace_back(w.value("week", ""), w.value("count", std::int64_t{0}));
                 loaded_ = pending_ == 0;
             });
    io_.send("GET", "/api/v1/leads/analysis?" + query_string({{"group_by", "team"}, {"filter", scoped(overdue_filter)}}) +
                        "&active=true",
             nullptr, [this, arrived](const HttpResponse& reply) {
                 if (!arrived(reply)) return;
                 std::int64_t n = 0;
                 const json j = reply_json(reply);
                 if (j.contains("cells") && j["cells"].is_array())
                     for (const auto& c : j["cells"]) n += count_of(c);
                 figures_.overdue = n;
                 loaded_ = pending_ == 0;
             });
}

std::string DashboardState::currency() const {
    if (figures_.target) return figures_.target->currency;
    if (!figures_.open_expected.empty()) return figures_.open_expected.begin()->first;
    return std::string(default_currency);
}

std::optional<double> DashboardState::target_progress() const {
    if (!figures_.target || figures_.target->amount <= 0) return std::nullopt;
    const auto it = figures_.invoiced.find(figures_.target->currency);
    const std::int64_t invoiced = it == figures_.invoiced.end() ? 0 : it->second;
    return static_cast<double>(invoiced) / static_cast<double>(figures_.target->amount);
}

std::string DashboardState::tile_filter(DashboardTile tile) const {
    switch (tile) {
        case DashboardTile::open: return scoped(open_filter);
        case DashboardTile::overdue: return scoped(overdue_filter);
        case DashboardTile::unassigned: return scoped(unassigned_filter);
        case DashboardTile::won: {
            const std::string won = "stage.is_won = true and probability = 100";
            if (figures_.month.empty()) return scoped(won);
            return scoped(won + " and date_closed >= \"" + figures_.month + "-01T00:00:00Z\"");
        }
        case DashboardTile::invoiced: return {};
    }
    return {};
}

std::string DashboardState::week_filter(size_t index) const {
    if (index >= figures_.weeks.size()) return scoped("");
    return scoped(drill_clause("create_week", figures_.weeks[index].first));
}

void DashboardState::open_tile(DashboardTile tile) {
    if (tile == DashboardTile::invoiced) {
        QuoteFilter f;
        f.state = "sale";
        f.invoice_status = "invoiced";
        app_.navigate(quotations_route(f));
        return;
    }
    app_.navigate(drill_route(tile_filter(tile)));
}

// New leads of a week count lost ones too (the server asks with active=all).
void DashboardState::open_week(size_t index) { app_.navigate(drill_route(week_filter(index), true)); }

json DashboardState::probe() const {
    json weeks = json::array();
    for (const auto& [w, n] : figures_.weeks) weeks.push_back({{"week", w}, {"count", n}});
    return {{"team_id", team_id_},
            {"loading", loading_},
            {"error", error_.render(app_.language())},
            {"open", figures_.open_count},
            {"overdue", figures_.overdue},
            {"unassigned", figures_.unassigned},
            {"won", figures_.won_count},
            {"invoiced", figures_.invoiced},
            {"invoiced_count", figures_.invoiced_count},
            {"target_percent", target_progress() ? json(std::lround(*target_progress() * 100)) : json()},
            {"weeks", weeks},
            {"teams", teams_.size()}};
}

}  // namespace tumen::client
