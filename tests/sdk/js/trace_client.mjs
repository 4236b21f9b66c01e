// A centrifuge-js client the trace test watches: connects as CF_USER (a token signed here),
// subscribes to CF_CHANNEL, publishes into it, is refused a channel, then disconnects. The Rust
// test (tests/it/trace.rs) checks that `centrifugo trace user CF_USER` showed each step.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET, CF_USER, CF_CHANNEL.
// Output: one line per check, then `N passed, M failed`; exit code 0 only when all passed.

import { assertEq, check, connToken, connected, finish, need, subscribed } from './common.mjs';

const { CF_USER: user, CF_CHANNEL: chan } = process.env;
const st = {};

await check('connects as the traced user', async () => {
  st.a = await connected({ token: connToken(user) });
});

await check('subscribes and publishes', async () => {
  const { c } = need(st.a, 'connected');
  const s = await subscribed(c, chan);
  await s.sub.publish({ traced: true });
  const pub = await s.rec.wait('publication');
  assertEq(pub.data, { traced: true }, 'own publication');
});

await check('a refused subscription', async () => {
  const { c } = need(st.a, 'connected');
  const sub = c.newSubscription('closed:nope');
  sub.on('error', () => {});
  const unsubscribed = new Promise((resolve) => sub.on('unsubscribed', resolve));
  sub.subscribe();
  const ev = await unsubscribed;
  assertEq(ev.code, 103, 'permission denied');
});

await check('disconnects', async () => {
  const { c } = need(st.a, 'connected');
  c.disconnect();
});

finish();
