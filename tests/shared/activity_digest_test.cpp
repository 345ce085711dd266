// The daily digest's text: overdue first (oldest first), then today's, later items left out, no mail when nothing
// is due, both languages.
#include <doctest/doctest.h>

#include "tumen/activity_digest.hpp"

using namespace tumen;

namespace {
const DayNumber today = days_from_civil(2026, 11, 28);
}

TEST_CASE("activity digest: overdue oldest first, then today, later ones left out") {
    std::vector<DigestItem> items = {
        {"Говь ХХК", "Call", "Үнийн санал", today},
        {"Номин", "E-mail", "", today - 1},
        {"Later Ltd", "To-do", "not yet", today + 2},
        {"Хаан банк", "Meeting", "Demo", today - 5},
    };
    auto m = activity_digest(i18n::Lang::en, today, items);
    REQUIRE(m);
    CHECK(m->subject == "Your activities for 2026-11-28: 2 overdue, 1 today");
    const auto& b = m->body_text;
    const auto khan = b.find("Хаан банк: Meeting: Demo (due 2026-11-23, 5 days late)");
    const auto nomin = b.find("Номин: E-mail (due 2026-11-27, 1 days late)");
    const auto gobi = b.find("Говь ХХК: Call: Үнийн санал");
    REQUIRE(khan != std::string::npos);
    REQUIRE(nomin != std::string::npos);
    REQUIRE(gobi != std::string::npos);
    CHECK(khan < nomin);
    CHECK(nomin < b.find("Due today (1)"));
    CHECK(b.find("Due today (1)") < gobi);
    CHECK(b.find("Overdue (2)") == 0);
    CHECK(b.find("Later Ltd") == std::string::npos);
}

TEST_CASE("activity digest: nothing due today or before -> no mail") {
    CHECK_FALSE(activity_digest(i18n::Lang::en, today, {}));
    CHECK_FALSE(activity_digest(i18n::Lang::mn, today, {{"Later", "Call", "", today + 1}}));
}

TEST_CASE("activity digest: Mongolian text and only a today section when nothing is overdue") {
    auto m = activity_digest(i18n::Lang::mn, today, {{"Говь ХХК", "Дуудлага", "", today}});
    REQUIRE(m);
    CHECK(m->subject == "2026-11-28-ны ажлууд: хугацаа хэтэрсэн 0, өнөөдөр 1");
    CHECK(m->body_text.find("Өнөөдөр хийх (1)\n  - Говь ХХК: Дуудлага (өнөөдөр)\n") == 0);
    CHECK(m->body_text.find("Хугацаа хэтэрсэн") == std::string::npos);
}
