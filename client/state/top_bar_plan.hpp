// The top bar's room, planned from measured widths: client/app/top_bar.cpp measures each item (CalcTextSize) and
// draws what the plan says. As the bar narrows, first the user's name goes, then the product name, then the view
// tabs, from the right, into a "More" menu (the open view's tab stays in the bar); the logo, the user menu and the
// language switch keep their places. Nothing overlaps: the items shown never add up to more than the bar.
// Pure arithmetic: tested natively.
#pragma once
#include <vector>

namespace tumen::client {

// Widths in the same unit (the drawing's pixels), each with the gap that follows it.
struct TopBarWidths {
    float bar = 0;            // the bar's inner width (its side padding taken off)
    float mark = 0;           // the logo
    float brand_name = 0;     // the product name after the logo
    std::vector<float> tabs;  // the view tabs, in their order
    float more = 0;           // the "More" button
    float user = 0;           // the user menu: avatar and chevron
    float user_name = 0;      // what the user's name adds to the user menu
    float live = 0;           // the "reconnecting" pill (0: not shown now)
    float lang = 0;           // the language switch
    int active = -1;          // the tab of the open view, or -1
};

struct TopBarPlan {
    bool brand_name = false;
    bool user_name = false;
    bool live = false;
    bool lang = false;
    std::vector<bool> tab_shown;  // per tab: in the bar, or else in the More menu
    bool more = false;            // some tab is in the More menu
    float used = 0;               // the width of what is shown (<= bar unless logo, user menu and More alone do not fit)
};

TopBarPlan plan_top_bar(const TopBarWidths& w);

}  // namespace tumen::client
