// The board at tens of thousands of cards (issue 5): the real server on a demo database, the real wasm client in
// headless Chromium at 1920x1080, signed in as the administrator on the biggest team's board. Printed figures:
// time from navigation to a usable board (columns counted and the first cards drawn; a first visit in a fresh
// browser profile, and a second visit in the same profile, as a returning user), the client's own frame
// times (median and p95, window.tumen.state().frame_ms) while the wheel scrolls a column and while a card is
// dragged across the board, and the wasm heap. Baseline in the same run: the same steps on the board of the
// smallest team. Figures only, never an assertion (the machine is shared and noisy).
//
//   TUMEN_SERVER=build/server/tumen-server TUMEN_WEB_DIR=build/web node bench/board_browser.mjs [leads=200000]
//
// The demo database (3 teams; ~25% of the leads in the biggest team's board at 200,000) is generated once into
// /tmp/tumen-board-bench-<leads> and reused. Goals (issue 5): usable in under 1.5 s, p95 frame under 16 ms.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

import { config, launchBrowser } from '../tests/e2e/harness.mjs';

const leads = Number(process.argv[2] || 200000);
const dataDir = `/tmp/tumen-board-bench-${leads}`;
const password = 'bench-Өлзий-2026';
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}/`;

const fresh = !fs.existsSync(dataDir);
fs.mkdirSync(dataDir, { recursive: true });
const seedStart = Date.now();
const server = spawn(config.server, ['--port', String(port), '--bind', '127.0.0.1', '--data-dir', dataDir,
  '--web-root', config.webDir, '--demo-leads', String(leads), '--quiet', 'true'],
{ env: { ...process.env, TUMEN_ADMIN_PASSWORD: password }, stdio: ['ignore', 'ignore', 'inherit'] });
for (;;) {
  try { if ((await fetch(base + 'api/v1/health')).ok) break; } catch { /* seeding or starting */ }
  if (server.exitCode !== null) throw new Error(`tumen-server exited with ${server.exitCode}`);
  await sleep(250);
}
if (fresh) console.log(`seeded ${leads} demo leads in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (${dataDir})`);

const login = await fetch(base + 'api/v1/session/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ login: 'admin', password }) });
if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()} (delete ${dataDir} if it was made with another password)`);
const cookie = login.headers.get('set-cookie').split(';')[0];
const api = async (path) => (await fetch(base + path, { headers: { Cookie: cookie } })).json();

// Cards per team board: the open leads of the team (what the board counts).
const teams = (await api('api/v1/teams')).items;
for (const t of teams) t.cards = (await api(`api/v1/leads?filter=${encodeURIComponent(`team_id = ${t.id}`)}&limit=1&total=true`)).total;
teams.sort((a, b) => b.cards - a.cards);

const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
// CPU time (user + system, ms) of the browser's processes (this script's descendants but the server), from /proc:
// less sensitive to the machine's load than wall time. NaN where there is no /proc.
function browserCpuMs() {
  const procs = new Map();
  try {
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(d), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * 10 });
      } catch { /* gone meanwhile */ }
    }
  } catch { return NaN; }
  let total = 0;
  const walk = (pid) => {
    for (const [k, v] of procs) if (v.ppid === pid && k !== server.pid) { total += v.ms; walk(k); }
  };
  walk(process.pid);
  return total;
}

