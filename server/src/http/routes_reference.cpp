// Settings lists: /api/v1/lost-reasons, /tags, /contact-categories, /utm/sources, /utm/mediums, /utm/campaigns,
// /currencies; and the company currency the rates are in (/api/v1/company-currency).
// Every kind has the same five endpoints (list, get, create, update, delete), registered from one table.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/reference_service.hpp"

namespace tumen::server {

void register_reference_routes(Router& r, App& app) {
    ReferenceService& refs = app.reference();
    struct Group {
        const char* prefix;  // endpoint ids: "<prefix>.list" ...
        const ReferenceKind& kind;
    };
    const Group groups[] = {
        {"lost_reasons", lost_reason_kind()},   {"tags", tag_kind()},
        {"contact_categories", contact_category_kind()}, {"utm_sources", utm_source_kind()},
        {"utm_mediums", utm_medium_kind()},     {"utm_campaigns", utm_campaign_kind()},
        {"currencies", currency_kind()},
    };
    for (const auto& g : groups) {
        const ReferenceKind* kind = &g.kind;
        const std::string p = g.prefix;
        r.on(p + ".list", [&refs, kind](Context& ctx) { return reply_of(refs.list(*kind, ctx.query("active", "true"))); });
        r.on(p + ".get", [&refs, kind](Context& ctx) { return reply_of(refs.get(*kind, ctx.id_param())); });
        r.on(p + ".create", [&refs, kind](Context& ctx) -> Result<Reply> {
            auto body = ctx.json_body();
            if (!body) return body.error();
            return reply_of(refs.create(*ctx.caller, *kind, body.value()), 201);
        });
        r.on(p + ".update", [&refs, kind](Context& ctx) -> Result<Reply> {
            auto body = ctx.json_body();
            if (!body) return body.error();
            return reply_of(refs.update(*ctx.caller, *kind, ctx.id_param(), body.value()));
        });
        r.on(p + ".delete", [&refs, kind](Context& ctx) { return deleted_reply(refs.remove(*ctx.caller, *kind, ctx.id_param())); });
    }
    r.on("company_currency.get", [&refs](Context&) -> Result<Reply> { return Reply::json(refs.company_currency()); });
    r.on("company_currency.update", [&refs](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(refs.set_company_currency(*ctx.caller, body.value()));
    });
}

}  // namespace tumen::server
