#include "ui_prefs.hpp"

#include <algorithm>
#include <charconv>

namespace tumen::client {

std::string_view theme_code(ThemeChoice t) {
    switch (t) {
        case ThemeChoice::light: return "light";
        case ThemeChoice::dark: return "dark";
        case ThemeChoice::system: break;
    }
    return "system";
}

std::optional<ThemeChoice> parse_theme(std::string_view code) {
    for (auto t : {ThemeChoice::light, ThemeChoice::dark, ThemeChoice::system})
        if (theme_code(t) == code) return t;
    return std::nullopt;
}

std::optional<int> parse_ui_scale(std::string_view percent) {
    int v = 0;
    const auto* end = percent.data() + percent.size();
    auto [p, ec] = std::from_chars(percent.data(), end, v);
    if (ec != std::errc() || p != end) return std::nullopt;
    if (std::find(ui_scale_steps.begin(), ui_scale_steps.end(), v) == ui_scale_steps.end()) return std::nullopt;
    return v;
}

UiPrefs parse_ui_prefs(std::string_view theme, std::string_view scale) {
    UiPrefs p;
    if (auto t = parse_theme(theme)) p.theme = *t;
    if (auto s = parse_ui_scale(scale)) p.scale_percent = *s;
    return p;
}

}  // namespace tumen::client
