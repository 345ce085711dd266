// Past outcomes as the predictive models read them (issue 7): rows of field -> value text plus won/lost, the
// project's 70/30 split by row index, and the encoding of fields shared by both models: missing values ("NA" or
// empty) are a value of their own, numeric fields with more than 12 distinct training values are cut into
// quintiles of the training rows.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/csv.hpp"
#include "tumen/error.hpp"

namespace tumen::scoring {

inline constexpr std::string_view missing_value = "NA";
inline constexpr std::size_t max_distinct_unbinned = 12;  // more distinct numbers than this -> quintiles

struct Example {
    std::vector<std::string> values;  // aligned with Dataset::fields
    bool won = false;
};

struct Dataset {
    std::vector<std::string> fields;
    std::vector<Example> rows;
};

bool is_missing(std::string_view value);                 // "" or "NA"
std::optional<double> parse_number(std::string_view value);  // the whole text must be a finite number

// Every column but `label` is a field; a row is won when its label equals `positive`. Ragged rows are errors
// (field "csv"); an unknown label column or a label that never equals `positive` is an error on "label".
Result<Dataset> dataset_from_csv(const csv::Table& table, std::string_view label, std::string_view positive);

// The project's protocol: rows with index % 10 < 7 train, the others test.
struct Split {
    std::vector<std::size_t> train;
    std::vector<std::size_t> test;
};
Split split_by_index(std::size_t row_count);

// How one field becomes categories (and, for numbers, a standardised value).
struct FieldEncoding {
    bool numeric = false;       // every non-missing training value parses as a number
    bool binned = false;        // numeric with more than 12 distinct training values
    std::vector<double> cuts;   // ascending, distinct; bin i holds (cuts[i-1], cuts[i]], open at both ends
    double mean = 0;            // of the training numbers (numeric only)
    double scale = 1;           // their standard deviation (1 when constant)
};

struct Encoding {
    std::vector<FieldEncoding> fields;  // aligned with Dataset::fields
};

// Fits on `train_rows` only; quintile cuts are the 20/40/60/80 % quantiles with linear interpolation.
Encoding fit_encoding(const Dataset& data, const std::vector<std::size_t>& train_rows);

std::size_t bin_of(const FieldEncoding& field, double number);
std::string bin_label(const FieldEncoding& field, std::size_t bin);  // "<= 12", "12..30", "> 30"
// The category of a value: "NA" when missing, the bin label for binned numbers, else the text unchanged.
std::string category(const FieldEncoding& field, std::string_view value);
// The standardised number, or nullopt when missing or not a number.
std::optional<double> standardised(const FieldEncoding& field, std::string_view value);

// A copy with every value replaced by its category.
Dataset categorised(const Dataset& data, const Encoding& encoding);

}  // namespace tumen::scoring
