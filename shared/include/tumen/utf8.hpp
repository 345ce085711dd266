// UTF-8 primitives: decoding one code point, encoding, validation, length and safe truncation.
// Everything text-related in shared/ builds on these; invalid bytes are never silently "fixed" here.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace tumen::utf8 {

inline constexpr char32_t invalid = 0xFFFFFFFF;  // returned by decode() for a malformed sequence

// Decodes the code point starting at s[i] and advances i past it. On a malformed sequence (bad lead byte,
// truncated, overlong, surrogate, > U+10FFFF) returns `invalid` and advances i by exactly one byte.
char32_t decode(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of cp (cp must be a valid scalar value).
void append(std::string& out, char32_t cp);

bool is_valid(std::string_view s);

// Number of code points (each invalid byte counts as one).
std::size_t length(std::string_view s);

// The longest prefix of s holding at most max_code_points code points, never cutting a sequence.
std::string_view truncate(std::string_view s, std::size_t max_code_points);

}  // namespace tumen::utf8
