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

}  // namespace tumen::testing
