// A postal address as leads and contacts carry it (flat street/city/state/zip/country fields on the wire).
// Kept as one block because Odoo copies addresses all-or-nothing (partner sync, merge).
#pragma once
#include <string>

namespace tumen {

struct Address {
    std::string street;
    std::string city;
    std::string state;    // free text (aimag/province)
    std::string zip;
    std::string country;  // ISO 3166-1 alpha-2, upper case ("MN"), "" if unknown
    bool operator==(const Address&) const = default;

    int filled_count() const {
        return !street.empty() + !city.empty() + !state.empty() + !zip.empty() + !country.empty();
    }
    bool empty() const { return filled_count() == 0; }
};

}  // namespace tumen
