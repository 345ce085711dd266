// The website contact form end to end: an administrator switches it on for a team and salesperson (API); a visitor
// opens /contact/contact.html in headless Chromium, in Mongolian, meets the inline errors (the browser's own check,
// then the server's 422 next to the field), sends it and sees the thank-you note; the lead is there through the API
// in the right team, for the right salesperson, from source "Website". Then the same form without JavaScript: a
// plain post ends on the server's thank-you page. Last, Settings › Website form in the client counts what came in
// and offers the embed code. Screenshots in tests/e2e/output/web_form_*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { config, launchBrowser, screenshot, startServer, waitForState, widget } from './harness.mjs';

let server;
let browser;
let auth;  // { cookie, csrf, userId }
let teamId;

async function api(method, path, body) {
  const r = await fetch(server.base + path.replace(/^\//, ''), {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: auth.cookie, 'X-CSRF-Token': auth.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, text };
}

async function leadsNamed(name) {
  const r = await api('GET', `/api/v1/leads?q=${encodeURIComponent(name)}&limit=50`);
  assert.equal(r.status, 200, r.text);
  return (r.body.items || []).filter((l) => l.name === name);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const r = await fetch(server.base + 'api/v1/session/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: config.adminPassword }),
  });
  assert.equal(r.status, 200);
  const session = await r.json();
  auth = { cookie: r.headers.get('set-cookie').split(';')[0], csrf: session.csrf_token, userId: session.user.id };
  const teams = await api('GET', '/api/v1/teams');
  assert.equal(teams.status, 200, teams.text);
  teamId = teams.body.items[0].id;
  const current = await api('GET', '/api/v1/settings/web-form');
  assert.equal(current.status, 200, current.text);
  const put = await api('PUT', '/api/v1/settings/web-form', {
    version: current.body.version, enabled: true, team_id: teamId, user_id: auth.userId, rate_limit_per_hour: 50,
  });
  assert.equal(put.status, 200, put.text);
  assert.match(put.body.snippet, /\/api\/v1\/public\/contact/);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a visitor sends the form in Mongolian, errors inline, then the thank-you note and the lead', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.base + 'contact/contact.html?lang=mn&utm_source=google');
  await page.waitForFunction(() => window.tumenContactReady === true);
  assert.equal(await page.textContent('h1'), 'Холбоо барих');
  assert.equal(await page.textContent('[data-t=name]'), 'Нэр');
  assert.equal(await page.inputValue('input[name=lang]'), 'mn');
  await page.fill('input[name=name]', 'Батбаяр Ганболд');
  await page.fill('input[name=company]', 'Говь Кашемир ХХК');
  await page.fill('input[name=subject]', 'Вэбээс ирсэн үнийн санал');
  await page.fill('textarea[name=message]', 'Сайн байна уу? 200 ширхэг цамцны үнийн санал авъя.');
  await screenshot(page, 'web_form_filled.png');

  // Neither e-mail nor phone: the page says so before anything is sent.
  await page.click('button[type=submit]');
  await page.waitForSelector('.tc-error');
  assert.match(await page.textContent('.tc-error'), /и-мэйл хаяг эсвэл утасны дугаар/);

  // A bad address: the server's 422 names the field, the page shows it under that field.
  await page.fill('input[name=email]', 'bat@');
  await page.click('button[type=submit]');
  await page.waitForSelector('#tc-error-email');
  assert.equal(await page.textContent('#tc-error-email'), 'И-мэйл хаяг буруу байна.');
  assert.equal(await page.getAttribute('input[name=email]', 'aria-invalid'), 'true');
  await screenshot(page, 'web_form_errors.png');
  assert.equal((await leadsNamed('Вэбээс ирсэн үнийн санал')).length, 0);

  await page.fill('input[name=email]', 'bat@gobi-cashmere.mn');
  await page.click('button[type=submit]');
  await page.waitForSelector('.tc-done');
  assert.equal(await page.textContent('.tc-done h2'), 'Баярлалаа!');
  await screenshot(page, 'web_form_thanks.png');

  const leads = await leadsNamed('Вэбээс ирсэн үнийн санал');
  assert.equal(leads.length, 1);
  const lead = leads[0];
  assert.equal(lead.team_id, teamId);
  assert.equal(lead.user_id, auth.userId);
  assert.equal(lead.email, 'bat@gobi-cashmere.mn');
  assert.equal(lead.partner_name, 'Говь Кашемир ХХК');
  const sources = await api('GET', '/api/v1/utm/sources');
  const website = (sources.body.items || []).find((s) => s.name === 'Website');
  assert.ok(website, sources.text);
  assert.equal(lead.source_id, website.id);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the form posts normally and lands on the thank-you page', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + 'contact/contact.html');
  await page.fill('input[name=name]', 'No Script');
  await page.fill('input[name=phone]', '+976 9911 2233');
  await page.fill('input[name=subject]', 'Plain form post');
  await Promise.all([page.waitForURL(/\/contact\/thanks/), page.click('button[type=submit]')]);
  assert.match(page.url(), /\/contact\/thanks\?lang=mn$/);  // the page's hidden lang field says mn without a script
  assert.equal(await page.textContent('h1'), 'Баярлалаа!');
  await screenshot(page, 'web_form_thanks_page.png');
  const leads = await leadsNamed('Plain form post');
  assert.equal(leads.length, 1);
  assert.equal(leads[0].phone, '+976 9911 2233');
  await context.close();
});

test('Settings › Website form shows the counters and the embed code', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1200 }, locale: 'en-US' });
  const eq = auth.cookie.indexOf('=');
  await context.addCookies([{ name: auth.cookie.slice(0, eq), value: auth.cookie.slice(eq + 1), url: server.base }]);
  const page = await context.newPage();
  await page.goto(server.base + '#/settings/web-form');
  await page.waitForFunction(() => window.tumen && window.tumen.ready === true, null, { timeout: 30000 });
  // Two leads so far (one with a script, one without) and the one the server refused.
  const s = await waitForState(page, (st) => /Received 3 · leads 2 · rejected 1/.test(widget(st, 'settings.web_form.channel.counts')?.label || ''),
    'the web_form counters', 20000);
  assert.ok(widget(s, 'settings.web_form.save'));
  assert.equal(widget(s, 'settings.web_form.form_url').label, server.base + 'contact/contact.html');
  await screenshot(page, 'web_form_settings.png');
  await context.close();
});
