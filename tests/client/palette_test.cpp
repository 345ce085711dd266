// The keyboard layer: the fuzzy matcher (Cyrillic, ranking), the shortcut table's lookup (scopes, typing, Cmd on
// macOS, overlays), the command palette's results (both languages, records from the search, debounce, only the newest
// answer, errors shown) and what its commands do, and the list's focused row.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/fuzzy_match.hpp"
#include "state/list_focus.hpp"
#include "state/shortcuts.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* palette_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

struct PaletteFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    CommandPalette& palette = app.keyboard().palette;

    explicit PaletteFixture(const char* hash = "#/contacts") {
        host.history = {hash};
        app.start(hash, "en-US", "");
        net.answer(200, palette_session_body);
        while (!net.pending.empty()) net.answer(200, R"({"items":[]})");
    }
    std::vector<std::string> labels() const {
        std::vector<std::string> out;
        for (const auto& it : palette.items()) out.push_back(it.label);
        return out;
    }
    // Answers the first pending request whose path starts with `prefix`.
    HttpRequest reply(const std::string& prefix, int status, const json& body) {
        return net.answer_path(prefix, status, body.dump());
    }
};

KeyPress palette_press(int key, bool ctrl = false) {
    KeyPress p;
    p.key = key;
    p.ctrl = ctrl;
    return p;
}

}  // namespace

TEST_CASE("fuzzy_score: subsequence, case-insensitive in Latin and Cyrillic") {
    CHECK(fuzzy_score("brd", "Board"));
    CHECK_FALSE(fuzzy_score("bdr", "Board"));
    CHECK(fuzzy_score("BOARD", "board"));
    CHECK(fuzzy_score("сам", "Самбар"));
    CHECK(fuzzy_score("САМБ", "самбар"));
    CHECK(fuzzy_score("өр", "ӨРГӨӨ"));  // Mongolian Ө/Ү fold too
    CHECK(fuzzy_score("үй", "ҮЙЛДЭЛ"));
    CHECK(fuzzy_score("ёс", "Ёс"));
    CHECK(fuzzy_score("", "anything") == 0);
    CHECK(fuzzy_score("new lead", "New lead"));  // spaces in the pattern are ignored
    CHECK_FALSE(fuzzy_score("x", ""));
}

TEST_CASE("fuzzy_score ranks prefixes, word starts and runs first") {
    CHECK(*fuzzy_score("lead", "Leads list") > *fuzzy_score("lead", "Mark as lost and dead"));
    CHECK(*fuzzy_score("con", "Contacts") > *fuzzy_score("con", "Convert to opportunity"));  // shorter wins the tie
    CHECK(*fuzzy_score("cal", "Calendar") > *fuzzy_score("cal", "Go to the local list"));
    CHECK(*fuzzy_score("nl", "New lead") > *fuzzy_score("nl", "Channel"));  // word starts beat inner letters
    CHECK(*fuzzy_score("хар", "Харилцагчид") > *fuzzy_score("хар", "Тохиргоо: Хэрэглэгчид ба арга"));
}

TEST_CASE("fold_case keeps invalid UTF-8 bytes instead of dropping them") {
    const std::u32string f = fold_case(std::string("A\xFF") + "Б");
    REQUIRE(f.size() == 3);
    CHECK(f[0] == U'a');
    CHECK(f[1] == 0xFF);
    CHECK(f[2] == U'б');
}

