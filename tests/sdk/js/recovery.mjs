// Recovery and history paging through the official centrifuge-js SDK.
//
// A client subscribed to a `force_recovery` history channel (namespace `rec`) loses its
// connection for real: the TCP socket is destroyed without a close frame and reconnects
// are held back (the socket factory points at a closed port) while publications are made
// through the HTTP API. Once let through, the SDK reconnects, resubscribes with
// recover/offset/epoch, and must report wasRecovering + recovered and deliver exactly the
// missed publications, in order. Also: explicit disconnect()/connect(), recovered:false
// once missed publications were removed (history_remove), server-side (token `channels`)
// subscription recovery, history paging forward and reverse, `since` with a good and a
// wrong epoch.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET,
// CF_FORMAT = json (default) | protobuf.
// Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
// Exit code 0 only when every check passed. The server must run with tests/sdk/config.json.

import {
  RUN, api, assert, assertEq, check, connToken, dec, finish, gatedTransport, need, newClient,
  newSub, sleep, subscribed,
} from './common.mjs';

const user = `js-rec-${RUN}`;
const st = {};

/** Publishes `items` (data objects) through the API one by one; returns their offsets. */
async function publishAll(channel, items) {
  const offsets = [];
  for (const data of items) {
    const res = await api('publish', { channel, data });
    offsets.push(Number(res.offset));
  }
  return offsets;
}

/** Publications recorded on `rec` after `from`, decoded to {offset, data}. */
function pubsSince(rec, from, pred = () => true) {
  return rec.log.slice(from).filter((e) => e.ev === 'publication' && pred(e.ctx))
    .map((e) => ({ offset: Number(e.ctx.offset), data: dec(e.ctx.data) }));
}

/** Waits until `n` publications were recorded after `from` (then a short quiet period). */
async function collect(rec, from, n, pred = () => true, ms = 2500) {
  const deadline = Date.now() + ms;
  while (pubsSince(rec, from, pred).length < n && Date.now() < deadline) await sleep(20);
  await sleep(200); // duplicates, if any, would arrive right behind
  return pubsSince(rec, from, pred);
}

// ---------------------------------------------------------------- drop + recover

const chan = `rec:js-${RUN}`;

await check(`client subscribes to ${chan}: recoverable, not recovering, stream position`, async () => {
  const gate = gatedTransport();
  const { c, rec } = newClient({ token: connToken(user), ...gate.options });
  c.connect();
  await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  const { sub, rec: srec, ctx } = await subscribed(c, chan);
  assertEq([ctx.recoverable, ctx.wasRecovering, ctx.recovered], [true, false, false],
    '[recoverable, wasRecovering, recovered]');
  assert(ctx.streamPosition && typeof ctx.streamPosition.epoch === 'string', `no stream position: ${JSON.stringify(ctx)}`);
  st.a = { gate, c, rec, sub, srec, epoch: ctx.streamPosition.epoch };
});

await check('live publications arrive with offsets 1, 2', async () => {
  const a = need(st.a, 'subscribed');
  const from = a.srec.mark();
  const offsets = await publishAll(chan, [{ n: 1 }, { n: 2 }]);
  assertEq(offsets, [1, 2], 'API publish offsets');
  const got = await collect(a.srec, from, 2);
  assertEq(got, [{ offset: 1, data: { n: 1 } }, { offset: 2, data: { n: 2 } }], 'live publications');
  st.live = true;
});

await check('socket dropped (no close frame): client goes connecting, subscription subscribing', async () => {
  const a = need(st.live && st.a, 'live publications');
  a.gate.blocked = true;
  a.cMark = a.rec.mark();
  a.sMark = a.srec.mark();
  a.gate.current().terminate();
  await a.rec.wait('connecting', undefined, { from: a.cMark, failOn: ['disconnected'] });
  await a.srec.wait('subscribing', undefined, { from: a.sMark });
  st.dropped = true;
});

await check('publications made while away: offsets 3, 4, 5', async () => {
  need(st.dropped, 'dropped');
  // The SDK's reconnect attempts keep failing meanwhile (gate closed): wait for the first.
  const a = st.a;
  const deadline = Date.now() + 2000;
  while (a.gate.refused < 1 && Date.now() < deadline) await sleep(20);
  assert(a.gate.refused >= 1, 'the SDK made no reconnect attempt within 2 s');
  const offsets = await publishAll(chan, [{ n: 3 }, { n: 4 }, { n: 5 }]);
  assertEq(offsets, [3, 4, 5], 'API publish offsets');
  st.missed = true;
});

