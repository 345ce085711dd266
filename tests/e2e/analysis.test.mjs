// Reporting in the real client (issue 9): the team dashboard's tiles agree with the API and a tile opens exactly
// the leads it counts; the pipeline analysis draws bars, lines, pie, funnel and the pivot table, shows a value on
// hover, a second group-by adds a legend, a click on a bar lands on the leads list with that bar's filter, and
// "Export CSV" downloads the pivot. Screenshots (look at them): tests/e2e/output/report-dashboard.png,
// report-analysis-{bar,line,pie,funnel,table,stacked,flow}.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  click, config, fill, launchBrowser, openClient, screenshot, startServer, waitForState, waitReady, widget, signIn,
} from './harness.mjs';

let server;
let browser;
let client;
let stages;

const seed = [
  // stage index, country, amount (major MNT), overdue deadline
  [0, 'MN', 1000000, true], [0, 'MN', 2500000, true], [0, 'CN', 500000, true],
  [1, 'MN', 4000000, false], [1, 'CN', 750000, false],
  [2, 'MN', 3000000, false],
];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  client = await openClient(browser, server.base, { width: 1440, height: 960, locale: 'en-US' });
  const { page } = client;
  await signIn(page);
  await waitForState(page, (st) => st.view === 'pipeline', 'the pipeline');
  stages = await page.evaluate(async (seed) => {
    const me = await (await fetch('/api/v1/session/me')).json();
    const st = (await (await fetch('/api/v1/stages?team_id=1')).json()).items.filter((s) => !s.is_won);
    for (const [i, [stage, country, amount, overdue]] of seed.entries()) {
      const r = await fetch('/api/v1/leads', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({
          name: `Тайлан ${i + 1}`, type: 'opportunity', team_id: 1, stage_id: st[stage].id, country,
          expected_revenue: { amount: amount * 100, currency: 'MNT' },
          date_deadline: overdue ? '2020-01-15' : '2099-06-30',
        }),
      });
      if (r.status !== 201) throw new Error(`lead ${i}: ${r.status} ${await r.text()}`);
    }
    return st;
  }, seed);
});

after(async () => {
  await client?.context.close();
  await browser?.close();
  await server?.stop();
});

const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);
const listReady = (st) => st.view === 'leads' && st.list && st.list.status === 'ready';
const chartReady = (st) => st.view === 'analysis' && st.analysis && !st.analysis.loading && st.analysis.rows.length > 0;

