// /api/v1/score-rules: lead scoring rules and the preview of a rule's effect.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/score_rule_service.hpp"

namespace tumen::server {

void register_score_rule_routes(Router& r, App& app) {
    ScoreRuleService& rules = app.score_rules();
    r.on("score_rules.list", [&rules](Context&) { return items_reply(rules.list()); });
    r.on("score_rules.get", [&rules](Context& ctx) { return reply_of(rules.get(ctx.id_param())); });
    r.on("score_rules.create", [&rules](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(rules.create(*ctx.caller, body.value()), 201);
    });
    r.on("score_rules.update", [&rules](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(rules.edit(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("score_rules.delete", [&rules](Context& ctx) { return deleted_reply(rules.remove(*ctx.caller, ctx.id_param())); });
    r.on("score_rules.preview", [&rules](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(rules.preview(body.value()));
    });
}

}  // namespace tumen::server
