#include "tumen/mail_address.hpp"

#include "tumen/text_fold.hpp"

namespace tumen {
namespace {

// One entry's raw text split into the parts we keep: the text outside <> (display name, quotes resolved),
// the text inside <>, and comment text (old style "bat@gobi.mn (Bat)" names).
struct Entry {
    std::string phrase;
    std::string angle;
    std::string comment;
    bool has_angle = false;
};

NamedAddress finish(Entry& e) {
    NamedAddress out;
    if (e.has_angle) {
        out.email = std::string(text::trim(e.angle));
        out.name = text::collapse_whitespace(e.phrase);
    } else {
        out.email = std::string(text::trim(e.phrase));
        out.name = text::collapse_whitespace(e.comment);
    }
    // Spaces inside a bare address come from folding ("bat @ gobi.mn"); they are never meaningful there.
    std::string compact;
    for (char c : out.email)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
    out.email = std::move(compact);
    if (out.name.empty() && e.has_angle) out.name = text::collapse_whitespace(e.comment);
    return out;
}

}  // namespace

std::vector<NamedAddress> parse_address_list(std::string_view text) {
    std::vector<NamedAddress> out;
    Entry e;
    bool in_group = false;
    auto flush = [&] {
        auto a = finish(e);
        if (!a.email.empty()) out.push_back(std::move(a));
        e = Entry{};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            // Quoted string: copy verbatim until the closing quote, resolving backslash escapes.
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) ++i;
                e.phrase += text[i];
            }
            continue;
        }
        if (c == '(') {
            int depth = 1;
            std::string comment;
            for (++i; i < text.size() && depth > 0; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) { comment += text[++i]; continue; }
                if (text[i] == '(') ++depth;
                if (text[i] == ')' && --depth == 0) break;
                comment += text[i];
            }
            if (!e.comment.empty()) e.comment += ' ';
            e.comment += comment;
            continue;
        }
        if (c == '<') {
            e.has_angle = true;
            e.angle.clear();
            for (++i; i < text.size() && text[i] != '>'; ++i) e.angle += text[i];
            continue;
        }
        if (c == ':' && !in_group && !e.has_angle && e.phrase.find('@') == std::string::npos) {
            // "Group name:" - the phrase so far names the group, not an address.
            in_group = true;
            e = Entry{};
            continue;
        }
        if (c == ',' || c == ';') {
            flush();
            if (c == ';') in_group = false;
            continue;
        }
        if (e.has_angle) continue;  // text after <addr> before the separator is ignored
        e.phrase += c;
    }
    flush();
    return out;
}

std::string format_address(const NamedAddress& address) {
    const auto name = text::collapse_whitespace(address.name);
    if (name.empty()) return address.email;
    bool needs_quotes = false;
    for (unsigned char c : name) {
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')
            continue;
        static constexpr std::string_view atext_extra = "!#$%&'*+-/=?^_`{|}~";
        if (atext_extra.find(static_cast<char>(c)) != std::string_view::npos) continue;
        needs_quotes = true;
    }
    std::string out;
    if (needs_quotes) {
        out += '"';
        for (char c : name) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    } else {
        out += name;
    }
    out += " <";
    out += address.email;
    out += '>';
    return out;
}

std::string format_address_list(const std::vector<NamedAddress>& addresses) {
    std::string out;
    for (const auto& a : addresses) {
        if (!out.empty()) out += ", ";
        out += format_address(a);
    }
    return out;
}

}  // namespace tumen
