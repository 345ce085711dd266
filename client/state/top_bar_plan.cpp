#include "top_bar_plan.hpp"

#include <numeric>

namespace tumen::client {

TopBarPlan plan_top_bar(const TopBarWidths& w) {
    TopBarPlan p;
    const std::size_t n = w.tabs.size();
    p.tab_shown.assign(n, false);
    // The logo and the user menu always stay.
    p.used = w.mark + w.user;
    auto fits = [&](float width) { return p.used + width <= w.bar; };
    auto take = [&](float width) {
        if (!fits(width)) return false;
        p.used += width;
        return true;
    };
    const float all_tabs = std::accumulate(w.tabs.begin(), w.tabs.end(), 0.0f);
    const float status = (w.live > 0 ? w.live : 0) + w.lang;
    if (fits(status + all_tabs)) {
        // Every tab in the bar; the names only where room is left (the user's name is the first to go).
        p.lang = take(w.lang);
        p.live = w.live > 0 && take(w.live);
        p.used += all_tabs;
        p.tab_shown.assign(n, true);
        p.brand_name = take(w.brand_name);
        p.user_name = take(w.user_name);
        return p;
    }
    // Tabs go into More: it comes first, then the language and the connection status, the open view's tab, and
    // the other tabs in order as long as they fit (the bar keeps a run from the left; no names).
    if (n > 0) {
        p.more = true;  // always: the views must stay reachable
        p.used += w.more;
    }
    p.lang = take(w.lang);
    p.live = w.live > 0 && take(w.live);
    if (w.active >= 0 && static_cast<std::size_t>(w.active) < n)
        p.tab_shown[static_cast<std::size_t>(w.active)] = take(w.tabs[static_cast<std::size_t>(w.active)]);
    for (std::size_t i = 0; i < n; ++i) {
        if (p.tab_shown[i]) continue;
        if (!take(w.tabs[i])) break;
        p.tab_shown[i] = true;
    }
    return p;
}

}  // namespace tumen::client
