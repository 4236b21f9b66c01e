"""Conformance checks that drive a Centrifugo v6 compatible server with the official
centrifuge-python SDK (PyPI `centrifuge-python`, asyncio).

Also: recovery after a dropped connection (namespace `rec`), connection token refresh
through get_token, server-side subscription from the token `channels` claim.

Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET,
CF_FORMAT = json (default) | protobuf (centrifuge-python `use_protobuf`).
Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
Exit code 0 only when every check passed. The server must run with tests/sdk/config.json.
"""

import asyncio
import logging
import os
import sys
import time
from typing import Any, Dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from centrifuge import (  # noqa: E402
    Client,
    ClientState,
    DeltaType,
    Filter,
    ReplyError,
    StreamPosition,
)

from common import (  # noqa: E402
    FORMAT,
    PROTOBUF,
    RUN,
    WAIT_TIMEOUT,
    Checks,
    ClientEvents,
    Recorder,
    SubEvents,
    api_call,
    check,
    check_eq,
    conn_token,
    dec,
    enc,
    load_env,
    need,
    run_main,
)


async def main() -> Checks:
    env = load_env()
    checks = Checks()
    st: Dict[str, Any] = {}
    clients = []
    user = f"py-a-{RUN}"
    chat = f"chat:py-{RUN}"

    def new_client(token: str, **kw):
        rec = Recorder()
        c = Client(
            env["CF_WS_URL"],
            events=ClientEvents(rec),
            token=token,
            **kw,
            timeout=WAIT_TIMEOUT,
            name="conformance-py",
            max_reconnect_delay=1.0,
            use_protobuf=PROTOBUF,
            proxy=None,
        )
        clients.append(c)
        return c, rec

    def new_sub(c: Client, channel: str, **kw):
        rec = Recorder()
        sub = c.new_subscription(channel, events=SubEvents(rec), **kw)
        return sub, rec

    async def connect_with_token():
        c, rec = new_client(conn_token(env["CF_HMAC_SECRET"], user))
        await c.connect()
        ctx = await rec.wait("connected", fail_on=("disconnected",))
        check(isinstance(ctx.client, str) and ctx.client, f"client id missing: {ctx}")
        check_eq(c.state, ClientState.CONNECTED, "client state")
        st["client"], st["client_id"] = c, ctx.client

    await checks.run("connect with token: connected ctx has client id", connect_with_token)

    async def subscribe_chat():
        c = need(st.get("client"), "client connected")
        sub, rec = new_sub(c, chat)
        await sub.subscribe()
        ctx = await rec.wait("subscribed", fail_on=("unsubscribed",))
        check_eq(ctx.channel, chat, "subscribed ctx.channel")
        st["sub"], st["sub_rec"] = sub, rec

    await checks.run(f"subscribe to {chat}", subscribe_chat)

    async def api_publication_arrives():
        rec = need(st.get("sub_rec"), "subscribed")
        data = {"text": "from-api", "run": RUN, "nested": {"n": 1, "list": [1, "two", None, True]}}
        res = await api_call(env, "publish", {"channel": chat, "data": data})
        check(int(res.get("offset", 0)) > 0 and res.get("epoch"),
              f"publish into a history channel must return offset and epoch, got {res}")
        ctx = await rec.wait("publication", lambda p: (dec(p.pub.data) or {}).get("text") == "from-api")
        check_eq(dec(ctx.pub.data), data, "publication data")
        check_eq(ctx.pub.offset, int(res["offset"]), "publication offset")
        # Proves the codec in use: Protobuf hands raw bytes to the app, JSON a parsed value.
        check_eq(isinstance(ctx.pub.data, bytes), PROTOBUF, f"publication data is bytes (CF_FORMAT={FORMAT})")
        st["api_pub"] = {"data": data, "offset": int(res["offset"]), "epoch": res["epoch"]}

    await checks.run("publication from HTTP API arrives with identical data", api_publication_arrives)

    async def client_publish():
        sub, rec = need(st.get("sub"), "subscribed"), st["sub_rec"]
        data = {"text": "from-python-client", "run": RUN}
        await sub.publish(enc(data))
        ctx = await rec.wait("publication", lambda p: (dec(p.pub.data) or {}).get("text") == "from-python-client")
        check_eq(dec(ctx.pub.data), data, "publication data")
        need(ctx.pub.info, "publication has publisher info")
        check_eq(ctx.pub.info.user, user, "info.user")
        check_eq(ctx.pub.info.client, st["client_id"], "info.client")
        st["client_pub"] = {"data": data, "offset": ctx.pub.offset}

    await checks.run("sub.publish arrives back with publisher info {user, client}", client_publish)

    async def presence():
        sub = need(st.get("sub"), "subscribed")
        res = await sub.presence()
        check_eq(sorted(res.clients), [st["client_id"]], "presence keys")
        info = res.clients[st["client_id"]]
        check_eq((info.user, info.client), (user, st["client_id"]), "presence info (user, client)")

    await checks.run("sub.presence() keyed by client id with user", presence)

    async def presence_stats():
        sub = need(st.get("sub"), "subscribed")
        res = await sub.presence_stats()
        check_eq((res.num_clients, res.num_users), (1, 1), "(num_clients, num_users)")

    await checks.run("sub.presence_stats() counts", presence_stats)

    async def history():
        sub = need(st.get("sub"), "subscribed")
        api_pub, client_pub = need(st.get("api_pub"), "API publish"), need(st.get("client_pub"), "client publish")
        res = await sub.history(limit=10)
        check_eq(res.epoch, api_pub["epoch"], "history epoch")
        check_eq(res.offset, client_pub["offset"], "history top offset")
        check_eq([dec(p.data) for p in res.publications], [api_pub["data"], client_pub["data"]], "history data")
        check_eq([p.offset for p in res.publications], [api_pub["offset"], client_pub["offset"]], "offsets")
        rev = await sub.history(limit=1, reverse=True)
        check_eq([dec(p.data) for p in rev.publications], [client_pub["data"]], "reverse limit 1")
        since = await sub.history(limit=10, since=StreamPosition(offset=api_pub["offset"], epoch=api_pub["epoch"]))
        check_eq([dec(p.data) for p in since.publications], [client_pub["data"]], "since first publication")

    await checks.run("sub.history(limit, reverse, since) with offsets and epoch", history)

    async def history_not_available():
        c = need(st.get("client"), "client connected")
        sub, rec = new_sub(c, f"nohistory:py-{RUN}")
        await sub.subscribe()
        await rec.wait("subscribed", fail_on=("unsubscribed",))
        for name, call in (("history", sub.history(limit=1)), ("presence", sub.presence())):
            try:
                await call
            except ReplyError as e:
                check_eq(e.code, 108, f"{name} error code")
            else:
                raise AssertionError(f"{name} on a channel without it succeeded")
        try:
            await sub.publish(enc({"x": 1}))
        except ReplyError as e:
            check_eq(e.code, 103, "publish without permission error code")
        else:
            raise AssertionError("publish without permission succeeded")

    await checks.run("namespace without history/presence: 108, publish without permission: 103",
                     history_not_available)

    async def unknown_namespace():
        c = need(st.get("client"), "client connected")
        sub, rec = new_sub(c, f"nosuchns{RUN}:room")
        await sub.subscribe()
        ctx = await rec.wait("unsubscribed")
        check_eq(ctx.code, 102, "unsubscribed code")

    await checks.run("subscribe to unknown namespace: 102", unknown_namespace)

    async def invalid_token():
        c, rec = new_client(conn_token("not-the-secret", f"py-bad-{RUN}"))
        await c.connect()
        ctx = await rec.wait("disconnected")
        check_eq(ctx.code, 3500, "disconnect code")

    await checks.run("invalid token: disconnected 3500", invalid_token)

    # ------------------------------------------------------------- token refresh (start)
    # Token living ~3 s; get_token hands out a fresh one. Checked at the end, after the
    # recovery checks, once exp + client.expired_close_delay (2 s) has passed.

    async def start_refresh_client():
        secret = env["CF_HMAC_SECRET"]
        ruser = f"py-refresh-{RUN}"
        exp = int(time.time()) + 3
        calls = []

        async def get_token() -> str:
            calls.append(time.time())
            return conn_token(secret, ruser)

        c, rec = new_client(conn_token(secret, ruser, exp=exp), get_token=get_token)
        await c.connect()
        await rec.wait("connected", fail_on=("disconnected",))
        sub, srec = new_sub(c, f"chat:py-refresh-{RUN}")
        await sub.subscribe()
        await srec.wait("subscribed", fail_on=("unsubscribed",))
        st["refresh"] = dict(c=c, rec=rec, srec=srec, exp=exp, calls=calls, mark=len(rec.log))

    await checks.run("start: client with a connection token expiring in ~3 s and get_token",
                     start_refresh_client)

    # ------------------------------------------------------------- recovery

    rec_chan = f"rec:py-{RUN}"

    async def recovery_setup():
        c, rec = new_client(conn_token(env["CF_HMAC_SECRET"], f"py-rec-{RUN}"), min_reconnect_delay=0.2)
        await c.connect()
        await rec.wait("connected", fail_on=("disconnected",))
        sub, srec = new_sub(c, rec_chan)
        await sub.subscribe()
        ctx = await srec.wait("subscribed", fail_on=("unsubscribed",))
        check_eq((ctx.recoverable, ctx.was_recovering), (True, False), "(recoverable, was_recovering)")
        res = await api_call(env, "publish", {"channel": rec_chan, "data": {"n": 1}})
        await srec.wait("publication", lambda p: p.pub.offset == int(res["offset"]))
        st["rec"] = dict(c=c, rec=rec, sub=sub, srec=srec, epoch=res["epoch"])

    await checks.run(f"recovery: subscribed to {rec_chan} (force_recovery), live publication",
                     recovery_setup)

    async def recovery_after_drop():
        r = need(st.get("rec"), "recovery setup")
        c, rec, srec = r["c"], r["rec"], r["srec"]
        address = c._address  # test-only: hold reconnects back while publishing
        mark_c, mark_s = len(rec.log), len(srec.log)
        c._address = "ws://127.0.0.1:9/connection/websocket"
        try:
            # A real drop: the TCP connection goes away without a close frame.
            c._conn.transport.abort()
            await rec.wait("connecting", start=mark_c, fail_on=("disconnected",))
            offsets = []
            for n in (2, 3, 4):
                res = await api_call(env, "publish", {"channel": rec_chan, "data": {"n": n}})
                offsets.append(int(res["offset"]))
            check_eq(offsets, [2, 3, 4], "offsets published while away")
        finally:
            c._address = address
        ctx = await srec.wait("subscribed", start=mark_s, fail_on=("unsubscribed",))
        check_eq((ctx.was_recovering, ctx.recovered), (True, True), "(was_recovering, recovered)")
        check_eq(ctx.stream_position.epoch if ctx.stream_position else None, r["epoch"], "epoch")
        deadline = time.time() + 2.0
        while time.time() < deadline:
            got = [(ev, x) for ev, x in srec.log[mark_s:] if ev == "publication"]
            if len(got) >= 3:
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.2)
        got = [(x.pub.offset, dec(x.pub.data)) for ev, x in srec.log[mark_s:] if ev == "publication"]
        check_eq(got, [(n, {"n": n}) for n in (2, 3, 4)], "publications after the drop")

    await checks.run("recovery: socket dropped, 3 publications while away, reconnect recovers them once, in order",
                     recovery_after_drop, timeout=7.0)

    # ------------------------------------------------------------- delta and tags filter

    async def delta_fossil():
        c = need(st.get("client"), "client connected")
        channel = f"delta:py-{RUN}"
        sub, rec = new_sub(c, channel, delta=DeltaType.FOSSIL, recoverable=True)
        await sub.subscribe()
        await rec.wait("subscribed", fail_on=("unsubscribed",))
        base = {"title": "stays the same", "items": [{"id": i, "price": i * 10} for i in range(40)]}
        sent = []
        for n in range(5):
            data = {**base, "items": [dict(x) for x in base["items"]], "version": n}
            data["items"][n]["price"] += 1
            sent.append(data)
            await api_call(env, "publish", {"channel": channel, "data": data})
        await rec.wait("publication", lambda p: (dec(p.pub.data) or {}).get("version") == 4)
        got = [dec(ctx.pub.data) for ev, ctx in rec.log if ev == "publication"]
        check_eq(got, sent, "decoded publications")

    await checks.run("delta fossil: publications decode to the originals (whole, then patches)", delta_fossil)

    async def tags_filter():
        c = need(st.get("client"), "client connected")
        channel = f"tagged:py-{RUN}"
        flt = Filter.all(Filter.is_in("ticker", ["BTC", "ETH"]), Filter.gt("price", "100"))
        sub, rec = new_sub(c, channel, tags_filter=flt)
        await sub.subscribe()
        await rec.wait("subscribed", fail_on=("unsubscribed",))
        sent = [("BTC", "150", True), ("BTC", "99", False), ("DOGE", "500", False), ("ETH", "101", True)]
        for i, (ticker, price, _) in enumerate(sent):
            await api_call(env, "publish", {"channel": channel, "data": {"i": i},
                                            "tags": {"ticker": ticker, "price": price}})
        await api_call(env, "publish", {"channel": channel, "data": {"i": "end"},
                                        "tags": {"ticker": "ETH", "price": "200"}})
        await rec.wait("publication", lambda p: (dec(p.pub.data) or {}).get("i") == "end")
        got = [dec(ctx.pub.data)["i"] for ev, ctx in rec.log if ev == "publication"]
        check_eq(got, [i for i, s in enumerate(sent) if s[2]] + ["end"], "delivered publications")

    await checks.run("tags_filter: only matching publications are delivered", tags_filter)

    # ------------------------------------------------------------- server-side subscription

    async def server_side_from_token():
        channel = f"chat:py-ss-{RUN}"
        c, rec = new_client(conn_token(env["CF_HMAC_SECRET"], f"py-ss-{RUN}", channels=[channel]))
        await c.connect()
        await rec.wait("connected", fail_on=("disconnected",))
        ctx = await rec.wait("subscribed", lambda x: x.channel == channel)
        check_eq(ctx.channel, channel, "client-level subscribed channel")
        data = {"text": "py-server-side", "run": RUN}
        await api_call(env, "publish", {"channel": channel, "data": data})
        pub = await rec.wait("publication", lambda x: x.channel == channel)
        check_eq((pub.channel, dec(pub.pub.data)), (channel, data), "(ctx.channel, data)")

    await checks.run("token channels claim: server-side subscription, client-level subscribed and publication",
                     server_side_from_token)

    # ------------------------------------------------------------- token refresh (check)

    async def refresh_checked():
        r = need(st.get("refresh"), "refresh client started")
        wait = r["exp"] + 2 + 1 - time.time()
        if wait > 0:
            await asyncio.sleep(wait)
        check(len(r["calls"]) >= 1, "get_token was not called")
        events = [ev for ev, _ in r["rec"].log[r["mark"]:] if ev in ("connecting", "disconnected", "connected")]
        check_eq(events, [], "connection state events after connect (a 3005 would show here)")
        check_eq(r["c"].state, ClientState.CONNECTED, "client state")
        data = {"text": "after-refresh", "run": RUN}
        await api_call(env, "publish", {"channel": f"chat:py-refresh-{RUN}", "data": data})
        pub = await r["srec"].wait("publication", lambda p: dec(p.pub.data) == data)
        check_eq(dec(pub.pub.data), data, "publication after refresh")

    await checks.run("token refresh: get_token called, connection kept past exp + expired_close_delay, still usable",
                     refresh_checked, timeout=8.0)

    for c in clients:
        try:
            await asyncio.wait_for(c.disconnect(), 2)
        except Exception:  # noqa: BLE001 - teardown only
            pass
    return checks


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    run_main(main)
