"""`make bench`: what the SDK costs over raw httpx, as ratios measured in one interleaved run.

A canned HTTP/1.1 server (`scripts/bench_server.py`) runs in its own process on 127.0.0.1 and answers
fixed bytes, so the SDK and the raw-httpx baseline talk to the same server over loopback and differ
only in the client code. The canned server rather than `anyframe.testing.serve()`: the local control
plane does real work per request (auth, routing, JSON encoding) on threads, which would add its own
noise to per-call figures of a few hundred microseconds.

Every comparison alternates SDK and raw rounds (swapping which goes first each round) and takes
medians over many rounds, so that machine noise (CPU frequency, other processes) hits both sides.

| Figure | SDK | Baseline | Target |
|---|---|---|---|
| `agents.list()` per call (100 agents) | `AnyFrame` | `httpx.Client.get` + `json.loads` | <= 1.15x |
| `sessions.get()` per call | `AnyFrame` | `httpx.Client.get` + `json.loads` | <= 1.15x |
| SSE backlog replay, events/s | `sessions.events()` | httpx-sse `iter_sse` | >= 2.0x |
| peak RSS of a process that only streams 200,000 events | `sessions.events()` | httpx + httpx-sse | <= +5 MiB |
| RSS growth over those 200,000 events | `sessions.events()` | after the first 10k events | <= 1 MiB |
| cold start: fresh process, import + client + `agents.list()` (100) | `AnyFrame` | `httpx` + `json.loads` | <= 1.5x |
| `sessions.get()` p50 with 1,000 chat streams open | `AsyncAnyFrame` | same client, no stream open | <= 1.5x |
| events delivered to 1,000 open streams | one broadcast event each | expected 1,000 | >= 1.0x |
| 1,000 concurrent `sessions.get()`, warm client | `AsyncAnyFrame` | `httpx.AsyncClient` | <= 1.2x |
| same, on a new client | `AsyncAnyFrame` | `httpx.AsyncClient` | <= 0.1x |
| import wall time (fresh interpreter, median of 15) | `import anyframe` | `import httpx` | <= 1.0x |
| `anyframe --help`, whole process (median of 15) | the console script | `python -c "import httpx"` | <= 1.5x |

Informational figures (no target): the SSE parsers alone over in-memory bytes
(`scripts/bench_sse_parser.py`), and `from anyframe import AnyFrame`, the import a program pays
before its first call.

Run: `make bench`, or `.venv/bin/python scripts/bench.py [--quick] [--json PATH]`. It prints each
figure with its target and verdict, writes `bench-results.json` at the repository root, and exits 1
when a target is missed. It takes about three minutes on two cores (`--quick`: well under one, noisier).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
for _path in (str(ROOT / "src"), str(SCRIPTS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import httpx  # noqa: E402
import httpx_sse  # noqa: E402
from bench_server import AGENT_COUNT, event_frame  # noqa: E402

import anyframe  # noqa: E402

__all__ = ["Figure", "main"]

API_KEY = "afm_bench_0123456789abcdef0123"
SESSION_ID = "3f2b8c1e-9a47-4d2e-b6f0-5c81d2a7e934"
FANOUT = 1_000
MEMORY_EVENTS = 200_000
MEMORY_BASELINE_AT = 10_000
RAW_TIMEOUT = 30.0  # the SDK's default; httpx's own 5 s pool timeout fails the new-client fan-out outright


def stream_id(events: int) -> str:
    """A session id for which the canned server replays `events` chat events (see bench_server)."""
    return f"00000000-0000-4000-8000-{events:012d}"


@dataclass
class Figure:
    """One measured comparison and its verdict."""

    name: str
    sdk: float
    baseline: float
    unit: str
    ratio: float
    target: str
    verdict: str
    detail: str = ""
    ratio_unit: str = "x"
    """How the ratio column reads: a ratio (`x`), or a difference in the figure's unit (`MiB`)."""

    def line(self) -> str:
        ratio = f"{self.ratio:>7.2f}x" if self.ratio_unit == "x" else f"{self.ratio:>+5.1f}{self.ratio_unit}"
        return (
            f"{self.name:<50} {self.sdk:>11.4g} vs {self.baseline:>11.4g} {self.unit:<9} "
            f"{ratio:>8}  {self.target:<9} {self.verdict}"
        )


