// End-to-end tests of the leads list (#/leads): the real server with its demo data, the real wasm client, headless
// Chromium, real mouse and keyboard. Virtual rows, server-side sort in the address, Cyrillic search with ё = е,
// multi-select and a mass action that persists, the Lost chip, a refused mass action naming the lead, export, and
// the list in both languages (screenshots in tests/e2e/output/; look at them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  click, config, fill, launchBrowser, nextFrames, openClient, screenshot, startServer, waitForState, waitReady, widget, signIn,
} from './harness.mjs';

let server;
let browser;
let client;
const tag = Math.random().toString(36).slice(2, 6);
// "Шинжёр" is written with ё; the test searches it typed with е.
const names = [`Шинжёр тоног төхөөрөмж ${tag}`, `Шинжёр оффисын тавилга ${tag}`];
const lostName = `Шинжёр алдсан хэлцэл ${tag}`;
let ids = [];
let lostId;
let salesperson;
let favourite;  // the favourite search saved by its test, grouped by the next one

const listReady = (st) => st.view === 'leads' && st.list && st.list.status === 'ready';
const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];
// Ticks a row's checkbox and waits until `count` rows are selected (two clicks within one frame would both land
// where the mouse is at that frame, as with any canvas app).
async function tick(page, row, count) {
  await page.mouse.click(...centre(row.check));
  await waitForState(page, (st) => st.list.selected.length === count, `${count} selected`);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  client = await openClient(browser, server.base, { width: 1920, height: 1080, locale: 'en-US' });
  const { page } = client;
  await signIn(page);
  await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline');
  // Three leads of our own through the API (the session cookie rides along; writes need the CSRF token).
  const made = await page.evaluate(async ({ names, lostName }) => {
    const me = await (await fetch('/api/v1/session/me')).json();
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
    const create = async (name) => (await (await fetch('/api/v1/leads', { method: 'POST', headers, body: JSON.stringify({ name }) })).json());
    const a = await create(names[0]);
    const b = await create(names[1]);
    const c = await create(lostName);
    const lost = await fetch(`/api/v1/leads/${c.id}/lost`, { method: 'POST', headers, body: JSON.stringify({ version: c.version }) });
    const users = (await (await fetch('/api/v1/users/directory')).json()).items;
    return { ids: [a.id, b.id], lostId: c.id, lostStatus: lost.status, users, me: me.user.id };
  }, { names, lostName });
  assert.equal(made.lostStatus, 200, 'the third lead is lost');
  ids = made.ids;
  lostId = made.lostId;
  salesperson = made.users.find((u) => u.id !== made.me && u.active !== false) || made.users[0];
  assert.ok(salesperson, 'the demo data has a salesperson');
});

after(async () => {
  await client?.context.close();
  await browser?.close();
  await server?.stop();
});

