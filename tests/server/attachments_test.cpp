// Attachments on leads and contacts over real HTTP: stored once per content hash, type sniffed, name
// sanitised, size capped, and only for records the caller can see.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "io_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;
namespace fs = std::filesystem;

namespace {
void attachments_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }

const std::string png = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) + std::string(200, '\x07');

int64_t create(IoSession& s, const std::string& path, const json& body) {
    auto r = s.post_json(path, body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return json::parse(r->body)["id"].get<int64_t>();
}

httplib::Result attach(IoSession& s, const std::string& path, const std::string& content, const std::string& name,
                       const std::string& type = "application/pdf") {
    return s.post_multipart(path, {{"file", content, name, type}});
}

fs::path stored(TestServer& s, const std::string& sha) {
    return fs::path(s.app->config().data_dir) / "attachments" / sha.substr(0, 2) / sha;
}
}  // namespace

TEST_CASE("upload, list, download and delete; the type comes from the bytes, the name is made safe") {
    TestServer s(attachments_seeded_config);
    IoSession admin(s);
    const int64_t lead = create(admin, "/api/v1/leads", {{"name", "Өргөө зочид буудал"}});
    const std::string base = "/api/v1/leads/" + std::to_string(lead) + "/attachments";

    auto r = attach(admin, base, png, "../../etc/Гэрээ №5.pdf");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    auto a = json::parse(r->body);
    CHECK(a["name"] == "Гэрээ №5.pdf");
    CHECK(a["mimetype"] == "image/png");  // not the client's application/pdf
    CHECK(a["size"] == png.size());
    CHECK(a["res_model"] == "lead");
    CHECK(a["res_id"] == lead);
    const std::string sha = a["sha256"];
    CHECK(sha.size() == 64);
    CHECK(fs::file_size(stored(s, sha)) == png.size());
    CHECK(r->get_header_value("Location") == "/api/v1/attachments/" + std::to_string(a["id"].get<int64_t>()));

    auto list = json_of(admin.get(base));
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["id"] == a["id"]);

    const std::string file_path = "/api/v1/attachments/" + std::to_string(a["id"].get<int64_t>());
    auto d = admin.get(file_path);
    REQUIRE(d);
    REQUIRE(d->status == 200);
    CHECK(d->body == png);
    CHECK(d->get_header_value("Content-Type") == "image/png");
    const std::string disposition = d->get_header_value("Content-Disposition");
    CHECK(disposition.rfind("attachment;", 0) == 0);
    // An ASCII fallback and the UTF-8 name; cpp-httplib 0.11's client percent-decodes header values it receives.
    CHECK(disposition.rfind("attachment; filename=\"_____ _5.pdf\"; filename*=UTF-8''", 0) == 0);
    CHECK((disposition.find("''%D0%93%D1%8D%D1%80%D1%8D%D1%8D%20%E2%84%965.pdf") != std::string::npos ||
           disposition.find("''Гэрээ №5.pdf") != std::string::npos));
    CHECK(d->get_header_value("X-Content-Type-Options") == "nosniff");

    // The same bytes on another lead: a second row, one file.
    const int64_t other = create(admin, "/api/v1/leads", {{"name", "Үүрцайх"}});
    auto r2 = attach(admin, "/api/v1/leads/" + std::to_string(other) + "/attachments", png, "copy.png");
    REQUIRE(r2);
    REQUIRE(r2->status == 201);
    CHECK(json::parse(r2->body)["sha256"] == sha);
    size_t files = 0;
    for (const auto& f : fs::recursive_directory_iterator(fs::path(s.app->config().data_dir) / "attachments"))
        files += f.is_regular_file();
    CHECK(files == 1);

    // Deleting one keeps the file for the other; deleting the last removes it.
    CHECK(admin.del(file_path)->status == 204);
    CHECK(admin.get(file_path)->status == 404);
    CHECK(fs::exists(stored(s, sha)));
    CHECK(admin.del("/api/v1/attachments/" + std::to_string(json::parse(r2->body)["id"].get<int64_t>()))->status == 204);
    CHECK_FALSE(fs::exists(stored(s, sha)));
    CHECK(json_of(admin.get(base))["items"].empty());
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE action = 'attachment_added'") == 2);
}

TEST_CASE("attachments of contacts; text files are text/plain, even HTML") {
    TestServer s(attachments_seeded_config);
    IoSession admin(s);
    const int64_t contact = create(admin, "/api/v1/contacts", {{"name", "Батбаяр Өлзий"}});
    const std::string base = "/api/v1/contacts/" + std::to_string(contact) + "/attachments";
    auto r = attach(admin, base, "<html><script>alert(1)</script></html>", "page.html", "text/html");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    CHECK(json::parse(r->body)["mimetype"] == "text/plain");
    auto d = admin.get("/api/v1/attachments/" + std::to_string(json::parse(r->body)["id"].get<int64_t>()));
    REQUIRE(d);
    CHECK(d->get_header_value("Content-Type") == "text/plain");
    CHECK(json_of(admin.get(base))["items"].size() == 1);
}

