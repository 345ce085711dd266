// CSV exports: the list's search as a streamed file, record rules applied, Cyrillic intact, and a file that
// imports back.
#include <doctest/doctest.h>

#include "io_helpers.hpp"
#include "tumen/csv.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
void export_csv_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }

tumen::csv::Table parse_export(const httplib::Result& r) {
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    auto t = tumen::csv::parse(r->body);
    REQUIRE(t.ok());
    return std::move(t.value());
}

const std::string leads_csv =
    "Нэр,Холбоо барих хүн,Компани,Имэйл,Утас,Орлого,Валют,Магадлал,Хаах огноо,Шошго,Тайлбар\n"
    "Өргөө зочид буудал,Батбаяр Өлзий,Өргөө ХХК,bat@orgoo.mn,+976 9911-2233,1 500 000,MNT,35,2026-11-27,VIP,\"Үүр цайх\nхоёр мөр\"\n"
    "Үүрцайх сүлжээ,Сүхбат,Үүрцайх ХК,uur@tsaikh.mn,88112233,\"1,200.50\",USD,50,,,=cmd|' /C calc'!A0\n"
    "Говийн өндөр,Ганболд,Говь ХК,gobi@undur.mn,,,,,,,\n";
}  // namespace

TEST_CASE("CSV export: BOM, chosen fields, filter and sort like the list, Cyrillic intact") {
    TestServer s(export_csv_seeded_config);
    IoSession admin(s);
    REQUIRE(import_csv(admin, leads_csv)["created"] == 3);

    auto r = admin.get("/api/v1/leads/export.csv?fields=name,partner_name,expected_revenue,currency,probability&sort=name%20asc");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(r->get_header_value("Content-Disposition").find("leads-") != std::string::npos);
    CHECK(r->body.rfind(std::string(tumen::csv::utf8_bom), 0) == 0);
    CHECK(r->body.find("\r\n") != std::string::npos);
    auto t = parse_export(r);
    CHECK(t.header == std::vector<std::string>{"name", "partner_name", "expected_revenue", "currency", "probability"});
    REQUIRE(t.rows.size() == 3);
    // Sorted by the folded name (byte order of UTF-8: г, ү, ө).
    CHECK(t.rows[0].fields[0] == "Говийн өндөр");
    CHECK(t.rows[0].fields[2] == "0.00");
    CHECK(t.rows[1].fields == std::vector<std::string>{"Үүрцайх сүлжээ", "Үүрцайх ХК", "1200.50", "USD", "50"});
    CHECK(t.rows[2].fields == std::vector<std::string>{"Өргөө зочид буудал", "Өргөө ХХК", "1500000.00", "MNT", "35"});

    auto filtered = parse_export(admin.get("/api/v1/leads/export.csv?filter=" + url_encode("probability >= 40") + "&q=" +
                                           url_encode("ҮҮРЦАЙХ")));
    REQUIRE(filtered.rows.size() == 1);
    CHECK(filtered.rows[0].fields[0] == "Үүрцайх сүлжээ");

    // The default columns include names of the stage and tags, and the formula guard protects spreadsheet users.
    auto all = parse_export(admin.get("/api/v1/leads/export.csv?fields=name,stage,tags,description&q=" + url_encode("үүрцайх")));
    REQUIRE(all.rows.size() == 1);
    CHECK_FALSE(all.rows[0].fields[1].empty());
    CHECK(all.rows[0].fields[3] == "'=cmd|' /C calc'!A0");
}

TEST_CASE("CSV export: bad filter or unknown field is an error before anything is sent") {
    TestServer s(export_csv_seeded_config);
    IoSession admin(s);
    auto bad = admin.get("/api/v1/leads/export.csv?filter=" + url_encode("probability >>> 3"));
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(json::parse(bad->body)["error"]["field"] == "filter");
    auto unknown = admin.get("/api/v1/leads/export.csv?fields=name,salary");
    REQUIRE(unknown);
    CHECK(unknown->status == 400);
    CHECK(json::parse(unknown->body)["error"]["message"].get<std::string>().find("salary") != std::string::npos);
    auto header = admin.get("/api/v1/contacts/export.csv?header=fr");
    REQUIRE(header);
    CHECK(header->status == 400);
}

