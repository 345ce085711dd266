// The keyboard shortcuts, in ONE table that both the key handling (client/app/keyboard.cpp) and the help overlay
// ("?" / F1) read, so what the help lists is what the keys do. Pure data and lookup: testable natively.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "tumen/route.hpp"

namespace tumen::client {

// Key numbers as GLFW names them (what the browser's GLFW port puts in ImGui's io.KeysDown): letters are their
// upper-case ASCII code, digits and '/' their ASCII code.
namespace key {
inline constexpr int space = 32, slash = 47, enter = 257, escape = 256, right = 262, left = 263, down = 264, up = 265,
                     f1 = 290;
inline constexpr int letter(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
inline constexpr int digit(int d) { return '0' + d; }
}  // namespace key

// Where a shortcut works. The help overlay groups by it, in this order.
enum class KeyScope {
    global,    // every signed-in view
    lists,     // the board and the leads list
    leads,     // the leads list's rows
    contacts,  // the contacts list
    forms,     // an open lead or contact form
    palette,   // inside the command palette
};
std::string_view scope_label_key(KeyScope s);  // "keys.scope.global", ...

struct Chord {
    int key = 0;           // key number (key::...), or 0 when the chord is a typed character
    char32_t ch = 0;       // the typed character ('?'), layout-independent
    bool primary = false;  // Ctrl, or Cmd on macOS
    bool alt = false;
};

struct Shortcut {
    std::string_view action;  // what runs: "palette", "help", "view.leads", "save", "row.down", ...
    KeyScope scope;
    Chord chord;
    std::string_view label_key;  // i18n key of what it does (the help overlay's text)
    bool while_typing = false;   // also fires while a text field has the keyboard (Ctrl+K, Ctrl+S, Esc)
};

// Every shortcut, grouped by scope (the help overlay's order). A chord may appear twice (Up and K both move up).
std::span<const Shortcut> shortcuts();

// One key press of a frame, as the app saw it.
struct KeyPress {
    int key = 0;      // key number, or 0 for a typed character
    char32_t ch = 0;  // the typed character when key == 0
    bool ctrl = false, super = false, alt = false, shift = false;
};

// What is on screen when the key is pressed.
struct KeyContext {
    View view = View::pipeline;
    bool signed_in = true;
    bool typing = false;        // a text field has the keyboard (ImGui's io.WantTextInput)
    bool palette_open = false;  // only the palette's keys (and Ctrl+K, which closes it) work then
    bool help_open = false;     // only Esc, F1, "?" and Ctrl+K work then
    bool mac = false;           // Cmd is the primary modifier (Ctrl is accepted too)
    bool dialog_open = false;   // an ImGui popup or modal dialog has the keys: no shortcut then (it takes Esc)
};

// Whether `scope` applies to `ctx` (the view and the overlays open).
bool scope_active(KeyScope scope, const KeyContext& ctx);
// The shortcut `press` runs in `ctx`, or nullptr.
const Shortcut* find_shortcut(const KeyPress& press, const KeyContext& ctx);
// How the help overlay writes a chord: "Ctrl+K" ("Cmd+K" on macOS), "Alt+1", "/", "?", "F1", "Esc", "↑".
std::string chord_text(const Chord& chord, bool mac);

}  // namespace tumen::client
