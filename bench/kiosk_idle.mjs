// Kiosk idle cost (issue 9): the wall display (#/kiosk, one team board + the leaderboard, default 20 s pages)
// left alone for N seconds in headless Chromium, next to two baselines measured in the same run: an empty page
// (about:blank) and the client's login page. Per page: frames the client drew (window.tumen.state().frame_count)
// and the renderer's main-thread CPU time (CDP Performance.getMetrics TaskDuration). Then memory after `events`
// lead changes reached the kiosk over its event stream (JS heap and wasm memory before/after). Figures only.
//
//   TUMEN_SERVER=build/server/tumen-server TUMEN_WEB_DIR=build/web node bench/kiosk_idle.mjs [seconds=30] [events=1000]
import { setTimeout as sleep } from 'node:timers/promises';

import { config, launchBrowser, startServer, waitReady } from '../tests/e2e/harness.mjs';

const seconds = Number(process.argv[2] || 30);
const events = Number(process.argv[3] || 1000);

const server = await startServer();
const browser = await launchBrowser();

async function api(path, { method = 'GET', body, auth } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (auth) Object.assign(headers, { Cookie: auth.cookie, 'X-CSRF-Token': auth.csrf });
  const r = await fetch(server.base + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return { r, json: text ? JSON.parse(text) : null };
}

const metric = async (cdp, name) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
const frames = (page, tumen) => (tumen ? page.evaluate(() => window.tumen.state().frame_count) : 0);

// Opens `url`, lets it settle, then measures `seconds` of doing nothing.
async function idle(label, url, { tumen = true, settled = () => true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  if (tumen) {
    await waitReady(page);
    await page.waitForFunction(settled, null, { timeout: 30000 });
  }
  await sleep(3000);  // fonts uploaded, first requests answered, the loop asleep
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu0 = await metric(cdp, 'TaskDuration');
  const f0 = await frames(page, tumen);
  await sleep(seconds * 1000);
  const cpu1 = await metric(cdp, 'TaskDuration');
  const f1 = await frames(page, tumen);
  return { label, page, context, cdp, cpu_ms: (cpu1 - cpu0) * 1000, frames: f1 - f0 };
}

try {
  const login = await api('api/v1/session/login', { method: 'POST', body: { login: 'admin', password: config.adminPassword } });
  const auth = { cookie: login.r.headers.get('set-cookie').split(';')[0], csrf: login.json.csrf_token };
  const team = (await api('api/v1/teams', { auth })).json.items[0];
  const token = (await api('api/v1/kiosk-tokens', { method: 'POST', auth,
    body: { name: 'bench', team_ids: [team.id], leaderboard: true } })).json.token;

  const results = [];
  results.push(await idle('empty page (about:blank)', 'about:blank', { tumen: false }));
  results.push(await idle('login page', server.base + '#/login'));
  const kiosk = await idle('kiosk (board + leaderboard, 20 s pages)',
    `${server.base}#/kiosk?token=${encodeURIComponent(token)}`,
    { settled: () => window.tumen.state().kiosk?.status === 'ready' && window.tumen.state().kiosk.live });
  results.push(kiosk);

  console.log(`kiosk idle over ${seconds} s (1920x1080, headless Chromium + SwiftShader), same run:`);
  const base = results[0].cpu_ms || 1;
  for (const r of results)
    console.log(`  ${r.label.padEnd(42)} renderer CPU ${r.cpu_ms.toFixed(1).padStart(8)} ms  ` +
                `(${(r.cpu_ms / base).toFixed(2)}x empty)  frames drawn ${r.frames}`);
  console.log(`  kiosk / login page CPU: ${(kiosk.cpu_ms / (results[1].cpu_ms || 1)).toFixed(2)}x; ` +
              `page turns expected in ${seconds} s: ${Math.floor(seconds / 20)}`);

  // Memory after many events: one lead edited `events` times (priority flips), each reaching the kiosk.
  if (events > 0) {
    const memory = async () => {
      await kiosk.cdp.send('HeapProfiler.collectGarbage');
      const js = await metric(kiosk.cdp, 'JSHeapUsedSize');
      const wasm = await kiosk.page.evaluate(() => window.Module?.HEAP8?.length ?? 0);
      return { js, wasm };
    };
    const id = (await api(`api/v1/leads?limit=1&filter=${encodeURIComponent(`team_id = ${team.id}`)}`, { auth })).json.items[0].id;
    const m0 = await memory();
    const started = Date.now();
    let version = (await api(`api/v1/leads/${id}`, { auth })).json.version;
    for (let i = 0; i < events; ++i) {
      const r = await api(`api/v1/leads/${id}`, { method: 'PATCH', auth, body: { version, priority: i % 2 ? 1 : 2 } });
      version = r.json.version;
    }
    await sleep(2000);
    const m1 = await memory();
    const mb = (b) => (b / 1048576).toFixed(1);
    console.log(`memory of the kiosk page after ${events} lead events (${((Date.now() - started) / 1000).toFixed(1)} s): ` +
                `JS heap ${mb(m0.js)} -> ${mb(m1.js)} MB, wasm memory ${mb(m0.wasm)} -> ${mb(m1.wasm)} MB`);
  }
  for (const r of results) await r.context.close();
} finally {
  await browser.close();
  await server.stop();
}
