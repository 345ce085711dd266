// End-to-end tests of the web client: the real tumen-server, the real wasm client, headless Chromium.
// Screenshots go to tests/e2e/output/ (ignored by git); look at them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  click, config, fill, findWidget, launchBrowser, nextFrames, openClient, pixels, screenshot, signIn, startServer, state,
  waitForState, waitReady, widget,
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

const near = (a, b, tolerance = 1.5) => Math.abs(a - b) <= tolerance;

describe('signing in', () => {
  let client;
  before(async () => { client = await openClient(browser, server.base, { locale: 'en-US' }); });
  after(async () => { await client.context.close(); });

  test('the login page is the first thing a visitor sees, in English for an English browser', async () => {
    const { page } = client;
    const s = await waitForState(page, (st) => st.view === 'login', 'the login view');
    assert.equal(s.route, '#/login');
    assert.equal(s.language, 'en');
    assert.equal(s.last_error, '');
    assert.match(page.url(), /#\/login$/);
    for (const id of ['login.login', 'login.password', 'login.submit', 'lang.mn', 'lang.en'])
      assert.ok(widget(s, id), `widget ${id} is drawn`);
    assert.equal(widget(s, 'login.submit').label, 'Sign in');
    assert.equal(widget(s, 'login.login').kind, 'input');
    // The card is centred in the window.
    const submit = widget(s, 'login.submit');
    assert.ok(near(submit.x + submit.w / 2, 640, 2), `submit centred (x=${submit.x}, w=${submit.w})`);
    assert.equal(await page.title(), 'Tumen CRM — Sign in');
    await screenshot(page, 'login-en.png');
  });

  test('a wrong password shows the server\'s error, in the state and on screen', async () => {
    const { page } = client;
    await fill(page, 'login.login', 'admin');
    await fill(page, 'login.password', 'not-the-password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session/login')),
      click(page, 'login.submit'),
    ]);
    assert.equal(response.status(), 401);
    const body = await response.json();
    assert.ok(body.error && body.error.message, 'the server answers with the JSON error shape');
    const s = await waitForState(page, (st) => st.last_error !== '', 'an error');
    assert.equal(s.last_error, body.error.message);
    assert.equal(s.view, 'login');
    const alert = widget(s, 'login.error');
    assert.ok(alert, 'an error box is drawn');
    assert.equal(alert.label, body.error.message);
    // On screen: the box's tinted background is there (sampled from a real screenshot).
    const [inside] = await pixels(page, [[alert.x + alert.w - 6, alert.y + alert.h / 2]]);
    assert.ok(inside[0] > 240 && inside[1] < 248 && inside[2] < 248, `reddish error box, got ${inside}`);
    await screenshot(page, 'login-wrong-password.png');
  });

  test('switching to Mongolian redraws everything in Cyrillic', async () => {
    const { page } = client;
    const before = await state(page);
    await click(page, 'Монгол');
    const s = await waitForState(page, (st) => st.language === 'mn', 'Mongolian');
    assert.equal(widget(s, 'login.title').label, 'Нэвтрэх');
    assert.equal(widget(s, 'login.submit').label, 'Нэвтрэх');
    assert.equal(widget(s, 'login.password').label, 'Нууц үг');
    assert.equal(s.last_error, before.last_error, 'the server\'s message stays as the server wrote it');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'mn');
    assert.match(await page.title(), /Нэвтрэх/);
    await screenshot(page, 'login-mn.png');
    // The choice is remembered for the next visit.
    assert.equal(await page.evaluate(() => localStorage.getItem('tumen.language')), 'mn');
    await click(page, 'lang.en');
    await waitForState(page, (st) => st.language === 'en' && widget(st, 'login.submit')?.label === 'Sign in', 'English again');
  });

  test('typed Cyrillic reaches the field', async () => {
    const { page } = client;
    await fill(page, 'login.login', 'Өлзий Үүрцайх');
    const s = await waitForState(page, (st) => widget(st, 'login.login').value === 'Өлзий Үүрцайх', 'typed text');
    assert.equal(widget(s, 'login.login').value, 'Өлзий Үүрцайх');
  });

  test('the right password opens the pipeline, which greets the user', async () => {
    const { page } = client;
    await fill(page, 'login.login', 'admin');
    await fill(page, 'login.password', config.adminPassword);
    await page.keyboard.press('Enter');
    const s = await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline');
    assert.equal(s.route, '#/pipeline');
    assert.match(page.url(), /#\/pipeline$/);
    assert.equal(s.last_error, '');
    assert.ok(s.user && s.user.login === 'admin', 'signed in as admin');
    assert.equal(widget(s, 'nav.user').label, s.user.name, 'the user menu names the user');
    assert.ok(widget(s, 'board.search'), 'the board is shown');
    await screenshot(page, 'pipeline.png');
  });

  test('reload keeps the page and the session', async () => {
    const { page } = client;
    await page.reload();
    await waitReady(page);
    const s = await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline after reload');
    assert.equal(s.route, '#/pipeline');
    assert.equal(s.user.login, 'admin');
  });

  test('links, back and forward move between views', async () => {
    const { page } = client;
    await page.goto(server.base + '#/lead/42');
    let s = await waitForState(page, (st) => st.view === 'lead' && st.lead?.id === 42, 'the lead view');
    assert.equal(s.route, '#/lead/42');
    assert.ok(widget(s, 'lead.breadcrumb.current'), 'the lead form (lead_form.test.mjs tests it in depth)');
    await page.goBack();
    s = await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline after back');
    assert.equal(s.route, '#/pipeline');
    await page.goForward();
    s = await waitForState(page, (st) => st.view === 'lead', 'the lead after forward');
    assert.equal(s.route, '#/lead/42');
    // In-app navigation makes a history entry too.
    await click(page, 'lead.breadcrumb.pipeline');
    await waitForState(page, (st) => st.route === '#/pipeline', 'the pipeline via the breadcrumb');
    assert.match(page.url(), /#\/pipeline$/);
    await page.goBack();
    await waitForState(page, (st) => st.route === '#/lead/42', 'back to the lead');
    await page.goto(server.base + '#/no/such/page');
    s = await waitForState(page, (st) => st.view === 'not_found', 'not found');
    assert.equal(widget(s, 'not_found.title').label, 'Page not found');
    await click(page, 'nav.pipeline');
    await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline via the top bar');
  });

  test('sign out returns to the login page and ends the session', async () => {
    const { page } = client;
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/v1/session/logout')),
      click(page, 'nav.user').then(() => click(page, 'session.logout')),
    ]);
    assert.equal(sent.method(), 'POST');
    assert.ok(sent.headers()['x-csrf-token'], 'the CSRF token is sent');
    const s = await waitForState(page, (st) => st.view === 'login', 'the login page');
    assert.equal(s.user, null);
    assert.equal(s.last_error, '');
    // The session is gone on the server too: a protected page leads back to the login.
    await page.goto(server.base + '#/lead/7');
    const again = await waitForState(page, (st) => st.view === 'login', 'the login page again');
    assert.equal(again.route, '#/login?next=%2Flead%2F7');
  });
});

