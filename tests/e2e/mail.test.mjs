// E-mail end to end with real SMTP servers on loopback: an administrator sets up the outgoing server in Settings ›
// E-mail and tests it, writes a mail from a lead (Cyrillic subject with a placeholder, preview first) which arrives
// in a real Maildir (Debian's aiosmtpd) with the subject encoded and intact, and shows "Sent" in the timeline.
// Then a server that refuses the password: the Test answer, the mail's state in the timeline and the outbox are red
// with the server's words, and once the password is fixed the waiting mail goes out. Screenshots in tests/e2e/output/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import {
  click, config, launchBrowser, pixels, screenshot, startServer, waitForState, waitReady, widget,
} from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = '/usr/bin/python3';

let server;
let browser;
let page;
let context;
let leadId;
const smtp = {};  // plain: Debian's aiosmtpd Mailbox; auth: tests/server/smtp_sink.py with a password

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function maildir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumen-e2e-mail-'));
  for (const sub of ['tmp', 'new', 'cur']) fs.mkdirSync(path.join(dir, sub));
  return dir;
}

// Starts an SMTP server and waits until it accepts connections.
async function startSmtp(args, port, dir) {
  const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`SMTP server exited with ${child.exitCode}:\n${log}`);
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`SMTP server did not listen:\n${log}`); }
    await sleep(100);
  }
  return { port, dir, child, log: () => log };
}

function delivered(dir) {
  return fs.readdirSync(path.join(dir, 'new')).map((f) => fs.readFileSync(path.join(dir, 'new', f), 'latin1'));
}

async function waitDelivered(dir, count, what) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const mails = delivered(dir);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${mails.length} mail(s) in ${dir}`);
    await sleep(100);
  }
}

// The Subject header of a raw message, unfolded, with RFC 2047 encoded-words decoded (B and Q).
function subjectOf(raw) {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const m = head.replace(/\r?\n[ \t]+/g, ' ').match(/^Subject: (.*)$/mi);
  assert.ok(m, 'the mail has a Subject header');
  return m[1].replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*(?==\?)/g, '=?$1?$2?$3?=')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, enc, text) => {
      assert.match(charset, /^utf-8$/i);
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return bytes.toString('utf8');
    });
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const plainPort = await freePort();
  const plainDir = maildir();
  smtp.plain = await startSmtp(['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${plainPort}`, '-c', 'aiosmtpd.handlers.Mailbox', plainDir],
    plainPort, plainDir);
  const authPort = await freePort();
  const authDir = maildir();
  smtp.auth = await startSmtp([path.join(here, '..', 'server', 'smtp_sink.py'), '--port', String(authPort), '--maildir', authDir,
    '--user', 'crm', '--password', 'зөв-нууц-үг'], authPort, authDir);

  // Signed in as the administrator; a lead of our own with a contact and an e-mail address.
  const r = await fetch(server.base + 'api/v1/session/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: config.adminPassword }),
  });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const csrf = (await r.json()).csrf_token;
  const created = await fetch(server.base + 'api/v1/leads', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({ name: 'Оффисын сандал', contact_name: 'Болд', partner_name: 'Номад ХХК', email: 'bold@nomad.test' }),
  });
  const createdText = await created.text();
  assert.equal(created.status, 201, createdText);
  leadId = JSON.parse(createdText).id;

  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  await context.addCookies([{ name: cookie.slice(0, cookie.indexOf('=')), value: cookie.slice(cookie.indexOf('=') + 1), url: server.base }]);
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  for (const s of Object.values(smtp)) {
    s.child.kill('SIGTERM');
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
});

// Replaces a field's text with a paste (as a user pasting an address would), then waits until the field holds it.
// Typing "{", "}", "<" and ">" through the synthetic keyboard leaves Shift pressed in the canvas app.
async function fill(page, id, text) {
  await click(page, id);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  if (!/password/.test(id)) await waitForState(page, (st) => widget(st, id)?.value === text, `"${text}" in ${id}`);
}

const settingsShown = (st) => st.view === 'settings' && widget(st, 'settings.mail.smtp.host') && widget(st, 'settings.mail.outbox.filter.all');
const leadShown = (st) => st.view === 'lead' && st.lead && st.lead.version !== undefined && widget(st, 'lead.mail.open');

async function saveSmtp(fields) {
  for (const [id, value] of Object.entries(fields)) await fill(page, `settings.mail.smtp.${id}`, value);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/mail/settings')),
    click(page, 'settings.mail.smtp.save'),
  ]);
  assert.equal(response.status(), 200, await response.text().catch(() => ''));
  await waitForState(page, (st) => widget(st, 'settings.mail.notice'), 'the saved notice');
}

