// Text composition through the page: web/input.js keeps a transparent <input> (pointer-events: none) over the
// active ImGui text field and focused, so dead keys, IMEs and the on-screen keyboards of phones and tablets compose
// there (a canvas gets none of that). What it commits comes back through tumen_on_text_input (main.cpp) as text;
// while it composes, the raw keys never reach GLFW (no double letters). Hidden when no field is active, so the
// page's and the client's shortcuts work as before.
#pragma once

namespace tumen::platform {

// Once per drawn frame: the overlay's box in CSS pixels while a field has the keyboard (`active`), hidden otherwise.
// `secret`: a password field (the overlay becomes type=password, so on-screen keyboards neither suggest nor learn).
// Cheap: the page touches the DOM only on changes (and refocuses the overlay if a click on the canvas took the focus).
void place_text_input(bool active, float x, float y, float w, float h, float font_px, bool secret = false);

}  // namespace tumen::platform
