// The daily activity digest (SPEC F-ACT): the e-mail that tells one user what is overdue and what is due today.
// Pure text: the server picks the items (in the user's zone and record rules) and queues the mail.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/i18n.hpp"

namespace tumen {

struct DigestItem {
    std::string lead_name;
    std::string type_name;  // already in the user's language
    std::string summary;
    DayNumber due = 0;
};

struct DigestMail {
    std::string subject;
    std::string body_text;
};

// Overdue items first (oldest first), then today's; items due later are left out. Nothing due -> nullopt: nobody
// gets an empty digest.
std::optional<DigestMail> activity_digest(i18n::Lang lang, DayNumber today, std::vector<DigestItem> items);

}  // namespace tumen
