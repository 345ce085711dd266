// The language a server-written text (chatter line, e-mail, PDF) is in, from the person it is for.
#pragma once
#include <string_view>
#include "tumen/i18n.hpp"

namespace tumen {

// A user's code ("en"/"mn": users.lang always holds one) or a contact's browser-style tag ("mn-MN", "en_US"),
// mapped by i18n::from_tag; `fallback` when the person has none (contacts often have no language).
inline i18n::Lang message_lang(std::string_view tag, i18n::Lang fallback = i18n::Lang::en) {
    return tag.empty() ? fallback : i18n::from_tag(tag);
}

}  // namespace tumen
