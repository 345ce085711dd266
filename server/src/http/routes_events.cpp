// GET /api/v1/events: server-sent events of committed changes, filtered by the caller's record rules, with
// Last-Event-ID replay from the change log (live/). EventSource sends Last-Event-ID by itself when it reconnects;
// a client that opens a new EventSource passes ?last_event_id= instead.
#include "app.hpp"
#include "live/event_stream.hpp"

namespace tumen::server {

namespace {

Result<std::optional<int64_t>> last_event_id(const Context& ctx) {
    std::string v = ctx.req.get_header_value("Last-Event-ID");
    std::string field = "Last-Event-ID";
    if (v.empty()) {
        v = ctx.query("last_event_id");
        field = "last_event_id";
    }
    if (v.empty()) return std::optional<int64_t>();
    try {
        size_t used = 0;
        long long n = std::stoll(v, &used);
        if (used == v.size() && n >= 0) return std::optional<int64_t>(n);
    } catch (...) {
    }
    FieldErrors fe;
    fe.add(field, "must be the id of an event this server sent (a whole number, 0 or more)", "error.invalid");
    return fe.to_error();
}

}  // namespace

void register_event_routes(Router& r, App& app) {
    r.on("events.stream", [&app](Context& ctx) -> Result<Reply> {
        auto last = last_event_id(ctx);
        if (!last) return last.error();
        live::EventHub& hub = app.events();
        if (!hub.try_open_stream()) {
            Error e = Error::make(ErrorCode::unavailable,
                                  "Too many live event streams are open (limit " +
                                      std::to_string(hub.options().max_streams) + "); try again later");
            Reply reply = Reply::json(e.to_json(), 503);
            reply.headers.push_back({"Retry-After", "5"});
            return reply;
        }
        auto stream = std::make_shared<live::EventStream>(hub, app.db(), *ctx.caller, last.value());
        Reply reply;
        reply.content_type = "text/event-stream";  // exactly this: cpp-httplib compresses other text/* types
        reply.headers.push_back({"Cache-Control", "no-cache, no-store"});
        reply.headers.push_back({"X-Accel-Buffering", "no"});  // nginx: pass each event on at once
        reply.stream = [stream](size_t, httplib::DataSink& sink) { return stream->step(sink); };
        // Runs when the response is destroyed, however the stream ended (client gone, server stopping).
        reply.on_stream_end = [&hub](bool) { hub.close_stream(); };
        return reply;
    });
}

}  // namespace tumen::server