TEST_CASE("size limit, empty files, missing file part and unknown records") {
    TestServer s([](tumen::server::Config& c) {
        c.seed_reference = true;
        c.max_attachment_bytes = 1024;
    });
    IoSession admin(s);
    const int64_t lead = create(admin, "/api/v1/leads", {{"name", "Том файл"}});
    const std::string base = "/api/v1/leads/" + std::to_string(lead) + "/attachments";
    auto big = attach(admin, base, std::string(4096, 'x'), "big.txt");
    REQUIRE(big);
    CHECK(big->status == 413);
    auto huge = attach(admin, base, std::string(200 * 1024, 'x'), "huge.txt");
    REQUIRE(huge);
    CHECK(huge->status == 413);
    auto empty = attach(admin, base, "", "empty.txt");
    REQUIRE(empty);
    CHECK(empty->status == 422);
    auto no_part = admin.post_multipart(base, {{"other", "x", "", ""}});
    REQUIRE(no_part);
    CHECK(no_part->status == 422);
    auto raw = admin.client->Post(base, "just bytes", "application/octet-stream");
    REQUIRE(raw);
    CHECK(raw->status == 422);
    auto unknown = attach(admin, "/api/v1/leads/999999/attachments", "hi", "a.txt");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(count_rows(s, "SELECT count(*) FROM attachments") == 0);
}

TEST_CASE("only records the caller can see: others' lead attachments are 404 for a sales_own user") {
    TestServer s(attachments_seeded_config);
    IoSession admin(s);
    make_user(admin, "own", "sales_own");
    const int64_t lead = create(admin, "/api/v1/leads", {{"name", "Админы сэжим"}});
    const std::string base = "/api/v1/leads/" + std::to_string(lead) + "/attachments";
    auto r = attach(admin, base, "нууц гэрээ", "нууц.txt");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const std::string file_path = "/api/v1/attachments/" + std::to_string(json::parse(r->body)["id"].get<int64_t>());

    IoSession own(s.app->port(), "own", io_password);
    CHECK(own.get(base)->status == 404);
    CHECK(own.get(file_path)->status == 404);
    CHECK(own.del(file_path)->status == 404);
    auto up = attach(own, base, "x", "x.txt");
    REQUIRE(up);
    CHECK(up->status == 404);
    CHECK(admin.get(file_path)->status == 200);

    // Their own lead works.
    const int64_t mine = create(own, "/api/v1/leads", {{"name", "Миний сэжим"}});
    auto ok = attach(own, "/api/v1/leads/" + std::to_string(mine) + "/attachments", "миний файл", "файл.txt");
    REQUIRE(ok);
    CHECK(ok->status == 201);
}

TEST_CASE("attachments of deleted records and unfinished uploads are purged") {
    TestServer s(attachments_seeded_config);
    IoSession admin(s);
    const int64_t lead = create(admin, "/api/v1/leads", {{"name", "Устах сэжим"}});
    auto r = attach(admin, "/api/v1/leads/" + std::to_string(lead) + "/attachments", "устах файл", "a.txt");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const std::string sha = json::parse(r->body)["sha256"];
    const auto stray = stored(s, sha).parent_path() / ".tmp-123";
    { std::ofstream(stray) << "half"; }
    REQUIRE(admin.del("/api/v1/leads/" + std::to_string(lead))->status == 204);
    // The deleted lead's file goes with it; the start-up purge only finds the unfinished upload.
    CHECK_FALSE(fs::exists(stored(s, sha)));
    CHECK(count_rows(s, "SELECT count(*) FROM attachments") == 0);
    CHECK(s.app->attachments().purge_orphans() == 1);
    CHECK_FALSE(fs::exists(stray));
}

TEST_CASE("deleting a lead or contact removes its attachments at once, keeping files other records still use") {
    TestServer s(attachments_seeded_config);
    IoSession admin(s);
    const int64_t first = create(admin, "/api/v1/leads", {{"name", "Эхний хүсэлт"}});
    const int64_t second = create(admin, "/api/v1/leads", {{"name", "Хоёр дахь хүсэлт"}});
    const int64_t contact = create(admin, "/api/v1/contacts", {{"name", "Ганбаатар"}});
    auto a = attach(admin, "/api/v1/leads/" + std::to_string(first) + "/attachments", "нийтлэг агуулга", "a.txt");
    auto b = attach(admin, "/api/v1/leads/" + std::to_string(second) + "/attachments", "нийтлэг агуулга", "b.txt");
    auto own = attach(admin, "/api/v1/contacts/" + std::to_string(contact) + "/attachments", "зөвхөн харилцагчийн", "c.txt");
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(own);
    REQUIRE(a->status == 201);
    REQUIRE(b->status == 201);
    REQUIRE(own->status == 201);
    const std::string shared_sha = json::parse(a->body)["sha256"];
    const std::string contact_sha = json::parse(own->body)["sha256"];
    REQUIRE(json::parse(b->body)["sha256"] == shared_sha);

    REQUIRE(admin.del("/api/v1/leads/" + std::to_string(first))->status == 204);
    CHECK(count_rows(s, "SELECT count(*) FROM attachments WHERE res_model = 'lead' AND res_id = " + std::to_string(first)) == 0);
    CHECK(fs::exists(stored(s, shared_sha)));  // the second lead still names the same content
    auto still = admin.get("/api/v1/attachments/" + std::to_string(json::parse(b->body)["id"].get<int64_t>()));
    REQUIRE(still);
    CHECK(still->status == 200);

    REQUIRE(admin.del("/api/v1/leads/" + std::to_string(second))->status == 204);
    CHECK_FALSE(fs::exists(stored(s, shared_sha)));

    REQUIRE(admin.del("/api/v1/contacts/" + std::to_string(contact))->status == 204);
    CHECK_FALSE(fs::exists(stored(s, contact_sha)));
    CHECK(count_rows(s, "SELECT count(*) FROM attachments") == 0);
    CHECK(s.app->attachments().purge_orphans() == 0);  // nothing left for the start-up sweep
}