TEST_CASE("shortcut table: scopes, typing and modifiers") {
    KeyContext board;
    board.view = View::pipeline;
    const Shortcut* s = find_shortcut(palette_press(key::letter('k'), true), board);
    REQUIRE(s);
    CHECK(s->action == "palette");
    // Plain letters: only on their views, never while typing, never with Ctrl held.
    REQUIRE(find_shortcut(palette_press(key::letter('n')), board));
    CHECK(find_shortcut(palette_press(key::letter('n')), board)->action == "new_lead");
    CHECK_FALSE(find_shortcut(palette_press(key::letter('n'), true), board));
    KeyContext typing = board;
    typing.typing = true;
    CHECK_FALSE(find_shortcut(palette_press(key::letter('n')), typing));
    CHECK_FALSE(find_shortcut(palette_press(key::slash), typing));
    REQUIRE(find_shortcut(palette_press(key::letter('k'), true), typing));  // Ctrl+K works in a field
    KeyContext contacts;
    contacts.view = View::contacts;
    CHECK_FALSE(find_shortcut(palette_press(key::letter('n')), contacts));
    REQUIRE(find_shortcut(palette_press(key::letter('c')), contacts));
    CHECK(find_shortcut(palette_press(key::letter('c')), contacts)->action == "new_contact");
    CHECK_FALSE(find_shortcut(palette_press(key::letter('c'), true), contacts));  // Ctrl+C copies
    // j/k and the arrows move rows in the leads list only; on the board k is nothing.
    KeyContext list;
    list.view = View::leads;
    CHECK(find_shortcut(palette_press(key::letter('j')), list)->action == "row.down");
    CHECK(find_shortcut(palette_press(key::up), list)->action == "row.up");
    CHECK(find_shortcut(palette_press(key::space), list)->action == "row.toggle");
    CHECK_FALSE(find_shortcut(palette_press(key::letter('j')), board));
    // Ctrl+S on forms only.
    KeyContext form;
    form.view = View::lead;
    form.typing = true;
    CHECK(find_shortcut(palette_press(key::letter('s'), true), form)->action == "save");
    CHECK_FALSE(find_shortcut(palette_press(key::letter('s'), true), board));
    // Alt+digits switch views; not while typing; nothing on the login page.
    KeyPress alt3 = palette_press(key::digit(3));
    alt3.alt = true;
    CHECK(find_shortcut(alt3, board)->action == "view.contacts");
    CHECK_FALSE(find_shortcut(alt3, typing));
    KeyContext login;
    login.view = View::login;
    login.signed_in = false;
    CHECK_FALSE(find_shortcut(palette_press(key::letter('k'), true), login));
    // A dialog (or a menu) open: it has the keys, Ctrl+K and Alt+digits included.
    KeyContext dialog = board;
    dialog.dialog_open = true;
    CHECK_FALSE(find_shortcut(palette_press(key::letter('k'), true), dialog));
    CHECK_FALSE(find_shortcut(alt3, dialog));
}

TEST_CASE("shortcut table: '?' as a typed character, Cmd on macOS, overlays") {
    KeyContext board;
    KeyPress q;
    q.ch = U'?';
    q.shift = true;
    REQUIRE(find_shortcut(q, board));
    CHECK(find_shortcut(q, board)->action == "help");
    board.typing = true;
    CHECK_FALSE(find_shortcut(q, board));  // "?" typed into a field stays text
    board.typing = false;
    CHECK(find_shortcut(palette_press(key::f1), board)->action == "help");

    KeyContext mac;
    mac.mac = true;
    KeyPress cmd_k = palette_press(key::letter('k'));
    cmd_k.super = true;
    CHECK(find_shortcut(cmd_k, mac)->action == "palette");
    CHECK_FALSE(find_shortcut(cmd_k, KeyContext{}));  // Super is no modifier elsewhere

    // The palette open: its own keys and the ones that close it; nothing of the view behind.
    KeyContext pal;
    pal.view = View::leads;
    pal.palette_open = true;
    pal.typing = true;
    CHECK(find_shortcut(palette_press(key::down), pal)->action == "palette.down");
    CHECK(find_shortcut(palette_press(key::enter), pal)->action == "palette.run");
    CHECK(find_shortcut(palette_press(key::escape), pal)->action == "close");
    CHECK(find_shortcut(palette_press(key::letter('k'), true), pal)->action == "palette");
    KeyPress alt1 = palette_press(key::digit(1));
    alt1.alt = true;
    CHECK_FALSE(find_shortcut(alt1, pal));
    // The help open: "?", F1 and Esc close it; the list's keys do not reach the list behind.
    KeyContext help;
    help.view = View::leads;
    help.help_open = true;
    CHECK(find_shortcut(q, help)->action == "help");
    CHECK(find_shortcut(palette_press(key::escape), help)->action == "close");
    CHECK_FALSE(find_shortcut(palette_press(key::down), help));
}

