// Pipeline analysis: the server aggregates leads by one or two group-bys in SQL and answers with the parts of
// every measure per cell (counts, sums per currency, days-to-close sums); the measures, the pivot table with its
// totals and the CSV are computed here, the same on the server and in the browser. Keeping parts rather than
// finished values is what makes the totals right: an average or a win rate of a row is not the mean of its cells.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"

namespace tumen::analysis {

enum class Measure {
    count,             // leads
    expected_revenue,  // sum, minor units of one currency
    weighted_revenue,  // sum of expected revenue x probability / 100, minor units
    days_to_close,     // mean days from creation to closing, over won leads with a closing date
    win_rate,          // won / (won + lost), percent
};
std::optional<Measure> measure_from(std::string_view name);
std::string_view to_string(Measure m);
const std::vector<Measure>& all_measures();
bool is_money(Measure m);  // shown with a currency

// What the server can group by (the same names as GET /api/v1/leads/groups).
const std::vector<std::string>& dimensions();
bool is_dimension(std::string_view name);

// One combination of group keys with the parts every measure is made of.
struct Cell {
    nlohmann::json key1, key2;  // ids, codes or "2026-11"; null = none (key2 null too when there is one group-by)
    std::string label1, label2; // display names resolved by the server ("" for null keys: the client says "None")
    std::int64_t count = 0;
    std::int64_t won = 0;
    std::int64_t lost = 0;
    std::map<std::string, std::int64_t> expected;  // currency -> minor units
    std::map<std::string, std::int64_t> weighted;
    std::int64_t close_days_sum = 0;  // over `closed` won leads
    std::int64_t closed = 0;
    bool operator==(const Cell&) const = default;
};

struct Answer {
    std::string group_by;
    std::string group_by2;  // "" = one dimension
    std::vector<Cell> cells;
};

// Adds `b`'s parts to `a` (keys and labels stay a's).
void accumulate(Cell& a, const Cell& b);
// The measure's value for a cell; money in `currency` (other currencies are not converted: they are separate
// columns of the answer). nullopt when the measure has no value (no won lead for days to close, nothing closed
// for a win rate).
std::optional<double> value_of(const Cell& c, Measure m, const std::string& currency);
// Every currency any cell has a sum in, sorted; {""} when there is none.
std::vector<std::string> currencies(const Answer& a);

// Rows = the distinct first keys in the answer's order; columns = the distinct second keys (one column "" when
// there is one dimension); a total per row, per column and overall, made from the summed parts.
struct Pivot {
    struct Header {
        nlohmann::json key;
        std::string label;
    };
    std::vector<Header> rows, columns;
    std::vector<std::vector<Cell>> cells;  // [row][column], zero cells where the answer had none
    std::vector<Cell> row_totals, column_totals;
    Cell total;
};
Pivot pivot(const Answer& a);

// The pivot as CSV (RFC 4180, formula-guarded labels): a header row with the column labels and "Total",
// one row per row header, a total row. Empty value cells for "no value". `none_label` names null keys,
// `total_label` the totals. Money in major units with the currency's decimals ("1234.50").
std::string pivot_csv(const Pivot& p, Measure m, const std::string& currency, const std::string& none_label,
                      const std::string& total_label);

// Query validation for GET /api/v1/leads/analysis: unknown dimensions and a repeated one name their parameter.
Result<void> check_dimensions(std::string_view group_by, std::string_view group_by2);

void to_json(nlohmann::json& j, const Cell& c);
void from_json(const nlohmann::json& j, Cell& c);
void to_json(nlohmann::json& j, const Answer& a);
void from_json(const nlohmann::json& j, Answer& a);

}  // namespace tumen::analysis
