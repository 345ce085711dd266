// The activities.digest job against a real SMTP server: each user gets one digest per day of their own zone, from
// the digest hour on, with what is overdue and due today on leads they may see; nothing due, no mail; users opt
// out in their account; no sender configured, nothing is marked sent.
#include <doctest/doctest.h>

#include "mail_helpers.hpp"
#include "mime_read.hpp"
#include "tumen/datetime.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

const tumen::DayNumber nov29 = tumen::days_from_civil(2026, 11, 29);
// 2026-11-28 23:30 UTC = 29 Nov 07:30 in Ulaanbaatar (UTC+8) = 28 Nov 18:30 in New York (UTC-5).
const tumen::Timestamp at_0730_ub = tumen::start_of_day(nov29) - 30 * 60;

int64_t activity_digest_schedule(httplib::Client& c, int64_t lead, int64_t user, tumen::DayNumber due, const std::string& summary) {
    auto r = post_json(c, "/api/v1/leads/" + std::to_string(lead) + "/activities",
                       {{"type_id", 1}, {"user_id", user}, {"due_date", tumen::format_date(due)}, {"summary", summary}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["id"].get<int64_t>();
}

int send_due(MailWorld& w, tumen::Timestamp now, std::vector<std::string>* log = nullptr) {
    return w.server.app->activity_digest().send_due(now, [&](std::string line) {
        if (log) log->push_back(std::move(line));
    });
}

std::vector<std::string> digests_to(MailWorld& w, const std::string& address) {
    std::vector<std::string> out;
    for (const auto& raw : w.sink.messages())
        if (header_of(raw, "To").find(address) != std::string::npos) out.push_back(raw);
    return out;
}

}  // namespace

TEST_CASE("activity digest: once per local day from the digest hour, overdue and today only") {
    MailWorld w;
    w.use_sink();
    const int64_t ub = create_user(w.server, "saraa", "sales_all",
                                   {{"email", "saraa@tumen.mn"}, {"tz", "Asia/Ulaanbaatar"}, {"lang", "mn"}})["id"];
    const int64_t ny = create_user(w.server, "john", "sales_all",
                                   {{"email", "john@tumen.mn"}, {"tz", "America/New_York"}, {"lang", "en"}})["id"];
    const int64_t quiet = create_user(w.server, "quiet", "sales_all", {{"email", "quiet@tumen.mn"}})["id"];
    const int64_t lead = w.lead("Говь ХХК-ийн тендер");
    activity_digest_schedule(w.server.client, lead, ub, nov29 - 3, "Үнийн санал илгээх");
    activity_digest_schedule(w.server.client, lead, ub, nov29, "Залгах");
    activity_digest_schedule(w.server.client, lead, ub, nov29 + 4, "Дараа долоо хоног");
    activity_digest_schedule(w.server.client, lead, ny, nov29 - 1, "Follow up");  // 28 Nov is still today in New York
    activity_digest_schedule(w.server.client, lead, quiet, nov29 + 10, "Much later");

    // 06:30 in Ulaanbaatar: before its digest hour (7); New York is past it (13:30 there).
    CHECK(send_due(w, at_0730_ub - 3600) == 1);
    CHECK(send_due(w, at_0730_ub) == 1);  // now Ulaanbaatar; New York already had its 28 Nov digest
    CHECK(send_due(w, at_0730_ub + 600) == 0);  // once a day
    REQUIRE(w.idle());
    REQUIRE(eventually([&] { return w.sink.messages().size() == 2; }));

    const auto to_ub = digests_to(w, "saraa@tumen.mn");
    REQUIRE(to_ub.size() == 1);
    Parsed p(to_ub[0]);
    REQUIRE(p.msg);
    CHECK(decoded_header_per_word(header_of(to_ub[0], "Subject")) == "2026-11-29-ны ажлууд: хугацаа хэтэрсэн 1, өнөөдөр 1");
    const std::string body = message_text(p.msg);
    CHECK(body.find("Говь ХХК-ийн тендер") != std::string::npos);
    CHECK(body.find("Үнийн санал илгээх (хугацаа 2026-11-26, 3 хоног хоцорсон)") != std::string::npos);
    CHECK(body.find("Залгах") != std::string::npos);
    CHECK(body.find("Дараа долоо хоног") == std::string::npos);

    const auto to_ny = digests_to(w, "john@tumen.mn");
    REQUIRE(to_ny.size() == 1);
    CHECK(decoded_header_per_word(header_of(to_ny[0], "Subject")) == "Your activities for 2026-11-28: 0 overdue, 1 today");
    CHECK(digests_to(w, "quiet@tumen.mn").empty());  // nothing due: no mail

    // The next local day brings the next digest.
    CHECK(send_due(w, at_0730_ub + 86400) == 2);
}

TEST_CASE("activity digest: opting out, hidden leads and a missing sender") {
    MailWorld w;
    const int64_t team = insert_team(w.server, "Хангай");
    const int64_t own = create_user(w.server, "own", "sales_own",
                                    {{"email", "own@tumen.mn"}, {"tz", "UTC"}, {"team_ids", {team}}})["id"];
    const int64_t other = create_user(w.server, "other", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t hidden = w.lead("Нууц");
    REQUIRE(patch_json(w.server.client, "/api/v1/leads/" + std::to_string(hidden),
                       {{"user_id", other}, {"team_id", team}, {"version", 1}})->status == 200);
    activity_digest_schedule(w.server.client, hidden, own, nov29, "Үл харагдах");
    const tumen::Timestamp noon = tumen::start_of_day(nov29) + 12 * 3600;

    SUBCASE("a lead the user may not see stays out of their digest") {
        w.use_sink();
        CHECK(send_due(w, noon) == 0);
        const int64_t visible = w.lead("Нээлттэй");
        REQUIRE(patch_json(w.server.client, "/api/v1/leads/" + std::to_string(visible),
                           {{"user_id", own}, {"team_id", team}, {"version", 1}})->status == 200);
        activity_digest_schedule(w.server.client, visible, own, nov29, "Харагдах");
        CHECK(send_due(w, noon + 60) == 0);  // that day's digest is done: nothing was due then
        CHECK(send_due(w, noon + 86400) == 1);
        REQUIRE(eventually([&] { return w.sink.messages().size() == 1; }));
        Parsed p(w.sink.messages()[0]);
        const std::string body = message_text(p.msg);
        CHECK(body.find("Харагдах") != std::string::npos);
        CHECK(body.find("Үл харагдах") == std::string::npos);
    }
    SUBCASE("no sender: nothing is marked sent, the job log says why, the digest goes once one is set") {
        const int64_t visible = w.lead("Нээлттэй");
        REQUIRE(patch_json(w.server.client, "/api/v1/leads/" + std::to_string(visible),
                           {{"user_id", own}, {"team_id", team}, {"version", 1}})->status == 200);
        activity_digest_schedule(w.server.client, visible, own, nov29, "Харагдах");
        std::vector<std::string> log;
        CHECK(send_due(w, noon, &log) == 0);
        REQUIRE(log.size() == 1);
        CHECK(log[0].find("no e-mail sender") != std::string::npos);
        w.use_sink();
        CHECK(send_due(w, noon + 60) == 1);
    }
    SUBCASE("the user opts out in their account, and back in") {
        w.use_sink();
        const int64_t visible = w.lead("Нээлттэй");
        REQUIRE(patch_json(w.server.client, "/api/v1/leads/" + std::to_string(visible),
                           {{"user_id", own}, {"team_id", team}, {"version", 1}})->status == 200);
        activity_digest_schedule(w.server.client, visible, own, nov29, "Харагдах");
        auto session = sign_in(w.server, "own");
        auto bad = patch_json(*session.client, "/api/v1/account", {{"activity_digest", "no"}});
        REQUIRE(bad);
        CHECK(bad->status == 422);
        CHECK(body_of(bad)["error"]["field"] == "activity_digest");
        auto off = patch_json(*session.client, "/api/v1/account", {{"activity_digest", false}});
        REQUIRE(off);
        REQUIRE_MESSAGE(off->status == 200, off->body);
        CHECK(body_of(off)["activity_digest"] == false);
        CHECK(send_due(w, noon) == 0);
        REQUIRE(patch_json(*session.client, "/api/v1/account", {{"activity_digest", true}})->status == 200);
        CHECK(send_due(w, noon + 60) == 1);
    }
}
