// Filter problems worded from the catalogs (keys "api.filter.*"), so the API and the client can say them in the
// user's language. The English wording is the Error's message (the API's own text); the key and its arguments
// travel in a field-less detail, which the server's localize() and the client's messages word again.
#pragma once
#include <cstddef>
#include <string>

#include "tumen/error.hpp"
#include "tumen/filter_fields.hpp"
#include "tumen/i18n.hpp"

namespace tumen::filter {

// A problem at byte `position` of the filter text; `key` without the "api." prefix ("filter.list_empty").
// `field` names the filter's field concerned, if any (an unknown field, a value of the wrong type).
Error filter_error(std::size_t position, std::string key, i18n::Args args = {}, std::string field = {});

// The catalog key that names a field type in messages ("api.filter.type.date").
std::string type_key(FieldType type);

// A record field that holds a filter (a team's assignment domain, a scoring rule's filter) got a bad one:
// its 422 detail says "is not a valid filter: <the problem> (at byte N)", worded in either language.
void add_filter_problem(FieldErrors& errors, const std::string& field, const Error& problem);

}  // namespace tumen::filter
