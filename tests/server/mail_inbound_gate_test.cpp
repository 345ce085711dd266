// The mailgate command (what an MTA pipe runs) against a real server over HTTP, with the exit codes the MTA acts
// on, and delivery status notifications marking our original mail and the address as bouncing.
#include <sstream>

#include "cli/mailgate.hpp"
#include "mail_inbound_helpers.hpp"
#include "store/mail_inbound.hpp"

using namespace tumen::testing;
using tumen::server::run_mailgate;

namespace {
int gate(InboundWorld& w, const std::string& raw, const std::string& token = "") {
    std::istringstream in(raw);
    return run_mailgate({"--url", w.server.app->url(), "--token", token.empty() ? w.key : token, "--timeout", "5"}, in);
}
}  // namespace

TEST_CASE("mailgate: exit codes an MTA understands, counted on the mailgate channel") {
    InboundWorld w;
    CHECK(gate(w, mail_file("new_utf8.eml")) == tumen::server::ex_ok);
    CHECK(gate(w, mail_file("new_utf8.eml")) == tumen::server::ex_ok);  // duplicate: taken, once
    CHECK(w.count("SELECT count(*) FROM leads") == 1);
    CHECK(gate(w, mail_file("no_route.eml")) == tumen::server::ex_nouser);
    CHECK(gate(w, mail_file("loop.eml")) == tumen::server::ex_ok);  // loops end here, unanswered
    CHECK(gate(w, "garbage without headers") == tumen::server::ex_dataerr);
    CHECK(gate(w, mail_file("cp1251.eml"), "tmn_not-a-key") == tumen::server::ex_tempfail);  // kept queued
    CHECK(gate(w, "") == tumen::server::ex_dataerr);

    auto ch = w.channel("mailgate");
    REQUIRE(ch.is_object());
    CHECK(ch["received"] == 5);
    CHECK(ch["created"] == 1);
    CHECK(ch["rejected"] == 3);  // no route, loop, unreadable
    CHECK(w.channel("http").is_null());

    std::istringstream none("x");
    CHECK(run_mailgate({"--url", w.server.app->url()}, none) == tumen::server::ex_usage);
}

TEST_CASE("mailgate: an unreachable server is a temporary failure") {
    std::string url;
    {
        InboundWorld w;
        url = w.server.app->url();
    }  // stopped: nothing listens on that port any more
    std::istringstream in(mail_file("new_utf8.eml"));
    CHECK(run_mailgate({"--url", url, "--token", "tmn_x", "--timeout", "2"}, in) == tumen::server::ex_tempfail);
    CHECK(tumen::server::mailgate_exit_code(503, "{}") == tumen::server::ex_tempfail);
    CHECK(tumen::server::mailgate_exit_code(413, "{}") == tumen::server::ex_dataerr);
    CHECK(tumen::server::mailgate_exit_code(200, R"({"outcome":"rejected","loop":false})") == tumen::server::ex_nouser);
}

TEST_CASE("mail inbound: a delivery status notification marks our mail bounced and counts the address") {
    InboundWorld w;
    auto created = post_json(w.server.client, "/api/v1/leads", {{"name", "Буцсан захидал"}, {"email", "nobody@gobi-trade.mn"}});
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const int64_t lead = body_of(created)["id"].get<int64_t>();
    // A default sender is all compose needs; with no SMTP host the mail waits in the outbox.
    auto settings = w.server.client.Get("/api/v1/mail/settings");
    REQUIRE(settings);
    auto put = w.server.client.Put("/api/v1/mail/settings",
                                   nlohmann::json({{"host", ""}, {"port", 25}, {"security", "none"}, {"username", ""},
                                                   {"default_from", "CRM <crm@tumen.mn>"}, {"domain", "crm.tumen.mn"},
                                                   {"version", body_of(settings)["version"]}})
                                       .dump(),
                                   "application/json");
    REQUIRE(put);
    REQUIRE_MESSAGE(put->status == 200, put->body);
    auto sent = post_json(w.server.client, "/api/v1/leads/" + std::to_string(lead) + "/mail",
                          {{"to", {"nobody@gobi-trade.mn"}}, {"subject", "Offer"}, {"body", "Our offer"}});
    REQUIRE(sent);
    REQUIRE_MESSAGE(sent->status == 201, sent->body);
    int64_t outbox_id = 0;
    std::string our_id;
    {  // scoped: a live statement keeps this thread's read snapshot open, later reads would not see the bounce
        auto s = w.server.app->db().reader().prepare_uncached("SELECT id, message_id FROM mail_outbox");
        REQUIRE(s.step());
        outbox_id = s.get_int(0);
        our_id = s.get_text(1);
    }

    auto out = w.take(replace_all(mail_file("dsn_bounce.eml"), "@@OUR_ID@@", our_id), 200);
    CHECK(out["outcome"] == "bounce");
    CHECK(out["lead_id"] == lead);
    CHECK(out["reason"].get<std::string>().find("5.1.1") != std::string::npos);
    CHECK(out["reason"].get<std::string>().find("User unknown") != std::string::npos);
    CHECK(w.count("SELECT count(*) FROM mail_outbox WHERE state = 'bounced' AND id = " + std::to_string(outbox_id)) == 1);
    CHECK(tumen::store::bounce_count(w.server.app->db().reader(), "Nobody@Gobi-Trade.MN") == 1);
    CHECK(w.count("SELECT count(*) FROM leads") == 1);  // not a new lead, although it came to an address of ours
    CHECK(w.count("SELECT count(*) FROM messages WHERE kind = 'email'") == 1);  // only the mail we sent

    // The timeline shows the sent mail as bounced.
    auto mails = w.emails(lead);
    REQUIRE(mails.size() == 1);
    CHECK(mails[0]["mail"]["state"] == "bounced");
}