await check('reconnect: subscribed with wasRecovering and recovered, missed publications once and in order', async () => {
  const a = need(st.missed && st.a, 'missed publications');
  a.gate.blocked = false;
  await a.rec.wait('connected', undefined, { from: a.cMark, failOn: ['disconnected'] });
  const ctx = await a.srec.wait('subscribed', undefined, { from: a.sMark, failOn: ['unsubscribed'] });
  assertEq([ctx.wasRecovering, ctx.recovered, ctx.recoverable], [true, true, true],
    '[wasRecovering, recovered, recoverable]');
  assertEq(ctx.hasRecoveredPublications, true, 'hasRecoveredPublications');
  assertEq(ctx.streamPosition && ctx.streamPosition.epoch, a.epoch, 'epoch unchanged');
  const got = await collect(a.srec, a.sMark, 3);
  assertEq(got, [3, 4, 5].map((n) => ({ offset: n, data: { n } })), 'publications after the drop');
  st.recovered = true;
});

await check('after recovery a live publication arrives once (offset 6)', async () => {
  const a = need(st.recovered && st.a, 'recovered');
  const from = a.srec.mark();
  await publishAll(chan, [{ n: 6 }]);
  const got = await collect(a.srec, from, 1);
  assertEq(got, [{ offset: 6, data: { n: 6 } }], 'live publication');
});

await check('client.disconnect() + publications + connect(): recovered, missed publications in order', async () => {
  const a = need(st.recovered && st.a, 'recovered');
  const sMark = a.srec.mark();
  const cMark = a.rec.mark();
  a.c.disconnect();
  await a.rec.wait('disconnected', undefined, { from: cMark });
  assertEq(a.sub.state, 'subscribing', 'subscription state while disconnected');
  await publishAll(chan, [{ n: 7 }, { n: 8 }]);
  a.c.connect();
  const ctx = await a.srec.wait('subscribed', undefined, { from: sMark, failOn: ['unsubscribed'] });
  assertEq([ctx.wasRecovering, ctx.recovered], [true, true], '[wasRecovering, recovered]');
  const got = await collect(a.srec, sMark, 2);
  assertEq(got, [7, 8].map((n) => ({ offset: n, data: { n } })), 'publications after reconnect');
});

await check('missed publications removed by history_remove: resubscribe reports wasRecovering, recovered false', async () => {
  // The reference keeps epoch and offset on history_remove (memory engine: only the
  // publications go), so the position the client holds stays valid; what breaks recovery
  // is that publications it missed are gone. (An epoch change is covered by the
  // wrong-epoch checks below.)
  const a = need(st.recovered && st.a, 'recovered');
  const sMark = a.srec.mark();
  const cMark = a.rec.mark();
  a.c.disconnect();
  await a.rec.wait('disconnected', undefined, { from: cMark });
  const missed = await publishAll(chan, [{ n: 9 }, { n: 10 }]);
  await api('history_remove', { channel: chan });
  const after = await publishAll(chan, [{ n: 'after-remove' }]);
  assertEq(after, [missed[1] + 1], 'offset after history_remove continues');
  const top = await api('history', { channel: chan, limit: 0 });
  assertEq(top.epoch, a.epoch, 'epoch after history_remove');
  a.c.connect();
  const ctx = await a.srec.wait('subscribed', undefined, { from: sMark, failOn: ['unsubscribed'] });
  assertEq([ctx.wasRecovering, ctx.recovered], [true, false], '[wasRecovering, recovered]');
  assertEq(ctx.streamPosition && Number(ctx.streamPosition.offset), after[0], 'stream position adopted');
  const got = await collect(a.srec, sMark, 0, () => true, 300);
  assertEq(got, [], 'publications delivered by an unrecovered resubscribe');
});

// ---------------------------------------------------------------- server-side subscription

const ssChan = `rec:js-ss-${RUN}`;

await check(`server-side subscription (token channels) to ${ssChan}: drop, publish, recovered at client level`, async () => {
  const gate = gatedTransport();
  const { c, rec } = newClient({ token: connToken(`${user}-ss`, { channels: [ssChan] }), ...gate.options });
  c.connect();
  await rec.wait('connected', undefined, { failOn: ['disconnected'] });
  const first = await rec.wait('subscribed', (s) => s.channel === ssChan);
  assertEq([first.recoverable, first.wasRecovering], [true, false], 'first [recoverable, wasRecovering]');
  let from = rec.mark();
  await publishAll(ssChan, [{ n: 1 }]);
  assertEq(await collect(rec, from, 1), [{ offset: 1, data: { n: 1 } }], 'live publication');
  gate.blocked = true;
  from = rec.mark();
  gate.current().terminate();
  await rec.wait('connecting', undefined, { from, failOn: ['disconnected'] });
  await publishAll(ssChan, [{ n: 2 }, { n: 3 }]);
  gate.blocked = false;
  const ctx = await rec.wait('subscribed', (s) => s.channel === ssChan, { from, failOn: ['disconnected'] });
  assertEq([ctx.wasRecovering, ctx.recovered], [true, true], '[wasRecovering, recovered]');
  const got = await collect(rec, from, 2, (p) => p.channel === ssChan);
  assertEq(got, [{ offset: 2, data: { n: 2 } }, { offset: 3, data: { n: 3 } }], 'recovered publications');
}, 7000);

