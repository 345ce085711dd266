#include "mail/mime_parse.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <mutex>

#include "mail/gmime_support.hpp"
#include "tumen/mail_message_id.hpp"
#include "tumen/mail_text.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server::mime {
namespace {

// Parser options shared by every parse: raw 8-bit headers are tried as UTF-8, then Windows-1251.
GMimeParserOptions* parser_options() {
    static GMimeParserOptions* options = [] {
        ensure_gmime();
        GMimeParserOptions* o = g_mime_parser_options_new();
        static const char* fallback[] = {"UTF-8", "windows-1251", nullptr};
        g_mime_parser_options_set_fallback_charsets(o, fallback);
        return o;
    }();
    return options;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

std::string str(const char* s) { return s ? std::string(s) : std::string(); }

// Header values are unfolded and decoded by GMime; CR/LF/TAB left by broken folding become spaces.
std::string clean_line(std::string_view s) {
    std::string out;
    for (char c : s) out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
    return text::collapse_whitespace(out);
}

void add_addresses(InternetAddressList* list, std::vector<NamedAddress>& out) {
    if (!list) return;
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress* ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(ia)) {
            add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) continue;
        NamedAddress a;
        a.name = clean_line(str(internet_address_get_name(ia)));
        a.email = str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
        if (!a.email.empty()) out.push_back(std::move(a));
    }
}

// Every header of that name (Delivered-To can appear several times), as addresses.
void header_addresses(GMimeObject* obj, const char* name, std::vector<std::string>& out) {
    GMimeHeaderList* headers = g_mime_object_get_header_list(obj);
    const int n = g_mime_header_list_get_count(headers);
    for (int i = 0; i < n; ++i) {
        GMimeHeader* h = g_mime_header_list_get_header_at(headers, i);
        if (g_ascii_strcasecmp(g_mime_header_get_name(h), name) != 0) continue;
        const char* raw = g_mime_header_get_raw_value(h);
        if (!raw) continue;
        Ref<InternetAddressList> list(internet_address_list_parse(parser_options(), raw));
        std::vector<NamedAddress> addrs;
        add_addresses(list.get(), addrs);
        for (auto& a : addrs) out.push_back(std::move(a.email));
    }
}

std::string header(GMimeObject* obj, const char* name) { return clean_line(str(g_mime_object_get_header(obj, name))); }

