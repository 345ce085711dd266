// The platform's touch gestures (client/state/touch_gestures.hpp) and the composition overlay's place
// (client/state/text_overlay.hpp): pure logic behind the browser seam.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "state/text_overlay.hpp"
#include "state/touch_gestures.hpp"

using tumen::client::Box;
using tumen::client::PointerFrame;
using tumen::client::TouchGestures;

namespace {
// One entry per frame: "x,y" and "D" while the button is down, "-" for nowhere, "w<x>,<y>" for wheel notches.
std::string touch_input_frames(TouchGestures& t) {
    std::string out;
    for (int guard = 0; t.pending() && guard < 50; ++guard) {
        const PointerFrame f = t.take_frame();
        if (f.x == PointerFrame::nowhere) out += "-";
        else out += std::to_string(static_cast<int>(f.x)) + "," + std::to_string(static_cast<int>(f.y));
        if (f.down) out += "D";
        if (f.wheel_x != 0 || f.wheel_y != 0)
            out += " w" + std::to_string(std::lround(f.wheel_x * 10)) + "," + std::to_string(std::lround(f.wheel_y * 10));
        out += " | ";
    }
    return out;
}
}  // namespace

TEST_CASE("a tap: the pointer is there a frame before the press, the release gets its own frame, then it leaves") {
    TouchGestures t;
    t.start(1, 100, 200);
    t.end(1, 100, 200);  // all before the next frame
    CHECK(t.owns_pointer());
    CHECK(touch_input_frames(t) == "100,200 | 100,200D | 100,200 | - | ");
    CHECK(t.mode() == TouchGestures::Mode::idle);
}

TEST_CASE("a drag arriving between two frames still reads as press, move, release at the lift point") {
    TouchGestures t;
    t.configure(10, 100);
    t.start(1, 100, 200);
    t.move(1, 150, 200);
    t.move(1, 400, 220);
    t.end(1, 420, 230);
    CHECK(touch_input_frames(t) == "100,200 | 100,200D | 420,230D | 420,230 | - | ");
}

TEST_CASE("moves are shown frame by frame while the finger is down") {
    TouchGestures t;
    t.start(7, 10, 10);
    CHECK(touch_input_frames(t) == "10,10 | 10,10D | ");
    t.move(7, 30, 10);
    CHECK(touch_input_frames(t) == "30,10D | ");
    t.move(7, 60, 12);
    CHECK(touch_input_frames(t) == "60,12D | ");
    t.end(7, 60, 12);
    CHECK(touch_input_frames(t) == "60,12 | - | ");
}

TEST_CASE("a second finger before any drag turns the gesture into a scroll at the midpoint, nothing clicked") {
    TouchGestures t;
    t.configure(10, 100);
    t.start(1, 100, 300);
    CHECK(touch_input_frames(t) == "100,300 | 100,300D | ");
    t.start(2, 200, 300);
    CHECK(t.mode() == TouchGestures::Mode::scroll);
    // Let go away from everything, then point at the midpoint without a button.
    CHECK(touch_input_frames(t) == "-D | - | 150,300 | ");
    // Both fingers up by 50 px: the content follows them (wheel -0.5 notch), twice.
    t.move(1, 100, 250);
    t.move(2, 200, 250);
    CHECK(touch_input_frames(t) == "150,250 w0,-5 | ");
    t.move(1, 120, 200);
    t.move(2, 220, 200);
    CHECK(touch_input_frames(t) == "170,200 w2,-5 | ");
    t.end(1, 120, 200);
    t.move(2, 220, 100);  // the finger left alone does nothing
    t.end(2, 220, 100);
    CHECK(touch_input_frames(t) == "- | ");
    CHECK(t.mode() == TouchGestures::Mode::idle);
}

TEST_CASE("a second finger during a drag is ignored and the drag goes on") {
    TouchGestures t;
    t.configure(10, 100);
    t.start(1, 100, 100);
    t.move(1, 150, 100);
    CHECK(touch_input_frames(t) == "100,100 | 100,100D | 150,100D | ");
    t.start(2, 500, 500);
    CHECK(t.mode() == TouchGestures::Mode::pointer);
    t.move(2, 520, 520);
    t.move(1, 200, 100);
    t.end(1, 200, 100);
    t.end(2, 520, 520);
    CHECK(touch_input_frames(t) == "200,100D | 200,100 | - | ");
}

TEST_CASE("a cancelled touch lets go away from everything") {
    TouchGestures t;
    t.start(1, 100, 100);
    t.cancel(1);
    CHECK(touch_input_frames(t) == "100,100 | 100,100D | -D | - | ");
}

TEST_CASE("the real mouse takes the pointer back") {
    TouchGestures t;
    t.start(1, 100, 100);
    t.mouse_used();
    CHECK_FALSE(t.owns_pointer());
    CHECK_FALSE(t.pending());
    t.move(1, 120, 120);  // a finger no longer known
    CHECK_FALSE(t.pending());
}

TEST_CASE("the composition overlay covers the field from the caret, or only the caret's line") {
    // A one-line field: full height, from the caret to the right edge.
    CHECK(tumen::client::text_overlay_box({100, 50, 300, 40}, 180, 58, 24, 60) == Box{180, 50, 220, 40});
    // Caret near the right edge: the overlay keeps its minimum width inside the field.
    CHECK(tumen::client::text_overlay_box({100, 50, 300, 40}, 390, 58, 24, 60) == Box{340, 50, 60, 40});
    // Caret scrolled out on the left: clamped to the field.
    CHECK(tumen::client::text_overlay_box({100, 50, 300, 40}, 20, 58, 24, 60) == Box{100, 50, 300, 40});
    // A multi-line field: the caret's line only.
    CHECK(tumen::client::text_overlay_box({100, 50, 300, 200}, 150, 130, 24, 60) == Box{150, 130, 250, 24});
    // No field rectangle known: a line at the caret.
    CHECK(tumen::client::text_overlay_box({}, 150, 130, 24, 60) == Box{150, 130, 60, 24});
}
