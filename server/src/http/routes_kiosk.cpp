// What a kiosk token's wall display shows: the boards of its teams and, when the token allows it, this month's
// sales leaderboard. Read-only, through the same queries and record rules as users' boards (a kiosk's rule is
// "leads of its teams"); cards carry no contact details (live/live_event.hpp kiosk_card_fields).
#include <algorithm>
#include <set>

#include "app.hpp"
#include "live/live_event.hpp"
#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"
#include "store/stages.hpp"
#include "store/team_members.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

namespace {

constexpr int cards_per_column = 30;

Result<void> kiosk_only(const Caller& c) {
    if (!c.is_kiosk()) return Error::make(ErrorCode::forbidden, "Only kiosk tokens have a kiosk view");
    return {};
}

nlohmann::json card_of(const Lead& lead) {
    const nlohmann::json full = lead;
    nlohmann::json card = {{"id", lead.id}, {"version", lead.version}};
    for (const auto& f : live::kiosk_card_fields())
        if (full.contains(f)) card[f] = full[f];
    return card;
}

}  // namespace

void register_kiosk_routes(Router& r, App& app) {
    r.on("kiosk.board", [&app](Context& ctx) -> Result<Reply> {
        const Caller& c = *ctx.caller;
        if (auto ok = kiosk_only(c); !ok) return ok.error();
        const int64_t team_id = ctx.id_param();
        // Another team's board does not exist for this token (404, like any record outside the rules).
        if (std::find(c.team_ids.begin(), c.team_ids.end(), team_id) == c.team_ids.end())
            return Error::make(ErrorCode::not_found, "No such board", "id");
        auto& db = app.db().reader();
        auto team = store::find_team(db, team_id);
        if (!team) return Error::make(ErrorCode::not_found, "No such board", "id");
        nlohmann::json stages = nlohmann::json::array();
        for (const auto& s : store::load_stages(db))
            if (!s.team_id || *s.team_id == team_id)
                stages.push_back({{"id", s.id}, {"name", s.name}, {"sequence", s.sequence}, {"fold", s.fold},
                                  {"is_won", s.is_won}, {"wip_limit", s.wip_limit}});
        store::LeadQuery q;
        q.filter = "team_id = " + std::to_string(team_id);
        auto groups = app.leads().groups(c, q, "stage", cards_per_column);
        if (!groups) return groups.error();
        nlohmann::json columns = nlohmann::json::array();
        // Salespeople by name (the wall shows their initials and names a won deal's seller): the team's members
        // and whoever owns a card shown. Names only: a kiosk sees nothing else of users.
        std::set<int64_t> user_ids;
        for (const auto& m : store::list_team_members(db, team_id)) user_ids.insert(m.user_id);
        for (const auto& g : groups.value()) {
            nlohmann::json sums = nlohmann::json::array();
            for (const auto& [currency, s] : g.sums)
                sums.push_back({{"currency", currency}, {"expected_revenue", s.first}, {"weighted_revenue", s.second}});
            nlohmann::json cards = nlohmann::json::array();
            for (const auto& l : g.leads) {
                cards.push_back(card_of(l));
                if (l.user_id) user_ids.insert(*l.user_id);
            }
            columns.push_back({{"key", g.key}, {"count", g.count}, {"sums", sums}, {"items", cards}});
        }
        nlohmann::json users = nlohmann::json::array();
        for (int64_t id : user_ids)
            if (auto u = store::find_user(db, id)) users.push_back({{"id", u->id}, {"name", u->name.empty() ? u->login : u->name}});
        return Reply::json({{"team", {{"id", team->id}, {"name", team->name}}}, {"stages", stages}, {"groups", columns},
                            {"users", users}});
    });

    r.on("kiosk.leaderboard", [&app](Context& ctx) -> Result<Reply> {
        const Caller& c = *ctx.caller;
        if (auto ok = kiosk_only(c); !ok) return ok.error();
        if (!c.kiosk_leaderboard) return Error::make(ErrorCode::forbidden, "This kiosk token does not show the leaderboard");
        // This calendar month in UTC.
        const DayNumber first = month_start(day_of(unix_now()));
        store::LeadQuery q;
        q.filter = "stage.is_won = true and probability = 100 and date_closed >= \"" +
                   format_timestamp(start_of_day(first)) + "\"";
        auto answer = app.leads().analyse(c, q, "user", "");
        if (!answer) return answer.error();
        return Reply::json({{"month", format_month(first)}, {"cells", answer->cells}});
    });
}

}  // namespace tumen::server
