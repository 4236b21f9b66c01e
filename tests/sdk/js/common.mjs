// Shared helpers of the centrifuge-js conformance scripts: env contract, format switch,
// HS256 tokens, check runner with per-step timeout and summary, event recorder, SDK
// client/subscription factories, raw HTTP API call.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET and optional
// CF_FORMAT = json (default) | protobuf. With protobuf the SDK entry
// `centrifuge/build/protobuf` is used (WebSocket subprotocol `centrifuge-protobuf`);
// publication/RPC data are then raw bytes, so scripts go through enc()/dec().
// Optional CF_TRANSPORT = websocket (default) | http_stream | sse | sockjs-websocket |
// sockjs-xhr-streaming | sockjs-xhr-polling forces that transport (the emulated ones send
// commands to /emulation; SSE uses the npm `eventsource` EventSource; SockJS uses npm
// `sockjs-client` limited to the named SockJS transport).

import { createHmac, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import WebSocket from 'ws';

/** Per-step timeout: a hang fails the step fast instead of stalling the run. */
export const STEP_MS = 4000;

export const env = {};
const missing = [];
for (const name of ['CF_WS_URL', 'CF_API_URL', 'CF_API_KEY', 'CF_HMAC_SECRET']) {
  env[name] = process.env[name];
  if (!env[name]) missing.push(name);
}
export const FORMAT = (process.env.CF_FORMAT || 'json').toLowerCase();
const problems = missing.length > 0 ? [`missing ${missing.join(', ')}`] : [];
if (FORMAT !== 'json' && FORMAT !== 'protobuf') {
  problems.push(`CF_FORMAT must be json or protobuf, got '${process.env.CF_FORMAT}'`);
}
if (problems.length > 0) {
  console.log(`FAIL - environment: ${problems.join('; ')}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
export const PROTOBUF = FORMAT === 'protobuf';
const FORCED = (process.env.CF_TRANSPORT || 'websocket').toLowerCase();
const SOCKJS = ['sockjs-websocket', 'sockjs-xhr-streaming', 'sockjs-xhr-polling', 'sockjs-eventsource'];
if (!['websocket', 'http_stream', 'sse', ...SOCKJS].includes(FORCED)) {
  console.log(`FAIL - environment: CF_TRANSPORT must be websocket, http_stream, sse or one of ${SOCKJS}, got '${FORCED}'`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
/** The SDK's name for the transport in use (`sockjs-<its SockJS transport>` for SockJS). */
export const TRANSPORT = FORCED;
const { EventSource } = await import('eventsource');
const SockJS = (await import('sockjs-client')).default;

// The package exports `.` (JSON only) and `./build/protobuf` (JSON + Protobuf codec);
// both have an ESM entry (`import` condition -> build/…/index.mjs).
const { Centrifuge } = PROTOBUF ? await import('centrifuge/build/protobuf') : await import('centrifuge');
export { Centrifuge, WebSocket };

export const RUN = randomBytes(4).toString('hex');
let passed = 0;
let failed = 0;

// ---------------------------------------------------------------- data encoding

const te = new TextEncoder();
const td = new TextDecoder();

/** Value to hand to the SDK as publication/RPC/send data: JSON value or JSON bytes. */
export function enc(value) {
  return PROTOBUF ? te.encode(JSON.stringify(value)) : value;
}

/** Data received from the SDK back to a JSON value (protobuf: bytes holding JSON). */
export function dec(data) {
  if (!PROTOBUF) return data;
  if (data === undefined || data === null) return data;
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (bytes.length === 0) return undefined;
    return JSON.parse(td.decode(bytes));
  }
  return data;
}

/** True when the data is "empty" in the current format (absent, {} / null / empty bytes). */
export function isEmptyData(data) {
  if (data === undefined || data === null) return true;
  if (data instanceof Uint8Array) return data.length === 0;
  if (typeof data === 'object') return Object.keys(data).length === 0;
  return false;
}

// ---------------------------------------------------------------- tokens

function b64url(input) {
  return Buffer.from(input).toString('base64url');
}

/** HS256 JWT signed with CF_HMAC_SECRET (no external deps). */
export function jwt(claims, secret = env.CF_HMAC_SECRET) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export const nowSec = () => Math.floor(Date.now() / 1000);

/** Connection token valid for an hour unless `extra` overrides `exp`. */
export function connToken(user, extra = {}) {
  return jwt({ sub: user, exp: nowSec() + 3600, ...extra });
}

/** Subscription token for `channel` valid for an hour unless `extra` overrides `exp`. */
export function subToken(user, channel, extra = {}) {
  return jwt({ sub: user, channel, exp: nowSec() + 3600, ...extra });
}

// ---------------------------------------------------------------- checks

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms${what ? ` (${what})` : ''}`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

export function describe(err) {
  if (err === undefined || err === null) return String(err);
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && 'code' in err) return `error ${err.code}: ${err.message}`;
  return JSON.stringify(err);
}

/** Runs one check with a timeout (default STEP_MS); never throws, so every check runs. */
export async function check(name, fn, ms = STEP_MS) {
  try {
    await withTimeout(Promise.resolve().then(fn), ms, 'step');
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL - ${name}: ${describe(err)}`);
  }
}

export function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

export function assertEq(actual, expected, what) {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Fails a dependent check at once when its prerequisite is missing. */
export function need(value, what) {
  if (!value) throw new Error(`prerequisite failed: ${what}`);
  return value;
}

/** Awaits `promise` expecting a rejection with the SDK error `code`. */
export async function expectError(promise, code, what) {
  let res;
  try {
    res = await promise;
  } catch (err) {
    assertEq(err && err.code, code, `${what} error code (${describe(err)})`);
    return err;
  }
  throw new Error(`${what}: expected error ${code}, got result ${JSON.stringify(res)}`);
}

/**
 * Records events of an emitter from the moment it is created, so a check can await an
 * event that may already have fired (no sleeps, no races).
 */
export class Recorder {
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

  /** Every recorded `ev` context matching `pred`, in order. */
  all(ev, pred = () => true) {
    return this.log.filter((e) => e.ev === ev && pred(e.ctx)).map((e) => e.ctx);
  }

  /** Current log length: pass as `from` to wait() to ignore earlier events. */
  mark() {
    return this.log.length;
  }

  /**
   * Resolves with the first `ev` event matching `pred` (already seen since `from`, or
   * future). Rejects after `ms`, or at once when one of the `failOn` events arrives
   * afterwards (e.g. a terminal `disconnected` while waiting for `connected`).
   */
  wait(ev, pred = () => true, { ms = STEP_MS - 500, failOn = [], from = 0 } = {}) {
    const seen = this.log.slice(from).find((e) => e.ev === ev && pred(e.ctx));
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

export const CLIENT_EVENTS = ['connecting', 'connected', 'disconnected', 'error', 'subscribed', 'subscribing', 'unsubscribed', 'publication', 'join', 'leave'];
export const SUB_EVENTS = ['subscribing', 'subscribed', 'unsubscribed', 'publication', 'join', 'leave', 'error'];

const clients = [];

/**
 * WebSocket class handed to the SDK that keeps every socket it opens (so a script can
 * drop the current one: `terminate()` closes the TCP connection without a close frame)
 * and, while `blocked`, points new sockets at a closed port so reconnects fail until
 * the script lets them through.
 */
export function gatedWebSocket() {
  const gate = { blocked: false, sockets: [], refused: 0 };
  gate.Socket = class GatedWebSocket extends WebSocket {
    constructor(url, protocols, options) {
      if (gate.blocked) gate.refused++;
      super(gate.blocked ? 'ws://127.0.0.1:9/connection/websocket' : url, protocols, options);
      gate.sockets.push(this);
    }
  };
  gate.current = () => gate.sockets[gate.sockets.length - 1];
  return gate;
}

/**
 * A gate for whichever transport CF_TRANSPORT forces: `options` go to newClient; `current()`
 * is the latest connection, whose `terminate()` drops it without a close frame or disconnect
 * push; while `blocked`, new connections fail (counted in `refused`).
 */
export function gatedTransport() {
  if (TRANSPORT === 'websocket') {
    const gate = gatedWebSocket();
    gate.options = { websocket: gate.Socket };
    return gate;
  }
  const gate = { blocked: false, conns: [], refused: 0 };
  const refusedUrl = (url) => {
    const u = new URL(url);
    u.host = '127.0.0.1:9';
    return u.toString();
  };
  gate.current = () => gate.conns[gate.conns.length - 1];
  if (TRANSPORT === 'http_stream') {
    gate.options = {
      fetch: (url, opts = {}) => {
        if (!String(url).includes('/connection/http_stream')) return fetch(url, opts);
        if (gate.blocked) {
          gate.refused++;
          return fetch(refusedUrl(url), opts);
        }
        const ac = new AbortController();
        opts.signal?.addEventListener('abort', () => ac.abort());
        gate.conns.push({ terminate: () => ac.abort() });
        return fetch(url, { ...opts, signal: ac.signal });
      },
    };
  } else {
    gate.options = {
      eventsource: class GatedEventSource extends EventSource {
        constructor(url, init) {
          if (gate.blocked) gate.refused++;
          super(gate.blocked ? refusedUrl(url) : url, init);
          const es = this;
          gate.conns.push({
            terminate: () => {
              es.close();
              es.onerror?.(new Event('error'));
            },
          });
        }
      },
    };
  }
  return gate;
}

/** The endpoint (or forced transport list) and options for CF_TRANSPORT. */
function transportSetup() {
  if (TRANSPORT === 'websocket') return { endpoint: env.CF_WS_URL, options: {} };
  const base = new URL(env.CF_WS_URL);
  base.protocol = base.protocol === 'wss:' ? 'https:' : 'http:';
  const at = (path) => new URL(path, base).toString();
  if (TRANSPORT.startsWith('sockjs')) {
    return {
      endpoint: [{ transport: 'sockjs', endpoint: at('/connection/sockjs') }],
      options: { sockjs: SockJS, sockjsOptions: { transports: [FORCED.slice('sockjs-'.length)] } },
    };
  }
  return {
    endpoint: [{ transport: TRANSPORT, endpoint: at(`/connection/${TRANSPORT}`) }],
    options: { emulationEndpoint: at('/emulation'), eventsource: EventSource },
  };
}

export function newClient(opts = {}) {
  const { endpoint, options } = transportSetup();
  const c = new Centrifuge(endpoint, {
    ...options,
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

export function newSub(client, channel, opts) {
  const sub = client.newSubscription(channel, opts);
  sub.on('error', () => {});
  const rec = new Recorder(sub, SUB_EVENTS);
  return { sub, rec };
}

/** Connects a new client and waits for `connected`; returns {c, rec, id}. */
export async function connected(opts) {
  const { c, rec } = newClient(opts);
  c.connect();
  const ctx = await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  return { c, rec, id: ctx.client };
}

/** Subscribes `client` to `channel` and waits for `subscribed`; returns {sub, rec, ctx}. */
export async function subscribed(client, channel, opts) {
  const { sub, rec } = newSub(client, channel, opts);
  sub.subscribe();
  const ctx = await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  return { sub, rec, ctx };
}

/** Raw HTTP server API call (JSON); returns `result`, throws on transport or API error. */
export async function api(method, body, apiKey = env.CF_API_KEY) {
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
  return json.result || {};
}

/** Disconnects every client made here, prints the summary and exits (0 only if all passed). */
export function finish() {
  for (const c of clients) {
    try {
      c.disconnect();
    } catch {
      // already disconnected
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
