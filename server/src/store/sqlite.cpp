#include "store/sqlite.hpp"

#include <cassert>

namespace tumen::store {

Statement::~Statement() {
    if (!stmt_) return;
    if (owned_) {
        sqlite3_finalize(stmt_);
        return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void Statement::check(int rc, const char* what) const {
    if (rc != SQLITE_OK)
        throw SqlError(rc, std::string(what) + ": " + sqlite3_errmsg(db_) + " [" + (stmt_ ? sqlite3_sql(stmt_) : "") + "]");
}

Statement& Statement::bind(int i, std::nullptr_t) { check(sqlite3_bind_null(stmt_, i), "bind"); return *this; }
Statement& Statement::bind(int i, int64_t v) { check(sqlite3_bind_int64(stmt_, i, v), "bind"); return *this; }
Statement& Statement::bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v), "bind"); return *this; }
Statement& Statement::bind(int i, std::string_view v) {
    check(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8), "bind");
    return *this;
}
Statement& Statement::bind(int i, const SqlValue& v) {
    std::visit([&](const auto& x) { bind(i, x); }, v);
    return *this;
}
Statement& Statement::bind_all(const std::vector<SqlValue>& values, int first) {
    for (size_t k = 0; k < values.size(); ++k) bind(first + static_cast<int>(k), values[k]);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SqlError(rc, std::string("step: ") + sqlite3_errmsg(db_) + " [" + sqlite3_sql(stmt_) + "]");
}

void Statement::run() {
    while (step()) {
    }
}

int64_t Statement::scalar_int() {
    if (!step()) throw SqlError(SQLITE_DONE, std::string("no row: ") + sqlite3_sql(stmt_));
    return get_int(0);
}

bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
int64_t Statement::get_int(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::get_double(int c) const { return sqlite3_column_double(stmt_, c); }
std::string Statement::get_text(int c) const { return std::string(get_text_view(c)); }
std::string_view Statement::get_text_view(int c) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))) : std::string_view();
}
std::optional<int64_t> Statement::get_opt_int(int c) const {
    if (is_null(c)) return std::nullopt;
    return get_int(c);
}
std::optional<std::string> Statement::get_opt_text(int c) const {
    if (is_null(c)) return std::nullopt;
    return get_text(c);
}
int Statement::column_count() const { return sqlite3_column_count(stmt_); }
int Statement::column_type(int c) const { return sqlite3_column_type(stmt_, c); }
std::string Statement::column_name(int c) const { return sqlite3_column_name(stmt_, c); }

Connection::Connection(const std::string& path, bool read_only) {
    // Before SQLite's first use in the process: no memory statistics (nothing here reads them). Each of SQLite's
    // ~90 allocations per imported lead otherwise takes a global mutex to count them: ~9 % of an insert's CPU
    // instructions (bench/README.md, import session 21). Later calls are refused by SQLite and change nothing.
    static const int sqlite_memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)sqlite_memstatus_off;
    int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw SqlError(rc, "cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    if (!read_only) exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;");
    // SQLite's default 2 MB page cache is far smaller than the leads indexes: an import or a board query would
    // re-read the same index pages from the file. The writer gets 64 MB; readers (one per server thread) share
    // the OS page cache through a memory map instead of each holding a large private cache.
    exec(read_only ? "PRAGMA cache_size=-8192" : "PRAGMA cache_size=-65536");
    exec("PRAGMA mmap_size=268435456");
}

Connection::~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    if (db_) sqlite3_close_v2(db_);
}

Statement Connection::prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return Statement(db_, it->second);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw SqlError(rc, std::string("prepare: ") + sqlite3_errmsg(db_) + " [" + std::string(sql) + "]");
    cache_.emplace(std::string(sql), stmt);
    return Statement(db_, stmt);
}

Statement Connection::prepare_uncached(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) throw SqlError(rc, std::string("prepare: ") + sqlite3_errmsg(db_) + " [" + std::string(sql) + "]");
    Statement s(db_, stmt);
    s.owned_ = true;
    return s;
}

void Connection::exec(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        throw SqlError(rc, msg);
    }
}

int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

}  // namespace tumen::store
