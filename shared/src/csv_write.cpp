// CSV records out: RFC 4180 quoting and CRLF line ends, plus the formula guard for spreadsheet users.
#include "tumen/csv.hpp"

namespace tumen::csv {

namespace {

bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Characters a phone number or a plain negative number is written with ('+' only in front): such text is
// never a formula that does anything ("-2+3" is guarded; "+976 9911-2233" and "-5" are not).
bool is_number_like(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= '0' && c <= '9') || c == ' ' || c == '(' || c == ')' || c == '.' || c == '/' ||
                        (c == '-' && (i == 0 || s[i - 1] != '-')) || (c == '+' && i == 0);
        if (!ok) return false;
    }
    return true;
}

}  // namespace

void append_field(std::string& out, std::string_view field, char delimiter) {
    bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ' || field.front() == '\t' || field.back() == '\t');
    for (char c : field)
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    if (!quote) {
        out.append(field);
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_row(std::string& out, const std::vector<std::string>& fields, char delimiter) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += delimiter;
        append_field(out, fields[i], delimiter);
    }
    out += "\r\n";
}

std::string neutralize_formula(std::string_view field) {
    if (field.empty() || !is_formula_start(field.front())) return std::string(field);
    if ((field.front() == '+' || field.front() == '-') && is_number_like(field)) return std::string(field);
    return "'" + std::string(field);
}

std::string_view strip_formula_guard(std::string_view field) {
    if (field.size() >= 2 && field[0] == '\'' && is_formula_start(field[1])) return field.substr(1);
    return field;
}

}  // namespace tumen::csv
