// The admin web UI in headless Chromium (npm playwright-core driving Debian's chromium): a
// wrong password shows an error, the right one logs in, the status page lists this node, the
// publish form's publication reaches a centrifuge-js subscriber, and the channel page shows that
// subscriber in presence and the publication in history.
//
// Inputs (environment), besides common.mjs's: CF_ADMIN_URL (the UI, `<prefix>/`),
// CF_ADMIN_PASSWORD, CF_NODE_NAME (the server's node.name), CF_CHROMIUM (browser binary,
// default /usr/bin/chromium), CF_SCREENSHOT (optional: where to save a PNG of the last page).

import { chromium } from 'playwright-core';
import { RUN, api, assert, check, connToken, connected, finish, need, subscribed } from './common.mjs';

const ADMIN_URL = process.env.CF_ADMIN_URL;
const PASSWORD = process.env.CF_ADMIN_PASSWORD;
const NODE_NAME = process.env.CF_NODE_NAME;
const CHROMIUM = process.env.CF_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT = process.env.CF_SCREENSHOT;
/** Browser start-up is slower than any protocol step. */
const LAUNCH_MS = 30000;
/** Each UI step: page work plus a server round trip. */
const UI_MS = 8000;

if (!ADMIN_URL || !PASSWORD || !NODE_NAME) {
  console.log('FAIL - environment: need CF_ADMIN_URL, CF_ADMIN_PASSWORD and CF_NODE_NAME');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const channel = `chat:admin-ui-${RUN}`;
const user = `admin-ui-user-${RUN}`;
const text = `from the admin UI ${RUN}`;
let browser;
let page;
let sub;
let clientId;
const pageErrors = [];

/** Waits until the element's text contains `want`; fails with what it last saw. */
async function textContains(selector, want, ms = UI_MS - 1000) {
  const loc = page.locator(selector);
  const deadline = Date.now() + ms;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await loc.textContent({ timeout: ms }).catch(() => '')) || '';
    if (seen.includes(want)) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${selector} never contained ${JSON.stringify(want)}; last text ${JSON.stringify(seen.trim())}`);
}

await check('chromium starts and opens the UI', async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(ADMIN_URL);
  await page.locator('#login-form').waitFor({ state: 'visible', timeout: UI_MS });
}, LAUNCH_MS);

await check('a wrong password shows an error and no pages', async () => {
  need(page, 'the UI is open');
  await page.fill('#password', 'certainly-not-the-password');
  await page.click('#login-submit');
  await page.locator('#login-error').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  await textContains('#login-error', 'Wrong password');
  assert(await page.locator('#nav').isHidden(), 'the navigation shows before a login');
}, UI_MS);

await check('the right password logs in to the status page', async () => {
  need(page, 'the UI is open');
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.locator('#page-status').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  assert(await page.locator('#login-error').isHidden(), 'the login error is still shown');
}, UI_MS);

await check('the status page lists this node', async () => {
  need(page, 'the UI is open');
  await textContains('#nodes tbody', NODE_NAME);
  const cells = await page.locator('#nodes tbody tr').first().locator('td').allTextContents();
  assert(cells.length === 7, `expected 7 columns, got ${JSON.stringify(cells)}`);
  assert(/\d+s$/.test(cells[2]), `uptime cell ${JSON.stringify(cells[2])}`);
}, UI_MS);

await check('a centrifuge-js client subscribes to the channel', async () => {
  const client = await connected({ token: connToken(user) });
  clientId = client.id;
  sub = await subscribed(client.c, channel);
});

await check('the status page counts the subscriber after a refresh', async () => {
  need(page && sub, 'a subscriber and the UI');
  await page.click('#status-refresh');
  const deadline = Date.now() + UI_MS - 2000;
  for (;;) {
    const cells = await page.locator('#nodes tbody tr').first().locator('td').allTextContents();
    if (Number(cells[3]) >= 1 && Number(cells[5]) >= 1) return;
    if (Date.now() > deadline) throw new Error(`clients/subscriptions not counted: ${JSON.stringify(cells)}`);
    await page.click('#status-refresh');
    await new Promise((r) => setTimeout(r, 200));
  }
}, UI_MS);

await check('invalid JSON in the publish form is reported, not sent', async () => {
  need(page, 'the UI is open');
  await page.click('nav a[data-page="publish"]');
  await page.locator('#page-publish').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  await page.fill('#publish-channel', channel);
  await page.fill('#publish-data', '{not json');
  await page.click('#publish-submit');
  await textContains('#publish-result', 'not valid JSON');
}, UI_MS);

await check('an API error from the publish form is shown', async () => {
  need(page, 'the UI is open');
  await page.fill('#publish-channel', `nowhere:${RUN}`);
  await page.fill('#publish-data', '{"x": 1}');
  await page.click('#publish-submit');
  await textContains('#publish-result', 'error 102');
}, UI_MS);

await check('the publish form publishes to the subscriber', async () => {
  need(page && sub, 'a subscriber and the UI');
  const from = sub.rec.mark();
  await page.fill('#publish-channel', channel);
  await page.fill('#publish-data', JSON.stringify({ text, run: RUN }));
  await page.click('#publish-submit');
  await textContains('#publish-result', 'Published');
  const ctx = await sub.rec.wait('publication', (c) => c.data && c.data.run === RUN, { from });
  assert(ctx.data.text === text, `publication data ${JSON.stringify(ctx.data)}`);
}, UI_MS);

await check('the channels page lists the channel', async () => {
  need(page && sub, 'a subscriber and the UI');
  await page.click('nav a[data-page="channels"]');
  await page.locator('#page-channels').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  await textContains('#channels tbody', channel);
}, UI_MS);

await check('inspecting the channel shows the subscriber in presence', async () => {
  need(page && clientId, 'a subscriber and the UI');
  await page.locator('#channels tbody tr', { hasText: channel }).click();
  await page.locator('#inspection').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  await textContains('#presence tbody', clientId);
  await textContains('#presence tbody', user);
}, UI_MS);

await check('inspecting the channel shows the publication in history', async () => {
  need(page && sub, 'a subscriber and the UI');
  await textContains('#history tbody', text);
}, UI_MS);

await check('the trace page streams the channel live: a publication shows as a row', async () => {
  need(page && sub, 'a subscriber and the UI');
  await page.click('nav a[data-page="trace"]');
  await page.locator('#page-trace').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  await page.selectOption('#trace-type', 'channel');
  await page.fill('#trace-entity', channel);
  await page.click('#trace-start');
  await textContains('#trace-status', 'racing');
  const marker = `traced-${RUN}`;
  await api('publish', { channel, data: { marker } });
  await textContains('#trace-events tbody', marker);
  await textContains('#trace-events tbody', 'publication');
  await page.click('#trace-stop');
}, UI_MS);

await check('the page raised no script errors', async () => {
  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
});

if (SCREENSHOT && page) {
  await check('a screenshot is saved', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, UI_MS);
}

await check('logging out shows the login form again', async () => {
  need(page, 'the UI is open');
  await page.click('#logout');
  await page.locator('#login-form').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
  await page.reload();
  await page.locator('#login-form').waitFor({ state: 'visible', timeout: UI_MS - 1000 });
}, UI_MS);

if (browser) await browser.close().catch(() => {});
finish();
