// Reading back what the SMTP sink received, with GMime's own parser (not the code under test).
#pragma once
#include <gmime/gmime.h>

#include <algorithm>
#include <string>

#include "mail/gmime_support.hpp"

namespace tumen::testing {

// A received message parsed back with GMime (not our code under test: the library's own parser).
struct Parsed {
    GMimeMessage* msg = nullptr;
    explicit Parsed(const std::string& raw) {
        tumen::server::mime::ensure_gmime();
        GMimeStream* stream = g_mime_stream_mem_new_with_buffer(raw.data(), raw.size());
        GMimeParser* parser = g_mime_parser_new_with_stream(stream);
        msg = g_mime_parser_construct_message(parser, nullptr);
        g_object_unref(parser);
        g_object_unref(stream);
    }
    ~Parsed() {
        if (msg) g_object_unref(msg);
    }
};

inline std::string part_text(GMimeObject* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(part));
    GMimeStream* out = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(content, out);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
    std::string s(reinterpret_cast<const char*>(bytes->data), bytes->len);
    g_object_unref(out);
    return s;
}

inline std::string decoded_header(const std::string& value) {
    char* d = g_mime_utils_header_decode_text(nullptr, value.c_str());
    std::string s(d);
    g_free(d);
    return s;
}

// RFC 2047 as mail clients read it: each encoded word decoded on its own, the blanks between two encoded words
// dropped. GMime's own decoder joins adjacent base64 words before decoding and loses a word that ends in padding
// ("=?UTF-8?B?...Og=?= =?UTF-8?B?INGF...?=" comes back without its second word), which no client does.
inline std::string decoded_header_per_word(const std::string& value) {
    std::string out, pending_blank;
    bool last_encoded = false;
    std::size_t i = 0;
    while (i < value.size()) {
        const std::size_t blank_end = value.find_first_not_of(" \t", i);
        if (blank_end == std::string::npos) break;
        const std::string blank = value.substr(i, blank_end - i);
        std::size_t end = value.find_first_of(" \t", blank_end);
        if (end == std::string::npos) end = value.size();
        const std::string token = value.substr(blank_end, end - blank_end);
        const bool encoded = token.size() > 4 && token.rfind("=?", 0) == 0 && token.substr(token.size() - 2) == "?=";
        if (!(encoded && last_encoded)) out += blank;
        out += encoded ? decoded_header(token) : token;
        last_encoded = encoded;
        i = end;
    }
    return out;
}

inline bool all_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}


// The first leaf part whose file name is `name` (depth-first), or nullptr.
inline GMimeObject* find_file_part(GMimeObject* root, const std::string& name) {
    if (!root) return nullptr;
    if (GMIME_IS_MULTIPART(root)) {
        GMimeMultipart* mp = GMIME_MULTIPART(root);
        for (int i = 0; i < g_mime_multipart_get_count(mp); ++i)
            if (auto* found = find_file_part(g_mime_multipart_get_part(mp, i), name)) return found;
        return nullptr;
    }
    if (!GMIME_IS_PART(root)) return nullptr;
    const char* file = g_mime_part_get_filename(GMIME_PART(root));
    return file && name == file ? root : nullptr;
}

// The decoded text of the first text/plain part that is not an attached file (depth-first), or "".
inline std::string message_text(GMimeMessage* msg) {
    GMimeObject* found = nullptr;
    auto visit = [&](auto& self, GMimeObject* o) -> void {
        if (!o || found) return;
        if (GMIME_IS_MULTIPART(o)) {
            for (int i = 0; i < g_mime_multipart_get_count(GMIME_MULTIPART(o)); ++i)
                self(self, g_mime_multipart_get_part(GMIME_MULTIPART(o), i));
            return;
        }
        if (GMIME_IS_TEXT_PART(o) && !g_mime_part_get_filename(GMIME_PART(o)) &&
            std::string(g_mime_content_type_get_media_subtype(g_mime_object_get_content_type(o))) == "plain")
            found = o;
    };
    if (msg) visit(visit, g_mime_message_get_mime_part(msg));
    if (!found) return {};
    char* t = g_mime_text_part_get_text(GMIME_TEXT_PART(found));
    std::string s(t ? t : "");
    g_free(t);
    return s;
}

}  // namespace tumen::testing
