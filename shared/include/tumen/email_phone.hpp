// E-mail addresses, phone numbers and free-mail domains: the normal forms used for duplicate detection,
// import dedupe keys and lead enrichment ("is this domain a company's or gmail's?").
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tumen {

// --- e-mail -------------------------------------------------------------------------------------------

struct NamedAddress {
    std::string name;   // display name, quotes removed ("" if none)
    std::string email;  // the address as written, trimmed (not lower-cased)
    bool operator==(const NamedAddress&) const = default;
};

// "Батбаяр Ганболд <Bat@Gobi.MN>" -> {"Батбаяр Ганболд", "Bat@Gobi.MN"}; a bare address gives an empty name.
NamedAddress parse_named_address(std::string_view text);

// A pragmatic syntax check (one '@', non-empty local part <= 64 bytes, dotted domain of letters, digits and
// hyphens, UTF-8 letters allowed for internationalised domains, <= 254 bytes, no spaces).
bool is_valid_email(std::string_view address);

// Trimmed, display name stripped, lower-cased ("Bat@Gobi.MN " -> "bat@gobi.mn"). Returns "" when the result is
// not a valid address, so an empty normal form never matches anything.
std::string normalize_email(std::string_view text);

// Every valid address in a list separated by ',' or ';' ("a@x.mn; Б <b@y.mn>"), normalised, duplicates removed.
std::vector<std::string> split_emails(std::string_view text);
// !split_emails(text).empty(), without building the list: the predictive rebuild asks it of every lead.
bool has_valid_email(std::string_view text);

// Domain of the normalised address ("bat@gobi.mn" -> "gobi.mn"), "" when the address is invalid.
std::string email_domain(std::string_view text);

// --- phone --------------------------------------------------------------------------------------------

// Digits only, with a leading '+' kept when the number starts with one: "+976 9911-2233" -> "+97699112233".
std::string normalize_phone(std::string_view text);

// Only digits, spaces and + - ( ) . / characters, '+' only first, and 3 to 20 digits.
bool is_valid_phone(std::string_view text);

// Same number written with or without the country code: equal normal forms, or the shorter one (at least 8
// digits, a Mongolian national number) is the tail of the longer one.
bool phones_match(std::string_view a, std::string_view b);

// --- free-mail domains --------------------------------------------------------------------------------

// A set of domains of public mail providers. The built-in set is the npm package free-email-domains (~14,000
// domains, compiled in at build time so the server and the browser agree) plus a few it lacks.
class FreeMailDomains {
public:
    FreeMailDomains() = default;
    FreeMailDomains(std::initializer_list<std::string_view> domains);
    void add(std::string_view domain);  // stored lower-cased and trimmed
    bool contains(std::string_view domain) const;
    std::size_t size() const { return domains_.size(); }

private:
    std::unordered_set<std::string> domains_;
};

// gmail.com, yahoo.com, mail.ru, yandex.ru, naver.com, qq.com, seznam.cz, ... (built once, on first use)
const FreeMailDomains& builtin_free_mail_domains();

// True when the domain of `email_or_domain` (an address or a bare domain) belongs to `set`.
bool is_free_mail(std::string_view email_or_domain, const FreeMailDomains& set = builtin_free_mail_domains());

}  // namespace tumen