describe('browser integration', () => {
  test('a visitor whose browser speaks Mongolian gets the Mongolian UI', async () => {
    const { context, page } = await openClient(browser, server.base, { locale: 'mn-MN' });
    const s = await waitForState(page, (st) => st.view === 'login', 'the login view');
    assert.equal(s.language, 'mn');
    assert.equal(widget(s, 'login.submit').label, 'Нэвтрэх');
    await context.close();
  });

  test('when the server cannot be reached the login page says so', async () => {
    const { context, page } = await openClient(browser, server.base);
    await page.route('**/api/v1/session/login', (route) => route.abort('connectionrefused'));
    await fill(page, 'login.login', 'admin');
    await fill(page, 'login.password', 'whatever');
    await click(page, 'login.submit');
    const s = await waitForState(page, (st) => st.last_error !== '', 'an error');
    assert.equal(s.last_error, 'Cannot reach the server. Check your connection and try again.');
    assert.equal(widget(s, 'login.error').label, s.last_error);
    await screenshot(page, 'login-unreachable.png');
    await context.close();
  });

  for (const dpr of [1, 2]) {
    test(`the canvas follows the window at device pixel ratio ${dpr}`, async () => {
      const { context, page } = await openClient(browser, server.base, { width: 1024, height: 700, dpr });
      const canvasSize = () => page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      assert.deepEqual(await canvasSize(), [1024 * dpr, 700 * dpr]);
      for (const [w, h] of [[800, 600], [1366, 900], [480, 820]]) {
        await page.setViewportSize({ width: w, height: h });
        const s = await waitForState(page, (st) => st.canvas.width === w * dpr && st.canvas.height === h * dpr,
          `canvas ${w * dpr}x${h * dpr}`);
        assert.deepEqual(await canvasSize(), [w * dpr, h * dpr]);
        assert.equal(s.dpr, dpr);
        // Widget rectangles stay in CSS pixels: the card is centred in the new window.
        const submit = await waitForState(page, (st) => {
          const b = widget(st, 'login.submit');
          return b && near(b.x + b.w / 2, w / 2, 2);
        }, `the card centred in ${w}px`);
        assert.ok(widget(submit, 'login.submit').x >= 0);
      }
      await screenshot(page, `login-dpr${dpr}-narrow.png`);
      await context.close();
    });
  }

  test('a change of device pixel ratio re-rasterises the UI at the new density', async () => {
    const { context, page } = await openClient(browser, server.base, { width: 1000, height: 700, dpr: 1 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1000, height: 700, deviceScaleFactor: 2, mobile: false });
    // Emulation changes devicePixelRatio without the events a real zoom or monitor change fires (resize, the
    // resolution media query), so fire the one a browser zoom gives.
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    const s = await waitForState(page, (st) => st.dpr === 2 && st.canvas.width === 2000, 'DPR 2');
    assert.equal(s.canvas.height, 1400);
    const submit = widget(s, 'login.submit');
    assert.ok(near(submit.x + submit.w / 2, 500, 2), 'rectangles stay in CSS pixels');
    await screenshot(page, 'login-dpr-change.png');
    await context.close();
  });

  test('copy from a field goes to the system clipboard; paste comes back into a field', async () => {
    const { context, page } = await openClient(browser, server.base);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base.replace(/\/$/, '') });
    const text = 'Бат-Өлзий Үүрцайх ₮';
    await fill(page, 'login.login', text);
    await waitForState(page, (st) => widget(st, 'login.login').value === text, 'typed text');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await waitForState(page, () => true, 'a frame');
    const copied = await page.waitForFunction(async (t) => (await navigator.clipboard.readText()) === t, text, { timeout: 5000 })
      .then(() => true, () => false);
    assert.ok(copied, 'Ctrl+C in the field wrote the browser clipboard');

    // Paste into the emptied field: the page's paste event hands the text to the client.
    await page.keyboard.press('Delete');
    await waitForState(page, (st) => widget(st, 'login.login').value === '', 'an empty field');
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    let s = await waitForState(page, (st) => widget(st, 'login.login').value === text, 'pasted text');
    assert.equal(widget(s, 'login.login').value, text);

    // The keyboard route: Ctrl+V replaces the selection with the system clipboard, once (never twice).
    await page.evaluate(() => navigator.clipboard.writeText('Өө Үү'));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    s = await waitForState(page, (st) => widget(st, 'login.login').value !== text, 'Ctrl+V');
    assert.equal(widget(s, 'login.login').value, 'Өө Үү');
    await page.keyboard.press('Control+V');
    s = await waitForState(page, (st) => widget(st, 'login.login').value !== 'Өө Үү', 'a second Ctrl+V');
    assert.equal(widget(s, 'login.login').value, 'Өө ҮүӨө Үү');
    await context.close();
  });

  test('an idle page draws nothing; input wakes it and it settles again', async () => {
    const { context, page } = await openClient(browser, server.base);
    // Start-up (session check, fonts) may still be drawing on a loaded machine: wait until two readings 300 ms
    // apart agree. A page that never stops drawing never gets there and fails here.
    const first = await settledFrameCount(page);
    await sleep(1500);
    const second = (await state(page)).frame_count;
    assert.equal(second, first, 'no frames while nothing changes');
    assert.ok(first < 30, `start-up drew a handful of frames, not a stream (${first})`);
    await page.mouse.move(300, 300);
    await page.mouse.move(640, 420, { steps: 5 });
    const woke = await waitForState(page, (st) => st.frame_count > second, 'frames after input');
    const settled = await settledFrameCount(page);
    await sleep(1000);
    assert.equal((await state(page)).frame_count, settled, 'idle again after the input');
    assert.ok(settled - woke.frame_count < 40, 'a few frames per input, not a stream');
    await context.close();
  });
});

