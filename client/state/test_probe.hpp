// The browser tests' view into the client (window.tumen.state()): route, view, language, the error on screen,
// the frame counter (to prove idling) and every widget drawn in the last frame with its rectangle in CSS pixels,
// so a test can click a real widget by its label. Always compiled in; it costs a JSON dump only when asked.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace tumen::client {

struct WidgetInfo {
    std::string id;     // stable across languages, e.g. "login.submit"
    std::string label;  // what the user reads, e.g. "Sign in" / "Нэвтрэх"
    std::string kind;   // "button", "input", "text", "toggle"
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, relative to the canvas' top-left corner
    std::string value;  // text inputs: the current text (never for password fields)
};

struct FrameInfo {
    std::uint64_t frame_count = 0;  // ImGui frames drawn since start: stays still while the client idles
    float dpr = 1;
    int canvas_width = 0;           // backing store, device pixels
    int canvas_height = 0;
    bool ready = false;             // fonts loaded and a first frame drawn
    bool idle = false;              // the main loop sleeps: the widget list matches what is on screen
    std::vector<double> frame_ms;   // the newest frames' durations, oldest first (frame_timer.hpp)
    std::vector<double> render_ms;  // of each, the time spent in WebGL calls
    std::size_t heap_bytes = 0;     // the wasm memory's size
};

std::string state_json(const AppState& app, const std::vector<WidgetInfo>& widgets, const FrameInfo& frame);

}  // namespace tumen::client
