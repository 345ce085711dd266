// Contacts (Odoo "partners"): people and companies, with a company hierarchy through parent_id.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/address.hpp"
#include "tumen/datetime.hpp"
#include "tumen/error.hpp"

namespace tumen {

struct Contact {
    std::int64_t id = 0;
    bool is_company = false;
    std::string name;                       // required
    std::optional<std::int64_t> parent_id;  // the company a person works for (or a parent company)
    std::string function;                   // job position
    std::string email;
    std::string phone;
    std::string mobile;
    std::string website;
    Address address;                        // street, city, state, zip, country on the wire
    std::vector<std::int64_t> category_ids; // contact types (ContactCategory)
    std::string lang;
    std::optional<std::int64_t> user_id;    // salesperson in charge
    std::string comment;
    bool opt_out = false;                   // no mass mailing
    bool blacklisted = false;               // no e-mail at all (bounces, unsubscribe)
    bool active = true;
    Timestamp create_date = 0;
    Timestamp write_date = 0;
    std::int64_t version = 0;

    bool operator==(const Contact&) const = default;
};

void to_json(nlohmann::json& j, const Contact& contact);
Result<Contact> contact_from_json(const nlohmann::json& j);
FieldErrors apply_patch(Contact& contact, const nlohmann::json& patch);
FieldErrors validate(const Contact& contact);  // also: a contact is not its own parent

// The company a contact belongs to for matching (Odoo's "commercial partner"): a person's parent company,
// else the contact itself.
std::int64_t commercial_id(const Contact& contact);

}  // namespace tumen
