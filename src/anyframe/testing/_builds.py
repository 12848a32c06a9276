"""Builds: queue, simulate, cache and stream them (contract §7.9 and §9.2).

A build goes `queued` -> `running` -> `succeeded` | `failed` over `Timings.build_seconds`, writing its log
line by line as it goes. The recipe fails when `install_cmd` contains `exit N` with N != 0 (exit code N)
or the word `fail` (exit code 1). Successful images are cached by `(repo_url, repo_ref, install_cmd)`
across agents: building a cached recipe answers `queued: false, reason: "cached"` (and the agent's
build status reads `succeeded` at once) unless `force` is set; building while a build of the same agent
is queued or running answers `queued: false, reason: "build already running"`.

The log stream sends one `line` frame per log line, data `{"offset": <byte offset>, "content": "<line>\n",
"text": "<line>\n"}` (`content` is the contract's key; `text` is what the user guide reads), then one
`state` frame, data `{"state": "succeeded"}` (plus `error` when failed), then ends the response. Late
subscribers get the backlog first, then the live tail. Revoking the token a stream was opened with ends
it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable, Iterator
from typing import cast

from ._http import ApiError, Frames, Request, Response, StreamResponse, dumps, json_response
from ._routing import AGENT, Handler, Params
from ._rows import AgentRow, BuildRow, CacheEntry, ImageRow, utcnow
from ._world import World, short_id

__all__ = [
    "ROUTES",
    "build_log_text",
    "build_log_url",
    "build_status",
    "list_builds",
    "queue_build",
    "stream_build",
]

TERMINAL = frozenset({"succeeded", "failed", "cancelled"})
_EXIT = re.compile(r"\bexit\s+(\d+)")
_FAIL = re.compile(r"\bfail\b", re.IGNORECASE)


def recipe_key(agent: AgentRow) -> str:
    """Return the cache key of an agent's image recipe."""
    recipe = "\0".join(str(part) for part in (agent.repo_url, agent.repo_ref, agent.install_cmd))
    return hashlib.sha256(recipe.encode()).hexdigest()[:16]


def _exit_code(install_cmd: str | None) -> int:
    if not install_cmd:
        return 0
    for match in _EXIT.finditer(install_cmd):
        if int(match.group(1)) != 0:
            return int(match.group(1))
    return 1 if _FAIL.search(install_cmd) else 0


def _script(agent: AgentRow, image_id: str) -> tuple[list[str], int]:
    lines = []
    if agent.repo_url:
        lines.append(
            f"$ git clone --depth 1 --branch {agent.repo_ref} https://github.com/{agent.repo_url} /workspace"
        )
        lines.append("Cloning into '/workspace'...")
    else:
        lines.append("no repository configured: starting from the base image")
    code = _exit_code(agent.install_cmd)
    if agent.install_cmd:
        lines.append(f"$ {agent.install_cmd}")
        if code:
            lines.append(f"error: command exited with code {code}")
            return lines, code
        lines += ["resolving dependencies...", "installed 42 packages"]
    lines += [f"exporting image {image_id}", "build succeeded"]
    return lines, 0


def queue_build(world: World, request: Request, params: Params) -> Response:
    """`POST /api/agents/{agent_id}/build` with `{"force": bool}` (202 `BuildQueued`)."""
    force = params.fields()["force"] is True
    agent = world.agent(params.num("agent_id"))
    key = recipe_key(agent)
    active = next(
        (b for b in world.builds.values() if b.agent_id == agent.id and b.state not in TERMINAL), None
    )
    if active is not None:
        reason: dict[str, object] = {
            "queued": False,
            "reason": "build already running",
            "build_id": active.id,
        }
        return json_response(202, {"agent_id": agent.id, "build_key": active.build_key, **reason})
    cached = world.build_cache.get(key)
    if cached is not None and not force:
        agent.image = cached.build.image
        agent.status_build = cached.build
        return json_response(202, {"agent_id": agent.id, "build_key": key, "queued": False, "reason": "cached",
                                   "build_id": None})  # fmt: skip
    build = BuildRow(id=world.next_id("build"), agent_id=agent.id, build_key=key, started_at=utcnow())
    world.builds[build.id] = build
    agent.status_build = build
    _simulate(world, agent, build)
    return json_response(202, {"agent_id": agent.id, "build_key": key, "queued": True, "reason": None,
                               "build_id": build.id})  # fmt: skip


