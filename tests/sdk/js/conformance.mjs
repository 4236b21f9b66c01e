// Conformance checks that drive a Centrifugo v6 compatible server with the official
// centrifuge-js SDK (npm `centrifuge`) on Node, using the `ws` package as WebSocket.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET.
// Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
// Exit code 0 only when every check passed. The server must run with tests/sdk/config.json.

import { createHmac, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';

/** Per-step timeout: a hang fails the step fast instead of stalling the run. */
const STEP_MS = 4000;

const env = {};
const missing = [];
for (const name of ['CF_WS_URL', 'CF_API_URL', 'CF_API_KEY', 'CF_HMAC_SECRET']) {
  env[name] = process.env[name];
  if (!env[name]) missing.push(name);
}
if (missing.length > 0) {
  console.log(`FAIL - environment: missing ${missing.join(', ')}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const RUN = randomBytes(4).toString('hex');
let passed = 0;
let failed = 0;

// ---------------------------------------------------------------- helpers

function b64url(input) {
  return Buffer.from(input).toString('base64url');
}

/** HS256 JWT signed with CF_HMAC_SECRET (no external deps). */
function jwt(claims, secret = env.CF_HMAC_SECRET) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

function connToken(user, extra = {}) {
  return jwt({ sub: user, exp: Math.floor(Date.now() / 1000) + 3600, ...extra });
}

function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms${what ? ` (${what})` : ''}`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

function describe(err) {
  if (err === undefined || err === null) return String(err);
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && 'code' in err) return `error ${err.code}: ${err.message}`;
  return JSON.stringify(err);
}

/** Runs one check with a timeout; never throws, so every check runs. */
async function check(name, fn) {
  try {
    await withTimeout(Promise.resolve().then(fn), STEP_MS, 'step');
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL - ${name}: ${describe(err)}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function assertEq(actual, expected, what) {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Fails a dependent check at once when its prerequisite is missing. */
function need(value, what) {
  if (!value) throw new Error(`prerequisite failed: ${what}`);
  return value;
}

/**
 * Records events of an emitter from the moment it is created, so a check can await an
 * event that may already have fired (no sleeps, no races).
 */
class Recorder {
  constructor(emitter, events) {
    this.log = [];
    this.waiters = [];
    for (const ev of events) emitter.on(ev, (ctx) => this.push(ev, ctx));
  }

  push(ev, ctx) {
    this.log.push({ ev, ctx });
    for (const w of [...this.waiters]) {
      const i = this.waiters.indexOf(w);
      if (i >= 0 && w.ev === ev && w.pred(ctx)) {
        this.waiters.splice(i, 1);
        w.resolve(ctx);
      }
    }
  }

  /**
   * Resolves with the first `ev` event matching `pred` (already seen or future). Rejects
   * after `ms`, or at once when one of the `failOn` events arrives afterwards (e.g. a
   * terminal `disconnected` while waiting for `connected`).
   */
  wait(ev, pred = () => true, { ms = STEP_MS - 500, failOn = [] } = {}) {
    const seen = this.log.find((e) => e.ev === ev && pred(e.ctx));
    if (seen) return Promise.resolve(seen.ctx);
    return new Promise((resolve, reject) => {
      const done = () => {
        for (const x of ws) {
          const i = this.waiters.indexOf(x);
          if (i >= 0) this.waiters.splice(i, 1);
        }
        clearTimeout(timer);
      };
      const ws = [
        { ev, pred, resolve: (ctx) => { done(); resolve(ctx); } },
        ...failOn.map((f) => ({
          ev: f,
          pred: () => true,
          resolve: (ctx) => { done(); reject(new Error(`got '${f}' ${JSON.stringify(ctx)} while waiting for '${ev}'`)); },
        })),
      ];
      this.waiters.push(...ws);
      const timer = setTimeout(() => {
        done();
        const got = this.log.filter((e) => e.ev !== 'publication').map((e) => `${e.ev}${e.ctx && e.ctx.code !== undefined ? `(${e.ctx.code})` : ''}`);
        reject(new Error(`no matching '${ev}' event within ${ms} ms; saw [${got.join(', ')}]`));
      }, ms);
    });
  }
}

const CLIENT_EVENTS = ['connecting', 'connected', 'disconnected', 'error', 'subscribed', 'subscribing', 'unsubscribed', 'publication', 'join', 'leave'];
const SUB_EVENTS = ['subscribing', 'subscribed', 'unsubscribed', 'publication', 'join', 'leave', 'error'];

const clients = [];

function newClient(opts) {
  const c = new Centrifuge(env.CF_WS_URL, {
    websocket: WebSocket,
    timeout: STEP_MS - 1000,
    minReconnectDelay: 200,
    maxReconnectDelay: 1000,
    name: 'conformance-js',
    ...opts,
  });
  // An SDK error event must not crash the process; the recorder keeps it for diagnostics.
  c.on('error', () => {});
  const rec = new Recorder(c, CLIENT_EVENTS);
  clients.push(c);
  return { c, rec };
}

function newSub(client, channel, opts) {
  const sub = client.newSubscription(channel, opts);
  sub.on('error', () => {});
  const rec = new Recorder(sub, SUB_EVENTS);
  return { sub, rec };
}

async function api(method, body, apiKey = env.CF_API_KEY) {
  const resp = await fetch(`${env.CF_API_URL}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_MS - 500),
  });
  const text = await resp.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // keep null: the caller reports the raw text
  }
  if (resp.status !== 200) throw new Error(`API ${method}: HTTP ${resp.status} ${text}`);
  if (!json || json.error) throw new Error(`API ${method}: ${text}`);
  return json.result;
}

// ---------------------------------------------------------------- checks

const chatCh = `chat:js-${RUN}`;
const userA = `js-a-${RUN}`;
const userB = `js-b-${RUN}`;
const state = {};

await check('connect with token: connected ctx has client id and transport websocket', async () => {
  const { c, rec } = newClient({ token: connToken(userA) });
  state.a = { c, rec };
  c.connect();
  const ctx = await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  assert(typeof ctx.client === 'string' && ctx.client.length > 0, `client id missing: ${JSON.stringify(ctx)}`);
  assertEq(ctx.transport, 'websocket', 'transport');
  state.aId = ctx.client;
});

await check(`client A subscribes to ${chatCh}`, async () => {
  need(state.aId, 'client A connected');
  const { sub, rec } = newSub(state.a.c, chatCh);
  sub.subscribe();
  const ctx = await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  assertEq(ctx.channel, chatCh, 'subscribed ctx.channel');
  state.aSub = { sub, rec };
});

await check('publication from HTTP API arrives with identical data', async () => {
  need(state.aSub, 'client A subscribed');
  const data = { text: 'from-api', run: RUN, nested: { n: 1, list: [1, 'two', null, true] } };
  const res = await api('publish', { channel: chatCh, data });
  assert(Number(res.offset) > 0 && typeof res.epoch === 'string' && res.epoch !== '',
    `publish into a history channel must return offset and epoch, got ${JSON.stringify(res)}`);
  const pub = await state.aSub.rec.wait('publication', (p) => p.data && p.data.text === 'from-api');
  assertEq(pub.data, data, 'publication data');
  assertEq(pub.channel, chatCh, 'publication channel');
  assertEq(Number(pub.offset), Number(res.offset), 'publication offset');
  state.apiPub = { data, offset: Number(res.offset), epoch: res.epoch };
});

await check('second client subscribes; first sees join with user and client id', async () => {
  need(state.aSub, 'client A subscribed');
  const { c, rec } = newClient({ token: connToken(userB) });
  state.b = { c, rec };
  c.connect();
  const ctx = await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  state.bId = ctx.client;
  const { sub, rec: srec } = newSub(c, chatCh);
  sub.subscribe();
  await srec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  state.bSub = { sub, rec: srec };
  const join = await state.aSub.rec.wait('join', (j) => j.info && j.info.client === state.bId);
  assertEq(join.info.user, userB, 'join info.user');
  assertEq(join.channel, chatCh, 'join channel');
});

await check('sub.publish from client B arrives at client A with publisher info {user, client}', async () => {
  need(state.bSub && state.aSub, 'both clients subscribed');
  const data = { text: 'from-client-b', run: RUN };
  await state.bSub.sub.publish(data);
  const pub = await state.aSub.rec.wait('publication', (p) => p.data && p.data.text === 'from-client-b');
  assertEq(pub.data, data, 'publication data');
  assert(pub.info, 'publication has no info');
  assertEq(pub.info.user, userB, 'info.user');
  assertEq(pub.info.client, state.bId, 'info.client');
  state.clientPub = { data, offset: Number(pub.offset) };
});

await check('sub.presence() lists both clients keyed by client id with user', async () => {
  need(state.bSub && state.aSub, 'both clients subscribed');
  const res = await state.aSub.sub.presence();
  const keys = Object.keys(res.clients).sort();
  assertEq(keys, [state.aId, state.bId].sort(), 'presence keys');
  assertEq(res.clients[state.aId].user, userA, 'presence[A].user');
  assertEq(res.clients[state.aId].client, state.aId, 'presence[A].client');
  assertEq(res.clients[state.bId].user, userB, 'presence[B].user');
});

await check('sub.presenceStats() counts 2 clients and 2 users', async () => {
  need(state.bSub && state.aSub, 'both clients subscribed');
  const res = await state.aSub.sub.presenceStats();
  assertEq(res, { numClients: 2, numUsers: 2 }, 'presence stats');
});

await check('sub.history({limit}) returns both publications with offsets and epoch', async () => {
  need(state.apiPub && state.clientPub, 'two publications made');
  const res = await state.aSub.sub.history({ limit: 10 });
  assertEq(res.epoch, state.apiPub.epoch, 'history epoch');
  assertEq(res.offset, state.clientPub.offset, 'history top offset');
  assertEq(res.publications.map((p) => p.data), [state.apiPub.data, state.clientPub.data], 'history data');
  assertEq(res.publications.map((p) => Number(p.offset)), [state.apiPub.offset, state.clientPub.offset], 'history offsets');
  assertEq(res.publications[1].info && res.publications[1].info.client, state.bId, 'history publication info.client');
});

await check('sub.history({limit: 1, reverse: true}) returns the newest publication', async () => {
  need(state.clientPub, 'two publications made');
  const res = await state.aSub.sub.history({ limit: 1, reverse: true });
  assertEq(res.publications.length, 1, 'publication count');
  assertEq(res.publications[0].data, state.clientPub.data, 'newest publication');
});

await check('sub.history({since}) returns only publications after the position', async () => {
  need(state.clientPub, 'two publications made');
  const res = await state.aSub.sub.history({ limit: 10, since: { offset: state.apiPub.offset, epoch: state.apiPub.epoch } });
  assertEq(res.publications.map((p) => p.data), [state.clientPub.data], 'publications since first');
  const top = await state.aSub.sub.history({ limit: 0 });
  assertEq(top.publications.length, 0, 'limit 0 publications');
  assertEq([top.offset, top.epoch], [state.clientPub.offset, state.apiPub.epoch], 'limit 0 stream position');
});

await check('second client unsubscribes; first sees leave', async () => {
  need(state.bSub && state.aSub, 'both clients subscribed');
  state.bSub.sub.unsubscribe();
  const leave = await state.aSub.rec.wait('leave', (l) => l.info && l.info.client === state.bId);
  assertEq(leave.info.user, userB, 'leave info.user');
});

await check('invalid token: disconnected with code 3500', async () => {
  const { c, rec } = newClient({ token: connToken(`js-bad-${RUN}`).slice(0, -4) + 'AAAA' });
  c.connect();
  const ctx = await rec.wait('disconnected');
  assertEq(ctx.code, 3500, 'disconnect code');
  assertEq(c.state, 'disconnected', 'client state (no reconnect)');
});

await check('token signed with another secret: disconnected with code 3500', async () => {
  const { c, rec } = newClient({ token: jwt({ sub: `js-bad-${RUN}` }, 'not-the-secret') });
  c.connect();
  const ctx = await rec.wait('disconnected');
  assertEq(ctx.code, 3500, 'disconnect code');
});

await check('no token (anonymous not allowed): disconnected with code 3501', async () => {
  const { c, rec } = newClient({});
  c.connect();
  const ctx = await rec.wait('disconnected');
  assertEq(ctx.code, 3501, 'disconnect code');
  assertEq(c.state, 'disconnected', 'client state (no reconnect)');
});

await check('subscribe to unknown namespace: error 102', async () => {
  need(state.aId, 'client A connected');
  const { sub, rec } = newSub(state.a.c, `nosuchns${RUN}:room`);
  sub.subscribe();
  const ctx = await rec.wait('unsubscribed');
  assertEq(ctx.code, 102, 'unsubscribed code');
  state.a.c.removeSubscription(sub);
});

await check('subscribe without permission (token-only namespace, no token): error 103', async () => {
  need(state.aId, 'client A connected');
  const { sub, rec } = newSub(state.a.c, `secure:js-${RUN}`);
  sub.subscribe();
  const ctx = await rec.wait('unsubscribed');
  assertEq(ctx.code, 103, 'unsubscribed code');
  state.a.c.removeSubscription(sub);
});

await check('subscribe with a subscription token to the token-only namespace', async () => {
  need(state.aId, 'client A connected');
  const channel = `secure:js-tok-${RUN}`;
  const token = jwt({ sub: userA, channel, exp: Math.floor(Date.now() / 1000) + 3600 });
  const { sub, rec } = newSub(state.a.c, channel, { token });
  sub.subscribe();
  const ctx = await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  assertEq(ctx.channel, channel, 'subscribed channel');
});

await check('token channels claim: server-side subscription delivers API publication to client-level handler', async () => {
  const channel = `chat:js-server-${RUN}`;
  const { c, rec } = newClient({ token: connToken(`js-s-${RUN}`, { channels: [channel] }) });
  c.connect();
  await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  const subscribed = await rec.wait('subscribed', (s) => s.channel === channel);
  assertEq(subscribed.channel, channel, 'server-side subscribed channel');
  const data = { text: 'server-side', run: RUN };
  await api('publish', { channel, data });
  const pub = await rec.wait('publication', (p) => p.channel === channel);
  assertEq(pub.data, data, 'publication data');
  assertEq(pub.channel, channel, 'ctx.channel');
});

// ---------------------------------------------------------------- teardown

for (const c of clients) {
  try {
    c.disconnect();
  } catch {
    // already disconnected
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
