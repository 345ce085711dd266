#include "shortcuts.hpp"

namespace tumen::client {

namespace {

constexpr Chord k(int key_number) { return Chord{key_number, 0, false, false}; }
constexpr Chord ch(char32_t c) { return Chord{0, c, false, false}; }
constexpr Chord primary(int key_number) { return Chord{key_number, 0, true, false}; }
constexpr Chord alt(int key_number) { return Chord{key_number, 0, false, true}; }

// The order within a scope is the help overlay's order.
constexpr Shortcut table[] = {
    {"palette", KeyScope::global, primary(key::letter('k')), "keys.palette", true},
    {"help", KeyScope::global, ch(U'?'), "keys.help", false},
    {"help", KeyScope::global, k(key::f1), "keys.help", true},
    {"close", KeyScope::global, k(key::escape), "keys.close", true},
    {"view.pipeline", KeyScope::global, alt(key::digit(1)), "keys.view.pipeline", false},
    {"view.leads", KeyScope::global, alt(key::digit(2)), "keys.view.leads", false},
    {"view.contacts", KeyScope::global, alt(key::digit(3)), "keys.view.contacts", false},
    {"view.calendar", KeyScope::global, alt(key::digit(4)), "keys.view.calendar", false},
    {"view.activities", KeyScope::global, alt(key::digit(5)), "keys.view.activities", false},
    {"view.dashboard", KeyScope::global, alt(key::digit(6)), "keys.view.dashboard", false},
    {"view.settings", KeyScope::global, alt(key::digit(7)), "keys.view.settings", false},
    {"focus_search", KeyScope::lists, k(key::slash), "keys.focus_search", false},
    {"new_lead", KeyScope::lists, k(key::letter('n')), "keys.new_lead", false},
    {"row.down", KeyScope::leads, k(key::down), "keys.row.down", false},
    {"row.down", KeyScope::leads, k(key::letter('j')), "keys.row.down", false},
    {"row.up", KeyScope::leads, k(key::up), "keys.row.up", false},
    {"row.up", KeyScope::leads, k(key::letter('k')), "keys.row.up", false},
    {"row.open", KeyScope::leads, k(key::enter), "keys.row.open", false},
    {"row.toggle", KeyScope::leads, k(key::space), "keys.row.toggle", false},
    {"row.expand", KeyScope::leads, k(key::right), "keys.row.expand", false},  // a group of the grouped list
    {"row.collapse", KeyScope::leads, k(key::left), "keys.row.collapse", false},
    {"new_contact", KeyScope::contacts, k(key::letter('c')), "keys.new_contact", false},
    {"row.down", KeyScope::contacts, k(key::down), "keys.row.down", false},
    {"row.down", KeyScope::contacts, k(key::letter('j')), "keys.row.down", false},
    {"row.up", KeyScope::contacts, k(key::up), "keys.row.up", false},
    {"row.up", KeyScope::contacts, k(key::letter('k')), "keys.row.up", false},
    {"row.open", KeyScope::contacts, k(key::enter), "keys.row.open", false},
    {"save", KeyScope::forms, primary(key::letter('s')), "keys.save", true},
    {"palette.down", KeyScope::palette, k(key::down), "keys.palette.down", true},
    {"palette.up", KeyScope::palette, k(key::up), "keys.palette.up", true},
    {"palette.run", KeyScope::palette, k(key::enter), "keys.palette.run", true},
};

}  // namespace

std::span<const Shortcut> shortcuts() { return table; }

std::string_view scope_label_key(KeyScope s) {
    switch (s) {
        case KeyScope::global: return "keys.scope.global";
        case KeyScope::lists: return "keys.scope.lists";
        case KeyScope::leads: return "keys.scope.leads";
        case KeyScope::contacts: return "keys.scope.contacts";
        case KeyScope::forms: return "keys.scope.forms";
        case KeyScope::palette: return "keys.scope.palette";
    }
    return "keys.scope.global";
}

bool scope_active(KeyScope scope, const KeyContext& ctx) {
    if (!ctx.signed_in) return false;
    if (ctx.palette_open) return scope == KeyScope::palette;
    if (ctx.help_open) return false;  // the overlay's own keys are matched by action below
    switch (scope) {
        case KeyScope::global: return true;
        case KeyScope::lists: return ctx.view == View::pipeline || ctx.view == View::leads;
        case KeyScope::leads: return ctx.view == View::leads;
        case KeyScope::contacts: return ctx.view == View::contacts;
        case KeyScope::forms: return ctx.view == View::lead || ctx.view == View::contact;
        case KeyScope::palette: return false;
    }
    return false;
}

const Shortcut* find_shortcut(const KeyPress& press, const KeyContext& ctx) {
    if (!ctx.signed_in || ctx.view == View::login || ctx.view == View::kiosk || ctx.dialog_open) return nullptr;
    const bool primary_down = ctx.mac ? (press.super || press.ctrl) : press.ctrl;
    for (const Shortcut& s : table) {
        // Over an overlay only the keys that close or toggle it count, whatever their scope.
        const bool overlay_key = s.action == "palette" || s.action == "close" ||
                                 (ctx.help_open && !ctx.palette_open && s.action == "help");
        if (!scope_active(s.scope, ctx) && !((ctx.palette_open || ctx.help_open) && overlay_key)) continue;
        if (ctx.typing && !s.while_typing) continue;
        if (s.chord.ch != 0) {
            // A typed character: the keyboard layout made it (Shift included); no Ctrl/Cmd/Alt chord.
            if (press.key == 0 && press.ch == s.chord.ch && !press.ctrl && !press.super && !press.alt) return &s;
            continue;
        }
        if (press.key == 0 || press.key != s.chord.key) continue;
        if (s.chord.primary != primary_down || s.chord.alt != press.alt || press.shift) continue;
        // A plain key must not fire with Ctrl/Cmd held (Ctrl+C copies, it is not "new contact").
        if (!s.chord.primary && (press.ctrl || press.super)) continue;
        return &s;
    }
    return nullptr;
}

std::string chord_text(const Chord& c, bool mac) {
    std::string out;
    if (c.primary) out += mac ? "Cmd+" : "Ctrl+";
    if (c.alt) out += mac ? "Option+" : "Alt+";
    if (c.ch != 0) {
        out += static_cast<char>(c.ch);  // ASCII characters only in the table
        return out;
    }
    switch (c.key) {
        case key::escape: return out + "Esc";
        case key::enter: return out + "Enter";
        case key::space: return out + "Space";
        case key::up: return out + "↑";
        case key::down: return out + "↓";
        case key::left: return out + "←";
        case key::right: return out + "→";
        case key::f1: return out + "F1";
        default: break;
    }
    if (c.key >= 32 && c.key < 127) out += static_cast<char>(c.key);
    return out;
}

}  // namespace tumen::client
