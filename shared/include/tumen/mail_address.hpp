// RFC 5322 address lists as they appear in To/Cc/From headers and in the compose form: quoted display names
// may hold commas and escaped quotes, comments "(...)" are dropped, groups "Team: a@x, b@y;" are flattened.
// Encoded-words (=?utf-8?B?...?=) are decoded by the MIME layer before the text reaches this parser.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "tumen/email_phone.hpp"

namespace tumen {

// Every entry with a non-empty address, in order, duplicates kept. The address is NOT validated here (the caller
// checks is_valid_email and names the bad entry), so a typo is reported instead of vanishing. ',' and ';'
// both separate entries outside quotes and angle brackets (';' also ends a group).
std::vector<NamedAddress> parse_address_list(std::string_view text);

// `Name <email>`; the name is quoted (with \" and \\ escaped) when it holds RFC 5322 specials such as , ; : . @
// or quotes. UTF-8 names stay as they are (RFC 6532); the MIME builder encodes them for the wire. No name -> email.
std::string format_address(const NamedAddress& address);

// format_address of each, joined with ", ".
std::string format_address_list(const std::vector<NamedAddress>& addresses);

}  // namespace tumen
