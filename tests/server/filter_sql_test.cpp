// The filter → SQL compiler against real SQLite: the SQL it writes, that user text only ever travels as a
// bound parameter, and — on thousands of generated filters over generated records — that SQLite selects
// exactly the rows filter::evaluate() matches. Also the lead/contact field maps against the real schema.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "../shared/filter_gen.hpp"
#include "store/database.hpp"
#include "store/filter_sql.hpp"
#include "store/filter_sql_fields.hpp"
#include "store/sqlite.hpp"
#include "tumen/filter.hpp"
#include "tumen/text_fold.hpp"

using namespace tumen;
using namespace tumen::filter;
using tumen::store::compile_filter_sql;
using tumen::store::SqlField;
using tumen::store::SqlFieldMap;
using tumen::store::SqlValue;
using tumen::store::SqlWhere;
using tumen::store::TimeStorage;

namespace {

// A bare sqlite3 handle: the compiler must work with the plain C API, independent of the store's wrappers.
class Db {
public:
    Db() {
        REQUIRE(sqlite3_open(":memory:", &db_) == SQLITE_OK);
        REQUIRE(store::register_filter_functions(db_) == SQLITE_OK);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql) {
        char* err = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
        INFO(sql);
        INFO((err ? err : ""));
        sqlite3_free(err);
        REQUIRE(rc == SQLITE_OK);
    }

    sqlite3_stmt* prepare(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        const int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr);
        INFO(sql);
        INFO(sqlite3_errmsg(db_));
        REQUIRE(rc == SQLITE_OK);
        return st;
    }

