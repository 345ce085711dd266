// The writer's WAL is checkpointed by a thread of its own (store/wal_checkpointer); should a commit take the WAL
// past the bound anyway, that commit checkpoints it itself before write() returns, so the WAL cannot grow without
// limit while the thread is starved.
#include <doctest/doctest.h>

#include <filesystem>

#include "jobs_helpers.hpp"
#include "store/database.hpp"
#include "store/wal_checkpointer.hpp"

using namespace tumen;
using namespace tumen::testing;

TEST_CASE("a commit that takes the WAL past the bound is checkpointed by the writer itself") {
    auto dir = make_temp_dir("tumen-wal-bound");
    // The database is ~65 MB: removed after the case however it ends.
    struct RemoveDir {
        std::filesystem::path dir;
        ~RemoveDir() { std::filesystem::remove_all(dir); }
    } remove_dir{dir};
    const auto path = dir / "wal.db";
    store::Database db(path.string());
    const auto before = std::filesystem::file_size(path);
    // One page per row (4,000-byte blobs in 4 KB pages): the commit alone puts more frames than the bound in the WAL.
    const int rows = store::WalCheckpointer::inline_frames + 200;
    db.write([&](store::Connection& c) {
        c.exec("CREATE TABLE wal_bound(b BLOB)");
        c.prepare_uncached("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                           " INSERT INTO wal_bound SELECT randomblob(4000) FROM n")
            .bind(1, rows)
            .run();
    });
    // The database file itself now holds the rows (the WAL was copied into it).
    CHECK(before < 4096 * 1000);
    CHECK(std::filesystem::file_size(path) >= static_cast<std::uintmax_t>(4096) * rows);
    CHECK(db.reader().prepare_uncached("SELECT count(*) FROM wal_bound").scalar_int() == rows);
}
