// Keyboard input handed to the UI in the order it happened, at most one change per key per frame.
// Dear ImGui 1.86 reads keys as "down this frame" (io.KeysDown) and has no input queue (that came in 1.87), and the
// client sleeps between frames: a key pressed and released before the next frame (a quick tap, an automated
// press, Ctrl+A right before Ctrl+C) would never be seen, and typed characters would overtake the keys typed
// before them. The platform queues every key and character event here and feeds each frame the events up to
//  - the first one that would change a key already changed in that frame, or
//  - the first character or text after a key change in that frame (ImGui handles a frame's characters before its
//    keys, and ignores characters typed while Ctrl is down), or
//  - a Ctrl or Super press after a character of that frame (same reason: "…3" then Ctrl+S must keep the "3").
// Mouse buttons wait in the same queue, each like a key: a click must not overtake the letters typed before it
// (they would land in the field clicked), and the letters typed after it wait for the frame after the press (ImGui
// gives a frame's characters to the field active when the frame starts, before the click moves the caret).
#pragma once
#include <deque>
#include <string>
#include <vector>

namespace tumen::client {

struct InputEvent {
    enum class Kind { key, character, text, button };
    Kind kind = Kind::key;
    int key = 0;                 // GLFW key code (key events), GLFW mouse button (button events)
    int scancode = 0;
    int action = 0;              // 0 release, 1 press, 2 repeat
    int mods = 0;
    unsigned int codepoint = 0;  // character events
    std::string utf8;            // text events (a paste that did not come from a key chord)

    static InputEvent key_event(int key, int scancode, int action, int mods) {
        return {Kind::key, key, scancode, action, mods, 0, {}};
    }
    static InputEvent character(unsigned int codepoint) { return {Kind::character, 0, 0, 0, 0, codepoint, {}}; }
    static InputEvent text(std::string utf8) { return {Kind::text, 0, 0, 0, 0, 0, std::move(utf8)}; }
    static InputEvent button(int button, int action) { return {Kind::button, button, 0, action, 0, 0, {}}; }
};

class InputTrickle {
public:
    void push(const InputEvent& e) { queue_.push_back(e); }
    // The events for the coming frame, in order; the rest wait for the next frames.
    std::vector<InputEvent> take_frame();
    bool empty() const { return queue_.empty(); }

private:
    std::deque<InputEvent> queue_;
};

}  // namespace tumen::client
