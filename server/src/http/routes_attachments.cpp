// Attachments of leads and contacts: upload (multipart "file"), list, download, remove.
#include "app.hpp"
#include "http/file_reply.hpp"
#include "http/request_params.hpp"
#include "services/attachment_service.hpp"
#include "services/record_support.hpp"
#include "tumen/file_type.hpp"

namespace tumen::server {

namespace {

Result<Reply> upload(AttachmentService& files_service, Context& ctx, const std::string& model) {
    if (!ctx.req.is_multipart_form_data() || !ctx.req.has_file("file"))
        return field_error("file", "send the file as multipart/form-data in the part 'file'", "error.required");
    const auto part = ctx.req.get_file_value("file");
    auto a = files_service.add(*ctx.caller, model, ctx.id_param(), part.filename, part.content);
    if (!a) return a.error();
    Reply reply = Reply::json(a.value(), 201);
    reply.headers.push_back({"Location", api::expand("/api/v1/attachments/{id}", {std::to_string(a->id)})});
    return reply;
}

}  // namespace

void register_attachment_routes(Router& r, App& app) {
    AttachmentService& att = app.attachments();
    // The multipart envelope adds a little to the file itself.
    const size_t limit = app.config().max_attachment_bytes + 64 * 1024;
    r.set_body_limit("leads.attach", limit);
    r.set_body_limit("contacts.attach", limit);

    r.on("leads.attach", [&att](Context& ctx) { return upload(att, ctx, "lead"); });
    r.on("contacts.attach", [&att](Context& ctx) { return upload(att, ctx, "contact"); });
    r.on("leads.attachments", [&att](Context& ctx) { return items_reply(att.list(*ctx.caller, "lead", ctx.id_param())); });
    r.on("contacts.attachments",
         [&att](Context& ctx) { return items_reply(att.list(*ctx.caller, "contact", ctx.id_param())); });

    r.on("attachments.download", [&att](Context& ctx) -> Result<Reply> {
        auto d = att.open(*ctx.caller, ctx.id_param());
        if (!d) return d.error();
        auto reply = file_reply(d->path, d->record.mimetype, files::content_disposition(d->record.name));
        // Never let a browser run an uploaded file as a page of this site.
        if (reply) reply->headers.push_back({"Content-Security-Policy", "default-src 'none'; sandbox"});
        return reply;
    });
    r.on("attachments.delete", [&att](Context& ctx) { return deleted_reply(att.remove(*ctx.caller, ctx.id_param())); });
}

}  // namespace tumen::server
