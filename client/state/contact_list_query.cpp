#include "contact_list_query.hpp"

#include <algorithm>
#include <array>

#include "board_query.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

namespace {
constexpr std::array<std::string_view, 5> contact_list_query_sortable = {"name", "email", "city", "country", "create_date"};
}

bool contact_sortable(std::string_view field) {
    return std::find(contact_list_query_sortable.begin(), contact_list_query_sortable.end(), field) != contact_list_query_sortable.end();
}

void ContactListQuery::toggle_sort(std::string_view field) {
    if (!contact_sortable(field)) return;
    if (sort_field != field) {
        sort_field = std::string(field);
        sort_desc = false;
    } else if (!sort_desc) {
        sort_desc = true;
    } else {
        sort_field.clear();
        sort_desc = false;
    }
}

ContactListQuery parse_contact_query(std::string_view route_query) {
    ContactListQuery q;
    q.text = query_value(route_query, "q");
    const std::string chips = query_value(route_query, "f");
    size_t pos = 0;
    while (pos <= chips.size()) {
        size_t comma = chips.find(',', pos);
        if (comma == std::string::npos) comma = chips.size();
        const std::string_view chip = std::string_view(chips).substr(pos, comma - pos);
        if (chip == "people") q.people = true;
        else if (chip == "companies") q.companies = true;
        else if (chip == "archived") q.archived = true;
        pos = comma + 1;
    }
    if (q.people && q.companies) q.people = q.companies = false;  // both = either
    const std::string sort = query_value(route_query, "sort");
    const size_t space = sort.find(' ');
    const std::string field = sort.substr(0, space);
    const std::string dir = space == std::string::npos ? std::string() : sort.substr(space + 1);
    if (contact_sortable(field) && (dir.empty() || dir == "asc" || dir == "desc")) {
        q.sort_field = field;
        q.sort_desc = dir == "desc";
    }
    return q;
}

std::string format_contact_query(const ContactListQuery& q) {
    std::string chips;
    auto add = [&](bool on, const char* name) {
        if (!on) return;
        if (!chips.empty()) chips += ',';
        chips += name;
    };
    add(q.people, "people");
    add(q.companies, "companies");
    add(q.archived, "archived");
    return query_string({{"q", q.text},
                         {"f", chips},
                         {"sort", q.sort_field.empty() ? std::string() : q.sort_field + (q.sort_desc ? " desc" : " asc")}});
}

std::string contact_filter(const ContactListQuery& q) {
    if (q.people && !q.companies) return "is_company = false";
    if (q.companies && !q.people) return "is_company = true";
    return {};
}

std::string_view contact_active(const ContactListQuery& q) { return q.archived ? "false" : "true"; }

std::string contact_sort(const ContactListQuery& q) {
    if (q.sort_field.empty()) return "name asc";
    return q.sort_field + (q.sort_desc ? " desc" : " asc");
}

}  // namespace tumen::client
