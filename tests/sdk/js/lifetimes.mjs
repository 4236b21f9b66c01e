// Connection and subscription lifetimes through the official centrifuge-js SDK: token
// refresh through getToken (client `refresh` / `sub_refresh` commands), server-side
// expiry when nobody refreshes (3005 / 2501 after client.expired_close_delay and
// client.expired_sub_close_delay, both 2s in tests/sdk/config.json), refresh API with
// `expired: true`, and expired tokens at connect/subscribe (error 109 -> getToken).
//
// The slow scenarios (tokens living ~3 s) all start together in the first check and are
// checked one by one afterwards, so the script takes ~8 s.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET,
// CF_FORMAT = json (default) | protobuf.
// Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
// Exit code 0 only when every check passed. The server must run with tests/sdk/config.json.

import {
  RUN, api, assert, assertEq, check, connToken, connected, dec, finish, need, newClient, newSub,
  nowSec, sleep, subToken, subscribed,
} from './common.mjs';

/** Token lifetime of the short-lived tokens (s) and the server's close delays (s). */
const SHORT = 3;
const CLOSE_DELAY = 2;
const st = {};

/** Ms until `expSec` + close delay + margin has passed: the server would have acted by then. */
const untilPastGrace = (expSec) => Math.max(0, (expSec + CLOSE_DELAY + 1) * 1000 - Date.now());

/** Publishes `data` through the API and waits for it on `rec` (a sub or client recorder). */
async function roundTrip(rec, channel, data) {
  await api('publish', { channel, data });
  const pub = await rec.wait('publication', (p) => p.channel === channel && JSON.stringify(dec(p.data)) === JSON.stringify(data));
  assertEq(dec(pub.data), data, 'publication data');
}

// ---------------------------------------------------------------- start the slow ones

await check('start: clients and subscriptions with tokens expiring in ~3 s', async () => {
  const exp = nowSec() + SHORT;
  st.exp = exp;

  // A: connection token refreshed through getToken.
  const aUser = `js-life-a-${RUN}`;
  const a = { calls: 0, chan: `chat:js-life-a-${RUN}` };
  Object.assign(a, newClient({
    token: connToken(aUser, { exp }),
    getToken: async () => { a.calls++; return connToken(aUser); },
  }));
  st.a = a;

  // B: nobody refreshes: getToken never answers. (Without getToken at all the SDK gives
  // up by itself at ttl, disconnecting with code 1 before the server acts.)
  const b = { calls: 0 };
  Object.assign(b, newClient({
    token: connToken(`js-life-b-${RUN}`, { exp }),
    getToken: () => { b.calls++; return new Promise(() => {}); },
  }));
  st.b = b;

  // C: subscription token refreshed through the subscription's getToken.
  const cUser = `js-life-c-${RUN}`;
  const c = { calls: [], chan: `secure:js-life-c-${RUN}` };
  Object.assign(c, newClient({ token: connToken(cUser) }));
  st.c = c;

  // D: subscription token nobody refreshes: the subscription's getToken never answers.
  const dUser = `js-life-d-${RUN}`;
  const d = { calls: 0, chan: `secure:js-life-d-${RUN}` };
  Object.assign(d, newClient({ token: connToken(dUser) }));
  st.d = d;

  // E: getToken hands out a token of another user on refresh.
  const e = {};
  Object.assign(e, newClient({
    token: connToken(`js-life-e-${RUN}`, { exp }),
    getToken: async () => connToken(`js-life-other-${RUN}`),
  }));
  st.e = e;

  for (const x of [a, b, c, d, e]) x.c.connect();
  for (const x of [a, b, c, d, e]) {
    const ctx = await x.rec.wait('connected', undefined, { failOn: ['disconnected'] });
    x.id = ctx.client;
    x.mark = x.rec.mark();
  }
  a.s = await subscribed(a.c, a.chan);
  c.s = await subscribed(c.c, c.chan, {
    token: subToken(cUser, c.chan, { exp }),
    getToken: async (ctx) => { c.calls.push(ctx.channel); return subToken(cUser, c.chan); },
  });
  d.s = await subscribed(d.c, d.chan, {
    token: subToken(dUser, d.chan, { exp }),
    getToken: () => { d.calls++; return new Promise(() => {}); },
  });
  for (const x of [a, c, d]) x.sMark = x.s.rec.mark();
  st.started = true;
});

// ---------------------------------------------------------------- fast checks meanwhile

await check('refresh API with expired: true -> connecting with 3005, then connected again (new client id)', async () => {
  const user = `js-life-r-${RUN}`;
  const x = await connected({ token: connToken(user) });
  const from = x.rec.mark();
  await api('refresh', { user, client: x.id, expired: true });
  const ctx = await x.rec.wait('connecting', undefined, { from, failOn: ['disconnected'] });
  assertEq(ctx.code, 3005, 'connecting code');
  const again = await x.rec.wait('connected', undefined, { from, failOn: ['disconnected'] });
  assert(again.client && again.client !== x.id, `expected a new client id, got ${again.client}`);
});