const browser = await launchBrowser();
async function measure(team) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  // Where the time goes before the board is usable (ms since navigation): the first frame, from the page itself.
  await page.addInitScript(() => {
    const poll = () => {
      if (window.tumen && window.tumen.ready) window.__firstFrame = performance.now();
      else setTimeout(poll, 5);
    };
    poll();
  });
  const load = os.loadavg()[0];
  const cpu0 = browserCpuMs();
  const t0 = Date.now();
  await page.goto(`${base}#/pipeline/${team.id}`);
  // The client marks the first frame that drew the board's columns and cards, and the next animation frame (it is on
  // screen). Waiting for that mark costs the page nothing; polling window.tumen.state() every 10 ms serialised the
  // whole UI each time on the same main thread (~70 ms of a start-up).
  await page.waitForFunction(() => performance.getEntriesByName('tumen:board_frame.presented').length > 0,
    null, { timeout: 60000, polling: 10 });
  const usable = Date.now() - t0;
  const drawn = await page.evaluate(() => {
    const st = window.tumen.state();
    return st.board && st.board.status === 'ready' && st.board.cards.some((c) => c.rect);
  });
  if (!drawn) throw new Error('the board frame was marked, but the state has no card drawn');
  const startCpu = browserCpuMs() - cpu0;
  const timeline = await page.evaluate(() => {
    const at = (part) => {
      const e = performance.getEntriesByType('resource').find((r) => r.name.includes(part));
      return e ? Math.round(e.responseEnd) : NaN;
    };
    return { html: Math.round(performance.getEntriesByType('navigation')[0].responseEnd), js: at('/tumen.js'),
             wasm: at('/tumen.wasm'), fonts: Math.max(at('DejaVuSans.ttf'), at('DejaVuSans-Bold.ttf')),
             session: at('/api/v1/session/me'), teams: at('/api/v1/teams'), groups: at('/api/v1/leads/groups'),
             frame: Math.round(window.__firstFrame),
             // The client's start-up marks (client/platform/main.cpp): main entered, WebGL context made, main returned,
             // fonts in, atlas started and built, first frame drawn and (.presented) its next animation frame, the
             // first frame with the board's columns started, drawn and presented.
             marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tumen:'))
               .map((m) => `${m.name.slice(6)} ${Math.round(m.startTime)}`).join(', '),
             // What the main thread spent on each reply of the first seconds, and on the first frame.
             steps: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('tumen:') && m.duration >= 5)
               .map((m) => `${m.name.slice(6)} ${Math.round(m.startTime)}+${Math.round(m.duration)}`).join(', ') };
  });
  const state = () => page.evaluate(() => window.tumen.state());
  // Frames drawn since `from` (frame_ms ends at frame_count).
  const framesSince = (st, from, key = 'frame_ms') => st[key].slice(Math.max(0, st[key].length - (st.frame_count - from)));

  let st = await state();
  // The busiest column on screen: with eight stages the last ones are off to the right at 1920 px.
  const onScreen = (c) => st.widgets.some((w) => w.id === `board.column.${c.stage_id}`);
  const busiest = [...st.board.columns].filter((c) => !c.folded && onScreen(c)).sort((a, b) => b.count - a.count)[0];
  const col = st.widgets.find((w) => w.id === `board.column.${busiest.stage_id}`);
  await page.mouse.move(col.x + col.w / 2, col.y + 300);
  let from = st.frame_count;
  for (let i = 0; i < 60; ++i) {
    await page.mouse.wheel(0, 240);
    await sleep(16);
  }
  await sleep(500);
  st = await state();
  const scroll = framesSince(st, from);
  const scrollGl = framesSince(st, from, 'render_ms');

  // Drag the first drawn card of the first column across the board and back, without dropping it elsewhere.
  const card = st.board.cards.find((c) => c.rect);
  const [x0, y0] = [card.rect.x + card.rect.w / 2, card.rect.y + card.rect.h / 2];
  from = st.frame_count;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 90; ++i) {
    await page.mouse.move(x0 + 1200 * Math.sin((i / 90) * Math.PI), y0 + 40 * Math.sin((i / 15) * Math.PI));
    await sleep(16);
  }
  await page.mouse.move(x0, y0);
  await page.mouse.up();
  await sleep(300);
  st = await state();
  const drag = framesSince(st, from);
  const dragGl = framesSince(st, from, 'render_ms');
  // A second visit in the same browser profile, as a returning user opens the board: the files revalidate with
  // their ETag (304) and V8 takes the compiled wasm from its code cache (written once the module tiered up).
  await page.goto('about:blank');
  await sleep(1500);
  const t1 = Date.now();
  await page.goto(`${base}#/pipeline/${team.id}`);
  await page.waitForFunction(() => performance.getEntriesByName('tumen:board_frame.presented').length > 0,
    null, { timeout: 60000, polling: 10 });
  const usableAgain = Date.now() - t1;
  await context.close();
  return { usable, usableAgain, startCpu, load, timeline, scroll, drag, scrollGl, dragGl, heap: st.heap_bytes, cards: team.cards, columns: st.board.columns.length };
}

try {
  const big = teams[0], small = teams[teams.length - 1];
  const rows = [];
  for (const [label, team] of [['baseline: smallest team', small], ['biggest team', big]]) {
    const m = await measure(team);
    rows.push(m);
    console.log(`${label} "${team.name}": ${m.cards} open cards in ${m.columns} columns`);
    console.log(`  usable board          ${m.usable} ms (browser CPU meanwhile ${m.startCpu} ms, load ${m.load.toFixed(1)} before); second visit ${m.usableAgain} ms`);
    const t = m.timeline;
    console.log(`    received (ms after navigation): index.html ${t.html}, tumen.js ${t.js}, tumen.wasm ${t.wasm}, fonts ${t.fonts}, session ${t.session}, teams ${t.teams}, board data ${t.groups}; first frame ${t.frame}`);
    if (t.marks) console.log(`    client marks (ms after navigation): ${t.marks}`);
    if (t.steps) console.log(`    main-thread steps over 5 ms (start+duration): ${t.steps}`);
    console.log(`  frames, column scroll ${m.scroll.length} frames: median ${fmt(quantile(m.scroll, 0.5))} ms, p95 ${fmt(quantile(m.scroll, 0.95))} ms`);
    console.log(`  frames, card drag     ${m.drag.length} frames: median ${fmt(quantile(m.drag, 0.5))} ms, p95 ${fmt(quantile(m.drag, 0.95))} ms`);
    const own = (all, gl) => all.map((v, i) => v - (gl[i] ?? 0));
    console.log(`  of which WebGL calls  scroll p95 ${fmt(quantile(m.scrollGl, 0.95))} ms, drag p95 ${fmt(quantile(m.dragGl, 0.95))} ms; without them: scroll p95 ${fmt(quantile(own(m.scroll, m.scrollGl), 0.95))} ms, drag p95 ${fmt(quantile(own(m.drag, m.dragGl), 0.95))} ms`);
    console.log(`  wasm heap             ${(m.heap / 1048576).toFixed(0)} MiB`);
  }
  const [b, m] = rows;
  console.log(`ratios biggest/smallest: usable ${(m.usable / b.usable).toFixed(2)}, scroll p95 ${(quantile(m.scroll, 0.95) / quantile(b.scroll, 0.95)).toFixed(2)}, drag p95 ${(quantile(m.drag, 0.95) / quantile(b.drag, 0.95)).toFixed(2)} (cards ${(m.cards / b.cards).toFixed(1)}x)`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
