#include "store/wal_checkpointer.hpp"

#include <cstdio>
#include <memory>

#include "store/sqlite.hpp"

namespace tumen::store {

WalCheckpointer::WalCheckpointer(const std::string& path, sqlite3* writer) : path_(path), writer_(writer) {
    thread_ = std::thread([this] { run(); });
    sqlite3_wal_hook(writer_, &WalCheckpointer::on_commit, this);  // replaces the automatic checkpoint
}

WalCheckpointer::~WalCheckpointer() {
    sqlite3_wal_autocheckpoint(writer_, wake_frames);  // the default hook again
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

// Called by SQLite on the writing thread after each commit, with the WAL's size in pages.
int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int frames) {
    auto* me = static_cast<WalCheckpointer*>(self);
    if (frames >= inline_frames) {
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (frames >= wake_frames) {
        {
            std::lock_guard lock(me->mutex_);
            me->wanted_ = true;
        }
        me->wake_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_ptr<Connection> own;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return wanted_ || stop_; });
            if (stop_) return;
            wanted_ = false;
        }
        try {
            if (!own) own = std::make_unique<Connection>(path_);
            // SQLITE_BUSY (another checkpoint running) is fine: the next commit asks again.
            sqlite3_wal_checkpoint_v2(own->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "tumen-server: WAL checkpoint thread: %s\n", e.what());
        }
    }
}

}  // namespace tumen::store
