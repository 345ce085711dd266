// Duplicate detection over a candidate list the caller fetched (by e-mail, phone, partner or name indexes).
// strict_duplicates: what convert and automatic assignment merge (Odoo's _get_lead_duplicates).
// similar_leads: the "Similar leads" button (Odoo's _compute_potential_lead_duplicates), plus phone numbers.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/contact.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/lead.hpp"
#include "tumen/stage.hpp"

namespace tumen {

// Same normalised e-mail (any address of the lead's e-mail field) or same partner, excluding the lead itself.
// Without include_lost only open leads count (active and not in a won stage); with it, opportunities of any
// state and active leads. Returns ids in candidate order.
std::vector<std::int64_t> strict_duplicates(const Lead& lead, const std::vector<Lead>& candidates,
                                            const std::vector<Stage>& stages, bool include_lost = false);

enum class DuplicateReason : unsigned {
    same_email = 1u << 0,         // same address (free-mail domains compare whole addresses only)
    same_email_domain = 1u << 1,  // same company domain
    same_partner = 1u << 2,       // same contact, or contacts of the same company
    same_company_name = 1u << 3,
    same_contact_name = 1u << 4,
    same_phone = 1u << 5,
};
std::string_view to_string(DuplicateReason reason);  // "same_email", ...

struct DuplicateMatch {
    std::int64_t id = 0;
    unsigned reasons = 0;  // DuplicateReason bits
    bool has(DuplicateReason r) const { return (reasons & static_cast<unsigned>(r)) != 0; }
    std::vector<DuplicateReason> reason_list() const;
};
// {"id": 12, "reasons": ["same_email_domain", "same_phone"]}
void to_json(nlohmann::json& j, const DuplicateMatch& m);

struct SimilarityOptions {
    const FreeMailDomains* free_mail = nullptr;  // nullptr = builtin_free_mail_domains()
    const std::vector<Contact>* contacts = nullptr;  // to compare partners by company ("child_of")
    std::size_t max_hits_per_rule = 20;          // a rule matching more is not relevant (Odoo: 21 = discard)
    std::size_t min_email_chars = 7;
    std::size_t min_name_chars = 6;
};

// Archived and lost candidates count too. Sorted by id; the lead itself is never listed.
std::vector<DuplicateMatch> similar_leads(const Lead& lead, const std::vector<Lead>& candidates,
                                          const SimilarityOptions& options = {});

// Comparison key of a company name: folded, punctuation dropped, legal forms (ХХК, ХК, ТӨХК, LLC, Ltd, Inc,
// ООО, GmbH...) removed: "«Монгол Шуудан» ХХК" and "МОНГОЛ ШУУДАН" give the same key.
std::string company_key(std::string_view name);

}  // namespace tumen
