// The look the user chose for this browser: light, dark or the system's theme, and the interface size on top of
// the device pixel ratio. Kept per browser (Host::save_preference -> localStorage), so it applies before sign-in.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace tumen::client {

enum class ThemeChoice { light, dark, system };

// The interface sizes offered in Settings › My account, in percent.
inline constexpr std::array<int, 5> ui_scale_steps = {90, 100, 110, 125, 150};

struct UiPrefs {
    ThemeChoice theme = ThemeChoice::system;
    int scale_percent = 100;  // one of ui_scale_steps

    // Dark is drawn when chosen, or when "system" is chosen and the system prefers dark.
    bool dark(bool system_prefers_dark) const {
        return theme == ThemeChoice::dark || (theme == ThemeChoice::system && system_prefers_dark);
    }
    float scale() const { return static_cast<float>(scale_percent) / 100.0f; }
};

// Storage keys and their stored forms ("light" / "dark" / "system"; "90" ... "150").
inline constexpr std::string_view theme_key = "tumen.theme";
inline constexpr std::string_view ui_scale_key = "tumen.ui_scale";
std::string_view theme_code(ThemeChoice t);
std::optional<ThemeChoice> parse_theme(std::string_view code);
// Only the offered steps are accepted: a stored "500" or "abc" falls back to the default.
std::optional<int> parse_ui_scale(std::string_view percent);

// What was stored (missing or unreadable values keep their defaults).
UiPrefs parse_ui_prefs(std::string_view theme, std::string_view scale);

}  // namespace tumen::client
