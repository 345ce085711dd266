// The page's side of two inputs a canvas does not get right with Emscripten 3.1.6's GLFW (see
// client/platform/browser.hpp). Loaded before tumen.js, so these window listeners run before GLFW's.
//
// 1. Text composition (dead keys, IMEs, phone and tablet keyboards): while an ImGui text field is active, the client
//    keeps #ime, a transparent <input> that lets clicks through, over the field and focused (window.tumenInput.place,
//    called by client/platform/text_input.cpp). Its text goes to the client (tumen_on_text_input) and it is emptied
//    again. GLFW gets no keypress while #ime has the focus, so each letter arrives once, through #ime. GLFW also gets
//    no key event while a composition is under way, so Enter or Backspace inside an IME stay in the IME.
//    Other keys (arrows, Backspace, Enter, Tab, Esc, Ctrl+A/C/V/X/Z) still reach ImGui through GLFW, and
//    paste still goes through the page's 'paste' listener.
// 2. Touch: GLFW presses at the previous mouse position on touchstart, so the canvas' touch events stop here. The
//    client turns them into pointer frames (client/state/touch_gestures.hpp): one finger is the mouse, two scroll.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const ime = document.createElement('input');
  ime.id = 'ime';
  ime.type = 'text';
  ime.tabIndex = -1;
  ime.autocomplete = 'off';
  ime.spellcheck = false;
  ime.setAttribute('autocorrect', 'off');
  ime.setAttribute('autocapitalize', 'off');
  ime.setAttribute('aria-hidden', 'true');
  document.body.appendChild(ime);

  const ready = () => !!(window.tumen && window.tumen.ready && window.Module && Module._tumen_on_text_input);
  const owns = () => document.activeElement === ime;
  let composing = false;
  let placed = '';

  function send(text) {
    if (!text || !ready()) return;
    const n = Module.lengthBytesUTF8(text) + 1;
    const p = Module._malloc(n);
    Module.stringToUTF8(text, p, n);
    try { Module._tumen_on_text_input(p); } finally { Module._free(p); }
  }

  window.tumenInput = {
    // CSS pixels of the page (the canvas fills it). Refocuses #ime when a click on the canvas took the focus.
    place(x, y, w, h, fontPx, secret) {
      const key = [x, y, w, h, fontPx, secret].join();
      if (key !== placed) {
        placed = key;
        const s = ime.style;
        s.left = x + 'px'; s.top = y + 'px'; s.width = w + 'px'; s.height = h + 'px';
        s.fontSize = fontPx + 'px';
        s.display = 'block';
        const type = secret ? 'password' : 'text';
        if (ime.type !== type) ime.type = type;
      }
      if (!owns()) ime.focus({ preventScroll: true });
    },
    hide() {
      placed = '';
      composing = false;
      ime.classList.remove('composing');
      ime.value = '';
      if (owns()) ime.blur();
      ime.style.display = 'none';
    },
  };

  // Keys: while composing, they belong to the IME; GLFW's keypress would type each letter a second time.
  const composingKey = (e) => composing || e.isComposing || e.keyCode === 229;
  window.addEventListener('keydown', (e) => {
    if (!owns()) return;
    if (composingKey(e)) { e.stopImmediatePropagation(); return; }
    // Undo/redo are ImGui's; the browser's would put old text back into #ime.
    if ((e.ctrlKey || e.metaKey) && (e.keyCode === 89 || e.keyCode === 90)) e.preventDefault();
  }, true);
  window.addEventListener('keyup', (e) => { if (owns() && composingKey(e)) e.stopImmediatePropagation(); }, true);
  window.addEventListener('keypress', (e) => { if (owns()) e.stopImmediatePropagation(); }, true);
  // Focus moving between the canvas and #ime is not the window losing focus (GLFW would let go of held keys).
  window.addEventListener('blur', (e) => {
    if (e.target === ime || e.target === canvas) e.stopImmediatePropagation();
  }, true);

  ime.addEventListener('compositionstart', () => { composing = true; ime.classList.add('composing'); });
  ime.addEventListener('compositionend', (e) => {
    composing = false;
    ime.classList.remove('composing');
    send(e.data);
    ime.value = '';
  });
  ime.addEventListener('input', (e) => {
    // Composed text arrives with compositionend; deletions and undo are ImGui's own keys.
    if (composing || e.isComposing || e.inputType === 'insertCompositionText') return;
    const text = e.inputType && e.inputType.startsWith('insert')
      ? (e.data ?? (e.dataTransfer ? e.dataTransfer.getData('text/plain') : ime.value)) : '';
    ime.value = '';
    if (e.inputType !== 'insertLineBreak') send(text);
  });

  // Touch: kind 0 start, 1 move, 2 end, 3 cancel; positions in the canvas' device pixels.
  const kinds = { touchstart: 0, touchmove: 1, touchend: 2, touchcancel: 3 };
  for (const type of Object.keys(kinds)) {
    window.addEventListener(type, (e) => {
      if (e.target !== canvas) return;
      e.stopPropagation();  // GLFW's listeners on the canvas
      e.preventDefault();   // no emulated mouse events, no page scroll or zoom
      if (!ready()) return;
      const r = canvas.getBoundingClientRect();
      const sx = canvas.width / r.width, sy = canvas.height / r.height;
      for (const t of e.changedTouches)
        Module._tumen_on_touch(kinds[type], t.identifier, (t.clientX - r.left) * sx, (t.clientY - r.top) * sy);
      // A phone shows its keyboard only for a focus inside a user gesture: the field the tap activated gets it here.
      if (type === 'touchend' && ime.style.display === 'block') { ime.blur(); ime.focus({ preventScroll: true }); }
    }, { capture: true, passive: false });
  }
})();