describe('the leads list', () => {
  test('opens from the top bar with its columns, a count and only the visible rows drawn', async () => {
    const { page } = client;
    await click(page, 'nav.leads');
    const s = await waitForState(page, (st) => listReady(st) && st.list.rows.length > 0, 'the list', 20000);
    await screenshot(page, 'list-en.png');
    assert.equal(s.route, '#/leads');
    assert.equal(s.last_error, '');
    assert.ok(s.list.total >= 3, `total ${s.list.total}`);
    for (const id of ['list.search', 'list.chip.mine', 'list.chip.unassigned', 'list.chip.won', 'list.chip.lost',
      'list.chip.archived', 'list.filter.stage', 'list.filter.user', 'list.export', 'list.check_all', 'list.head.name',
      'list.head.company', 'list.head.email', 'list.head.user', 'list.head.stage', 'list.head.revenue',
      'list.head.priority', 'list.head.created', 'list.count'])
      assert.ok(widget(s, id), `${id} is drawn`);
    const drawn = s.widgets.filter((w) => w.kind === 'row');
    assert.equal(drawn.length, s.list.rows.length);
    // Virtual rows: only what fits in 1080 px is laid out, whatever the total.
    assert.ok(drawn.length < 25, `rows drawn: ${drawn.length}`);
    if (s.list.total > drawn.length) assert.ok(s.list.rows.every((r) => r.rect.y < 1080), 'no row below the window');
  });

  test('at 1280x720 the stage, revenue and probability columns are on screen without scrolling sideways', async () => {
    const { page } = client;
    await page.setViewportSize({ width: 1280, height: 720 });
    const s = await waitForState(page, (st) => listReady(st) && st.canvas.width === 1280, 'the list at 1280x720');
    for (const id of ['list.head.name', 'list.head.email', 'list.head.stage', 'list.head.revenue', 'list.head.probability']) {
      const w = widget(s, id);
      assert.ok(w, `${id} is drawn at 1280 px`);
      assert.ok(w.x >= 0 && w.x + w.w <= 1280, `${id} inside the window: x ${w.x} w ${w.w}`);
    }
    await screenshot(page, 'list-1280-en.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await waitForState(page, (st) => listReady(st) && st.canvas.width === 1920, 'the list at 1920x1080');
  });

  test('clicking a header sorts on the server and keeps the sort in the address', async () => {
    const { page } = client;
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/leads?') && r.url().includes('sort=name%20asc')),
      click(page, 'list.head.name'),
    ]);
    assert.equal(resp.status(), 200);
    let s = await waitForState(page, (st) => listReady(st) && st.list.sort === 'name asc', 'sorted by name');
    assert.equal(s.route, '#/leads?sort=name%20asc');
    assert.equal(widget(s, 'list.head.name').value, 'asc');
    await click(page, 'list.head.name');
    s = await waitForState(page, (st) => listReady(st) && st.list.sort === 'name desc', 'sorted by name, descending');
    assert.equal(widget(s, 'list.head.name').value, 'desc');
    // Back restores the ascending order.
    await page.goBack();
    s = await waitForState(page, (st) => listReady(st) && st.list.sort === 'name asc', 'back to ascending');
    assert.equal(s.route, '#/leads?sort=name%20asc');
  });

  test('a column edge drags to resize', async () => {
    const { page } = client;
    const s = await waitForState(page, listReady, 'the list');
    const before = widget(s, 'list.head.company');
    const handle = widget(s, 'list.resize.company');
    const [x, y] = centre(handle);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await nextFrames(page);
    await page.mouse.move(x + 40, y, { steps: 4 });
    await nextFrames(page);
    await page.mouse.up();
    const after = await waitForState(page, (st) => widget(st, 'list.head.company').w > before.w + 20, 'a wider column');
    assert.ok(widget(after, 'list.head.company').w < before.w + 60);
  });

  test('searching a word written with ё by typing е finds it', async () => {
    const { page } = client;
    await fill(page, 'list.search', 'шинжер');
    await page.keyboard.press('Enter');
    const s = await waitForState(page, (st) => listReady(st) && st.route.includes('q=') && st.list.rows.length === 2,
      'the two leads found');
    assert.deepEqual(s.list.rows.map((r) => r.id).sort(), [...ids].sort());
    assert.ok(s.list.rows.every((r) => r.name.includes('Шинжёр')));
    assert.match(s.route, /q=%D1%88%D0%B8%D0%BD%D0%B6%D0%B5%D1%80/);
  });

  test('two rows ticked, a salesperson assigned to both; it is there after a reload', async () => {
    const { page } = client;
    let s = await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2, 'the two rows');
    await tick(page, s.list.rows[0], 1);
    await tick(page, s.list.rows[1], 2);
    s = await waitForState(page, (st) => st.list.selected.length === 2 && widget(st, 'list.action.assign'), 'the mass-action bar');
    assert.match(widget(s, 'list.selected').label, /2 selected/);
    await click(page, 'list.action.assign');
    await waitForState(page, (st) => widget(st, `list.assign.${salesperson.id}`), 'the salesperson picker');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/leads/bulk')),
      click(page, `list.assign.${salesperson.id}`),
    ]);
    assert.equal(resp.status(), 200);
    assert.deepEqual(JSON.parse(resp.request().postData()), { ids: [...ids].sort((a, b) => a - b), action: 'assign', user_id: salesperson.id });
    s = await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2 &&
      st.list.rows.every((r) => r.user_id === salesperson.id), 'the new salesperson on both rows');
    assert.ok(s.list.rows.every((r) => r.salesperson === salesperson.name));
    assert.ok(widget(s, 'list.notice'), 'a notice says what happened');
    assert.equal(s.list.selected.length, 0);
    const route = s.route;
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2, 'the list after a reload', 20000);
    assert.equal(s.route, route, 'the search is restored from the address');
    assert.ok(s.list.rows.every((r) => r.user_id === salesperson.id), 'the salesperson persisted');
  });

  test('the Lost chip shows the lost lead; marking it lost again is refused and the banner names it', async () => {
    const { page } = client;
    await click(page, 'list.chip.lost');
    let s = await waitForState(page, (st) => listReady(st) && st.route.includes('f=lost') && st.list.rows.length === 1,
      'the lost lead');
    assert.equal(s.list.rows[0].id, lostId);
    assert.equal(s.list.rows[0].active, false);
    await tick(page, s.list.rows[0], 1);
    await click(page, 'list.action.lost');
    await waitForState(page, (st) => widget(st, 'list.lost.submit'), 'the lost dialog');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/leads/bulk')),
      click(page, 'list.lost.submit'),
    ]);
    assert.equal(resp.status(), 422);
    s = await waitForState(page, (st) => st.last_error !== '' && st.list.failed.length === 1, 'the banner');
    assert.deepEqual(s.list.failed, [lostId]);
    assert.ok(s.last_error.includes(lostName), s.last_error);
    await screenshot(page, 'list-failed-en.png');
    await click(page, 'banner.dismiss');
    await click(page, 'list.clear_selection');
    await click(page, 'list.chip.lost');
    await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2, 'the two active leads again');
  });

  test('export downloads the current search as CSV', async () => {
    const { page } = client;
    await click(page, 'list.export');
    await waitForState(page, (st) => widget(st, 'list.export.csv'), 'the export menu');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'list.export.csv')]);
    assert.equal(download.suggestedFilename(), 'leads.csv');
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const csv = Buffer.concat(chunks).toString('utf8');
    for (const n of names) assert.ok(csv.includes(n), `${n} in the export`);
    assert.ok(!csv.includes(lostName), 'only the current search');
  });

  test('Import next to Export opens the import wizard for leads', async () => {
    const { page } = client;
    await click(page, 'list.import');
    await waitForState(page, (st) => st.view === 'import' && widget(st, 'import.choose_file'), 'the import wizard');
    await page.goBack();  // back to the searched list (the Leads tab opens it without the search)
    await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2, 'the list again');
  });

  test('a row click opens the lead', async () => {
    const { page } = client;
    const s = await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2, 'the rows');
    const r = s.list.rows[0];
    await page.mouse.click(r.rect.x + r.rect.w / 2, r.rect.y + r.rect.h / 2);
    await waitForState(page, (st) => st.route === `#/lead/${r.id}`, 'the lead form');
    await page.goBack();
    await waitForState(page, (st) => listReady(st) && st.list.rows.length === 2, 'back on the list');
  });

  test('a CSV with Mongolian headers imports through the wizard: mapping suggested, 1 failed row, the lead listed', async () => {
    const { page } = client;
    const person = `Импорт Батбаяр ${tag}`;
    const csv = 'Нэр,Имэйл хаяг,Утасны дугаар,Орлого\n'
      + `${person},batbayar.${tag}@example.mn,99112233,1500000\n`
      + `Импорт Сарангэрэл ${tag},sarangerel.${tag}@example.mn,88112233,2500000\n`
      + `Импорт Өлзий ${tag},olzii.${tag}@example.mn,95112233,арван сая\n`;
    await page.evaluate(() => { location.hash = '#/import'; });
    await waitForState(page, (st) => st.view === 'import' && widget(st, 'import.choose_file'), 'the import wizard');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.choose_file')]);
    await chooser.setFiles({ name: 'leads-mn.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const m = await waitForState(page, (st) => widget(st, 'import.col.3.field') && widget(st, 'import.start'), 'the mapping');
    // The headers in Mongolian were matched to the fields.
    assert.deepEqual([0, 1, 2, 3].map((i) => widget(m, `import.col.${i}.field`).value), ['Name', 'Email', 'Phone', 'Expected revenue']);
    assert.ok(widget(m, 'import.preview.row.4.line'), 'the bad row is in the preview');
    assert.ok(m.widgets.some((w) => w.id.startsWith('import.problem.') && w.label.includes('Line 4')), 'its problem is listed');
    await screenshot(page, 'import-mapping-en.png');
    await click(page, 'import.start');
    const done = await waitForState(page, (st) => widget(st, 'import.done.title') && widget(st, 'import.count.failed'), 'the result', 20000);
    assert.equal(widget(done, 'import.progress').value, '100%');
    assert.equal(widget(done, 'import.count.created').label, '2');
    assert.equal(widget(done, 'import.count.failed').label, '1');
    assert.ok(widget(done, 'import.download_errors'), 'the failed rows can be downloaded');
    assert.equal(done.last_error, '');
    await screenshot(page, 'import-done-en.png');
    await click(page, 'import.see');
    await waitForState(page, (st) => st.view === 'leads', 'the leads list');
    await page.evaluate((q) => { location.hash = `#/leads?q=${encodeURIComponent(q)}`; }, person);
    const found = await waitForState(page, (st) => listReady(st) && st.list.rows.length === 1, 'the imported lead');
    assert.equal(found.list.rows[0].name, person);
  });

  test('in Mongolian, with the Won chip', async () => {
    const { page } = client;
    await click(page, 'list.clear_filters');
    await waitForState(page, (st) => listReady(st) && !st.route.includes('q=') && st.list.total > 2, 'every lead');
    await click(page, 'lang.mn');
    const s = await waitForState(page, (st) => st.language === 'mn' && listReady(st), 'Mongolian');
    assert.equal(widget(s, 'list.head.name').label, 'Нэр');
    assert.equal(widget(s, 'list.chip.lost').label, 'Алдсан');
    await screenshot(page, 'list-mn.png');
    await tick(page, s.list.rows[0], 1);
    await tick(page, s.list.rows[1], 2);
    await waitForState(page, (st) => widget(st, 'list.action.merge'), 'the bar in Mongolian');
    await screenshot(page, 'list-selected-mn.png');
    await click(page, 'list.clear_selection');
    await click(page, 'list.chip.won');
    const won = await waitForState(page, (st) => listReady(st) && st.route.includes('f=won'), 'won leads');
    assert.equal(won.last_error, '');
    await click(page, 'lang.en');
    await waitForState(page, (st) => st.language === 'en' && widget(st, 'list.head.name').label === 'Name', 'English again');
  });

  test('a tag chip and a date preset, saved as a favourite, cleared, applied again and kept over a reload', async () => {
    const { page } = client;
    const made = await page.evaluate(async (suffix) => {
      const me = await (await fetch('/api/v1/session/me')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
      const post = async (path, body) => (await (await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) })).json());
      const t = await post('/api/v1/tags', { name: `E2E ${suffix}`, color: 4 });
      const a = await post('/api/v1/leads', { name: `Тэмдэгт А ${suffix}`, tag_ids: [t.id] });
      const b = await post('/api/v1/leads', { name: `Тэмдэгт Б ${suffix}`, tag_ids: [t.id] });
      return { tagId: t.id, ids: [a.id, b.id] };
    }, tag);
    // A reload: the list reads its tags once, and this one was made behind its back.
    await page.evaluate(() => { location.hash = '#/leads'; });
    await page.reload();
    await waitReady(page);
    await waitForState(page, (st) => listReady(st) && st.route === '#/leads', 'the whole list', 20000);
    await click(page, 'list.filter.tag');
    await waitForState(page, (st) => widget(st, `list.filter.tag.${made.tagId}`), 'the tag picker');
    await click(page, `list.filter.tag.${made.tagId}`);
    await waitForState(page, (st) => listReady(st) && st.route.includes(`tag=${made.tagId}`), 'the tag chip');
    await click(page, 'list.filter.date');
    await waitForState(page, (st) => widget(st, 'list.filter.date.preset.this_month'), 'the date presets');
    await click(page, 'list.filter.date.preset.this_month');
    let s = await waitForState(page, (st) => listReady(st) && st.route.includes('date=create_date%3Athis_month') &&
      st.list.rows.length === 2, 'tag + this month');
    const route = s.route;
    assert.deepEqual(s.list.rows.map((r) => r.id).sort(), [...made.ids].sort());
    assert.equal(widget(s, 'list.filter.date').label, 'Created: This month');
    await click(page, 'list.fav');
    await waitForState(page, (st) => widget(st, 'list.fav.save'), 'the favourites menu');
    await click(page, 'list.fav.save');
    await waitForState(page, (st) => widget(st, 'list.fav.name'), 'the save form');
    await fill(page, 'list.fav.name', `Тэмдэгт ${tag}`);
    await screenshot(page, 'list-favourites-en.png');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/saved-searches') && r.request().method() === 'POST'),
      click(page, 'list.fav.save_button'),
    ]);
    assert.equal(saved.status(), 201);
    const favId = (await saved.json()).id;
    await page.keyboard.press('Escape');
    await click(page, 'list.clear_filters');
    await waitForState(page, (st) => listReady(st) && st.route === '#/leads' && st.list.total > 2, 'cleared');
    await click(page, 'list.fav');
    await waitForState(page, (st) => widget(st, `list.fav.item.${favId}`), 'the saved favourite');
    await click(page, `list.fav.item.${favId}`);
    s = await waitForState(page, (st) => listReady(st) && st.route === route && st.list.rows.length === 2, 'the favourite applied');
    assert.deepEqual(s.list.rows.map((r) => r.id).sort(), [...made.ids].sort());
    favourite = { route, tagId: made.tagId, ids: made.ids };
  });

  // Folds in the favourite's reload (the favourite and the grouping are both kept by the one reload below).
  test('grouped by stage: a group opens to its own leads; a reload keeps the grouping and the favourite', async () => {
    const { page } = client;
    assert.ok(favourite, 'the favourite test ran');
    await click(page, 'list.group_by');
    await waitForState(page, (st) => widget(st, 'list.group_by.stage'), 'the group-by menu');
    await click(page, 'list.group_by.stage');
    let s = await waitForState(page, (st) => listReady(st) && st.list.group_by === 'stage' && st.list.groups.length > 0 &&
      st.list.groups[0].rect, 'the stage groups');
    assert.equal(s.route, `${favourite.route}&group=stage`);
    assert.equal(s.list.groups.reduce((n, g) => n + g.count, 0), 2);
    assert.ok(s.list.groups.every((g) => !g.expanded), 'collapsed at first');
    assert.equal(s.list.rows.length, 0);
    const g = s.list.groups[0];
    await page.mouse.click(...centre(g.rect));
    s = await waitForState(page, (st) => st.list.groups[0].expanded && st.list.rows.length === g.count, 'the group open');
    // (Leads made through the API without a team have no stage: the "None" group.)
    const stage = g.id === 'none' ? '' : g.label;
    assert.ok(s.list.rows.every((r) => r.group === g.id && r.stage === stage), `rows of ${g.label}`);
    assert.ok(s.list.rows.every((r) => favourite.ids.includes(r.id)));
    assert.equal(s.last_error, '');
    await screenshot(page, 'list-grouped-en.png');
    await page.reload();
    await waitReady(page);
    s = await waitForState(page, (st) => listReady(st) && st.list.groups.length > 0, 'after a reload', 20000);
    assert.equal(s.route, `${favourite.route}&group=stage`);
    assert.equal(s.list.group_by, 'stage');
    assert.ok(widget(s, 'list.filter.tag').label.endsWith(`E2E ${tag}`));
    assert.ok(widget(s, 'list.group_by').label.endsWith('Stage'));
    // A second level: Stage > Salesperson; a stage opens to its salespeople, one of them to its leads, each row in both.
    await click(page, 'list.group_by');
    await waitForState(page, (st) => widget(st, 'list.group_by.user'), 'the group-by menu again');
    await click(page, 'list.group_by.user');
    s = await waitForState(page, (st) => listReady(st) && st.list.subgroup_by === 'user' && st.list.groups.length > 0 &&
      st.list.groups[0].rect, 'two levels');
    assert.equal(s.route, `${favourite.route}&group=stage%2Cuser`);
    assert.ok(widget(s, 'list.group_by').label.endsWith('Stage > Salesperson'));
    const top = s.list.groups[0];
    await page.mouse.click(...centre(top.rect));
    s = await waitForState(page, (st) => st.list.groups[0].subgroups.length > 0 && st.list.groups[0].subgroups[0].rect,
      'the second level');
    const sub = s.list.groups[0].subgroups[0];
    assert.ok(sub.id.startsWith(`${top.id}/`), sub.id);
    assert.equal(s.list.groups[0].subgroups.reduce((n, x) => n + x.count, 0), top.count);
    await page.mouse.click(...centre(sub.rect));
    s = await waitForState(page, (st) => st.list.groups[0].subgroups[0].expanded && st.list.rows.length === sub.count,
      'the second-level group open');
    const topStage = top.id === 'none' ? '' : top.label;
    const who = sub.id.endsWith('/none') ? '' : sub.label;
    assert.ok(s.list.rows.every((r) => r.parent === top.id && r.group === sub.id && r.stage === topStage && r.salesperson === who),
      `rows of ${top.label} > ${sub.label}`);
    await screenshot(page, 'list-grouped2-en.png');
    // Down to its first row, then Left folds the second-level group and lands on its header.
    const rowId = String(s.list.rows.find((r) => r.index === 0).id);
    const focused = (st) => widget(st, 'list.focused')?.value;
    for (let k = 0; k < 8 && focused(s) !== rowId; k++) {
      const was = focused(s);
      await page.keyboard.press('ArrowDown');
      s = await waitForState(page, (st) => focused(st) && focused(st) !== was, 'the focus moved');
    }
    assert.equal(focused(s), rowId);
    await page.keyboard.press('ArrowLeft');
    s = await waitForState(page, (st) => !st.list.groups[0].subgroups[0].expanded && focused(st) === `list.group.${sub.id}`,
      'the second level folded');
    assert.equal(s.last_error, '');
  });
});
