// Server-driven features through the official centrifuge-js SDK: server-side
// subscriptions (token `channels` claim, API subscribe/unsubscribe), API disconnect codes
// and reconnect advice, join/leave on request (`joinLeave: true`) and forced
// (`force_push_join_leave`), presence / presence stats (client and API), RPC with the
// built-in `ping` method (rpc.ping.enabled) and `send` (no handler in OSS -> 3508).
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET,
// CF_FORMAT = json (default) | protobuf.
// Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
// Exit code 0 only when every check passed. The server must run with tests/sdk/config.json.

import {
  RUN, api, assert, assertEq, check, connToken, connected, dec, enc, expectError, finish, isEmptyData,
  need, sleep, subscribed,
} from './common.mjs';

const st = {};

/** Publishes through the API and waits for the publication on `rec` (client or sub recorder). */
async function roundTrip(rec, channel, data) {
  const from = rec.mark();
  await api('publish', { channel, data });
  const pub = await rec.wait('publication', (p) => p.channel === channel, { from });
  assertEq(dec(pub.data), data, 'publication data');
  assertEq(pub.channel, channel, 'ctx.channel');
  return pub;
}

// ---------------------------------------------------------------- server-side subscriptions

const tokUser = `js-ss-${RUN}`;
const tokChan = `chat:js-ss-tok-${RUN}`;
const apiChan = `chat:js-ss-api-${RUN}`;

await check('token channels claim: client-level subscribed and publication with ctx.channel', async () => {
  const x = await connected({ token: connToken(tokUser, { channels: [tokChan] }) });
  const sub = await x.rec.wait('subscribed', (s) => s.channel === tokChan);
  assertEq(sub.channel, tokChan, 'subscribed ctx.channel');
  await roundTrip(x.rec, tokChan, { text: 'token-channels', run: RUN });
  assertEq(Object.keys(x.c.subscriptions()).length, 0, 'client-side subscriptions (server-side ones are not listed)');
  st.tok = x;
});

await check('client presence on a server-side subscribed channel is keyed by client id', async () => {
  const x = need(st.tok, 'token channels');
  const res = await x.c.presence(tokChan);
  assertEq(Object.keys(res.clients), [x.id], 'presence keys');
  assertEq(res.clients[x.id].user, tokUser, 'presence user');
  const stats = await x.c.presenceStats(tokChan);
  assertEq(stats, { numClients: 1, numUsers: 1 }, 'presence stats');
});

await check('API subscribe: client-level subscribed event, then publications with ctx.channel', async () => {
  const x = need(st.tok, 'token channels');
  const from = x.rec.mark();
  await api('subscribe', { user: tokUser, channel: apiChan });
  const ctx = await x.rec.wait('subscribed', (s) => s.channel === apiChan, { from });
  assertEq(ctx.channel, apiChan, 'subscribed ctx.channel');
  await roundTrip(x.rec, apiChan, { text: 'api-subscribe', run: RUN });
  st.apiSub = true;
});

await check('API unsubscribe of a server-side subscription: client-level unsubscribed, no more publications', async () => {
  const x = need(st.apiSub && st.tok, 'API subscribe');
  const from = x.rec.mark();
  await api('unsubscribe', { user: tokUser, channel: apiChan });
  const ctx = await x.rec.wait('unsubscribed', (s) => s.channel === apiChan, { from });
  assertEq(ctx.channel, apiChan, 'unsubscribed ctx.channel');
  const pubFrom = x.rec.mark();
  await api('publish', { channel: apiChan, data: { text: 'after-unsubscribe' } });
  await sleep(300);
  const late = x.rec.log.slice(pubFrom).filter((e) => e.ev === 'publication' && e.ctx.channel === apiChan);
  assertEq(late.length, 0, 'publications after unsubscribe');
  // the token channel keeps working
  await roundTrip(x.rec, tokChan, { text: 'still-subscribed', run: RUN });
});

await check('API unsubscribe of a client-side subscription: unsubscribed with code 2000', async () => {
  const user = `js-ss-cs-${RUN}`;
  const chan = `chat:js-ss-cs-${RUN}`;
  const x = await connected({ token: connToken(user) });
  const s = await subscribed(x.c, chan);
  await api('unsubscribe', { user, channel: chan });
  const ctx = await s.rec.wait('unsubscribed');
  assertEq(ctx.code, 2000, 'unsubscribed code');
  assertEq(s.sub.state, 'unsubscribed', 'subscription state');
  assertEq(x.c.state, 'connected', 'client state');
});

// ---------------------------------------------------------------- API disconnect

async function disconnectCase(suffix, body) {
  const user = `js-dc-${suffix}-${RUN}`;
  const x = await connected({ token: connToken(user) });
  const from = x.rec.mark();
  await api('disconnect', { user, ...body });
  return { x, from };
}

await check('API disconnect (default): disconnected with 3503, no reconnect', async () => {
  const { x, from } = await disconnectCase('def', {});
  const ctx = await x.rec.wait('disconnected', undefined, { from });
  assertEq(ctx.code, 3503, 'disconnect code');
  await sleep(500);
  assertEq(x.c.state, 'disconnected', 'client state after 500 ms');
  assertEq(x.rec.all('connecting').length, 1, 'connecting events (only the initial one)');
});

await check('API disconnect {code: 4500}: disconnected with 4500 and the reason, no reconnect', async () => {
  const { x, from } = await disconnectCase('4500', { disconnect: { code: 4500, reason: 'custom terminal' } });
  const ctx = await x.rec.wait('disconnected', undefined, { from });
  assertEq([ctx.code, ctx.reason], [4500, 'custom terminal'], '[code, reason]');
  await sleep(500);
  assertEq(x.c.state, 'disconnected', 'client state after 500 ms');
});

