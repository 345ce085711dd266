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
        const bool ctrl_or_super = e.key == 341 || e.key == 345 || e.key == 343 || e.key == 347;
        if (e.kind != InputEvent::Kind::key) {
            if (!changed.empty()) break;
            typed = true;
        } else if (typed && e.action == 1 && ctrl_or_super) {
            break;
        } else if (e.action != 2) {  // a repeat keeps the key down: no change of state
            if (std::find(changed.begin(), changed.end(), e.key) != changed.end()) break;
            changed.push_back(e.key);
        }
        out.push_back(e);
        queue_.pop_front();
    }
    return out;
}

}  // namespace tumen::client
