"""Shared helpers of the Python conformance scripts: env contract (plus the format
switch CF_FORMAT = json (default) | protobuf), HS256 tokens, check runner with per-step
timeout and summary, event recorder, raw HTTP API call.

Standard library only, so it works with whatever SDK version is installed.
"""

import asyncio
import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from centrifuge import ClientEventHandler, SubscriptionEventHandler

# Per-step timeout (seconds): a hang fails the step fast instead of stalling the run.
STEP_TIMEOUT = 4.0
# Waits for events inside a step end a little earlier so the step reports what was seen.
WAIT_TIMEOUT = STEP_TIMEOUT - 0.5

ENV_NAMES = ("CF_WS_URL", "CF_API_URL", "CF_API_KEY", "CF_HMAC_SECRET")

RUN = secrets.token_hex(4)

# Client protocol format of centrifuge-python (`use_protobuf`). With protobuf the SDK
# hands publication data to the app as raw bytes and needs bytes to publish, so the
# scripts go through enc()/dec().
FORMAT = (os.environ.get("CF_FORMAT") or "json").lower()
PROTOBUF = FORMAT == "protobuf"


def load_env() -> Dict[str, str]:
    """Reads the env contract; prints a FAIL summary and exits when incomplete."""
    env = {name: os.environ.get(name, "") for name in ENV_NAMES}
    missing = [name for name, value in env.items() if not value]
    problems = [f"missing {', '.join(missing)}"] if missing else []
    if FORMAT not in ("json", "protobuf"):
        problems.append(f"CF_FORMAT must be json or protobuf, got {os.environ.get('CF_FORMAT')!r}")
    if problems:
        print(f"FAIL - environment: {'; '.join(problems)}")
        print("0 passed, 1 failed")
        sys.exit(1)
    return env


def enc(value: Any) -> Any:
    """Data to hand to the SDK (publish/rpc/send): the JSON value, or its JSON bytes."""
    return json.dumps(value).encode() if PROTOBUF else value


def dec(data: Any) -> Any:
    """Data received from the SDK back to a JSON value (protobuf: bytes holding JSON)."""
    if PROTOBUF and isinstance(data, (bytes, bytearray)):
        return json.loads(data.decode()) if data else None
    return data


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def jwt_hs256(claims: Dict[str, Any], secret: str) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64url(json.dumps(claims).encode())
    signing_input = f"{header}.{body}".encode()
    sig = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return f"{header}.{body}.{_b64url(sig)}"


def conn_token(secret: str, user: str, **extra: Any) -> str:
    return jwt_hs256({"sub": user, "exp": int(time.time()) + 3600, **extra}, secret)