def _verdict(ratio: float, op: str, limit: float) -> tuple[str, str]:
    ok = ratio <= limit if op == "<=" else ratio >= limit
    return f"{op} {limit:g}x", ("ok" if ok else "MISS")


def _figure(name: str, sdk: float, base: float, unit: str, ratio: float, op: str, limit: float) -> Figure:
    target, verdict = _verdict(ratio, op, limit)
    return Figure(name, sdk, base, unit, ratio, target, verdict)


def _info(name: str, sdk: float, base: float, unit: str, ratio: float, detail: str = "") -> Figure:
    return Figure(name, sdk, base, unit, ratio, "info", "-", detail)


# --- The server -----------------------------------------------------------------------------------


class CannedServer:
    """`scripts/bench_server.py` in a child process; it exits when we close its stdin."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPTS / "bench_server.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("port "):
            self.close()
            raise RuntimeError(f"the benchmark server did not start: {line!r}")
        self.base_url = f"http://127.0.0.1:{int(line.split()[1])}"

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- Measurement helpers ----------------------------------------------------------------------------


def interleaved(
    sdk: Callable[[], float], raw: Callable[[], float], rounds: int
) -> tuple[list[float], list[float], list[float]]:
    """Run `rounds` paired rounds, alternating which side goes first; return both series and their ratios.

    Each callable runs one round and returns the figure for it (seconds per call, or seconds per
    round). Pairing rounds lets the median of the per-round ratios cancel slow drifts of the machine.
    """
    sdk_times: list[float] = []
    raw_times: list[float] = []
    for index in range(rounds):
        if index % 2:
            raw_times.append(raw())
            sdk_times.append(sdk())
        else:
            sdk_times.append(sdk())
            raw_times.append(raw())
    ratios = [s / r for s, r in zip(sdk_times, raw_times, strict=True)]
    return sdk_times, raw_times, ratios


def _check(condition: bool, what: str) -> None:
    """Stop the benchmark when a side did not do the work it is timed for (not `assert`: -O drops it)."""
    if not condition:
        raise RuntimeError(f"benchmark sanity check failed: {what}")


def _timed(calls: int, func: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls


# --- Per-call (sync) --------------------------------------------------------------------------------


def bench_per_call(base_url: str, rounds: int, calls: int) -> list[Figure]:
    headers = {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}
    figures = []
    with (
        anyframe.AnyFrame(api_key=API_KEY, base_url=base_url, load_dotenv=False) as af,
        httpx.Client(base_url=base_url, headers=headers, timeout=RAW_TIMEOUT) as raw,
    ):
        agents_url, session_url = "/api/agents", f"/api/sessions/{SESSION_ID}"
        cases: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
            (
                f"agents.list() per call ({AGENT_COUNT} agents)",
                af.agents.list,
                lambda: json.loads(raw.get(agents_url).content),
            ),
            (
                "sessions.get() per call",
                lambda: af.sessions.get(SESSION_ID),
                lambda: json.loads(raw.get(session_url).content),
            ),
        ]
        for name, sdk_call, raw_call in cases:
            _check(bool(raw_call()) and bool(sdk_call()), f"{name}: both sides answer")
            for _ in range(calls):  # warm both: connections, validators, caches
                sdk_call()
                raw_call()
            sdk_t, raw_t, ratios = interleaved(
                lambda s=sdk_call: _timed(calls, s),  # type: ignore[misc]
                lambda r=raw_call: _timed(calls, r),  # type: ignore[misc]
                rounds,
            )
            figures.append(
                _figure(
                    name,
                    statistics.median(sdk_t) * 1e6,
                    statistics.median(raw_t) * 1e6,
                    "us/call",
                    statistics.median(ratios),
                    "<=",
                    1.15,
                )
            )
    return figures


# --- 1,000 open chat streams on one client ---------------------------------------------------------

STREAMS = 1_000


def live_id(n: int) -> str:
    """A session id for which the canned server keeps a live chat stream open (see bench_server)."""
    return f"11111111-0000-4000-8000-{n:012d}"


async def _p50_latency(af: anyframe.AsyncAnyFrame, calls: int) -> float:
    latencies = []
    for _ in range(calls):
        start = time.perf_counter()
        await af.sessions.get(SESSION_ID)
        latencies.append(time.perf_counter() - start)
    return statistics.median(latencies)


async def _open_streams_cycle(
    af: anyframe.AsyncAnyFrame, raw: httpx.AsyncClient, calls: int, seq: int
) -> tuple[float, int]:
    """Open 1,000 live streams, time calls while they are open, broadcast one event to them all.

    Returns:
        The p50 call latency with the streams open, and how many streams got the new event.
    """
    received = [0] * STREAMS
    opened = asyncio.Event()
    first_events = 0

    async def visitor(n: int) -> None:
        nonlocal first_events
        async with af.sessions.events(live_id(n)) as stream:
            async for event in stream:
                received[n] += 1
                if event.id == "1":
                    first_events += 1
                    if first_events == STREAMS:
                        opened.set()
                elif event.id == str(seq):
                    return

    visitors = [asyncio.ensure_future(visitor(n)) for n in range(STREAMS)]
    await asyncio.wait_for(opened.wait(), 120)
    busy = await _p50_latency(af, calls)
    answer = (await raw.get("/_bench/broadcast", params={"seq": seq})).json()
    _check(answer["streams"] == STREAMS, f"{answer['streams']} live streams open on the server")
    await asyncio.wait_for(asyncio.gather(*visitors), 60)
    return busy, sum(1 for count in received if count == 2)


async def _streams_row(base_url: str, rounds: int, calls: int) -> list[Figure]:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with (
        anyframe.AsyncAnyFrame(api_key=API_KEY, base_url=base_url, load_dotenv=False) as af,
        httpx.AsyncClient(base_url=base_url, headers=headers, timeout=RAW_TIMEOUT) as raw,
    ):
        await _p50_latency(af, calls)  # warm: connections, validators
        idle: list[float] = []
        busy: list[float] = []
        delivered = 0
        # Idle and busy rounds alternate, so that machine noise hits both sides alike.
        for cycle in range(rounds):
            idle.append(await _p50_latency(af, calls))
            p50, got = await _open_streams_cycle(af, raw, calls, seq=cycle + 2)
            busy.append(p50)
            delivered += got
        idle.append(await _p50_latency(af, calls))
    p50_idle, p50_busy = statistics.median(idle), statistics.median(busy)
    expected = STREAMS * rounds
    return [
        _figure(
            f"sessions.get() p50, {STREAMS:,} streams open vs none",
            p50_busy * 1e6,
            p50_idle * 1e6,
            "us/call",
            p50_busy / p50_idle,
            "<=",
            1.5,
        ),
        _figure(
            f"new events delivered to {STREAMS:,} open streams ({rounds} rounds)",
            delivered,
            expected,
            "events",
            delivered / expected,
            ">=",
            1.0,
        ),
    ]


def bench_streams(base_url: str, rounds: int, calls: int) -> list[Figure]:
    """The chat-widget hot path: one async client holding 1,000 live streams still answers calls."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4 * STREAMS:  # each stream is a socket on both ends of the loopback
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4 * STREAMS + 1024), hard))
    return asyncio.run(_streams_row(base_url, rounds, calls))


