// Helpers of the browser tests: the real server on a free loopback port with a temporary data directory, Debian's
// Chromium driven by playwright-core (never a downloaded browser), and access to the client's test interface
// (window.tumen.state(), see client/state/test_probe.hpp).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const config = {
  server: process.env.TUMEN_SERVER,    // path of the tumen-server binary (set by ctest)
  webDir: process.env.TUMEN_WEB_DIR,   // the built web bundle: index.html, tumen.js, tumen.wasm, fonts/
  chromium: process.env.TUMEN_CHROMIUM || '/usr/bin/chromium',
  output: process.env.TUMEN_E2E_OUTPUT || path.join(here, 'output'),
  adminPassword: 'e2e-Өлзий-' + Math.random().toString(36).slice(2, 10),
};

// Headless Chromium on this machine (TOOLCHAIN.md): SwiftShader renders WebGL2; no network beyond loopback.
export const chromiumArgs = [
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-default-apps', '--disable-extensions', '--mute-audio',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Starts tumen-server and waits for /api/v1/health. The admin password is set through TUMEN_ADMIN_PASSWORD.
export async function startServer() {
  for (const [name, value] of [['TUMEN_SERVER', config.server], ['TUMEN_WEB_DIR', config.webDir]])
    if (!value) throw new Error(`${name} is not set (ctest sets it; see tests/e2e/CMakeLists.txt)`);
  for (const file of ['index.html', 'tumen.js', 'tumen.wasm', 'fonts/DejaVuSans.ttf'])
    if (!fs.existsSync(path.join(config.webDir, file)))
      throw new Error(`${file} missing in ${config.webDir}: build the web client first`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumen-e2e-data-'));
  const child = spawn(config.server,
    ['--port', String(port), '--bind', '127.0.0.1', '--data-dir', dataDir, '--web-root', config.webDir],
    { env: { ...process.env, TUMEN_ADMIN_PASSWORD: config.adminPassword }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tumen-server exited with ${child.exitCode}:\n${log}`);
    try {
      const r = await fetch(base + 'api/v1/health');
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`tumen-server did not answer:\n${log}`); }
    await sleep(100);
  }
  return {
    base,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  // chromium.launch() always starts from a fresh, temporary user data directory of its own (and refuses a
  // --user-data-dir argument), so no profile state leaks between runs.
  return chromium.launch({
    executablePath: config.chromium,
    headless: true,
    chromiumSandbox: false,  // CI runs as root
    args: chromiumArgs,
  });
}

// Opens the client in a fresh context and waits until it has drawn with its fonts.
export async function openClient(browser, base, { width = 1280, height = 800, dpr = 1, locale = 'en-US', hash = '' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[14]/.test(m.text())) problems.push(m.text()); });
  await page.goto(base + hash);
  await waitReady(page);
  return { context, page, problems };
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.tumen && window.tumen.ready === true, null, { timeout: 30000 });
}

export function state(page) {
  return page.evaluate(() => window.tumen.state());
}

// Polls state() until the client sleeps (so the widget list is what is on screen) and `predicate(state)` holds;
// returns that state. The message says what was awaited.
export async function waitForState(page, predicate, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let s;
  for (;;) {
    s = await state(page);
    if (s.ready && s.idle && predicate(s)) return s;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify({ ...s, widgets: s.widgets?.map((w) => `${w.kind}:${w.id}:${w.label}${w.value !== undefined ? "=" + JSON.stringify(w.value) : ""}`) })}`);
    await sleep(50);
  }
}

// Waits until the client has drawn two more frames. ImGui 1.86 reads the pointer once per frame, so a press and a
// move landing in one frame (a loaded machine) are seen as a drag that starts late, or not on the handle at all.
export function nextFrames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// A widget of the last drawn frame, by stable id or by visible label.
export function widget(s, idOrLabel) {
  return s.widgets.find((w) => w.id === idOrLabel) || s.widgets.find((w) => w.label === idOrLabel);
}

export async function findWidget(page, idOrLabel) {
  const s = await waitForState(page, (st) => st.widgets && widget(st, idOrLabel), `widget "${idOrLabel}"`);
  return widget(s, idOrLabel);
}

// Clicks the centre of a real widget, as a user would with the mouse.
export async function click(page, idOrLabel) {
  const w = await findWidget(page, idOrLabel);
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  return w;
}

const cdpSessions = new WeakMap();
async function cdp(page) {
  if (!cdpSessions.has(page)) cdpSessions.set(page, await page.context().newCDPSession(page));
  return cdpSessions.get(page);
}

// Types like a person at a keyboard whose layout has the characters (a Mongolian layout for Cyrillic):
// keydown + keypress per character. Playwright's keyboard.type() sends characters that are not on the US layout
// as an IME-style text insertion, which a canvas app never sees (GLFW listens for keypress).
export async function typeText(page, text) {
  for (const ch of text) {
    if (/^[\x20-\x7e]$/.test(ch)) {
      await page.keyboard.type(ch);
    } else {
      const session = await cdp(page);
      await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
      await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
    }
  }
}

// Clicks a text field and replaces its content by typing.
export async function fill(page, id, text) {
  await click(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await typeText(page, text);
}

// Signs in through the login view as a person would (typing into the canvas, Enter to submit); the caller waits
// for the view it expects next.
export async function signIn(page, login = 'admin', password = config.adminPassword) {
  await waitForState(page, (st) => st.view === 'login', 'the login view');
  await fill(page, 'login.login', login);
  await fill(page, 'login.password', password);
  await page.keyboard.press('Enter');
}

export async function screenshot(page, name) {
  fs.mkdirSync(config.output, { recursive: true });
  const file = path.join(config.output, name);
  await page.screenshot({ path: file });
  return file;
}

// Colours [r,g,b] of the screenshot at the given CSS-pixel points: what the user actually sees on screen.
export async function pixels(page, points) {
  const png = (await page.screenshot()).toString('base64');
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  return page.evaluate(async ({ png, points, dpr }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + png;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return points.map(([x, y]) => Array.from(ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data.slice(0, 3)));
  }, { png, points, dpr });
}
