// Live updates end to end: two browsers signed in on the same board; a card moved elsewhere (through the API, as
// another user's client would) moves on both boards without a reload. A third page whose event stream is refused
// shows the "reconnecting" mark. Screenshots go to tests/e2e/output/; look at them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { config, launchBrowser, screenshot, startServer, waitForState, waitReady, widget } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const boardReady = (st) => st.view === 'pipeline' && st.board && st.board.status === 'ready';
const cardOf = (st, id) => st.board.cards.find((c) => c.id === id);

// Signs in over the API (no typing: the login form has its own tests); returns the cookie and CSRF token.
async function apiLogin() {
  const r = await fetch(server.base + 'api/v1/session/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: config.adminPassword }),
  });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: (await r.json()).csrf_token };
}

async function openSignedIn(hash, setup) {
  const { cookie } = await apiLogin();
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  await context.addCookies([{ name, value, url: server.base }]);
  const page = await context.newPage();
  if (setup) await setup(page);
  await page.goto(server.base + hash);
  await waitReady(page);
  return { context, page };
}

test('a card moved elsewhere moves on every open board', async () => {
  const a = await openSignedIn('#/pipeline');
  const b = await openSignedIn('#/pipeline');
  try {
    const live = (st) => boardReady(st) && st.live.status === 'live';
    const sa = await waitForState(a.page, live, 'board A with a live stream', 20000);
    await waitForState(b.page, live, 'board B with a live stream', 20000);
    const open = sa.board.columns.filter((c) => !c.folded);
    const from = open.find((c) => sa.board.cards.some((k) => k.stage_id === c.stage_id));
    const to = open.find((c) => c.stage_id !== from.stage_id);
    const card = sa.board.cards.find((k) => k.stage_id === from.stage_id);

    await screenshot(b.page, 'live-board-before.png');
    console.log(`moving card ${card.id} "${card.name}" from "${from.name}" (${from.count}) to "${to.name}" (${to.count})`);

    // What one look at a page costs here (the delays below include up to one such look per page).
    const polled = Date.now();
    await waitForState(b.page, live, 'board B', 5000);
    console.log(`one state poll of a board takes ${Date.now() - polled} ms`);

    // Someone else moves it.
    const other = await apiLogin();
    const started = Date.now();
    const r = await fetch(`${server.base}api/v1/leads/${card.id}/move`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: other.cookie, 'X-CSRF-Token': other.csrf },
      body: JSON.stringify({ stage_id: to.stage_id, version: card.version }),
    });
    assert.equal(r.status, 200, await r.text());
    console.log(`the move API call answered after ${Date.now() - started} ms`);
    for (const [name, page] of [['B', b.page], ['A', a.page]]) {
      const s = await waitForState(page, (st) => boardReady(st) && cardOf(st, card.id)?.stage_id === to.stage_id,
        `the card in "${to.name}" on board ${name}`, 5000);
      console.log(`board ${name} shows it ${Date.now() - started} ms after the API call`);
      const moved = cardOf(s, card.id);
      assert.ok(moved.version > card.version);
      assert.equal(s.board.columns.find((c) => c.stage_id === to.stage_id).count, to.count + 1);
      assert.equal(s.board.columns.find((c) => c.stage_id === from.stage_id).count, from.count - 1);
      assert.equal(s.last_error, '');
    }
    console.log(`moved on both boards ${Date.now() - started} ms after the API call`);
    await screenshot(b.page, 'live-board-moved.png');
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('a refused event stream shows "reconnecting" in the top bar', async () => {
  const c = await openSignedIn('#/pipeline', (page) =>
    page.route('**/api/v1/events*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{}' })));
  try {
    const s = await waitForState(c.page, (st) => boardReady(st) && st.live.status === 'reconnecting' &&
      widget(st, 'live.reconnecting'), 'the reconnecting mark', 15000);
    assert.equal(widget(s, 'live.reconnecting').label, 'Reconnecting…');
    await screenshot(c.page, 'live-reconnecting.png');
  } finally {
    await c.context.close();
  }
});

test('a kiosk link shows its team board without signing in, and a deal won elsewhere is celebrated and moves', async () => {
  const admin = await apiLogin();
  const headers = { 'Content-Type': 'application/json', Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf };
  const teams = await (await fetch(server.base + 'api/v1/teams', { headers })).json();
  const team = (teams.items ?? teams)[0];
  const created = await fetch(server.base + 'api/v1/kiosk-tokens', {
    method: 'POST', headers, body: JSON.stringify({ name: 'Lobby TV', team_ids: [team.id], leaderboard: true }),
  });
  const createdBody = await created.text();
  assert.equal(created.status, 201, createdBody);
  const { token } = JSON.parse(createdBody);

  // A wall display: a fresh browser with no session, 1080p.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.base}#/kiosk?token=${encodeURIComponent(token)}&seconds=600`);
    await waitReady(page);
    const onBoard = (st) => st.view === 'kiosk' && st.kiosk?.status === 'ready' && st.kiosk.live &&
      st.kiosk.page?.kind === 'board' && st.kiosk.page.columns?.length > 0;
    const s = await waitForState(page, onBoard, 'the kiosk board with a live stream', 15000);
    assert.equal(s.kiosk.page.team_id, team.id);
    assert.equal(s.kiosk.page_count, 2);  // the board, then the leaderboard
    assert.ok(widget(s, 'kiosk.clock'));
    assert.equal(await page.evaluate(() => document.getElementById('canvas').style.cursor), 'none');

    const from = s.kiosk.page.columns.find((c) => !c.is_won && c.cards.length > 0);
    const wonCol = s.kiosk.page.columns.find((c) => c.is_won);
    const card = from.cards[0];
    const lead = await (await fetch(`${server.base}api/v1/leads/${card.id}`, { headers })).json();
    const r = await fetch(`${server.base}api/v1/leads/${card.id}/won`, {
      method: 'POST', headers, body: JSON.stringify({ version: lead.version }),
    });
    assert.equal(r.status, 200, await r.text());
    const moved = await waitForState(page, (st) => st.kiosk?.highlight?.lead_id === card.id &&
      widget(st, 'kiosk.highlight.title') &&
      st.kiosk.page.columns.find((c) => c.stage_id === wonCol.stage_id)?.cards.some((k) => k.id === card.id),
    'the won deal highlighted and in the won column', 5000);
    assert.equal(moved.kiosk.highlight.title, card.title);
    assert.equal(widget(moved, 'kiosk.highlight.title').label, 'Deal won!');
    assert.equal(moved.kiosk.page.columns.find((c) => c.stage_id === from.stage_id).count, from.count - 1);
    await screenshot(page, 'kiosk.png');

    // The GPU takes the WebGL context away (driver reset, TV sleep): the display comes back by itself on the same
    // kiosk address.
    const origin = await page.evaluate(() => performance.timeOrigin);
    await page.evaluate(() => {
      const lose = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
      lose.loseContext();
      setTimeout(() => lose.restoreContext(), 300);
    });
    await page.waitForFunction((o) => performance.timeOrigin !== o, origin, { timeout: 10000 });  // reloaded
    await waitReady(page);
    const back = await waitForState(page, onBoard, 'the kiosk board again after the lost context', 15000);
    assert.equal(back.kiosk.page.team_id, team.id);
  } finally {
    await context.close();
  }
});
