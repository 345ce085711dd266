// Outgoing webhooks: which lead changes raise which events, hook validation naming the field, the payload and
// signature formats, and the address classes refused as SSRF targets.
#include <doctest/doctest.h>

#include "tumen/webhook.hpp"

using namespace tumen;
using namespace tumen::webhook;
using nlohmann::json;

namespace {
bool webhook_has_error_on(const FieldErrors& fe, std::string_view field) {
    for (const auto& d : fe.list())
        if (d.field == field) return true;
    return false;
}
std::vector<std::string> v(std::initializer_list<const char*> l) { return {l.begin(), l.end()}; }
}  // namespace

TEST_CASE("webhook: lead changes map to events") {
    CHECK(events_for_lead_change("created", {{"user_id", nullptr, 5}}, false) == v({"lead.created"}));
    CHECK(events_for_lead_change("moved", {{"stage_id", 1, 2}}, false) == v({"lead.stage_changed"}));
    // A move onto a won stage wins the lead: both events.
    CHECK(events_for_lead_change("moved", {{"stage_id", 1, 4}}, true) == v({"lead.stage_changed", "lead.won"}));
    CHECK(events_for_lead_change("won", {{"stage_id", 1, 4}, {"probability", 10, 100}}, true) ==
          v({"lead.stage_changed", "lead.won"}));
    CHECK(events_for_lead_change("lost", {{"lost_reason_id", nullptr, 3}}, false) == v({"lead.lost"}));
    CHECK(events_for_lead_change("updated", {{"user_id", nullptr, 7}}, false) == v({"lead.assigned"}));
    CHECK(events_for_lead_change("updated", {{"user_id", 7, 8}, {"stage_id", 1, 2}}, false) ==
          v({"lead.stage_changed", "lead.assigned"}));
    // Unassigning is not an assignment; a plain edit raises nothing.
    CHECK(events_for_lead_change("updated", {{"user_id", 7, nullptr}}, false).empty());
    CHECK(events_for_lead_change("updated", {{"expected_revenue", 1, 2}}, false).empty());
    CHECK(events_for_lead_change("message", {}, false).empty());
    CHECK(is_event("lead.won"));
    CHECK_FALSE(is_event("ping"));
    CHECK_FALSE(is_event("lead.deleted"));
}

TEST_CASE("webhook: hook URLs") {
    auto p = parse_hook_url("https://Hooks.Example.MN/tumen?x=1");
    REQUIRE(p);
    CHECK(p->scheme == "https");
    CHECK(p->host == "hooks.example.mn");
    CHECK(p->port == 443);
    p = parse_hook_url("http://10.0.0.5:8080/in");
    REQUIRE(p);
    CHECK(p->host == "10.0.0.5");
    CHECK(p->port == 8080);
    p = parse_hook_url("http://[::1]:9000/x");
    REQUIRE(p);
    CHECK(p->host == "::1");
    CHECK(p->port == 9000);
    CHECK(parse_hook_url("HTTP://example.mn")->port == 80);

    std::string why;
    CHECK_FALSE(parse_hook_url("ftp://example.mn/", &why));
    CHECK(why == "must start with http:// or https://");
    CHECK_FALSE(parse_hook_url("file:///etc/passwd"));
    CHECK_FALSE(parse_hook_url("example.mn/hook"));
    CHECK_FALSE(parse_hook_url("https://user:pw@example.mn/", &why));
    CHECK(why == "must not contain a user name or password");
    CHECK_FALSE(parse_hook_url("https://example.mn@evil.mn/"));
    CHECK_FALSE(parse_hook_url("https://exa mple.mn/"));
    CHECK_FALSE(parse_hook_url("https://example.mn/\r\nX: y"));
    CHECK_FALSE(parse_hook_url("https://example.mn:0/"));
    CHECK_FALSE(parse_hook_url("https://example.mn:70000/"));
    CHECK_FALSE(parse_hook_url("https://example.mn:/"));
    CHECK_FALSE(parse_hook_url("https:///path"));
    CHECK_FALSE(parse_hook_url("https://[::1/"));
    CHECK_FALSE(parse_hook_url("https://example.mn/#frag"));
    CHECK_FALSE(parse_hook_url(""));
    const std::string base = "https://example.mn/";
    CHECK(parse_hook_url(base + std::string(max_url_bytes - base.size(), 'a')));
    CHECK_FALSE(parse_hook_url(base + std::string(max_url_bytes - base.size() + 1, 'a'), &why));
    CHECK(why == "is longer than 2000 characters");
}

