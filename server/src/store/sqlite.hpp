// Thin RAII wrappers over the SQLite C API: a connection with a prepared-statement cache, and a statement
// with typed binds and columns. Only server/store includes this; handlers and jobs never speak SQL.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace tumen::store {

// Thrown for SQLite failures that are bugs or I/O problems (mapped to 500 by the HTTP layer).
// Expected outcomes (not found, conflict, constraint) are reported as tumen::Error by the store instead.
struct SqlError : std::runtime_error {
    int code;
    SqlError(int code, const std::string& what) : std::runtime_error(what), code(code) {}
};

using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), owned_(o.owned_) { o.stmt_ = nullptr; }
    Statement& operator=(Statement&&) = delete;
    // Resets a cached statement (so no read transaction stays open) or finalizes an uncached one.
    ~Statement();

    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<int64_t>(v)); }
    Statement& bind(int index, bool v) { return bind(index, static_cast<int64_t>(v ? 1 : 0)); }
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view v);
    Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
    Statement& bind(int index, const SqlValue& v);
    template <class T>
    Statement& bind(int index, const std::optional<T>& v) { return v ? bind(index, *v) : bind(index, nullptr); }
    Statement& bind_all(const std::vector<SqlValue>& values, int first_index = 1);

    bool step();      // true while a row is available
    void run();       // step to completion, for statements without rows
    int64_t scalar_int();  // first column of the first row (throws if no row)

    bool is_null(int col) const;
    int64_t get_int(int col) const;
    double get_double(int col) const;
    std::string get_text(int col) const;
    // The text without a copy, valid until the next step or reset (a scan that assigns it into a reused string).
    std::string_view get_text_view(int col) const;
    std::optional<int64_t> get_opt_int(int col) const;
    std::optional<std::string> get_opt_text(int col) const;
    int column_count() const;
    int column_type(int col) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
    std::string column_name(int col) const;

private:
    friend class Connection;
    void check(int rc, const char* what) const;
    sqlite3* db_;
    sqlite3_stmt* stmt_;
    bool owned_ = false;
};

class Connection {
public:
    // Opens (creating) the file with WAL, foreign keys, busy timeout and synchronous=NORMAL.
    explicit Connection(const std::string& path, bool read_only = false);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Cached prepared statement (SQLITE_PREPARE_PERSISTENT), keyed by the SQL text.
    Statement prepare(std::string_view sql);
    // One-off statement, not cached (for dynamically built SQL such as compiled filters).
    Statement prepare_uncached(std::string_view sql);
    void exec(std::string_view sql);  // one or more statements, no rows
    int64_t last_insert_id() const;
    int changes() const;
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    // Looked up by the caller's string_view itself: no copy of the (often long) SQL text per prepare().
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

}  // namespace tumen::store
