// Fingers on the canvas turned into what a mouse would do, frame by frame (the platform feeds the result to
// ImGui 1.86, which reads the pointer once per frame and has no input queue; 3.1.6 GLFW would press at the last
// mouse position instead).
//  - One finger is the mouse: it moves the pointer to where it landed (one frame), presses (next frame), drags
//    while it moves, releases where it lifts, and the pointer then leaves (no hover left behind). Tap = click,
//    press-move-release = the board's card drag. A button change always gets a frame of its own, at a position
//    ImGui has already seen: a whole gesture arriving between two frames still reads as press, move, release.
//  - Two fingers scroll: a second finger landing before the first moved past the slop turns the gesture into a
//    scroll (the press is let go away from everything, so nothing is clicked); their midpoint's movement becomes
//    wheel notches at the midpoint, content following the fingers (vertical: a column or list; sideways: the
//    board). A second finger during a drag is ignored (the drag goes on).
// Coordinates are the canvas' device pixels.
#pragma once
#include <deque>
#include <limits>
#include <vector>

namespace tumen::client {

struct PointerFrame {
    static constexpr float nowhere = -std::numeric_limits<float>::max();  // ImGui's "no mouse" (-FLT_MAX)
    float x = nowhere;
    float y = nowhere;
    bool down = false;    // the left button
    float wheel_x = 0;    // wheel notches in ImGui's sense: positive moves the content right / down, as the
    float wheel_y = 0;    // fingers moving right / down do
};

class TouchGestures {
public:
    // slop: movement (device px) after which one finger is a drag; notch: device px of finger travel per wheel notch.
    void configure(float slop, float notch) {
        slop_ = slop;
        notch_ = notch;
    }
    void start(int id, float x, float y);
    void move(int id, float x, float y);
    void end(int id, float x, float y);
    void cancel(int id);  // touchcancel: the press is let go away from everything

    // The pointer for the coming frame (call once per frame while owns_pointer()).
    PointerFrame take_frame();
    bool pending() const { return !steps_.empty(); }
    // A finger was the last to point; false again once the real mouse moves or clicks (mouse_used).
    bool owns_pointer() const { return owns_; }
    void mouse_used();

    enum class Mode { idle, pointer, scroll, spent };  // spent: fingers still down, nothing more to do
    Mode mode() const { return mode_; }

private:
    struct Finger {
        int id;
        float x, y;
    };
    struct Step {
        float x, y;
        bool down;
        float wheel_x = 0, wheel_y = 0;
    };
    Finger* finger(int id);
    void remove(int id);
    void let_go();  // release the press away from everything
    void push(float x, float y, bool down, float wx = 0, float wy = 0);

    float slop_ = 10;
    float notch_ = 100;
    std::vector<Finger> fingers_;
    Mode mode_ = Mode::idle;
    int primary_ = -1;
    float press_x_ = 0, press_y_ = 0;
    bool dragged_ = false;           // the primary finger moved past the slop
    float mid_x_ = 0, mid_y_ = 0;    // the two fingers' midpoint last reported
    std::deque<Step> steps_;
    PointerFrame shown_;             // what ImGui saw last (position and button)
    bool owns_ = false;
};

}  // namespace tumen::client
