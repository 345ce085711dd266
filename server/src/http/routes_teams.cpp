// /api/v1/teams: sales teams and their members.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/team_service.hpp"

namespace tumen::server {

void register_team_routes(Router& r, App& app) {
    TeamService& teams = app.teams();

    r.on("teams.list", [&teams](Context& ctx) { return items_reply(teams.list(ctx.query("active", "true"))); });
    r.on("teams.get", [&teams](Context& ctx) { return reply_of(teams.get(ctx.id_param())); });
    r.on("teams.create", [&teams](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(teams.create(*ctx.caller, body.value()), 201);
    });
    r.on("teams.update", [&teams](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(teams.edit(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("teams.delete", [&teams](Context& ctx) { return deleted_reply(teams.remove(*ctx.caller, ctx.id_param())); });

    r.on("teams.members", [&teams](Context& ctx) { return items_reply(teams.members(ctx.id_param())); });
    r.on("teams.member_add", [&teams](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(teams.add_member(*ctx.caller, ctx.id_param(), body.value()), 201);
    });
    r.on("teams.member_update", [&teams](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(teams.edit_member(*ctx.caller, ctx.id_param(0), ctx.id_param(1), body.value()));
    });
    r.on("teams.member_remove", [&teams](Context& ctx) {
        return deleted_reply(teams.remove_member(*ctx.caller, ctx.id_param(0), ctx.id_param(1)));
    });
}

}  // namespace tumen::server
