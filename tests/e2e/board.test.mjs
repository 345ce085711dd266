// End-to-end tests of the pipeline board: the real server with its demo data, the real wasm client, headless
// Chromium, real mouse and keyboard events. Screenshots go to tests/e2e/output/ (ignored by git); look at them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  click, config, fill, launchBrowser, nextFrames, openClient, screenshot, startServer, state, typeText, waitForState,
  waitReady, widget, signIn,
} from './harness.mjs';

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
const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];

describe('the board on a small HiDPI screen', () => {
  test('1280×720 at DPR 2 in Mongolian', async () => {
    const { context, page } = await openClient(browser, server.base, { width: 1280, height: 720, dpr: 2, locale: 'mn-MN' });
    await signIn(page);
    const s = await waitForState(page, boardReady, 'the board', 20000);
    assert.equal(s.language, 'mn');
    for (const id of ['board.search', 'board.chip.lost', 'nav.user', 'board.team'])
      assert.ok(widget(s, id), `${id} is drawn`);
    await screenshot(page, 'board-mn-1280x720-dpr2.png');
    await context.close();
  });
});

describe('the pipeline board', () => {
  let client;
  let leadId;
  const name = `Шинэ харилцагч Өлзий ${Math.random().toString(36).slice(2, 6)}`;

  before(async () => {
    client = await openClient(browser, server.base, { width: 1440, height: 900, locale: 'en-US' });
    const { page } = client;
    await signIn(page);
  });
  after(async () => { await client.context.close(); });

  test('opens with a column per stage of the team, with counts and cards', async () => {
    const { page } = client;
    const s = await waitForState(page, boardReady, 'the board', 20000);
    assert.ok(s.board.columns.length >= 4, `columns: ${JSON.stringify(s.board.columns)}`);
    assert.ok(s.board.team, 'a team is shown');
    const total = s.board.columns.reduce((n, c) => n + c.count, 0);
    assert.ok(total > 0, 'demo data on the board');
    for (const c of s.board.columns) {
      const w = widget(s, `board.column.${c.stage_id}`);
      assert.ok(w, `column ${c.name} is drawn`);
      assert.equal(w.label, c.name);
      assert.ok(c.loaded <= c.count && c.loaded <= 40, 'cards are paged');
    }
    const shown = s.widgets.filter((w) => w.kind === 'card');
    assert.ok(shown.length > 0 && shown.length < 60, `only visible cards are drawn (${shown.length})`);
    for (const id of ['nav.pipeline', 'nav.leads', 'nav.contacts', 'nav.settings', 'nav.user', 'board.search',
      'board.chip.mine', 'board.chip.won', 'lang.mn'])
      assert.ok(widget(s, id), `${id} is drawn`);
    assert.equal(s.last_error, '');
    await screenshot(page, 'board-en.png');
  });

  test('quick-create adds a lead with a Cyrillic name at the top of the first column', async () => {
    const { page } = client;
    let s = await waitForState(page, boardReady, 'the board');
    const first = s.board.columns.find((c) => !c.folded);
    await click(page, `board.add.${first.stage_id}`);
    await waitForState(page, (st) => widget(st, `board.quick.${first.stage_id}`), 'the quick-create field');
    await typeText(page, name);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/leads') && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(response.status(), 201);
    const created = await response.json();
    assert.equal(created.name, name);
    assert.equal(created.stage_id, first.stage_id);
    leadId = created.id;
    s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.rect, 'the new card on screen');
    assert.equal(cardOf(s, leadId).name, name);
    assert.equal(cardOf(s, leadId).stage_id, first.stage_id);
    assert.equal(s.board.columns.find((c) => c.stage_id === first.stage_id).count, first.count + 1);
    await page.keyboard.press('Escape');
  });

  test('a priority star click is saved', async () => {
    const { page } = client;
    await click(page, `card.${leadId}.star.3`);
    const s = await waitForState(page, (st) => cardOf(st, leadId)?.priority === 3 && cardOf(st, leadId).version > 1,
      'three stars, confirmed by the server');
    assert.equal(s.last_error, '');
    const stored = await page.evaluate(async (id) => (await fetch(`/api/v1/leads/${id}`)).json(), leadId);
    assert.equal(stored.priority, 3);
  });

  test('dragging the card to the next stage moves it, and it stays there after a reload', async () => {
    const { page } = client;
    let s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.rect, 'the card');
    const card = cardOf(s, leadId);
    const open = s.board.columns.filter((c) => !c.folded);
    const from = open.findIndex((c) => c.stage_id === card.stage_id);
    const target = open[from + 1];
    const col = widget(s, `board.column.${target.stage_id}`);
    const [x0, y0] = centre(card.rect);
    const [x1, y1] = [col.x + col.w / 2, col.y + 200];
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 12; ++i) {
      await page.mouse.move(x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12);
      await sleep(16);
    }
    const during = await state(page);
    assert.ok(during.board.cards.find((c) => c.id === leadId), 'still on the board while dragging');
    await screenshot(page, 'board-dragging.png');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/leads/${leadId}/move`)),
      page.mouse.up(),
    ]);
    assert.equal(response.status(), 200);
    s = await waitForState(page, (st) => cardOf(st, leadId)?.stage_id === target.stage_id, 'the card in the next column');
    assert.equal(s.last_error, '');
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId), 'the card after reload', 20000);
    assert.equal(cardOf(s, leadId).stage_id, target.stage_id);
    assert.equal(cardOf(s, leadId).priority, 3);
  });

  test('a finger drags the card to the next stage and taps it open; IME text goes into its name once', async () => {
    const { page } = client;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent',
      { type, touchPoints: points.map(([x, y]) => ({ x, y, id: 1 })) });
    let s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.rect, 'the card');
    const card = cardOf(s, leadId);
    const open = s.board.columns.filter((c) => !c.folded);
    const target = open[open.findIndex((c) => c.stage_id === card.stage_id) + 1];
    const col = widget(s, `board.column.${target.stage_id}`);
    const [x0, y0] = centre(card.rect);
    const [x1, y1] = [col.x + col.w / 2, col.y + 200];
    // Press, move and lift with one finger (the page gets touch events only; GLFW would press at the old mouse spot).
    await touch('touchStart', [[x0, y0]]);
    for (let i = 1; i <= 8; ++i) {
      await touch('touchMove', [[x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8]]);
      await sleep(16);
    }
    const [moved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/leads/${leadId}/move`)),
      touch('touchEnd', []),
    ]);
    assert.equal(moved.status(), 200);
    s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.stage_id === target.stage_id &&
      cardOf(st, leadId).rect, 'the card in the next column, moved by a finger');
    const stored = await page.evaluate(async (id) => (await fetch(`/api/v1/leads/${id}`)).json(), leadId);
    assert.equal(stored.stage_id, target.stage_id);
    await screenshot(page, 'board-touch-drag.png');

    // A tap is a click: the card opens its lead.
    const [tx, ty] = centre(cardOf(s, leadId).rect);
    await touch('touchStart', [[tx, ty]]);
    await touch('touchEnd', []);
    s = await waitForState(page, (st) => st.route === `#/lead/${leadId}` && st.lead && st.lead.version !== undefined &&
      !st.lead.loading && widget(st, 'lead.name'), 'the lead, by a tap');

    // Composition in the name field: the composing text is not typed, the committed "ё" once, then plain text.
    const nameField = widget(s, 'lead.name');
    await page.mouse.click(nameField.x + nameField.w - 8, nameField.y + nameField.h / 2);  // the caret after the text
    const overlay = await page.waitForFunction(() => {
      const ime = document.getElementById('ime');
      return document.activeElement === ime && ime.style.display === 'block' && ime.getBoundingClientRect().toJSON();
    });
    const box = await overlay.jsonValue();
    const field = widget(await waitForState(page, (st) => widget(st, 'lead.name'), 'the name field'), 'lead.name');
    assert.ok(box.y >= field.y - 1 && box.y + box.height <= field.y + field.h + 1 &&
      box.x >= field.x - 1 && box.x + box.width <= field.x + field.w + 1,
      `the overlay ${JSON.stringify(box)} lies on the field ${JSON.stringify(field)}`);
    await cdp.send('Input.imeSetComposition', { text: 'е', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'ё', selectionStart: 1, selectionEnd: 1 });
    await nextFrames(page);
    s = await waitForState(page, (st) => widget(st, 'lead.name'), 'the field while composing');
    assert.equal(widget(s, 'lead.name').value, name, 'nothing typed while composing');
    await cdp.send('Input.insertText', { text: 'ё' });
    await cdp.send('Input.insertText', { text: ' Өнөр' });
    const renamed = `${name}ё Өнөр`;
    await waitForState(page, (st) => widget(st, 'lead.name').value === renamed, 'the composed and inserted text');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/leads/${leadId}`)),
      click(page, 'lead.save'),
    ]);
    assert.equal(saved.status(), 200);
    assert.equal((await page.evaluate(async (id) => (await fetch(`/api/v1/leads/${id}`)).json(), leadId)).name, renamed);
    // No text field active: the overlay is gone and keys are the page's again.
    await waitForState(page, (st) => !st.lead.dirty, 'saved');
    assert.equal(await page.evaluate(() => document.getElementById('ime').style.display), 'none');
    await cdp.detach();
    await page.goto(server.base + '#/pipeline');
  });

  test('a refused move puts the card back and shows the server\'s reason', async () => {
    const { page } = client;
    let s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.rect, 'the card');
    const card = cardOf(s, leadId);
    const open = s.board.columns.filter((c) => !c.folded);
    const target = open.find((c) => c.stage_id !== card.stage_id);
    await page.route(`**/api/v1/leads/${leadId}/move`, (route) => route.fulfill({
      status: 409, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'conflict', message: 'Someone changed this lead since you opened it; reload and try again', field: 'version' } }),
    }));
    const col = widget(s, `board.column.${target.stage_id}`);
    const [x0, y0] = centre(card.rect);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 8; ++i) await page.mouse.move(x0 + (col.x + col.w / 2 - x0) * i / 8, y0 + 40 * i / 8);
    await page.mouse.up();
    s = await waitForState(page, (st) => st.last_error !== '', 'the banner');
    assert.equal(s.last_error, 'Someone changed this lead since you opened it; reload and try again');
    assert.equal(cardOf(s, leadId).stage_id, card.stage_id, 'back in its column');
    assert.ok(widget(s, 'app.error'), 'a banner is drawn');
    await screenshot(page, 'board-conflict.png');
    await page.unroute(`**/api/v1/leads/${leadId}/move`);
    await click(page, 'banner.dismiss');
    await waitForState(page, (st) => st.last_error === '', 'the banner dismissed');
  });

  test('the search finds the card by a Cyrillic word, kept in the address', async () => {
    const { page } = client;
    await click(page, 'board.search');
    await typeText(page, 'өлзий');
    await waitForState(page, (st) => widget(st, 'board.search').value === 'өлзий', 'the typed search');
    await page.keyboard.press('Enter');
    const s = await waitForState(page, (st) => boardReady(st) && st.route.includes('q='), 'the search in the route');
    assert.match(s.route, /^#\/pipeline.*q=%D3%A9%D0%BB%D0%B7%D0%B8%D0%B9/);
    assert.ok(cardOf(s, leadId), 'the new lead is found');
    await page.reload();
    await waitReady(page);
    const again = await waitForState(page, (st) => boardReady(st) && st.route.includes('q='), 'the search after reload', 20000);
    assert.equal(widget(again, 'board.search').value, 'өлзий');
  });

  test('the Won chip shows only won cards; the filter lives in the address', async () => {
    const { page } = client;
    await page.goto(server.base + '#/pipeline');
    await waitForState(page, boardReady, 'the board');
    await click(page, 'board.chip.won');
    const s = await waitForState(page, (st) => boardReady(st) && st.route.includes('f=won'), 'the won filter');
    const won = s.board.columns.filter((c) => c.count > 0);
    assert.ok(won.length >= 1, 'some won cards');
    assert.ok(s.widgets.some((w) => w.id.endsWith('.ribbon') && w.label === 'WON'), 'won ribbons on cards');
    await click(page, 'board.chip.won');
    await waitForState(page, (st) => boardReady(st) && !st.route.includes('f=won'), 'the filter off');
  });

  test('the board in Mongolian', async () => {
    const { page } = client;
    await click(page, 'lang.mn');
    const s = await waitForState(page, (st) => st.language === 'mn' && boardReady(st), 'Mongolian');
    assert.equal(widget(s, 'nav.pipeline').label, 'Борлуулалт');
    assert.equal(widget(s, 'board.chip.mine').label, 'Миний шугам');
    await screenshot(page, 'board-mn.png');
    await click(page, 'lang.en');
    await waitForState(page, (st) => st.language === 'en', 'English again');
  });

  test('stages are added, renamed, dragged into place and deleted on the board', async () => {
    const { page } = client;
    await page.goto(server.base + '#/pipeline');
    let s = await waitForState(page, boardReady, 'the board');
    const before = s.board.columns.map((c) => c.stage_id);
    // The "add a stage" column sits after the last one: scroll sideways until it is in view.
    await page.mouse.move(700, 500);
    for (let i = 0; i < 10 && !(widget(s, 'board.stage_add') && widget(s, 'board.stage_add').x + 100 < 1440); ++i) {
      await page.mouse.wheel(400, 0);
      s = await waitForState(page, boardReady, 'the board');
    }
    await click(page, 'board.stage_add');
    await waitForState(page, (st) => widget(st, 'board.stage_new'), 'the stage name field');
    await typeText(page, 'Гэрээ');
    await page.keyboard.press('Enter');
    s = await waitForState(page, (st) => boardReady(st) && st.board.columns.some((c) => c.name === 'Гэрээ'), 'the new stage');
    const added = s.board.columns.find((c) => c.name === 'Гэрээ');
    assert.equal(s.board.columns.length, before.length + 1);

    await click(page, `board.menu.${added.stage_id}`);
    await click(page, 'board.stage_rename');
    await waitForState(page, (st) => widget(st, `board.rename.${added.stage_id}`), 'the rename field');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await typeText(page, 'Гэрээ байгуулах');
    await page.keyboard.press('Enter');
    s = await waitForState(page, (st) => st.board.columns.some((c) => c.name === 'Гэрээ байгуулах'), 'the renamed stage');

    // Drag its header one column to the left: it goes before its neighbour, and the order is saved.
    const order = s.board.columns.map((c) => c.stage_id);
    const neighbour = order[order.length - 2];
    const head = widget(s, `board.column.${added.stage_id}`);
    const left = widget(s, `board.column.${neighbour}`);
    await page.mouse.move(head.x + 30, head.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 15; ++i) {
      await page.mouse.move(head.x + 30 + (left.x + 20 - head.x - 30) * i / 15, head.y + 20);
      await sleep(20);
    }
    await page.mouse.up();
    const expected = [...order.slice(0, -2), added.stage_id, neighbour];
    s = await waitForState(page, (st) => JSON.stringify(st.board.columns.map((c) => c.stage_id)) === JSON.stringify(expected),
      'the stage before its neighbour');
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => boardReady(st) &&
      JSON.stringify(st.board.columns.map((c) => c.stage_id)) === JSON.stringify(expected), 'the new order after reload', 20000);
    assert.equal(s.last_error, '');

    await click(page, `board.menu.${added.stage_id}`);
    await click(page, 'board.stage_delete');
    s = await waitForState(page, (st) => !st.board.columns.some((c) => c.stage_id === added.stage_id), 'the stage gone');
    assert.equal(s.board.columns.length, before.length);
    // A stage that holds leads is refused, with the server's reason in the banner.
    const busy = s.board.columns.find((c) => c.count > 0);
    await click(page, `board.menu.${busy.stage_id}`);
    await click(page, 'board.stage_delete');
    s = await waitForState(page, (st) => st.last_error !== '', 'the refusal');
    assert.ok(s.board.columns.some((c) => c.stage_id === busy.stage_id), 'the stage is still there');
    await click(page, 'banner.dismiss');
  });

  test('a long column shows its first page and loads more at its end', async () => {
    const { page } = client;
    await page.goto(server.base + '#/pipeline');
    let s = await waitForState(page, boardReady, 'the board');
    const col = s.board.columns.find((c) => !c.folded);
    // 45 more cards in the first column, through the API (as another user's import would).
    await page.evaluate(async ({ stage, team, n }) => {
      const me = await (await fetch('/api/v1/session/me')).json();
      for (let i = 0; i < n; ++i)
        await fetch('/api/v1/leads', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify({ name: `Багц ${i}`, stage_id: stage, team_id: team }) });
    }, { stage: col.stage_id, team: s.board.team_id, n: 45 });
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => boardReady(st) && st.board.columns.find((c) => c.stage_id === col.stage_id).count >= 45,
      'the long column', 20000);
    let c = s.board.columns.find((x) => x.stage_id === col.stage_id);
    assert.equal(c.loaded, 40);
    assert.ok(c.has_more);
    const drawn = s.widgets.filter((w) => w.kind === 'card' && w.value === String(col.stage_id));
    assert.ok(drawn.length < 10, `only the cards in view are laid out (${drawn.length} of ${c.loaded})`);
    // Scroll the column to its end with the wheel, then load the rest.
    const head = widget(s, `board.column.${col.stage_id}`);
    await page.mouse.move(head.x + head.w / 2, head.y + 400);
    for (let i = 0; i < 40 && !widget(s, `board.more.${col.stage_id}`); ++i) {
      await page.mouse.wheel(0, 600);
      s = await waitForState(page, boardReady, 'scrolled');
    }
    await screenshot(page, 'board-column-end.png');
    // The wheel scrolled the column, never the page: the top bar is where it was.
    assert.equal(widget(s, 'nav.pipeline').y, widget(await state(page), 'nav.pipeline').y);
    assert.ok(widget(s, 'nav.pipeline').y > 0 && widget(s, 'nav.pipeline').y < 20, `top bar in place (y=${widget(s, 'nav.pipeline').y})`);
    await click(page, `board.more.${col.stage_id}`);
    s = await waitForState(page, (st) => st.board.columns.find((x) => x.stage_id === col.stage_id).loaded === c.count,
      'every card loaded');
    c = s.board.columns.find((x) => x.stage_id === col.stage_id);
    assert.equal(c.has_more, false);
    const ids = s.board.cards.filter((x) => x.stage_id === col.stage_id).map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'no card twice');
  });

  test('a folded stage is a narrow strip that unfolds with a click', async () => {
    const { page } = client;
    let s = await waitForState(page, boardReady, 'the board');
    const col = s.board.columns.filter((c) => !c.folded)[1];
    await click(page, `board.menu.${col.stage_id}`);
    await click(page, 'board.stage_fold');
    s = await waitForState(page, (st) => st.board.columns.find((c) => c.stage_id === col.stage_id).folded, 'folded');
    const strip = widget(s, `board.column.${col.stage_id}`);
    assert.ok(strip.w < 60, `a narrow strip (${strip.w}px)`);
    await screenshot(page, 'board-folded.png');
    await click(page, `board.column.${col.stage_id}`);
    s = await waitForState(page, (st) => !st.board.columns.find((c) => c.stage_id === col.stage_id).folded, 'unfolded');
    assert.ok(widget(s, `board.column.${col.stage_id}`).w > 200);
  });

  test('a card opens its lead', async () => {
    const { page } = client;
    const s = await waitForState(page, (st) => boardReady(st) && st.board.cards.some((c) => c.rect && c.rect.w > 200 && c.rect.h > 100), 'cards');
    const c = s.board.cards.find((x) => x.rect && x.rect.w > 200 && x.rect.h > 100);
    await page.mouse.click(c.rect.x + c.rect.w / 2, c.rect.y + 20);
    await waitForState(page, (st) => st.route === `#/lead/${c.id}`, 'the lead view');
    await page.goBack();
    await waitForState(page, boardReady, 'the board again');
  });
});

