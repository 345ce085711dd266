// Whole-file checks before any record is read: is this UTF-8 text at all, and which delimiter does it use.
#include <array>

#include "tumen/csv.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::csv {

namespace {

Error file_error(std::string message) { return Error::make(ErrorCode::bad_request, std::move(message), "file"); }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

const char* save_as = " Open it in your spreadsheet and save it as \"CSV UTF-8 (comma delimited)\", then upload that file.";

struct Magic {
    std::string_view bytes;
    const char* what;
};

// Files people upload by mistake instead of CSV, by their first bytes.
constexpr std::array<Magic, 10> magics = {{
    {"PK\x03\x04", "a ZIP archive (an .xlsx, .ods or .docx file?)"},
    {std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "an old Excel .xls (or Word .doc) file"},
    {"%PDF", "a PDF document"},
    {"\x89PNG", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF8", "a GIF image"},
    {"\x1F\x8B", "a gzip archive"},
    {"7z\xBC\xAF", "a 7-Zip archive"},
    {"Rar!", "a RAR archive"},
    {"SQLite format 3", "an SQLite database"},
}};

bool is_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F; }

// Only white space: stops at the first other code point (text::trim would decode the whole upload: a quarter of
// parsing a 100,000-row file).
bool csv_check_blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (!text::is_space(utf8::decode(s, i))) return false;
    return true;
}

}  // namespace

std::string_view strip_bom(std::string_view data) { return starts_with(data, utf8_bom) ? data.substr(utf8_bom.size()) : data; }

std::optional<Error> check_file(std::string_view data, std::size_t sample_bytes) {
    if (csv_check_blank(strip_bom(data))) return file_error("The file is empty.");
    if (starts_with(data, std::string_view("\xFF\xFE\x00\x00", 4)) || starts_with(data, std::string_view("\x00\x00\xFE\xFF", 4)))
        return file_error(std::string("The file is UTF-32 text, not UTF-8.") + save_as);
    if (starts_with(data, "\xFF\xFE") || starts_with(data, "\xFE\xFF"))
        return file_error(std::string("The file is UTF-16 text (Excel's \"Unicode text\"), not UTF-8.") + save_as);
    for (const auto& m : magics)
        if (starts_with(data, m.bytes)) return file_error(std::string("The file is ") + m.what + ", not CSV text." + save_as);

    const std::string_view sample = data.substr(0, sample_bytes);
    // UTF-16 without a byte-order mark: every other byte is the high byte of a code unit, which is 0x00 for
    // ASCII and 0x04 for Cyrillic; in UTF-8 text those bytes are rare.
    const std::size_t pairs = std::min<std::size_t>(sample.size(), 4096) / 2;
    std::size_t even_high = 0, odd_high = 0, nul = 0, control = 0;
    auto is_high = [](char c) { return c == '\0' || c == '\x04'; };
    for (std::size_t i = 0; i < pairs; ++i) {
        even_high += is_high(sample[2 * i]);
        odd_high += is_high(sample[2 * i + 1]);
    }
    const bool le = odd_high * 10 >= pairs * 6 && even_high * 10 <= pairs * 2;
    const bool be = even_high * 10 >= pairs * 6 && odd_high * 10 <= pairs * 2;
    if (pairs >= 2 && (le || be))
        return file_error(std::string("The file looks like UTF-16 text without a byte-order mark, not UTF-8.") + save_as);
    for (unsigned char c : sample) {
        nul += c == 0;
        control += is_control(c);
    }
    if (nul > 0 || control * 100 > sample.size())
        return file_error("The file holds binary data (" + std::to_string(nul) + " NUL and " + std::to_string(control) +
                          " control bytes in its first " + std::to_string(sample.size()) + " bytes), not CSV text.");

    // A single-byte code page (Windows-1251 for Cyrillic) has no valid multi-byte UTF-8 sequence but many
    // invalid ones; a few bad bytes among good text are left to the per-row check instead.
    std::size_t valid_multi = 0, invalid = 0;
    // A sample cut inside a sequence is not the file's fault: stop three bytes early unless it is the whole file.
    const std::size_t end = sample.size() < data.size() && sample.size() > 3 ? sample.size() - 3 : sample.size();
    for (std::size_t i = 0; i < end;) {
        const std::size_t before = i;
        const char32_t cp = utf8::decode(sample, i);
        if (cp == utf8::invalid) ++invalid;
        else if (i - before > 1) ++valid_multi;
    }
    if (invalid >= 3 && invalid > valid_multi)
        return file_error("The file is not UTF-8 text (" + std::to_string(invalid) +
                          " invalid bytes; it looks like a single-byte encoding such as Windows-1251)." + save_as);
    return std::nullopt;
}

char detect_delimiter(std::string_view data) {
    constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
    std::array<std::size_t, 4> counts{};
    bool quoted = false;
    const std::size_t limit = std::min<std::size_t>(data.size(), 64 * 1024);
    for (std::size_t i = 0; i < limit; ++i) {
        const char c = data[i];
        if (c == '"') quoted = !quoted;  // "" inside quotes toggles twice: no change
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted)
            for (std::size_t k = 0; k < candidates.size(); ++k) counts[k] += c == candidates[k];
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < candidates.size(); ++k)
        if (counts[k] > counts[best]) best = k;
    return counts[best] > 0 ? candidates[best] : ',';
}

}  // namespace tumen::csv