// ---------------------------------------------------------------- history paging, since

const pag = `rec:js-page-${RUN}`;

await check(`history paging over 7 publications in ${pag}, forward with since`, async () => {
  const { c } = newClient({ token: connToken(`${user}-p`) });
  c.connect();
  const { sub } = await subscribed(c, pag);
  const offsets = await publishAll(pag, [1, 2, 3, 4, 5, 6, 7].map((n) => ({ n })));
  assertEq(offsets, [1, 2, 3, 4, 5, 6, 7], 'API publish offsets');
  st.pag = { sub };
  const pages = [];
  let since;
  for (let i = 0; i < 5; i++) {
    const res = await sub.history({ limit: 3, ...(since ? { since } : {}) });
    assertEq(res.offset, 7, `page ${i} top offset`);
    pages.push(res.publications.map((p) => [Number(p.offset), dec(p.data).n]));
    if (res.publications.length < 3) break;
    const last = res.publications[res.publications.length - 1];
    since = { offset: Number(last.offset), epoch: res.epoch };
  }
  assertEq(pages, [[[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5], [6, 6]], [[7, 7]]], 'forward pages [offset, n]');
  const top = await sub.history({ limit: 0 });
  st.pag.epoch = top.epoch;
});

await check('history paging reverse with since (newest first)', async () => {
  const { sub, epoch } = need(st.pag && st.pag.epoch && st.pag, 'forward paging');
  const pages = [];
  let since;
  for (let i = 0; i < 5; i++) {
    const res = await sub.history({ limit: 3, reverse: true, ...(since ? { since } : {}) });
    assertEq(res.epoch, epoch, `page ${i} epoch`);
    pages.push(res.publications.map((p) => Number(p.offset)));
    if (res.publications.length < 3) break;
    const last = res.publications[res.publications.length - 1];
    since = { offset: Number(last.offset), epoch: res.epoch };
  }
  assertEq(pages, [[7, 6, 5], [4, 3, 2], [1]], 'reverse pages (offsets)');
});

await check('history with a wrong epoch in since: error 112', async () => {
  const { sub } = need(st.pag && st.pag.epoch && st.pag, 'forward paging');
  try {
    const res = await sub.history({ limit: 3, since: { offset: 2, epoch: 'wrong-epoch' } });
    throw new Error(`expected error 112, got ${JSON.stringify(res)}`);
  } catch (err) {
    assertEq(err && err.code, 112, `error code (${err && err.message})`);
  }
});

await check('new subscription with since {offset 4, epoch}: recovered, publications 5..7', async () => {
  const { epoch } = need(st.pag && st.pag.epoch && st.pag, 'forward paging');
  const { c } = newClient({ token: connToken(`${user}-s`) });
  c.connect();
  const { sub, rec } = newSub(c, pag, { since: { offset: 4, epoch } });
  sub.subscribe();
  const ctx = await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  assertEq([ctx.wasRecovering, ctx.recovered], [true, true], '[wasRecovering, recovered]');
  const got = await collect(rec, 0, 3);
  assertEq(got.map((p) => p.offset), [5, 6, 7], 'recovered offsets');
});

await check('new subscription with since {offset 2, wrong epoch}: wasRecovering, recovered false, nothing replayed', async () => {
  need(st.pag && st.pag.epoch, 'forward paging');
  const { c } = newClient({ token: connToken(`${user}-w`) });
  c.connect();
  const { sub, rec } = newSub(c, pag, { since: { offset: 2, epoch: 'wrong-epoch' } });
  sub.subscribe();
  const ctx = await rec.wait('subscribed', undefined, { failOn: ['unsubscribed'] });
  assertEq([ctx.wasRecovering, ctx.recovered], [true, false], '[wasRecovering, recovered]');
  assertEq(ctx.streamPosition && [Number(ctx.streamPosition.offset), ctx.streamPosition.epoch],
    [7, st.pag.epoch], 'stream position of the reply');
  const got = await collect(rec, 0, 0, () => true, 300);
  assertEq(got, [], 'publications replayed');
});

finish();
