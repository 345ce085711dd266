// The first frame at start-up (issue 5). The session check and the board's first page are asked for before the
// WebGL context exists; a frame drawn before they answer shows an empty, loading board that the board replaces a
// moment later, and in a software renderer (a machine without a GPU) each full-window frame costs ~0.2 s of CPU,
// delaying the board's own frame. So the first frame waits for those replies (the page's loading indicator stays
// meanwhile), at most until first_frame_wait_ms after the page started: then the loading board is drawn as before.
#pragma once
#include "app_state.hpp"

namespace tumen::client {

// ms since the page started (performance.now()).
inline constexpr double first_frame_wait_ms = 3000;

// True while the first frame should wait at `now_ms`: the session check is under way, or the board (the page opened
// on #/pipeline) has not had its first columns yet. Never after the first frame (the caller asks only before it).
inline bool hold_first_frame(const AppState& app, double now_ms) {
    if (now_ms >= first_frame_wait_ms) return false;
    if (app.session_status() == SessionStatus::checking) return true;
    return app.session_status() == SessionStatus::signed_in && app.route().view == View::pipeline &&
           app.board().status() == BoardStatus::loading;
}

}  // namespace tumen::client