std::string part_bytes(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return {};
    Ref<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, mem.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string part_text(GMimeObject* obj) {
    return to_utf8(part_bytes(GMIME_PART(obj)), str(g_mime_object_get_content_type_parameter(obj, "charset")));
}

// "Final-Recipient: rfc822; bat@gobi.mn" lines of a message/delivery-status body.
void read_delivery_status(std::string_view body, ParsedMail& m) {
    std::size_t pos = 0;
    std::string status, diagnostic;
    while (pos < body.size()) {
        auto end = body.find('\n', pos);
        if (end == std::string_view::npos) end = body.size();
        auto line = text::trim(body.substr(pos, end - pos));
        pos = end + 1;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const auto name = lower(text::trim(line.substr(0, colon)));
        auto value = text::trim(line.substr(colon + 1));
        if (name == "final-recipient" || (name == "original-recipient" && m.bounce_recipients.empty())) {
            const auto semi = value.find(';');
            auto addr = std::string(text::trim(semi == std::string_view::npos ? value : value.substr(semi + 1)));
            if (!addr.empty() && addr.front() == '<' && addr.back() == '>') addr = addr.substr(1, addr.size() - 2);
            if (!addr.empty() && std::find(m.bounce_recipients.begin(), m.bounce_recipients.end(), addr) ==
                                     m.bounce_recipients.end())
                m.bounce_recipients.push_back(addr);
        } else if (name == "status" && status.empty()) {
            status = std::string(value);
        } else if (name == "diagnostic-code" && diagnostic.empty()) {
            const auto semi = value.find(';');
            diagnostic = std::string(text::trim(semi == std::string_view::npos ? value : value.substr(semi + 1)));
        }
    }
    if (!status.empty() || !diagnostic.empty())
        m.bounce_reason = status + (status.empty() || diagnostic.empty() ? "" : " ") + diagnostic;
}

// "Message-ID: <...>" in a text/rfc822-headers body.
std::string message_id_in_headers(std::string_view headers) {
    std::size_t pos = 0;
    while (pos < headers.size()) {
        auto end = headers.find('\n', pos);
        if (end == std::string_view::npos) end = headers.size();
        const auto line = headers.substr(pos, end - pos);
        pos = end + 1;
        if (line.size() > 11 && lower(line.substr(0, 11)) == "message-id:") {
            auto value = text::trim(line.substr(11));
            if (value.empty() && pos < headers.size()) {  // folded onto the next line
                auto next_end = headers.find('\n', pos);
                value = text::trim(headers.substr(pos, next_end == std::string_view::npos ? std::string_view::npos : next_end - pos));
            }
            return normalize_message_id(value);
        }
    }
    return {};
}

struct Walk {
    ParsedMail& m;
    std::string plain, html;
    int depth = 0;

    void visit(GMimeObject* obj) {
        if (!obj || ++depth > 32) return;  // a hostile nesting depth is not followed
        GMimeContentType* ct = g_mime_object_get_content_type(obj);
        const std::string type = lower(str(g_mime_content_type_get_media_type(ct)));
        const std::string sub = lower(str(g_mime_content_type_get_media_subtype(ct)));
        if (GMIME_IS_MULTIPART(obj)) {
            GMimeMultipart* mp = GMIME_MULTIPART(obj);
            const int n = g_mime_multipart_get_count(mp);
            for (int i = 0; i < n; ++i) visit(g_mime_multipart_get_part(mp, i));
        } else if (GMIME_IS_MESSAGE_PART(obj)) {
            GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
            if (inner && m.report_type == "delivery-status" && m.bounce_original_id.empty())
                m.bounce_original_id = normalize_message_id(str(g_mime_message_get_message_id(inner)));
            else if (inner) attach_message(obj, inner);
        } else if (GMIME_IS_PART(obj)) {
            leaf(obj, type, sub);
        }
        --depth;
    }

    void attach_message(GMimeObject* obj, GMimeMessage* inner) {
        Ref<GMimeStream> mem(g_mime_stream_mem_new());
        g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.get());
        GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
        ParsedAttachment a;
        a.file_name = clean_line(str(g_mime_message_get_subject(inner)));
        a.file_name = (a.file_name.empty() ? "message" : a.file_name) + ".eml";
        a.content_type = "message/rfc822";
        a.content.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
        (void)obj;
        m.attachments.push_back(std::move(a));
    }

    void leaf(GMimeObject* obj, const std::string& type, const std::string& sub) {
        GMimePart* part = GMIME_PART(obj);
        const bool attachment = g_mime_part_is_attachment(part) || g_mime_part_get_filename(part) != nullptr;
        if (type == "message" && sub == "delivery-status") {
            read_delivery_status(part_bytes(part), m);
            return;
        }
        if ((type == "text" && sub == "rfc822-headers") || (type == "message" && sub == "rfc822-headers")) {
            if (m.bounce_original_id.empty()) m.bounce_original_id = message_id_in_headers(part_bytes(part));
            return;
        }
        if (!attachment && type == "text" && sub == "plain") {
            if (plain.empty()) plain = part_text(obj);
            return;
        }
        if (!attachment && type == "text" && sub == "html") {
            if (html.empty()) html = part_text(obj);
            return;
        }
        ParsedAttachment a;
        a.file_name = clean_line(str(g_mime_part_get_filename(part)));
        a.content_type = type + "/" + sub;
        a.content = part_bytes(part);
        if (a.file_name.empty()) a.file_name = type == "text" ? "part.txt" : "attachment";
        if (!a.content.empty()) m.attachments.push_back(std::move(a));
    }
};

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
    auto cs = lower(text::trim(charset));
    const bool declared_utf8 = cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii";
    if (bytes.empty()) return {};
    if ((declared_utf8 || cs.empty()) && utf8::is_valid(bytes)) return std::string(bytes);
    if (cs.empty() || declared_utf8) cs = "windows-1251";
    ensure_gmime();
    const char* iconv_name = g_mime_charset_iconv_name(cs.c_str());
    gsize written = 0;
    GError* err = nullptr;
    gchar* out = g_convert_with_fallback(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                                         iconv_name ? iconv_name : cs.c_str(), "?", nullptr, &written, &err);
    if (!out) {
        if (err) g_error_free(err);
        // An unknown charset name: keep what is valid UTF-8, replace the rest, never drop the text.
        std::string fixed;
        for (std::size_t i = 0; i < bytes.size();) {
            const auto start = i;
            const char32_t cp = utf8::decode(bytes, i);
            if (cp == utf8::invalid) fixed += "\xEF\xBF\xBD";
            else fixed.append(bytes.substr(start, i - start));
        }
        return fixed;
    }
    std::string result(out, written);
    g_free(out);
    return result;
}

