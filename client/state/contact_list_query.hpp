// What the contacts list shows, as kept in the address (#/contacts?q=...&f=people,archived&sort=city%20asc): the
// full-text search, the chips (People / Companies / Archived) and the sort; and how they become the contacts API's
// parameters (filter language over filter::contact_filter_fields()). The list and its export send the same ones.
#pragma once
#include <string>
#include <string_view>

namespace tumen::client {

// The columns the contacts API can sort by (store/contact_queries.cpp), as written in ?sort.
bool contact_sortable(std::string_view field);

struct ContactListQuery {
    std::string text;         // full-text words (`q`): name, e-mail, phone, city
    bool people = false;      // is_company = false
    bool companies = false;   // is_company = true
    bool archived = false;    // inactive contacts instead of active ones
    std::string sort_field;   // "" = by name
    bool sort_desc = false;

    bool operator==(const ContactListQuery&) const = default;
    // Like the leads list: a new column sorts ascending, the same one flips, a third click goes back to the default.
    void toggle_sort(std::string_view field);
    bool any_filter() const { return !text.empty() || people || companies || archived; }
};

ContactListQuery parse_contact_query(std::string_view route_query);
// parse_contact_query(format_contact_query(q)) == q; "" when nothing is set.
std::string format_contact_query(const ContactListQuery& q);

std::string contact_filter(const ContactListQuery& q);      // "is_company = true" or ""
std::string_view contact_active(const ContactListQuery& q); // "true" | "false"
std::string contact_sort(const ContactListQuery& q);        // "name asc" by default

}  // namespace tumen::client
