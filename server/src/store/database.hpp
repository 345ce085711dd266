// The database file: one writer connection behind a mutex (SQLite allows one writer at a time; queueing here
// avoids busy-waiting) and one reader connection per thread (WAL: readers never block on the writer).
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "store/sqlite.hpp"

namespace tumen::store {

class WalCheckpointer;  // store/wal_checkpointer.hpp

class Database {
public:
    // Opens or creates the file and brings its schema to the newest migration.
    explicit Database(std::string path);
    ~Database();

    const std::string& path() const { return path_; }

    // A read-only view for the calling thread (its own connection, opened on first use).
    Connection& reader();

    // Runs `fn` inside BEGIN IMMEDIATE ... COMMIT on the writer connection; rolls back if it throws.
    // Everything a user action writes (record, tracking, change event, outbox) goes through one call.
    template <class Fn>
    auto write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
        std::lock_guard lock(write_mutex_);
        writer_->exec("BEGIN IMMEDIATE");
        try {
            if constexpr (std::is_void_v<decltype(fn(*writer_))>) {
                fn(*writer_);
                writer_->exec("COMMIT");
                if (after_commit_) after_commit_();
            } else {
                auto result = fn(*writer_);
                writer_->exec("COMMIT");
                if (after_commit_) after_commit_();
                return result;
            }
        } catch (...) {
            writer_->exec("ROLLBACK");
            throw;
        }
    }

    // Runs after every COMMIT of write(), on the writing thread, under the write lock: must be quick and must not
    // write (live events use it to wake their hub). Set once, before the server serves.
    void set_after_commit(std::function<void()> fn) { after_commit_ = std::move(fn); }

    int schema_version();
    // Consistent copy of the live database (VACUUM INTO) while serving.
    void backup_to(const std::string& target_path);

private:
    std::string path_;
    std::unique_ptr<Connection> writer_;
    std::unique_ptr<WalCheckpointer> checkpointer_;  // after writer_: stopped before the writer closes
    std::mutex write_mutex_;
    uint64_t serial_;  // tells thread-local reader caches which Database they belong to
    std::function<void()> after_commit_;
};

// Applies the schema migrations in order; `user_version` records how many ran. Never edit a shipped one.
void migrate(Connection& c);
int latest_schema_version();

}  // namespace tumen::store
