#include "input_trickle.hpp"

#include <algorithm>

namespace tumen::client {

std::vector<InputEvent> InputTrickle::take_frame() {
    std::vector<InputEvent> out;
    std::vector<int> changed;
    while (!queue_.empty()) {
        const InputEvent& e = queue_.front();
        if (e.kind != InputEvent::Kind::key) {
            if (!changed.empty()) break;
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
