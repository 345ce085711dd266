// GET /api/v1/dashboard: the team dashboard's figures (services/team_dashboard.hpp).
#include "app.hpp"
#include "services/auth_service.hpp"  // unix_now
#include "services/team_dashboard.hpp"

namespace tumen::server {

void register_dashboard_routes(Router& r, App& app) {
    r.on("dashboard.team", [&app](Context& ctx) -> Result<Reply> {
        std::optional<int64_t> team;
        if (const std::string t = ctx.query("team_id"); !t.empty()) {
            try {
                size_t used = 0;
                team = std::stoll(t, &used);
                if (used != t.size() || *team <= 0) throw std::invalid_argument(t);
            } catch (...) {
                return Error::make(ErrorCode::bad_request, "team_id must be a team's id", "team_id");
            }
        }
        auto out = team_dashboard(app.leads(), app.db(), *ctx.caller, team, unix_now());
        if (!out) return out.error();
        return Reply::json(out.value());
    });
}

}  // namespace tumen::server
