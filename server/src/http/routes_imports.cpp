// /api/v1/imports: CSV import jobs (start, preview, progress, error report, cancel).
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/import_service.hpp"
#include "services/record_support.hpp"
#include "tumen/file_type.hpp"

namespace tumen::server {

namespace {

// The CSV and the options of an upload: a raw body (text/csv) with options in the query string, or
// multipart/form-data with the file in the part "file" and options as other parts (or the query string).
Result<ImportUpload> upload_of(const Context& ctx) {
    ImportUpload u;
    for (const auto& [k, v] : ctx.req.params) u.params[k] = v;
    if (!ctx.req.is_multipart_form_data()) {
        u.data = ctx.req.body;
        return u;
    }
    bool has_file = false;
    for (const auto& [name, part] : ctx.req.files) {
        if (name == "file") {
            u.data = part.content;
            u.file_name = files::sanitize_file_name(part.filename);
            has_file = true;
        } else {
            u.params[name] = part.content;
        }
    }
    if (!has_file) return field_error("file", "the multipart part 'file' with the CSV is missing", "error.required");
    return u;
}

}  // namespace

void register_import_routes(Router& r, App& app) {
    ImportService& imports = app.imports();
    r.set_body_limit("imports.create", app.config().max_import_bytes);
    r.set_body_limit("imports.preview", app.config().max_import_bytes);

    r.on("imports.create", [&imports](Context& ctx) -> Result<Reply> {
        auto upload = upload_of(ctx);
        if (!upload) return upload.error();
        auto job = imports.submit(*ctx.caller, std::move(upload.value()));
        if (!job) return job.error();
        Reply reply = Reply::json(job.value(), 202);
        reply.headers.push_back({"Location", api::expand("/api/v1/imports/{id}", {std::to_string(job.value()["id"].get<int64_t>())})});
        return reply;
    });

    r.on("imports.preview", [&imports](Context& ctx) -> Result<Reply> {
        auto upload = upload_of(ctx);
        if (!upload) return upload.error();
        return reply_of(imports.preview(*ctx.caller, upload.value()));
    });

    r.on("imports.list", [&imports](Context& ctx) { return reply_of(imports.list(*ctx.caller)); });
    r.on("imports.get", [&imports](Context& ctx) { return reply_of(imports.get(*ctx.caller, ctx.id_param())); });
    r.on("imports.cancel", [&imports](Context& ctx) { return reply_of(imports.cancel(*ctx.caller, ctx.id_param())); });

    r.on("imports.errors", [&imports](Context& ctx) -> Result<Reply> {
        auto csv = imports.errors_csv(*ctx.caller, ctx.id_param());
        if (!csv) return csv.error();
        Reply reply;
        reply.raw = std::move(csv.value());
        reply.content_type = "text/csv; charset=utf-8";
        reply.headers.push_back(
            {"Content-Disposition", files::content_disposition("import-" + std::to_string(ctx.id_param()) + "-errors.csv")});
        return reply;
    });
}

}  // namespace tumen::server