    static void bind(sqlite3_stmt* st, int i, const SqlValue& v) {
        if (const auto* n = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(st, i, *n);
        else if (const auto* d = std::get_if<double>(&v)) sqlite3_bind_double(st, i, *d);
        else if (const auto* s = std::get_if<std::string>(&v))
            sqlite3_bind_text(st, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
        else sqlite3_bind_null(st, i);
    }

    // ids (first column) of `select ... WHERE <where>` with the fragment's parameters bound.
    std::set<std::int64_t> ids(const std::string& select, const SqlWhere& where) {
        sqlite3_stmt* st = prepare(select + " WHERE " + where.sql);
        REQUIRE(sqlite3_bind_parameter_count(st) == static_cast<int>(where.params.size()));
        for (std::size_t i = 0; i < where.params.size(); ++i) bind(st, static_cast<int>(i + 1), where.params[i]);
        std::set<std::int64_t> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.insert(sqlite3_column_int64(st, 0));
        INFO(where.sql);
        INFO(sqlite3_errmsg(db_));
        CHECK(rc == SQLITE_DONE);
        sqlite3_finalize(st);
        return out;
    }

    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
};

SqlWhere compiled(std::string_view text, const FieldRegistry& fields, const SqlFieldMap& map, const Context& ctx = {}) {
    auto e = parse_checked(text, fields);
    INFO(text);
    REQUIRE_MESSAGE(e.ok(), (e.ok() ? std::string() : e.error().message));
    auto sql = compile_filter_sql(e.value(), fields, map, ctx);
    REQUIRE_MESSAGE(sql.ok(), (sql.ok() ? std::string() : sql.error().message));
    return sql.value();
}

// --- a small hand-written schema -------------------------------------------------------------------

const FieldRegistry& small_fields() {
    static const FieldRegistry r = {
        {"name", FieldType::string, true, {}, {}},
        {"country", FieldType::string, true, {}, {}},
        {"priority", FieldType::integer, false, {}, {}},
        {"stage.is_won", FieldType::boolean, true, {}, {}},
        {"tags", FieldType::string_list, true, {}, "tag"},
        {"create_date", FieldType::datetime, false, {}, {}},
    };
    return r;
}

const SqlFieldMap& small_map() {
    static const SqlFieldMap m = {
        {"name", {"l.name", "l.name_fold", {}, TimeStorage::standard}},
        {"country", {"l.country", {}, {}, TimeStorage::standard}},
        {"priority", {"l.priority", {}, {}, TimeStorage::standard}},
        {"stage.is_won", {"s.is_won", {}, {}, TimeStorage::standard}},
        {"tags", {"t.name", "t.name_fold",
                  "EXISTS (SELECT 1 FROM lead_tag lt JOIN tag t ON t.id = lt.tag_id WHERE lt.lead_id = l.id AND {cond})",
                  TimeStorage::standard}},
        {"create_date", {"l.create_date", {}, {}, TimeStorage::iso_text}},
    };
    return m;
}

void make_small_schema(Db& db) {
    db.exec(R"(
        CREATE TABLE stage (id INTEGER PRIMARY KEY, is_won INTEGER NOT NULL);
        CREATE TABLE lead (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_fold TEXT NOT NULL, country TEXT,
                           priority INTEGER NOT NULL, stage_id INTEGER, create_date TEXT NOT NULL);
        CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_fold TEXT NOT NULL);
        CREATE TABLE lead_tag (lead_id INTEGER NOT NULL, tag_id INTEGER NOT NULL);
        INSERT INTO stage VALUES (1, 0), (2, 1);
        INSERT INTO tag VALUES (1, 'VIP', 'vip'), (2, 'Өндөр', 'өндөр');)");
    struct Row {
        int id;
        const char* name;
        const char* country;  // nullptr = NULL
        int priority;
        int stage;            // 0 = no stage
        const char* created;
        std::vector<int> tags;
    };
    const Row rows[] = {
        {1, "Болдбаатар ХХК", "MN", 2, 1, "2026-05-01T20:00:00Z", {1}},
        {2, "Пётр Иванов", "RU", 1, 1, "2026-05-10T08:00:00Z", {}},
        {3, "100% Цэвэр ус_", "MN", 0, 2, "2026-04-01T00:00:00Z", {2}},
        {4, "ӨНДӨРХААН Трейд", nullptr, 3, 0, "2026-05-14T23:59:59Z", {1, 2}},
        {5, "Bold Trade", "", 1, 1, "2026-05-15T00:00:00Z", {}},
    };
    for (const auto& r : rows) {
        sqlite3_stmt* st = db.prepare("INSERT INTO lead VALUES (?, ?, ?, ?, ?, ?, ?)");
        sqlite3_bind_int(st, 1, r.id);
        sqlite3_bind_text(st, 2, r.name, -1, SQLITE_TRANSIENT);
        const std::string fold = text::fold_key(r.name);
        sqlite3_bind_text(st, 3, fold.c_str(), -1, SQLITE_TRANSIENT);
        if (r.country) sqlite3_bind_text(st, 4, r.country, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 5, r.priority);
        if (r.stage) sqlite3_bind_int(st, 6, r.stage);
        sqlite3_bind_text(st, 7, r.created, -1, SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(st) == SQLITE_DONE);
        sqlite3_finalize(st);
        for (int t : r.tags) db.exec("INSERT INTO lead_tag VALUES (" + std::to_string(r.id) + ", " + std::to_string(t) + ")");
    }
}

const char* small_select = "SELECT l.id FROM lead l LEFT JOIN stage s ON s.id = l.stage_id";

std::set<std::int64_t> run_small(Db& db, std::string_view text, const Context& ctx = {}) {
    return db.ids(small_select, compiled(text, small_fields(), small_map(), ctx));
}

using Ids = std::set<std::int64_t>;

}  // namespace

TEST_CASE("filter sql: the fragment and its parameters") {
    auto w = compiled(R"(country = "MN")", small_fields(), small_map());
    CHECK(w.sql == "(l.country IS NOT NULL AND l.country <> '' AND l.country = ?)");
    REQUIRE(w.params.size() == 1);
    CHECK(std::get<std::string>(w.params[0]) == "MN");

    w = compiled("priority in (1, 2) and not (stage.is_won = true)", small_fields(), small_map());
    CHECK(w.sql == "((l.priority IS NOT NULL AND l.priority IN (?, ?)) AND NOT (s.is_won IS NOT NULL AND s.is_won = ?))");
    CHECK(w.params == std::vector<SqlValue>{std::int64_t{1}, std::int64_t{2}, std::int64_t{1}});

    w = compiled(R"(name contains "Болд%")", small_fields(), small_map());
    CHECK(w.sql == "(l.name IS NOT NULL AND l.name <> '' AND l.name_fold IS NOT NULL AND l.name_fold LIKE ? ESCAPE '\\')");
    CHECK(std::get<std::string>(w.params[0]) == "%болд\\%%");

    w = compiled(R"(tags has "ВИП")", small_fields(), small_map());
    CHECK(w.sql == "EXISTS (SELECT 1 FROM lead_tag lt JOIN tag t ON t.id = lt.tag_id WHERE lt.lead_id = l.id AND t.name_fold = ?)");
    CHECK(std::get<std::string>(w.params[0]) == "вип");

    w = compiled("country is null", small_fields(), small_map());
    CHECK(w.sql == "(l.country IS NULL OR l.country = '')");
    CHECK(w.params.empty());

    w = compiled("", small_fields(), small_map());
    CHECK(w.sql == "1");
}

