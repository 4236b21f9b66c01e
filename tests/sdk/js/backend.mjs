// A small application backend for the proxy tests: answers every proxy event of our server
// over HTTP (JSON POST, one path per event) and over GRPC (service CentrifugoProxy loaded from
// the server's own src/proxy/proxy.proto with @grpc/grpc-js), with the same logic for both.
//
// Prints one line `{"http": PORT, "grpc": PORT}` when both listen (127.0.0.1, free ports; with
// CF_TLS_CERT/CF_TLS_KEY also "https" and "grpcs", the same over TLS), then
// serves until killed. Over GRPC it also serves subscribe streams (see subscribeUnidirectional). GET /requests returns every request it got (event, body, headers) so a
// test can check what the server sent; DELETE /requests clears them.
//
// Behaviour is chosen by the request (so tests pick it per call):
//   connect  data {"deny":1} -> error 1001; {"bye":1} -> disconnect 4501; {"expire_in":N} ->
//            expire_at now+N; {"slow":1} -> answers after 3 s; {"garbage":1} -> non-JSON body
//            (GRPC: an INTERNAL status); user = the forwarded `x-user` header, or "proxied".
//            Result: info {"name": user}, data {"welcome": user, "headers": forwarded}, meta
//            {"plan": "gold"}, channels from data.channels, subs from data.subs.
//   refresh  expire_at now+2, info {"refreshed": n}; for user "expire-me" the second refresh
//            answers {"expired": true}.
//   subscribe channel "denied:*" -> error 1002; "expiring:*" -> expire_at now+2;
//            result info {"sub": channel}, data {"welcome": channel, "meta": meta}.
//   publish  data {"reject":1} -> error 1003; else data {...data, "checked": true}; skip history
//            with {"no_history":1}.
//   sub_refresh expire_at now+2 (count in info {"sub_refreshed": n}).
//   rpc      "echo" -> the request (user, meta, data, encoding, transport, protocol) and the
//            forwarded headers; "fail" -> error 1004 (temporary); "bye" -> disconnect 4502;
//            "slow" -> after 3 s; "garbage" -> non-JSON (GRPC: INTERNAL status); "binary" ->
//            b64data "AQID".

import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const protoPath = path.join(here, '..', '..', '..', 'src', 'proxy', 'proxy.proto');

const requests = [];
/** Refreshes per client id and per (client, channel). */
const counters = new Map();
const count = (key) => {
  const n = (counters.get(key) || 0) + 1;
  counters.set(key, n);
  return n;
};
const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FORWARDED = ['x-user', 'x-custom', 'authorization', 'x-static', 'x-emulated', 'cookie'];

/** Payload of a request: the raw JSON `data` or the decoded `b64data` (GRPC: bytes). */
function payload(body) {
  if (body.b64data) {
    try {
      return JSON.parse(Buffer.from(body.b64data, 'base64').toString());
    } catch {
      return { b64: body.b64data };
    }
  }
  if (Buffer.isBuffer(body.data)) {
    if (body.data.length === 0) return null;
    try {
      return JSON.parse(body.data.toString());
    } catch {
      return { bytes: body.data.toString('base64') };
    }
  }
  return body.data ?? null;
}

function meta(body) {
  if (Buffer.isBuffer(body.meta)) return body.meta.length ? JSON.parse(body.meta.toString()) : null;
  return body.meta ?? null;
}

