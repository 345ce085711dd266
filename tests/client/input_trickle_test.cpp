#include <doctest/doctest.h>

#include <string>

#include "state/input_trickle.hpp"

using tumen::client::InputEvent;
using tumen::client::InputTrickle;

namespace {
constexpr int ctrl = 341, key_a = 65, key_c = 67, del = 261, input_trickle_press = 1, release = 0, repeat = 2;
InputEvent ev(int key, int action) { return InputEvent::key_event(key, 0, action, 0); }
InputEvent ch(unsigned int c) { return InputEvent::character(c); }

// One line per frame: "+65 -65 'x'" style, to read sequences at a glance.
std::string input_trickle_frames(InputTrickle& t) {
    std::string out;
    while (!t.empty()) {
        for (const auto& e : t.take_frame()) {
            if (e.kind == InputEvent::Kind::character) out += "'" + std::to_string(e.codepoint) + "' ";
            else if (e.kind == InputEvent::Kind::text) out += "'" + e.utf8 + "' ";
            else out += (e.action == input_trickle_press ? "+" : e.action == release ? "-" : "~") + std::to_string(e.key) + " ";
        }
        out += "| ";
    }
    return out;
}
}  // namespace

TEST_CASE("a tap within one frame is seen down in one frame and up in the next") {
    InputTrickle t;
    t.push(ev(key_a, input_trickle_press));
    t.push(ev(key_a, release));
    CHECK(input_trickle_frames(t) == "+65 | -65 | ");
}

TEST_CASE("Ctrl+A then Ctrl+C before a frame reach the UI as two separate chords") {
    InputTrickle t;
    for (auto e : {ev(ctrl, input_trickle_press), ev(key_a, input_trickle_press), ev(key_a, release), ev(ctrl, release), ev(ctrl, input_trickle_press),
                   ev(key_c, input_trickle_press), ev(key_c, release), ev(ctrl, release)})
        t.push(e);
    CHECK(input_trickle_frames(t) == "+341 +65 | -65 -341 | +341 +67 | -67 -341 | ");
}

TEST_CASE("characters never overtake the keys typed before them") {
    InputTrickle t;
    // Ctrl+A, Delete, then "Өө" (U+04E8, U+04E9): the text must land in the emptied field, not before the delete.
    for (auto e : {ev(ctrl, input_trickle_press), ev(key_a, input_trickle_press), ev(key_a, release), ev(ctrl, release), ev(del, input_trickle_press),
                   ev(del, release), ch(0x4E8), ch(0x4E9)})
        t.push(e);
    CHECK(input_trickle_frames(t) == "+341 +65 | -65 -341 +261 | -261 | '1256' '1257' | ");
}

TEST_CASE("plain typing goes one character per frame, chars ahead of the keys of the same frame") {
    InputTrickle t;
    for (auto e : {ev(key_a, input_trickle_press), ch('a'), ev(key_a, release), ev(key_c, input_trickle_press), ch('c'), ev(key_c, release)})
        t.push(e);
    CHECK(input_trickle_frames(t) == "+65 | '97' -65 +67 | '99' -67 | ");
}

TEST_CASE("a character typed right before Ctrl+S is not in the frame where Ctrl goes down") {
    InputTrickle t;
    constexpr int key_3 = 51, key_s = 83;
    for (auto e : {ev(key_3, input_trickle_press), ch('3'), ev(key_3, release), ev(ctrl, input_trickle_press), ev(key_s, input_trickle_press)}) t.push(e);
    CHECK(input_trickle_frames(t) == "+51 | '51' -51 | +341 +83 | ");
}

TEST_CASE("repeats of a held key pass without holding the queue back") {
    InputTrickle t;
    t.push(ev(key_a, input_trickle_press));
    t.push(ev(key_a, repeat));
    t.push(ev(key_a, repeat));
    t.push(ev(key_c, input_trickle_press));
    CHECK(t.take_frame().size() == 4);
    CHECK(t.empty());
}

TEST_CASE("a pasted text waits behind the keys before it, like typed characters") {
    InputTrickle t;
    t.push(ev(del, input_trickle_press));
    t.push(ev(del, release));
    t.push(InputEvent::text("Өө Үү"));
    auto f1 = t.take_frame();
    CHECK(f1.size() == 1);
    auto f2 = t.take_frame();
    REQUIRE(f2.size() == 1);
    CHECK(f2[0].action == release);
    auto f3 = t.take_frame();
    REQUIRE(f3.size() == 1);
    CHECK(f3[0].kind == InputEvent::Kind::text);
    CHECK(f3[0].utf8 == "Өө Үү");
}

TEST_CASE("a click waits for the letters typed before it, and the letters after it for the frame after the press") {
    InputTrickle t;
    t.push(ch('a'));
    t.push(InputEvent::button(0, input_trickle_press));
    t.push(InputEvent::button(0, release));
    t.push(ch('b'));
    t.push(InputEvent::text("в"));
    // The press is seen with the letter before it (the field active at the frame's start takes it); the letters
    // after it come in a later frame, when the clicked field is active.
    CHECK(input_trickle_frames(t) == "'97' +0 | -0 | '98' 'в' | ");
}

TEST_CASE("a click behind queued keys reaches the UI only after them") {
    InputTrickle t;
    for (auto e : {ev(key_a, input_trickle_press), ch('a'), ev(key_a, release), ev(key_c, input_trickle_press), ch('c'),
                   ev(key_c, release), InputEvent::button(0, input_trickle_press), InputEvent::button(0, release)})
        t.push(e);
    CHECK(input_trickle_frames(t) == "+65 | '97' -65 +67 | '99' -67 +0 | -0 | ");
}
