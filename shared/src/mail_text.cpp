#include "tumen/mail_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "tumen/utf8.hpp"

namespace tumen {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return lower(x) == lower(y);
           });
}

struct Entity {
    std::string_view name;
    char32_t cp;
};
constexpr std::array<Entity, 20> entities{{{"amp", '&'},       {"lt", '<'},         {"gt", '>'},
                                           {"quot", '"'},      {"apos", '\''},      {"nbsp", 0xA0},
                                           {"copy", 0xA9},     {"reg", 0xAE},       {"laquo", 0xAB},
                                           {"raquo", 0xBB},    {"ndash", 0x2013},   {"mdash", 0x2014},
                                           {"hellip", 0x2026}, {"lsquo", 0x2018},   {"rsquo", 0x2019},
                                           {"ldquo", 0x201C},  {"rdquo", 0x201D},   {"bull", 0x2022},
                                           {"euro", 0x20AC},   {"trade", 0x2122}}};

// Decodes the entity starting at s[i] == '&'; on success appends it and advances i past ';'.
bool decode_entity(std::string_view s, std::size_t& i, std::string& out) {
    const auto semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) return false;
    const auto body = s.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (body.size() >= 2 && body[0] == '#') {
        const bool hex = body[1] == 'x' || body[1] == 'X';
        const auto digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return false;
        uint32_t v = 0;
        for (char c : digits) {
            int d = -1;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (hex && lower(c) >= 'a' && lower(c) <= 'f') d = lower(c) - 'a' + 10;
            if (d < 0 || v > 0x10FFFF) return false;
            v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
        }
        cp = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : v;
    } else {
        const auto it = std::find_if(entities.begin(), entities.end(), [&](const Entity& e) { return e.name == body; });
        if (it == entities.end()) return false;
        cp = it->cp;
    }
    utf8::append(out, cp == 0xA0 ? U' ' : cp);
    i = semi;
    return true;
}

// Tags that start a new line of text (closing or opening).
bool is_block(std::string_view tag) {
    static constexpr std::array<std::string_view, 24> blocks{
        "p",  "div", "br", "li", "ul", "ol",    "tr",    "table", "h1",         "h2",  "h3",     "h4",
        "h5", "h6",  "hr", "dt", "dd", "title", "blockquote", "pre", "section", "article", "header", "footer"};
    return std::any_of(blocks.begin(), blocks.end(), [&](std::string_view b) { return iequals(b, tag); });
}

bool is_skipped(std::string_view tag) {
    return iequals(tag, "script") || iequals(tag, "style") || iequals(tag, "head");
}

std::string attribute(std::string_view tag_text, std::string_view name) {
    // tag_text is the inside of <...>; find name= followed by a quoted or bare value.
    std::string lowered(tag_text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), lower);
    std::size_t pos = 0;
    while ((pos = lowered.find(name, pos)) != std::string::npos) {
        const bool word_start = pos > 0 && (lowered[pos - 1] == ' ' || lowered[pos - 1] == '\t' || lowered[pos - 1] == '\n');
        auto p = pos + name.size();
        while (p < lowered.size() && lowered[p] == ' ') ++p;
        if (!word_start || p >= lowered.size() || lowered[p] != '=') { pos += name.size(); continue; }
        ++p;
        while (p < lowered.size() && lowered[p] == ' ') ++p;
        if (p >= tag_text.size()) return {};
        if (tag_text[p] == '"' || tag_text[p] == '\'') {
            const auto end = tag_text.find(tag_text[p], p + 1);
            return std::string(tag_text.substr(p + 1, end == std::string_view::npos ? std::string_view::npos : end - p - 1));
        }
        const auto end = tag_text.find_first_of(" \t\r\n>", p);
        return std::string(tag_text.substr(p, end == std::string_view::npos ? std::string_view::npos : end - p));
    }
    return {};
}

