// /api/v1/admin/backup(s): online backups of the database (administrators).
#include "app.hpp"
#include "http/file_reply.hpp"
#include "http/request_params.hpp"
#include "services/backup_service.hpp"
#include "tumen/file_type.hpp"

namespace tumen::server {

void register_backup_routes(Router& r, App& app) {
    BackupService& backups = app.backups();
    r.on("admin.backup", [&backups](Context&) { return reply_of(backups.create(), 201); });
    r.on("admin.backups", [&backups](Context&) -> Result<Reply> {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& b : backups.list()) items.push_back(b);
        return Reply::json({{"items", items}});
    });
    r.on("admin.backup_download", [&backups](Context& ctx) -> Result<Reply> {
        auto path = backups.path_of(ctx.params.at(0));
        if (!path) return path.error();
        return file_reply(path.value(), "application/vnd.sqlite3", files::content_disposition(ctx.params.at(0)));
    });
}

}  // namespace tumen::server
