// Parsing one inbound RFC 5322 message with GMime into what the CRM keeps: decoded UTF-8 headers (RFC 2047
// encoded-words, raw 8-bit headers read as UTF-8 or else Windows-1251), the readable body (text/plain converted
// from its charset - UTF-8, Windows-1251, KOI8-R, ... - or an HTML-only body turned into text), attachments, the
// headers routing needs, and for delivery status notifications the failed recipients and the original Message-ID.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/email_phone.hpp"
#include "tumen/error.hpp"
#include "tumen/mail_routing.hpp"

namespace tumen::server::mime {

struct ParsedAttachment {
    std::string file_name;     // decoded; "" when the part has none
    std::string content_type;  // "application/pdf"
    std::string content;       // transfer encoding removed
};

struct ParsedMail {
    std::string message_id;  // "<...>"; "" when the message has none
    std::string subject;     // decoded UTF-8, unfolded
    NamedAddress from;
    std::vector<NamedAddress> to, cc;
    std::vector<std::string> recipients;  // addresses of Delivered-To, To, Cc, Resent-To, Resent-Cc, in that order
    std::string in_reply_to, references, return_path, auto_submitted, loop;
    bool has_loop_header = false;
    std::string content_type;  // top level, lower case "type/subtype"
    std::string report_type;   // lower case report-type parameter of multipart/report
    std::optional<int64_t> date;  // unix seconds
    std::string body_text;   // UTF-8; from text/plain, else from HTML
    std::string body_html;   // the HTML alternative (UTF-8) when there is one
    bool html_only = false;  // body_text was made from HTML
    std::vector<ParsedAttachment> attachments;
    // Delivery status notifications (RFC 3464): Final-Recipient addresses, the Status and Diagnostic-Code text,
    // and the Message-ID of the returned original (message/rfc822 or text/rfc822-headers part).
    std::vector<std::string> bounce_recipients;
    std::string bounce_reason;
    std::string bounce_original_id;

    // The routing view of this message (tumen/mail_routing.hpp).
    tumen::mail::InboundHeaders routing_headers() const;
};

// 422 naming "message" when the bytes are not a message at all (no header block).
Result<ParsedMail> parse_mime(std::string_view raw);

// Bytes in `charset` as UTF-8 (invalid input replaced, never thrown away). "" or unknown charsets: UTF-8 when
// valid, else Windows-1251 (the common undeclared charset of Mongolian and Russian mail).
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace tumen::server::mime
