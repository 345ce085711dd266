// Activities on leads and activity types (issue 6).
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/activity_service.hpp"

namespace tumen::server {

void register_activity_routes(Router& r, App& app) {
    ActivityService& acts = app.activities();
    r.on("activity_types.list", [&acts](Context& ctx) {
        return reply_of(acts.list_types(*ctx.caller, ctx.query("archived") == "true"));
    });
    r.on("activity_types.create", [&acts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(acts.create_type(*ctx.caller, body.value()), 201);
    });
    r.on("activity_types.update", [&acts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(acts.update_type(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("leads.activities", [&acts](Context& ctx) { return reply_of(acts.lead_activities(*ctx.caller, ctx.id_param())); });
    r.on("leads.activity_create", [&acts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(acts.schedule(*ctx.caller, ctx.id_param(), body.value()), 201);
    });
    r.on("activities.mine", [&acts](Context& ctx) -> Result<Reply> {
        auto user = id_query(ctx, "user_id");
        if (!user) return user.error();
        return reply_of(acts.mine(*ctx.caller, user.value()));
    });
    r.on("activities.update", [&acts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(acts.update(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("activities.cancel", [&acts](Context& ctx) { return reply_of(acts.cancel(*ctx.caller, ctx.id_param())); });
    r.on("activities.done", [&acts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(acts.done(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("activities.snooze", [&acts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(acts.snooze(*ctx.caller, ctx.id_param(), body.value()));
    });
}

}  // namespace tumen::server