class Checks:
    """Runs checks one by one; each gets a timeout and never stops the run."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    async def run(
        self, name: str, fn: Callable[[], Awaitable[None]], timeout: float = STEP_TIMEOUT
    ) -> bool:
        try:
            await asyncio.wait_for(fn(), timeout)
        except asyncio.TimeoutError:
            self.failed += 1
            print(f"FAIL - {name}: timed out after {timeout} s", flush=True)
            return False
        except Exception as e:  # noqa: BLE001 - any failure is reported, never raised
            self.failed += 1
            why = str(e) or repr(e)
            print(f"FAIL - {name}: {type(e).__name__}: {why}", flush=True)
            return False
        self.passed += 1
        print(f"ok - {name}", flush=True)
        return True

    def finish(self) -> None:
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        sys.exit(0 if self.failed == 0 else 1)


def check(cond: Any, msg: str) -> None:
    if not cond:
        raise AssertionError(msg)


def check_eq(actual: Any, expected: Any, what: str) -> None:
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")


def need(value: Any, what: str) -> Any:
    """Fails a dependent check at once when its prerequisite is missing."""
    if not value:
        raise AssertionError(f"prerequisite failed: {what}")
    return value


class Recorder:
    """Keeps every event from the moment it is created, so a check can await an event
    that may already have happened (no sleeps, no races)."""

    def __init__(self) -> None:
        self.log: List[Tuple[str, Any]] = []
        self._cond = asyncio.Condition()

    async def push(self, event: str, ctx: Any) -> None:
        async with self._cond:
            self.log.append((event, ctx))
            self._cond.notify_all()

    async def wait(
        self,
        event: str,
        pred: Callable[[Any], bool] = lambda _ctx: True,
        fail_on: Tuple[str, ...] = (),
        timeout: float = WAIT_TIMEOUT,
        start: int = 0,
    ) -> Any:
        """First `event` matching `pred` (already recorded from index `start` on, or
        future); raises on timeout, or as soon as a `fail_on` event is recorded before
        the match."""
        found: List[Any] = []

        def ready() -> bool:
            for ev, ctx in self.log[start:]:
                if ev == event and pred(ctx):
                    found.append(ctx)
                    return True
                if ev in fail_on:
                    raise AssertionError(f"got {ev} {ctx} while waiting for {event}")
            return False

        async with self._cond:
            try:
                await asyncio.wait_for(self._cond.wait_for(ready), timeout)
            except asyncio.TimeoutError:
                seen = [ev for ev, _ in self.log]
                raise AssertionError(
                    f"no matching {event} event within {timeout} s; saw {seen}"
                ) from None
        return found[0]


class ClientEvents(ClientEventHandler):
    """Client-level events (server-side subscriptions included) into a Recorder."""

    def __init__(self, rec: "Recorder") -> None:
        self.rec = rec

    async def on_connecting(self, ctx):
        await self.rec.push("connecting", ctx)

    async def on_connected(self, ctx):
        await self.rec.push("connected", ctx)

    async def on_disconnected(self, ctx):
        await self.rec.push("disconnected", ctx)

    async def on_error(self, ctx):
        await self.rec.push("error", ctx)

    async def on_subscribed(self, ctx):
        await self.rec.push("subscribed", ctx)

    async def on_unsubscribed(self, ctx):
        await self.rec.push("unsubscribed", ctx)

    async def on_publication(self, ctx):
        await self.rec.push("publication", ctx)


class SubEvents(SubscriptionEventHandler):
    """Subscription events into a Recorder."""

    def __init__(self, rec: "Recorder") -> None:
        self.rec = rec

    async def on_subscribing(self, ctx):
        await self.rec.push("subscribing", ctx)

    async def on_subscribed(self, ctx):
        await self.rec.push("subscribed", ctx)

    async def on_unsubscribed(self, ctx):
        await self.rec.push("unsubscribed", ctx)

    async def on_publication(self, ctx):
        await self.rec.push("publication", ctx)

    async def on_join(self, ctx):
        await self.rec.push("join", ctx)

    async def on_leave(self, ctx):
        await self.rec.push("leave", ctx)

    async def on_error(self, ctx):
        await self.rec.push("error", ctx)


def _http_post(url: str, body: Dict[str, Any], api_key: str) -> Tuple[int, str]:
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-API-Key": api_key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=WAIT_TIMEOUT) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


async def api_call(env: Dict[str, str], method: str, body: Dict[str, Any]) -> Dict[str, Any]:
    """Raw HTTP API call (independent of the `cent` package); returns `result`."""
    status, text = await asyncio.to_thread(
        _http_post, f"{env['CF_API_URL']}/{method}", body, env["CF_API_KEY"]
    )
    if status != 200:
        raise AssertionError(f"API {method}: HTTP {status} {text}")
    payload = json.loads(text)
    if payload.get("error"):
        raise AssertionError(f"API {method}: {text}")
    return payload.get("result", {})


def run_main(main: Callable[[], Awaitable[Optional[Checks]]]) -> None:
    checks = asyncio.run(main())
    if checks is not None:
        checks.finish()
