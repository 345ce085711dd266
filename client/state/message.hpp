// A message for the user that follows language switches: either a catalog key (+ arguments) translated when
// shown, or a text that came from the server as it is.
#pragma once
#include <string>

#include "tumen/i18n.hpp"

namespace tumen::client {

struct Message {
    std::string key;          // i18n key, or empty when `text` is set
    i18n::Args args;
    std::string text;         // verbatim text (the server's error message)
    std::string field;        // the form field concerned, if any ("login", "password")

    static Message from_key(std::string key, i18n::Args args = {}, std::string field = {});
    static Message from_text(std::string text, std::string field = {});

    bool empty() const { return key.empty() && text.empty(); }
    std::string render(i18n::Lang lang) const;
};

}  // namespace tumen::client
