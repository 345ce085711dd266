// Keyboard shortcuts: each frame, the keys pressed are looked up in the one table of client/state/shortcuts.hpp
// and their action run (run_command) before the views draw, so a key the palette or help overlay used never
// reaches a dialog behind them.
#include <algorithm>
#include <vector>

#include "state/shortcuts.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

// The keys of the table (the characters, such as '?', come from the typed-character queue instead).
std::vector<int> table_keys() {
    std::vector<int> keys;
    for (const auto& s : client::shortcuts())
        if (s.chord.key != 0 && std::find(keys.begin(), keys.end(), s.chord.key) == keys.end()) keys.push_back(s.chord.key);
    return keys;
}

// A key used by a shortcut is not seen as pressed by the widgets drawn after (ImGui 1.86 reads "pressed" as a
// down-duration of exactly 0), and the characters it typed are not typed into a field focused by it ("n" opening
// the quick-create box must not write "n" there).
void consume(int key) {
    ImGuiIO& io = ImGui::GetIO();
    if (key > 0 && key < IM_ARRAYSIZE(io.KeysDownDuration)) io.KeysDownDuration[key] = 1e-4f;
    io.InputQueueCharacters.resize(0);
}

bool run(AppState& app, const client::Shortcut& s) {
    auto& palette = app.keyboard().palette;
    // Saving waits for the end of the frame: a character typed in the same frame as Ctrl+S reaches the form's draft
    // only when its field draws (end_shortcuts_frame runs it).
    if (s.action == "save") {
        app.keyboard().request = "save";
        return true;
    }
    if (s.action == "palette.down") return palette.move(1), true;
    if (s.action == "palette.up") return palette.move(-1), true;
    if (s.action == "palette.run") return palette.run_selected(), true;
    return client::run_command(app, s.action);
}

}  // namespace

void handle_shortcuts(AppState& app) {
    static const std::vector<int> keys = table_keys();
    ImGuiIO& io = ImGui::GetIO();
    app.keyboard().begin_frame();  // the dialogs drawn last frame (begin_dialog) are what this frame's keys see
    // Menus and modal dialogs (ImGui's, and the ones drawn by begin_dialog) keep their keys: one rule, key_context.
    const client::KeyContext ctx = client::key_context(app, io.WantTextInput,
                                                       ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId),
                                                       io.ConfigMacOSXBehaviors);
    for (int k : keys) {
        // Arrows repeat while held (moving through rows); every other key acts once per press.
        const bool arrow = k == client::key::up || k == client::key::down;
        if (!ImGui::IsKeyPressed(k, arrow)) continue;
        client::KeyPress p;
        p.key = k;
        p.ctrl = io.KeyCtrl;
        p.super = io.KeySuper;
        p.alt = io.KeyAlt;
        p.shift = io.KeyShift;
        if (const client::Shortcut* s = client::find_shortcut(p, ctx)) {
            if (run(app, *s)) consume(k);
            return;  // one action per frame: the next key sees the screen it made
        }
    }
    for (ImWchar c : io.InputQueueCharacters) {
        client::KeyPress p;
        p.ch = c;
        p.ctrl = io.KeyCtrl;
        p.super = io.KeySuper;
        p.alt = io.KeyAlt;
        if (const client::Shortcut* s = client::find_shortcut(p, ctx)) {
            if (run(app, *s)) consume(0);
            return;
        }
    }
}

void end_shortcuts_frame(AppState& app) {
    // A request no view took this frame is dropped, except "new lead" while the board it navigated to is loading.
    auto& kb = app.keyboard();
    if (kb.request == "save") {
        kb.request.clear();
        client::run_command(app, "save");
    }
    if (!(kb.request == "new_lead" && app.route().view == View::pipeline && app.board().columns().empty()))
        kb.request.clear();
    // Signed out (or the session ended) with an overlay open: nothing of it stays for the next user.
    if (app.session_status() != client::SessionStatus::signed_in) {
        kb.palette.close();
        kb.help_open = false;
    }
}

}  // namespace tumen::app
