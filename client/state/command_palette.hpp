// The command palette (Ctrl+K / Cmd+K) and the shortcut help overlay: the palette's text, its results (views,
// actions and, from the server's full-text search, leads and contacts) and the selection; what runs a command
// (run_command, shared with the keyboard shortcuts of shortcuts.hpp). Owned by AppState; drawn by
// client/app/palette_view.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "message.hpp"
#include "shortcuts.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;

struct PaletteItem {
    enum class Kind { view, action, lead, contact, search };  // search: a saved favourite of the list or the boards
    Kind kind = Kind::view;
    std::string action;  // "go" for views and records (to `route`), otherwise a run_command() action id
    Route route;
    std::string label;   // in the current language
    std::string detail;  // records: the customer / "Company"; views: the English label when another language is on
    int score = 0;       // fuzzy_score of the typed text (higher first)
};

// A command the palette can offer now: views the user may open and actions of the screen shown.
struct PaletteCommand {
    PaletteItem::Kind kind;
    std::string action;
    Route route;
    std::string label_key;  // i18n key of its label
    std::string prefix_key; // i18n key put before the label ("Settings: "), or ""
};
std::vector<PaletteCommand> palette_commands(const AppState& app);

// Runs a shortcut or palette action ("palette", "help", "close", "view.leads", "new_lead", "new_contact", "save",
// "language", "logout", "mark_won", "mark_lost", ...). Actions that belong to a view's own widgets ("focus_search",
// "new_lead" on the board, "row.*") are left in Keyboard::request for that view to take. Returns false when the
// action does not apply now.
bool run_command(AppState& app, std::string_view action);

class CommandPalette {
public:
    static constexpr double debounce_ms = 150;  // typing pauses this long before the server is asked
    static constexpr int records_per_kind = 5;

    explicit CommandPalette(AppState& app) : app_(app) {}

    bool is_open() const { return open_; }
    void open();
    void close();

    std::string text;  // what the user typed (the view binds its field to it)
    // Called every frame while open, with the caller's clock: re-ranks the commands when the text changed and,
    // once the text has rested debounce_ms, asks the server for leads and contacts (only the newest answer counts).
    void update(double now_ms);
    // Milliseconds until update() has something to do (the search due), or -1.
    double wake_in(double now_ms) const;

    const std::vector<PaletteItem>& items() const { return items_; }
    int selected() const { return selected_; }
    void move(int delta);  // Up/Down: stays within the list
    void select(int index);
    // The chosen item, run: navigates or runs its action; closes the palette. False when nothing is selected.
    bool run_selected();

    bool searching() const { return searching_; }
    const Message& error() const { return error_; }

    nlohmann::json probe() const;

private:
    void rank();
    void add_favourites(std::vector<PaletteItem>& into);
    std::size_t favourites_seen_ = 0;  // how many favourites the last rank() saw (they load after the palette opens)
    void search();

    AppState& app_;
    bool open_ = false;
    std::string ranked_for_;   // the text items_' commands were ranked for
    bool ranked_ = false;
    double changed_at_ = 0;    // when the text last changed (caller's clock)
    std::string searched_;     // the text last sent to the server
    std::uint64_t generation_ = 0;  // replies of an older generation are dropped
    int answers_pending_ = 0;
    bool searching_ = false;
    std::vector<PaletteItem> records_;
    std::vector<PaletteItem> items_;
    int selected_ = 0;
    Message error_;
};

// The keyboard layer of the client: the palette, the help overlay, and a request left for the view shown.
class Keyboard {
public:
    explicit Keyboard(AppState& app) : palette(app) {}
    CommandPalette palette;
    bool help_open = false;
    // An action for the view's own widgets ("focus_search", "new_lead", "row.down", ...): the view takes it.
    std::string request;
    bool take(std::string_view action) {
        if (request != action) return false;
        request.clear();
        return true;
    }
    // Dialogs the app draws itself (confirm overlays, ...) are no ImGui popups: they call note_dialog() in each
    // frame they are on screen, and begin_frame() makes that dialog_shown() for the next frame's keys.
    void note_dialog() { dialog_now_ = true; }
    void begin_frame() {
        dialog_shown_ = dialog_now_;
        dialog_now_ = false;
    }
    bool dialog_shown() const { return dialog_shown_; }

private:
    bool dialog_now_ = false;
    bool dialog_shown_ = false;
};

// What is on screen for this frame's keys. THE rule for dialogs: while one is open (an ImGui popup or modal,
// `popup_open`; a dialog the app draws itself; the discard question) no shortcut acts on the view behind it;
// the dialog takes Esc and Enter itself.
KeyContext key_context(const AppState& app, bool typing, bool popup_open, bool mac);

}  // namespace tumen::client
