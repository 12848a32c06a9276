"""Escape hatches: per-call options, client defaults, raw responses and request ids, `af.request()`,
hooks and a logger of your own. Runs against whatever ANYFRAME_BASE_URL points at (the docs tests use
a local control plane)."""

from __future__ import annotations

import logging

import httpx

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="hatches", repo_url="tinyhq/box", install_cmd="bun install")

# --8<-- [start:options]
detail = af.agents.get(
    agent.id,
    extra_headers={"X-Trace-Id": "4bf92f3577b34da6"},  # sent with this request only
    extra_query={"expand": "image"},  # added to its query string
    timeout=httpx.Timeout(5.0, connect=2.0),  # this call's timeout instead of the client's (30 s)
)
print("got", detail.name)

# `extra_body` sets keys on top of the JSON body: an explicit None sends JSON null (clear the field) ...
af.agents.update(agent.id, description="temporary")
cleared = af.agents.update(agent.id, extra_body={"description": None})
print("description:", cleared.description)

# ... and a field this SDK does not know goes to the server, which decides (this one refuses it).
try:
    af.agents.create(name="with-template", extra_body={"template_id": 3})
except anyframe.ValidationError as error:
    print("server refused:", error.errors[0]["loc"])

# Options are checked before anything is sent.
try:
    af.agents.get(agent.id, extra_header={"X-Trace-Id": "1"})  # type: ignore[call-arg]
except anyframe.InvalidArgumentError as error:
    print(error)
# --8<-- [end:options]

# --8<-- [start:defaults]
tenant = anyframe.AnyFrame(
    default_headers={"X-Tenant": "acme", "User-Agent": "billing-bot/1.4"},  # on every request
    default_query={"tenant": "acme"},
)
tenant.me()
traced = tenant.with_options(default_headers={"X-Team": "platform"})  # adds to the original's
traced.me()
tenant.close()
# --8<-- [end:defaults]

# --8<-- [start:raw]
raw = af.with_raw_response.agents.get(agent.id)
print(raw.status_code, raw.headers["content-type"], f"{raw.elapsed * 1000:.0f} ms")
print("request id:", raw.request_id)  # quote it when you report a problem
same = raw.parse()  # the AgentDetail that af.agents.get() returns, built on first use
print(same.id == agent.id, raw.json()["name"])  # type: ignore[index]
print(repr(raw))
# --8<-- [end:raw]

# --8<-- [start:request]
me = af.request("GET", "/api/me")  # decoded JSON: a dict here
assert isinstance(me, dict)
print("signed in as", me["login"])

try:
    af.request("GET", "/api/credits")  # not served by this control plane
except anyframe.NotFoundError as error:
    print("not there:", error.status_code)

try:
    af.request("GET", "https://elsewhere.example/api/me")  # the key never leaves the base URL
except anyframe.InvalidArgumentError as error:
    print("refused:", error)
# --8<-- [end:request]


# --8<-- [start:hooks]
durations: list[tuple[str, int | None, float]] = []


def on_request(request: anyframe.RequestInfo) -> None:
    if request.attempt > 1:
        print(f"retrying {request.method} {request.path} (attempt {request.attempt})")


def on_response(response: anyframe.ResponseInfo) -> None:
    durations.append((response.path, response.status_code, response.elapsed))


logging.basicConfig(format="%(name)s %(levelname)s %(message)s")
mine = logging.getLogger("billing.anyframe")
mine.setLevel(logging.DEBUG)

with anyframe.AnyFrame(on_request=on_request, on_response=on_response, logger=mine) as observed:
    observed.agents.list()  # logged by "billing.anyframe", timed by on_response
    observed.me()
print([(path, status) for path, status, _ in durations])
# --8<-- [end:hooks]
mine.setLevel(logging.WARNING)

af.close()
