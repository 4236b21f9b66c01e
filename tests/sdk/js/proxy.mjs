// centrifuge-js against a server whose connect, refresh, subscribe, publish, sub_refresh and RPC
// events go to the application backend (tests/sdk/js/backend.mjs, over HTTP or GRPC: the Rust
// test picks the kind). No tokens anywhere: the backend authenticates.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET, and CF_PROXY_KIND
// (http or grpc: with grpc the subscribe stream proxy is checked too).
// Output: one line per check, then `N passed, M failed`; exit code 0 only when all passed.

import {
  RUN, api, assert, assertEq, check, connected, expectError, finish, need, newClient, sleep, subscribed,
} from './common.mjs';

const st = {};

await check('connect without a token: the backend names the user (emulated header)', async () => {
  const a = await connected({ data: { user: `js-${RUN}` }, headers: { 'X-Emulated': 'from-js' } });
  st.a = a;
  const ctx = a.rec.all('connected')[0];
  assertEq(ctx.data.welcome, `js-${RUN}`, 'connect data from the backend');
  assertEq(ctx.data.headers['x-emulated'], 'from-js', 'emulated header forwarded');
  assertEq(ctx.data.headers['x-static'], 'static-value', 'static header');
});

await check('rpc through the proxy: user, meta and headers as the backend saw them', async () => {
  const { c } = need(st.a, 'connected');
  const r = await c.rpc('echo', { n: 1 });
  assertEq(r.data.user, `js-${RUN}`, 'user');
  assertEq(r.data.meta, { plan: 'gold' }, 'connection meta');
  assertEq(r.data.data, { n: 1 }, 'data');
  assertEq(r.data.transport, 'websocket', 'transport');
});

await check('rpc errors from the backend reach the caller', async () => {
  const { c } = need(st.a, 'connected');
  const err = await expectError(c.rpc('fail', {}), 1004, 'rpc fail');
  assertEq(err.message, 'backend failed', 'message');
  await expectError(c.rpc('off:x', {}), 108, 'rpc namespace without proxy');
});

await check('subscribe through the proxy: backend data and channel info', async () => {
  const { c } = need(st.a, 'connected');
  const chan = `ns:js-${RUN}`;
  const s = await subscribed(c, chan);
  assertEq(s.ctx.data.welcome, chan, 'subscribe data');
  st.sub = { ...s, chan };
  const p = await api('presence', { channel: chan });
  const infos = Object.values(p.presence);
  assertEq(infos.length, 1, 'one client in presence');
  assertEq(infos[0].chan_info, { sub: chan }, 'chan_info from the backend');
});

await check('publish through the proxy: the rewritten publication arrives', async () => {
  const { sub, rec, chan } = need(st.sub, 'subscribed');
  await sub.publish({ text: 'hello' });
  const pub = await rec.wait('publication', (p) => p.channel === chan);
  assertEq(pub.data, { text: 'hello', checked: true }, 'publication data');
  await expectError(sub.publish({ reject: 1 }), 1003, 'rejected publication');
});

await check('a denied subscription is an error from the backend', async () => {
  const { c } = need(st.a, 'connected');
  const sub = c.newSubscription(`denied:js-${RUN}`);
  const errored = new Promise((resolve) => sub.on('error', (ctx) => resolve(ctx)));
  const unsub = new Promise((resolve) => sub.on('unsubscribed', (ctx) => resolve(ctx)));
  sub.subscribe();
  const ctx = await Promise.race([errored, unsub]);
  const code = ctx.error ? ctx.error.code : ctx.code;
  assertEq(code, 1002, `subscribe error (${JSON.stringify(ctx)})`);
});

await check('refresh proxy prolongs a connection that expires every ~2 s', async () => {
  const b = await connected({ data: { user: `js-refresh-${RUN}`, expire_in: 2 } });
  await sleep(3500);
  assert(b.rec.all('disconnected').length === 0, `disconnected: ${JSON.stringify(b.rec.all('disconnected'))}`);
  const r = await b.c.rpc('echo', {});
  assertEq(r.data.user, `js-refresh-${RUN}`, 'still the same connection user');
  assertEq(b.rec.all('connected').length, 1, 'no reconnect');
}, 6000);

await check('a connect the backend refuses is reported to the SDK', async () => {
  const { c, rec } = newClient({ data: { deny: 1 } });
  c.connect();
  const ctx = await Promise.race([
    rec.wait('disconnected'),
    rec.wait('error', (e) => e.error && e.error.code === 1001),
  ]);
  const code = ctx.error ? ctx.error.code : ctx.code;
  assertEq(code, 1001, `refusal code (${JSON.stringify(ctx)})`);
  c.disconnect();
});

if (process.env.CF_PROXY_KIND === 'grpc') {
  await check('subscribe stream: the backend\'s publications, then unsubscribed by the server', async () => {
    const { c } = need(st.a, 'connected');
    const chan = `stream:js-end-${RUN}`;
    const { sub, rec, ctx } = await subscribed(c, chan);
    assertEq(ctx.data, { stream: chan }, 'subscribe data from the stream');
    for (let n = 0; n < 3; n++) {
      const p = await rec.wait('publication', (p) => p.data.n === n);
      assertEq(p.tags, { n: String(n) }, 'publication tags');
    }
    const u = await rec.wait('unsubscribed');
    assertEq(u.code, 2000, 'unsubscribe code');
    sub.removeAllListeners();
  });

  await check('bidirectional subscribe stream: publications go to the backend and back', async () => {
    const { c } = need(st.a, 'connected');
    const chan = `bidi:js-${RUN}`;
    const { sub, rec } = await subscribed(c, chan);
    await sub.publish({ from: 'js' });
    const p = await rec.wait('publication');
    assertEq(p.data, { echo: { from: 'js' } }, 'echo from the backend');
  });
}

finish();
