"""Conformance checks of the GRPC server API through grpcio: stubs are generated at run time
from our src/api/api.proto (grpc_tools.protoc into a temporary directory), then every method
the OSS server implements is called once: publish, broadcast, subscribe, unsubscribe,
disconnect, refresh, presence, presence_stats, history, history_remove, channels, info, rpc,
batch; plus the API key, the transport error mode and an Unimplemented method. A
centrifuge-python client stays connected and subscribed so the effects are observed on a
real connection.

Inputs (environment): CF_GRPC_API_ADDR (host:port), CF_GRPC_API_KEY, CF_WS_URL,
CF_HMAC_SECRET, CF_API_PROTO (path of api.proto). The server runs with the integration
tests' base config (namespace `chat` with history and presence, `closed`).
Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
Exit code 0 only when every check passed.
"""

import asyncio
import importlib
import json
import logging
import os
import sys
import tempfile
from typing import Any, Dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import grpc  # noqa: E402
from grpc_tools import protoc  # noqa: E402
from centrifuge import Client  # noqa: E402

from common import (  # noqa: E402
    RUN,
    WAIT_TIMEOUT,
    Checks,
    ClientEvents,
    Recorder,
    SubEvents,
    check,
    check_eq,
    conn_token,
    need,
    run_main,
)

ENV_NAMES = ("CF_GRPC_API_ADDR", "CF_GRPC_API_KEY", "CF_WS_URL", "CF_HMAC_SECRET", "CF_API_PROTO")


def load_env() -> Dict[str, str]:
    env = {name: os.environ.get(name, "") for name in ENV_NAMES}
    missing = [name for name, value in env.items() if not value]
    if missing:
        print(f"FAIL - environment: missing {', '.join(missing)}")
        print("0 passed, 1 failed")
        sys.exit(1)
    return env


def generate_stubs(proto: str, out: str):
    """Compiles api.proto into `out` and imports the messages and the service stub."""
    inc = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    rc = protoc.main([
        "grpc_tools.protoc",
        f"-I{os.path.dirname(proto)}",
        f"-I{inc}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        os.path.basename(proto),
    ])
    if rc != 0:
        raise RuntimeError(f"protoc failed with {rc}")
    sys.path.insert(0, out)
    return importlib.import_module("api_pb2"), importlib.import_module("api_pb2_grpc")


