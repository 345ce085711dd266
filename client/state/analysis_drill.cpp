#include "analysis_drill.hpp"

#include <nlohmann/json.hpp>

#include "lead_list_query.hpp"
#include "tumen/datetime.hpp"

namespace tumen::client {

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// A half-open range [from, to) of days; datetime fields compare against UTC midnights, as the server grouped them.
std::string day_range(const char* field, DayNumber from, DayNumber to, bool datetime) {
    auto lit = [&](DayNumber d) { return quoted(format_date(d) + (datetime ? "T00:00:00Z" : "")); };
    return std::string(field) + " >= " + lit(from) + " and " + field + " < " + lit(to);
}

std::string month_range(const char* field, const nlohmann::json& key, bool datetime) {
    if (key.is_null()) return std::string(field) + " is null";
    if (!key.is_string()) return {};
    const auto first = parse_date(key.get<std::string>() + "-01");
    if (!first) return {};
    return day_range(field, *first, add_months(*first, 1), datetime);
}

std::string id_clause(const char* field, const nlohmann::json& key) {
    if (key.is_null()) return std::string(field) + " is null";
    if (key.is_number_integer()) return std::string(field) + " = " + std::to_string(key.get<std::int64_t>());
    return {};
}

}  // namespace

std::string drill_clause(std::string_view dimension, const nlohmann::json& key) {
    if (dimension == "stage") return id_clause("stage_id", key);
    if (dimension == "user") return id_clause("user_id", key);
    if (dimension == "team") return id_clause("team_id", key);
    if (dimension == "source") return id_clause("source_id", key);
    if (dimension == "lost_reason") return id_clause("lost_reason_id", key);
    if (dimension == "priority") {
        if (key.is_number_integer()) return "priority = " + std::to_string(key.get<std::int64_t>());
        if (key.is_string() && !key.get<std::string>().empty() && key.get<std::string>().find_first_not_of("0123456789") == std::string::npos)
            return "priority = " + key.get<std::string>();
        return {};
    }
    if (dimension == "tag") {
        if (key.is_null()) return "tag_ids is null";
        if (key.is_number_integer()) return "tag_ids has " + std::to_string(key.get<std::int64_t>());
        return {};
    }
    if (dimension == "country") return key.is_string() ? "country = " + quoted(key.get<std::string>()) : key.is_null() ? "country = \"\"" : "";
    if (dimension == "type") return key.is_string() ? "type = " + quoted(key.get<std::string>()) : "";
    if (dimension == "create_month") return month_range("create_date", key, true);
    if (dimension == "deadline_month") return month_range("date_deadline", key, false);
    if (dimension == "closed_month") return month_range("date_closed", key, true);
    if (dimension == "create_week") {
        if (!key.is_string()) return {};
        const auto monday = parse_date(key.get<std::string>());
        return monday ? day_range("create_date", *monday, *monday + 7, true) : std::string();
    }
    return {};
}

std::string and_clauses(std::initializer_list<std::string> clauses) {
    std::string out;
    for (const auto& c : clauses) {
        if (c.empty()) continue;
        const bool wrap = c.find(" or ") != std::string::npos;
        out += (out.empty() ? "" : " and ") + (wrap ? "(" + c + ")" : c);
    }
    return out;
}

Route drill_route(const std::string& filter, bool all) {
    LeadListQuery q;
    q.where = filter;
    q.all = all;
    Route r = Route::leads();
    r.query = format_list_query(q);
    return r;
}

}  // namespace tumen::client
