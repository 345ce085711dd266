// /api/v1/saved-searches: the search bar's favourites (services/saved_search_service.hpp).
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/saved_search_service.hpp"

namespace tumen::server {

void register_saved_search_routes(Router& r, App& app) {
    // Stateless over the database: one per server, alive as long as the router's handlers.
    auto searches = std::make_shared<SavedSearchService>(app.db());
    r.on("saved_searches.list", [searches](Context& ctx) { return items_reply(searches->list(*ctx.caller, ctx.query("view"))); });
    r.on("saved_searches.create", [searches](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(searches->create(*ctx.caller, body.value()), 201);
    });
    r.on("saved_searches.update", [searches](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(searches->update(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("saved_searches.delete",
         [searches](Context& ctx) { return deleted_reply(searches->remove(*ctx.caller, ctx.id_param())); });
}

}  // namespace tumen::server
