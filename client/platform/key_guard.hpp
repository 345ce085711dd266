// Keys the browser would take for itself before the client's shortcuts (client/state/shortcuts.hpp) see them:
// Ctrl/Cmd+K (Chrome's address-bar search), Ctrl/Cmd+S (Save page), F1 (browser help), Alt+1..7 (tab switching on
// Linux) and "/" outside a text field (Firefox's quick find). Their keydown is preventDefault-ed; GLFW still gets it.
#pragma once

namespace tumen::platform {

// Once, at start.
void install_key_guard();
// Whether a text field has the keyboard ("/" is then typed, not guarded). Cheap: JS is told only on a change.
void set_text_input(bool typing);

}  // namespace tumen::platform
