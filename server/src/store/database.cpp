#include "store/database.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>

#include "store/filter_sql.hpp"
#include "store/wal_checkpointer.hpp"

namespace tumen::store {

namespace {
std::atomic<uint64_t> next_serial{1};
// Per thread: the reader connection of each open Database. Keyed by serial, not address, so a Database
// reopened at the same address never gets a stale connection.
thread_local std::map<uint64_t, std::unique_ptr<Connection>> thread_readers;
}  // namespace

Database::Database(std::string path) : path_(std::move(path)), serial_(next_serial++) {
    writer_ = std::make_unique<Connection>(path_);
    register_filter_functions(writer_->handle());  // tumen_fold() for compiled filters (store/filter_sql.hpp)
    std::lock_guard lock(write_mutex_);
    migrate(*writer_);
    checkpointer_ = std::make_unique<WalCheckpointer>(path_, writer_->handle());
}

Database::~Database() {
    thread_readers.erase(serial_);  // other threads' readers close when those threads end
    try {
        writer_->exec("PRAGMA optimize");
    } catch (...) {
    }
}

Connection& Database::reader() {
    auto& slot = thread_readers[serial_];
    if (!slot) {
        slot = std::make_unique<Connection>(path_);
        register_filter_functions(slot->handle());
    }
    return *slot;
}

int Database::schema_version() {
    return static_cast<int>(reader().prepare("PRAGMA user_version").scalar_int());
}

void Database::backup_to(const std::string& target_path) {
    std::error_code ec;
    std::filesystem::remove(target_path, ec);
    auto& c = reader();
    c.prepare_uncached("VACUUM INTO ?").bind(1, target_path).run();
}

}  // namespace tumen::store
