#include "services/import_report.hpp"

namespace tumen::server {

namespace {
constexpr std::size_t kept_in_summary = 50;
}

nlohmann::json import_row_error(std::size_t line, const std::string& field, const std::string& column,
                                const std::string& message, const FieldError* keyed) {
    nlohmann::json out = {{"line", line},
                          {"field", field.empty() ? nlohmann::json() : nlohmann::json(field)},
                          {"column", column.empty() ? nlohmann::json() : nlohmann::json(column)},
                          {"message", message}};
    if (keyed && !keyed->key.empty()) {
        out["key"] = keyed->key;
        auto& args = out["args"] = nlohmann::json::object();
        for (const auto& [name, value] : keyed->args) args[name] = value;
    }
    return out;
}

ImportReport::ImportReport(std::vector<std::string> header, std::vector<std::string> mapping)
    : header_(std::move(header)), mapping_(std::move(mapping)) {}

void ImportReport::add(const csv::Record& row, const Error& error) {
    if (error.details.empty()) return append(row, error.field, error.message);
    std::string message;
    for (const auto& d : error.details)
        message += (message.empty() ? "" : "; ") + (d.field.empty() ? d.message : d.field + ": " + d.message);
    // Several problems stay one English line; a single one keeps its key for the client's wording.
    append(row, error.details.front().field, message, error.details.size() == 1 ? &error.details.front() : nullptr);
}

void ImportReport::add(const csv::Record& row, const std::string& message) { append(row, "", message); }

void ImportReport::append(const csv::Record& row, const std::string& field, const std::string& message,
                          const FieldError* keyed) {
    // "expected_revenue.amount" came from the column mapped to expected_revenue.
    const std::string base = field.substr(0, field.find_first_of(".["));
    std::string column;
    for (std::size_t i = 0; i < mapping_.size() && i < header_.size() && !base.empty(); ++i)
        if (mapping_[i] == base) column = header_[i];
    std::vector<std::string> cells = {std::to_string(row.line), field, column, message};
    for (const auto& f : row.fields) cells.push_back(csv::neutralize_formula(f));
    csv::append_row(body_, cells);
    if (first_.size() < kept_in_summary)
        first_.push_back(import_row_error(row.line, field, column, message, keyed));
    ++count_;
}

void ImportReport::rewind(const Mark& m) {
    count_ = m.count;
    body_.resize(m.body);
    while (first_.size() > m.first) first_.erase(first_.size() - 1);
}

std::string ImportReport::csv() const {
    if (count_ == 0) return {};
    std::string out(csv::utf8_bom);
    std::vector<std::string> head = {"line", "field", "column", "message"};
    head.insert(head.end(), header_.begin(), header_.end());
    csv::append_row(out, head);
    return out + body_;
}

nlohmann::json ImportReport::first(std::size_t n) const {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < n && i < first_.size(); ++i) out.push_back(first_[i]);
    return out;
}

}  // namespace tumen::server
