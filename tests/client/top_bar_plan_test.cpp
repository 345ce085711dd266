// The top bar's plan (client/state/top_bar_plan): which items fit as the bar narrows (interface size 150 % on a
// 1280 px window, Mongolian labels), what goes into More, and that what is shown never adds up to more than the bar.
#include <doctest/doctest.h>

#include <algorithm>

#include "state/top_bar_plan.hpp"

using namespace tumen::client;

namespace {

// Roughly the English bar at 100 %: eight tabs, the user menu, the language switch.
TopBarWidths widths(float bar) {
    TopBarWidths w;
    w.bar = bar;
    w.mark = 46;
    w.brand_name = 70;
    w.tabs = {96, 76, 98, 92, 122, 112, 106, 92};  // 794 together
    w.more = 84;
    w.user = 74;
    w.user_name = 110;
    w.lang = 160;
    w.active = 0;
    return w;
}

float shown_width(const TopBarWidths& w, const TopBarPlan& p) {
    float sum = w.mark + w.user + (p.brand_name ? w.brand_name : 0) + (p.user_name ? w.user_name : 0) +
                (p.live ? w.live : 0) + (p.lang ? w.lang : 0) + (p.more ? w.more : 0);
    for (std::size_t i = 0; i < w.tabs.size(); ++i)
        if (p.tab_shown[i]) sum += w.tabs[i];
    return sum;
}

int tabs_shown(const TopBarPlan& p) { return static_cast<int>(std::count(p.tab_shown.begin(), p.tab_shown.end(), true)); }

}  // namespace

TEST_CASE("a wide bar shows everything, names included") {
    const TopBarWidths w = widths(1872);  // 1920 less the padding
    const TopBarPlan p = plan_top_bar(w);
    CHECK(p.brand_name);
    CHECK(p.user_name);
    CHECK(p.lang);
    CHECK_FALSE(p.more);
    CHECK(tabs_shown(p) == 8);
    CHECK(p.used == doctest::Approx(shown_width(w, p)));
}

TEST_CASE("narrowing: the user's name goes first, then the product name, then tabs into More") {
    TopBarWidths w = widths(46 + 74 + 160 + 794 + 70 + 50);  // room for the product name, not the user's
    TopBarPlan p = plan_top_bar(w);
    CHECK(p.brand_name);
    CHECK_FALSE(p.user_name);
    CHECK(tabs_shown(p) == 8);

    w.bar = 46 + 74 + 160 + 794 + 30;
    p = plan_top_bar(w);
    CHECK_FALSE(p.brand_name);
    CHECK_FALSE(p.more);
    CHECK(tabs_shown(p) == 8);

    w.bar = 46 + 74 + 160 + 700;  // the English bar at 150 % on 1280 px is about 805 wide
    p = plan_top_bar(w);
    CHECK(p.more);
    CHECK(p.lang);
    CHECK_FALSE(p.brand_name);
    CHECK(tabs_shown(p) == 6);  // More 84 + 96+76+98+92+122+112 = 680 <= 700; the seventh (106) does not fit
    for (int i = 0; i < 6; ++i) CHECK(p.tab_shown[static_cast<std::size_t>(i)]);
    CHECK(p.used <= w.bar);
}

TEST_CASE("the open view's tab stays in the bar when tabs go into More") {
    TopBarWidths w = widths(46 + 74 + 160 + 84 + 300);
    w.active = 7;  // Settings
    const TopBarPlan p = plan_top_bar(w);
    CHECK(p.more);
    CHECK(p.tab_shown[7]);
    CHECK(p.tab_shown[0]);
    CHECK(p.tab_shown[1]);  // 92 + 96 + 76 = 264 <= 300
    CHECK_FALSE(p.tab_shown[2]);
    CHECK(p.used <= w.bar);
}

TEST_CASE("never wider than the bar, at every width; More whenever a tab is hidden; the language stays longest") {
    for (float bar = 400; bar <= 2000; bar += 7) {
        TopBarWidths w = widths(bar);
        w.live = bar > 900 ? 120 : 0;
        for (int active = -1; active < 8; ++active) {
            w.active = active;
            const TopBarPlan p = plan_top_bar(w);
            CAPTURE(bar);
            CAPTURE(active);
            CHECK(p.used <= w.bar);
            CHECK(p.used == doctest::Approx(shown_width(w, p)));
            CHECK(p.more == (tabs_shown(p) < 8));
            if (tabs_shown(p) > 0 && p.more) CHECK_FALSE(p.brand_name);
            CHECK(p.lang);  // 400 is room for the logo, the user menu, More and the switch
        }
    }
    // Not even More and the switch: the switch goes, More stays (the views must stay reachable).
    TopBarWidths w = widths(46 + 74 + 84 + 100);
    const TopBarPlan p = plan_top_bar(w);
    CHECK(p.more);
    CHECK_FALSE(p.lang);
}
