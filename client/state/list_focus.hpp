// The keyboard's row in a list (Up/Down, j/k): where it moves, kept inside the rows loaded.
#pragma once

namespace tumen::client {

// The focused row after moving by `delta` (-1 up, +1 down) among `count` rows; -1 (no row) when the list is empty.
// With no row focused yet, Down starts at the first row and Up at the last.
inline int move_focus(int focused, int delta, int count) {
    if (count <= 0) return -1;
    if (focused < 0) return delta < 0 ? count - 1 : 0;
    const int next = focused + delta;
    return next < 0 ? 0 : next >= count ? count - 1 : next;
}

}  // namespace tumen::client
