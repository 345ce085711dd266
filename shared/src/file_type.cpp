#include "tumen/file_type.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::files {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower_extension(std::string_view name) {
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string ext(name.substr(dot + 1));
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

std::string zip_type(std::string_view data, const std::string& ext) {
    // OpenDocument puts an uncompressed "mimetype" member first; OOXML names its parts word/, xl/, ppt/.
    if (data.size() > 38 && data.substr(30, 8) == "mimetype") {
        if (data.find("application/vnd.oasis.opendocument.text", 38) < 200) return "application/vnd.oasis.opendocument.text";
        if (data.find("application/vnd.oasis.opendocument.spreadsheet", 38) < 200)
            return "application/vnd.oasis.opendocument.spreadsheet";
        if (data.find("application/vnd.oasis.opendocument.presentation", 38) < 200)
            return "application/vnd.oasis.opendocument.presentation";
    }
    const bool ooxml = data.find("[Content_Types].xml") != std::string_view::npos;
    if (ooxml && (data.find("word/") != std::string_view::npos || ext == "docx"))
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ooxml && (data.find("xl/") != std::string_view::npos || ext == "xlsx"))
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ooxml && (data.find("ppt/") != std::string_view::npos || ext == "pptx"))
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return "application/zip";
}

std::string ole_type(const std::string& ext) {
    if (ext == "doc") return "application/msword";
    if (ext == "xls") return "application/vnd.ms-excel";
    if (ext == "ppt") return "application/vnd.ms-powerpoint";
    if (ext == "msg") return "application/vnd.ms-outlook";
    return "application/x-ole-storage";
}

// `cut`: head is the start of a longer file, so a sequence broken at its very end is not an error.
bool is_utf8_text(std::string_view head, bool cut) {
    if (head.find('\0') != std::string_view::npos) return false;
    for (std::size_t i = 0; i < head.size();) {
        const std::size_t at = i;
        if (utf8::decode(head, i) == utf8::invalid) {
            if (cut && head.size() - at < 4) break;
            return false;
        }
    }
    // Mostly printable: control bytes other than white space mean binary.
    const auto control = std::count_if(head.begin(), head.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7F;
    });
    return static_cast<std::size_t>(control) * 100 <= head.size();
}

// Characters that would let a name escape its folder, confuse a shell or a header, or spoof its extension.
bool drop_char(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0xFEFF;
}

bool replace_char(char32_t cp) {
    return cp == '/' || cp == '\\' || cp == ':' || cp == '*' || cp == '?' || cp == '"' || cp == '<' || cp == '>' || cp == '|';
}

bool is_reserved_windows_name(std::string_view stem) {
    std::string s(stem);
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (s == "CON" || s == "PRN" || s == "AUX" || s == "NUL") return true;
    return s.size() == 4 && (starts_with(s, "COM") || starts_with(s, "LPT")) && s[3] >= '1' && s[3] <= '9';
}

}  // namespace

std::string sniff_mime_type(std::string_view d, std::string_view file_name) {
    const std::string ext = lower_extension(file_name);
    if (starts_with(d, "\x89PNG\r\n\x1A\n")) return "image/png";
    if (starts_with(d, "\xFF\xD8\xFF")) return "image/jpeg";
    if (starts_with(d, "GIF87a") || starts_with(d, "GIF89a")) return "image/gif";
    if (starts_with(d, "RIFF") && d.size() >= 12) {
        const auto kind = d.substr(8, 4);
        if (kind == "WEBP") return "image/webp";
        if (kind == "WAVE") return "audio/wav";
        if (kind == "AVI ") return "video/x-msvideo";
    }
    if (starts_with(d, "BM") && d.size() >= 14 && d.substr(6, 4) == std::string_view("\0\0\0\0", 4)) return "image/bmp";
    if (starts_with(d, std::string_view("II*\0", 4)) || starts_with(d, std::string_view("MM\0*", 4))) return "image/tiff";
    if (starts_with(d, std::string_view("\0\0\1\0", 4)) && ext == "ico") return "image/x-icon";
    if (starts_with(d, "%PDF-")) return "application/pdf";
    if (starts_with(d, "PK\x03\x04")) return zip_type(d, ext);
    if (starts_with(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ole_type(ext);
    if (starts_with(d, "{\\rtf")) return "application/rtf";
    if (starts_with(d, "\x1F\x8B")) return "application/gzip";
    if (starts_with(d, "7z\xBC\xAF\x27\x1C")) return "application/x-7z-compressed";
    if (starts_with(d, "Rar!\x1A\x07")) return "application/vnd.rar";
    if (starts_with(d, "ID3") || starts_with(d, "\xFF\xFB") || starts_with(d, "\xFF\xF3") || starts_with(d, "\xFF\xF2"))
        return "audio/mpeg";
    if (d.size() >= 12 && d.substr(4, 4) == "ftyp") {
        const auto brand = d.substr(8, 4);
        if (brand == "M4A ") return "audio/mp4";
        if (brand == "qt  ") return "video/quicktime";
        if (brand == "heic" || brand == "heix" || brand == "mif1") return "image/heic";
        return "video/mp4";
    }
    if (starts_with(d, "OggS")) return "audio/ogg";
    if (starts_with(d, "\x1A\x45\xDF\xA3")) return "video/webm";
    if (starts_with(d, std::string_view("SQLite format 3\0", 16))) return "application/vnd.sqlite3";
    constexpr std::size_t text_sample = 64 * 1024;
    if (is_utf8_text(d.substr(0, text_sample), d.size() > text_sample)) return ext == "csv" ? "text/csv" : "text/plain";
    return "application/octet-stream";
}

std::string sanitize_file_name(std::string_view name) {
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string clean;
    for (std::size_t i = 0; i < name.size();) {
        const char32_t cp = utf8::decode(name, i);
        if (cp == utf8::invalid || drop_char(cp)) continue;
        if (replace_char(cp)) clean += '_';
        else utf8::append(clean, cp);
    }
    clean = text::collapse_whitespace(clean);
    std::size_t start = 0;
    while (start < clean.size() && (clean[start] == '.' || clean[start] == ' ')) ++start;
    clean.erase(0, start);
    while (!clean.empty() && (clean.back() == '.' || clean.back() == ' ')) clean.pop_back();
    if (clean.empty()) return "file";

    constexpr std::size_t max_chars = 180;
    if (utf8::length(clean) > max_chars) {
        const auto dot = clean.rfind('.');
        std::string ext = dot != std::string::npos && clean.size() - dot <= 16 ? clean.substr(dot) : std::string();
        std::string stem(utf8::truncate(clean, max_chars - utf8::length(ext)));
        while (!stem.empty() && (stem.back() == '.' || stem.back() == ' ')) stem.pop_back();
        clean = stem + ext;
    }
    const auto dot = clean.find('.');
    if (is_reserved_windows_name(std::string_view(clean).substr(0, dot))) clean = "_" + clean;
    return clean;
}

std::string content_disposition(std::string_view file_name, bool inline_display) {
    static const char* hex = "0123456789ABCDEF";
    std::string ascii, encoded;
    for (std::size_t i = 0; i < file_name.size();) {
        const char32_t cp = utf8::decode(file_name, i);
        if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') ascii += static_cast<char>(cp);
        else if (cp != utf8::invalid) ascii += '_';
    }
    for (unsigned char c : file_name) {
        if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    if (ascii.empty()) ascii = "file";
    return std::string(inline_display ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace tumen::files