# --- Async fan-out ----------------------------------------------------------------------------------


async def _sdk_fanout(af: anyframe.AsyncAnyFrame) -> float:
    start = time.perf_counter()
    results = await asyncio.gather(*(af.sessions.get(SESSION_ID) for _ in range(FANOUT)))
    elapsed = time.perf_counter() - start
    assert len(results) == FANOUT
    return elapsed


async def _raw_fanout(client: httpx.AsyncClient) -> float:
    url = f"/api/sessions/{SESSION_ID}"

    async def one() -> object:
        return json.loads((await client.get(url)).content)

    start = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(FANOUT)))
    elapsed = time.perf_counter() - start
    assert len(results) == FANOUT
    return elapsed


def _new_sdk(base_url: str) -> anyframe.AsyncAnyFrame:
    return anyframe.AsyncAnyFrame(api_key=API_KEY, base_url=base_url, load_dotenv=False)


def _new_raw(base_url: str) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}
    return httpx.AsyncClient(base_url=base_url, headers=headers, timeout=RAW_TIMEOUT)


async def _fanout_warm(
    base_url: str, rounds: int, budget_s: float
) -> tuple[list[float], list[float], list[float]]:
    async with _new_sdk(base_url) as af, _new_raw(base_url) as raw:
        await _sdk_fanout(af)  # warm: the pool's connections are open from here on
        await _raw_fanout(raw)
        sdk_t: list[float] = []
        raw_t: list[float] = []
        started = time.perf_counter()
        for index in range(rounds):
            # A raw round takes 2 s or 25 s depending on how many of its connections httpx kept
            # (20 of 100 by default); bound the total so that the whole benchmark stays under 3 minutes.
            if index >= 3 and time.perf_counter() - started > budget_s:
                break
            order = [("raw", _raw_fanout(raw)), ("sdk", _sdk_fanout(af))]
            if not index % 2:
                order.reverse()
            for side, coro in order:
                (sdk_t if side == "sdk" else raw_t).append(await coro)
    return sdk_t, raw_t, [s / r for s, r in zip(sdk_t, raw_t, strict=True)]


