// Hand-written lexer and recursive-descent parser for the filter language (grammar: shared/FILTER.md).
// Every error names a byte position and what was expected; input is never trusted to be valid UTF-8,
// short, or shallow (see the limits in filter_parse.hpp).
#include "tumen/filter_parse.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "tumen/filter_error.hpp"
#include "tumen/utf8.hpp"

namespace tumen::filter {
namespace {

enum class Tok { end, word, string, integer, decimal, duration, lparen, rparen, comma, plus, minus, op };

struct Token {
    Tok kind = Tok::end;
    std::size_t pos = 0;
    std::size_t len = 0;
    std::string text;            // word: as written; string: the decoded value
    std::uint64_t magnitude = 0; // integer, duration amount
    double number = 0;           // decimal
    TimeUnit unit = TimeUnit::day;
    Op op = Op::eq;              // op: = != < <= > >=
};

// Thrown inside the parser only, turned into an Error by parse(): keeps every rule a straight line.
// The message is a catalog key ("filter.list_empty", worded under "api." in i18n_catalog_*.cpp) and its arguments.
struct SyntaxError {
    std::size_t pos;
    std::string key;
    i18n::Args args;
};

[[noreturn]] void fail(std::size_t pos, std::string key, i18n::Args args = {}) {
    throw SyntaxError{pos, std::move(key), std::move(args)};
}

i18n::Args operator+(i18n::Args a, const i18n::Args& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// How a character the lexer cannot use is named in a message ({_char}): the character itself when it is
// printable UTF-8, its byte value otherwise (messages end up in JSON, so they must stay valid UTF-8).
i18n::Args describe_char(std::string_view text, std::size_t pos) {
    std::size_t i = pos;
    const char32_t cp = utf8::decode(text, i);
    if (cp == utf8::invalid || cp < 0x20 || cp == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(text[pos]));
        return {{"_char", "api.filter.char.byte"}, {"byte", buf}};
    }
    return {{"_char", "api.filter.char.shown"}, {"char", "'" + std::string(text.substr(pos, i - pos)) + "'"}};
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : s_(text) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_space();
            Token t;
            t.pos = i_;
            if (i_ >= s_.size()) {
                out.push_back(t);
                return out;
            }
            const char c = s_[i_];
            if (is_word_start(c)) {
                lex_word(t);
            } else if (is_digit(c)) {
                lex_number(t);
            } else if (c == '"' || c == '\'') {
                lex_string(t);
            } else {
                lex_punct(t);
            }
            t.len = i_ - t.pos;
            out.push_back(std::move(t));
        }
    }

private:
    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }

    // A field path (stage.is_won) or a keyword; keywords are recognised later, by the parser.
    void lex_word(Token& t) {
        t.kind = Tok::word;
        for (;;) {
            while (i_ < s_.size() && is_word_char(s_[i_])) ++i_;
            if (i_ + 1 < s_.size() && s_[i_] == '.' && is_word_start(s_[i_ + 1])) {
                ++i_;
                continue;
            }
            if (i_ < s_.size() && s_[i_] == '.') fail(i_ + 1, "filter.field_after_dot");
            break;
        }
        t.text = std::string(s_.substr(t.pos, i_ - t.pos));
    }

    void lex_number(Token& t) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        bool is_decimal = false;
        if (i_ < s_.size() && s_[i_] == '.') {
            if (i_ + 1 >= s_.size() || !is_digit(s_[i_ + 1])) fail(i_ + 1, "filter.decimal_digits");
            is_decimal = true;
            ++i_;
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            std::size_t j = i_ + 1;
            if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
            if (j < s_.size() && is_digit(s_[j])) {
                is_decimal = true;
                i_ = j;
                while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
            }
        }
        const std::string lexeme(s_.substr(start, i_ - start));
        if (i_ < s_.size() && is_word_char(s_[i_])) {
            if (is_decimal) fail(i_, "filter.char_after_number", describe_char(s_, i_));
            lex_duration(t, lexeme);
            return;
        }
        if (is_decimal) {
            errno = 0;
            const double v = std::strtod(lexeme.c_str(), nullptr);
            if (errno == ERANGE || !std::isfinite(v)) fail(start, "filter.number_range", {{"number", lexeme}});
            t.kind = Tok::decimal;
            t.number = v;
            return;
        }
        t.kind = Tok::integer;
        t.magnitude = read_magnitude(lexeme, start);
    }

    // 30d, 2w, 1m, 1y, 12h: a time offset, only valid after today/now (the parser checks where it stands).
    void lex_duration(Token& t, const std::string& digits) {
        const std::size_t unit_pos = i_;
        while (i_ < s_.size() && is_word_char(s_[i_])) ++i_;
        const std::string_view unit = s_.substr(unit_pos, i_ - unit_pos);
        if (unit == "h") t.unit = TimeUnit::hour;
        else if (unit == "d") t.unit = TimeUnit::day;
        else if (unit == "w") t.unit = TimeUnit::week;
        else if (unit == "m") t.unit = TimeUnit::month;
        else if (unit == "y") t.unit = TimeUnit::year;
        else fail(unit_pos, "filter.time_unit", {{"unit", std::string(unit)}});
        t.kind = Tok::duration;
        t.magnitude = read_magnitude(digits, t.pos);
        if (t.magnitude > static_cast<std::uint64_t>(max_time_offset))
            fail(t.pos, "filter.offset_too_large", {{"offset", digits}, {"max", std::to_string(max_time_offset)}});
    }

    // Up to 2^63, so that -9223372036854775808 can be written; the parser rejects 2^63 without a minus.
    std::uint64_t read_magnitude(const std::string& digits, std::size_t pos) {
        constexpr std::uint64_t limit = std::uint64_t{1} << 63;
        std::uint64_t v = 0;
        for (char c : digits) {
            const auto d = static_cast<std::uint64_t>(c - '0');
            if (v > (limit - d) / 10) fail(pos, "filter.number_too_large", {{"number", digits}});
            v = v * 10 + d;
        }
        return v;
    }

    void lex_string(Token& t) {
        const char quote = s_[i_++];
        t.kind = Tok::string;
        for (;;) {
            if (i_ >= s_.size()) fail(t.pos, "filter.text_unclosed", {{"quote", std::string(1, quote)}});
            const char c = s_[i_];
            if (c == quote) {
                ++i_;
                return;
            }
            if (c == '\\') {
                lex_escape(t.text);
                continue;
            }
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x20) fail(i_, "filter.control_char");
            const std::size_t start = i_;
            if (utf8::decode(s_, i_) == utf8::invalid) fail(start, "filter.bad_utf8");
            t.text.append(s_.substr(start, i_ - start));
        }
    }

    void lex_escape(std::string& out) {
        const std::size_t at = i_++;
        if (i_ >= s_.size()) fail(at, "filter.escape_unfinished");
        const char e = s_[i_];
        if (static_cast<unsigned char>(e) >= 0x80 || static_cast<unsigned char>(e) < 0x20)
            fail(at, "filter.escape_unknown_char", describe_char(s_, i_));
        ++i_;
        switch (e) {
            case '"': out += '"'; return;
            case '\'': out += '\''; return;
            case '\\': out += '\\'; return;
            case '/': out += '/'; return;
            case 'n': out += '\n'; return;
            case 't': out += '\t'; return;
            case 'r': out += '\r'; return;
            case 'b': out += '\b'; return;
            case 'f': out += '\f'; return;
            case 'u': break;
            default: fail(at, "filter.escape_unknown", {{"escape", std::string(1, e)}});
        }
        char32_t cp = read_hex4(at);
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair spells a code point above U+FFFF
            if (i_ + 1 >= s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u')
                fail(at, "filter.surrogate_high");
            i_ += 2;
            const char32_t low = read_hex4(at);
            if (low < 0xDC00 || low > 0xDFFF) fail(at, "filter.surrogate_low");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail(at, "filter.surrogate_lone");
        }
        if (cp == 0) fail(at, "filter.nul");
        utf8::append(out, cp);
    }

    char32_t read_hex4(std::size_t at) {
        char32_t v = 0;
        for (int k = 0; k < 4; ++k, ++i_) {
            if (i_ >= s_.size()) fail(at, "filter.u_digits");
            const char h = s_[i_];
            int d;
            if (h >= '0' && h <= '9') d = h - '0';
            else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
            else fail(at, "filter.u_digits");
            v = v * 16 + static_cast<char32_t>(d);
        }
        return v;
    }

    void lex_punct(Token& t) {
        const char c = s_[i_];
        const char n = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
        auto op = [&](Op o, std::size_t len) {
            t.kind = Tok::op;
            t.op = o;
            i_ += len;
        };
        switch (c) {
            case '(': t.kind = Tok::lparen; ++i_; return;
            case ')': t.kind = Tok::rparen; ++i_; return;
            case ',': t.kind = Tok::comma; ++i_; return;
            case '+': t.kind = Tok::plus; ++i_; return;
            case '-': t.kind = Tok::minus; ++i_; return;
            case '=': return op(Op::eq, n == '=' ? 2 : 1);  // `==` is forgiven
            case '!':
                if (n == '=') return op(Op::ne, 2);
                fail(i_, "filter.bang");
            case '<':
                if (n == '=') return op(Op::le, 2);
                if (n == '>') return op(Op::ne, 2);
                return op(Op::lt, 1);
            case '>':
                if (n == '=') return op(Op::ge, 2);
                return op(Op::gt, 1);
            default:
                fail(i_, "filter.unexpected_char", describe_char(s_, i_));
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

class Parser {
public:
    Parser(std::string_view text, std::vector<Token> tokens) : s_(text), t_(std::move(tokens)) {}

    Expr run() {
        if (peek().kind == Tok::end) return Expr{};
        Expr e = parse_or(0);
        if (peek().kind == Tok::rparen) fail(peek().pos, "filter.unmatched_close");
        if (peek().kind != Tok::end) fail(peek().pos, "filter.expected_and_or", found(peek()));
        return e;
    }

private:
    const Token& peek(std::size_t ahead = 0) const {
        const std::size_t k = k_ + ahead;
        return k < t_.size() ? t_[k] : t_.back();
    }
    const Token& next() {
        const Token& t = t_[k_];
        if (k_ + 1 < t_.size()) ++k_;
        return t;
    }

    // Keywords are case-insensitive; a dotted word is always a field.
    static bool is_keyword(const Token& t, std::string_view kw) {
        if (t.kind != Tok::word || t.text.size() != kw.size()) return false;
        for (std::size_t i = 0; i < kw.size(); ++i) {
            char c = t.text[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != kw[i]) return false;
        }
        return true;
    }
    static bool is_any_keyword(const Token& t) {
        static constexpr std::string_view keywords[] = {
            "and", "or", "not", "in", "not_in", "is", "null", "true", "false", "contains",
            "starts_with", "ends_with", "has", "today", "now", "me", "this_week", "this_month",
            "this_quarter", "this_year"};
        for (auto kw : keywords)
            if (is_keyword(t, kw)) return true;
        return false;
    }

    // The token as written, quoted and cut short.
    std::string lexeme(const Token& t) const {
        const std::string_view raw = s_.substr(t.pos, t.len);
        const std::string_view shown = utf8::truncate(raw, 24);
        return "'" + std::string(shown) + (shown.size() < raw.size() ? "...'" : "'");
    }

    // What was found instead ({_found}): the end, a text value, or the token as written.
    i18n::Args found(const Token& t) const {
        if (t.kind == Tok::end) return {{"_found", "api.filter.found.end"}};
        if (t.kind == Tok::string) return {{"_found", "api.filter.found.text"}};
        return {{"_found", "api.filter.found.token"}, {"token", lexeme(t)}};
    }

    void enter(std::size_t depth, std::size_t pos) const {
        if (depth >= max_nesting)
            fail(pos, "filter.too_deep", {{"max", std::to_string(max_nesting)}});
    }

    Expr parse_or(std::size_t depth) {
        std::vector<Expr> parts;
        parts.push_back(parse_and(depth));
        while (is_keyword(peek(), "or")) {
            next();
            parts.push_back(parse_and(depth));
        }
        return parts.size() == 1 ? std::move(parts.front()) : any_of(std::move(parts));
    }

    Expr parse_and(std::size_t depth) {
        std::vector<Expr> parts;
        parts.push_back(parse_not(depth));
        while (is_keyword(peek(), "and")) {
            next();
            parts.push_back(parse_not(depth));
        }
        return parts.size() == 1 ? std::move(parts.front()) : all_of(std::move(parts));
    }

    Expr parse_not(std::size_t depth) {
        if (!is_keyword(peek(), "not")) return parse_primary(depth);
        const std::size_t pos = next().pos;
        enter(depth, pos);
        Expr e = negate(parse_not(depth + 1));
        e.position = pos;
        return e;
    }

    Expr parse_primary(std::size_t depth) {
        const Token& t = peek();
        if (t.kind == Tok::lparen) {
            const std::size_t open = next().pos;
            enter(depth, open);
            Expr e = parse_or(depth + 1);
            if (peek().kind != Tok::rparen)
                fail(peek().pos, "filter.expected_close", i18n::Args{{"open", std::to_string(open)}} + found(peek()));
            next();
            return e;
        }
        if (is_keyword(t, "true")) {
            next();
            return Expr{};
        }
        if (is_keyword(t, "false")) {
            const std::size_t pos = next().pos;
            Expr e = negate(Expr{});
            e.position = pos;
            return e;
        }
        if (t.kind == Tok::word && !is_any_keyword(t)) return parse_comparison();
        if (t.kind == Tok::end) fail(t.pos, "filter.unexpected_end");
        fail(t.pos, "filter.expected_condition", found(t));
    }

    Expr parse_comparison() {
        if (++comparisons_ > max_comparisons)
            fail(peek().pos, "filter.too_many", {{"max", std::to_string(max_comparisons)}});
        const Token& field = next();
        Expr e = compare(field.text, Op::eq);
        e.position = field.pos;
        Comparison& c = e.comparison;
        c.position = field.pos;
        const Token& t = peek();
        if (t.kind == Tok::op) {
            next();
            c.op = t.op;
            if (is_keyword(peek(), "null")) {
                if (t.op != Op::eq && t.op != Op::ne)
                    fail(peek().pos, "filter.null_compare", {{"op", to_string(t.op)}});
                next();
                c.op = t.op == Op::eq ? Op::is_null : Op::is_not_null;
                return e;
            }
            add_value(c, t);
        } else if (is_keyword(t, "contains") || is_keyword(t, "starts_with") || is_keyword(t, "ends_with") ||
                   is_keyword(t, "has")) {
            next();
            c.op = is_keyword(t, "contains") ? Op::contains
                   : is_keyword(t, "has")    ? Op::has
                   : is_keyword(t, "starts_with") ? Op::starts_with
                                                  : Op::ends_with;
            add_value(c, t);
        } else if (is_keyword(t, "in") || is_keyword(t, "not_in")) {
            next();
            c.op = is_keyword(t, "in") ? Op::in : Op::not_in;
            parse_list(c, t);
        } else if (is_keyword(t, "not")) {
            next();
            if (!is_keyword(peek(), "in")) fail(peek().pos, "filter.expected_in");
            const Token& in = next();
            c.op = Op::not_in;
            parse_list(c, in);
        } else if (is_keyword(t, "is")) {
            next();
            c.op = Op::is_null;
            if (is_keyword(peek(), "not")) {
                next();
                c.op = Op::is_not_null;
            }
            if (!is_keyword(peek(), "null")) fail(peek().pos, "filter.expected_null");
            next();
        } else {
            fail(t.pos, "filter.expected_operator", i18n::Args{{"field", field.text}} + found(t));
        }
        return e;
    }

    void add_value(Comparison& c, const Token& after) {
        c.value_positions.push_back(peek().pos);
        c.values.push_back(parse_value(after));
    }

    void parse_list(Comparison& c, const Token& op) {
        if (peek().kind != Tok::lparen)
            fail(peek().pos, "filter.expected_list", {{"op", to_string(c.op)}});
        const std::size_t open = next().pos;
        if (peek().kind == Tok::rparen) fail(peek().pos, "filter.list_empty");
        for (;;) {
            add_value(c, op);
            if (peek().kind == Tok::comma) {
                next();
                continue;
            }
            if (peek().kind == Tok::rparen) {
                next();
                return;
            }
            fail(peek().pos, "filter.expected_list_close", i18n::Args{{"open", std::to_string(open)}} + found(peek()));
        }
    }

    Literal parse_value(const Token& after) {
        const Token& t = peek();
        const std::string where = lexeme(after);
        switch (t.kind) {
            case Tok::string: next(); return t.text;
            case Tok::integer: next(); return signed_integer(t, false);
            case Tok::decimal: next(); return t.number;
            case Tok::minus:
            case Tok::plus: {
                next();
                const Token& n = peek();
                if (n.kind == Tok::integer) return next(), signed_integer(n, t.kind == Tok::minus);
                if (n.kind == Tok::decimal) return next(), (t.kind == Tok::minus ? -n.number : n.number);
                fail(n.pos, "filter.expected_number", {{"sign", t.kind == Tok::minus ? "-" : "+"}});
            }
            case Tok::duration:
                fail(t.pos, "filter.offset_needs_base", {{"token", lexeme(t)}});
            default: break;
        }
        if (is_keyword(t, "true") || is_keyword(t, "false")) {
            next();
            return is_keyword(t, "true");
        }
        if (is_keyword(t, "me")) {
            next();
            return CurrentUser{};
        }
        if (is_keyword(t, "today") || is_keyword(t, "now") || period_base(t)) return parse_relative_time();
        if (is_keyword(t, "null")) fail(t.pos, "filter.null_value");
        fail(t.pos, "filter.expected_value", i18n::Args{{"after", where}} + found(t));
    }

    std::int64_t signed_integer(const Token& t, bool negative) const {
        constexpr std::uint64_t limit = std::uint64_t{1} << 63;
        if (negative) return t.magnitude == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(t.magnitude);
        if (t.magnitude == limit) fail(t.pos, "filter.number_too_large", {{"number", std::string(s_.substr(t.pos, t.len))}});
        return static_cast<std::int64_t>(t.magnitude);
    }

    // this_week, this_month, this_quarter, this_year: the first day of that period (a date base like today).
    static std::optional<TimeBase> period_base(const Token& t) {
        if (is_keyword(t, "this_week")) return TimeBase::this_week;
        if (is_keyword(t, "this_month")) return TimeBase::this_month;
        if (is_keyword(t, "this_quarter")) return TimeBase::this_quarter;
        if (is_keyword(t, "this_year")) return TimeBase::this_year;
        return std::nullopt;
    }

    Literal parse_relative_time() {
        const Token& base = next();
        RelativeTime r;
        r.base = is_keyword(base, "today") ? TimeBase::today : is_keyword(base, "now") ? TimeBase::now : *period_base(base);
        while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
            const Token& sign = next();
            const Token& d = peek();
            if (d.kind != Tok::duration)
                fail(d.pos, "filter.expected_offset", {{"sign", sign.kind == Tok::minus ? "-" : "+"}});
            next();
            if (r.base != TimeBase::now && d.unit == TimeUnit::hour)
                fail(d.pos, "filter.hour_needs_now", {{"base", to_string(r.base)}});
            const auto amount = static_cast<std::int64_t>(d.magnitude);
            r.offsets.push_back({sign.kind == Tok::minus ? -amount : amount, d.unit});
        }
        return r;
    }

    std::string_view s_;
    std::vector<Token> t_;
    std::size_t k_ = 0;
    std::size_t comparisons_ = 0;
};

}  // namespace

Result<Expr> parse(std::string_view text) {
    if (text.size() > max_filter_bytes) {
        return filter_error(max_filter_bytes, "filter.too_long", {{"max", std::to_string(max_filter_bytes)}});
    }
    try {
        auto tokens = Lexer(text).run();
        return Parser(text, std::move(tokens)).run();
    } catch (const SyntaxError& s) {
        return filter_error(s.pos, s.key, s.args);
    }
}

}  // namespace tumen::filter
