"""A local AnyFrame control plane: the whole API, in memory, over real HTTP on 127.0.0.1.

Run the user guide's examples, the SDK's integration tests or your own tests with no account and no
network. Every operation of the API contract is implemented with its paths, status codes, JSON field
names and `{"detail": ...}` errors; state lives in memory and dies with the plane. Standard library
only; the SDK is imported lazily, only by `plane.client` / `plane.async_client()`.

```python
import anyframe.testing

with anyframe.testing.serve() as plane:
    af = plane.client                      # anyframe.AnyFrame(api_key=plane.api_key, base_url=plane.url)
    agent = af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
```

From a shell: `python -m anyframe.testing [--seed] [--port N] [--time-scale X]` prints the URL, an API
token, the control token and an `export ANYFRAME_API_KEY=... ANYFRAME_BASE_URL=... ANYFRAME_PLANE_TOKEN=...`
line (with `--seed`, once its demo session is running); Ctrl-C (or SIGTERM) stops it.

Test helpers on the plane: `plane.seed()` creates a demo agent, a build and a session and returns once
the session runs (for examples that expect a running session); `plane.append_events(session_id,
payloads)` injects a long chat history at once (transcript paging, stream replay benchmarks).

**Validation from the spec.** Requests are checked against `openapi.json`, the JSON copy of
`openapi.yaml` that `make generate` writes into this package: path and query parameters and bodies
(types, required fields, enums, bounds, unknown fields), answered with FastAPI-shaped 422s.

**What it simulates.** `afm_` bearer tokens (401 for unknown or revoked ones; `plane.api_key` is minted
at start); credentials (only `set` / `last4` / `updated_at` come back); connectors and the catalog
(OAuth `authorize_url`s point at `/_plane/oauth/authorize` on the plane, which completes the flow when
opened; the `figma` entry is `coming_soon` and installing it answers 409); agents with skills, MCPs and
connector toggles; builds that run `queued` -> `running` -> `succeeded`/`failed` (an `install_cmd` with
`exit N`, N != 0, or the word `fail` fails) with a live `line`/`state` SSE log, cached by
`(repo_url, repo_ref, install_cmd)`; sessions `booting` -> `running` -> (idle) snapshot -> `terminated`,
terminate/resume/delete, snapshots, setup sessions and save-as-base; a chat bridge that answers each
message with a scripted turn (assistant text, a tool call and result, then `result`; words in the
message ask for every other payload type: "permission", "question", "think", "stream", "error",
"unknown"), persisted with `seq`, replayed by `transcript` and streamed by `events` (with
`Last-Event-ID` replay, `: keepalive` comments and a live tail, ending once the session stops);
previews; and the attention rail. The module docstrings of `_builds`, `_sessions`, `_chat`, `_previews` and
`_connectors` record every choice made where the contract is silent.

**Time.** [Timings][anyframe.testing.Timings] holds every delay; `time_scale` multiplies them all
(`0` = instantaneous) except `keepalive_interval` (default 15 s). Pass either `timings=` or single
overrides: `serve(time_scale=0, keepalive_interval=0.5)`.

**Faults from Python.** `plane.faults` ([Faults][anyframe.testing.Faults]):

```python
plane.faults.add(method="GET", path="/api/sessions/*", status=503, times=2)       # not processed
plane.faults.add(method="POST", path="/api/agents", status=429, retry_after=1)    # Retry-After: 1
plane.faults.add(path="/api/agents", status=429, retry_after_ms=150)              # retry-after-ms
plane.faults.add(method="POST", path="/api/sessions", status=500, process=True)   # done, then 500
plane.faults.add(path="/api/me", delay=2.0)                                       # slow, then normal
plane.faults.add(path="/api/me", body="malformed")                                # 200 `{"id": 1,`
plane.faults.add(path="/api/me", body="html", status=502)                         # proxy HTML page
plane.faults.cut_stream(path="/api/sessions/*/events", after=3, times=1)          # drop after 3 frames
plane.faults.stall_stream(path="/api/sessions/*/events", after=1, seconds=5)      # 5 s of silence
plane.faults.clear()
```

Paths: an exact path, or a pattern where `*` matches within one path segment and `**` across segments;
`regex=True` for a regex matching the whole path (the same rule as `plane.requests.filter`); a path that
can never match is a `ValueError`. `method="*"` matches any method; `times=None` never expires. Rules are
consumed in the order added.

**Faults over HTTP** (with `Authorization: Bearer <plane.control_token>`, a loopback `Host` and a JSON
body): `POST /_plane/faults` with the same keywords as JSON plus `"kind": "response" | "cut_stream" |
"stall_stream"` (default `response`), e.g. `{"path": "/api/sessions/*", "status": 503, "times": 2}` ->
201 with the rule (400 with a `detail` when invalid); `GET /_plane/faults` lists, `DELETE /_plane/faults`
clears. Also `GET|DELETE /_plane/requests` (the request log) and `GET /_plane/health`.
[PlaneControl][anyframe.testing.PlaneControl] calls them from another process.

**Request log.** `plane.requests` ([RequestLog][anyframe.testing.RequestLog]) records every `/api`
request: method, path, query, headers (without credentials), parsed JSON body (secrets as `"****"`) and
the status answered; `plane.requests.filter(method="POST", path="/api/agents")`, `plane.requests.clear()`.
It is bounded, and keeps only the request line of a request without a valid token.

**Limits.** [Limits][anyframe.testing.Limits]: connections served at once, the read timeout of slow or
idle clients, the size of the request log.
"""

from __future__ import annotations

from ._config import Limits, Timings
from ._control import PlaneControl
from ._faults import FaultRule, Faults, StreamFault
from ._plane import LocalControlPlane, serve
from ._requests import RecordedRequest, RequestLog

__all__ = [
    "FaultRule",
    "Faults",
    "Limits",
    "LocalControlPlane",
    "PlaneControl",
    "RecordedRequest",
    "RequestLog",
    "StreamFault",
    "Timings",
    "serve",
]
