// Activities in the real client (issue 6): schedule two activities on a lead from its form (one overdue, one
// due today, with a type picked in the dialog), mark the one due today done with feedback, find the overdue one in
// My activities (and open its lead from there), and filter the board with the "Overdue activities" chip.
// Screenshots: tests/e2e/output/activities-lead.png, activities-mine.png, activities-board.png (look at them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  click, config, fill, launchBrowser, openClient, screenshot, startServer, waitForState, waitReady, widget, signIn,
} from './harness.mjs';

let server;
let browser;
let client;
let leadId;
let quietId;
let today;

const addDays = (iso, n) => {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  client = await openClient(browser, server.base, { width: 1440, height: 1000, locale: 'en-US' });
  const { page } = client;
  await signIn(page);
  await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline');
  [leadId, quietId] = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/session/me')).json();
    const make = async (name) => {
      const r = await fetch('/api/v1/leads', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ name, type: 'opportunity', team_id: 1, priority: 3 }),  // among the first cards loaded
      });
      return (await r.json()).id;
    };
    return [await make('Ховдын сургууль'), await make('Тайван харилцагч')];
  });
  assert.ok(leadId > 0 && quietId > 0, 'two opportunities were created');
  today = (await api(page, `/api/v1/leads/${leadId}/activities`)).today;
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
});

after(async () => {
  await client?.context.close();
  await browser?.close();
  await server?.stop();
});

const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);

// Schedules from the open lead form: type picked by its label, summary and due date typed.
async function schedule(page, typeLabel, summary, due) {
  await click(page, 'lead.activity.schedule');
  await waitForState(page, (st) => widget(st, 'activity.summary') && widget(st, 'activity.save'), 'the Schedule dialog');
  await click(page, 'activity.type');
  const s = await waitForState(page, (st) => st.widgets.some((w) => w.kind === 'option' && w.label === typeLabel), `the ${typeLabel} option`);
  await click(page, s.widgets.find((w) => w.kind === 'option' && w.label === typeLabel).id);
  await waitForState(page, (st) => !st.widgets.some((w) => w.kind === 'option'), 'the type picked');
  await fill(page, 'activity.summary', summary);
  await fill(page, 'activity.due', due);
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/leads/${leadId}/activities`) && r.request().method() === 'POST'),
    click(page, 'activity.save'),
  ]);
  assert.equal(created.status(), 201, await created.text());
  const a = await created.json();
  await waitForState(page, (st) => widget(st, `lead.activity.${a.id}.summary`) && !widget(st, 'activity.save'), 'the new activity in the block');
  return a;
}

describe('activities', () => {
  test('schedule on the lead form, mark done with feedback', async () => {
    const { page } = client;
    await page.goto(`${server.base}#/lead/${leadId}`);
    await waitReady(page);
    await waitForState(page, (st) => st.view === 'lead' && widget(st, 'lead.activity.schedule'), 'the Activities block');

    const late = await schedule(page, 'Call', 'Захиралтай ярих', addDays(today, -2));
    assert.equal(late.type_id > 0, true);
    assert.equal(late.due_state, 'overdue');
    const now = await schedule(page, 'E-mail', 'Үнийн санал явуулах', today);
    assert.equal(now.due_state, 'today');
    const s = await waitForState(page, (st) => widget(st, `lead.activity.${late.id}.due`)?.label === 'overdue 2 days' &&
      widget(st, `lead.activity.${now.id}.due`)?.label === 'today', 'due dates in words');
    assert.equal(s.last_error, '');
    await screenshot(page, 'activities-lead.png');

    await click(page, `lead.activity.${now.id}.done`);
    await waitForState(page, (st) => widget(st, 'activity_done.feedback'), 'the Mark done dialog');
    await fill(page, 'activity_done.feedback', 'Илгээсэн, хариу хүлээж байна');
    const [done] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/activities/${now.id}/done`)),
      click(page, 'activity_done.save'),
    ]);
    assert.equal(done.status(), 200, await done.text());
    // E-mail suggests no next type here: the dialog closes and the block keeps the overdue one only.
    await waitForState(page, (st) => !widget(st, `lead.activity.${now.id}.summary`) && widget(st, `lead.activity.${late.id}.summary`) &&
      !widget(st, 'activity_done.save'), 'the done activity gone from the block');
    const open = await api(page, `/api/v1/leads/${leadId}/activities`);
    assert.deepEqual(open.items.map((a) => a.id), [late.id]);
  });

  test('My activities shows the overdue one; its lead opens from there', async () => {
    const { page } = client;
    await click(page, 'nav.activities');
    const s = await waitForState(page, (st) => st.view === 'activities' && st.widgets.some((w) => w.id.endsWith('.lead') && w.label === 'Ховдын сургууль'),
      'the overdue activity in My activities');
    const group = widget(s, 'activities.group.overdue');
    const lead = s.widgets.find((w) => w.id.endsWith('.lead') && w.label === 'Ховдын сургууль');
    const today_group = widget(s, 'activities.group.today');
    assert.ok(group && today_group && lead.y > group.y && lead.y < today_group.y, 'listed under Overdue');
    await screenshot(page, 'activities-mine.png');
    await click(page, lead.id);
    await waitForState(page, (st) => st.view === 'lead' && st.lead?.id === leadId, 'the lead opened from My activities');
  });

  test('the Overdue activities chip filters the board', async () => {
    const { page } = client;
    await page.goto(`${server.base}#/pipeline/1`);  // the team the leads were made in
    await waitReady(page);
    let s = await waitForState(page, (st) => st.view === 'pipeline' && widget(st, `card.${leadId}`) && widget(st, `card.${quietId}`), 'both cards');
    assert.equal(widget(s, `card.${leadId}.activity`)?.value, 'overdue');
    assert.ok(widget(s, `card.${quietId}.no_next_step`), 'the quiet lead has no next step');
    assert.ok(s.widgets.some((w) => w.id.startsWith('board.activity_bar.') && /1 overdue/.test(w.label)), 'a column bar counts the overdue lead');
    await click(page, 'board.chip.activity_overdue');
    s = await waitForState(page, (st) => st.route.includes('overdue') && widget(st, `card.${leadId}`) && !widget(st, `card.${quietId}`),
      'only the lead with an overdue activity');
    assert.equal(s.last_error, '');
    await screenshot(page, 'activities-board.png');
  });
});