await check('API disconnect {code: 4000}: connecting with 4000, then connected again', async () => {
  const { x, from } = await disconnectCase('4000', { disconnect: { code: 4000, reason: 'custom reconnect' } });
  const ctx = await x.rec.wait('connecting', undefined, { from, failOn: ['disconnected'] });
  assertEq([ctx.code, ctx.reason], [4000, 'custom reconnect'], '[code, reason]');
  const again = await x.rec.wait('connected', undefined, { from, failOn: ['disconnected'] });
  assert(again.client !== x.id, 'expected a new client id');
});

await check('API disconnect with whitelist keeps the listed connection of the user', async () => {
  const user = `js-dc-wl-${RUN}`;
  const keep = await connected({ token: connToken(user) });
  const drop = await connected({ token: connToken(user) });
  const kFrom = keep.rec.mark();
  await api('disconnect', { user, whitelist: [keep.id] });
  const ctx = await drop.rec.wait('disconnected');
  assertEq(ctx.code, 3503, 'dropped connection code');
  await sleep(300);
  assertEq(keep.rec.all('disconnected').length + keep.rec.log.slice(kFrom).filter((e) => e.ev === 'connecting').length, 0,
    'events on the whitelisted connection');
  assertEq(keep.c.state, 'connected', 'whitelisted client state');
});

// ---------------------------------------------------------------- join / leave

const jlChan = `jl:js-${RUN}`;

await check(`join/leave on request in ${jlChan}: only the subscriber with joinLeave: true gets them`, async () => {
  const a = await connected({ token: connToken(`js-jl-a-${RUN}`) });
  const c = await connected({ token: connToken(`js-jl-c-${RUN}`) });
  const aSub = await subscribed(a.c, jlChan, { joinLeave: true });
  const cSub = await subscribed(c.c, jlChan);
  const b = await connected({ token: connToken(`js-jl-b-${RUN}`) });
  const bSub = await subscribed(b.c, jlChan);
  const join = await aSub.rec.wait('join', (j) => j.info.client === b.id);
  assertEq([join.channel, join.info.user], [jlChan, `js-jl-b-${RUN}`], 'join [channel, user]');
  bSub.sub.unsubscribe();
  const leave = await aSub.rec.wait('leave', (l) => l.info.client === b.id);
  assertEq(leave.info.user, `js-jl-b-${RUN}`, 'leave user');
  await sleep(200);
  assertEq(cSub.rec.all('join').length + cSub.rec.all('leave').length, 0, 'join/leave at the subscriber without joinLeave');
  st.jl = { a, c, aSub, cSub };
});

await check('force_push_join_leave (chat): join/leave reach a server-side subscription as client-level events', async () => {
  const x = need(st.tok, 'token channels');
  const user = `js-jl-y-${RUN}`;
  const y = await connected({ token: connToken(user) });
  const from = x.rec.mark();
  const ySub = await subscribed(y.c, tokChan);
  const join = await x.rec.wait('join', (j) => j.info.client === y.id, { from });
  assertEq([join.channel, join.info.user], [tokChan, user], 'join [channel, user]');
  ySub.sub.unsubscribe();
  const leave = await x.rec.wait('leave', (l) => l.info.client === y.id, { from });
  assertEq([leave.channel, leave.info.user], [tokChan, user], 'leave [channel, user]');
});

// ---------------------------------------------------------------- presence

await check('presence with 2 connections of one user + 1 of another: stats {3, 2}, keys match API presence', async () => {
  const jl = need(st.jl, 'join/leave setup');
  const a2 = await connected({ token: connToken(`js-jl-a-${RUN}`) });
  await subscribed(a2.c, jlChan);
  const stats = await jl.aSub.sub.presenceStats();
  assertEq(stats, { numClients: 3, numUsers: 2 }, 'client presence stats');
  const res = await jl.aSub.sub.presence();
  const keys = Object.keys(res.clients).sort();
  assertEq(keys, [jl.a.id, jl.c.id, a2.id].sort(), 'client presence keys');
  assertEq(res.clients[a2.id].user, `js-jl-a-${RUN}`, 'user of the second connection');
  const apiRes = await api('presence', { channel: jlChan });
  assertEq(Object.keys(apiRes.presence).sort(), keys, 'API presence keys');
  assertEq(apiRes.presence[jl.c.id].user, `js-jl-c-${RUN}`, 'API presence user');
  const apiStats = await api('presence_stats', { channel: jlChan });
  assertEq(apiStats, { num_clients: 3, num_users: 2 }, 'API presence_stats');
});

// ---------------------------------------------------------------- rpc / send

await check('rpc("ping") with rpc.ping.enabled: empty result', async () => {
  const x = need(st.tok, 'token channels');
  const res = await x.c.rpc('ping', enc({}));
  assert(isEmptyData(res.data), `expected empty data, got ${JSON.stringify(res)}`);
});

await check('rpc of another method without an RPC proxy: error 104', async () => {
  const x = need(st.tok, 'token channels');
  await expectError(x.c.rpc(`nosuchmethod${RUN}`, enc({ x: 1 })), 104, 'rpc');
  assertEq(x.c.state, 'connected', 'client state');
});

await check('client.send(): disconnected with 3508 (OSS has no message handler)', async () => {
  const x = await connected({ token: connToken(`js-send-${RUN}`) });
  const from = x.rec.mark();
  await x.c.send(enc({ text: 'async message' }));
  const ctx = await x.rec.wait('disconnected', undefined, { from });
  assertEq(ctx.code, 3508, 'disconnect code');
});

finish();
