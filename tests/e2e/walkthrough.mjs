// The new-user walk-through (issue 5's "tried as a new user would"): a tool, not a test. It starts the real server
// with its demo data and headless Chromium, then works the whole pipeline from the browser as a salesperson and a
// manager would, with real clicks and typing, and saves a numbered screenshot after every step. Look at them.
// A step that fails is logged (and its screenshot is named ...-FAILED.png); the walk goes on with the next step.
//
//   TUMEN_SERVER=build/server/tumen-server TUMEN_WEB_DIR=build/web \
//     node tests/e2e/walkthrough.mjs --size 1920|1280 --lang en|mn --theme light|dark --out /tmp/walk/x
// --size 1920 is 1920x1080 at DPR 1, --size 1280 is 1280x720 at DPR 2. The summary goes to <out>/steps.json.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import {
  config, launchBrowser, openClient, startServer, state, typeText, waitForState as harnessWait, widget,
} from './harness.mjs';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1920' }, lang: { type: 'string', default: 'en' },
    theme: { type: 'string', default: 'light' }, out: { type: 'string', default: '/tmp/walk' },
  },
});
const size = args.size === '1280' ? { width: 1280, height: 720, dpr: 2 } : { width: 1920, height: 1080, dpr: 1 };
const mn = args.lang === 'mn';
const out = args.out;
fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(out)) if (f.endsWith('.png')) fs.rmSync(path.join(out, f));

const tag = Math.random().toString(36).slice(2, 6);
const leadName = `Шинэ харилцагч Өлзий ${tag}`;
const boardReady = (st) => st.view === 'pipeline' && st.board && st.board.status === 'ready';
const listReady = (st) => st.view === 'leads' && st.list && st.list.status === 'ready';
const leadLoaded = (st) => st.view === 'lead' && st.lead && st.lead.version !== undefined && !st.lead.loading &&
  widget(st, 'lead.name');
const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];
const cardOf = (st, id) => st.board?.cards.find((c) => c.id === id);
const slow = 40000;
const waitForState = (page, predicate, what, timeout = slow) => harnessWait(page, predicate, what, timeout);

// The harness's click and fill with a loaded machine's patience (a DPR 2 frame in SwiftShader can take 0.5 s).
async function click(page, idOrLabel) {
  const s = await waitForState(page, (st) => st.widgets && widget(st, idOrLabel), `widget "${idOrLabel}"`, slow);
  const w = widget(s, idOrLabel);
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  return w;
}
// Clicks a text field, waits until it has the caret (the text overlay lies on it, as the user sees the caret
// there), then replaces its text by typing.
async function fill(page, id, text) {
  const w = await click(page, id);
  await page.waitForFunction((f) => {
    const ime = document.getElementById('ime');
    const b = ime && ime.style.display === 'block' && ime.getBoundingClientRect();
    return b && b.y >= f.y - 2 && b.y <= f.y + f.h + 2 && b.x >= f.x - 2 && b.x <= f.x + f.w + 2;
  }, w, { timeout: slow });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await typeText(page, text);
  if (!id.endsWith('password')) await waitForState(page, (st) => widget(st, id)?.value === text, `"${text}" in ${id}`, slow);
  else await waitForState(page, () => true, 'the typing done', slow);  // a password's value is not shown
}

const server = await startServer();
const browser = await launchBrowser();
const steps = [];
let page;
let number = 0;
let current = '';

async function shot(suffix) {
  await page.screenshot({ path: path.join(out, `${current}${suffix ? '-' + suffix : ''}.png`) });
}

