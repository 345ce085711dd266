// Online backups: POST /admin/backup writes a consistent copy while the server writes; it can be listed and
// downloaded by administrators only, and the copy is a whole database.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "io_helpers.hpp"
#include "services/backup_service.hpp"
#include "store/leads.hpp"
#include "store/sqlite.hpp"

using nlohmann::json;
using namespace tumen::testing;
namespace fs = std::filesystem;

namespace {
void backup_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }

int64_t backup_scalar(tumen::store::Connection& c, const std::string& sql) { return c.prepare_uncached(sql).scalar_int(); }

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("backup endpoint: a named copy in data/backups, listed, downloadable, administrators only") {
    TestServer s(backup_seeded_config);
    IoSession admin(s);
    REQUIRE(import_csv(admin, "Нэр,Имэйл\nӨргөө,o@x.mn\nҮүрцайх,u@x.mn\n")["created"] == 2);

    auto r = admin.post_json("/api/v1/admin/backup", json::object());
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    auto b = json::parse(r->body);
    const std::string name = b["name"];
    CHECK(name.rfind("tumen-", 0) == 0);
    CHECK(name.size() == std::string("tumen-20261127T133000Z.db").size());
    const fs::path file = fs::path(s.app->config().data_dir) / "backups" / name;
    REQUIRE(fs::exists(file));
    CHECK(b["size"] == fs::file_size(file));

    {
        tumen::store::Connection copy(file.string(), true);
        CHECK(backup_scalar(copy, "SELECT count(*) FROM leads") == 2);
        CHECK(backup_scalar(copy, "SELECT count(*) FROM leads WHERE name = 'Өргөө'") == 1);
    }

    auto second = admin.post_json("/api/v1/admin/backup", json::object());
    REQUIRE(second);
    REQUIRE(second->status == 201);
    CHECK(json::parse(second->body)["name"] != name);  // two in one second get distinct names
    auto list = json_of(admin.get("/api/v1/admin/backups"));
    CHECK(list["items"].size() == 2);

    auto d = admin.get("/api/v1/admin/backups/" + name);
    REQUIRE(d);
    REQUIRE(d->status == 200);
    CHECK(d->body == read_file(file));
    CHECK(d->get_header_value("Content-Disposition").find(name) != std::string::npos);
    CHECK(admin.get("/api/v1/admin/backups/tumen.db")->status == 404);
    CHECK(admin.get("/api/v1/admin/backups/..%2Ftumen.db")->status == 404);

    make_user(admin, "manager1", "manager");
    IoSession manager(s.app->port(), "manager1", io_password);
    CHECK(manager.post_json("/api/v1/admin/backup", json::object())->status == 403);
    CHECK(manager.get("/api/v1/admin/backups/" + name)->status == 403);
}

TEST_CASE("a backup taken while writers commit is a consistent snapshot") {
    TestServer s(backup_seeded_config);
    auto& db = s.app->db();
    std::atomic<bool> stop{false};
    std::atomic<int> commits{0};
    // Each transaction adds two leads (with their full-text rows): any copy must hold an even number of
    // leads and exactly one index row per lead, or it caught a transaction half-way.
    std::thread writer([&] {
        int n = 0;
        while (!stop) {
            db.write([&](tumen::store::Connection& c) {
                for (int k = 0; k < 2; ++k) {
                    tumen::Lead l;
                    l.name = "Сэжим " + std::to_string(n++);
                    l.email = "w" + std::to_string(n) + "@x.mn";
                    l.create_date = l.write_date = 1800000000;
                    tumen::store::insert_lead(c, l);
                }
            });
            ++commits;
        }
    });
    while (commits < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::vector<std::string> names;
    for (int i = 0; i < 5; ++i) {
        auto b = s.app->backups().create();
        REQUIRE_MESSAGE(b.ok(), b.error().message);
        names.push_back(b->name);
    }
    stop = true;
    writer.join();
    CHECK(commits > 20);
    int64_t last = -1;
    for (const auto& name : names) {
        tumen::store::Connection copy((fs::path(s.app->backups().folder()) / name).string(), true);
        auto check = copy.prepare_uncached("PRAGMA integrity_check");
        REQUIRE(check.step());
        CHECK(check.get_text(0) == "ok");
        const int64_t leads = backup_scalar(copy, "SELECT count(*) FROM leads");
        CHECK(leads % 2 == 0);
        CHECK(backup_scalar(copy, "SELECT count(*) FROM leads_fts") == leads);
        CHECK(leads >= last);  // later backups never go back in time
        last = leads;
    }
    CHECK(last > 0);
}

TEST_CASE("backup_database refuses to overwrite a file") {
    TestServer s(backup_seeded_config);
    const fs::path target = s.dir / "mine.db";
    auto first = tumen::server::backup_database(s.app->db(), target.string());
    REQUIRE(first.ok());
    CHECK(first->size > 0);
    auto again = tumen::server::backup_database(s.app->db(), target.string());
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == tumen::ErrorCode::conflict);
}