/** The event's answer, or a special {slow|garbage} marker. JSON values are plain objects. */
async function answer(event, body, headers) {
  const forwarded = {};
  for (const k of FORWARDED) if (headers[k] !== undefined) forwarded[k] = headers[k];
  requests.push({ event, body: plain(body), headers: forwarded });
  const data = payload(body) || {};
  switch (event) {
    case 'connect': {
      if (data.deny) return { error: { code: 1001, message: 'denied by backend' } };
      if (data.bye) return { disconnect: { code: 4501, reason: 'backend says bye' } };
      if (data.slow) return { slow: true };
      if (data.garbage) return { garbage: true };
      const user = forwarded['x-user'] || data.user || 'proxied';
      const result = {
        user,
        info: { name: user },
        data: { welcome: user, headers: forwarded, channels: body.channels || [] },
        meta: { plan: 'gold' },
      };
      if (data.expire_in) result.expire_at = now() + data.expire_in;
      if (data.channels) result.channels = data.channels;
      if (data.subs) result.subs = data.subs;
      return { result };
    }
    case 'refresh': {
      const n = count(`refresh ${body.client}`);
      if (body.user === 'expire-me' && n > 1) return { result: { expired: true } };
      return { result: { expire_at: now() + 2, info: { refreshed: n } } };
    }
    case 'subscribe': {
      if (body.channel.startsWith('denied:')) return { error: { code: 1002, message: 'not your channel' } };
      const result = { info: { sub: body.channel }, data: { welcome: body.channel, meta: meta(body) } };
      if (body.channel.startsWith('expiring:')) result.expire_at = now() + 2;
      return { result };
    }
    case 'publish': {
      if (data.reject) return { error: { code: 1003, message: 'publication rejected' } };
      return { result: { data: { ...data, checked: true }, skip_history: !!data.no_history } };
    }
    case 'sub_refresh': {
      const n = count(`sub_refresh ${body.client} ${body.channel}`);
      return { result: { expire_at: now() + 2, info: { sub_refreshed: n } } };
    }
    case 'rpc': {
      // The method without its RPC namespace (`bin:echo` is `echo`).
      switch (body.method.split(':').pop()) {
        case 'echo':
          return {
            result: {
              data: {
                user: body.user,
                meta: meta(body),
                data,
                encoding: body.encoding,
                transport: body.transport,
                protocol: body.protocol,
                client: body.client,
                headers: forwarded,
              },
            },
          };
        case 'fail':
          return { error: { code: 1004, message: 'backend failed', temporary: true } };
        case 'bye':
          return { disconnect: { code: 4502, reason: 'rpc says bye' } };
        case 'slow':
          return { slow: true };
        case 'garbage':
          return { garbage: true };
        case 'binary':
          return { result: { b64data: Buffer.from([1, 2, 3]).toString('base64') } };
        default:
          return { error: { code: 1404, message: `no method ${body.method}` } };
      }
    }
    default:
      return { error: { code: 1400, message: `unknown event ${event}` } };
  }
}

/** A GRPC request object as JSON (bytes as text when they are JSON). */
function plain(body) {
  const out = {};
  for (const [k, v] of Object.entries(body)) {
    if (Buffer.isBuffer(v)) {
      if (v.length === 0) continue;
      try {
        out[k] = JSON.parse(v.toString());
      } catch {
        out[k] = { bytes: v.toString('base64') };
      }
    } else {
      out[k] = v;
    }
  }
  return out;
}

// ---------------------------------------------------------------- HTTP

async function serveHttp(req, res) {
  if (req.url === '/requests') {
    if (req.method === 'DELETE') requests.length = 0;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(requests));
    return;
  }
  if (req.url.startsWith('/status/')) {
    res.writeHead(Number(req.url.slice('/status/'.length)));
    res.end('no');
    return;
  }
  const chunks = [];
  for await (const c of req) chunks.push(c);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString());
  } catch {
    res.writeHead(400);
    res.end('bad json');
    return;
  }
  if (req.headers['content-type'] !== 'application/json') {
    res.writeHead(415);
    res.end('want application/json');
    return;
  }
  const event = req.url.replace(/^\//, '');
  const a = await answer(event, body, req.headers);
  if (a.slow) await sleep(3000);
  if (a.garbage) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('this is not json {');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(a.slow ? { result: {} } : a));
}

const httpServer = http.createServer(serveHttp);

// ---------------------------------------------------------------- GRPC

const def = protoLoader.loadSync(protoPath, { keepCase: true, longs: Number, defaults: true });
const pkg = grpc.loadPackageDefinition(def).centrifugal.centrifugo.proxy;

/** JSON values go back as bytes fields (raw JSON), as the proto says. */
function toGrpc(event, a) {
  const enc = (v) => (v === undefined ? undefined : Buffer.from(JSON.stringify(v)));
  if (!a.result) return a;
  const r = { ...a.result };
  for (const k of ['info', 'data', 'meta']) if (k in r) r[k] = enc(r[k]);
  if (r.subs) {
    const subs = {};
    for (const [ch, o] of Object.entries(r.subs)) {
      subs[ch] = { ...o, info: enc(o.info), data: enc(o.data) };
    }
    r.subs = subs;
  }
  return { ...a, result: r };
}