// Runs one step; its screenshot is taken whatever happens. Returns whether it passed.
async function step(name, fn) {
  number += 1;
  current = `${String(number).padStart(2, '0')}-${name}`;
  const started = Date.now();
  let error = '';
  try {
    await fn();
  } catch (e) {
    error = String(e.message || e).replace(/; last state: .*/s, '').slice(0, 300);
  }
  let s = {};
  try { s = await state(page); } catch { /* the page is gone */ }
  const entry = { step: current, ok: !error, ms: Date.now() - started, route: s.route, banner: s.last_error || '' };
  if (error) entry.error = error;
  steps.push(entry);
  console.log(`${error ? 'FAIL' : 'ok  '} ${current} (${entry.ms} ms)${entry.banner ? ' banner: ' + entry.banner : ''}${error ? '\n     ' + error.split('\n')[0] : ''}`);
  try { await shot(error ? 'FAILED' : ''); } catch { /* the page is gone */ }
  return !error;
}

async function dragTo(from, to) {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  for (let i = 1; i <= 12; ++i) {
    await page.mouse.move(from[0] + (to[0] - from[0]) * i / 12, from[1] + (to[1] - from[1]) * i / 12);
    await sleep(16);
  }
  await page.mouse.up();
}

// Another lead's e-mail, to make the walk's own lead its duplicate (read through the API: fixture set-up only).
async function pickConvertTarget() {
  return page.evaluate(async () => {
    const body = await (await fetch('/api/v1/leads?limit=500')).json();
    return body.items.find((l) => l.type === 'lead' && l.active && l.email && l.name && l.probability < 100) || null;
  });
}

