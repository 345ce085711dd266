#include "search_chips.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "tumen/datetime.hpp"
#include "tumen/filter_print.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

namespace {

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

bool date_or_empty(std::string_view d) { return d.empty() || parse_date(d).has_value(); }

// ISO 3166 codes and the like: letters, digits, space and dash, at most 64 bytes (never quotes).
bool country_ok(std::string_view c) { return !c.empty() && c.size() <= 64; }

}  // namespace

void SearchChips::set_date(std::string_view field, std::string_view preset, std::string from, std::string to) {
    clear_date();
    if (!one_of(date_range_fields, field) || !one_of(date_range_presets, preset)) return;
    if (preset == "custom" && (!date_or_empty(from) || !date_or_empty(to) || (from.empty() && to.empty()))) return;
    date_field = std::string(field);
    date_preset = std::string(preset);
    if (preset == "custom") {
        date_from = std::move(from);
        date_to = std::move(to);
    }
}

bool parse_search_chip(std::string_view chip, SearchChips& out) {
    if (chip != "rotting") return false;
    out.rotting = true;
    return true;
}

void parse_search_chips(std::string_view route_query, SearchChips& out) {
    const std::string tag = query_value(route_query, "tag");
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), n);
    out.tag_id = ec == std::errc() && end == tag.data() + tag.size() && n > 0 ? n : 0;
    const std::string country = query_value(route_query, "country");
    out.country = country_ok(country) ? country : std::string();
    const std::string date = query_value(route_query, "date");
    const std::size_t colon = date.find(':');
    if (colon == std::string::npos) {
        out.clear_date();
        return;
    }
    const std::string field = date.substr(0, colon), rest = date.substr(colon + 1);
    const std::size_t dots = rest.find("..");
    if (dots == std::string::npos) out.set_date(field, rest);
    else out.set_date(field, "custom", rest.substr(0, dots), rest.substr(dots + 2));
}

std::string format_date_range(const SearchChips& c) {
    if (c.date_field.empty()) return {};
    if (c.date_preset == "custom") return c.date_field + ":" + c.date_from + ".." + c.date_to;
    return c.date_field + ":" + c.date_preset;
}

void add_search_chip_names(const SearchChips& c, std::string& chips) {
    if (!c.rotting) return;
    if (!chips.empty()) chips += ',';
    chips += "rotting";
}

std::vector<std::string> countries_from_groups(std::string_view body) {
    std::vector<std::string> out;
    const auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("groups") || !j["groups"].is_array()) return out;
    for (const auto& g : j["groups"])
        if (g.is_object() && g.contains("key") && g["key"].is_string() && !g["key"].get<std::string>().empty())
            out.push_back(g["key"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> search_chips_filter(const SearchChips& c) {
    std::vector<std::string> parts;
    if (c.rotting) parts.emplace_back("rotting = true");
    if (c.tag_id > 0) parts.push_back("tag_ids has " + std::to_string(c.tag_id));
    if (!c.country.empty()) parts.push_back("country = " + filter::print(filter::Literal(c.country)));
    if (!c.date_field.empty()) {
        const std::string& f = c.date_field;
        const std::string& p = c.date_preset;
        // Periods are [first day, first day of the next) so the last day counts whole, in the user's zone.
        auto period = [&](const char* step) { return f + " >= " + p + " and " + f + " < " + p + " + " + step; };
        if (p == "today") parts.push_back(f + " = today");
        else if (p == "this_week") parts.push_back(period("1w"));
        else if (p == "this_month") parts.push_back(period("1m"));
        else if (p == "this_quarter") parts.push_back(period("3m"));
        else if (p == "this_year") parts.push_back(period("1y"));
        else if (p == "last_30_days") parts.push_back(f + " >= today - 29d and " + f + " <= today");
        else if (p == "custom") {
            std::string range;
            if (!c.date_from.empty()) range = f + " >= \"" + c.date_from + "\"";
            if (!c.date_to.empty()) range += (range.empty() ? "" : " and ") + f + " <= \"" + c.date_to + "\"";
            if (!range.empty()) parts.push_back(range);
        }
    }
    return parts;
}

}  // namespace tumen::client