TEST_CASE("webhook: hook fields are checked and named") {
    Hook h;
    auto fe = apply_hook_json(h, {{"name", "Нягтлан"}, {"url", "https://erp.example.mn/hook"},
                                  {"events", {"lead.won", "lead.created", "lead.won"}}, {"allow_private", true}},
                              true);
    CHECK(fe.empty());
    CHECK(h.name == "Нягтлан");
    CHECK(h.events == v({"lead.created", "lead.won"}));  // display order, no repeats
    CHECK(h.allow_private);
    CHECK(h.active);

    Hook x;
    fe = apply_hook_json(x, json::object(), true);
    CHECK(webhook_has_error_on(fe, "name"));
    CHECK(webhook_has_error_on(fe, "url"));
    CHECK(webhook_has_error_on(fe, "events"));
    fe = apply_hook_json(x, {{"name", "a"}, {"url", "gopher://x"}, {"events", json::array()}}, true);
    CHECK(webhook_has_error_on(fe, "url"));
    CHECK(webhook_has_error_on(fe, "events"));
    CHECK_FALSE(webhook_has_error_on(fe, "name"));
    fe = apply_hook_json(x, {{"events", {"lead.won", "lead.eaten"}}}, false);
    CHECK(webhook_has_error_on(fe, "events[1]"));
    fe = apply_hook_json(x, {{"secret", "x"}, {"id", 3}, {"colour", "red"}, {"active", "yes"}}, false);
    CHECK(webhook_has_error_on(fe, "secret"));
    CHECK(webhook_has_error_on(fe, "id"));
    CHECK(webhook_has_error_on(fe, "colour"));
    CHECK(webhook_has_error_on(fe, "active"));
    // A PUT need not repeat every field; version is the service's.
    Hook y = h;
    CHECK(apply_hook_json(y, {{"active", false}, {"version", 3}}, false).empty());
    CHECK_FALSE(y.active);
    CHECK(y.url == h.url);

    json wire = h;
    CHECK_FALSE(wire.contains("secret"));
    CHECK(wire["events"] == json({"lead.created", "lead.won"}));
}

TEST_CASE("webhook: payload and signature formats") {
    Lead lead;
    lead.id = 42;
    lead.name = "Төмөр замын тендер";
    const json doc = payload("3f1c0d6e-0000-4000-8000-000000000001", "lead.won", 1'795'000'000,
                             lead_data(lead, {{"stage_id", 1, 4}}));
    CHECK(doc["id"] == "3f1c0d6e-0000-4000-8000-000000000001");
    CHECK(doc["event"] == "lead.won");
    CHECK(doc["occurred_at"] == "2026-11-18T11:06:40Z");
    CHECK(doc["data"]["lead"]["id"] == 42);
    CHECK(doc["data"]["lead"]["name"] == "Төмөр замын тендер");
    CHECK(doc["data"]["changes"][0]["field"] == "stage_id");
    CHECK(signed_text(1795000000, "{\"a\":1}") == "1795000000.{\"a\":1}");
    CHECK(signature_header("ab12") == "sha256=ab12");
    CHECK(is_success_status(200));
    CHECK(is_success_status(204));
    CHECK_FALSE(is_success_status(301));
    CHECK_FALSE(is_success_status(500));
    CHECK(delivery_state_from("failed") == DeliveryState::failed);
    CHECK_FALSE(delivery_state_from("sent"));
}

