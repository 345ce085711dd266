// Bad CSV input: per-file errors at once (encoding, binary junk, size), per-row errors in the report, and
// nothing half-imported unless the user chose "import valid rows".
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>

#include "io_helpers.hpp"
#include "tumen/csv.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
void import_bad_input_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }

std::string junk(std::size_t n) {
    std::string out(n, '\0');
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::memcpy(&out[i], &x, 8);
    }
    return out;
}

std::string utf16le_with_bom(const std::u16string& s) {
    std::string out = "\xFF\xFE";
    for (char16_t c : s) {
        out += static_cast<char>(c & 0xFF);
        out += static_cast<char>(c >> 8);
    }
    return out;
}

int64_t lead_count(TestServer& s) { return count_rows(s, "SELECT count(*) FROM leads"); }
}  // namespace

TEST_CASE("ragged rows are reported with their line numbers; the other rows are imported") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    const std::string csv =
        "Нэр,Имэйл,Утас\n"
        "Өргөө,o@orgoo.mn,99112233\n"
        "Богино,b@x.mn\n"
        "\"Олон\nмөртэй\",m@x.mn,88112233\n"
        "Урт,u@x.mn,77,нэмэлт,талбар\n"
        "Сүүлийн,s@x.mn,66112233\n";
    auto job = import_csv(admin, csv);
    CHECK(job["state"] == "done");
    CHECK(job["total_rows"] == 5);
    CHECK(job["created"] == 3);
    CHECK(job["failed"] == 2);
    REQUIRE(job["errors"].size() == 2);
    CHECK(job["errors"][0]["line"] == 3);
    CHECK(job["errors"][0]["message"] == "has 2 fields, the header has 3");
    CHECK(job["errors"][1]["line"] == 6);  // the quoted field before spans lines 4 and 5

    auto report = admin.get("/api/v1/imports/" + std::to_string(job["id"].get<int64_t>()) + "/errors.csv");
    REQUIRE(report);
    REQUIRE(report->status == 200);
    CHECK(report->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
    CHECK(report->get_header_value("Content-Disposition").find("attachment") != std::string::npos);
    auto table = tumen::csv::parse(report->body);
    REQUIRE(table.ok());
    CHECK(table->header == std::vector<std::string>{"line", "field", "column", "message", "Нэр", "Имэйл", "Утас"});
    REQUIRE(table->rows.size() == 2);
    CHECK(table->rows[0].fields[0] == "3");
    CHECK(table->rows[0].fields[4] == "Богино");
    CHECK(table->rows[1].fields[0] == "6");
}

TEST_CASE("field errors name the row, the field and the column; invalid UTF-8 names its row") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    const std::string csv =
        "Нэр,Имэйл,Магадлал\n"
        "Сайн,good@x.mn,10\n"
        "Муу имэйл,not-an-email,10\n"
        "Муу магадлал,p@x.mn,150\n"
        "Эвдэрсэн \xD0,e@x.mn,10\n";
    auto job = import_csv(admin, csv);
    CHECK(job["created"] == 1);
    CHECK(job["failed"] == 3);
    const auto& e = job["errors"];
    REQUIRE(e.size() == 3);
    CHECK(e[0]["line"] == 3);
    CHECK(e[0]["field"] == "email");
    CHECK(e[0]["column"] == "Имэйл");
    CHECK(e[1]["field"] == "probability");
    CHECK(e[1]["column"] == "Магадлал");
    CHECK(e[2]["line"] == 5);
    CHECK(e[2]["message"].get<std::string>().find("UTF-8") != std::string::npos);
}

TEST_CASE("UTF-16, Windows-1251 and spreadsheets saved as .xlsx are refused for the whole file at once") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    auto utf16 = admin.post_csv("/api/v1/imports", utf16le_with_bom(u"Нэр,Имэйл\r\nӨргөө,o@x.mn\r\n"));
    REQUIRE(utf16);
    CHECK(utf16->status == 400);
    auto err = json::parse(utf16->body)["error"];
    CHECK(err["field"] == "file");
    CHECK(err["message"].get<std::string>().find("UTF-16") != std::string::npos);

    const std::string cp1251 = "\xCD\xFD\xF0,\xD3\xF2\xE0\xF1\n\xC1\xE0\xF2,9911\n\xC4\xEE\xF0\xE6,8811\n";
    auto legacy = admin.post_csv("/api/v1/imports", cp1251);
    REQUIRE(legacy);
    CHECK(legacy->status == 400);
    CHECK(json::parse(legacy->body)["error"]["message"].get<std::string>().find("Windows-1251") != std::string::npos);

    auto xlsx = admin.post_csv("/api/v1/imports/preview", std::string("PK\x03\x04", 4) + "[Content_Types].xml");
    REQUIRE(xlsx);
    CHECK(xlsx->status == 400);
    CHECK(json::parse(xlsx->body)["error"]["message"].get<std::string>().find(".xlsx") != std::string::npos);

    auto empty = admin.post_csv("/api/v1/imports", "");
    REQUIRE(empty);
    CHECK(empty->status == 400);
    CHECK(count_rows(s, "SELECT count(*) FROM import_jobs") == 0);
    CHECK(lead_count(s) == 0);
}

