"""Conformance checks of the server HTTP API through the official `cent` package
(PyPI `cent`, typed requests/results, AsyncClient). Every OSS API method that cent
covers is called and its typed result parsed: publish, broadcast, subscribe,
unsubscribe, disconnect, refresh, presence, presence_stats, history, history_remove,
channels, info, batch. A centrifuge-python client stays connected and subscribed so
presence/channels/info have data and the effects of subscribe/unsubscribe/refresh/
disconnect are observed on a real connection.

Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET,
CF_FORMAT = json (default) | protobuf (format of the centrifuge-python observer client).
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

from cent import (  # noqa: E402
    AsyncClient,
    BatchRequest,
    BroadcastRequest,
    ChannelsRequest,
    Disconnect,
    DisconnectRequest,
    HistoryRemoveRequest,
    HistoryRequest,
    InfoRequest,
    PresenceRequest,
    PresenceStatsRequest,
    PresenceStatsResult,
    PublishRequest,
    PublishResult,
    RefreshRequest,
    StreamPosition,
    SubscribeRequest,
    UnsubscribeRequest,
)
from cent.exceptions import CentApiResponseError, CentUnauthorizedError  # noqa: E402
from centrifuge import Client  # noqa: E402

from common import (  # noqa: E402
    PROTOBUF,
    RUN,
    WAIT_TIMEOUT,
    Checks,
    ClientEvents,
    Recorder,
    SubEvents,
    check,
    check_eq,
    conn_token,
    dec,
    load_env,
    need,
    run_main,
)

# Upper bound for node counters in `info` to catch up (reference refreshes every 3 s).
INFO_WAIT = 4.5


async def main() -> Checks:
    env = load_env()
    checks = Checks()
    st: Dict[str, Any] = {}
    ws_clients = []
    cent = AsyncClient(env["CF_API_URL"], env["CF_API_KEY"], timeout=WAIT_TIMEOUT)

    user = f"cent-u-{RUN}"
    other = f"cent-v-{RUN}"
    chat = f"chat:cent-{RUN}"
    hist = f"chat:cent-hist-{RUN}"
    dyn = f"chat:cent-dyn-{RUN}"

    async def open_client(user_id: str):
        rec = Recorder()
        c = Client(
            env["CF_WS_URL"],
            events=ClientEvents(rec),
            token=conn_token(env["CF_HMAC_SECRET"], user_id),
            timeout=WAIT_TIMEOUT,
            name="conformance-cent",
            use_protobuf=PROTOBUF,
            min_reconnect_delay=0.05,
            max_reconnect_delay=0.5,
            proxy=None,
        )
        ws_clients.append(c)
        await c.connect()
        ctx = await rec.wait("connected", fail_on=("disconnected",))
        return c, rec, ctx.client

    async def setup_subscriber():
        c, rec, cid = await open_client(user)
        srec = Recorder()
        sub = c.new_subscription(chat, events=SubEvents(srec))
        await sub.subscribe()
        await srec.wait("subscribed", fail_on=("unsubscribed",))
        st.update(c=c, rec=rec, cid=cid, srec=srec)

    await checks.run(f"setup: centrifuge-python client {user} subscribed to {chat}", setup_subscriber)

    # ------------------------------------------------------------- publish

    async def publish():
        srec = need(st.get("srec"), "subscriber ready")
        data = {"text": "cent-publish", "run": RUN}
        res = await cent.publish(PublishRequest(channel=chat, data=data))
        check(isinstance(res, PublishResult), f"result type {type(res)}")
        check(res.offset > 0 and res.epoch, f"history namespace returns offset/epoch, got {res!r}")
        ctx = await srec.wait("publication", lambda p: dec(p.pub.data) == data)
        check_eq(ctx.pub.offset, res.offset, "delivered offset")

    await checks.run("publish: typed result with offset/epoch, delivered to subscriber", publish)

    async def publish_no_history():
        res = await cent.publish(PublishRequest(channel=f"nohistory:cent-{RUN}", data={"x": 1}))
        check_eq((res.offset, res.epoch), (0, ""), "(offset, epoch) without history")

    await checks.run("publish to namespace without history: empty offset/epoch", publish_no_history)

    async def publish_unknown_ns():
        try:
            await cent.publish(PublishRequest(channel=f"nosuchns{RUN}:x", data={"x": 1}))
        except CentApiResponseError as e:
            check_eq(e.code, 102, "API error code")
        else:
            raise AssertionError("publish to unknown namespace succeeded")

    await checks.run("publish to unknown namespace: CentApiResponseError code 102", publish_unknown_ns)

    async def wrong_key():
        bad = AsyncClient(env["CF_API_URL"], env["CF_API_KEY"] + "-wrong", timeout=WAIT_TIMEOUT)
        try:
            await bad.info(InfoRequest())
        except CentUnauthorizedError:
            pass
        else:
            raise AssertionError("request with a wrong API key succeeded")
        finally:
            await bad.close()

    await checks.run("wrong API key: HTTP 401 surfaced as CentUnauthorizedError", wrong_key)

    # ------------------------------------------------------------- broadcast

    async def broadcast():
        srec = need(st.get("srec"), "subscriber ready")
        data = {"text": "cent-broadcast", "run": RUN}
        chans = [chat, f"chat:cent-other-{RUN}", f"nosuchns{RUN}:x"]
        res = await cent.broadcast(BroadcastRequest(channels=chans, data=data))
        check_eq(len(res.responses), 3, "number of responses")
        for i in (0, 1):
            r = res.responses[i]
            check(r.error is None and r.result is not None, f"response {i}: {r!r}")
            check(r.result.offset > 0 and r.result.epoch, f"response {i} offset/epoch: {r.result!r}")
        check(res.responses[2].error is not None, f"unknown namespace response: {res.responses[2]!r}")
        check_eq(res.responses[2].error.code, 102, "unknown namespace response code")
        await srec.wait("publication", lambda p: dec(p.pub.data) == data)

    await checks.run("broadcast: per-channel responses (ok, ok, 102), delivered", broadcast)

    # ------------------------------------------------------------- presence / stats / channels / info

    async def presence():
        cid = need(st.get("cid"), "subscriber ready")
        res = await cent.presence(PresenceRequest(channel=chat))
        check_eq(sorted(res.presence), [cid], "presence keys")
        check_eq((res.presence[cid].client, res.presence[cid].user), (cid, user), "presence info")

    await checks.run("presence: map keyed by client id with ClientInfo", presence)

    async def presence_stats():
        need(st.get("cid"), "subscriber ready")
        res = await cent.presence_stats(PresenceStatsRequest(channel=chat))
        check_eq((res.num_clients, res.num_users), (1, 1), "(num_clients, num_users)")

    await checks.run("presence_stats: numbers", presence_stats)

    async def presence_not_available():
        try:
            await cent.presence(PresenceRequest(channel=f"nohistory:cent-{RUN}"))
        except CentApiResponseError as e:
            check_eq(e.code, 108, "API error code")
        else:
            raise AssertionError("presence on a namespace without presence succeeded")

    await checks.run("presence where disabled: CentApiResponseError code 108", presence_not_available)

    async def channels():
        need(st.get("cid"), "subscriber ready")
        res = await cent.channels(ChannelsRequest(pattern=f"chat:cent-*{RUN}"))
        check(chat in res.channels, f"{chat} missing from {sorted(res.channels)}")
        check_eq(res.channels[chat].num_clients, 1, "num_clients")
        everything = await cent.channels(ChannelsRequest())
        check(chat in everything.channels, "channel missing without pattern")

    await checks.run("channels: map with the active channel and num_clients", channels)

    async def info():
        need(st.get("cid"), "subscriber ready")
        res = await cent.info(InfoRequest())
        check(len(res.nodes) >= 1, "no nodes")
        n = res.nodes[0]
        check(n.uid and n.name, f"uid/name: {n!r}")
        check(n.version, "empty version")
        check(n.metrics is not None and n.metrics.interval > 0 and isinstance(n.metrics.items, dict),
              f"metrics: {n.metrics!r}")
        # Centrifugo refreshes node counters every 3 s (centrifuge nodeInfoPublishInterval),
        # so poll (bounded) until they show this script's live connection and channel.
        deadline = asyncio.get_running_loop().time() + INFO_WAIT
        while not (n.num_clients >= 1 and n.num_users >= 1 and n.num_channels >= 1 and n.num_subs >= 1):
            check(asyncio.get_running_loop().time() < deadline,
                  f"counters never counted the live connection: clients={n.num_clients} "
                  f"users={n.num_users} channels={n.num_channels} subs={n.num_subs}")
            await asyncio.sleep(0.25)
            n = (await cent.info(InfoRequest())).nodes[0]

    await checks.run("info: nodes[0] uid, name, version, metrics and live counters", info,
                     timeout=INFO_WAIT + 1)

    # ------------------------------------------------------------- history / history_remove

    async def history():
        pubs = []
        for i in range(3):
            r = await cent.publish(PublishRequest(channel=hist, data={"i": i}))
            pubs.append(r)
        epoch = pubs[0].epoch
        check_eq([p.offset for p in pubs], [1, 2, 3], "publish offsets in a fresh channel")
        res = await cent.history(HistoryRequest(channel=hist, limit=10))
        check_eq((res.offset, res.epoch), (3, epoch), "stream position")
        check_eq([p.data for p in res.publications], [{"i": 0}, {"i": 1}, {"i": 2}], "publications")
        check_eq([p.offset for p in res.publications], [1, 2, 3], "publication offsets")
        rev = await cent.history(HistoryRequest(channel=hist, limit=2, reverse=True))
        check_eq([p.offset for p in rev.publications], [3, 2], "reverse limit 2")
        since = await cent.history(HistoryRequest(channel=hist, limit=10,
                                                  since=StreamPosition(offset=1, epoch=epoch)))
        check_eq([p.offset for p in since.publications], [2, 3], "since offset 1")
        top = await cent.history(HistoryRequest(channel=hist, limit=0))
        check_eq((len(top.publications), top.offset, top.epoch), (0, 3, epoch), "limit 0")
        st["hist_epoch"] = epoch

    await checks.run("history: publications, offsets, epoch, reverse, since, limit 0", history)

    async def history_remove():
        epoch = need(st.get("hist_epoch"), "history filled")
        await cent.history_remove(HistoryRemoveRequest(channel=hist))
        res = await cent.history(HistoryRequest(channel=hist, limit=10))
        check_eq(res.publications, [], "publications after remove")
        check_eq((res.offset, res.epoch), (3, epoch), "stream position kept after remove")

    await checks.run("history_remove: publications gone, position kept", history_remove)

    async def history_not_available():
        try:
            await cent.history(HistoryRequest(channel=f"nohistory:cent-{RUN}", limit=1))
        except CentApiResponseError as e:
            check_eq(e.code, 108, "API error code")
        else:
            raise AssertionError("history on a namespace without history succeeded")

    await checks.run("history where disabled: CentApiResponseError code 108", history_not_available)

    # ------------------------------------------------------------- subscribe / unsubscribe

    async def subscribe():
        rec = need(st.get("rec"), "subscriber ready")
        await cent.subscribe(SubscribeRequest(user=user, channel=dyn))
        ctx = await rec.wait("subscribed", lambda s: s.channel == dyn)
        check_eq(ctx.channel, dyn, "server-side subscribed channel")
        data = {"text": "to-server-side-sub", "run": RUN}
        await cent.publish(PublishRequest(channel=dyn, data=data))
        pub = await rec.wait("publication", lambda p: p.channel == dyn)
        check_eq(dec(pub.pub.data), data, "server-side publication data")

    await checks.run("subscribe: user gets server-side subscription and its publications", subscribe)

    async def unsubscribe():
        rec = need(st.get("rec"), "subscriber ready")
        await cent.unsubscribe(UnsubscribeRequest(user=user, channel=dyn))
        ctx = await rec.wait("unsubscribed", lambda s: s.channel == dyn)
        check_eq(ctx.channel, dyn, "unsubscribed channel")

    await checks.run("unsubscribe: server-side subscription removed", unsubscribe)

    # ------------------------------------------------------------- refresh / disconnect

    async def open_other():
        c, rec, cid = await open_client(other)
        st.update(oc=c, orec=rec, ocid=cid)

    await checks.run(f"setup: second connection as {other}", open_other)

    async def refresh():
        rec = need(st.get("orec"), "second connection")
        res = await cent.refresh(RefreshRequest(user=other, expire_at=int(time.time()) + 600))
        check(res is not None, "no refresh result")
        await cent.refresh(RefreshRequest(user=other, client=st["ocid"], expired=True))
        ctx = await rec.wait("connecting", lambda c: c.code == 3005)
        check_eq(ctx.code, 3005, "disconnect code after refresh expired")
        # The SDK reconnects on 3005 (reconnect advice) with its still valid token.
        await rec.wait("connected", lambda c: c.client != st["ocid"])

    await checks.run("refresh: expire_at accepted; expired=true closes with 3005 and client reconnects",
                     refresh)

    async def disconnect():
        rec = need(st.get("orec"), "second connection")
        await cent.disconnect(DisconnectRequest(
            user=other, disconnect=Disconnect(code=4500, reason="conformance")))
        ctx = await rec.wait("disconnected")
        check_eq((ctx.code, ctx.reason), (4500, "conformance"), "disconnect code/reason")
        stats = await cent.presence_stats(PresenceStatsRequest(channel=chat))
        check_eq((stats.num_clients, stats.num_users), (1, 1), "first user's subscriber untouched")

    await checks.run("disconnect: custom code 4500 reaches the client (terminal)", disconnect)

    # ------------------------------------------------------------- batch

    async def batch():
        srec = need(st.get("srec"), "subscriber ready")
        data = {"text": "cent-batch", "run": RUN}
        for parallel in (False, True):
            res = await cent.batch(BatchRequest(requests=[
                PublishRequest(channel=chat, data={**data, "parallel": parallel}),
                PresenceStatsRequest(channel=chat),
                HistoryRequest(channel=hist, limit=0),
            ], parallel=parallel))
            check_eq(len(res.replies), 3, "number of replies")
            pub, stats, top = res.replies
            check(isinstance(pub, PublishResult) and pub.offset > 0 and pub.epoch, f"publish reply {pub!r}")
            check(isinstance(stats, PresenceStatsResult), f"presence_stats reply type {type(stats)}")
            check_eq((stats.num_clients, stats.num_users), (1, 1), "presence_stats reply")
            check_eq(top.offset, 3, "history reply offset")
            await srec.wait("publication", lambda p, par=parallel: dec(p.pub.data) == {**data, "parallel": par})

    await checks.run("batch (sequential and parallel): typed replies in order", batch)

    for c in ws_clients:
        try:
            await asyncio.wait_for(c.disconnect(), 2)
        except Exception:  # noqa: BLE001 - teardown only
            pass
    await cent.close()
    return checks


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    run_main(main)