TEST_CASE("filter sql: runs on SQLite with Cyrillic folding, nulls and LIKE metacharacters") {
    Db db;
    make_small_schema(db);
    CHECK(run_small(db, R"(stage.is_won = false and (country = "MN" or tags has "VIP") and priority >= 1)") == Ids{1});
    CHECK(run_small(db, R"(name contains "болд")") == Ids{1});
    CHECK(run_small(db, R"(name contains "БОЛД")") == Ids{1});
    CHECK(run_small(db, R"(name contains "BOLD")") == Ids{5});
    CHECK(run_small(db, R"(name starts_with "петр")") == Ids{2});  // ё = е
    CHECK(run_small(db, R"(name starts_with "өндөр")") == Ids{4});
    CHECK(run_small(db, R"(name contains "100%")") == Ids{3});
    CHECK(run_small(db, R"(name contains "%")") == Ids{3});       // % is literal, not "anything"
    CHECK(run_small(db, R"(name ends_with "_")") == Ids{3});
    CHECK(run_small(db, R"(name contains "_")") == Ids{3});
    CHECK(run_small(db, R"(tags has "өндөр")") == Ids{3, 4});
    CHECK(run_small(db, "tags is null") == Ids{2, 5});
    CHECK(run_small(db, R"(tags not_in ("VIP"))") == Ids{2, 3, 5});
    CHECK(run_small(db, "country is null") == Ids{4, 5});         // NULL and ''
    CHECK(run_small(db, R"(country != "MN")") == Ids{2, 4, 5});   // != includes nulls
    CHECK(run_small(db, R"(not (country = "MN"))") == Ids{2, 4, 5});
    CHECK(run_small(db, "stage.is_won != true") == Ids{1, 2, 4, 5});
    CHECK(run_small(db, "stage.is_won = false") == Ids{1, 2, 5});   // no stage is not "not won"
    CHECK(run_small(db, "false") == Ids{});
    CHECK(run_small(db, "") == Ids{1, 2, 3, 4, 5});
}

TEST_CASE("filter sql: dates follow the context's clock and zone") {
    Db db;
    make_small_schema(db);
    Context utc;
    utc.now = *parse_timestamp("2026-05-15T12:00:00Z");
    CHECK(run_small(db, R"(create_date = "2026-05-01")", utc) == Ids{1});
    CHECK(run_small(db, "create_date >= today - 1d", utc) == Ids{4, 5});
    CHECK(run_small(db, "create_date < today - 30d", utc) == Ids{3});
    CHECK(run_small(db, R"(create_date > "2026-05-14T23:59:58Z" and create_date <= "2026-05-14T23:59:59Z")", utc) == Ids{4});
    Context ulaanbaatar = utc;
    ulaanbaatar.utc_offset_minutes = 480;  // 2026-05-01T20:00Z is 2 May there; 2026-05-14T23:59:59Z is 15 May
    CHECK(run_small(db, R"(create_date = "2026-05-02")", ulaanbaatar) == Ids{1});
    CHECK(run_small(db, "create_date = today", ulaanbaatar) == Ids{4, 5});
}

TEST_CASE("filter sql: user text never becomes SQL") {
    Db db;
    make_small_schema(db);
    const std::string evil = R"(x'); DROP TABLE lead; --)";
    const std::string text = "country = " + quote(evil) + " or name contains " + quote(evil) + " or tags has " + quote(evil);
    const auto w = compiled(text, small_fields(), small_map());
    CHECK(w.sql.find("DROP") == std::string::npos);
    CHECK(w.sql.find('\'' + std::string("x")) == std::string::npos);
    CHECK(w.params.size() == 3);
    CHECK(db.ids(small_select, w).empty());
    CHECK(run_small(db, "priority >= 0").size() == 5);  // the table is still there
}

