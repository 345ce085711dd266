#include <doctest/doctest.h>

#include "tumen/mail_message_id.hpp"
#include "tumen/mail_routing.hpp"

using namespace tumen;
using namespace tumen::mail;

namespace {
InboundHeaders plain_mail() {
    InboundHeaders h;
    h.message_id = "<new@customer.mn>";
    h.from_email = "bat@gobi.mn";
    h.return_path = "<bat@gobi.mn>";
    h.content_type = "text/plain";
    h.recipients = {"someone@else.mn", "Sales@Tumen.MN"};
    return h;
}
RoutingContext context() {
    RoutingContext c;
    c.aliases = {{3, "support"}, {5, "sales"}};
    c.loop_value = "tumen.mn";
    return c;
}
}  // namespace

TEST_CASE("a new mail to a team alias creates a lead in that team") {
    auto d = route_inbound(plain_mail(), context());
    CHECK(d.kind == RouteKind::create);
    CHECK(d.team_id == 5);
    CHECK(d.matched == "Sales@Tumen.MN");

    auto ctx = context();
    ctx.alias_domain = "tumen.mn";
    CHECK(route_inbound(plain_mail(), ctx).kind == RouteKind::create);
    ctx.alias_domain = "other.mn";
    auto d2 = route_inbound(plain_mail(), ctx);
    CHECK(d2.kind == RouteKind::reject);
    CHECK(d2.reason.rfind("no route", 0) == 0);
}

TEST_CASE("a reply to a known message appends to its record, before any alias") {
    auto h = plain_mail();
    const auto ours = make_message_id("lead", 42, 7, "ab12", "tumen.mn");
    h.references = "<first@x> " + ours + " <unknown@y>";
    auto ctx = context();
    ctx.known = {{ours, "lead", 42}};
    auto d = route_inbound(h, ctx);
    CHECK(d.kind == RouteKind::append);
    CHECK(d.res_model == "lead");
    CHECK(d.res_id == 42);
    CHECK(d.matched == ours);

    // In-Reply-To (the direct parent) wins over older references.
    h.in_reply_to = "<parent@x>";
    ctx.known.push_back({"<parent@x>", "lead", 43});
    CHECK(route_inbound(h, ctx).res_id == 43);
}

TEST_CASE("thread candidates: In-Reply-To first, then References newest first, once each") {
    InboundHeaders h;
    h.in_reply_to = "<c@x>";
    h.references = "<a@x> <b@x> <c@x>";
    const auto ids = thread_candidates(h);
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] == "<c@x>");
    CHECK(ids[1] == "<b@x>");
    CHECK(ids[2] == "<a@x>");
}

TEST_CASE("delivery status notifications are bounces, even when addressed to an alias") {
    auto h = plain_mail();
    h.content_type = "multipart/report";
    h.report_type = "delivery-status";
    h.auto_submitted = "auto-replied";  // DSNs carry it too: the bounce check comes first
    CHECK(is_bounce(h));
    CHECK(route_inbound(h, context()).kind == RouteKind::bounce);

    auto daemon = plain_mail();
    daemon.content_type = "multipart/report";
    daemon.report_type = "disposition-notification";
    daemon.return_path = "<>";
    CHECK(is_bounce(daemon));
    daemon.return_path = "<x@y>";
    daemon.from_email = "MAILER-DAEMON@mx.gobi.mn";
    CHECK(is_bounce(daemon));
    // A null sender alone (e.g. a vacation notice) is not a bounce.
    auto vacation = plain_mail();
    vacation.return_path = "<>";
    CHECK_FALSE(is_bounce(vacation));
}

TEST_CASE("loops are rejected with a reason") {
    auto h = plain_mail();
    h.has_loop_header = true;
    h.loop = "TUMEN.MN";
    auto d = route_inbound(h, context());
    CHECK(d.kind == RouteKind::reject);
    CHECK(d.reason.find("X-Tumen-Loop") != std::string::npos);
    // Another installation's loop header is not ours.
    h.loop = "other-crm.mn";
    CHECK(route_inbound(h, context()).kind == RouteKind::create);

    auto auto_reply = plain_mail();
    auto_reply.auto_submitted = "auto-replied";
    auto ar = route_inbound(auto_reply, context());
    CHECK(ar.kind == RouteKind::reject);
    CHECK(ar.reason == "loop: Auto-Submitted: auto-replied");
    auto_reply.auto_submitted = "No";
    CHECK(route_inbound(auto_reply, context()).kind == RouteKind::create);

    auto ctx = context();
    ctx.recent_from_sender = 20;
    auto flood = route_inbound(plain_mail(), ctx);
    CHECK(flood.kind == RouteKind::reject);
    CHECK(flood.reason.find("bat@gobi.mn") != std::string::npos);
    ctx.recent_from_sender = 19;
    CHECK(route_inbound(plain_mail(), ctx).kind == RouteKind::create);
}

TEST_CASE("split_address lower-cases both parts") {
    auto p = split_address(" Sales@Tumen.MN ");
    CHECK(p.local == "sales");
    CHECK(p.domain == "tumen.mn");
    CHECK(split_address("nobody").domain.empty());
}
