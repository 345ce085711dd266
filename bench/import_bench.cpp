// Import throughput: 100,000 leads with dedupe on e-mail, against a bare SQLite insert loop of the same rows
// in the same run (once into the leads table alone, once also writing the full-text row). A benchmark program:
// it prints the figures; its checks only make sure the import really stored (and then skipped) every row.
//   tumen_bench_import            (bash bench/run.sh runs it)
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "io_helpers.hpp"
#include "store/database.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/text_fold.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
struct Row {
    std::string name, email, phone, company, revenue, city;
};

std::vector<Row> make_rows(int n) {
    static const char* first[] = {"Батбаяр", "Өлзий", "Үүрцайх", "Ганболд", "Сараа", "Дорж", "Энхжин", "Төмөр"};
    static const char* companies[] = {"Өргөө ХХК", "Говь ХК", "Үүрцайх сүлжээ", "Talkh Co", "Монгол Шуудан"};
    static const char* cities[] = {"Улаанбаатар", "Дархан", "Эрдэнэт", "Сайншанд", "Мөрөн"};
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(n));
    uint32_t x = 12345;
    for (int i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        Row r;
        r.name = std::string(first[x % 8]) + " — " + companies[(x >> 8) % 5] + " #" + std::to_string(i);
        r.email = "lead" + std::to_string(i) + "@example.mn";
        r.phone = "+976 9" + std::to_string(1000000 + (x >> 4) % 8999999);
        r.company = companies[(x >> 8) % 5];
        r.revenue = std::to_string((x >> 3) % 90000000 + 100000);
        r.city = cities[(x >> 12) % 5];
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string to_csv(const std::vector<Row>& rows) {
    std::string csv = "Нэр,Имэйл,Утас,Компани,Орлого,Хот\n";
    for (const auto& r : rows) csv += r.name + "," + r.email + "," + r.phone + "," + r.company + "," + r.revenue + "," + r.city + "\n";
    return csv;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

TEST_CASE("import speed: 100,000 leads with dedupe on e-mail") {
    constexpr int n = 100000;
    const auto rows = make_rows(n);
    const std::string csv = to_csv(rows);

    // Baselines: the same rows through prepared INSERTs in one transaction, into the same schema; once into the
    // leads table and its probabilities row alone, once with the full-text row every stored lead also has.
    auto bare_loop = [&](bool with_fts) {
        const auto dir = make_temp_dir("tumen-bare");
        double rate = 0;
        {
            tumen::store::Database bare((dir / "bare.db").string());
            const auto t = std::chrono::steady_clock::now();
            bare.write([&](tumen::store::Connection& c) {
                const std::string sql = "INSERT INTO leads(name, name_fold, email, email_norm, phone, partner_name, city,"
                                        " expected_revenue, create_date, write_date) VALUES (?,?,?,?,?,?,?,?,?,?)";
                std::vector<int64_t> ids;
                ids.reserve(rows.size());
                for (const auto& r : rows) {
                    auto s = c.prepare(sql);  // cached: the same prepared statement, reset after each row
                    s.bind(1, r.name).bind(2, tumen::text::fold_key(r.name)).bind(3, r.email);
                    s.bind(4, tumen::normalize_email(r.email)).bind(5, r.phone).bind(6, r.company).bind(7, r.city);
                    s.bind(8, static_cast<int64_t>(std::stoll(r.revenue) * 100)).bind(9, int64_t{1800000000}).bind(10, int64_t{1800000000});
                    s.run();
                    ids.push_back(c.last_insert_id());
                    // Every stored lead has its probabilities row (migration lead_probabilities); its insert trigger
                    // counts the lead in the running totals, as a lead's insert did before that migration.
                    auto p = c.prepare("INSERT INTO lead_probabilities(lead_id, probability, automated_probability) VALUES (?, 10, 10)");
                    p.bind(1, ids.back()).run();
                }
                // The full-text rows after the table rows, the faster order the import also uses.
                for (std::size_t i = 0; with_fts && i < rows.size(); ++i) {
                    const auto& r = rows[i];
                    auto f = c.prepare("INSERT INTO leads_fts(rowid, name, partner_name, email, phone) VALUES (?,?,?,?,?)");
                    f.bind(1, ids[i]).bind(2, tumen::text::fold(r.name)).bind(3, tumen::text::fold(r.company));
                    f.bind(4, r.email).bind(5, r.phone);
                    f.run();
                }
            });
            rate = n / seconds_since(t);
        }
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        return rate;
    };
    const double bare_rate = bare_loop(false);
    const double bare_fts_rate = bare_loop(true);

    TestServer s([](tumen::server::Config& c) { c.seed_reference = true; });
    IoSession admin(s);
    const auto t = std::chrono::steady_clock::now();
    auto job = import_csv(admin, csv, {{"dedupe", "email"}});
    const double wall = seconds_since(t);
    REQUIRE(job["state"] == "done");
    CHECK(job["created"] == n);
    CHECK(job["failed"] == 0);
    const double rate = job["rows_per_second"].get<double>();
    std::printf("import speed: %d leads, dedupe email: %.0f rows/s in the job (%.2f s wall incl. upload);"
                " bare SQLite insert loop: %.0f rows/s (ratio %.2f), with the full-text row: %.0f rows/s (ratio %.2f)\n",
                n, rate, wall, bare_rate, rate / bare_rate, bare_fts_rate, rate / bare_fts_rate);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == n);
    // The rates are printed, not asserted: speed belongs to benchmarks (bench/), never to a unit test's verdict.

    // Again with every row a duplicate: the hash set answers, nothing is written.
    auto again = import_csv(admin, csv, {{"dedupe", "email"}});
    CHECK(again["skipped"] == n);
    std::printf("import speed: %d duplicate rows skipped at %.0f rows/s\n", n, again["rows_per_second"].get<double>());
}