TEST_CASE("CSV export streams every page and applies the caller's record rules") {
    TestServer s(export_csv_seeded_config);
    IoSession admin(s);
    std::string csv = "Нэр,Имэйл\n";
    for (int i = 0; i < 1234; ++i) csv += "Сэжим №" + std::to_string(i) + ",l" + std::to_string(i) + "@x.mn\n";
    REQUIRE(import_csv(admin, csv)["created"] == 1234);
    auto all = parse_export(admin.get("/api/v1/leads/export.csv?fields=id,name"));
    CHECK(all.rows.size() == 1234);

    make_user(admin, "own", "sales_own");
    IoSession own(s.app->port(), "own", io_password);
    REQUIRE(import_csv(own, "Нэр\nМиний ганц сэжим\n")["created"] == 1);
    auto mine = parse_export(own.get("/api/v1/leads/export.csv?fields=name"));
    REQUIRE(mine.rows.size() == 1);
    CHECK(mine.rows[0].fields[0] == "Миний ганц сэжим");
    CHECK(parse_export(admin.get("/api/v1/leads/export.csv?fields=id")).rows.size() == 1235);
}

TEST_CASE("Cyrillic round trip: import -> export (Mongolian headers) -> import again finds every lead") {
    TestServer s(export_csv_seeded_config);
    IoSession admin(s);
    REQUIRE(import_csv(admin, leads_csv)["created"] == 3);
    auto exported = admin.get("/api/v1/leads/export.csv?header=mn&sort=id%20asc&fields=name,contact_name,partner_name,"
                              "email,phone,expected_revenue,currency,probability,date_deadline,tags,description");
    REQUIRE(exported);
    REQUIRE(exported->status == 200);
    auto t = parse_export(exported);
    CHECK(t.header[0] == "Нэр");
    CHECK(t.header[2] == "Компани");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].fields[0] == "Өргөө зочид буудал");
    CHECK(t.rows[0].fields[1] == "Батбаяр Өлзий");
    CHECK(t.rows[0].fields[8] == "2026-11-27");
    CHECK(t.rows[0].fields[10] == "Үүр цайх\nхоёр мөр");

    // The export's own headers map back without a mapping; every row is the same lead again.
    auto preview = json_of(admin.post_csv("/api/v1/imports/preview", exported->body));
    for (const auto& m : preview["mapping"]) CHECK_MESSAGE(m["field"].is_string(), m.dump());
    auto again = import_csv(admin, exported->body, {{"dedupe", "email"}, {"on_duplicate", "update"}});
    CHECK(again["state"] == "done");
    CHECK(again["failed"] == 0);
    CHECK(again["created"] == 0);
    CHECK(again["updated"] == 3);
    auto lead = json_of(admin.get("/api/v1/leads?q=" + url_encode("өргөө")))["items"][0];
    CHECK(lead["expected_revenue"] == json({{"amount", 150000000}, {"currency", "MNT"}}));
    CHECK(lead["description"] == "Үүр цайх\nхоёр мөр");
    CHECK(lead["version"] == 1);  // nothing changed, so nothing was written
    auto usd = json_of(admin.get("/api/v1/leads?q=" + url_encode("үүрцайх")))["items"][0];
    CHECK(usd["expected_revenue"] == json({{"amount", 120050}, {"currency", "USD"}}));
    CHECK(usd["description"] == "=cmd|' /C calc'!A0");  // the guard came off again
}

TEST_CASE("contacts export: company names, booleans, and the record rules of contacts") {
    TestServer s(export_csv_seeded_config);
    IoSession admin(s);
    import_csv(admin, "Нэр,Компани,Имэйл\nӨлзий,Говь ХК,u@gobi.mn\n", {{"entity", "contact"}});
    auto t = parse_export(admin.get("/api/v1/contacts/export.csv?fields=name,is_company,parent_name,email&sort=name%20asc"));
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields == std::vector<std::string>{"Говь ХК", "true", "", ""});
    CHECK(t.rows[1].fields == std::vector<std::string>{"Өлзий", "false", "Говь ХК", "u@gobi.mn"});
    make_user(admin, "portal1", "portal");
    IoSession portal(s.app->port(), "portal1", io_password);
    CHECK(parse_export(portal.get("/api/v1/contacts/export.csv")).rows.empty());
}
