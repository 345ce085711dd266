#include "touch_gestures.hpp"

#include <algorithm>
#include <cmath>

namespace tumen::client {

TouchGestures::Finger* TouchGestures::finger(int id) {
    for (auto& f : fingers_)
        if (f.id == id) return &f;
    return nullptr;
}

void TouchGestures::remove(int id) {
    fingers_.erase(std::remove_if(fingers_.begin(), fingers_.end(), [id](const Finger& f) { return f.id == id; }),
                   fingers_.end());
    if (fingers_.empty()) {
        if (mode_ != Mode::idle) push(PointerFrame::nowhere, PointerFrame::nowhere, false);  // no hover left behind
        mode_ = Mode::idle;
        primary_ = -1;
    }
}

void TouchGestures::push(float x, float y, bool down, float wx, float wy) {
    // A step that changes nothing (a lift where the finger already was) would cost a frame: dropped.
    const bool queued = !steps_.empty();
    const float lx = queued ? steps_.back().x : shown_.x, ly = queued ? steps_.back().y : shown_.y;
    const bool ldown = queued ? steps_.back().down : shown_.down;
    if (wx == 0 && wy == 0 && x == lx && y == ly && down == ldown) return;
    steps_.push_back({x, y, down, wx, wy});
}

void TouchGestures::let_go() {
    // Away first, then up: ImGui sees no item under the release, so nothing is clicked or dropped.
    push(PointerFrame::nowhere, PointerFrame::nowhere, true);
    push(PointerFrame::nowhere, PointerFrame::nowhere, false);
}

void TouchGestures::start(int id, float x, float y) {
    owns_ = true;
    if (finger(id)) return;  // a repeated start: ignore
    fingers_.push_back({id, x, y});
    if (fingers_.size() == 1) {
        mode_ = Mode::pointer;
        primary_ = id;
        press_x_ = x;
        press_y_ = y;
        dragged_ = false;
        push(x, y, false);  // the pointer goes there first (3.1.6 GLFW pressed at the old mouse position)
        push(x, y, true);
    } else if (fingers_.size() == 2 && mode_ == Mode::pointer && !dragged_) {
        mode_ = Mode::scroll;
        let_go();
        mid_x_ = (fingers_[0].x + fingers_[1].x) * 0.5f;
        mid_y_ = (fingers_[0].y + fingers_[1].y) * 0.5f;
        push(mid_x_, mid_y_, false);
    }
    // A second finger during a drag, or a third finger: nothing.
}

void TouchGestures::move(int id, float x, float y) {
    Finger* f = finger(id);
    if (!f) return;
    f->x = x;
    f->y = y;
    if (mode_ == Mode::pointer && id == primary_) {
        if (std::hypot(x - press_x_, y - press_y_) > slop_) dragged_ = true;
        push(x, y, true);
    } else if (mode_ == Mode::scroll && fingers_.size() >= 2) {
        const float mx = (fingers_[0].x + fingers_[1].x) * 0.5f, my = (fingers_[0].y + fingers_[1].y) * 0.5f;
        push(mx, my, false, (mx - mid_x_) / notch_, (my - mid_y_) / notch_);
        mid_x_ = mx;
        mid_y_ = my;
    }
}

void TouchGestures::end(int id, float x, float y) {
    if (!finger(id)) return;
    if (mode_ == Mode::pointer && id == primary_) {
        push(x, y, true);   // where it lifted, still pressed (a drop lands there)
        push(x, y, false);
        mode_ = Mode::spent;
    } else if (mode_ == Mode::scroll) {
        mode_ = Mode::spent;  // the other finger alone does not turn into a press
    }
    remove(id);
}

void TouchGestures::cancel(int id) {
    if (!finger(id)) return;
    if (mode_ == Mode::pointer && id == primary_) {
        let_go();
        mode_ = Mode::spent;
    } else if (mode_ == Mode::scroll) {
        mode_ = Mode::spent;
    }
    remove(id);
}

PointerFrame TouchGestures::take_frame() {
    PointerFrame out = shown_;
    out.wheel_x = out.wheel_y = 0;
    bool moved = false;
    while (!steps_.empty()) {
        const Step s = steps_.front();
        if (s.down != out.down) {
            // A button change is the only thing in its frame, at a position ImGui saw the frame before.
            if (moved) break;
            if (s.x != out.x || s.y != out.y) {
                out.x = s.x;
                out.y = s.y;
                break;
            }
            out.down = s.down;
            steps_.pop_front();
            break;
        }
        out.x = s.x;
        out.y = s.y;
        out.wheel_x += s.wheel_x;
        out.wheel_y += s.wheel_y;
        steps_.pop_front();
        moved = true;
    }
    shown_ = out;
    shown_.wheel_x = shown_.wheel_y = 0;
    return out;
}

void TouchGestures::mouse_used() {
    owns_ = false;
    steps_.clear();
    fingers_.clear();
    mode_ = Mode::idle;
    primary_ = -1;
    shown_ = PointerFrame{};
}

}  // namespace tumen::client
