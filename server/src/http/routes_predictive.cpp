// /api/v1/scoring/predictive, /api/v1/leads/{id}/probability, /api/v1/assignment: predictive scoring and
// automatic assignment (issue 7).
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/assignment_service.hpp"
#include "services/predictive_service.hpp"

namespace tumen::server {

void register_predictive_routes(Router& r, App& app) {
    PredictiveService& pls = app.predictive();
    AssignmentService& assign = app.assignment();
    r.on("predictive.settings", [&pls](Context&) -> Result<Reply> { return Reply::json(pls.settings()); });
    r.on("predictive.update", [&pls](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(pls.update_settings(*ctx.caller, body.value()));
    });
    r.on("predictive.rebuild", [&pls](Context& ctx) -> Result<Reply> {
        return reply_of(pls.request_rebuild(*ctx.caller), 202);
    });
    r.on("leads.probability", [&pls](Context& ctx) { return reply_of(pls.explain(*ctx.caller, ctx.id_param())); });
    r.on("leads.probability_reset", [&pls](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(pls.reset_probability(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("assignment.settings", [&assign](Context&) -> Result<Reply> { return Reply::json(assign.settings()); });
    r.on("assignment.update", [&assign](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(assign.update_settings(*ctx.caller, body.value()));
    });
    r.on("assignment.run", [&assign](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(assign.run(*ctx.caller, body.value()));
    });
    r.on("assignment.log", [&assign](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 100, 1, 500);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        auto lead = id_query(ctx, "lead_id");
        if (!lead) return lead.error();
        return reply_of(assign.log(lead.value(), static_cast<int>(limit.value()), before.value()));
    });
}

}  // namespace tumen::server