describe('record rules on the board', () => {
  test('a salesperson with "own documents" sees only the leads assigned to them', async () => {
    // The administrator makes the salesperson and assigns two leads of one team to them, through the API.
    const admin = await openClient(browser, server.base, { width: 1440, height: 900, locale: 'en-US' });
    await signIn(admin.page);
    await waitForState(admin.page, boardReady, 'the board', 20000);
    const password = `Own-Өлзий-2026-${Math.random().toString(36).slice(2, 8)}`;
    const setup = await admin.page.evaluate(async (password) => {
      const me = await (await fetch('/api/v1/session/me')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
      const created = await fetch('/api/v1/users', {
        method: 'POST', headers,
        body: JSON.stringify({ login: 'own-docs', name: 'Өөрийн Борлуулагч', role: 'sales_own', password }),
      });
      const user = await created.json();
      const filter = encodeURIComponent('team_id is not null and stage_id is not null');
      const leads = (await (await fetch(`/api/v1/leads?limit=100&filter=${filter}`)).json()).items;
      const team = leads[0].team_id;
      const mine = leads.filter((l) => l.team_id === team).slice(0, 2).map((l) => l.id);
      const r = await fetch('/api/v1/leads/bulk', {
        method: 'POST', headers, body: JSON.stringify({ ids: mine, action: 'assign', user_id: user.id }),
      });
      return { created: created.status, team, mine, status: r.status, body: await r.text() };
    }, password);
    assert.equal(setup.created, 201);
    assert.equal(setup.status, 200, setup.body);
    assert.equal(setup.mine.length, 2);
    await admin.context.close();

    // The salesperson signs in straight onto that team's board.
    const own = await openClient(browser, server.base,
      { width: 1440, height: 900, locale: 'en-US', hash: `#/pipeline/${setup.team}` });
    await waitForState(own.page, (st) => st.view === 'login', 'the login view');
    await fill(own.page, 'login.login', 'own-docs');
    await fill(own.page, 'login.password', password);
    await own.page.keyboard.press('Enter');
    const s = await waitForState(own.page, (st) => boardReady(st) && st.board.team_id === setup.team,
      'the team board of the salesperson', 20000);
    const seen = s.board.cards.map((c) => c.id).sort((a, b) => a - b);
    assert.deepEqual(seen, [...setup.mine].sort((a, b) => a - b));
    assert.equal(s.board.columns.reduce((n, c) => n + c.count, 0), 2, 'column counts count only their leads');
    // Salespeople work the pipeline but do not shape it: no "Add stage", and the stage menu only folds.
    assert.equal(widget(s, 'board.stage_add'), undefined, 'no Add stage for a salesperson');
    await click(own.page, `board.menu.${s.board.columns[0].stage_id}`);
    const menu = await waitForState(own.page, (st) => widget(st, 'board.stage_fold'), 'the stage menu');
    assert.equal(widget(menu, 'board.stage_rename'), undefined, 'no Rename for a salesperson');
    assert.equal(widget(menu, 'board.stage_delete'), undefined, 'no Delete for a salesperson');
    await own.page.keyboard.press('Escape');
    await screenshot(own.page, 'board-own-documents.png');
    await own.context.close();
  });
});