TEST_CASE("webhook: address classes for SSRF") {
    const auto cls = [](const char* s) { return classify_ip(s); };
    CHECK(cls("8.8.8.8") == IpClass::global);
    CHECK(cls("93.184.216.34") == IpClass::global);
    CHECK(cls("127.0.0.1") == IpClass::loopback);
    CHECK(cls("127.255.1.2") == IpClass::loopback);
    CHECK(cls("10.1.2.3") == IpClass::private_net);
    CHECK(cls("172.16.0.1") == IpClass::private_net);
    CHECK(cls("172.31.255.255") == IpClass::private_net);
    CHECK(cls("172.32.0.1") == IpClass::global);
    CHECK(cls("172.15.255.255") == IpClass::global);
    CHECK(cls("192.168.1.1") == IpClass::private_net);
    CHECK(cls("169.254.169.254") == IpClass::link_local);  // cloud metadata
    CHECK(cls("100.64.0.1") == IpClass::cgnat);
    CHECK(cls("100.127.255.255") == IpClass::cgnat);
    CHECK(cls("100.128.0.1") == IpClass::global);
    CHECK(cls("0.0.0.0") == IpClass::unspecified);
    CHECK(cls("0.1.2.3") == IpClass::unspecified);
    CHECK(cls("224.0.0.1") == IpClass::multicast);
    CHECK(cls("239.255.255.250") == IpClass::multicast);
    CHECK(cls("255.255.255.255") == IpClass::reserved);
    CHECK(cls("240.0.0.1") == IpClass::reserved);

    CHECK(cls("::1") == IpClass::loopback);
    CHECK(cls("[::1]") == IpClass::loopback);
    CHECK(cls("0:0:0:0:0:0:0:1") == IpClass::loopback);
    CHECK(cls("::") == IpClass::unspecified);
    CHECK(cls("fc00::1") == IpClass::private_net);
    CHECK(cls("fd12:3456:789a::1") == IpClass::private_net);
    CHECK(cls("fe80::1") == IpClass::link_local);
    CHECK(cls("fe80::1%eth0") == IpClass::link_local);
    CHECK(cls("febf::1") == IpClass::link_local);
    CHECK(cls("ff02::1") == IpClass::multicast);
    CHECK(cls("2001:4860:4860::8888") == IpClass::global);
    CHECK(cls("2001:db8::1") == IpClass::reserved);
    // IPv4 inside IPv6 is judged by the IPv4 address: the classic bypasses.
    CHECK(cls("::ffff:127.0.0.1") == IpClass::loopback);
    CHECK(cls("::ffff:7f00:1") == IpClass::loopback);
    CHECK(cls("::ffff:169.254.169.254") == IpClass::link_local);
    CHECK(cls("::ffff:10.0.0.1") == IpClass::private_net);
    CHECK(cls("::ffff:8.8.8.8") == IpClass::global);
    CHECK(cls("::127.0.0.1") == IpClass::loopback);
    CHECK(cls("64:ff9b::a9fe:a9fe") == IpClass::link_local);
    CHECK(cls("2002:7f00:1::") == IpClass::loopback);

    // Not IP literals (host names, or forms we do not read as numbers).
    CHECK_FALSE(cls("example.mn"));
    CHECK_FALSE(cls("localhost"));
    CHECK_FALSE(cls("127.1"));
    CHECK_FALSE(cls("0177.0.0.1"));
    CHECK_FALSE(cls("1.2.3.256"));
    CHECK_FALSE(cls("1.2.3.4.5"));
    CHECK_FALSE(cls("1:2:3:4:5:6:7:8:9"));
    CHECK_FALSE(cls("1::2::3"));
    CHECK_FALSE(cls("12345::1"));
    CHECK_FALSE(cls("::1:"));
    CHECK(is_non_public(IpClass::loopback));
    CHECK_FALSE(is_non_public(IpClass::global));
}
