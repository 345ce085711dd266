#include "mail/mime_build.hpp"

#include <gmime/gmime.h>

#include "mail/gmime_support.hpp"
#include "tumen/email_phone.hpp"

namespace tumen::server::mime {

namespace {

void add_mailboxes(GMimeMessage* msg, GMimeAddressType type, const std::vector<std::string>& list) {
    InternetAddressList* out = g_mime_message_get_addresses(msg, type);
    for (const auto& text : list) {
        const NamedAddress a = parse_named_address(text);
        InternetAddress* ia = internet_address_mailbox_new(a.name.empty() ? nullptr : a.name.c_str(), a.email.c_str());
        // UTF-8 encoded-words: left alone, GMime picks the smallest charset that fits (ISO-8859-5 for Cyrillic).
        internet_address_set_charset(ia, "utf-8");
        internet_address_list_add(out, ia);
        g_object_unref(ia);
    }
}

// Text parts as 7-bit safe quoted-printable or base64, whichever GMime finds smaller for the content.
GMimeObject* text_part(const char* subtype, const std::string& text) {
    GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
    g_mime_text_part_set_charset(part, "utf-8");
    g_mime_text_part_set_text(part, text.c_str());
    g_mime_part_set_content_encoding(
        GMIME_PART(part), g_mime_part_get_best_content_encoding(GMIME_PART(part), GMIME_ENCODING_CONSTRAINT_7BIT));
    return GMIME_OBJECT(part);
}

GMimeObject* attachment_part(const MimeAttachment& a) {
    // "text/calendar; method=REQUEST": GMime parses the parameters onto the Content-Type (calendar apps read the
    // method there); a type it cannot parse is sent as octet-stream.
    const std::string type = a.mimetype.empty() ? "application/octet-stream" : a.mimetype;
    GMimePart* part = g_mime_part_new();  // application/octet-stream until the type is set
    Ref<GMimeContentType> content_type(g_mime_content_type_parse(nullptr, type.c_str()));
    if (content_type.get()) g_mime_object_set_content_type(GMIME_OBJECT(part), content_type.get());
    g_mime_object_set_disposition(GMIME_OBJECT(part), GMIME_DISPOSITION_ATTACHMENT);
    g_mime_part_set_filename(part, a.name.c_str());
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(a.content.data(), a.content.size()));
    Ref<GMimeDataWrapper> wrapper(g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part, wrapper.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    return GMIME_OBJECT(part);
}

std::string strip_brackets(const std::string& id) {
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') return id.substr(1, id.size() - 2);
    return id;
}

}  // namespace

std::string build_mime(const MimeInput& in) {
    ensure_gmime();
    Ref<GMimeMessage> msg(g_mime_message_new(TRUE));
    add_mailboxes(msg.get(), GMIME_ADDRESS_TYPE_FROM, {in.from});
    add_mailboxes(msg.get(), GMIME_ADDRESS_TYPE_TO, in.to);
    add_mailboxes(msg.get(), GMIME_ADDRESS_TYPE_CC, in.cc);
    g_mime_message_set_subject(msg.get(), in.subject.c_str(), "utf-8");
    GDateTime* date = g_date_time_new_from_unix_utc(in.date);
    g_mime_message_set_date(msg.get(), date);
    g_date_time_unref(date);
    g_mime_message_set_message_id(msg.get(), strip_brackets(in.message_id).c_str());
    GMimeObject* head = GMIME_OBJECT(msg.get());
    if (!in.in_reply_to.empty()) g_mime_object_set_header(head, "In-Reply-To", in.in_reply_to.c_str(), nullptr);
    if (!in.references.empty()) g_mime_object_set_header(head, "References", in.references.c_str(), nullptr);
    if (!in.loop_value.empty()) g_mime_object_set_header(head, loop_header, in.loop_value.c_str(), nullptr);

    GMimeObject* body = text_part("plain", in.body_text);
    if (!in.body_html.empty()) {
        GMimeMultipart* alt = g_mime_multipart_new_with_subtype("alternative");
        g_mime_multipart_add(alt, body);
        g_object_unref(body);
        GMimeObject* html = text_part("html", in.body_html);
        g_mime_multipart_add(alt, html);
        g_object_unref(html);
        body = GMIME_OBJECT(alt);
    }
    if (!in.attachments.empty()) {
        GMimeMultipart* mixed = g_mime_multipart_new_with_subtype("mixed");
        g_mime_multipart_add(mixed, body);
        g_object_unref(body);
        for (const auto& a : in.attachments) {
            GMimeObject* part = attachment_part(a);
            g_mime_multipart_add(mixed, part);
            g_object_unref(part);
        }
        body = GMIME_OBJECT(mixed);
    }
    g_mime_message_set_mime_part(msg.get(), body);
    g_object_unref(body);

    GMimeFormatOptions* options = g_mime_format_options_clone(nullptr);
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    char* text = g_mime_object_to_string(head, options);
    g_mime_format_options_free(options);
    std::string out(text ? text : "");
    g_free(text);
    return out;
}

}  // namespace tumen::server::mime