TEST_CASE("100 MB of junk: 413 from the body limit, and a clear file error when the limit allows it") {
    const std::string data = junk(100u << 20);
    {
        TestServer s(import_bad_input_seeded_config);
        IoSession admin(s);
        auto r = admin.post_csv("/api/v1/imports", data);
        REQUIRE(r);
        CHECK(r->status == 413);
        CHECK(json::parse(r->body)["error"]["code"] == "payload_too_large");
    }
    {
        TestServer s([](tumen::server::Config& c) {
            c.seed_reference = true;
            c.max_import_bytes = 128u << 20;
        });
        IoSession admin(s);
        auto r = admin.post_csv("/api/v1/imports", data);
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(json::parse(r->body)["error"]["message"].get<std::string>().find("binary") != std::string::npos);
        // The general limit still holds for other endpoints.
        auto big_json = admin.client->Post("/api/v1/leads", std::string(9u << 20, ' '), "application/json");
        REQUIRE(big_json);
        CHECK(big_json->status == 413);
        CHECK(lead_count(s) == 0);
    }
}

TEST_CASE("all or nothing: one bad row imports nothing, and the report lists every bad row") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    std::string csv = "Нэр,Имэйл\n";
    for (int i = 0; i < 12000; ++i) csv += "Сэжим " + std::to_string(i) + ",lead" + std::to_string(i) + "@x.mn\n";
    csv += "Муу,not-an-email\n";
    csv += "Бас муу,also bad\n";
    auto job = import_csv(admin, csv, {{"mode", "all_or_nothing"}});
    CHECK(job["state"] == "failed");
    CHECK(job["created"] == 0);
    CHECK(job["failed"] == 2);
    CHECK(job["error"].get<std::string>().find("nothing was imported") != std::string::npos);
    CHECK(job["errors"].size() == 2);
    CHECK(lead_count(s) == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE entity = 'import'") == 0);

    // The same file without the bad rows goes in whole.
    csv.resize(csv.find("Муу,"));
    auto ok = import_csv(admin, csv, {{"mode", "all_or_nothing"}});
    CHECK(ok["state"] == "done");
    CHECK(ok["created"] == 12000);
    CHECK(lead_count(s) == 12000);
}

TEST_CASE("a dry run counts what would happen and writes nothing") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    import_csv(admin, "Нэр,Имэйл\nБайгаа,here@x.mn\n");
    CHECK(lead_count(s) == 1);
    const auto changes = count_rows(s, "SELECT count(*) FROM change_log");
    auto job = import_csv(admin, "Нэр,Имэйл,Шошго\nШинэ,new@x.mn,Шинэ шошго\nБайгаа шинэчлэл,HERE@x.mn,\nМуу,bad,\nШинэ давхар,new@x.mn,\n",
                          {{"dry_run", "true"}, {"dedupe", "email"}, {"on_duplicate", "update"}});
    CHECK(job["state"] == "done");
    CHECK(job["dry_run"] == true);
    CHECK(job["created"] == 1);
    CHECK(job["updated"] == 2);  // the stored lead, and the second row with the first row's e-mail
    CHECK(job["failed"] == 1);
    CHECK(lead_count(s) == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM tags WHERE name = 'Шинэ шошго'") == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log") == changes);
    CHECK(json_of(admin.get("/api/v1/leads?q=here"))["items"][0]["name"] == "Байгаа");
}