let client;
try {
  client = await openClient(browser, server.base, { ...size, locale: mn ? 'mn-MN' : 'en-US' });
  page = client.page;
  if (args.theme === 'dark') {
    await page.evaluate(() => localStorage.setItem('tumen.theme', 'dark'));
    await page.reload();
    await page.waitForFunction(() => window.tumen && window.tumen.ready === true, null, { timeout: 30000 });
  }
  let leadId = 0;
  let target = null;
  let resultId = 0;

  await step('login', async () => {
    await waitForState(page, (st) => st.view === 'login', 'the login view');
  });
  await step('board', async () => {
    await fill(page, 'login.login', 'admin');
    await fill(page, 'login.password', config.adminPassword);
    await page.keyboard.press('Enter');
    await waitForState(page, boardReady, 'the board', slow);
  });
  await step('board-column-folded', async () => {
    const s = await waitForState(page, boardReady, 'the board');
    const col = s.board.columns.filter((c) => !c.folded)[1];
    await click(page, `board.menu.${col.stage_id}`);
    await click(page, 'board.stage_fold');
    await waitForState(page, (st) => st.board.columns.find((c) => c.stage_id === col.stage_id).folded, 'folded');
    await shot('strip');
    await click(page, `board.column.${col.stage_id}`);
    await waitForState(page, (st) => !st.board.columns.find((c) => c.stage_id === col.stage_id).folded, 'unfolded');
  });
  await step('board-quick-create', async () => {
    const s = await waitForState(page, boardReady, 'the board');
    const first = s.board.columns.find((c) => !c.folded);
    await click(page, `board.add.${first.stage_id}`);
    await waitForState(page, (st) => widget(st, `board.quick.${first.stage_id}`), 'the quick-create field');
    await typeText(page, leadName);
    await shot('typed');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/leads') && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    leadId = (await response.json()).id;
    await waitForState(page, (st) => cardOf(st, leadId)?.rect, 'the new card');
    await page.keyboard.press('Escape');
  });
  await step('board-drag-next-stage', async () => {
    const s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.rect, 'the card');
    const card = cardOf(s, leadId);
    const open = s.board.columns.filter((c) => !c.folded);
    const next = open[open.findIndex((c) => c.stage_id === card.stage_id) + 1];
    const col = widget(s, `board.column.${next.stage_id}`);
    await dragTo(centre(card.rect), [col.x + col.w / 2, col.y + 200]);
    await waitForState(page, (st) => cardOf(st, leadId)?.stage_id === next.stage_id, 'the card in the next column');
  });
  await step('lead-form', async () => {
    target = await pickConvertTarget();
    // On a short screen the card may have landed below the fold of its column: scroll the column as a user would.
    let s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId), 'the card on the board');
    for (let i = 0; i < 15 && !cardOf(s, leadId).rect; ++i) {
      const col = widget(s, `board.column.${cardOf(s, leadId).stage_id}`);
      await page.mouse.move(col.x + col.w / 2, col.y + 300);
      await page.mouse.wheel(0, 300);
      s = await waitForState(page, boardReady, 'scrolled');
    }
    s = await waitForState(page, (st) => boardReady(st) && cardOf(st, leadId)?.rect, 'the card');
    const r = cardOf(s, leadId).rect;
    await page.mouse.click(r.x + r.w / 2, r.y + 20);
    await waitForState(page, (st) => leadLoaded(st) && st.lead.id === leadId, 'the lead form');
  });
  await step('lead-edited', async () => {
    await fill(page, 'lead.contact_name', 'Батбаяр Дорж');
    await fill(page, 'lead.partner_name', 'Хатгал Трейд ХХК');
    if (target) await fill(page, 'lead.email', target.email);
    await fill(page, 'lead.expected_revenue', '2500000');
    await shot('dirty');
    await click(page, 'lead.save');
    await waitForState(page, (st) => leadLoaded(st) && !st.lead.dirty, 'saved');
  });
  await step('lead-validation-error', async () => {
    await fill(page, 'lead.phone', 'утас');
    await fill(page, 'lead.email', 'not an e-mail');
    await click(page, 'lead.save');
    await waitForState(page, (st) => Object.keys(st.lead.field_errors || {}).length > 0, 'a field error');
    await shot('shown');
    await click(page, 'lead.discard');
    await waitForState(page, (st) => !st.lead.dirty, 'discarded');
  });
  await step('lead-note', async () => {
    const note = 'Маргааш 10 цагт уулзана. Үнийн санал илгээх.';
    await fill(page, 'lead.note', note);
    await click(page, 'lead.note.post');
    await waitForState(page, (st) => st.widgets.some((w) => /^lead\.message\.\d+\.body$/.test(w.id) && w.label === note),
      'the note in the chatter');
  });
  await step('lead-lost-dialog', async () => {
    await click(page, 'lead.lost');
    await waitForState(page, (st) => st.lead.dialog === 'lost' && widget(st, 'lead.lost.reason'), 'the lost dialog');
    await click(page, 'lead.lost.reason');
    const s = await waitForState(page, (st) => st.widgets.some((w) => w.kind === 'option' && w.id !== 'lead.lost.reason.opt.0'),
      'the lost reasons');
    await shot('reasons');
    await click(page, s.widgets.find((w) => w.kind === 'option' && w.id !== 'lead.lost.reason.opt.0').id);
    await fill(page, 'lead.lost.note', 'Үнэ өндөр байна');
  });
  await step('lead-lost', async () => {
    await click(page, 'lead.lost.submit');
    await waitForState(page, (st) => st.lead.status === 'lost' && st.lead.dialog === '' && widget(st, 'lead.ribbon'), 'the ribbon');
  });
  await step('board-lost-filter', async () => {
    await click(page, 'nav.pipeline');
    await waitForState(page, boardReady, 'the board', slow);
    await click(page, 'board.chip.lost');
    await waitForState(page, (st) => boardReady(st) && st.route.includes('f=lost') && cardOf(st, leadId)?.rect, 'the lost card');
  });
  await step('lead-restored', async () => {
    const r = cardOf(await state(page), leadId).rect;
    await page.mouse.click(r.x + r.w / 2, r.y + 20);
    await waitForState(page, (st) => leadLoaded(st) && st.lead.id === leadId && widget(st, 'lead.restore'), 'the lost lead');
    await click(page, 'lead.restore');
    await waitForState(page, (st) => leadLoaded(st) && st.lead.active && !widget(st, 'lead.ribbon'), 'restored');
  });
  await step('list-search-target', async () => {
    if (!target) throw new Error('no demo lead of type "lead" with an e-mail to convert');
    await click(page, 'nav.leads');
    await waitForState(page, listReady, 'the list', slow);
    await fill(page, 'list.search', target.name);
    await page.keyboard.press('Enter');
    await waitForState(page, (st) => listReady(st) && st.list.rows.some((r) => r.id === target.id), 'the lead to convert');
  });
  await step('convert-dialog', async () => {
    const s = await state(page);
    const row = s.list.rows.find((r) => r.id === target.id);
    await page.mouse.click(...centre(row.rect));
    await waitForState(page, (st) => leadLoaded(st) && st.lead.id === target.id, 'the lead');
    await click(page, 'lead.convert');
    await waitForState(page, (st) => st.lead.dialog === 'convert' && widget(st, 'lead.convert.create'), 'the convert dialog');
    const d = await waitForState(page, (st) => widget(st, `lead.convert.dup.${leadId}`) || widget(st, 'lead.convert.no_duplicates'),
      'the duplicates');
    if (!widget(d, `lead.convert.dup.${leadId}`)) throw new Error('the walk\'s lead (same e-mail) is not among the duplicates');
    // Same e-mail: a strict duplicate, ticked already; tick it if not.
    if (widget(d, `lead.convert.dup.${leadId}`).value !== 'true') await click(page, `lead.convert.dup.${leadId}`);
    await waitForState(page, (st) => widget(st, `lead.convert.dup.${leadId}`)?.value === 'true', 'the duplicate ticked');
  });
  await step('converted-merged', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/leads/${target.id}/convert`)),
      click(page, 'lead.convert.submit'),
    ]);
    if (response.status() !== 200) throw new Error(`convert: ${response.status()} ${await response.text()}`);
    resultId = (await response.json()).id;
    await waitForState(page, (st) => leadLoaded(st) && st.lead.id === resultId && st.lead.type === 'opportunity', 'the opportunity');
  });
  await step('lead-won', async () => {
    await click(page, 'lead.won');
    await waitForState(page, (st) => leadLoaded(st) && widget(st, 'lead.ribbon'), 'the won ribbon');
  });
  await step('list', async () => {
    await click(page, 'nav.leads');
    await waitForState(page, listReady, 'the list', slow);
    if (widget(await state(page), 'list.clear_filters')) await click(page, 'list.clear_filters');
    await waitForState(page, (st) => listReady(st) && !st.route.includes('q='), 'the whole list');
  });
  await step('list-sorted-revenue', async () => {
    await click(page, 'list.head.revenue');
    await waitForState(page, (st) => listReady(st) && st.list.sort.startsWith('expected_revenue'), 'sorted by revenue');
  });
  await step('list-grouped-stage', async () => {
    await click(page, 'list.group_by');
    await click(page, 'list.group_by.stage');
    const s = await waitForState(page, (st) => listReady(st) && st.list.group_by === 'stage' && st.list.groups[0]?.rect, 'groups');
    await page.mouse.click(...centre(s.list.groups[0].rect));
    await waitForState(page, (st) => st.list.groups[0].expanded && st.list.rows.length > 0, 'a group open');
  });
  await step('list-selected', async () => {
    await click(page, 'list.group_by');
    await click(page, 'list.group_by.none');
    let s = await waitForState(page, (st) => listReady(st) && !st.list.group_by && st.list.rows.length > 2, 'ungrouped');
    await page.mouse.click(...centre(s.list.rows[0].check));
    await waitForState(page, (st) => st.list.selected.length === 1, 'one selected');
    s = await state(page);
    await page.mouse.click(...centre(s.list.rows[1].check));
    await waitForState(page, (st) => st.list.selected.length === 2 && widget(st, 'list.action.tag'), 'two selected');
  });
  await step('list-mass-tag', async () => {
    await click(page, 'list.action.tag');
    const tagItem = (st) => st.widgets.find((w) => /^list\.tag\.\d+$/.test(w.id) && w.id !== 'list.tag.0');
    const s = await waitForState(page, tagItem, 'the tag menu');
    await shot('menu');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/leads/bulk')),
      click(page, tagItem(s).id),
    ]);
    if (resp.status() !== 200) throw new Error(`bulk: ${resp.status()}`);
    await waitForState(page, (st) => listReady(st) && widget(st, 'list.notice'), 'the notice');
  });
  await step('list-export', async () => {
    if (await page.evaluate(() => window.tumen.state().widgets.some((w) => w.id === 'list.tag.filter'))) await page.keyboard.press('Escape');
    await click(page, 'list.export');
    await waitForState(page, (st) => widget(st, 'list.export.csv'), 'the export menu');
    await shot('menu');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'list.export.csv')]);
    await download.saveAs(path.join(out, download.suggestedFilename()));
  });
  await step('contacts', async () => {
    await click(page, 'nav.contacts');
    await waitForState(page, (st) => st.view === 'contacts' && widget(st, 'contacts.new_company'), 'the contacts');
  });
  await step('contact-company', async () => {
    await click(page, 'contacts.new_company');
    await fill(page, 'contacts.new.name', `Хатгал Трейд ${tag} ХХК`);
    await shot('form');
    await click(page, 'contacts.new.create');
    await waitForState(page, (st) => st.view === 'contact' && widget(st, 'contact.kind'), 'the new company');
  });
  await step('contact-person', async () => {
    await click(page, 'contact.breadcrumb');
    await click(page, 'contacts.new_person');
    await fill(page, 'contacts.new.name', 'Зул Нуурбаяр');
    await fill(page, 'contacts.new.parent.search', 'хатгал трейд');
    const hit = await waitForState(page, (st) => st.widgets.some((w) => w.id.startsWith('contacts.new.parent.hit.')), 'hits');
    await shot('company-search');
    await click(page, hit.widgets.find((w) => w.id.startsWith('contacts.new.parent.hit.')).id);
    await click(page, 'contacts.new.create');
    await waitForState(page, (st) => st.view === 'contact' && widget(st, 'contact.parent.open'), 'the person');
  });
  await step('settings-stage-added', async () => {
    await click(page, 'nav.settings');
    await page.evaluate(() => { location.hash = '#/settings/stages'; });
    await waitForState(page, (st) => st.view === 'settings' && widget(st, 'settings.stages.add'), 'the stages', slow);
    await click(page, 'settings.stages.add');
    await fill(page, 'settings.stages.new.name', 'Гэрээ байгуулах');
    await shot('row');
    await click(page, 'settings.stages.new.save');
    await waitForState(page, (st) => st.widgets.some((w) => /^settings\.stages\.row\.\d+\.name$/.test(w.id) && w.label === 'Гэрээ байгуулах'),
      'the new stage');
  });
  await step('settings-member-added', async () => {
    await click(page, 'settings.nav.teams');
    const s = await waitForState(page, (st) => st.widgets.some((w) => /^settings\.teams\.row\.\d+\.members$/.test(w.id)), 'teams');
    await click(page, s.widgets.find((w) => /^settings\.teams\.row\.\d+\.members$/.test(w.id)).id);
    await click(page, 'settings.members.add');
    await click(page, 'settings.members.new.user_id');
    const o = await waitForState(page, (st) => st.widgets.some((w) => w.kind === 'option'), 'the users');
    await shot('users');
    await click(page, o.widgets.filter((w) => w.kind === 'option').at(-1).id);
    await click(page, 'settings.members.new.save');
    await waitForState(page, (st) => !widget(st, 'settings.members.new.save'), 'the member added');
  });
  await step('settings-tag-added', async () => {
    await click(page, 'settings.nav.tags');
    await click(page, 'settings.tags.add');
    await fill(page, 'settings.tags.new.name', `Уул уурхай ${tag}`);
    await click(page, 'settings.tags.new.color');
    await click(page, 'settings.tags.new.color.5');
    await click(page, 'settings.tags.new.save');
    await waitForState(page, (st) => !widget(st, 'settings.tags.new.save'), 'the tag saved');
  });
  await step('import-wizard', async () => {
    await page.keyboard.press('Control+k');
    await waitForState(page, (st) => st.palette?.open, 'the palette');
    await typeText(page, mn ? 'импорт' : 'import');
    await waitForState(page, (st) => st.palette?.items[0]?.route === '#/import', 'Import first');
    await page.keyboard.press('Enter');
    await waitForState(page, (st) => st.view === 'import' && widget(st, 'import.choose_file'), 'the import wizard');
  });
  await step('import-mapping', async () => {
    const csv = 'Нэр,Имэйл хаяг,Утасны дугаар,Орлого\n'
      + `Импорт Батбаяр ${tag},batbayar.${tag}@example.mn,99112233,1500000\n`
      + `Импорт Сарангэрэл ${tag},sarangerel.${tag}@example.mn,88112233,2500000\n`
      + `Импорт Өлзий ${tag},olzii.${tag}@example.mn,95112233,арван сая\n`;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'import.choose_file')]);
    await chooser.setFiles({ name: 'харилцагчид.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await waitForState(page, (st) => widget(st, 'import.col.3.field') && widget(st, 'import.start'), 'the mapping');
  });
  await step('import-done', async () => {
    await click(page, 'import.start');
    await waitForState(page, (st) => widget(st, 'import.done.title') && widget(st, 'import.count.failed'), 'the result', slow);
  });
  await step('palette', async () => {
    await page.keyboard.press('Control+k');
    await waitForState(page, (st) => st.palette?.open, 'the palette');
    await typeText(page, 'өлзий');
    await waitForState(page, (st) => st.palette?.items.length > 0, 'results');
  });
  await step('help-overlay', async () => {
    await page.keyboard.press('Escape');
    await waitForState(page, (st) => !st.palette, 'the palette closed');
    await page.keyboard.press('Shift+Slash');
    await waitForState(page, (st) => st.help_open, 'the shortcut help');
  });
  await step('language-switched', async () => {
    await page.keyboard.press('Escape');
    await click(page, 'nav.pipeline');
    await waitForState(page, boardReady, 'the board', slow);
    await click(page, mn ? 'lang.en' : 'lang.mn');
    await waitForState(page, (st) => st.language === (mn ? 'en' : 'mn') && boardReady(st), 'the other language');
  });
  await step('theme-switched', async () => {
    const other = args.theme === 'dark' ? 'light' : 'dark';
    await page.evaluate(() => { location.hash = '#/settings/account'; });
    await click(page, `settings.account.theme.${other}`);
    await waitForState(page, (st) => st.theme === other, 'the other theme');
    await shot('account');
    await click(page, 'nav.pipeline');
    await waitForState(page, boardReady, 'the board', slow);
  });
  await step('lead-form-other-language', async () => {
    await page.evaluate((id) => { location.hash = `#/lead/${id}`; }, resultId || leadId);
    await waitForState(page, leadLoaded, 'the form');
  });
  if (client.problems.length) console.log('browser problems:\n  ' + client.problems.join('\n  '));
} finally {
  fs.writeFileSync(path.join(out, 'steps.json'), JSON.stringify({ args, steps, problems: client?.problems ?? [] }, null, 1));
  await browser.close();
  await server.stop();
}
const failed = steps.filter((s) => !s.ok);
console.log(`${steps.length - failed.length}/${steps.length} steps passed; screenshots in ${out}`);
process.exit(failed.length ? 1 : 0);