await check('expired connection token at connect: server error 109 makes the SDK call getToken, then connected', async () => {
  const user = `js-life-x-${RUN}`;
  let calls = 0;
  const x = newClient({
    token: connToken(user, { exp: nowSec() - 30 }),
    getToken: async () => { calls++; return connToken(user); },
  });
  x.c.connect();
  await x.rec.wait('connected', undefined, { failOn: ['disconnected'] });
  assertEq(calls, 1, 'getToken calls');
});

await check('expired connection token without getToken: disconnected (no reconnect loop)', async () => {
  const x = newClient({ token: connToken(`js-life-y-${RUN}`, { exp: nowSec() - 30 }) });
  x.c.connect();
  await x.rec.wait('disconnected', undefined, { failOn: ['connected'] });
  assertEq(x.c.state, 'disconnected', 'client state');
});

await check('no token but getToken: the SDK asks getToken before connecting', async () => {
  const user = `js-life-z-${RUN}`;
  let calls = 0;
  const x = newClient({ getToken: async () => { calls++; return connToken(user); } });
  x.c.connect();
  await x.rec.wait('connected', undefined, { failOn: ['disconnected'] });
  assertEq(calls, 1, 'getToken calls');
});

await check('expired subscription token at subscribe: error 109 makes the subscription call getToken, then subscribed', async () => {
  const user = `js-life-s-${RUN}`;
  const chan = `secure:js-life-s-${RUN}`;
  const x = await connected({ token: connToken(user) });
  const calls = [];
  const { sub, rec } = newSub(x.c, chan, {
    token: subToken(user, chan, { exp: nowSec() - 30 }),
    getToken: async (ctx) => { calls.push(ctx.channel); return subToken(user, chan); },
  });
  sub.subscribe();
  await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  assertEq(calls, [chan], 'getToken calls (channels)');
});

// ---------------------------------------------------------------- slow checks

await check('connection token refresh: getToken called, same connection stays usable past exp + close delay', async () => {
  const a = need(st.started && st.a, 'started');
  await sleep(untilPastGrace(st.exp));
  assert(a.calls >= 1, `getToken was not called (calls: ${a.calls})`);
  const events = a.rec.log.slice(a.mark).filter((e) => ['connecting', 'disconnected', 'connected'].includes(e.ev));
  assertEq(events.map((e) => `${e.ev}(${e.ctx && e.ctx.code})`), [], 'connection state events after connect');
  assertEq(a.c.state, 'connected', 'client state');
  await roundTrip(a.s.rec, a.chan, { text: 'after-refresh', run: RUN });
}, untilPastGrace(st.exp || nowSec()) + 4000);

await check('no refresh: server closes the connection with 3005 after exp + expired_close_delay', async () => {
  const b = need(st.started && st.b, 'started');
  const ctx = await b.rec.wait('connecting', (x) => x.code === 3005,
    { from: b.mark, ms: untilPastGrace(st.exp) + 1500 });
  assertEq(ctx.code, 3005, 'connecting code');
  const closedAt = nowSec();
  assert(closedAt >= st.exp + CLOSE_DELAY - 1, `closed too early: ${closedAt} < exp ${st.exp} + ${CLOSE_DELAY}`);
  assert(b.calls >= 1, 'getToken was not asked');
}, untilPastGrace(st.exp || nowSec()) + 4000);

await check('subscription token refresh: getToken({channel}) called, subscription stays subscribed and usable', async () => {
  const c = need(st.started && st.c, 'started');
  await sleep(untilPastGrace(st.exp));
  assertEq([...new Set(c.calls)], [c.chan], 'getToken calls (channels)');
  const events = c.s.rec.log.slice(c.sMark).filter((e) => ['subscribing', 'unsubscribed', 'subscribed'].includes(e.ev));
  assertEq(events.map((e) => `${e.ev}(${e.ctx && e.ctx.code})`), [], 'subscription state events after subscribe');
  assertEq(c.s.sub.state, 'subscribed', 'subscription state');
  await roundTrip(c.s.rec, c.chan, { text: 'after-sub-refresh', run: RUN });
}, untilPastGrace(st.exp || nowSec()) + 4000);

await check('no subscription refresh: server unsubscribes with 2501 after exp + expired_sub_close_delay, connection stays', async () => {
  const d = need(st.started && st.d, 'started');
  const ctx = await d.s.rec.wait('subscribing', (x) => x.code === 2501,
    { from: d.sMark, ms: untilPastGrace(st.exp) + 1500 });
  assertEq(ctx.code, 2501, 'subscribing code');
  assert(nowSec() >= st.exp + CLOSE_DELAY - 1, `unsubscribed too early: ${nowSec()} < exp ${st.exp} + ${CLOSE_DELAY}`);
  assert(d.calls >= 1, 'getToken was not asked');
  const connEvents = d.rec.log.slice(d.mark).filter((e) => ['connecting', 'disconnected'].includes(e.ev));
  assertEq(connEvents.length, 0, 'connection state events');
}, untilPastGrace(st.exp || nowSec()) + 4000);

await check('refresh with a token of another user: disconnected with 3500', async () => {
  const e = need(st.started && st.e, 'started');
  const ctx = await e.rec.wait('disconnected', undefined, { from: e.mark, ms: untilPastGrace(st.exp) + 1500 });
  assertEq(ctx.code, 3500, 'disconnect code');
}, untilPastGrace(st.exp || nowSec()) + 4000);

finish();
