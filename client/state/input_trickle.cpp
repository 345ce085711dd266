#include "input_trickle.hpp"

#include <algorithm>

namespace tumen::client {

std::vector<InputEvent> InputTrickle::take_frame() {
    std::vector<InputEvent> out;
    std::vector<int> changed;
    bool typed = false;  // the frame holds characters or text
    while (!queue_.empty()) {
        const InputEvent& e = queue_.front();
        // GLFW's left/right Control and Super: ImGui drops a frame's characters while one is down, so the last
        // letter typed right before Ctrl+S would be lost; the chord waits for the next frame.
        const bool key = e.kind == InputEvent::Kind::key, button = e.kind == InputEvent::Kind::button;
        const bool ctrl_or_super = key && (e.key == 341 || e.key == 345 || e.key == 343 || e.key == 347);
        if (!key && !button) {
            if (!changed.empty()) break;
            typed = true;
        } else if (typed && e.action == 1 && ctrl_or_super) {
            break;
        } else if (e.action != 2) {  // a repeat keeps the key down: no change of state
            const int id = button ? -100 - e.key : e.key;  // GLFW buttons are 0-7, keys -1 or 32 and up
            if (std::find(changed.begin(), changed.end(), id) != changed.end()) break;
            changed.push_back(id);
        }
        out.push_back(e);
        queue_.pop_front();
    }
    return out;
}

}  // namespace tumen::client
