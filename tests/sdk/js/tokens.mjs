// centrifuge-js with tokens minted by the `centrifugo gentoken` / `gensubtoken` commands (the
// Rust test runs them and passes the tokens in): the connection token carries user, info and a
// server-side channel; the subscription token opens a channel that needs one.
//
// Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET, CF_USER,
// CF_CONN_TOKEN, CF_SUB_CHANNEL, CF_SUB_TOKEN.
// Output: one line per check, then `N passed, M failed`; exit code 0 only when all passed.

import { api, assertEq, check, connected, finish, jwt, need, newClient, newSub, subscribed } from './common.mjs';

const { CF_USER: user, CF_CONN_TOKEN: token, CF_SUB_CHANNEL: chan, CF_SUB_TOKEN: subToken } = process.env;
const st = {};

await check('connects with the gentoken token: user and info from its claims', async () => {
  const a = await connected({ token });
  st.a = a;
  const p = await api('presence', { channel: 'news:a' });
  const me = p.presence[a.id];
  assertEq(me && me.user, user, 'the channels claim subscribed the client server-side, as the user');
  assertEq(me.conn_info, { name: 'Ann' }, 'info claim');
});

await check('a channel that needs a token refuses a subscription without one', async () => {
  const { c } = need(st.a, 'connected');
  const { sub, rec } = newSub(c, chan);
  sub.subscribe();
  const ev = await rec.wait('unsubscribed');
  assertEq(ev.code, 103, 'unsubscribed with permission denied');
  c.removeSubscription(sub);
});

await check('subscribes with the gensubtoken token and gets its data', async () => {
  const { c } = need(st.a, 'connected');
  const s = await subscribed(c, chan, { token: subToken });
  assertEq(s.ctx.data, { hi: 1 }, 'subscription data claim');
});

await check('a token signed with another secret is refused with 3500', async () => {
  const { c, rec } = newClient({ token: jwt({ sub: user }, 'not-the-secret') });
  c.connect();
  const ev = await rec.wait('disconnected');
  assertEq(ev.code, 3500, 'invalid token');
});

finish();
