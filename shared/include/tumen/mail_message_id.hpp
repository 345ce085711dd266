// Message-IDs of the mail we send, and reading them back from replies. Our ids name the record they belong to,
// so a reply threads back to its lead even when the chatter row was deleted or the reply quotes only the first
// message: "<tumen-lead-42-m7.3f9a0c1d@crm.example.mn>" = model lead, record 42, outbox row 7, random part, domain.
// Ids are stored and compared WITH the angle brackets (the form in References/In-Reply-To headers).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tumen {

// res_model is a lower-case word ("lead", "contact", "quotation"); random_hex is the caller's random part (the
// server draws it from its random source, shared/ has none); an empty domain gives "localhost".
std::string make_message_id(std::string_view res_model, int64_t res_id, int64_t mail_id, std::string_view random_hex,
                            std::string_view domain);

struct MessageIdRef {
    std::string res_model;
    int64_t res_id = 0;
    int64_t mail_id = 0;
    bool operator==(const MessageIdRef&) const = default;
};

// The record named by one of our ids, with or without <>; nullopt for anybody else's id or a malformed one.
std::optional<MessageIdRef> parse_our_message_id(std::string_view id);

// The ids of a References or In-Reply-To header, in order, each as "<...>", duplicates removed. Text outside
// angle brackets (comments, broken clients' bare ids) is ignored unless the header holds no brackets at all, in
// which case whitespace-separated words containing '@' are taken.
std::vector<std::string> split_message_ids(std::string_view header);

// "<x@y>" for "x@y" or " <x@y> "; "" for an empty or bracket-only input.
std::string normalize_message_id(std::string_view id);

}  // namespace tumen
