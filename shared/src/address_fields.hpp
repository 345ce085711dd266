// Internal: the flat address fields (street, city, state, zip, country) of any record holding an Address.
#pragma once
#include "record_codec.hpp"
#include "tumen/address.hpp"

namespace tumen::detail {

template <class T>
void add_address_fields(std::vector<FieldSpec<T>>& fields, Address T::*address) {
    fields.push_back(text_field("street", nested(address, &Address::street), {.max_chars = 300}));
    fields.push_back(text_field("city", nested(address, &Address::city), {.max_chars = 120}));
    fields.push_back(text_field("state", nested(address, &Address::state), {.max_chars = 120}));
    fields.push_back(text_field("zip", nested(address, &Address::zip), {.max_chars = 20}));
    fields.push_back(text_field("country", nested(address, &Address::country), {.max_chars = 10, .check = check_country}));
}

}  // namespace tumen::detail