async def _fanout_new(base_url: str, raw_rounds: int, sdk_rounds: int) -> tuple[list[float], list[float]]:
    async def sdk_round() -> float:
        async with _new_sdk(base_url) as af:
            return await _sdk_fanout(af)

    async def raw_round() -> float:
        async with _new_raw(base_url) as raw:
            return await _raw_fanout(raw)

    # Raw httpx needs ~20 s per round here, the SDK ~1 s: more SDK rounds, spread around the raw ones.
    sdk_t: list[float] = [await sdk_round()]
    raw_t: list[float] = []
    for index in range(max(raw_rounds, sdk_rounds - 1)):
        if index < raw_rounds:
            raw_t.append(await raw_round())
        if len(sdk_t) < sdk_rounds:
            sdk_t.append(await sdk_round())
    return sdk_t, raw_t


def bench_fanout(base_url: str, warm_rounds: int, new_raw_rounds: int, new_sdk_rounds: int) -> list[Figure]:
    sdk_t, raw_t, ratios = asyncio.run(_fanout_warm(base_url, warm_rounds, budget_s=45.0))
    warm = _figure(
        f"{FANOUT:,} concurrent sessions.get(), warm client",
        statistics.median(sdk_t),
        statistics.median(raw_t),
        "s",
        statistics.median(ratios),
        "<=",
        1.2,
    )
    sdk_t, raw_t = asyncio.run(_fanout_new(base_url, new_raw_rounds, new_sdk_rounds))
    # Unpaired rounds (raw httpx takes tens of seconds each): the ratio of the medians.
    new = _figure(
        f"{FANOUT:,} concurrent sessions.get(), new client",
        statistics.median(sdk_t),
        statistics.median(raw_t),
        "s",
        statistics.median(sdk_t) / statistics.median(raw_t),
        "<=",
        0.1,
    )
    return [warm, new]


# --- SSE throughput ---------------------------------------------------------------------------------


def bench_sse(base_url: str, rounds: int, events: int) -> list[Figure]:
    sid = stream_id(events)
    path = f"/api/sessions/{sid}/events"
    headers = {"Authorization": f"Bearer {API_KEY}", "Cache-Control": "no-cache"}

    with (
        anyframe.AnyFrame(api_key=API_KEY, base_url=base_url, load_dotenv=False) as af,
        httpx.Client(base_url=base_url, headers=headers, timeout=RAW_TIMEOUT) as raw,
    ):

        def sdk_round() -> float:
            count = 0
            last_id: str | None = None
            start = time.perf_counter()
            with af.sessions.events(sid) as stream:
                for event in stream:
                    count += 1
                    if count == events:
                        last_id = event.id
                        break
            elapsed = time.perf_counter() - start
            _check(count == events and last_id == str(events), f"SDK stream: {count} events, last {last_id}")
            return events / elapsed

        def raw_round() -> float:
            count = 0
            last_id: str | None = None
            start = time.perf_counter()
            with httpx_sse.connect_sse(raw, "GET", path) as source:
                for sse in source.iter_sse():
                    count += 1
                    if count == events:
                        last_id = sse.id
                        break
            elapsed = time.perf_counter() - start
            _check(
                count == events and last_id == str(events),
                f"httpx-sse stream: {count} events, last {last_id}",
            )
            return events / elapsed

        sdk_round()  # warm: the server builds and caches the body on the first request
        raw_round()
        sdk_r, raw_r, ratios = interleaved(sdk_round, raw_round, rounds)
    figures = [
        _figure(
            "SSE backlog replay, sessions.events()",
            statistics.median(sdk_r),
            statistics.median(raw_r),
            "events/s",
            statistics.median(ratios),
            ">=",
            2.0,
        )
    ]

    # The parsers alone, over the same frames in memory: what the end-to-end ratio is diluted from.
    import bench_sse_parser as parser_bench

    body = b"".join(_frames(events))
    chunks = parser_bench.cut(body, 64 * 1024)
    t_ours = parser_bench.best_time(parser_bench.count_anyframe, chunks, 3)
    t_theirs = parser_bench.best_time(parser_bench.count_httpx_sse, chunks, 3)
    figures.append(
        _info(
            "SSE parser alone (64 KiB chunks, in memory)",
            events / t_ours,
            events / t_theirs,
            "events/s",
            t_theirs / t_ours,
        )
    )
    return figures


