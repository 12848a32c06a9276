"""What a first call loads, in a fresh process over loopback (issue 17's cold start and streaming memory).

Contracts pinned here (the bench measures the cost; these pin the mechanism, so a module-level
import added later fails a test instead of quietly costing every cold start):

- a process that only streams chat events imports neither pydantic nor attrs nor any model;
- `agents.list()` loads the agent model but not the full agent's models, the build models, the
  sub-resources, the pollers or the event-stream machinery.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import anyframe
from loopback import Exchange, serve_loopback

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]

KEY = "afm_test_0123456789abcdef"
SID = str(uuid.UUID(int=1))
SRC = str(Path(anyframe.__file__).resolve().parents[1])
WATCHED = (
    "pydantic",
    "attrs",
    "anyframe.models._agents",
    "anyframe.models._agent_detail",
    "anyframe.models._builds",
    "anyframe.models._sessions",
    "anyframe._sync.agent_parts",
    "anyframe._sync._stream",
    "anyframe._core.polling",
)
AGENT = {
    "id": 1,
    "name": "demo",
    "runtime": "claude",
    "preview_ports": [3000],
    "permissions": {},
    "env_vars": {},
    "created_at": "2025-01-01T00:00:00Z",
    "updated_at": "2025-01-01T00:00:00Z",
}


def _answer(exchange: Exchange) -> None:
    if exchange.path.endswith("/events"):
        exchange.sse_head()
        exchange.send(
            b"".join(b'id: %d\nevent: assistant\ndata: {"n": %d}\n\n' % (n, n) for n in range(1, 51))
        )
    else:
        exchange.json([AGENT])


def _loaded_after(call: str, base_url: str) -> list[str]:
    code = (
        "import json, sys, anyframe\n"
        f"af = anyframe.AnyFrame(api_key={KEY!r}, base_url={base_url!r}, load_dotenv=False)\n"
        f"{call}\n"
        f"print(json.dumps([m for m in {WATCHED!r} if m in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PYTHONPATH": SRC, "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_a_process_that_only_streams_chat_events_loads_no_model_pydantic_or_attrs() -> None:
    with serve_loopback(_answer) as server:
        streamed = f"events = [e.id for e in af.sessions.events({SID!r})]\nassert events[-1] == '50', events"
        # The sessions resource loads its (pure) pollers at import: fine, they need no pydantic.
        assert _loaded_after(streamed, server.url) == ["anyframe._sync._stream", "anyframe._core.polling"]


def test_listing_agents_loads_the_agent_model_and_nothing_a_list_does_not_use() -> None:
    with serve_loopback(_answer) as server:
        listed = "agents = af.agents.list()\nassert agents[0].name == 'demo'"
        assert _loaded_after(listed, server.url) == ["pydantic", "anyframe.models._agents"]
