// CSV import over real HTTP: a job that runs in the background, with the same side tables as the API.
#include <doctest/doctest.h>

#include "io_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
void import_csv_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }

const std::string mongolian_leads =
    "Нэр,Имэйл,Утас,Компани,Орлого,Магадлал,Хот,Тайлбар\r\n"
    "Өргөө зочид буудал,bat@orgoo.mn,+976 9911-2233,Өргөө ХХК,1 500 000,35,Улаанбаатар,\"Хоёр мөр\r\nтэмдэглэл\"\r\n"
    "Үүрцайх сүлжээ,uur@tsaikh.mn,88112233,Үүрцайх ХК,\"2,000,000.50\",50 %,Дархан,\r\n"
    "Говийн өндөр,gobi@undur.mn,,Говь ХК,,,Сайншанд,\r\n";
}  // namespace

TEST_CASE("an import of Mongolian leads returns a job at once and lands like API-created leads") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    auto r = admin.post_csv("/api/v1/imports", mongolian_leads);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 202, r->body);
    auto queued = json::parse(r->body);
    CHECK(r->get_header_value("Location") == "/api/v1/imports/" + std::to_string(queued["id"].get<int64_t>()));
    CHECK((queued["state"] == "queued" || queued["state"] == "running"));
    CHECK(queued["entity"] == "lead");

    auto job = wait_job(admin, queued["id"]);
    CHECK(job["state"] == "done");
    CHECK(job["total_rows"] == 3);
    CHECK(job["done_rows"] == 3);
    CHECK(job["created"] == 3);
    CHECK(job["failed"] == 0);
    CHECK(job["mapping"][0]["field"] == "name");
    CHECK(job["mapping"][4]["field"] == "expected_revenue");
    CHECK(job["rows_per_second"].is_number());

    // Full-text search (folded Cyrillic) finds imported leads: leads_fts was written as by the API.
    auto found = json_of(admin.get("/api/v1/leads?q=" + url_encode("өргөө")));
    REQUIRE(found["items"].size() == 1);
    const auto& lead = found["items"][0];
    CHECK(lead["name"] == "Өргөө зочид буудал");
    CHECK(lead["partner_name"] == "Өргөө ХХК");
    CHECK(lead["expected_revenue"] == json({{"amount", 150000000}, {"currency", "MNT"}}));
    CHECK(lead["probability"] == 35);
    CHECK(lead["city"] == "Улаанбаатар");
    CHECK(lead["description"] == "Хоёр мөр\nтэмдэглэл");
    CHECK(lead["stage_id"].is_number());  // the default pipeline's first stage, as POST /leads does
    CHECK(json_of(admin.get("/api/v1/leads?q=" + url_encode("ҮҮРЦАЙХ")))["items"].size() == 1);
    auto second = json_of(admin.get("/api/v1/leads?q=" + url_encode("үүрцайх")))["items"][0];
    CHECK(second["expected_revenue"]["amount"] == 200000050);

    // Folded and normalised columns, one change-log event for the batch (not one per row).
    CHECK(count_rows(s, "SELECT count(*) FROM leads WHERE email_norm = 'bat@orgoo.mn' AND name_fold = 'өргөө зочид буудал'") == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == 3);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE entity = 'import' AND action = 'batch'") == 1);
}

TEST_CASE("multipart upload: the file part plus options as parts, and a mapping by header") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    const std::string csv = "Гарчиг;Хүн;Мэйл хаяг;Хог\nТалх үйлдвэр;Дорж;dorj@talkh.mn;x\n";
    httplib::MultipartFormDataItems items = {
        {"file", csv, "харилцагч.csv", "text/csv"},
        {"delimiter", ";", "", ""},
        {"mapping", json({{"Гарчиг", "name"}, {"Хүн", "contact_name"}, {"Мэйл хаяг", "email"}}).dump(), "", ""},
    };
    auto r = admin.post_multipart("/api/v1/imports", items);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 202, r->body);
    auto job = wait_job(admin, json::parse(r->body)["id"]);
    CHECK(job["state"] == "done");
    CHECK(job["created"] == 1);
    CHECK(job["file_name"] == "харилцагч.csv");
    CHECK(job["mapping"][3]["field"].is_null());
    auto lead = json_of(admin.get("/api/v1/leads?q=talkh"))["items"][0];
    CHECK(lead["contact_name"] == "Дорж");
    CHECK(lead["email"] == "dorj@talkh.mn");
}

