// /api/v1/contacts: search (filter language + full text + keyset pages), CRUD, chatter.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/contact_service.hpp"

namespace tumen::server {

void register_contact_routes(Router& r, App& app) {
    ContactService& contacts = app.contacts();

    r.on("contacts.list", [&contacts](Context& ctx) -> Result<Reply> {
        store::ContactQuery q;
        q.filter = ctx.query("filter");
        q.text = ctx.query("q");
        q.active = ctx.query("active", "true");
        q.sort = ctx.query("sort", "name asc");
        q.after = ctx.query("after");
        auto limit = int_query(ctx, "limit", 50, 1, 500);
        if (!limit) return limit.error();
        q.limit = static_cast<int>(limit.value());
        auto page = contacts.search(*ctx.caller, q, ctx.query("total") == "true");
        if (!page) return page.error();
        const bool counts = ctx.query("counts") == "true";
        nlohmann::json items = nlohmann::json::array();
        for (const auto& x : page->contacts) {
            nlohmann::json j = x;
            if (counts) j.update(contacts.counts_json(*ctx.caller, x.id));
            items.push_back(std::move(j));
        }
        nlohmann::json body = {{"items", items}, {"next", page->next.empty() ? nlohmann::json() : nlohmann::json(page->next)}};
        if (page->total >= 0) body["total"] = page->total;
        return Reply::json(body);
    });

    r.on("contacts.get", [&contacts](Context& ctx) { return reply_of(contacts.get(*ctx.caller, ctx.id_param())); });

    r.on("contacts.create", [&contacts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto x = contacts.create(*ctx.caller, body.value());
        if (!x) return x.error();
        Reply reply = Reply::json(x.value(), 201);
        reply.headers.push_back({"Location", api::expand("/api/v1/contacts/{id}", {std::to_string(x->id)})});
        return reply;
    });

    r.on("contacts.update", [&contacts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(contacts.edit(*ctx.caller, ctx.id_param(), body.value()));
    });

    r.on("contacts.delete", [&contacts](Context& ctx) { return deleted_reply(contacts.remove(*ctx.caller, ctx.id_param())); });

    r.on("contacts.messages", [&contacts](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 50, 1, 200);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        return items_reply(contacts.messages(*ctx.caller, ctx.id_param(), static_cast<int>(limit.value()), before.value()));
    });

    r.on("contacts.note", [&contacts](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(contacts.post_note(*ctx.caller, ctx.id_param(), body.value()), 201);
    });
}

}  // namespace tumen::server