TEST_CASE("shortcut table: every entry has an en and mn label and a readable chord") {
    for (const auto& s : shortcuts()) {
        CAPTURE(s.action);
        CHECK(i18n::tr(i18n::Lang::en, s.label_key) != s.label_key);
        CHECK(i18n::tr(i18n::Lang::mn, s.label_key) != s.label_key);
        CHECK(i18n::tr(i18n::Lang::mn, scope_label_key(s.scope)) != scope_label_key(s.scope));
        CHECK_FALSE(chord_text(s.chord, false).empty());
    }
    CHECK(chord_text(Chord{key::letter('k'), 0, true, false}, false) == "Ctrl+K");
    CHECK(chord_text(Chord{key::letter('k'), 0, true, false}, true) == "Cmd+K");
    CHECK(chord_text(Chord{key::digit(2), 0, false, true}, false) == "Alt+2");
    CHECK(chord_text(Chord{0, U'?', false, false}, false) == "?");
    CHECK(chord_text(Chord{key::escape, 0, false, false}, false) == "Esc");
}

TEST_CASE("palette: views and actions, best match first, in either language") {
    PaletteFixture f;
    f.palette.open();
    CHECK(f.palette.items().size() > 10);  // everything while nothing is typed
    f.palette.text = "cont";
    f.palette.update(0);
    REQUIRE_FALSE(f.palette.items().empty());
    CHECK(f.palette.items()[0].label == "Contacts");
    CHECK(f.palette.selected() == 0);
    // Mongolian: the Mongolian label matches, and the English one too.
    f.app.set_language(i18n::Lang::mn);
    f.palette.text = "хуанл";
    f.palette.update(10);
    REQUIRE_FALSE(f.palette.items().empty());
    CHECK(f.palette.items()[0].label == "Хуанли");
    CHECK(f.palette.items()[0].detail == "Calendar");
    f.palette.text = "calend";
    f.palette.update(20);
    REQUIRE_FALSE(f.palette.items().empty());
    CHECK(f.palette.items()[0].label == "Хуанли");
    f.palette.text = "zzzqqq";
    f.palette.update(30);
    CHECK(f.palette.items().empty());
}

TEST_CASE("palette: saved searches of the list and the boards open their view with that search") {
    PaletteFixture f;
    f.palette.open();
    // The favourites load when the palette opens; they join the results when they come.
    f.reply("/api/v1/saved-searches?view=list", 200,
            {{"items", json::array({{{"id", 1}, {"name", "Миний ВИП"}, {"query", "f=mine&q=vip"}, {"own", true}}})}});
    f.reply("/api/v1/saved-searches?view=board", 200,
            {{"items", json::array({{{"id", 2}, {"name", "Том хэлцэл"}, {"query", "q=big"}, {"shared", true}}})}});
    f.palette.text = "вип";
    f.palette.update(0);
    REQUIRE_FALSE(f.palette.items().empty());
    CHECK(f.palette.items()[0].label == "Миний ВИП");
    CHECK(f.palette.items()[0].kind == PaletteItem::Kind::search);
    CHECK(f.palette.items()[0].detail == "Leads list");
    CHECK(f.palette.probe()["items"][0]["kind"] == "search");
    REQUIRE(f.palette.run_selected());
    CHECK(f.app.route().view == View::leads);
    CHECK(f.app.route().query == "f=mine&q=vip");

    f.palette.open();
    f.palette.text = "том";
    f.palette.update(100);
    REQUIRE_FALSE(f.palette.items().empty());
    CHECK(f.palette.items()[0].label == "Том хэлцэл");
    CHECK(f.palette.items()[0].detail == "Board");
    REQUIRE(f.palette.run_selected());
    CHECK(f.app.route().view == View::pipeline);
    CHECK(f.app.route().query.find("q=big") != std::string::npos);
}

