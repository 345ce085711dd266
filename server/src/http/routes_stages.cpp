// /api/v1/stages: the pipeline columns — list (?team_id), get, add, edit (rename, fold ...), reorder, delete.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/stage_service.hpp"

namespace tumen::server {

void register_stage_routes(Router& r, App& app) {
    StageService& stages = app.stages();

    r.on("stages.list", [&stages](Context& ctx) -> Result<Reply> {
        auto team = id_query(ctx, "team_id");
        if (!team) return team.error();
        return items_reply(stages.list(team.value()));
    });
    r.on("stages.get", [&stages](Context& ctx) { return reply_of(stages.get(ctx.id_param())); });
    r.on("stages.create", [&stages](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(stages.create(*ctx.caller, body.value()), 201);
    });
    r.on("stages.update", [&stages](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(stages.edit(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("stages.reorder", [&stages](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return items_reply(stages.reorder(*ctx.caller, body.value()));
    });
    r.on("stages.delete", [&stages](Context& ctx) { return deleted_reply(stages.remove(*ctx.caller, ctx.id_param())); });
}

}  // namespace tumen::server
