// /api/v1/leads/export.{csv,xlsx} and /api/v1/contacts/export.{csv,xlsx}: the list's search, as a file.
#include <memory>

#include "app.hpp"
#include "http/file_reply.hpp"
#include "services/export_service.hpp"
#include "tumen/csv.hpp"
#include "tumen/file_type.hpp"

namespace tumen::server {

namespace {

ExportRequest request_of(const Context& ctx, import::Entity entity) {
    ExportRequest r;
    r.entity = entity;
    r.filter = ctx.query("filter");
    r.text = ctx.query("q");
    r.active = ctx.query("active", "true");
    r.sort = ctx.query("sort");
    r.fields = ctx.query("fields");
    r.header = ctx.query("header");
    return r;
}

// CSV with a BOM (Excel then reads it as UTF-8), streamed: each call of the provider sends one page.
Result<Reply> csv_reply(ExportService& exports, Context& ctx, import::Entity entity) {
    auto source = exports.open(*ctx.caller, request_of(ctx, entity));
    if (!source) return source.error();
    struct State {
        std::shared_ptr<ExportSource> source;
        bool header_sent = false;
    };
    auto state = std::make_shared<State>(State{source.value(), false});
    Reply r;
    r.content_type = "text/csv; charset=utf-8";
    r.headers.push_back({"Content-Disposition", files::content_disposition(ExportService::file_name(entity, "csv"))});
    r.headers.push_back({"Cache-Control", "private, no-store"});
    r.stream = [state](size_t, httplib::DataSink& sink) {
        std::string chunk;
        if (!state->header_sent) {
            state->header_sent = true;
            chunk = std::string(csv::utf8_bom);
            csv::append_row(chunk, state->source->header());
            return sink.write(chunk.data(), chunk.size());
        }
        auto page = state->source->next_page();
        if (!page) return false;  // the connection is cut: a partial file must not look complete
        if (page->empty()) {
            sink.done();
            return true;
        }
        std::vector<std::string> cells;
        for (const auto& row : page.value()) {
            cells.clear();
            for (const auto& cell : row) cells.push_back(exporting::cell_text(cell));
            csv::append_row(chunk, cells);
        }
        return sink.write(chunk.data(), chunk.size());
    };
    return r;
}

Result<Reply> xlsx_reply(ExportService& exports, Context& ctx, import::Entity entity) {
    auto source = exports.open(*ctx.caller, request_of(ctx, entity));
    if (!source) return source.error();
    const bool mn = ctx.query("header") == "mn";
    const std::string sheet = entity == import::Entity::lead ? (mn ? "Сэжим" : "Leads") : (mn ? "Харилцагч" : "Contacts");
    auto path = exports.write_xlsx(*source.value(), sheet);
    if (!path) return path.error();
    return file_reply(path.value(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      files::content_disposition(ExportService::file_name(entity, "xlsx")), true);
}

}  // namespace

void register_export_routes(Router& r, App& app) {
    ExportService& exports = app.exports();
    r.on("leads.export_csv", [&exports](Context& ctx) { return csv_reply(exports, ctx, import::Entity::lead); });
    r.on("leads.export_xlsx", [&exports](Context& ctx) { return xlsx_reply(exports, ctx, import::Entity::lead); });
    r.on("contacts.export_csv", [&exports](Context& ctx) { return csv_reply(exports, ctx, import::Entity::contact); });
    r.on("contacts.export_xlsx", [&exports](Context& ctx) { return xlsx_reply(exports, ctx, import::Entity::contact); });
}

}  // namespace tumen::server