def _simulate(world: World, agent: AgentRow, build: BuildRow) -> None:
    image_id = short_id("im_")
    lines, code = _script(agent, image_id)
    total = world.timings.build
    start = total * 0.1
    step = (total - start) / (len(lines) + 1)

    def begin() -> None:
        if world.builds.get(build.id) is build:
            build.state = "running"
            build.started_at = utcnow()

    def emit(line: str) -> None:
        if world.builds.get(build.id) is build:
            build.lines.append(line + "\n")

    def finish() -> None:
        if world.builds.get(build.id) is not build:
            return
        now = build.finished_at = utcnow()
        if code:
            build.state = "failed"
            build.error = f"install_cmd exited with code {code}"
            return
        build.state = "succeeded"
        build.image = ImageRow(build.build_key, image_id, now)
        world.build_cache[build.build_key] = CacheEntry(build)
        owner = world.agents.get(build.agent_id)
        if owner is not None and owner.status_build is build:
            owner.image = build.image

    world.later(start, begin)
    for index, line in enumerate(lines):
        world.later(start + step * (index + 1), functools.partial(emit, line))
    world.later(total, finish)


def build_status(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}/build/status` (`build_key: null` before any build)."""
    agent = world.agent(params.num("agent_id"))
    if agent.status_build is None:
        return json_response(200, {"agent_id": agent.id, "build_key": None})
    return json_response(200, agent.status_build.status_json(agent.id))


def list_builds(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}/builds?limit=N`, newest first."""
    limit = max(0, min(cast(int, params.query["limit"]), 100))  # the real cap is unknown; 100 here
    agent = world.agent(params.num("agent_id"))
    rows = sorted((b for b in world.builds.values() if b.agent_id == agent.id), key=lambda b: -b.id)
    return json_response(200, [b.to_json() for b in rows[:limit]])


def _build(world: World, params: Params) -> BuildRow:
    agent = world.agent(params.num("agent_id"))
    build = world.builds.get(params.num("build_id"))
    if build is None or build.agent_id != agent.id:
        raise ApiError(404, "build not found")
    return build


def build_log_url(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}/builds/{build_id}/log_url`: a signed link to the plain-text log, valid 300 s."""
    build = _build(world, params)
    expires = int(time.time()) + 300
    url = f"{world.base_url}/_plane/logs/{build.id}?expires={expires}&sig={world.sign(build.id, expires)}"
    return json_response(200, {"url": url, "expires_in": 300})


def build_log_text(world: World, build_id: int) -> str | None:
    """Return a build's log as text (for the `log_url` target), or `None` for an unknown build."""
    build = world.builds.get(build_id)
    return None if build is None else "".join(build.lines)


def stream_build(world: World, request: Request, params: Params) -> StreamResponse:
    """`GET /api/agents/{agent_id}/builds/{build_id}/stream`: the live log as SSE."""
    return StreamResponse(_frames(world, _build(world, params), request.authorized))


def _frames(world: World, build: BuildRow, authorized: Callable[[], bool]) -> Iterator[Frames]:
    cursor = 0
    offset = 0
    interval = world.timings.keepalive_interval
    while True:
        deadline = time.monotonic() + interval
        with world.cond:
            while True:
                if world.stopping.is_set() or world.builds.get(build.id) is not build or not authorized():
                    return
                fresh = build.lines[cursor:]
                done = build.state in TERMINAL
                remaining = deadline - time.monotonic()
                if fresh or done or remaining <= 0:
                    break
                world.cond.wait(remaining)
        if fresh:
            batch = []
            for line in fresh:
                data = dumps({"offset": offset, "content": line, "text": line})
                batch.append(b"event: line\ndata: " + data + b"\n\n")
                offset += len(line.encode())
            cursor += len(fresh)
            yield batch
        elif done:
            state: dict[str, object] = {"state": build.state}
            if build.error:
                state["error"] = build.error
            yield [b"event: state\ndata: " + dumps(state) + b"\n\n"]
            return
        else:
            yield [b": keepalive\n\n"]


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", f"{AGENT}/build", queue_build),
    ("GET", f"{AGENT}/build/status", build_status),
    ("GET", f"{AGENT}/builds", list_builds),
    ("GET", f"{AGENT}/builds/{{build_id}}/log_url", build_log_url),
    ("GET", f"{AGENT}/builds/{{build_id}}/stream", stream_build),
]
