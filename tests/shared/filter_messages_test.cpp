// Filter problems are worded from the catalogs: the same English as before for the API, and Mongolian for a
// Mongolian reader (the server's localize(), the client's own checks), including the fragments inside a message
// (what was found, the field's type, what it expects).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "tumen/error_text.hpp"
#include "tumen/filter.hpp"
#include "tumen/filter_error.hpp"
#include "tumen/scoring_rules.hpp"

using namespace tumen;

namespace {

Error problem(std::string_view text) {
    auto r = filter::parse_checked(text, filter::lead_filter_fields());
    INFO(text);
    REQUIRE(!r.ok());
    return r.error();
}

Error in_mongolian(Error e) {
    localize(e, i18n::Lang::mn);
    return e;
}

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// Latin letters outside quotes, filter words and placeholders: an English sentence left in a Mongolian message.
bool reads_english(const std::string& s) {
    for (std::string_view word : {"expected a", ": expected", "found ", "unknown ", " needs ", "the end", "is not",
                                  "always has", "does not", " after "})
        if (has(s, word)) return true;
    return s.find('{') != std::string::npos;  // a placeholder nobody filled
}

}  // namespace

TEST_CASE("filter syntax problems keep their English wording and say it in Mongolian too") {
    const Error e = problem("country = ");
    CHECK(e.message ==
          "expected a value after '=' (text in quotes, a number, true, false, today, now or me), found the end of "
          "the filter");
    REQUIRE(e.position.has_value());
    CHECK(*e.position == 10);
    const Error mn = in_mongolian(e);
    INFO(mn.message);
    CHECK(has(mn.message, "утга байх ёстой"));
    CHECK(has(mn.message, "шүүлтүүрийн төгсгөл"));
    CHECK_FALSE(reads_english(mn.message));
    CHECK(mn.position == e.position);
}

TEST_CASE("every kind of filter problem reads as Mongolian, fragments included") {
    for (std::string_view text :
         {"country = \"MN\" )", "(country = \"MN\"", "country ! \"MN\"", "country in ()", "create_date > today - 5x",
          "create_date > 30d", "country = \"MN", "№ = 1", "name = 'a\\q'", "country", "stage.is_won = 1.",
          "expected_revenue = \"many\"", "create_date = \"2026-02-30\"", "nosuch = 1", "country > true",
          "expected_revenue is null and tags has 3", "country in (\"MN\" \"CN\")", "create_date > today + 2h"}) {
        auto r = filter::parse_checked(text, filter::lead_filter_fields());
        if (r.ok()) continue;  // a valid filter on this registry: nothing to word
        const Error mn = in_mongolian(r.error());
        INFO(text, " -> ", r.error().message, " -> ", mn.message);
        CHECK(mn.message != r.error().message);
        CHECK_FALSE(reads_english(mn.message));
    }
}

TEST_CASE("a type problem names the field's type and what it expects in the reader's language") {
    const Error e = problem("expected_revenue = \"many\"");
    CHECK(e.field == "expected_revenue");
    CHECK(e.message ==
          "expected_revenue is money: expected an integer amount in minor units (1000000), found text \"many\"");
    const Error mn = in_mongolian(e);
    INFO(mn.message);
    CHECK(has(mn.message, "мөнгөн дүн"));
    CHECK(has(mn.message, "текст \"many\""));
    CHECK(mn.field == "expected_revenue");
}

TEST_CASE("a record's filter field: the 422 detail says the whole problem in Mongolian, over the wire too") {
    FieldErrors fe;
    filter::add_filter_problem(fe, "assignment_domain", problem("country = \"MN\" and"));
    Error e = fe.to_error();
    CHECK(e.details.front().message ==
          "is not a valid filter: unexpected end of the filter: expected a condition such as country = \"MN\" (at "
          "byte 18)");
    // The client reads the error back from JSON: the arguments must survive the trip.
    auto back = Error::from_json(e.to_json());
    REQUIRE(back);
    REQUIRE(back->details.size() == 1);
    auto sorted = [](i18n::Args a) {
        std::sort(a.begin(), a.end());
        return a;
    };
    CHECK(sorted(back->details.front().args) == sorted(e.details.front().args));
    localize(*back, i18n::Lang::mn);
    INFO(back->details.front().message);
    CHECK(back->details.front().message ==
          "шүүлтүүр буруу: шүүлтүүр гэнэт дууслаа: country = \"MN\" гэх мэт нөхцөл бичнэ үү (18-р байт)");
    CHECK(has(back->message, "assignment_domain"));
}

TEST_CASE("a scoring rule's own filter checks are worded in both languages, under the same lead-in") {
    scoring::ScoreRule r;
    FieldErrors fe = scoring::apply_patch(r, {{"name", "x"}, {"points", 5}, {"filter", "score > 3"}});
    REQUIRE_FALSE(fe.empty());
    const FieldError* filter_problem = nullptr;
    for (const auto& d : fe.list())
        if (d.field == "filter") filter_problem = &d;
    REQUIRE(filter_problem);
    CHECK(has(filter_problem->message, "cannot read the score it adds to"));
    CHECK(i18n::tr(i18n::Lang::mn, "api." + filter_problem->key, filter_problem->args) ==
          "шүүлтүүр буруу: оноо өгөх дүрэм өөрийн нэмдэг оноог уншиж болохгүй (0-р байт)");
}

TEST_CASE("fragments inside a record field's filter problem are worded too (nested keys)") {
    FieldErrors fe;
    filter::add_filter_problem(fe, "assignment_domain", problem("expected_revenue = \"их\""));
    const FieldError& d = fe.list().front();
    const std::string mn = i18n::tr(i18n::Lang::mn, "api." + d.key, d.args);
    INFO(mn);
    CHECK(mn == "шүүлтүүр буруу: expected_revenue нь мөнгөн дүн: бага нэгжээр илэрхийлсэн бүхэл дүн (1000000) байх "
                "ёстой, харин текст \"их\" байна (19-р байт)");
    CHECK(i18n::tr(i18n::Lang::en, "api." + d.key, d.args) == d.message);
    FieldErrors end;
    filter::add_filter_problem(end, "filter", problem("country = "));
    const std::string mn_end = i18n::tr(i18n::Lang::mn, "api." + end.list().front().key, end.list().front().args);
    CHECK(mn_end.find("api.filter") == std::string::npos);
    CHECK(mn_end.find("шүүлтүүрийн төгсгөл") != std::string::npos);
}
