// Sending a quotation: the PDF is rendered, attached and delivered to a real SMTP server (aiosmtpd); the state
// becomes sent and both chatters (quotation, opportunity) log it. Without a configured sender nothing changes.
#include <doctest/doctest.h>
#include <gmime/gmime.h>

#include "mail_helpers.hpp"
#include "mime_read.hpp"

using namespace tumen::testing;
using nlohmann::json;

TEST_CASE("send a quotation: the customer receives the PDF, state sent, both chatters log it") {
    MailWorld w;
    auto post = [&](const std::string& path, const json& body) {
        auto r = post_json(w.server.client, path, body);
        REQUIRE(r);
        return std::pair<int, json>{r->status, json::parse(r->body, nullptr, false)};
    };
    auto get = [&](const std::string& path) {
        auto r = w.server.client.Get(path);
        REQUIRE(r);
        return json::parse(r->body, nullptr, false);
    };
    const int64_t lead = w.lead("Сургуулийн компьютер", "Батбаяр Ганболд", "bat@gobi.mn");
    auto [status, q] = post("/api/v1/quotations",
                            {{"lead_id", lead},
                             {"lines", json::array({{{"description", "Ноутбук"}, {"quantity", 2}, {"price_unit", 250000000}, {"tax_bp", 1000}}})}});
    REQUIRE_MESSAGE(status == 201, q.dump());
    const std::string path = "/api/v1/quotations/" + std::to_string(q["id"].get<int64_t>());

    // No SMTP sender configured yet: 422 on "from", nothing changed.
    auto [refused_status, refused] = post(path + "/send", {{"version", q["version"]}});
    CHECK(refused_status == 422);
    CHECK(refused["error"]["field"] == "from");
    CHECK(get(path)["state"] == "draft");

    w.use_sink();
    auto [sent_status, sent] = post(path + "/send", {{"version", q["version"]}});
    REQUIRE_MESSAGE(sent_status == 200, sent.dump());
    CHECK(sent["state"] == "sent");
    CHECK(sent["sent_at"].is_string());

    REQUIRE(w.idle());
    const auto received = w.sink.messages();
    REQUIRE(received.size() == 1);
    const std::string& raw = received[0];
    CHECK(decoded_header(header_of(raw, "To")).find("bat@gobi.mn") != std::string::npos);
    const std::string number = q["number"];
    CHECK(decoded_header(header_of(raw, "Subject")).find(number) != std::string::npos);
    Parsed parsed(raw);
    REQUIRE(parsed.msg);
    GMimeObject* pdf = find_file_part(g_mime_message_get_mime_part(parsed.msg), number + ".pdf");
    REQUIRE_MESSAGE(pdf, raw.substr(0, 2000));
    const std::string bytes = part_text(pdf);
    CHECK(bytes.rfind("%PDF-", 0) == 0);
    CHECK(bytes.size() > 1000);

    for (const std::string& chatter : {path + "/messages", "/api/v1/leads/" + std::to_string(lead) + "/messages"}) {
        bool logged = false;
        const json page = get(chatter);  // kept alive for the loop
        for (const auto& m : page["items"])
            if (m["body"].get<std::string>().find("bat@gobi.mn") != std::string::npos) logged = true;
        CHECK_MESSAGE(logged, (chatter + " " + page.dump()));
    }
}