TEST_CASE("preview: suggested mapping, the first rows read as values, and the problems found") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    std::string csv = "Нэр,Имэйл,Магадлал,Гутлын размер\n";
    for (int i = 0; i < 30; ++i) csv += "Сэжим " + std::to_string(i) + ",s" + std::to_string(i) + "@x.mn,40,42\n";
    csv += "богино мөр\n";
    csv += "Муу имэйл,not-an-email,200,1\n";
    auto r = admin.post_csv("/api/v1/imports/preview", csv);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    auto p = json::parse(r->body);
    CHECK(p["headers"] == json({"Нэр", "Имэйл", "Магадлал", "Гутлын размер"}));
    CHECK(p["suggested_mapping"][1]["field"] == "email");
    CHECK(p["suggested_mapping"][3]["field"].is_null());
    CHECK(p["rows"].size() == 20);
    CHECK(p["rows"][0]["line"] == 2);
    CHECK(p["rows"][0]["values"]["probability"] == 40);
    CHECK(p["total_rows"] == 32);
    bool unmapped = false;
    for (const auto& pr : p["problems"]) unmapped |= pr["message"].get<std::string>().find("Гутлын размер") != std::string::npos;
    CHECK(unmapped);
    CHECK(p["fields"].size() > 10);
    // Nothing was written.
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM import_jobs") == 0);
}

TEST_CASE("contacts import: people are linked to their company, which is created once") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    const std::string csv =
        "Нэр,Компани,Албан тушаал,Имэйл,Утас\n"
        "Батбаяр Ганболд,Говь ХК,Захирал,bat@gobi.mn,99112233\n"
        "Өлзий Сүх,говь  хк,Нягтлан,ulzii@gobi.mn,99112244\n"
        "Үүрцайх ХК,,,info@uur.mn,\n";
    auto job = import_csv(admin, csv, {{"entity", "contact"}});
    CHECK(job["state"] == "done");
    CHECK(job["entity"] == "contact");
    CHECK(job["created"] == 3);
    CHECK(job["companies_created"] == json({"Говь ХК"}));
    CHECK(count_rows(s, "SELECT count(*) FROM contacts WHERE is_company = 1 AND name = 'Говь ХК'") == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM contacts c JOIN contacts p ON p.id = c.parent_id WHERE p.name = 'Говь ХК'") == 2);
    CHECK(count_rows(s, "SELECT count(*) FROM contacts_fts") == 4);
}

TEST_CASE("import jobs are listed for their owner; other users get 404, portal users 403") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    make_user(admin, "saraa", "sales_all");
    make_user(admin, "portal1", "portal");
    IoSession saraa(s.app->port(), "saraa", io_password);
    auto mine = import_csv(saraa, "Name\nСараагийн сэжим\n");
    CHECK(mine["created"] == 1);
    const std::string path = "/api/v1/imports/" + std::to_string(mine["id"].get<int64_t>());
    auto list = json_of(saraa.get("/api/v1/imports"));
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["id"] == mine["id"]);

    make_user(admin, "dorj", "sales_all");
    IoSession dorj(s.app->port(), "dorj", io_password);
    CHECK(dorj.get(path)->status == 404);
    CHECK(dorj.get(path + "/errors.csv")->status == 404);
    CHECK(json_of(dorj.get("/api/v1/imports"))["items"].empty());
    CHECK(admin.get(path)->status == 200);  // administrators see every job

    IoSession portal(s.app->port(), "portal1", io_password);
    auto denied = portal.post_csv("/api/v1/imports", "Name\nx\n");
    REQUIRE(denied);
    CHECK(denied->status == 403);
}

TEST_CASE("a finished job cannot be cancelled; a queued one can") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    auto done = import_csv(admin, "Name\nA\n");
    auto r = admin.post_json("/api/v1/imports/" + std::to_string(done["id"].get<int64_t>()) + "/cancel", json::object());
    REQUIRE(r);
    CHECK(r->status == 409);
}

TEST_CASE("stopping the server cancels a running all-or-nothing import: nothing of it is kept") {
    TestServer s(import_csv_seeded_config);
    IoSession admin(s);
    std::string csv = "Нэр,Имэйл\n";
    for (int i = 0; i < 60000; ++i) csv += "Сэжим " + std::to_string(i) + ",s" + std::to_string(i) + "@x.mn\n";
    auto r = admin.post_csv(with_query("/api/v1/imports", {{"mode", "all_or_nothing"}}), csv);
    REQUIRE(r);
    REQUIRE(r->status == 202);
    const int64_t id = json::parse(r->body)["id"];
    for (int i = 0; i < 500; ++i) {
        auto j = json_of(admin.get("/api/v1/imports/" + std::to_string(id)));
        if (j["state"] != "queued" && j["done_rows"].get<int64_t>() > 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    s.app->stop();  // joins the import worker
    auto st = s.app->db().reader().prepare_uncached("SELECT state FROM import_jobs WHERE id = ?");
    st.bind(1, id);
    REQUIRE(st.step());
    const std::string state = st.get_text(0);
    CHECK((state == "cancelled" || state == "done"));
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == (state == "done" ? 60000 : 0));
}
