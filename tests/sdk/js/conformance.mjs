// Conformance checks that drive a Centrifugo v6 compatible server with the official
// centrifuge-js SDK (npm `centrifuge`) on Node, using the `ws` package as WebSocket.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET,
// CF_FORMAT = json (default) | protobuf.
// Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
// Exit code 0 only when every check passed. The server must run with tests/sdk/config.json.

import {
  FORMAT, PROTOBUF, RUN, TRANSPORT, api, assert, assertEq, check, connToken, dec, enc, finish, jwt, need, newClient, newSub,
} from './common.mjs';

// ---------------------------------------------------------------- checks

const chatCh = `chat:js-${RUN}`;
const userA = `js-a-${RUN}`;
const userB = `js-b-${RUN}`;
const state = {};

await check(`connect with token: connected ctx has client id and transport ${TRANSPORT}`, async () => {
  const { c, rec } = newClient({ token: connToken(userA) });
  state.a = { c, rec };
  c.connect();
  const ctx = await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  assert(typeof ctx.client === 'string' && ctx.client.length > 0, `client id missing: ${JSON.stringify(ctx)}`);
  assertEq(ctx.transport, TRANSPORT, 'transport');
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
  const pub = await state.aSub.rec.wait('publication', (p) => dec(p.data)?.text === 'from-api');
  assertEq(dec(pub.data), data, 'publication data');
  // Proves the codec in use: Protobuf hands raw bytes to the app, JSON a parsed value.
  assertEq(pub.data instanceof Uint8Array, PROTOBUF, `publication data is bytes (CF_FORMAT=${FORMAT})`);
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
  await state.bSub.sub.publish(enc(data));
  const pub = await state.aSub.rec.wait('publication', (p) => dec(p.data)?.text === 'from-client-b');
  assertEq(dec(pub.data), data, 'publication data');
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
  assertEq(res.publications.map((p) => dec(p.data)), [state.apiPub.data, state.clientPub.data], 'history data');
  assertEq(res.publications.map((p) => Number(p.offset)), [state.apiPub.offset, state.clientPub.offset], 'history offsets');
  assertEq(res.publications[1].info && res.publications[1].info.client, state.bId, 'history publication info.client');
});

await check('sub.history({limit: 1, reverse: true}) returns the newest publication', async () => {
  need(state.clientPub, 'two publications made');
  const res = await state.aSub.sub.history({ limit: 1, reverse: true });
  assertEq(res.publications.length, 1, 'publication count');
  assertEq(dec(res.publications[0].data), state.clientPub.data, 'newest publication');
});

await check('sub.history({since}) returns only publications after the position', async () => {
  need(state.clientPub, 'two publications made');
  const res = await state.aSub.sub.history({ limit: 10, since: { offset: state.apiPub.offset, epoch: state.apiPub.epoch } });
  assertEq(res.publications.map((p) => dec(p.data)), [state.clientPub.data], 'publications since first');
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
  assertEq(dec(pub.data), data, 'publication data');
  assertEq(pub.channel, channel, 'ctx.channel');
});

await check('tagsFilter: only publications whose tags match arrive, in order', async () => {
  need(state.aId, 'client A connected');
  const channel = `tagged:js-${RUN}`;
  const tagsFilter = {
    op: 'and',
    nodes: [
      { key: 'ticker', cmp: 'in', vals: ['BTC', 'ETH'] },
      { key: 'price', cmp: 'gt', val: '100' },
    ],
  };
  const { sub, rec } = newSub(state.a.c, channel, { tagsFilter });
  sub.subscribe();
  await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  const sent = [
    ['BTC', '150.5', true], ['BTC', '99', false], ['DOGE', '500', false],
    ['ETH', '101', true], ['ETH', 'n/a', false], [null, '200', false], ['BTC', '1000', true],
  ];
  for (const [i, [ticker, price]] of sent.entries()) {
    const tags = { price };
    if (ticker) tags.ticker = ticker;
    await api('publish', { channel, data: { i }, tags });
  }
  // A matching marker last: everything before it has been delivered or filtered by then.
  await api('publish', { channel, data: { i: 'end' }, tags: { ticker: 'ETH', price: '101' } });
  await rec.wait('publication', (p) => dec(p.data).i === 'end');
  const got = rec.all('publication').map((p) => dec(p.data).i);
  const want = sent.map((s, i) => [i, s[2]]).filter(([, ok]) => ok).map(([i]) => i);
  assertEq(got, [...want, 'end'], 'delivered publications');
  for (const p of rec.all('publication')) {
    assert(['BTC', 'ETH'].includes(p.tags?.ticker), `tags of a delivered publication: ${JSON.stringify(p.tags)}`);
  }
  state.a.c.removeSubscription(sub);
});

for (const [name, channel, tagsFilter] of [
  ['tagsFilter where the namespace does not allow it: error 107', `chat:js-tf-${RUN}`,
    { key: 'ticker', cmp: 'eq', val: 'BTC' }],
  ['malformed tagsFilter (in without vals): error 107', `tagged:js-bad-${RUN}`,
    { key: 'ticker', cmp: 'in', val: 'BTC' }],
]) {
  await check(name, async () => {
    need(state.aId, 'client A connected');
    const { sub, rec } = newSub(state.a.c, channel, { tagsFilter });
    sub.subscribe();
    const ctx = await rec.wait('unsubscribed');
    assertEq(ctx.code, 107, 'unsubscribed code');
    state.a.c.removeSubscription(sub);
  });
}

await check('delta: fossil: similar publications decode to the originals, whole and patched', async () => {
  need(state.aId, 'client A connected');
  const channel = `delta:js-${RUN}`;
  const { sub, rec } = newSub(state.a.c, channel, { delta: 'fossil', recoverable: true });
  sub.subscribe();
  await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  const base = { title: 'a fairly long title that stays the same', items: [] };
  for (let i = 0; i < 40; i++) base.items.push({ id: i, name: `item number ${i}`, price: i * 10 });
  const sent = [];
  for (let n = 0; n < 6; n++) {
    const data = JSON.parse(JSON.stringify(base));
    data.items[n].price += 1;
    data.version = n;
    if (n === 3) data.extra = 'é unicode ✓ text';
    sent.push(data);
    await api('publish', { channel, data });
  }
  await rec.wait('publication', (p) => p.data?.version === 5 || dec(p.data)?.version === 5);
  const got = rec.all('publication').map((p) => dec(p.data));
  assertEq(got, sent, 'decoded publications');
  state.a.c.removeSubscription(sub);
});

// ---------------------------------------------------------------- teardown

finish();