TEST_CASE("filter sql: unknown, wrongly typed and unmapped fields") {
    auto bad = compile_filter_sql(compare("colour", Op::eq, {std::string("red")}), small_fields(), small_map(), {});
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == ErrorCode::bad_request);
    CHECK(bad.error().field == "colour");

    bad = compile_filter_sql(compare("priority", Op::eq, {std::string("1")}), small_fields(), small_map(), {});
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == ErrorCode::bad_request);

    SqlFieldMap partial = small_map();
    partial.erase("country");
    bad = compile_filter_sql(compare("country", Op::is_null), small_fields(), partial, {});
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == ErrorCode::internal);
    CHECK(bad.error().field == "country");
    CHECK(store::unmapped_fields(small_fields(), partial) == std::vector<std::string>{"country"});
    partial["tags"].exists_sql = "EXISTS (SELECT 1)";
    CHECK(store::unmapped_fields(small_fields(), partial) == std::vector<std::string>{"country", "tags"});
    CHECK(store::unmapped_fields(small_fields(), small_map()).empty());
}

TEST_CASE("filter sql: the largest filter the parser accepts still runs") {
    Db db;
    make_small_schema(db);
    std::string text = "priority = 3";
    for (std::size_t i = 1; i < max_comparisons; ++i) text += (i % 2 ? " or " : " and ") + std::string("priority != ") + std::to_string(i % 3);
    CHECK_NOTHROW(run_small(db, text));
    std::string nested;  // 63 times `not`: the deepest the parser takes (64 levels), an odd number of negations
    for (std::size_t i = 0; i < max_nesting - 1; ++i) nested += "not ";
    nested += "(priority = 3)";
    static_assert(max_nesting % 2 == 0);
    CHECK(run_small(db, nested) == Ids{1, 2, 3, 5});
    std::string many_values = "priority in (0";
    for (int i = 1; i < 2000; ++i) many_values += ", " + std::to_string(i);
    CHECK(run_small(db, many_values + ")").size() == 5);
}

TEST_CASE("filter sql: deep nesting either runs on SQLite or is refused with a clear error") {
    // SQLite's parser stack is small; the compiler orders and estimates so that it never overflows.
    Db db;
    make_small_schema(db);
    const char* leaves[] = {R"(tags has "VIP")", R"(name contains "болд")", R"(country != "MN")", "tags is null",
                            "create_date = today", R"(tags not_in ("Өндөр", "vip"))"};
    std::mt19937 rng(5);
    auto leaf = [&] { return std::string(leaves[rng() % std::size(leaves)]); };
    int ran = 0, refused = 0;
    for (int n = 0; n < 300; ++n) {
        std::string text = leaf();
        std::size_t nesting = 0, comparisons = 1;
        const bool doubling = n % 3 == 0;
        while (true) {
            const bool with_not = rng() % 3 == 0;
            const std::size_t cost = with_not ? 2 : 1;
            if (nesting + cost > max_nesting) break;
            const char* glue = (nesting % 2) ? " and " : " or ";
            if (doubling && comparisons * 2 <= max_comparisons && rng() % 4 == 0) {
                text = "(" + text + ")" + glue + "(" + text + ")";  // two equally deep halves
                comparisons *= 2;
                nesting += 1;
                continue;
            }
            if (comparisons + 1 > max_comparisons) break;
            text = leaf() + glue + (with_not ? "not (" : "(") + text + ")";
            nesting += cost;
            comparisons += 1;
        }
        auto e = parse_checked(text, small_fields());
        INFO(text);
        REQUIRE_MESSAGE(e.ok(), (e.ok() ? std::string() : e.error().message));
        auto w = compile_filter_sql(e.value(), small_fields(), small_map(), Context{});
        if (!w.ok()) {
            CHECK(w.error().code == ErrorCode::bad_request);
            CHECK(w.error().message.find("nested too deeply") != std::string::npos);
            ++refused;
            continue;
        }
        (void)db.ids(small_select, w.value());  // prepares and runs without a parser stack overflow
        ++ran;
    }
    CHECK(ran > 150);  // the ordinary deep chains (up to the parser's limit of 64 levels) all run
    MESSAGE("deep filters run: " << ran << ", refused: " << refused);

    // Pathological: 8 levels of two equally deep halves under 56 more levels is refused, not crashed.
    std::string text = R"(tags has "VIP")";
    for (int i = 0; i < 8; ++i) text = "(" + text + ")" + (i % 2 ? " and " : " or ") + "(" + text + ")";
    for (int i = 0; i < 56; ++i) text = std::string(R"(tags has "VIP")") + (i % 2 ? " or " : " and ") + "(" + text + ")";
    auto e = parse_checked(text, small_fields());
    REQUIRE(e.ok());
    auto w = compile_filter_sql(e.value(), small_fields(), small_map(), Context{});
    REQUIRE(!w.ok());
    CHECK(w.error().code == ErrorCode::bad_request);
    CHECK(w.error().message.find("nested too deeply") != std::string::npos);
}

