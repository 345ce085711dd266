// GET /api/v1/health and /api/v1/openapi.json.
#include <sqlite3.h>

#include "app.hpp"

namespace tumen::server {

void register_system_routes(Router& r, App& app) {
    r.on("health", [&app](Context&) -> Result<Reply> {
        nlohmann::json db = {{"path", app.config().database_path()}};
        try {
            db["schema_version"] = app.db().schema_version();
            db["status"] = "ok";
        } catch (const std::exception& e) {
            db["status"] = "error";
            db["error"] = e.what();
            return Reply::json({{"status", "degraded"}, {"version", TUMEN_VERSION}, {"database", db}}, 503);
        }
        db["sqlite"] = sqlite3_libversion();
        return Reply::json({{"status", "ok"}, {"version", TUMEN_VERSION}, {"database", db}});
    });

    r.on("openapi", [](Context&) -> Result<Reply> {
        static const nlohmann::json doc = api::openapi_document(TUMEN_VERSION);
        return Reply::json(doc);
    });
}

}  // namespace tumen::server
