// /api/v1/products and /api/v1/quotations (issue 10): the catalogue, quotations and sales orders, their
// state actions, the PDF and the opportunity's quotations.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/quotation_service.hpp"
#include "tumen/file_type.hpp"

namespace tumen::server {

namespace {

template <class Fn>
auto with_body(Fn fn) {
    return [fn](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return fn(ctx, body.value());
    };
}

}  // namespace

void register_quotation_routes(Router& r, App& app) {
    QuotationService& svc = app.quotations();

    r.on("products.list", [&svc](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 100, 1, 500);
        if (!limit) return limit.error();
        return items_reply(svc.products(ctx.query("q"), ctx.query("archived") == "true", static_cast<int>(limit.value())));
    });
    r.on("products.get", [&svc](Context& ctx) { return reply_of(svc.product_get(ctx.id_param())); });
    r.on("products.create", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.product_create(*ctx.caller, b), 201);
         }));
    r.on("products.update", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.product_update(*ctx.caller, ctx.id_param(), b));
         }));
    r.on("products.delete", [&svc](Context& ctx) { return deleted_reply(svc.product_delete(*ctx.caller, ctx.id_param())); });

    r.on("quotations.list", [&svc](Context& ctx) -> Result<Reply> {
        store::QuotationQuery q;
        const std::string state = ctx.query("state");
        if (!state.empty()) {
            q.state = quotation_state_from(state);
            if (!q.state) return Error::make(ErrorCode::bad_request, "state must be draft, sent, sale or cancel", "state");
        }
        const std::string invoicing = ctx.query("invoice_status");
        if (!invoicing.empty()) {
            q.invoice_status = invoice_status_from(invoicing);
            if (!q.invoice_status)
                return Error::make(ErrorCode::bad_request, "invoice_status must be nothing, to_invoice or invoiced",
                                   "invoice_status");
        }
        for (auto [name, target] : {std::pair{"partner_id", &q.partner_id}, std::pair{"lead_id", &q.lead_id},
                                    std::pair{"user_id", &q.user_id}}) {
            auto v = id_query(ctx, name);
            if (!v) return v.error();
            *target = v.value();
        }
        auto limit = int_query(ctx, "limit", 100, 1, 500);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        q.limit = static_cast<int>(limit.value());
        q.before_id = before.value();
        return items_reply(svc.search(*ctx.caller, q));
    });
    r.on("quotations.create", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.create(*ctx.caller, b), 201);
         }));
    r.on("quotations.get", [&svc](Context& ctx) { return reply_of(svc.get(*ctx.caller, ctx.id_param())); });
    r.on("quotations.update", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.edit(*ctx.caller, ctx.id_param(), b));
         }));
    r.on("quotations.confirm", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.confirm(*ctx.caller, ctx.id_param(), b));
         }));
    r.on("quotations.cancel", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.cancel(*ctx.caller, ctx.id_param(), b));
         }));
    r.on("quotations.revise", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.revise(*ctx.caller, ctx.id_param(), b), 201);
         }));
    r.on("quotations.send", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.send(*ctx.caller, ctx.id_param(), b));
         }));
    r.on("quotations.invoicing", with_body([&svc](Context& ctx, const nlohmann::json& b) {
             return reply_of(svc.set_invoicing(*ctx.caller, ctx.id_param(), b));
         }));
    r.on("quotations.pdf", [&svc](Context& ctx) -> Result<Reply> {
        auto pdf = svc.pdf(*ctx.caller, ctx.id_param());
        if (!pdf) return pdf.error();
        Reply reply;
        reply.raw = std::move(pdf->bytes);
        reply.content_type = "application/pdf";
        reply.headers.push_back({"Content-Disposition", files::content_disposition(pdf->file_name, true)});
        return reply;
    });
    r.on("quotations.messages", [&svc](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 50, 1, 200);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        return items_reply(svc.messages(*ctx.caller, ctx.id_param(), static_cast<int>(limit.value()), before.value()));
    });
    r.on("leads.quotations", [&svc](Context& ctx) { return reply_of(svc.lead_summary(*ctx.caller, ctx.id_param())); });
}

}  // namespace tumen::server
