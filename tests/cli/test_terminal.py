"""The `anyframe` command in a real terminal: tmux runs it, `send-keys` types, `capture-pane` reads the screen.

Contracts pinned here:

- `credentials set claude` on a terminal asks at a hidden prompt: what is typed never shows on the
  screen, and the credential is stored (its last 4 characters come back);
- Ctrl-C at that prompt leaves with exit status 130, a one-line note and no traceback; nothing is stored;
- `agents build ID --wait` on a terminal shows a spinner with the elapsed time while the log streams,
  removes it at the end, and prints the final state; exit status 0;
- `agents delete ID` on a terminal asks first: `n` keeps the agent (exit status 1), `y` deletes it;
- tables on a terminal are drawn and coloured, and carry no colour at all with `NO_COLOR` set;
- `sessions chat ID` is a REPL: at its `you>` prompt a typed message is sent, the reply streams in a
  live display (the text growing above a spinner with the elapsed time, which is gone once the turn
  ends), a permission request is shown in colour and asked `[y/n]`, `y` approves it and the turn goes
  on to its result, the prompt comes back; Ctrl-C there exits 130 with a one-line note, no traceback;
  Ctrl-D exits 0.

tmux is installed by `make test-tools`. Without it these tests skip, except under `CI=true`, where a
missing tmux fails them: a skipped terminal test would hide an untested interactive path.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from anyframe.testing import LocalControlPlane, serve

pytestmark = [pytest.mark.integration, pytest.mark.timeout(90)]


def _tmux() -> str:
    path = shutil.which("tmux")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "tmux is not installed: `make test-tools` installs it (the terminal tests must run in CI)"
            )
        pytest.skip("tmux is not installed (`make test-tools` installs it)")
    return path


def _anyframe() -> str:
    script = Path(sys.executable).parent / "anyframe"
    if script.exists():
        return shlex.quote(str(script))  # the console script, as `pip install anyframe` puts it on PATH
    return f"{shlex.quote(sys.executable)} -m anyframe"


class Terminal:
    """One tmux server of our own (its own socket), one 120x40 window running a bare bash."""

    def __init__(self, tmux: str, socket: Path, env: dict[str, str]) -> None:
        self.tmux, self.socket = tmux, socket
        self._run("-f", "/dev/null", "new-session", "-d", "-s", "cli", "-x", "120", "-y", "40",
                  "bash --noprofile --norc", env=env)  # fmt: skip
        self.type("PS1='$ '")
        self.type("clear")

    def _run(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [self.tmux, "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            timeout=10,
            env=env,
            check=True,
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name (`Enter`, `C-c`)."""
        self._run("send-keys", "-t", "cli", *keys)

    def type(self, text: str, *, enter: bool = True) -> None:
        """Type text literally, then Enter."""
        self._run("send-keys", "-t", "cli", "-l", text)
        if enter:
            self.keys("Enter")

    def screen(self, *, escapes: bool = False) -> str:
        """What the window shows now (with colour escapes when asked)."""
        return self._run("capture-pane", "-p", "-t", "cli", *(["-e"] if escapes else []))

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """The first screen showing all of `texts` at once."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{texts!r} did not appear together on the terminal; it shows:\n{screen}"
                )
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(
            [self.tmux, "-S", str(self.socket), "kill-server"], capture_output=True, timeout=10, check=False
        )


@pytest.fixture
def plane() -> Iterator[LocalControlPlane]:
    # Real-time builds and chat turns long enough (~2 s) to watch the spinner; boots stay quick.
    with serve(build_seconds=2.0, boot_seconds=0.05, turn_seconds=2.0) as running:
        yield running


@pytest.fixture
def term(plane: LocalControlPlane, tmp_path: Path) -> Iterator[Terminal]:
    tmux = _tmux()
    env = {name: value for name, value in os.environ.items() if not name.startswith(("ANYFRAME_", "TMUX"))}
    for name in ("NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "FORCE_COLOR", "COLUMNS", "LINES"):
        env.pop(name, None)
    env.update(ANYFRAME_API_KEY=plane.api_key, ANYFRAME_BASE_URL=plane.url, TERM="xterm-256color")
    terminal = Terminal(tmux, tmp_path / "tmux.sock", env)
    try:
        yield terminal
    finally:
        terminal.close()


def test_credentials_set_reads_the_secret_at_a_hidden_prompt(
    term: Terminal, plane: LocalControlPlane
) -> None:
    secret = "sk-ant-typed-at-the-prompt-7q9z"
    term.type(f"{_anyframe()} credentials set claude; echo exit=$?")
    term.wait_for("Claude token:")
    term.type(secret)
    screen = term.wait_for("exit=0")
    assert "Stored the claude credential." in screen
    assert secret not in screen
    assert secret[-6:] not in screen
    assert plane.client.credentials.get().claude.last4 == secret[-4:]


def test_ctrl_c_at_the_prompt_exits_130_and_stores_nothing(term: Terminal, plane: LocalControlPlane) -> None:
    term.type(f"{_anyframe()} credentials set codex; echo exit=$?")
    term.wait_for("Codex token:")
    term.type("half-typed", enter=False)
    term.keys("C-c")
    screen = term.wait_for("exit=130")
    assert "Interrupted." in screen
    assert "Traceback" not in screen
    assert plane.client.credentials.get().codex.set is False


def test_build_wait_shows_a_spinner_with_elapsed_time_then_the_final_state(
    term: Terminal, plane: LocalControlPlane
) -> None:
    agent = plane.client.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
    term.type(f"{_anyframe()} agents build {agent.id} --wait; echo exit=$?")
    live = term.wait_for("0:00:0")  # Rich's elapsed-time column, while the build runs
    assert "Build" in live
    screen = term.wait_for("exit=0")
    assert "$ bun install" in screen
    assert "succeeded" in screen.split("exit=0")[0].splitlines()[-2]
    assert "0:00:0" not in screen  # the live line is gone once the build ended


def test_agents_delete_asks_before_deleting(term: Terminal, plane: LocalControlPlane) -> None:
    agent = plane.client.agents.create(name="doomed")
    term.type(f"{_anyframe()} agents delete {agent.id}; echo exit=$?")
    term.wait_for("with its sessions and builds? [y/N]:")
    term.type("n")
    screen = term.wait_for("exit=1")
    assert "nothing deleted" in screen
    assert [a.id for a in plane.client.agents.list()] == [agent.id]

    term.type("clear")
    term.type(f"{_anyframe()} agents delete {agent.id}; echo exit=$?")
    term.wait_for("with its sessions and builds? [y/N]:")
    term.type("y")
    screen = term.wait_for("exit=0")
    assert f"Deleted agent {agent.id}." in screen
    assert plane.client.agents.list() == []


def test_tables_are_coloured_on_a_terminal_unless_no_color(term: Terminal, plane: LocalControlPlane) -> None:
    seeded = plane.seed()
    plane.client.sessions.wait_until_running(str(seeded["session_id"]))
    term.type(f"{_anyframe()} sessions list; echo done=$((1 + 1))")  # the echo's output, not the typed line
    term.wait_for("done=2")
    coloured = term.screen(escapes=True)
    assert "STATUS" in coloured
    assert "─" in coloured
    assert "running" in coloured
    assert "\x1b[32m" in coloured or "\x1b[38;5;2m" in coloured  # `running` in green

    term.type("clear")
    term.type(f"NO_COLOR=1 {_anyframe()} sessions list; echo done=$((2 + 1))")
    term.wait_for("done=3")
    plain = term.screen(escapes=True)
    table = plain.split("done=3")[0]
    assert "STATUS" in table
    assert "running" in table
    assert "\x1b[3" not in table
    assert "\x1b[9" not in table


def test_chat_streams_the_reply_asks_for_permission_and_leaves_on_ctrl_c(
    term: Terminal, plane: LocalControlPlane
) -> None:
    session_id = str(plane.seed()["session_id"])
    term.type(f"{_anyframe()} sessions chat {session_id}; echo exit=$?")
    term.wait_for("you>")
    term.type("please stream, and ask permission to clean up")
    # The live display: the streamed text above a spinner with the elapsed time.
    live = term.wait_for("Sure, working", "Working 0:00:0")
    assert live.index("Sure, working") < live.index("Working 0:00:0")
    asked = term.wait_for("Allow it? [y/n]")
    assert "? permission requested: Bash(command=rm -rf ./build)" in asked
    assert "Working 0:00" not in asked  # no spinner while it waits for the answer
    assert "\x1b[35m" in term.screen(escapes=True)  # the request stands out, in magenta
    term.type("y")
    screen = term.wait_for("✓ success")
    turn = screen.split("you> please stream")[1]
    assert turn.count("Sure, working on it: please stream, and ask permission to clean up") == 1
    assert turn.index("Allow it? [y/n] y") < turn.index("  approved") < turn.index("  ↳ removed ./build")
    assert turn.index("  ↳ removed ./build") < turn.index("All done.") < turn.index("✓ success")
    prompt = term.wait_for("✓ success")
    assert prompt.rstrip().splitlines()[-1] == "you>"
    assert "Working 0:00" not in prompt
    decisions = plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/respond")
    assert [record.body["decision"] for record in decisions] == ["approve"]  # type: ignore[index]

    term.keys("C-c")
    screen = term.wait_for("exit=130")
    assert "Interrupted." in screen
    assert "Traceback" not in screen


def test_chat_ctrl_d_leaves_with_0(term: Terminal, plane: LocalControlPlane) -> None:
    session_id = str(plane.seed()["session_id"])
    term.type(f"{_anyframe()} sessions chat {session_id}; echo exit=$?")
    term.wait_for("you>")
    term.keys("C-d")
    screen = term.wait_for("exit=0")
    assert "Traceback" not in screen
    assert plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/message") == []