TEST_CASE("filter sql: like_escape") {
    CHECK(store::like_escape("50%_a\\b") == "50\\%\\_a\\\\b");
    CHECK(store::like_escape("өндөр") == "өндөр");
}

// --- differential: SQLite and the evaluator agree on generated filters -----------------------------

namespace {

std::string filter_sql_column_of(const std::string& field) {
    std::string c = "c_" + field;
    for (auto& ch : c)
        if (ch == '.') ch = '_';
    return c;
}

// Every registry field in a table `rec r` (lists in side tables), with varied storage choices so each
// compiler path runs: fold columns and tumen_fold(), ISO-text and integer datetimes, a scalar subquery.
struct GenericSchema {
    SqlFieldMap map;
    std::string ddl;
    std::vector<const FieldDef*> columns;  // scalar fields stored in rec, in column order

    explicit GenericSchema(const FieldRegistry& fields) {
        std::string table = "CREATE TABLE rec (rid INTEGER PRIMARY KEY";
        int text_index = 0;
        int time_index = 0;
        for (const auto& f : fields.fields()) {
            const std::string c = filter_sql_column_of(f.name);
            SqlField m;
            if (f.type == FieldType::string_list || f.type == FieldType::id_list) {
                const bool names = f.type == FieldType::string_list;
                ddl += "CREATE TABLE " + c + " (rid INTEGER NOT NULL, v " + (names ? "TEXT" : "INTEGER") +
                       " NOT NULL, v_fold TEXT);\n";
                m.expr = "x.v";
                if (names && text_index++ % 2 == 0) m.fold_expr = "x.v_fold";
                m.exists_sql = "EXISTS (SELECT 1 FROM " + c + " x WHERE x.rid = r.rid AND {cond})";
                map[f.name] = m;
                continue;
            }
            columns.push_back(&f);
            std::string type = "INTEGER";
            if (f.type == FieldType::string || f.type == FieldType::enumeration || f.type == FieldType::date) type = "TEXT";
            if (f.type == FieldType::decimal) type = "REAL";
            if (f.type == FieldType::datetime) {
                m.time = time_index++ % 2 == 0 ? TimeStorage::iso_text : TimeStorage::unix_seconds;
                if (m.time == TimeStorage::iso_text) type = "TEXT";
            }
            table += ", " + c + " " + type + ", " + c + "_fold TEXT";
            m.expr = "r." + c;
            if (f.type == FieldType::string && text_index++ % 2 == 0) m.fold_expr = "r." + c + "_fold";
            // one field through a scalar subquery, as the real map does for stage.*
            if (f.name == "stage.is_won") m.expr = "(SELECT r2." + c + " FROM rec r2 WHERE r2.rid = r.rid)";
            map[f.name] = m;
        }
        ddl = table + ");\n" + ddl;
    }

