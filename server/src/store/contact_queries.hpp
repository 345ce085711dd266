// Contact searches for lists and pickers: filter language (filter::contact_filter_fields()) + full-text over
// contacts_fts + the contact record rule + keyset paging (store/keyset.hpp), as lead_queries does for leads.
#pragma once
#include <string>
#include <vector>

#include "store/contacts.hpp"
#include "tumen/filter_context.hpp"

namespace tumen::store {

struct ContactQuery {
    std::string filter;            // filter language text ('' = everything)
    std::string text;              // full-text words (prefix match over name, e-mail, phone, city)
    std::string active = "true";   // "true" | "false" | "all"
    std::string sort = "name asc"; // "<field> [asc|desc]" with field in sortable_contact_fields()
    int limit = 50;                // 1..500
    std::string after;             // cursor from the previous page
    filter::Context context;       // clock, zone and user for `today`, `me`
};

struct ContactPage {
    std::vector<Contact> contacts;
    std::string next;    // '' at the end
    int64_t total = -1;  // only when asked
};

const std::vector<std::string>& sortable_contact_fields();

Result<ContactPage> search_contacts(Connection& c, const ContactQuery& q, const SqlFragment& rule, bool with_total);

}  // namespace tumen::store