describe('contacts', () => {
  test('a company and a person made in Cyrillic are found by a word, edited, kept over a reload, with their opportunity', async () => {
    const { context, page, problems } = await openClient(browser, server.base, { hash: '#/contacts' });
    await signIn(page);
    await waitForState(page, (st) => st.view === 'contacts' && widget(st, 'contacts.new_company'), 'the contacts list');
    // A company, then a person working there (the company picked by searching as you type).
    await click(page, 'contacts.new_company');
    await fill(page, 'contacts.new.name', 'Хатгал ХХК');
    await click(page, 'contacts.new.create');
    await waitForState(page, (st) => st.view === 'contact' && widget(st, 'contact.kind')?.label === 'Company', 'the new company');
    await click(page, 'contact.breadcrumb');
    await click(page, 'contacts.new_person');
    await fill(page, 'contacts.new.name', 'Зул Нуурбаяр');
    await fill(page, 'contacts.new.parent.search', 'хат');
    const hit = await waitForState(page, (st) => st.widgets.some((w) => w.id.startsWith('contacts.new.parent.hit.') &&
      w.label === 'Хатгал ХХК'), 'the company among the hits');
    await click(page, hit.widgets.find((w) => w.id.startsWith('contacts.new.parent.hit.') && w.label === 'Хатгал ХХК').id);
    await waitForState(page, (st) => widget(st, 'contacts.new.parent')?.label === 'Хатгал ХХК', 'the company picked');
    await click(page, 'contacts.new.create');
    let s = await waitForState(page, (st) => st.view === 'contact' && widget(st, 'contact.parent.open')?.label === 'Хатгал ХХК',
      'the new person at the company');
    const personRoute = s.route;
    // An opportunity for them, from their form.
    await click(page, 'contact.new_opportunity');
    await waitForState(page, (st) => st.view === 'lead', 'the new opportunity');
    // The list finds them by a word of their name, lower-case Cyrillic, shown as "Company, Person".
    await page.goto(server.base + '#/contacts');
    await fill(page, 'contacts.search', 'нуурбаяр');
    await page.keyboard.press('Enter');
    s = await waitForState(page, (st) => st.route.includes('q=') &&
      st.widgets.some((w) => w.kind === 'row' && w.label === 'Хатгал ХХК, Зул Нуурбаяр'), 'the person found');
    assert.equal(s.widgets.filter((w) => w.kind === 'row' && w.id.startsWith('contacts.row.')).length, 1);
    await click(page, 'Хатгал ХХК, Зул Нуурбаяр');
    await waitForState(page, (st) => st.route === personRoute && widget(st, 'contact.city'), 'their form');
    await fill(page, 'contact.city', 'Дархан');
    await click(page, 'contact.save');
    await waitForState(page, (st) => !widget(st, 'contact.save') && widget(st, 'contact.city')?.value === 'Дархан', 'saved');
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => st.view === 'contact' && widget(st, 'contact.city')?.value === 'Дархан' &&
      st.widgets.some((w) => w.id.startsWith('contact.lead.')), 'the edit kept over a reload, and the opportunity listed');
    assert.match(s.widgets.find((w) => w.id.startsWith('contact.lead.')).label, /Зул Нуурбаяр/);
    assert.equal(s.last_error, '');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('theme, interface size and unsaved edits', () => {
  test('dark is chosen in Settings, kept over a reload; 125% scales the UI; leaving a dirty lead asks first', async () => {
    const { context, page, problems } = await openClient(browser, server.base, { hash: '#/settings/account' });
    await signIn(page);
    await click(page, 'settings.account.theme.dark');
    await waitForState(page, (st) => st.theme === 'dark' && st.theme_choice === 'dark', 'the dark theme');
    await page.reload();
    await waitReady(page);
    await waitForState(page, (st) => st.view === 'settings' && st.theme === 'dark', 'still dark after a reload');
    // What is on screen is dark: the page behind the canvas and the drawn page background.
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    const [corner] = await pixels(page, [[4, 700]]);
    assert.ok(corner.every((c) => c < 40), `a dark page background, got ${corner}`);

    await page.goto(server.base + '#/pipeline');
    await waitForState(page, (st) => st.view === 'pipeline' && st.board?.columns?.length > 0, 'the board');
    await screenshot(page, 'theme-dark-board-en.png');
    await page.goto(server.base + '#/leads');
    await waitForState(page, (st) => st.view === 'leads' && st.widgets.some((w) => w.kind === 'row'), 'the list');
    await screenshot(page, 'theme-dark-list-en.png');
    const leadId = await page.evaluate(async () => (await (await fetch('/api/v1/leads?limit=1')).json()).items[0].id);
    await page.goto(`${server.base}#/lead/${leadId}`);
    const loaded = (st) => st.view === 'lead' && st.lead?.version !== undefined && widget(st, 'lead.phone');
    await waitForState(page, loaded, 'the lead form');
    await screenshot(page, 'theme-dark-form-en.png');
    await click(page, 'lang.mn');
    await waitForState(page, (st) => st.language === 'mn' && loaded(st), 'the form in Mongolian');
    await screenshot(page, 'theme-dark-form-mn.png');

    // Unsaved edits (in Mongolian now): another view asks; Keep editing stays with the edits, Discard leaves
    // without them.
    await fill(page, 'lead.phone', '+976 9911 2233');
    await waitForState(page, (st) => st.unsaved_edits, 'unsaved edits');
    assert.equal(await page.evaluate(() => window.tumenPage.askBeforeLeaving), true);  // beforeunload prompt armed
    await click(page, 'nav.leads');
    let s = await waitForState(page, (st) => st.leave_pending && widget(st, 'leave.confirm'), 'the discard dialog');
    assert.equal(widget(s, 'leave.cancel').label, 'Үргэлжлүүлэн засах');
    assert.equal(widget(s, 'leave.confirm').label, 'Хаях');
    await screenshot(page, 'theme-dark-leave-dialog-mn.png');
    await click(page, 'leave.cancel');
    s = await waitForState(page, (st) => !st.leave_pending && !widget(st, 'leave.confirm'), 'back to editing');
    assert.equal(s.view, 'lead');
    assert.equal(widget(s, 'lead.phone').value, '+976 9911 2233');
    await click(page, 'nav.leads');
    await click(page, 'leave.confirm');
    await waitForState(page, (st) => st.view === 'leads' && !st.unsaved_edits, 'left without the edits');
    assert.equal(await page.evaluate(() => window.tumenPage.askBeforeLeaving), false);

    // Interface size 125%: the same widget is 1.25 times as large, fonts re-rasterised.
    await page.goto(server.base + '#/settings/account');
    const before = (await findWidget(page, 'settings.account.ui_scale.125'));
    await click(page, 'settings.account.ui_scale.125');
    s = await waitForState(page, (st) => st.ui_scale === 125 && widget(st, 'settings.account.ui_scale.125'), 'the larger UI');
    const after = widget(s, 'settings.account.ui_scale.125');
    assert.ok(Math.abs(after.h / before.h - 1.25) < 0.08, `height ${before.h} -> ${after.h}`);
    assert.equal(s.last_error, '');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the app chrome: a narrow top bar, dialogs that keep the keys, the contacts list by keyboard', () => {
  // The top bar's items (tabs, More, the language switch, the user menu) as drawn: none may cover another.
  const barItems = (s) => s.widgets.filter((w) => w.y < 90 && (w.id.startsWith('nav.') || w.id.startsWith('lang.') ||
    w.id === 'app.name') && !w.id.startsWith('nav.user.'));
  const assertNoOverlap = (s, what) => {
    const items = barItems(s);
    for (const a of items) {
      assert.ok(a.x >= 0 && a.x + a.w <= 1280.5, `${what}: ${a.id} inside the window (${a.x}+${a.w})`);
      for (const b of items)
        if (a !== b && a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5)
          assert.fail(`${what}: ${a.id} [${a.x}, ${a.x + a.w}] overlaps ${b.id} [${b.x}, ${b.x + b.w}]`);
    }
  };

  test('1280x720 at DPR 2 and 150 %: the bar fits with a More menu; a settings confirm keeps the keys; Down + Enter opens a contact', async () => {
    const { context, page, problems } = await openClient(browser, server.base,
      { width: 1280, height: 720, dpr: 2, hash: '#/settings/stages' });
    // Signed in over the API from the page (typing at DPR 2 is slow on a loaded machine; the login form has its tests).
    await page.evaluate(async (password) => {
      localStorage.setItem('tumen.ui_scale', '150');
      await fetch('/api/v1/session/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password }) });
    }, config.adminPassword);
    await page.goto(server.base + '#/settings/stages');
    await page.reload();
    await waitReady(page);
    const deleteButton = (st) => st.widgets.find((w) => /^settings\.stages\.row\.\d+\.delete$/.test(w.id));
    let s = await waitForState(page, (st) => st.view === 'settings' && st.ui_scale === 150 && deleteButton(st) &&
      widget(st, 'nav.more'), 'the stages at 150 %, the bar with More', 30000);
    assertNoOverlap(s, 'en 150 %');
    for (const id of ['nav.settings', 'nav.user', 'lang.en', 'lang.mn']) assert.ok(widget(s, id), `${id} in the bar`);
    await screenshot(page, 'chrome-top-bar-150-en.png');
    // More lists the tabs that did not fit (the bar and the menu hold every view once); Esc closes it.
    const tabs = (st) => st.widgets.filter((w) => /^nav\.(pipeline|leads|contacts|calendar|activities|quotations|reporting|settings)$/.test(w.id));
    assert.ok(tabs(s).length < 8, 'some views are in More');
    await click(page, 'nav.more');
    s = await waitForState(page, (st) => tabs(st).length === 8, 'the More menu with the other views');
    assert.equal(new Set(tabs(s).map((w) => w.id)).size, 8);
    await page.keyboard.press('Escape');
    await waitForState(page, (st) => tabs(st).length < 8, 'the More menu closed');
    await click(page, 'lang.mn');
    s = await waitForState(page, (st) => st.language === 'mn' && widget(st, 'nav.settings')?.label === 'Тохиргоо', 'the bar in Mongolian');
    assertNoOverlap(s, 'mn 150 %');
    await screenshot(page, 'chrome-top-bar-150-mn.png');
    await click(page, 'lang.en');

    // A confirmation drawn by the app (back at 100 %, where the stages table is on screen): the shortcuts do not
    // reach the page behind; Esc closes it.
    await page.evaluate(() => localStorage.setItem('tumen.ui_scale', '100'));
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => st.ui_scale === 100 && deleteButton(st) && deleteButton(st).y + deleteButton(st).h < 720,
      'the stages at 100 %', 30000);
    await click(page, deleteButton(s).id);
    s = await waitForState(page, (st) => widget(st, 'settings.stages.confirm_delete.confirm') && st.dialog_open, 'the confirm');
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Shift+Slash');  // "?"
    await page.keyboard.press('Control+k');
    await nextFrames(page);
    s = await waitForState(page, (st) => st.view === 'settings', 'still settings');
    assert.equal(s.route, '#/settings/stages');
    assert.equal(s.help_open, false);
    assert.equal(s.palette, null);
    assert.ok(widget(s, 'settings.stages.confirm_delete.confirm'), 'the confirm is still open');
    await page.keyboard.press('Escape');
    s = await waitForState(page, (st) => !widget(st, 'settings.stages.confirm_delete.confirm') && !st.dialog_open, 'the confirm closed');
    assert.ok(deleteButton(s), 'the stage was not deleted');

    // The contacts list by keyboard: Down focuses the first row, Enter opens it.
    await page.goto(server.base + '#/contacts');
    await waitForState(page, (st) => st.view === 'contacts' && st.widgets.some((w) => w.id.startsWith('contacts.row.')), 'contacts');
    await page.keyboard.press('ArrowDown');
    s = await waitForState(page, (st) => widget(st, 'contacts.focused'), 'a focused contact');
    const id = widget(s, 'contacts.focused').value;
    await page.keyboard.press('Enter');
    await waitForState(page, (st) => st.view === 'contact' && st.route === `#/contact/${id}`, 'the contact opened');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// The frame count once the client has stopped drawing: two readings 300 ms apart that agree, within `timeout` ms.
async function settledFrameCount(page, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last = (await state(page)).frame_count;
  for (;;) {
    await sleep(300);
    const now = (await state(page)).frame_count;
    if (now === last) return now;
    assert.ok(Date.now() < deadline, `the page kept drawing for ${timeout} ms (${now} frames)`);
    last = now;
  }
}
