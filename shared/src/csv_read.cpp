// CSV records out of text in memory: a small state machine that copies unquoted fields in one piece.
#include "tumen/csv.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::csv {

namespace {

// Line breaks inside a chunk of text: LF, CRLF (counted once) and a lone CR.
std::size_t count_line_breaks(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n') ++n;
        else if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) ++n;
    }
    return n;
}

// Inside a field, CRLF and CR become LF, so multi-line notes look the same whichever program saved them.
void append_normalised(std::string& out, std::string_view chunk) {
    if (chunk.find('\r') == std::string_view::npos) {
        out.append(chunk);
        return;
    }
    for (std::size_t i = 0; i < chunk.size(); ++i) {
        if (chunk[i] != '\r') out += chunk[i];
        else if (i + 1 == chunk.size() || chunk[i + 1] != '\n') out += '\n';
    }
}

}  // namespace

Reader::Reader(std::string_view text, char delimiter) : text_(text), delim_(delimiter) {}

bool Reader::next(Record& out) {
    const std::size_t n = text_.size();
    auto field_end = [&](std::size_t from) {
        std::size_t e = from;
        while (e < n) {
            const char c = text_[e];
            if (c == delim_ || c == '\n' || c == '\r') break;
            ++e;
        }
        return e;
    };
    while (pos_ < n) {
        out.fields.clear();
        out.error.clear();
        out.line = line_;
        bool blank = true;
        std::size_t bad_utf8_column = 0;
        std::size_t unterminated_line = 0;
        for (;;) {
            std::string field;
            if (pos_ < n && text_[pos_] == '"') {
                const std::size_t opened_on = line_;
                ++pos_;
                for (;;) {
                    const std::size_t q = text_.find('"', pos_);
                    if (q == std::string_view::npos) {
                        const std::string_view rest = text_.substr(pos_);
                        line_ += count_line_breaks(rest);
                        append_normalised(field, rest);
                        pos_ = n;
                        unterminated_line = opened_on;
                        break;
                    }
                    const std::string_view chunk = text_.substr(pos_, q - pos_);
                    line_ += count_line_breaks(chunk);
                    append_normalised(field, chunk);
                    pos_ = q + 1;
                    if (pos_ < n && text_[pos_] == '"') {  // "" is one quote
                        field += '"';
                        ++pos_;
                        continue;
                    }
                    break;
                }
                // Text after the closing quote ("abc"def) is kept, as spreadsheets do.
                const std::size_t e = field_end(pos_);
                field.append(text_.substr(pos_, e - pos_));
                pos_ = e;
                blank = false;  // "" is a value someone wrote
            } else {
                const std::size_t e = field_end(pos_);
                field.assign(text_.substr(pos_, e - pos_));
                pos_ = e;
                if (!text::trim(field).empty()) blank = false;
            }
            if (!bad_utf8_column && !utf8::is_valid(field)) bad_utf8_column = out.fields.size() + 1;
            out.fields.push_back(std::move(field));
            if (pos_ >= n) break;
            const char c = text_[pos_];
            if (c == delim_) {
                ++pos_;
                continue;
            }
            ++pos_;
            if (c == '\r' && pos_ < n && text_[pos_] == '\n') ++pos_;
            ++line_;
            break;
        }
        if (blank && !unterminated_line) continue;
        if (unterminated_line)
            out.error = "a quoted field opened on line " + std::to_string(unterminated_line) +
                        " is never closed (a missing \")";
        else if (bad_utf8_column)
            out.error = "column " + std::to_string(bad_utf8_column) + " is not valid UTF-8 text";
        return true;
    }
    return false;
}

Result<Table> parse(std::string_view data, const ParseOptions& options) {
    if (auto bad = check_file(data)) return *bad;
    const std::string_view text = strip_bom(data);
    Table t;
    t.delimiter = options.delimiter ? options.delimiter : detect_delimiter(text);
    Reader reader(text, t.delimiter);
    Record rec;
    if (!reader.next(rec)) return Error::make(ErrorCode::bad_request, "The file has no header row", "file");
    if (!rec.error.empty())
        return Error::make(ErrorCode::bad_request, "The header row (line " + std::to_string(rec.line) + "): " + rec.error, "file");
    for (auto& h : rec.fields) t.header.emplace_back(text::trim(h));
    // Spreadsheets often save trailing empty columns; they are not part of the header.
    while (!t.header.empty() && t.header.back().empty()) t.header.pop_back();
    if (t.header.empty()) return Error::make(ErrorCode::bad_request, "The header row is empty", "file");
    const std::size_t width = t.header.size();
    while (reader.next(rec)) {
        if (t.rows.size() >= options.max_records) {
            t.truncated = true;
            break;
        }
        if (rec.error.empty() && rec.fields.size() > width) {
            // Trailing empty cells (from "a,b,," in Excel exports) are not extra data.
            std::size_t used = rec.fields.size();
            while (used > width && text::trim(rec.fields[used - 1]).empty()) --used;
            rec.fields.resize(used);
        }
        if (rec.error.empty() && rec.fields.size() != width)
            rec.error = "has " + std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(width);
        t.rows.push_back(std::move(rec));
        rec = Record{};
    }
    return t;
}

}  // namespace tumen::csv