TEST_CASE("palette: records from the search after a pause, only the newest answer, errors shown") {
    PaletteFixture f;
    f.palette.open();
    // Opening asks for the saved searches (once per user); then only the record search asks the server.
    f.reply("/api/v1/saved-searches?view=list", 200, {{"items", json::array()}});
    f.reply("/api/v1/saved-searches?view=board", 200, {{"items", json::array()}});
    f.palette.text = "Бат";
    f.palette.update(1000);
    CHECK(f.net.pending.empty());  // typing: nothing asked yet
    CHECK(f.palette.wake_in(1100) == doctest::Approx(50));
    f.palette.update(1100);
    CHECK(f.net.pending.empty());
    f.palette.update(1150);
    REQUIRE(f.net.pending.size() == 2);
    CHECK(f.net.pending[0].request.path.find("q=%D0%91%D0%B0%D1%82") != std::string::npos);
    // The user typed on: the old answers arrive and are dropped; the new text asks again.
    f.palette.text = "Батаа";
    f.palette.update(1160);
    f.reply("/api/v1/leads", 200, {{"items", json::array({{{"id", 5}, {"name", "Бат old"}}})}});
    f.reply("/api/v1/contacts", 200, {{"items", json::array()}});
    CHECK(f.labels().empty());
    f.palette.update(1310);
    REQUIRE(f.net.pending.size() == 2);
    f.reply("/api/v1/leads", 200,
            {{"items", json::array({{{"id", 42}, {"name", "Батаагийн гэрээ"}, {"partner_name", "Говь ХХК"}}})}});
    f.reply("/api/v1/contacts", 200, {{"items", json::array({{{"id", 9}, {"name", "Батаа"}, {"is_company", false}}})}});
    CHECK_FALSE(f.palette.searching());
    REQUIRE(f.palette.items().size() == 2);
    CHECK(f.palette.items()[0].label == "Батаа");  // the exact name first
    CHECK(f.palette.items()[1].detail == "Говь ХХК");
    f.palette.select(1);
    CHECK(f.palette.run_selected());
    CHECK(f.app.route() == Route::lead(42));
    CHECK_FALSE(f.palette.is_open());

    // A failed search says so in the palette.
    f.palette.open();
    f.palette.text = "Говь";
    f.palette.update(5000);
    f.palette.update(5200);
    f.reply("/api/v1/leads", 500, {{"error", {{"code", "internal"}, {"message", "Database is locked"}}}});
    CHECK(f.palette.error().render(i18n::Lang::en) == "Database is locked");
    CHECK(f.palette.probe()["error"] == "Database is locked");
}

TEST_CASE("palette: moving the selection stays in the list; commands run") {
    PaletteFixture f;
    f.palette.open();
    f.palette.move(-1);
    CHECK(f.palette.selected() == 0);
    f.palette.move(1000);
    CHECK(f.palette.selected() == static_cast<int>(f.palette.items().size()) - 1);
    f.palette.text = "list";
    f.palette.update(0);
    CHECK(f.palette.selected() == 0);
    REQUIRE(f.palette.run_selected());
    CHECK(f.app.route() == Route::leads());

    CHECK(run_command(f.app, "help"));
    CHECK(f.app.keyboard().help_open);
    CHECK(run_command(f.app, "palette"));  // the palette replaces the help
    CHECK_FALSE(f.app.keyboard().help_open);
    CHECK(f.palette.is_open());
    CHECK(run_command(f.app, "close"));
    CHECK_FALSE(f.palette.is_open());
    CHECK_FALSE(run_command(f.app, "close"));  // nothing of ours open: the dialogs take Esc
    CHECK(run_command(f.app, "language"));
    CHECK(f.app.language() == i18n::Lang::mn);
    CHECK(run_command(f.app, "view.calendar"));
    CHECK(f.app.route() == Route::calendar());
    CHECK(run_command(f.app, "new_lead"));
    CHECK(f.app.route().view == View::pipeline);
    CHECK(f.app.keyboard().take("new_lead"));
    CHECK_FALSE(f.app.keyboard().take("new_lead"));
    CHECK_FALSE(run_command(f.app, "mark_won"));  // no lead open
}

