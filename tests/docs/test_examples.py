"""The documentation's code runs: every example file, against a real local control plane.

Contracts pinned here:

- every `docs/examples/*.py` runs to completion as `__main__` against a fresh
  `anyframe.testing.serve()` (fast timings), with `ANYFRAME_API_KEY` / `ANYFRAME_BASE_URL` pointing
  at it, within a bounded time, and prints the lines that show the documented behaviour;
- `docs/examples/quickstart.py` (`make demo`) without any API key starts its own local plane, walks
  the whole tour (build log, running sandbox, streamed reply, preview, terminate), exits 0 and is fast;
- `docs/examples/testing_pytest.py`, the pytest module shown in the testing guide, passes under pytest;
- every `--8<--` include in `docs/**/*.md` names an existing file and, for `file:section`, a section
  delimited in that file; every example file is shown by at least one page;
- every ```` ```python ```` block written inline in a page (not an include) at least compiles.
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import anyframe
import anyframe.testing

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"([^"]+)"[ \t]*$', re.MULTILINE)
FENCE = re.compile(r"^([ \t]*)```python[^\n]*\n(.*?)^\1```[ \t]*$", re.MULTILINE | re.DOTALL)

# Examples run in a child interpreter rather than in this process.
SUBPROCESS_ONLY = {
    "testing_pytest.py",  # runs pytest itself: a nested pytest.main would share this session's state
}

# What each example must print: proof that the documented behaviour happened, not just no crash.
EXPECTED: dict[str, list[str]] = {
    "agents.py": [
        "{'NODE_ENV': '****'}",
        "is not a valid variable name",
        "unknown field(s) sytem_prompt",
        "gone",
    ],
    "async_client.py": ["['running', 'running', 'running']", "3 sessions read concurrently"],
    "attention.py": ["pending: rail-demo"],
    "build_from_scratch.py": ["https://"],
    "builds.py": ["False cached", "final state: succeeded", "build failed:", "valid for"],
    "capabilities.py": ["['repo-tour']", "enabled for this agent: False"],
    "chat.py": ["'ok': True", "result", "agent asks to run", "events in the chat:"],
    "chat_widget.py": ["[alice] result", "[bob] result"],
    "configuration.py": ["-> GET /api/me"],
    "connectors.py": ["finish in a browser:", "bearer_token True cret", "Sentry sentry", "figma 409"],
    "credentials.py": ["True oken", "False"],
    "errors.py": [
        "no such agent",
        "['body', 'runtime']",
        "wrap text as",
        "LocalValidationError 422 ['body', 'name']",
        "['path', 'session_id']",
        "body['temperature'] is nan, which is not valid JSON",
        "503 HTTP 503: upstream timeout",
        "404 HTTP 404: gone",
        "NotFoundError 404 req_1",
        "HTTP 409",
        "still 'booting'",
        "401",
    ],
    "escape_hatches.py": [
        "got hatches",
        "description: None",
        "server refused: ['body', 'template_id']",
        "did you mean 'extra_headers'",
        "request id: req_",
        "True hatches",
        "<RawResponse [200 OK] GET /api/agents/",
        "signed in as",
        "not there: 404",
        "refused: path must be a path below the base URL",
        "[('/api/agents', 200), ('/api/me', 200)]",
    ],
    "guide_local.py": ["local plane at http://127.0.0.1:", "user_message", "result {", "https://sb-"],
    "previews.py": ["web running https://", "{'lines':", "True stopped", "bad spec:"],
    "quickstart.py": [
        "Using the control plane at",
        "sandbox_url: https://",
        "result:",
        "preview 'web' is running",
    ],
    "retries.py": [
        "[503, 503, 200]",
        "not retried: 503",
        "as Retry-After asked",
        "come back in 120.0",
        "APITimeoutError",
    ],
    "sessions.py": ["running https://", "terminated im_", "resumed: running", "cannot delete yet"],
    "setup_auth.py": ["signed in as", "api_key='afm_"],
    "setup_sessions.py": ["True", "sha256:", "400 session is not a setup session"],
    "snapshots.py": ["terminate", "True running"],
    "streaming.py": ["[state] succeeded", "7 user_message", "12 result", "first event of the chat: 1"],
    "takeover.py": ["user_message {'type': 'user_message'", "result {'type': 'result'"],
    "testing_basics.py": ["{'name': 'reviewer'", "[503, 200]", "surfaced as: ResponseValidationError"],
    "testing_control.py": [
        "201 response 1",
        "GET /api/me 503",
        "GET /api/me 200",
        "['cut_stream']",
        "did you mean",
    ],
    "testing_pytest.py": ["3 passed"],
    "testing_resume.py": ["['1', '2', '3', '4', '5', '6']", "[None, '3']", "dropped: APIConnectionError"],
    "tokens.py": ["afm_...", "...until it is revoked"],
    "turns.py": [
        "UserMessagePayload user_message",
        "  thinking: The user asks: think first",
        "  text: ' on it:'",
        "  tool call: Bash(command=ls)",
        "  result: success All done.",
        "the agent asks to run Bash(command=rm -rf ./build)",
        "['Bash(command=rm -rf ./build)'] -> success",
        "questions: ['Which folder should I look at first?']",
        "'Looking at src first.'",
        "no result in time; last seq",
        "that turn ended after all, at seq",
        "events; 5 turns",
        "with X-Trace-Id: ['GET events', 'GET transcript', 'POST message', 'POST respond']",
    ],
}


def _running_session(plane: anyframe.testing.LocalControlPlane) -> None:
    """takeover.py talks to a session someone else started: start one."""
    af = plane.client
    agent = af.agents.create(name="web-ui-agent", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)


PREPARE: dict[str, Callable[[anyframe.testing.LocalControlPlane], None]] = {
    "takeover.py": _running_session,
}


def _examples() -> list[str]:
    return sorted(p.name for p in EXAMPLES.glob("*.py"))


def _pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def _includes() -> Iterator[tuple[Path, str]]:
    for page in _pages():
        for match in INCLUDE.finditer(page.read_text(encoding="utf-8")):
            yield page, match.group(1)


@pytest.fixture
def plane() -> Iterator[anyframe.testing.LocalControlPlane]:
    with anyframe.testing.serve(time_scale=0.1) as plane:
        yield plane


@pytest.fixture
def restore_environ() -> Iterator[None]:
    # Examples may set variables or change directory; no test after them should notice.
    saved, cwd = dict(os.environ), os.getcwd()
    yield
    os.environ.clear()
    os.environ.update(saved)
    os.chdir(cwd)


def test_every_example_has_expectations() -> None:
    assert sorted(EXPECTED) == _examples()


@pytest.mark.integration
@pytest.mark.timeout(45)
@pytest.mark.parametrize("name", [n for n in _examples() if n not in SUBPROCESS_ONLY])
def test_example_runs_against_the_local_control_plane(
    name: str,
    plane: anyframe.testing.LocalControlPlane,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    restore_environ: None,
) -> None:
    prepare = PREPARE.get(name)
    if prepare is not None:
        prepare(plane)
    monkeypatch.setenv("ANYFRAME_API_KEY", plane.api_key)
    monkeypatch.setenv("ANYFRAME_BASE_URL", plane.url)
    started = time.monotonic()
    exit_code: object = None
    try:
        runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    except SystemExit as exc:  # quickstart.py ends with sys.exit(main())
        exit_code = exc.code
    assert exit_code in (0, None), f"{name} exited with {exit_code!r}"
    elapsed = time.monotonic() - started
    out = capsys.readouterr().out
    for expected in EXPECTED[name]:
        assert expected in out, f"{name} did not print {expected!r}; it printed:\n{out}"
    assert elapsed < 30, f"{name} took {elapsed:.1f}s"


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANYFRAME_")}
    # Works whether or not the project is installed in the interpreter running the tests.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


@pytest.mark.integration
@pytest.mark.timeout(60)
def test_quickstart_without_an_api_key_starts_its_own_local_plane(tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        cwd=tmp_path,  # no .env there: no key resolves
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=45,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "starting a local control plane" in out
    for step in (
        "| $ bun install",
        "build succeeded",
        "sandbox_url: https://",
        "result:",
        "is running: https://",
    ):
        assert step in out, f"missing {step!r} in:\n{out}"
    assert "Done in" in out
    assert elapsed < 30, f"make demo took {elapsed:.1f}s"


@pytest.mark.integration
@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(SUBPROCESS_ONLY))
def test_example_runs_in_a_child_interpreter(name: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=tmp_path,
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for expected in EXPECTED[name]:
        assert expected in result.stdout, result.stdout


def test_every_include_points_at_an_existing_file_and_section() -> None:
    includes = list(_includes())
    assert includes, "no --8<-- includes found under docs/"
    for page, target in includes:
        path, _, section = target.partition(":")
        file = ROOT / path
        assert file.is_file(), f"{page.relative_to(ROOT)} includes missing {path}"
        if section:
            text = file.read_text(encoding="utf-8")
            assert f"--8<-- [start:{section}]" in text, f"{page.relative_to(ROOT)}: no section {target}"
            assert f"--8<-- [end:{section}]" in text, f"{page.relative_to(ROOT)}: section {target} not closed"


def test_every_example_is_shown_on_some_page() -> None:
    shown = {Path(target.partition(":")[0]).name for _, target in _includes()}
    assert set(_examples()) - shown == set()


def test_inline_python_blocks_compile() -> None:
    # Runnable samples live in docs/examples; anything typed straight into a page must at least parse.
    for page in _pages():
        for match in FENCE.finditer(page.read_text(encoding="utf-8")):
            indent, body = match.group(1), match.group(2)
            lines = [line.removeprefix(indent) for line in body.splitlines()]
            code = "\n".join(lines)
            if all(INCLUDE.match(line) or not line.strip() for line in lines):
                continue  # an include: the example file itself is executed above
            compile(code, f"{page.relative_to(ROOT)}:python-block", "exec")