    static void bind_value(sqlite3_stmt* st, int i, const Value& v, const SqlField& m) {
        const auto& var = v.variant();
        if (const auto* n = std::get_if<std::int64_t>(&var)) {
            if (m.time == TimeStorage::iso_text) {
                const std::string iso = format_timestamp(*n);
                sqlite3_bind_text(st, i, iso.c_str(), -1, SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_int64(st, i, *n);
            }
        } else if (const auto* d = std::get_if<double>(&var)) {
            sqlite3_bind_double(st, i, *d);
        } else if (const auto* s = std::get_if<std::string>(&var)) {
            sqlite3_bind_text(st, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
        } else if (const auto* b = std::get_if<bool>(&var)) {
            sqlite3_bind_int(st, i, *b ? 1 : 0);
        } else {
            sqlite3_bind_null(st, i);
        }
    }

    void insert(Db& db, std::int64_t rid, const std::map<std::string, Value>& rec) {
        std::string sql = "INSERT INTO rec VALUES (?";
        for (std::size_t i = 0; i < columns.size(); ++i) sql += ", ?, ?";
        sqlite3_stmt* st = db.prepare(sql + ")");
        sqlite3_bind_int64(st, 1, rid);
        int i = 2;
        for (const FieldDef* f : columns) {
            const auto it = rec.find(f->name);
            const Value v = it == rec.end() ? Value{} : it->second;
            bind_value(st, i++, v, map[f->name]);
            if (const auto* s = v.get_if<std::string>()) {
                const std::string fold = text::fold_key(*s);
                sqlite3_bind_text(st, i, fold.c_str(), -1, SQLITE_TRANSIENT);
            }
            ++i;
        }
        REQUIRE(sqlite3_step(st) == SQLITE_DONE);
        sqlite3_finalize(st);
        for (const auto& [name, v] : rec) {
            const auto& var = v.variant();
            const std::string table = filter_sql_column_of(name);
            if (const auto* names = std::get_if<std::vector<std::string>>(&var)) {
                for (const auto& n : *names) {
                    sqlite3_stmt* s = db.prepare("INSERT INTO " + table + " VALUES (?, ?, ?)");
                    sqlite3_bind_int64(s, 1, rid);
                    sqlite3_bind_text(s, 2, n.c_str(), -1, SQLITE_TRANSIENT);
                    const std::string fold = text::fold_key(n);
                    sqlite3_bind_text(s, 3, fold.c_str(), -1, SQLITE_TRANSIENT);
                    REQUIRE(sqlite3_step(s) == SQLITE_DONE);
                    sqlite3_finalize(s);
                }
            } else if (const auto* ids = std::get_if<std::vector<std::int64_t>>(&var)) {
                for (auto id : *ids) db.exec("INSERT INTO " + table + " VALUES (" + std::to_string(rid) + ", " + std::to_string(id) + ", NULL)");
            }
        }
    }
};

void differential(const FieldRegistry& fields, std::uint64_t seed, int records, int filters) {
    Db db;
    GenericSchema schema(fields);
    db.exec(schema.ddl);
    testgen::Generator gen(fields, seed);
    std::vector<MapRecord> recs;
    db.exec("BEGIN");
    for (int i = 0; i < records; ++i) {
        const auto values = gen.record();
        schema.insert(db, i + 1, values);
        MapRecord r;
        for (const auto& [k, v] : values) r.set(k, v);
        recs.push_back(std::move(r));
    }
    db.exec("COMMIT");
    int discriminating = 0;
    for (int n = 0; n < filters; ++n) {
        const Context ctx = gen.context();
        const Expr e = n % 3 == 0 ? gen.comparison() : gen.expr(3);
        const std::string text = print(e);
        auto w = compile_filter_sql(e, fields, schema.map, ctx);
        INFO(text);
        REQUIRE_MESSAGE(w.ok(), (w.ok() ? std::string() : w.error().message));
        std::set<std::int64_t> expected;
        for (int i = 0; i < records; ++i)
            if (evaluate(e, fields, recs[static_cast<std::size_t>(i)], ctx)) expected.insert(i + 1);
        const auto got = db.ids("SELECT r.rid FROM rec r", w.value());
        INFO(w.value().sql);
        INFO("now=" << ctx.now << " offset=" << ctx.utc_offset_minutes << " user=" << (ctx.user_id ? *ctx.user_id : -1));
        CHECK(got == expected);
        if (!expected.empty() && expected.size() < static_cast<std::size_t>(records)) ++discriminating;
    }
    // the generator must produce filters that split the records, or the comparison above proves little
    CHECK(discriminating > filters / 3);
}

}  // namespace

TEST_CASE("filter sql: SQLite selects what the evaluator matches (lead fields, generated filters)") {
    differential(lead_filter_fields(), 1, 300, 4000);
}

TEST_CASE("filter sql: SQLite selects what the evaluator matches (contact fields, generated filters)") {
    differential(contact_filter_fields(), 2, 200, 1500);
}

// --- the real schema and the lead/contact maps -----------------------------------------------------

TEST_CASE("filter sql: every lead and contact filter field is mapped to the real schema") {
    CHECK(store::unmapped_fields(lead_filter_fields(), store::lead_sql_fields()).empty());
    CHECK(store::unmapped_fields(contact_filter_fields(), store::contact_sql_fields()).empty());

    store::Connection c(":memory:");
    store::migrate(c);
    REQUIRE(store::register_filter_functions(c.handle()) == SQLITE_OK);
    c.exec("PRAGMA foreign_keys=OFF");  // rows below reference users/teams that this test does not create
    c.exec(R"(
        INSERT INTO stages (id, name, is_won, fold) VALUES (1, 'Шинэ', 0, 0), (2, 'Амжилттай', 1, 1);
        INSERT INTO tags (id, name) VALUES (1, 'VIP'), (2, 'Өндөр');
        INSERT INTO leads (id, type, name, name_fold, email, country, stage_id, user_id, priority, expected_revenue,
                           date_deadline, create_date, write_date, score, email_is_corporate)
        VALUES (1, 'opportunity', 'Болдбаатар ХХК', 'болдбаатар ххк', 'Bold@Tumen.MN', 'MN', 1, 7, 2, 2500000,
                '2026-06-30', 1777665600, 1778846400, 20, 1),
               (2, 'lead', 'Пётр', 'петр', '', 'RU', 2, NULL, 0, 0, NULL, 1778846400, 1778846400, 0, 0);
        INSERT INTO lead_probabilities (lead_id, probability, automated_probability) VALUES (1, 40, 40), (2, 100, 100);
        INSERT INTO lead_tags VALUES (1, 1), (1, 2);
        INSERT INTO lead_followers VALUES (2, 7);
        INSERT INTO contacts (id, is_company, name, name_fold, email, create_date, write_date)
        VALUES (10, 1, 'Төмөр ХХК', 'төмөр ххк', 'info@tumur.mn', 0, 0);
        INSERT INTO contacts (id, is_company, parent_id, name, name_fold, create_date, write_date)
        VALUES (11, 0, 10, 'Сараа', 'сараа', 0, 0);
        INSERT INTO contact_categories (id, name) VALUES (4, 'Нийлүүлэгч');
        INSERT INTO contact_category_rel VALUES (10, 4);)");

    Context ctx;
    ctx.now = *parse_timestamp("2026-05-15T12:00:00Z");
    ctx.user_id = 7;
    auto leads = [&](std::string_view text) {
        const auto w = compiled(text, lead_filter_fields(), store::lead_sql_fields(), ctx);
        auto st = c.prepare_uncached("SELECT l.id FROM leads l WHERE " + w.sql);
        st.bind_all(w.params);
        Ids out;
        while (st.step()) out.insert(st.get_int(0));
        return out;
    };
    CHECK(leads(R"(stage.is_won = false and (country = "MN" or tags has "VIP") and expected_revenue >= 1000000)") == Ids{1});
    CHECK(leads(R"(name contains "болд" and email ends_with "@tumen.mn")") == Ids{1});
    CHECK(leads(R"(name contains "ПЁТР")") == Ids{2});
    CHECK(leads("user_id = me or follower_ids has me") == Ids{1, 2});
    CHECK(leads("user_id is null") == Ids{2});
    CHECK(leads("email is null") == Ids{2});
    CHECK(leads(R"(tags has "өндөр" and tag_ids has 1)") == Ids{1});
    CHECK(leads("stage.fold = true and stage.name starts_with \"амж\"") == Ids{2});
    CHECK(leads(R"(date_deadline < today + 2m and create_date = "2026-05-01")") == Ids{1});
    CHECK(leads("create_date >= today and write_date > now - 1h") == Ids{2});
    CHECK(leads(R"(type = "lead" and probability = 100 and score = 0 and email_is_corporate = false)") == Ids{2});
    CHECK(leads("active = true and date_closed is null and lost_reason_id is null").size() == 2);

    auto contacts = [&](std::string_view text) {
        const auto w = compiled(text, contact_filter_fields(), store::contact_sql_fields(), ctx);
        auto st = c.prepare_uncached("SELECT c.id FROM contacts c WHERE " + w.sql);
        st.bind_all(w.params);
        Ids out;
        while (st.step()) out.insert(st.get_int(0));
        return out;
    };
    CHECK(contacts(R"(is_company = true and categories has "нийлүүлэгч")") == Ids{10});
    CHECK(contacts(R"(parent.name contains "төмөр")") == Ids{11});
    CHECK(contacts("category_ids is null") == Ids{11});
    CHECK(contacts(R"(email contains "TUMUR")") == Ids{10});
}
