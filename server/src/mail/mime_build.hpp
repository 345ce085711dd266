// Builds the RFC 5322 bytes of one outgoing e-mail with GMime: UTF-8 text (and, when given, its HTML
// alternative in multipart/alternative), attachments in multipart/mixed, RFC 2047 encoded subject and display
// names, our fixed Message-ID, In-Reply-To/References for threading, and X-Tumen-Loop so our own mail coming back
// through an alias is recognised as a loop. Lines end in CRLF, ready for SMTP DATA.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tumen::server::mime {

// The name of the header our outgoing mail carries; the inbound side refuses mail that has it with our value.
inline constexpr const char* loop_header = "X-Tumen-Loop";

struct MimeAttachment {
    std::string name;
    std::string mimetype;  // "application/pdf"; "" = application/octet-stream
    std::string content;   // the bytes
};

struct MimeInput {
    std::string from;                 // "Name <a@b>" (UTF-8 name)
    std::vector<std::string> to, cc;  // the same form
    std::string subject;              // UTF-8
    std::string body_text;            // UTF-8
    std::string body_html;            // "" = text only
    std::string message_id;           // "<...>"
    std::string in_reply_to;          // "<...>" or ""
    std::string references;           // "<a> <b>" or ""
    int64_t date = 0;                 // unix seconds
    std::string loop_value;           // X-Tumen-Loop value ("" = no header)
    std::vector<MimeAttachment> attachments;
};

std::string build_mime(const MimeInput& in);

}  // namespace tumen::server::mime