class TextBuilder {
public:
    void text(std::string_view s) {
        for (char c : s) {
            if (pre_ ? (c == '\r') : (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                if (!pre_) pending_space_ = true;
                continue;
            }
            if (pre_ && c == '\n') { newline(); continue; }
            if (pending_space_ && !out_.empty() && out_.back() != '\n') out_ += ' ';
            pending_space_ = false;
            out_ += c;
        }
    }
    void raw(std::string_view s) {
        if (pending_space_ && !out_.empty() && out_.back() != '\n') out_ += ' ';
        pending_space_ = false;
        out_ += s;
    }
    void newline() {
        pending_space_ = false;
        while (!out_.empty() && out_.back() == ' ') out_.pop_back();
        out_ += '\n';
    }
    // Ends the current line so that at least `lines` line breaks precede the next text (2 = an empty line).
    void ensure_breaks(int lines) {
        pending_space_ = false;
        while (!out_.empty() && out_.back() == ' ') out_.pop_back();
        if (out_.empty()) return;
        int have = 0;
        for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
        for (; have < lines; ++have) out_ += '\n';
    }
    void set_pre(bool on) { pre_ = on; }
    std::string finish() {
        // At most one empty line in a row; no trailing spaces on lines; trimmed ends.
        std::string result;
        int newlines = 0;
        for (char c : out_) {
            if (c == '\n') {
                while (!result.empty() && result.back() == ' ') result.pop_back();
                if (++newlines <= 2 && !result.empty()) result += '\n';
                continue;
            }
            newlines = 0;
            result += c;
        }
        while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
        return result;
    }

private:
    std::string out_;
    bool pending_space_ = false;
    bool pre_ = false;
};

}  // namespace

std::string html_to_text(std::string_view html) {
    TextBuilder b;
    std::string href;
    std::string link_text;
    bool in_link = false;
    std::string chunk;  // text with entities decoded, flushed at each tag
    auto flush = [&] {
        if (in_link) link_text += chunk;
        b.text(chunk);
        chunk.clear();
    };
    for (std::size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '&') {
            if (!decode_entity(html, i, chunk)) chunk += '&';
            continue;
        }
        if (c != '<') { chunk += c; continue; }
        flush();
        if (html.substr(i, 4) == "<!--") {
            const auto end = html.find("-->", i + 4);
            i = end == std::string_view::npos ? html.size() : end + 2;
            continue;
        }
        const auto close = html.find('>', i + 1);
        if (close == std::string_view::npos) break;
        const auto inner = html.substr(i + 1, close - i - 1);
        i = close;
        const bool closing = !inner.empty() && inner[0] == '/';
        auto name_start = closing ? 1u : 0u;
        auto name_end = inner.find_first_of(" \t\r\n/", name_start);
        if (name_end == std::string_view::npos) name_end = inner.size();
        const auto tag = inner.substr(name_start, name_end - name_start);
        if (tag.empty() || tag[0] == '!' || tag[0] == '?') continue;
        if (!closing && is_skipped(tag)) {
            // Skip to the matching close tag; their content is never text a reader wants.
            const std::string end_tag = "</" + std::string(tag);
            std::size_t p = i + 1;
            while (p < html.size()) {
                const auto lt = html.find("</", p);
                if (lt == std::string_view::npos) { p = html.size(); break; }
                if (iequals(html.substr(lt, end_tag.size()), end_tag)) {
                    const auto gt = html.find('>', lt);
                    p = gt == std::string_view::npos ? html.size() : gt;
                    break;
                }
                p = lt + 2;
            }
            i = p;
            continue;
        }
        if (iequals(tag, "a")) {
            if (!closing) {
                href = attribute(inner, "href");
                link_text.clear();
                in_link = true;
            } else if (in_link) {
                in_link = false;
                const bool web = href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0;
                if (web && link_text.find(href) == std::string::npos) b.raw(" (" + href + ")");
            }
            continue;
        }
        if (iequals(tag, "pre")) { b.ensure_breaks(1); b.set_pre(!closing); continue; }
        if (iequals(tag, "td") || iequals(tag, "th")) { if (closing) b.raw(" "); continue; }
        if (iequals(tag, "br")) { b.newline(); continue; }
        if (is_block(tag)) {
            const bool paragraph = iequals(tag, "p") || iequals(tag, "h1") || iequals(tag, "h2") || iequals(tag, "h3") ||
                                   iequals(tag, "blockquote");
            b.ensure_breaks(paragraph ? 2 : 1);
            if (!closing && iequals(tag, "li")) b.raw("- ");
            continue;
        }
    }
    flush();
    return b.finish();
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string text_to_html(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out += html_escape(line);
        if (end < text.size()) out += "<br>\n";
        start = end + 1;
    }
    return out;
}

}  // namespace tumen