TEST_CASE("bad options and mappings are 422 at once; an unterminated quote fails only its row") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    auto r = admin.post_csv(with_query("/api/v1/imports", {{"entity", "deal"}, {"mode", "some"}}), "Name\nx\n");
    REQUIRE(r);
    CHECK(r->status == 422);
    CHECK(json::parse(r->body)["error"]["details"].size() == 2);

    r = admin.post_csv(with_query("/api/v1/imports", {{"mapping", R"({"Name":"salary"})"}}), "Name\nx\n");
    REQUIRE(r);
    CHECK(r->status == 422);

    r = admin.post_csv("/api/v1/imports", "Гутлын размер\n42\n");
    REQUIRE(r);
    REQUIRE(r->status == 202);
    auto unmapped = wait_job(admin, json::parse(r->body)["id"]);
    CHECK(unmapped["state"] == "failed");
    CHECK(unmapped["error"].get<std::string>().find("mapping") != std::string::npos);

    r = admin.post_multipart("/api/v1/imports", {{"entity", "lead", "", ""}});
    REQUIRE(r);
    CHECK(r->status == 422);

    auto job = import_csv(admin, "Нэр,Имэйл\nЭхний,a@x.mn\n\"Хаагдаагүй,b@x.mn\nгурав,c@x.mn\n");
    CHECK(job["created"] == 1);
    CHECK(job["failed"] == 1);
    CHECK(job["errors"][0]["line"] == 3);
    CHECK(job["errors"][0]["message"].get<std::string>().find("never closed") != std::string::npos);
}

TEST_CASE("imports respect the caller's record rules: no update of a lead the caller cannot see") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    const int64_t own_id = make_user(admin, "own", "sales_own");
    auto created = admin.post_json("/api/v1/leads", {{"name", "Админы сэжим"}, {"email", "secret@x.mn"}, {"user_id", nullptr}});
    REQUIRE(created);
    REQUIRE(created->status == 201);

    IoSession own(s.app->port(), "own", io_password);
    auto job = import_csv(own, "Нэр,Имэйл,Утас\nМиний хувилбар,secret@x.mn,99001122\n",
                          {{"dedupe", "email"}, {"on_duplicate", "update"}});
    CHECK(job["state"] == "done");
    CHECK(job["updated"] == 0);
    CHECK(job["created"] == 1);
    auto admins = json_of(admin.get("/api/v1/leads/" + std::to_string(json::parse(created->body)["id"].get<int64_t>())));
    CHECK(admins["name"] == "Админы сэжим");
    CHECK(admins["phone"] == "");
    auto mine = json_of(own.get("/api/v1/leads"))["items"];
    REQUIRE(mine.size() == 1);
    CHECK(mine[0]["user_id"] == own_id);  // the caller's own lead, as POST /leads makes it

    // Tags: only managers may create new ones through an import.
    auto tagged = import_csv(own, "Нэр,Шошго\nШошготой,Огт байхгүй шошго\n");
    CHECK(tagged["failed"] == 1);
    CHECK(tagged["errors"][0]["field"] == "tags");
}

TEST_CASE("a row that passes validation but fails a database constraint is reported, its batch written again") {
    TestServer s(import_bad_input_seeded_config);
    IoSession admin(s);
    // A constraint the validation cannot know about: at most one lead in this city.
    s.app->db().write([](tumen::store::Connection& c) {
        c.exec("CREATE UNIQUE INDEX test_one_per_city ON leads(city) WHERE city = 'Ганц хот'");
    });
    const std::string csv =
        "Нэр,Хот,Шошго\n"
        "Эхний,Ганц хот,Шинэ шошго\n"
        "Хоёр дахь,Ганц хот,Шинэ шошго\n"
        "Гурав дахь,Дархан,Өөр шошго\n";
    auto job = import_csv(admin, csv);
    CHECK(job["state"] == "done");
    CHECK(job["created"] == 2);
    CHECK(job["failed"] == 1);
    REQUIRE(job["errors"].size() == 1);
    CHECK(job["errors"][0]["line"] == 3);
    CHECK(job["errors"][0]["field"] == "city");
    CHECK(lead_count(s) == 2);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == 2);  // nothing half-written
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts f JOIN leads l ON l.id = f.rowid") == 2);
    CHECK(count_rows(s, "SELECT count(*) FROM tags WHERE name IN ('Шинэ шошго', 'Өөр шошго')") == 2);
    CHECK(job["tags_created"].size() == 2);

    auto all = import_csv(admin, "Нэр,Хот\nДөрөв,Дархан\nТав,Ганц хот\n", {{"mode", "all_or_nothing"}});
    CHECK(all["state"] == "failed");
    CHECK(all["failed"] == 1);
    CHECK(lead_count(s) == 2);
}
