// Robustness: whatever bytes arrive, parse() returns a tree or an error with a position inside the text,
// never crashes, hangs or returns an unprintable tree.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "tumen/filter.hpp"
#include "tumen/utf8.hpp"

using namespace tumen;
using namespace tumen::filter;

namespace {

void parse_any(const std::string& text) {
    auto r = parse(text);
    if (!r.ok()) {
        REQUIRE(r.error().position.has_value());
        CHECK(*r.error().position <= text.size());
        CHECK_FALSE(r.error().message.empty());
        INFO(r.error().message);
        CHECK(utf8::is_valid(r.error().message));
        return;
    }
    // whatever parsed must print and read back to the same tree
    const std::string printed = print(r.value());
    auto back = parse(printed);
    INFO(printed);
    REQUIRE(back.ok());
    CHECK(back.value() == r.value());
    // checking and evaluating an arbitrary tree must be safe too
    const auto err = check(r.value(), lead_filter_fields());
    if (err) CHECK(utf8::is_valid(err->message));
    MapRecord empty;
    (void)evaluate(r.value(), lead_filter_fields(), empty, Context{});
}

}  // namespace

TEST_CASE("filter fuzz: random bytes never crash the parser") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 64);
    for (int i = 0; i < 20000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (auto& c : s) c = static_cast<char>(byte(rng));
        parse_any(s);
    }
}

TEST_CASE("filter fuzz: random token soup never crashes the parser") {
    static const char* pieces[] = {
        "country", "stage.is_won", "tags", "priority", "create_date", " ", " ", "  ", "=", "!=", "<", "<=", ">", ">=",
        "==", "<>", "!", "(", ")", ",", "+", "-", "and", "or", "not", "in", "not_in", "is", "null", "true", "false",
        "contains", "starts_with", "ends_with", "has", "today", "now", "me", "30d", "2h", "1m", "5x", "\"MN\"",
        "'Өндөр'", "\"", "'", "\\", "\\u04E8", "\"\\uD800\"", "1", "-7", "3.5", "1e3", "1e", "9223372036854775808",
        "1.", ".", "Болд", "\xD0", "\xFF", "\n", "\t", "%", "_", "stage.", "a.b.c", "0x10"};
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> pick(0, static_cast<int>(std::size(pieces)) - 1), len(1, 24);
    int ok = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const int n = len(rng);
        for (int k = 0; k < n; ++k) s += pieces[pick(rng)];
        auto r = parse(s);
        ok += r.ok();
        parse_any(s);
    }
    CHECK(ok > 0);  // the soup does produce some valid filters, so the round trip above is exercised
}

TEST_CASE("filter fuzz: every prefix of a valid filter parses or fails cleanly") {
    const std::string text =
        R"(stage.is_won = false and (country in ("MN", 'CN') or tags has "VIP\n") and not (name contains "Болд")
           and create_date >= today - 30d + 1m and user_id = me and probability >= 1.5e1 and email is not null)";
    for (std::size_t n = 0; n <= text.size(); ++n) parse_any(text.substr(0, n));
    REQUIRE(parse(text).ok());
}
