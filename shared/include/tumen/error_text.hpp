// The API's errors in the caller's language. Services write every message in English and tag each field problem
// with an i18n key ("error.required"); for a request in another UI language the server replaces each message
// whose key the catalog knows ("api.error.required") and words the error itself from its first problem or its
// HTTP meaning, keeping the English specifics (choices, ranges, positions) as {detail} where the catalog asks.
#pragma once
#include "tumen/error.hpp"
#include "tumen/i18n.hpp"

namespace tumen {

// A problem with no field ("" field) is the error's own key: the router's "Administrators only", a lockout.
// `subject` ("lead", "contact") names a field in the summary by its form label (catalog "<subject>.field.<name>")
// instead of its wire name, when the catalog has one.
void localize(Error& error, i18n::Lang lang, std::string_view subject = {});

}  // namespace tumen