describe('team dashboard', () => {
  test('tiles agree with the API; the Overdue tile opens exactly the overdue opportunities', async () => {
    const { page } = client;
    await click(page, 'nav.reporting');
    const s = await waitForState(page, (st) => st.view === 'dashboard' && st.dashboard && !st.dashboard.loading &&
      widget(st, 'dashboard.tile.open') && widget(st, 'dashboard.week.7'), 'the dashboard with its tiles and weeks');
    const figures = await api(page, '/api/v1/dashboard');
    assert.equal(widget(s, 'dashboard.tile.open').value, String(figures.open.count));
    // The server starts with demo data: compare with what the API counts, not with the seed alone.
    const overdue = await api(page, '/api/v1/leads/analysis?group_by=team&active=true&filter=' +
      encodeURIComponent('type = "opportunity" and stage.is_won = false and date_deadline < today'));
    const overdueCount = overdue.cells.reduce((n, c) => n + c.count, 0);
    assert.ok(overdueCount >= 3, `the three seeded overdue opportunities at least: ${overdueCount}`);
    assert.equal(widget(s, 'dashboard.tile.overdue').value, String(overdueCount));
    assert.equal(widget(s, 'dashboard.tile.unassigned').value, String(figures.unassigned));
    assert.equal(widget(s, 'dashboard.week.7').value, String(figures.new_per_week[7].count));
    assert.equal(s.last_error, '');
    await screenshot(page, 'report-dashboard.png');

    // The team picker: one team's figures (with its target line).
    await click(page, 'dashboard.team');
    await click(page, 'dashboard.team.opt.1');
    const t1 = await waitForState(page, (st) => st.dashboard?.team_id === 1 && !st.dashboard.loading, 'team 1');
    assert.match(await page.evaluate(() => location.hash), /^#\/dashboard\?team=1$/);
    // The target tile: this month's invoiced sales orders (the demo has some) against the team's target.
    const team1Figures = await api(page, '/api/v1/dashboard?team_id=1');
    const invoiced = team1Figures.invoiced_this_month.find((x) => x.currency === team1Figures.team.invoiced_target.currency);
    assert.equal(t1.dashboard.invoiced_count, team1Figures.invoiced_this_month.reduce((n, x) => n + x.count, 0));
    assert.equal(t1.dashboard.target_percent, Math.round(100 * (invoiced?.amount ?? 0) / team1Figures.team.invoiced_target.amount));
    assert.ok(widget(t1, 'dashboard.tile.invoiced.progress'), 'the target progress bar');

    await click(page, 'dashboard.tile.overdue');
    const team1 = await api(page, '/api/v1/leads/analysis?group_by=team&active=true&filter=' +
      encodeURIComponent('team_id = 1 and type = "opportunity" and stage.is_won = false and date_deadline < today'));
    const team1Count = team1.cells.reduce((n, c) => n + c.count, 0);
    const list = await waitForState(page, (st) => listReady(st) && (st.list.has_more ? st.list.loaded > 0 : st.list.loaded === team1Count),
      `the ${team1Count} overdue opportunities of team 1`);
    assert.match(list.list.filter, /date_deadline < today/);
    assert.match(list.list.filter, /team_id = 1/);
    assert.ok(widget(list, 'list.chip.custom'), 'the report filter shows as a chip');
  });
});

describe('pipeline analysis', () => {
  test('bar chart by stage, a value on hover, then line, pie, funnel and table', async () => {
    const { page } = client;
    await page.goto(`${server.base}#/analysis`);
    await waitReady(page);
    let s = await waitForState(page, (st) => chartReady(st) && widget(st, 'analysis.bar.0.0'), 'the bar chart');
    const answer = await api(page, '/api/v1/leads/analysis?group_by=stage&active=true');
    assert.deepEqual(s.analysis.rows, answer.cells.map((c) => c.label1 || 'None'));
    assert.equal(widget(s, 'analysis.bar.0.0').value, String(answer.cells[0].count));
    await screenshot(page, 'report-analysis-bar.png');

    const bar = widget(s, 'analysis.bar.1.0');
    await page.mouse.move(bar.x + bar.w / 2, bar.y + bar.h / 2);
    s = await waitForState(page, (st) => widget(st, 'analysis.tooltip'), 'the hover tooltip');
    assert.equal(widget(s, 'analysis.tooltip').label, answer.cells[1].label1);
    assert.equal(widget(s, 'analysis.tooltip').value, String(answer.cells[1].count));

    await click(page, 'analysis.chart.line');
    s = await waitForState(page, (st) => widget(st, 'analysis.point.0.0'), 'the line chart');
    assert.equal(s.analysis.chart, 'line');
    await screenshot(page, 'report-analysis-line.png');

    await click(page, 'analysis.chart.pie');
    s = await waitForState(page, (st) => widget(st, 'analysis.slice.0'), 'the pie chart');
    const slice = widget(s, 'analysis.slice.2');
    await page.mouse.move(slice.x + slice.w / 2, slice.y + slice.h / 2);
    s = await waitForState(page, (st) => widget(st, 'analysis.tooltip')?.label === answer.cells[2].label1, 'the slice tooltip');
    assert.equal(widget(s, 'analysis.tooltip').value, String(answer.cells[2].count));
    await screenshot(page, 'report-analysis-pie.png');

    await click(page, 'analysis.chart.funnel');
    s = await waitForState(page, (st) => widget(st, 'analysis.funnel.0'), 'the funnel');
    // Each row as wide as its count relative to the largest.
    const widest = answer.cells.reduce((m, c, i) => (c.count > answer.cells[m].count ? i : m), 0);
    for (let i = 0; i < answer.cells.length; ++i) {
      const expected = widget(s, `analysis.funnel.${widest}`).w * Math.max(answer.cells[i].count / answer.cells[widest].count, 0.04);
      assert.ok(Math.abs(widget(s, `analysis.funnel.${i}`).w - expected) <= 2, `funnel row ${i}`);
    }
    await screenshot(page, 'report-analysis-funnel.png');

    // Expected revenue in the pivot table: money words, totals from the parts.
    await click(page, 'analysis.measure');
    await click(page, 'analysis.measure.opt.2');
    await click(page, 'analysis.chart.table');
    s = await waitForState(page, (st) => st.analysis?.measure === 'expected_revenue' && widget(st, 'analysis.total'), 'the pivot table');
    const mnt = (minor) => Math.round(minor / 100).toLocaleString('en-US');
    assert.ok(widget(s, 'analysis.row_total.0').value.includes(mnt(answer.cells[0].expected.MNT ?? 0)),
      `${widget(s, 'analysis.row_total.0').value} shows ${mnt(answer.cells[0].expected.MNT ?? 0)}`);
    const all = answer.cells.reduce((n, c) => n + (c.expected.MNT ?? 0), 0);
    assert.ok(widget(s, 'analysis.total').value.includes(mnt(all)), `${widget(s, 'analysis.total').value} shows ${mnt(all)}`);
    await screenshot(page, 'report-analysis-table.png');
  });

  test('a second group-by stacks bars with a legend; a click on a bar lands on the list with its filter', async () => {
    const { page } = client;
    await page.goto(`${server.base}#/analysis?group_by2=country`);
    await waitReady(page);
    const s = await waitForState(page, (st) => chartReady(st) && widget(st, 'analysis.legend.1') && widget(st, 'analysis.bar.0.1'),
      'stacked bars with a legend');
    const countries = s.analysis.columns;
    await screenshot(page, 'report-analysis-stacked.png');
    const mn = countries.findIndex((c) => c === 'MN' || c.includes('Mongolia'));
    assert.ok(mn >= 0, `a Mongolia series in ${JSON.stringify(countries)}`);
    const expected = s.analysis.values[0][mn];
    await click(page, `analysis.bar.0.${mn}`);
    const list = await waitForState(page, (st) => listReady(st) && (st.list.has_more ? st.list.loaded > 0 : st.list.loaded === expected),
      `the ${expected} leads of the bar`);
    assert.match(list.list.filter, /^\(stage_id (= \d+|is null) and country = "MN"\)$/);
    assert.match(await page.evaluate(() => location.hash), /^#\/leads\?.*filter=/);
    // Back: the chart again, from the address.
    await page.goBack();
    await waitForState(page, (st) => chartReady(st) && widget(st, 'analysis.bar.0.0'), 'the chart after Back');
  });

  test('Export CSV downloads the pivot', async () => {
    const { page } = client;
    await page.goto(`${server.base}#/analysis?group_by2=country`);
    await waitReady(page);
    await waitForState(page, (st) => chartReady(st) && widget(st, 'analysis.export'), 'the analysis');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'analysis.export')]);
    assert.equal(download.suggestedFilename(), 'pipeline-analysis.csv');
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const csv = Buffer.concat(chunks).toString('utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.match(lines[0], /Total/);
    const answer = await api(page, '/api/v1/leads/analysis?group_by=stage&active=true');
    const total = answer.cells.reduce((n, c) => n + c.count, 0);
    assert.ok(lines.some((l) => l.startsWith((answer.cells[0].label1 || 'None') + ',') && l.endsWith(',' + answer.cells[0].count)), csv);
    assert.match(lines.at(-1), new RegExp(`^Total,.*,${total}$`));
  });

  test('the stage flow tab lists the stages', async () => {
    const { page } = client;
    await click(page, 'analysis.tab.flow');
    const s = await waitForState(page, (st) => st.analysis?.tab === 'flow' && !st.analysis.loading && widget(st, 'analysis.flow.leads'),
      'the stage flow');
    assert.match(widget(s, 'analysis.flow.leads').label, /^\d+ leads/);
    assert.ok(widget(s, `analysis.flow.stage.${stages[0].id}`));
    await screenshot(page, 'report-analysis-flow.png');
    assert.deepEqual(client.problems, []);
  });
});