function grpcHandler(event) {
  return async (call, callback) => {
    const headers = {};
    for (const [k, v] of Object.entries(call.metadata.getMap())) headers[k] = String(v);
    const a = await answer(event, call.request, headers);
    if (a.slow) await sleep(3000);
    if (a.garbage) {
      callback({ code: grpc.status.INTERNAL, details: 'backend broke' });
      return;
    }
    callback(null, toGrpc(event, a.slow ? { result: {} } : a));
  };
}

/**
 * SubscribeUnidirectional: a subscribe response, then publications {n: 0..2} (tags {n}) every
 * 100 ms; then the stream ends cleanly for a channel containing "end", breaks for "break", and
 * otherwise stays open until the server cancels it (recorded as event "stream_cancelled").
 * Channel "stream:denied" gets error 1005.
 */
function subscribeUnidirectional(call) {
  const req = call.request;
  requests.push({ event: 'subscribe_stream', body: plain(req), headers: {} });
  call.on('cancelled', () => requests.push({ event: 'stream_cancelled', body: { channel: req.channel }, headers: {} }));
  if (req.channel === 'stream:denied') {
    call.write({ subscribe_response: { error: { code: 1005, message: 'stream denied' } } });
    call.end();
    return;
  }
  call.write({ subscribe_response: { result: { data: Buffer.from(JSON.stringify({ stream: req.channel })) } } });
  let n = 0;
  const timer = setInterval(() => {
    if (n < 3) {
      call.write({ publication: { data: Buffer.from(JSON.stringify({ n })), tags: { n: String(n) } } });
      n += 1;
      return;
    }
    clearInterval(timer);
    if (req.channel.includes('end')) call.end();
    else if (req.channel.includes('break')) call.emit('error', { code: grpc.status.INTERNAL, details: 'backend stream broke' });
  }, 100);
  call.on('cancelled', () => clearInterval(timer));
}

/** SubscribeBidirectional: answers the subscribe request, then echoes each client publication. */
function subscribeBidirectional(call) {
  let channel = '';
  call.on('data', (msg) => {
    if (msg.subscribe_request) {
      channel = msg.subscribe_request.channel;
      requests.push({ event: 'subscribe_stream', body: plain(msg.subscribe_request), headers: {} });
      call.write({ subscribe_response: { result: { data: Buffer.from(JSON.stringify({ bidi: channel })) } } });
      return;
    }
    if (msg.publication) {
      const got = JSON.parse(msg.publication.data.toString());
      call.write({ publication: { data: Buffer.from(JSON.stringify({ echo: got })) } });
    }
  });
  call.on('end', () => call.end());
  call.on('cancelled', () => requests.push({ event: 'stream_cancelled', body: { channel }, headers: {} }));
}

const handlers = {
  Connect: grpcHandler('connect'),
  Refresh: grpcHandler('refresh'),
  Subscribe: grpcHandler('subscribe'),
  Publish: grpcHandler('publish'),
  RPC: grpcHandler('rpc'),
  SubRefresh: grpcHandler('sub_refresh'),
  SubscribeUnidirectional: subscribeUnidirectional,
  SubscribeBidirectional: subscribeBidirectional,
};
const grpcServer = new grpc.Server();
grpcServer.addService(pkg.CentrifugoProxy.service, handlers);

const grpcPort = await new Promise((resolve, reject) => {
  grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
    err ? reject(err) : resolve(port),
  );
});
await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const ports = { http: httpServer.address().port, grpc: grpcPort };

// With CF_TLS_CERT and CF_TLS_KEY (PEM files): the same over HTTPS and GRPC with TLS.
if (process.env.CF_TLS_CERT && process.env.CF_TLS_KEY) {
  const cert = fs.readFileSync(process.env.CF_TLS_CERT);
  const key = fs.readFileSync(process.env.CF_TLS_KEY);
  const httpsServer = https.createServer({ cert, key }, serveHttp);
  await new Promise((resolve) => httpsServer.listen(0, '127.0.0.1', resolve));
  ports.https = httpsServer.address().port;
  const tlsGrpc = new grpc.Server();
  tlsGrpc.addService(pkg.CentrifugoProxy.service, handlers);
  ports.grpcs = await new Promise((resolve, reject) => {
    tlsGrpc.bindAsync(
      '127.0.0.1:0',
      grpc.ServerCredentials.createSsl(null, [{ cert_chain: cert, private_key: key }]),
      (err, port) => (err ? reject(err) : resolve(port)),
    );
  });
}
console.log(JSON.stringify(ports));
