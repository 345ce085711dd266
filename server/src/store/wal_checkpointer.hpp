// Checkpoints the writer's WAL on a thread of its own. SQLite's automatic checkpoint runs inside the COMMIT that
// takes the WAL past 1,000 pages, on the committing thread: reading the WAL back, writing the database file and
// two fsyncs (a 5,000-lead import batch paid one every commit: ~6.5 % of the import thread's CPU, bench/README.md).
// Here the writer's commit only wakes this thread, which runs a PASSIVE checkpoint (it never blocks the writer
// or readers). Should the WAL still grow past a bound (the thread starved), the commit checkpoints itself, as before.
#pragma once
#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace tumen::store {

class WalCheckpointer {
public:
    // Takes over `writer`'s automatic checkpoint (its WAL hook); checkpoints through its own connection to `path`.
    WalCheckpointer(const std::string& path, sqlite3* writer);
    ~WalCheckpointer();  // stops the thread and gives the writer SQLite's automatic checkpoint back
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    static constexpr int wake_frames = 1000;    // SQLite's default wal_autocheckpoint
    static constexpr int inline_frames = 16000; // ~64 MB of 4 KB pages: the writer checkpoints itself

private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
    void run();

    std::string path_;
    sqlite3* writer_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false, stop_ = false;
    std::thread thread_;
};

}  // namespace tumen::store
