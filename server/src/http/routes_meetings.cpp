// Meetings, the calendar range and the iCalendar feed (issue 6).
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/meeting_service.hpp"

namespace tumen::server {

void register_meeting_routes(Router& r, App& app) {
    MeetingService& meetings = app.meetings();
    r.on("leads.meetings", [&meetings](Context& ctx) { return reply_of(meetings.lead_meetings(*ctx.caller, ctx.id_param())); });
    r.on("leads.meeting_create", [&meetings](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(meetings.create(*ctx.caller, ctx.id_param(), body.value()), 201);
    });
    r.on("meetings.create", [&meetings](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(meetings.create(*ctx.caller, 0, body.value()), 201);
    });
    r.on("meetings.get", [&meetings](Context& ctx) { return reply_of(meetings.get(*ctx.caller, ctx.id_param())); });
    r.on("meetings.update", [&meetings](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(meetings.update(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("meetings.delete", [&meetings](Context& ctx) { return deleted_reply(meetings.remove(*ctx.caller, ctx.id_param())); });
    r.on("calendar.range", [&meetings](Context& ctx) -> Result<Reply> {
        auto user = id_query(ctx, "user_id");
        if (!user) return user.error();
        return reply_of(meetings.calendar(*ctx.caller, ctx.query("from"), ctx.query("to"), user.value()));
    });
    r.on("calendar_feed.get", [&meetings](Context& ctx) { return reply_of(meetings.feed_info(*ctx.caller)); });
    r.on("calendar_feed.create", [&meetings](Context& ctx) { return reply_of(meetings.feed_create(*ctx.caller), 201); });
    r.on("calendar_feed.revoke", [&meetings](Context& ctx) { return deleted_reply(meetings.feed_revoke(*ctx.caller)); });
    r.on("calendar_feed.ics", [&meetings](Context& ctx) -> Result<Reply> {
        auto ics = meetings.feed_ics(ctx.params.at(0));
        if (!ics) return ics.error();
        Reply reply;
        reply.raw = std::move(ics).value();
        reply.content_type = "text/calendar; charset=utf-8";
        reply.headers.push_back({"Cache-Control", "private, max-age=300"});
        return reply;
    });
}

}  // namespace tumen::server