async def main() -> Checks:
    env = load_env()
    checks = Checks()
    st: Dict[str, Any] = {}
    tmp = tempfile.TemporaryDirectory(prefix="grpc-api-stubs-")

    async def stubs():
        pb, pb_grpc = generate_stubs(env["CF_API_PROTO"], tmp.name)
        st.update(pb=pb, pb_grpc=pb_grpc)

    await checks.run("generate stubs from api.proto with grpc_tools.protoc", stubs, timeout=30)
    pb = need(st.get("pb"), "stubs generated")
    channel = grpc.aio.insecure_channel(env["CF_GRPC_API_ADDR"])
    api = st["pb_grpc"].CentrifugoApiStub(channel)
    auth = (("authorization", f"apikey {env['CF_GRPC_API_KEY']}"),)
    transport = auth + (("x-centrifugo-error-mode", "transport"),)

    user = f"grpc-u-{RUN}"
    chat = f"chat:grpc-{RUN}"
    ws_clients = []

    async def open_client(user_id: str):
        rec = Recorder()
        c = Client(
            env["CF_WS_URL"],
            events=ClientEvents(rec),
            token=conn_token(env["CF_HMAC_SECRET"], user_id),
            timeout=WAIT_TIMEOUT,
            name="conformance-grpc",
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

    async def publish():
        srec = need(st.get("srec"), "subscriber ready")
        data = {"text": "grpc-publish", "run": RUN}
        resp = await api.Publish(
            pb.PublishRequest(channel=chat, data=json.dumps(data).encode()), metadata=auth
        )
        check(not resp.HasField("error"), f"error {resp.error}")
        check(resp.result.offset > 0 and resp.result.epoch, f"offset/epoch {resp.result}")
        ctx = await srec.wait("publication", lambda p: p.pub.data == data)
        check_eq(ctx.pub.offset, resp.result.offset, "delivered offset")
        st["epoch"] = resp.result.epoch

    await checks.run("Publish: result with offset/epoch, delivered to the subscriber", publish)

    async def publish_errors():
        resp = await api.Publish(pb.PublishRequest(channel="nope:x", data=b"{}"), metadata=auth)
        check_eq(resp.error.code, 102, "unknown namespace in the error field")
        try:
            await api.Publish(pb.PublishRequest(channel="nope:x", data=b"{}"), metadata=transport)
        except grpc.aio.AioRpcError as e:
            check_eq(e.code(), grpc.StatusCode.NOT_FOUND, "transport error mode status")
            check_eq(e.details(), "unknown channel", "status message")
        else:
            raise AssertionError("transport error mode: call succeeded")

    await checks.run("Publish errors: error field, and GRPC status in transport mode", publish_errors)

    async def unauthenticated():
        for md in ((), (("authorization", "apikey wrong"),)):
            try:
                await api.Info(pb.InfoRequest(), metadata=md)
            except grpc.aio.AioRpcError as e:
                check_eq(e.code(), grpc.StatusCode.UNAUTHENTICATED, f"status with {md}")
            else:
                raise AssertionError(f"call with {md} succeeded")

    await checks.run("missing or wrong API key: UNAUTHENTICATED", unauthenticated)

    async def broadcast():
        srec = need(st.get("srec"), "subscriber ready")
        data = {"text": "grpc-broadcast", "run": RUN}
        resp = await api.Broadcast(
            pb.BroadcastRequest(channels=[chat, "nope:x"], data=json.dumps(data).encode()),
            metadata=auth,
        )
        rs = resp.result.responses
        check_eq(len(rs), 2, "responses")
        check(not rs[0].HasField("error") and rs[0].result.offset > 0, f"first {rs[0]}")
        check_eq(rs[1].error.code, 102, "second's error")
        await srec.wait("publication", lambda p: p.pub.data == data)

    await checks.run("Broadcast: one response per channel", broadcast)

    async def history():
        resp = await api.History(pb.HistoryRequest(channel=chat, limit=10), metadata=auth)
        check(not resp.HasField("error"), f"error {resp.error}")
        pubs = resp.result.publications
        check_eq(len(pubs), 2, "publications")
        check_eq(json.loads(pubs[0].data)["text"], "grpc-publish", "first data")
        check_eq((resp.result.offset, resp.result.epoch), (2, st.get("epoch")), "top position")

    await checks.run("History: the publications with the stream position", history)

    async def presence():
        cid = need(st.get("cid"), "subscriber ready")
        resp = await api.Presence(pb.PresenceRequest(channel=chat), metadata=auth)
        p = resp.result.presence
        check(cid in p, f"client {cid} in {list(p)}")
        check_eq(p[cid].user, user, "user")
        stats = await api.PresenceStats(pb.PresenceStatsRequest(channel=chat), metadata=auth)
        check_eq((stats.result.num_clients, stats.result.num_users), (1, 1), "stats")

    await checks.run("Presence and PresenceStats", presence)

    async def channels():
        resp = await api.Channels(pb.ChannelsRequest(pattern=f"chat:grpc-{RUN}*"), metadata=auth)
        check_eq(dict((k, v.num_clients) for k, v in resp.result.channels.items()), {chat: 1}, "channels")

    await checks.run("Channels with a pattern", channels)

    async def info():
        resp = await api.Info(pb.InfoRequest(), metadata=auth)
        nodes = resp.result.nodes
        check_eq(len(nodes), 1, "nodes")
        check(nodes[0].uid and nodes[0].version.endswith("OSS"), f"node {nodes[0]}")
        check(nodes[0].num_clients >= 1, f"num_clients {nodes[0].num_clients}")

    await checks.run("Info: one node", info)

    async def rpc():
        resp = await api.RPC(pb.RPCRequest(method="nothing"), metadata=auth)
        check_eq(resp.error.code, 104, "no RPC methods in OSS")

    await checks.run("RPC: 104 not found", rpc)

    async def subscribe():
        rec = need(st.get("rec"), "subscriber ready")
        ch = f"chat:grpc-server-{RUN}"
        resp = await api.Subscribe(pb.SubscribeRequest(user=user, channel=ch), metadata=auth)
        check(not resp.HasField("error"), f"error {resp.error}")
        await rec.wait("subscribed", lambda c: c.channel == ch)
        st["server_ch"] = ch

    await checks.run("Subscribe: a server-side subscription arrives", subscribe)

    async def unsubscribe():
        rec = need(st.get("rec"), "subscriber ready")
        ch = need(st.get("server_ch"), "server-side subscription")
        resp = await api.Unsubscribe(pb.UnsubscribeRequest(user=user, channel=ch), metadata=auth)
        check(not resp.HasField("error"), f"error {resp.error}")
        await rec.wait("unsubscribed", lambda c: c.channel == ch)

    await checks.run("Unsubscribe: the server-side subscription ends", unsubscribe)

    async def history_remove():
        resp = await api.HistoryRemove(pb.HistoryRemoveRequest(channel=chat), metadata=auth)
        check(not resp.HasField("error"), f"error {resp.error}")
        h = await api.History(pb.HistoryRequest(channel=chat, limit=10), metadata=auth)
        check_eq(len(h.result.publications), 0, "publications after remove")
        check_eq(h.result.offset, 2, "offset kept")

    await checks.run("HistoryRemove: publications gone, position kept", history_remove)

    async def batch():
        for parallel in (False, True):
            resp = await api.Batch(pb.BatchRequest(commands=[
                pb.Command(publish=pb.PublishRequest(channel=chat, data=b'{"batch":1}')),
                pb.Command(presence_stats=pb.PresenceStatsRequest(channel=chat)),
                pb.Command(history=pb.HistoryRequest(channel="closed:x")),
            ], parallel=parallel), metadata=transport)
            r = resp.replies
            check_eq(len(r), 3, "replies")
            check(r[0].HasField("publish") and r[0].publish.offset > 0, f"publish reply {r[0]}")
            check_eq(r[1].presence_stats.num_clients, 1, "presence_stats reply")
            check_eq(r[2].error.code, 108, "history in a namespace without it")

    await checks.run("Batch (sequential and parallel): replies in order, errors per reply", batch)

    async def refresh():
        resp = await api.Refresh(pb.RefreshRequest(user=user), metadata=auth)
        check(not resp.HasField("error"), f"error {resp.error}")

    await checks.run("Refresh", refresh)

    async def disconnect():
        rec = need(st.get("rec"), "subscriber ready")
        resp = await api.Disconnect(
            pb.DisconnectRequest(user=user, disconnect=pb.Disconnect(code=4501, reason="bye")),
            metadata=auth,
        )
        check(not resp.HasField("error"), f"error {resp.error}")
        ctx = await rec.wait("disconnected")
        check_eq((ctx.code, ctx.reason), (4501, "bye"), "disconnect code and reason")

    await checks.run("Disconnect: the client is disconnected with the given code", disconnect)

    async def unimplemented():
        try:
            await api.MapClear(pb.MapClearRequest(channel="m"), metadata=auth)
        except grpc.aio.AioRpcError as e:
            check_eq(e.code(), grpc.StatusCode.UNIMPLEMENTED, "status")
        else:
            raise AssertionError("MapClear succeeded")

    await checks.run("MapClear (not served here): UNIMPLEMENTED", unimplemented)

    for c in ws_clients:
        try:
            await asyncio.wait_for(c.disconnect(), 2)
        except Exception:  # noqa: BLE001 - teardown only
            pass
    await channel.close()
    tmp.cleanup()
    return checks


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    run_main(main)