// Writes a mail from the lead's chatter and sends it; returns the id of the new timeline message.
async function composeAndSend(subject, body) {
  await page.goto(`${server.base}#/lead/${leadId}`);
  await waitReady(page);
  await waitForState(page, leadShown, 'the lead form');
  await click(page, 'lead.mail.open');
  await waitForState(page, (st) => st.lead.compose.open && widget(st, 'lead.mail.to')?.value === 'bold@nomad.test',
    'the compose dialog with the lead\'s address');
  await fill(page, 'lead.mail.subject', subject);
  await fill(page, 'lead.mail.body', body);
  await click(page, 'lead.mail.mode.preview');
  await waitForState(page, (st) => widget(st, 'mail.preview.subject'), 'the preview');
  await screenshot(page, 'mail-compose-preview-en.png');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/leads/${leadId}/mail`),
      { timeout: 10000 }).catch(async (e) => {
      await screenshot(page, 'mail-compose-not-sent-en.png');
      throw e;
    }),
    click(page, 'lead.mail.send'),
  ]);
  const message = await response.json();
  assert.equal(response.status(), 201, JSON.stringify(message));
  await waitForState(page, (st) => !st.lead.compose.open && st.lead.mail.some((m) => m.message === message.id),
    'the mail on top of the timeline');
  return message.id;
}

describe('e-mail', () => {
  test('Settings › E-mail: the SMTP server is set up and the Test button shows its answer', async () => {
    await page.goto(`${server.base}#/settings/email`);
    await waitReady(page);
    await waitForState(page, settingsShown, 'Settings › E-mail');
    await click(page, 'settings.mail.smtp.security.none');
    await saveSmtp({ host: '127.0.0.1', port: String(smtp.plain.port), default_from: 'Түмэн CRM <crm@tumen.test>' });
    await click(page, 'settings.mail.smtp.test');
    const s = await waitForState(page, (st) => widget(st, 'settings.mail.smtp.test_ok') || widget(st, 'settings.mail.smtp.test_failed'),
      'the test\'s answer');
    assert.ok(widget(s, 'settings.mail.smtp.test_ok'), `the test passes: ${JSON.stringify(widget(s, 'settings.mail.smtp.test_failed'))}`);
    await screenshot(page, 'mail-settings-ok-en.png');
  });

  test('a mail written on a lead arrives with its Cyrillic subject, and the timeline says Sent', async () => {
    const id = await composeAndSend('Үнийн санал — {{lead.contact_name}}', 'Сайн байна уу, {{lead.contact_name}}! Түмэн CRM');
    const [raw] = await waitDelivered(smtp.plain.dir, 1, 'the mail in the Maildir');
    assert.equal(subjectOf(raw), 'Үнийн санал — Болд');
    assert.match(raw, /^Subject: =\?utf-8\?/mi, 'the subject is RFC 2047-encoded');
    assert.match(raw, /^To: .*bold@nomad\.test/mi);
    const s = await waitForState(page, (st) => st.lead.mail.find((m) => m.message === id)?.state === 'sent',
      'the timeline shows the mail as sent', 20000);
    assert.equal(widget(s, `lead.message.${id}.mail_state`).label, 'Sent');
    await screenshot(page, 'mail-lead-sent-en.png');
  });

  test('a wrong password is red in Settings and under the waiting mail; fixed, the mail goes out', async () => {
    await page.goto(`${server.base}#/settings/email`);
    await waitReady(page);
    await waitForState(page, settingsShown, 'Settings › E-mail');
    await fill(page, 'settings.mail.smtp.password', 'буруу-нууц-үг');
    await saveSmtp({ port: String(smtp.auth.port), user: 'crm' });
    await click(page, 'settings.mail.smtp.test');
    let s = await waitForState(page, (st) => widget(st, 'settings.mail.smtp.test_failed'), 'the failed test in red');
    assert.match(widget(s, 'settings.mail.smtp.test_failed').label, /535/, 'the SMTP server\'s own answer');
    // The smtp channel is in error, in red, with the same answer (the list reloads after a test).
    s = await waitForState(page, (st) => widget(st, 'settings.mail.channels.smtp.state')?.label === 'Error',
      'the smtp channel in error');
    assert.match(widget(s, 'settings.mail.channels.smtp.error').label, /535/);
    const state = widget(s, 'settings.mail.channels.smtp.state');
    const [[cr, cg, cb]] = await pixels(page, [[state.x + 4, state.y + state.h / 2]]);
    assert.ok(cr > 180 && cg < 90 && cb < 90, `the channel's state is red on screen (rgb ${cr},${cg},${cb})`);
    await screenshot(page, 'mail-settings-wrong-password-en.png');

    // A mail written meanwhile waits (the login is the channel's fault, not the mail's) and says why, in red.
    const id = await composeAndSend('Дахин холбогдоно', 'Маргааш залгая.');
    s = await waitForState(page, (st) => /535/.test(widget(st, `lead.message.${id}.mail_error`)?.label ?? ''),
      'the server\'s answer under the waiting mail', 20000);
    assert.equal(widget(s, `lead.message.${id}.mail_state`).label, 'Queued');
    await screenshot(page, 'mail-lead-waiting-en.png');
    assert.equal(delivered(smtp.auth.dir).length, 0);

    // The right password: saving it sends the waiting mail at once, and the timeline says Sent.
    await page.goto(`${server.base}#/settings/email`);
    await waitReady(page);
    await waitForState(page, settingsShown, 'Settings › E-mail');
    await fill(page, 'settings.mail.smtp.password', 'зөв-нууц-үг');
    await saveSmtp({});
    const [raw] = await waitDelivered(smtp.auth.dir, 1, 'the waiting mail');
    assert.equal(subjectOf(raw), 'Дахин холбогдоно');
    await page.goto(`${server.base}#/settings/email`);
    await waitReady(page);
    s = await waitForState(page, (st) => widget(st, 'settings.mail.channels.smtp.state')?.label === 'Working',
      'the smtp channel working again', 20000);
    await screenshot(page, 'mail-settings-fixed-en.png');
    await page.goto(`${server.base}#/lead/${leadId}`);
    await waitReady(page);
    s = await waitForState(page, (st) => st.view === 'lead' && st.lead.mail?.find((m) => m.message === id)?.state === 'sent',
      'the timeline shows the mail as sent', 20000);
    assert.equal(widget(s, `lead.message.${id}.mail_error`), undefined);
  });
});