TEST_CASE("palette: settings sections the user has, and the open lead's actions") {
    PaletteFixture f;
    f.palette.open();
    bool users = false, stages = false;
    for (const auto& it : f.palette.items()) {
        users = users || it.route == Route::settings("users");
        stages = stages || (it.route == Route::settings("stages") && it.label == "Settings: Stages");
    }
    CHECK(stages);
    CHECK_FALSE(users);  // not an administrator
    bool won = false;
    for (const auto& it : f.palette.items()) won = won || it.action == "mark_won";
    CHECK_FALSE(won);  // no lead open
}

TEST_CASE("list focus: Up/Down stay within the rows") {
    CHECK(move_focus(-1, 1, 5) == 0);
    CHECK(move_focus(-1, -1, 5) == 4);
    CHECK(move_focus(0, -1, 5) == 0);
    CHECK(move_focus(3, 1, 5) == 4);
    CHECK(move_focus(4, 1, 5) == 4);
    CHECK(move_focus(2, 1, 0) == -1);
    CHECK(move_focus(9, 1, 5) == 4);
}

TEST_CASE("a dialog on screen stops every shortcut behind it: ImGui's popups, the app's own dialogs, the discard question") {
    PaletteFixture f("#/settings");
    auto& kb = f.app.keyboard();
    KeyPress alt2 = palette_press(key::digit(2));
    alt2.alt = true;
    KeyPress help;
    help.ch = U'?';
    // Nothing open: the keys work.
    kb.begin_frame();
    KeyContext ctx = key_context(f.app, false, false, false);
    CHECK_FALSE(ctx.dialog_open);
    REQUIRE(find_shortcut(alt2, ctx));
    CHECK(find_shortcut(palette_press(key::escape), ctx)->action == "close");

    // A confirmation drawn by the app (settings' "Delete stage?"): it says so while it draws (note_dialog); the next
    // frame's keys see it, and none of them acts: not Alt+2, "?", Ctrl+K, nor Esc (the dialog takes Esc itself).
    kb.note_dialog();
    kb.begin_frame();
    ctx = key_context(f.app, false, false, false);
    CHECK(ctx.dialog_open);
    CHECK_FALSE(find_shortcut(alt2, ctx));
    CHECK_FALSE(find_shortcut(help, ctx));
    CHECK_FALSE(find_shortcut(palette_press(key::letter('k'), true), ctx));
    CHECK_FALSE(find_shortcut(palette_press(key::escape), ctx));
    CHECK_FALSE(find_shortcut(palette_press(key::enter), ctx));
    // Closed (not drawn in a frame): the keys are back.
    kb.begin_frame();
    ctx = key_context(f.app, false, false, false);
    CHECK_FALSE(ctx.dialog_open);
    CHECK(find_shortcut(alt2, ctx));
    // An ImGui popup or modal (a menu, "Delete contact?").
    CHECK(key_context(f.app, false, true, false).dialog_open);
}

TEST_CASE("the discard question is a dialog too: no shortcut leaves the form behind it") {
    PaletteFixture f("#/contact/11");
    f.app.contact_form().show(11);
    while (!f.net.pending.empty())
        f.net.answer(200, R"({"id":11,"is_company":false,"name":"Бат","active":true,"version":3})");
    REQUIRE(f.app.contact_form().contact());
    f.app.contact_form().field("city") = "Эрдэнэт";
    KeyPress alt2 = palette_press(key::digit(2));
    alt2.alt = true;
    f.app.keyboard().begin_frame();
    CHECK(find_shortcut(alt2, key_context(f.app, false, false, false)));
    f.app.navigate(Route::leads());
    REQUIRE(f.app.pending_leave());
    const KeyContext ctx = key_context(f.app, false, false, false);
    CHECK(ctx.dialog_open);
    CHECK_FALSE(find_shortcut(alt2, ctx));
    CHECK_FALSE(find_shortcut(palette_press(key::letter('s'), true), ctx));  // Ctrl+S neither
}
