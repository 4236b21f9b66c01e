"""centrifuge-python against a server whose events go to the application backend
(tests/sdk/js/backend.mjs over HTTP or GRPC; the Rust test picks the kind). No tokens: the
backend names the user from the forwarded X-User header of the WebSocket upgrade request.

Inputs (environment): CF_WS_URL, CF_API_URL, CF_API_KEY, CF_HMAC_SECRET.
Output: one line per check (`ok - name` / `FAIL - name: why`), then `N passed, M failed`.
"""

import asyncio
import os
import sys
from typing import Any, Dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from centrifuge import Client, ReplyError  # noqa: E402

from common import (  # noqa: E402
    RUN,
    WAIT_TIMEOUT,
    Checks,
    ClientEvents,
    Recorder,
    SubEvents,
    api_call,
    check,
    check_eq,
    load_env,
    need,
    run_main,
)


async def main() -> Checks:
    env = load_env()
    checks = Checks()
    st: Dict[str, Any] = {}
    clients = []
    user = f"py-{RUN}"

    def new_client(**kw):
        rec = Recorder()
        c = Client(
            env["CF_WS_URL"],
            events=ClientEvents(rec),
            timeout=WAIT_TIMEOUT,
            name="proxy-py",
            max_reconnect_delay=1.0,
            proxy=None,
            **kw,
        )
        clients.append(c)
        return c, rec

    async def connect_without_token():
        c, rec = new_client(headers={"X-User": user, "X-Custom": "py"}, data={"hello": "py"})
        await c.connect()
        ctx = await rec.wait("connected", fail_on=("disconnected",))
        check_eq(ctx.data["welcome"], user, "connect data from the backend")
        check_eq(ctx.data["headers"].get("x-custom"), "py", "forwarded header")
        st["c"] = c

    await checks.run("connect without a token: the backend names the user from a header", connect_without_token)

    async def rpc_echo():
        c = need(st.get("c"), "connected")
        r = await c.rpc("echo", {"n": 2})
        check_eq(r.data["user"], user, "user")
        check_eq(r.data["meta"], {"plan": "gold"}, "meta")
        check_eq(r.data["data"], {"n": 2}, "data")
        check_eq(r.data["protocol"], "json", "protocol")

    await checks.run("rpc through the proxy", rpc_echo)

    async def rpc_error():
        c = need(st.get("c"), "connected")
        try:
            await c.rpc("fail", {})
        except ReplyError as e:
            check_eq(e.code, 1004, "error code")
            check_eq(e.message, "backend failed", "error message")
            return
        raise AssertionError("rpc fail succeeded")

    await checks.run("rpc error from the backend", rpc_error)

    async def subscribe_and_publish():
        c = need(st.get("c"), "connected")
        chan = f"ns:py-{RUN}"
        rec = Recorder()
        sub = c.new_subscription(chan, events=SubEvents(rec))
        await sub.subscribe()
        ctx = await rec.wait("subscribed", fail_on=("unsubscribed",))
        check_eq(ctx.data["welcome"], chan, "subscribe data")
        await sub.publish({"text": "py"})
        p = await rec.wait("publication")
        check_eq(p.pub.data, {"text": "py", "checked": True}, "publication rewritten by the backend")
        pres = await api_call(env, "presence", {"channel": chan})
        infos = list(pres["presence"].values())
        check(len(infos) == 1, f"presence: {pres}")
        check_eq(infos[0]["conn_info"], {"name": user}, "conn_info from the connect proxy")

    await checks.run("subscribe and publish through the proxies", subscribe_and_publish)

    async def refresh_prolongs():
        c, rec = new_client(headers={"X-User": f"{user}-r"}, data={"expire_in": 2})
        await c.connect()
        await rec.wait("connected", fail_on=("disconnected",))
        await asyncio.sleep(3.5)
        disconnects = [ctx for ev, ctx in rec.log if ev == "disconnected"]
        check(not disconnects, f"disconnected: {disconnects}")
        r = await c.rpc("echo", {})
        check_eq(r.data["user"], f"{user}-r", "same user after refreshes")

    await checks.run("refresh proxy prolongs the connection", refresh_prolongs, timeout=8)

    for c in clients:
        await c.disconnect()
    return checks


if __name__ == "__main__":
    run_main(main)