def _frames(events: int) -> Iterator[bytes]:
    return (event_frame(seq) for seq in range(1, events + 1))


# --- Memory while streaming (each side in a fresh process, so that the peak RSS is its stream's alone)


def _child_env() -> dict[str, str]:
    """The environment of a measured child: this checkout's sources first, bytecode caching on."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


_MEMORY_CHILD = """
import json, os, sys, resource
flavour, base_url, sid, total, baseline_at, api_key = sys.argv[1:7]
total, baseline_at = int(total), int(baseline_at)


def rss_kib():
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak


def events():
    if flavour == "sdk":
        import anyframe

        with anyframe.AnyFrame(api_key=api_key, base_url=base_url, load_dotenv=False) as af:
            with af.sessions.events(sid) as stream:
                for event in stream:
                    yield event.id, event.data
    else:
        import httpx
        import httpx_sse

        headers = {"Authorization": "Bearer " + api_key}
        with httpx.Client(base_url=base_url, headers=headers, timeout=30.0) as client:
            with httpx_sse.connect_sse(client, "GET", "/api/sessions/" + sid + "/events") as source:
                for sse in source.iter_sse():
                    yield sse.id, sse.data


count = at_baseline = after = 0
last_id = None
for last_id, data in events():
    count += 1
    if count % 1000 == 0:
        rss = rss_kib()
        if count == baseline_at:
            at_baseline = after = rss
        elif count > baseline_at:
            after = max(after, rss)
    if count == total:
        break
def peak_kib():
    # VmHWM, this process's own high-water mark: ru_maxrss would also count the memory of the
    # parent it was forked from (Linux carries the fork's peak across exec).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


peak = peak_kib()
print(json.dumps({"events": count, "last_id": last_id, "baseline_kib": at_baseline, "after_kib": after,
                  "peak_kib": peak, "modules": sorted(m for m in ("pydantic", "attrs") if m in sys.modules)}))