tumen::mail::InboundHeaders ParsedMail::routing_headers() const {
    tumen::mail::InboundHeaders h;
    h.message_id = message_id;
    h.from_email = from.email;
    h.return_path = return_path;
    h.content_type = content_type;
    h.report_type = report_type;
    h.in_reply_to = in_reply_to;
    h.references = references;
    h.recipients = recipients;
    h.loop = loop;
    h.has_loop_header = has_loop_header;
    h.auto_submitted = auto_submitted;
    return h;
}

Result<ParsedMail> parse_mime(std::string_view raw) {
    auto* options = parser_options();
    // A message must start with a header line ("Name: value"); GMime would accept anything as a body.
    const auto first_line = raw.substr(0, raw.find('\n'));
    const auto colon = first_line.find(':');
    if (raw.empty() || colon == std::string_view::npos || colon == 0 ||
        first_line.substr(0, colon).find_first_of(" \t") != std::string_view::npos) {
        if (!(raw.substr(0, 5) == "From " && raw.find('\n') != std::string_view::npos)) {
            FieldErrors fe;
            fe.add("message", "is not an RFC 5322 message (it must start with a header line)", "error.invalid");
            return fe.to_error();
        }
    }
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    g_mime_parser_set_respect_content_length(parser.get(), FALSE);
    Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), options));
    if (!msg.get()) {
        FieldErrors fe;
        fe.add("message", "could not be parsed as a MIME message", "error.invalid");
        return fe.to_error();
    }
    GMimeObject* obj = GMIME_OBJECT(msg.get());
    ParsedMail m;
    m.message_id = normalize_message_id(str(g_mime_message_get_message_id(msg.get())));
    m.subject = clean_line(str(g_mime_message_get_subject(msg.get())));
    {
        std::vector<NamedAddress> from;
        add_addresses(g_mime_message_get_from(msg.get()), from);
        if (from.empty()) add_addresses(g_mime_message_get_sender(msg.get()), from);
        if (!from.empty()) m.from = from.front();
    }
    add_addresses(g_mime_message_get_to(msg.get()), m.to);
    add_addresses(g_mime_message_get_cc(msg.get()), m.cc);
    header_addresses(obj, "Delivered-To", m.recipients);
    for (const auto& a : m.to) m.recipients.push_back(a.email);
    for (const auto& a : m.cc) m.recipients.push_back(a.email);
    header_addresses(obj, "Resent-To", m.recipients);
    header_addresses(obj, "Resent-Cc", m.recipients);
    m.in_reply_to = header(obj, "In-Reply-To");
    m.references = header(obj, "References");
    m.return_path = header(obj, "Return-Path");
    m.auto_submitted = header(obj, "Auto-Submitted");
    if (const char* loop = g_mime_object_get_header(obj, "X-Tumen-Loop")) {
        m.has_loop_header = true;
        m.loop = clean_line(loop);
    }
    if (GDateTime* date = g_mime_message_get_date(msg.get())) m.date = g_date_time_to_unix(date);

    GMimeObject* body = g_mime_message_get_mime_part(msg.get());
    if (body) {
        GMimeContentType* ct = g_mime_object_get_content_type(body);
        m.content_type = lower(str(g_mime_content_type_get_media_type(ct))) + "/" +
                         lower(str(g_mime_content_type_get_media_subtype(ct)));
        m.report_type = lower(str(g_mime_content_type_get_parameter(ct, "report-type")));
    }
    Walk walk{m, {}, {}};
    walk.visit(body);
    m.body_html = std::move(walk.html);
    if (!walk.plain.empty()) {
        m.body_text = std::move(walk.plain);
    } else if (!m.body_html.empty()) {
        m.body_text = html_to_text(m.body_html);
        m.html_only = true;
    }
    // Line ends as the chatter stores them.
    m.body_text.erase(std::remove(m.body_text.begin(), m.body_text.end(), '\r'), m.body_text.end());
    return m;
}

}  // namespace tumen::server::mime
