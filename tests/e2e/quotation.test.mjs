// From an opportunity to a confirmed sales order in the real client: "New quotation" on the lead form opens the
// editor, a line is typed into the table (the live total follows), Confirm saves and confirms, and the API shows
// the order and the opportunity won; the order is marked invoiced and its chatter shows the confirmation. Screenshot of the editor: tests/e2e/output/quotation-editor.png (look at it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  click, config, fill, launchBrowser, openClient, screenshot, startServer, waitForState, waitReady, widget, signIn,
} from './harness.mjs';

let server;
let browser;
let client;
let leadId;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  client = await openClient(browser, server.base, { width: 1440, height: 1000, locale: 'en-US' });
  const { page } = client;
  await signIn(page);
  await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline');
  leadId = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/session/me')).json();
    const r = await fetch('/api/v1/leads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ name: 'Сургуулийн компьютер', type: 'opportunity', team_id: 1, contact_name: 'Батбаяр', email: 'bat@gobi.mn' }),
    });
    return (await r.json()).id;
  });
  assert.ok(leadId > 0, 'an opportunity was created');
});

after(async () => {
  await client?.context.close();
  await browser?.close();
  await server?.stop();
});

const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);

describe('quotation to sales order', () => {
  test('New quotation, a line, Confirm: the order is confirmed and the opportunity won', async () => {
    const { page } = client;
    await page.goto(`${server.base}#/lead/${leadId}`);
    await waitReady(page);
    await waitForState(page, (st) => st.view === 'lead' && widget(st, 'lead.quotation.new'), 'the lead form with its Quotations block');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/quotations') && r.request().method() === 'POST'),
      click(page, 'lead.quotation.new'),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const q = await created.json();
    await waitForState(page, (st) => st.view === 'quotation' && widget(st, 'quote.add_line'), 'the quotation editor');

    await click(page, 'quote.add_line');
    await waitForState(page, (st) => widget(st, 'quote.line.0.description'), 'a new line');
    await fill(page, 'quote.line.0.description', 'Ноутбук');
    await fill(page, 'quote.line.0.quantity', '2');
    await fill(page, 'quote.line.0.price', '1500.50');
    await fill(page, 'quote.line.0.tax', '10');
    const s = await waitForState(page, (st) => /3[,\s]?301[.,]10/.test(widget(st, 'quote.total')?.label ?? ''), 'the live total 3,301.10');
    assert.equal(s.last_error, '');
    await screenshot(page, 'quotation-editor.png');

    const [confirmed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/quotations/${q.id}/confirm`)),
      click(page, 'quote.confirm'),
    ]);
    assert.equal(confirmed.status(), 200, await confirmed.text());
    const locked = await waitForState(page, (st) => widget(st, 'quote.state')?.label === 'Sales order', 'the order state');
    // The locked lines are text, not fields: each still starts under its own heading.
    for (const [cell, head] of [['price', 2], ['tax', 4], ['amount', 6]]) {
      const c = widget(locked, `quote.line.0.${cell}`);
      const h = widget(locked, `quote.head.${head}`);
      assert.ok(c && h && Math.abs(c.x - h.x) <= 2, `locked ${cell} cell at x=${c?.x}, its heading at x=${h?.x}`);
    }
    // The order's invoicing status (a manager's call) and its chatter, which logged the confirmation.
    const [invoiced] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/quotations/${q.id}/invoicing`)),
      click(page, 'quote.invoicing.invoiced'),
    ]);
    assert.equal(invoiced.status(), 200, await invoiced.text());
    await waitForState(page, (st) => widget(st, 'quote.notice')?.label === 'Invoicing status saved.' &&
      st.widgets.some((w) => w.id.startsWith('quote.message.') && w.id.endsWith('.body') && /confirmed/.test(w.label)),
    'the invoiced order with "confirmed" in its chatter');
    await screenshot(page, 'quotation-confirmed.png');

    const order = await api(page, `/api/v1/quotations/${q.id}`);
    assert.equal(order.state, 'sale');
    assert.equal(order.invoice_status, 'invoiced');
    assert.equal(order.amounts.total, 330110);
    assert.equal(order.lines[0].description, 'Ноутбук');
    const lead = await api(page, `/api/v1/leads/${leadId}`);
    assert.equal(lead.probability, 100, 'the opportunity is won');
    const summary = await api(page, `/api/v1/leads/${leadId}/quotations`);
    assert.equal(summary.order_count, 1);
    assert.deepEqual(summary.order_amounts, [{ amount: 330110, currency: order.currency }]);
  });
});