"""


def _memory_run(flavour: str, base_url: str) -> dict[str, Any]:
    """Stream `MEMORY_EVENTS` events in a fresh process that does nothing else; its RSS figures."""
    sid = stream_id(MEMORY_EVENTS)
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD, flavour, base_url, sid, str(MEMORY_EVENTS),
         str(MEMORY_BASELINE_AT), API_KEY],
        check=True, capture_output=True, text=True, timeout=180, env=_child_env(),
    )  # fmt: skip
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    _check(
        data["events"] == MEMORY_EVENTS and data["last_id"] == str(MEMORY_EVENTS),
        f"{flavour} streaming process: {data['events']} events, last {data['last_id']}",
    )
    return data


def bench_memory(base_url: str, runs: int) -> list[Figure]:
    """Peak RSS of a process that only streams chat events, SDK against raw httpx + httpx-sse."""
    sdk_runs: list[dict[str, Any]] = []
    raw_runs: list[dict[str, Any]] = []
    for n in range(runs):
        pair = [("sdk", sdk_runs), ("raw", raw_runs)]
        for flavour, into in pair if n % 2 == 0 else reversed(pair):
            into.append(_memory_run(flavour, base_url))
    sdk_peak = statistics.median(r["peak_kib"] for r in sdk_runs) / 1024
    raw_peak = statistics.median(r["peak_kib"] for r in raw_runs) / 1024
    worst = max(sdk_runs, key=lambda r: r["after_kib"] - r["baseline_kib"])
    growth = (worst["after_kib"] - worst["baseline_kib"]) / 1024
    modules = sorted({m for r in sdk_runs for m in r["modules"]})
    over = sdk_peak - raw_peak
    return [
        Figure(
            "peak RSS of a streaming-only process",
            sdk_peak,
            raw_peak,
            "MiB",
            over,
            "<= +5 MiB",
            "ok" if over <= 5.0 else "MISS",
            detail=f"{MEMORY_EVENTS:,} events each, median of {runs}; the SDK process imported "
            f"{', '.join(modules) or 'neither pydantic nor attrs'}",
            ratio_unit="MiB",
        ),
        Figure(
            f"RSS growth streaming {MEMORY_EVENTS:,} events",
            worst["after_kib"] / 1024,
            worst["baseline_kib"] / 1024,
            "MiB",
            growth,
            "<= 1 MiB",
            "ok" if growth <= 1.0 else "MISS",
            detail=f"the SDK process's RSS after {MEMORY_BASELINE_AT:,} events against its highest after "
            "(worst run)",
            ratio_unit="MiB",
        ),
    ]


# --- Cold start -------------------------------------------------------------------------------------

_COLD_START = {
    "sdk": (
        "import time; t = time.perf_counter(); import anyframe; "
        "af = anyframe.AnyFrame(api_key={key!r}, base_url={url!r}, load_dotenv=False); "
        "agents = af.agents.list(); elapsed = time.perf_counter() - t; "
        "assert len(agents) == {count} and agents[0].id; print(elapsed)"
    ),
    "raw": (
        "import time; t = time.perf_counter(); import httpx, json; "
        "client = httpx.Client(base_url={url!r}, headers={{'Authorization': 'Bearer {key}'}}); "
        "agents = json.loads(client.get('/api/agents').content); elapsed = time.perf_counter() - t; "
        "assert len(agents) == {count} and agents[0]['id']; print(elapsed)"
    ),
}


def _cold_start(flavour: str, base_url: str) -> float:
    code = _COLD_START[flavour].format(key=API_KEY, url=base_url, count=AGENT_COUNT)
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_child_env(), timeout=60
    )
    return float(out.stdout.strip())


def bench_cold_start(base_url: str, runs: int) -> list[Figure]:
    """A fresh process's import + client + `agents.list()` (100 agents), against raw httpx + `json.loads`.

    Timed inside the child from its first statement (interpreter start-up, the same on both sides, is
    left out), so the figure is what the SDK adds to a CLI, a cron job or a serverless cold start.
    """
    _cold_start("sdk", base_url)  # compile and cache the bytecode outside the measurement
    _cold_start("raw", base_url)
    sdk_t, raw_t, ratios = interleaved(
        lambda: _cold_start("sdk", base_url), lambda: _cold_start("raw", base_url), runs
    )
    sdk, raw = statistics.median(sdk_t) * 1e3, statistics.median(raw_t) * 1e3
    return [
        _figure(
            f"cold start: import + client + agents.list() ({AGENT_COUNT})",
            sdk,
            raw,
            "ms",
            statistics.median(ratios),
            "<=",
            1.5,
        )
    ]


# --- Import time ------------------------------------------------------------------------------------


def _import_time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_child_env()
    )
    return float(out.stdout.strip())


def bench_import(runs: int) -> list[Figure]:
    for statement in ("import httpx", "import anyframe", "from anyframe import AnyFrame"):
        _import_time(statement)  # compile and cache the bytecode outside the measurement
    figures = []
    for statement, informational in (("import anyframe", False), ("from anyframe import AnyFrame", True)):
        sdk_t, raw_t, _ = interleaved(
            lambda s=statement: _import_time(s),  # type: ignore[misc]
            lambda: _import_time("import httpx"),
            runs,
        )
        sdk, raw = statistics.median(sdk_t) * 1e3, statistics.median(raw_t) * 1e3
        name = f"`{statement}` vs `import httpx`"
        if informational:
            figures.append(
                _info(name, sdk, raw, "ms", sdk / raw, "what a program pays before its first call")
            )
        else:
            figures.append(_figure(name, sdk, raw, "ms", sdk / raw, "<=", 1.0))
    return figures


def _process_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_child_env())
    return time.perf_counter() - start


def bench_cli_help(runs: int) -> list[Figure]:
    """`anyframe --help` from process start to exit, against a process that only imports httpx.

    Whole processes on both sides (interpreter start-up included), since that is what a person at
    a shell waits for. The console script when the package is installed, else `python -m anyframe`.
    """
    script = Path(sys.executable).parent / "anyframe"
    cli = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "anyframe", "--help"]
    baseline = [sys.executable, "-c", "import httpx"]
    _process_time(cli)  # compile and cache the bytecode outside the measurement
    _process_time(baseline)
    cli_t, raw_t, _ = interleaved(lambda: _process_time(cli), lambda: _process_time(baseline), runs)
    sdk, raw = statistics.median(cli_t) * 1e3, statistics.median(raw_t) * 1e3
    return [_figure('`anyframe --help` vs `python -c "import httpx"`', sdk, raw, "ms", sdk / raw, "<=", 1.5)]


# --- Main -------------------------------------------------------------------------------------------


def _environment() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for name in ("httpx", "httpcore", "pydantic", "pydantic_core", "httpx_sse", "anyio", "h11"):
        try:
            from importlib.metadata import version

            versions[name] = version(name.replace("_", "-"))
        except Exception:
            versions[name] = None
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "anyframe": anyframe.__version__,
        "packages": versions,
        "sniffio_installed": importlib.util.find_spec("sniffio") is not None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke run, noisier figures")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "bench-results.json", help="where to write results"
    )
    args = parser.parse_args(argv)

    quick = args.quick
    env = _environment()
    print(
        f"anyframe {env['anyframe']} on Python {env['python']}, {env['cpus']} CPUs, "
        f"httpx {env['packages']['httpx']}, httpcore {env['packages']['httpcore']}, "
        f"pydantic {env['packages']['pydantic']}"
    )
    if not env["sniffio_installed"]:
        print(
            "note: sniffio is not installed, so httpcore retries a failing `import sniffio` several times per "
            "async request; both sides of the fan-out figures pay it"
        )
    started = time.perf_counter()
    server = CannedServer()
    figures: list[Figure] = []
    header = f"{'figure':<50} {'sdk':>11}    {'baseline':>11} {'unit':<9} {'ratio':>8}  {'target':<9} verdict"
    print(header)
    print("-" * len(header))

    def report(new: list[Figure]) -> None:
        for figure in new:
            print(figure.line(), flush=True)
            if figure.detail:
                print(f"    {figure.detail}")
        figures.extend(new)

    try:
        gc.collect()
        report(bench_per_call(server.base_url, rounds=10 if quick else 30, calls=20 if quick else 40))
        report(bench_sse(server.base_url, rounds=4 if quick else 10, events=50_000))
        report(bench_memory(server.base_url, runs=1 if quick else 3))
        report(bench_cold_start(server.base_url, runs=7 if quick else 15))
        report(bench_streams(server.base_url, rounds=2 if quick else 5, calls=50 if quick else 100))
        report(
            bench_fanout(
                server.base_url,
                warm_rounds=3 if quick else 7,
                new_raw_rounds=1,
                new_sdk_rounds=1 if quick else 3,
            )
        )
    finally:
        server.close()
    report(bench_import(runs=7 if quick else 15))
    report(bench_cli_help(runs=7 if quick else 15))

    elapsed = time.perf_counter() - started
    misses = [f.name for f in figures if f.verdict == "MISS"]
    judged = [f for f in figures if f.verdict != "-"]
    print(f"\n{len(judged) - len(misses)} of {len(judged)} targets met")
    if misses:
        print(f"MISSED: {'; '.join(misses)}")
    print(f"(benchmark took {elapsed:.0f} s)")
    args.json.write_text(
        json.dumps(
            {
                "environment": env,
                "quick": quick,
                "elapsed_s": round(elapsed, 1),
                "ok": not misses,
                "figures": [asdict(f) for f in figures],
            },
            indent=2,
        )
        + "\n"
    )
    print(f"results written to {args.json}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
