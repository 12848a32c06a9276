"""Running the web chat example for its tests: the app in its own process, a visitor over HTTP.

The app runs the way it is deployed, `uvicorn app:app` in a child process, against a local control
plane in the test process (so tests can inject faults and read the plane's request log). It can be
restarted on the same port, as a deploy would, while browsers are connected.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from anyframe.testing import LocalControlPlane

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "examples" / "web_chat"


def wait_until(predicate: Callable[[], object], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def built_agent(plane: LocalControlPlane) -> int:
    af = plane.client
    agent = af.agents.create(name="web-chat", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    return agent.id


class ChatApp:
    """`uvicorn app:app` on a free loopback port, configured for `plane`."""

    def __init__(self, plane: LocalControlPlane, workdir: Path) -> None:
        self.plane = plane
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir  # the app's cwd: no stray .env is read from the repository
        self.log = workdir / "app.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ANYFRAME_", "WEB_CHAT_"))}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
        env.update(
            ANYFRAME_API_KEY=plane.api_key,
            ANYFRAME_BASE_URL=plane.url,
            WEB_CHAT_AGENT_ID=str(built_agent(plane)),
            WEB_CHAT_SECRET="test-secret-0123456789abcdef0123456789",
            WEB_CHAT_SECURE_COOKIE="0",  # plain http on loopback
            # Tests put a sandbox to sleep themselves (terminate); a slow run must not see one idle
            # out on its own between a visitor's first request and its message (600 s is 60 s here).
            WEB_CHAT_IDLE_TIMEOUT_S="36000",
        )
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "uvicorn", "app:app", "--app-dir", str(APP_DIR),
                    "--host", "127.0.0.1", "--port", str(self.port),
                    "--timeout-graceful-shutdown", "1", "--log-level", "warning",
                    # Longer than the test clients keep an idle connection (httpx: 5 s, uvicorn's
                    # default too): else a client sends its next request on a connection the app
                    # is closing at that very moment, and gets a ReadError with no answer.
                    "--timeout-keep-alive", "30",
                ],
                cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url + "/", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not come up within 30 s:\n{self.output()}")
            time.sleep(0.05)

    def stop(self, *, crash: bool = False) -> None:
        """SIGTERM, as a deploy does: the app must exit on its own within a few seconds.

        With `crash`, SIGKILL instead: connections break at once, mid-response.
        """
        if self.process is None:
            return
        process, self.process = self.process, None
        if crash:
            process.kill()
            process.wait()
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise AssertionError(f"the app ignored SIGTERM for 10 s:\n{self.output()}") from None

    def restart(self, *, crash: bool = False) -> None:
        self.stop(crash=crash)
        self.start()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def session_in(cookie: str) -> str:
    """The AnyFrame session id inside a visitor's `web_chat` cookie (signed, not encrypted)."""
    payload = cookie.split(".")[0]
    data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    return str(data["session_id"])


@dataclass(frozen=True)
class Frame:
    """One SSE frame the app sent; `event` is `None` for the default (unnamed) kind."""

    id: str | None
    event: str | None
    data: str

    def json(self) -> dict[str, object]:
        value = json.loads(self.data)
        assert isinstance(value, dict)
        return value


class FrameParser:
    """Parses the app's SSE output line by line (the subset it writes: id, event, data, comments)."""

    def __init__(self) -> None:
        self._fields: dict[str, list[str]] = {}
        self.retry: str | None = None

    def feed(self, line: str) -> Frame | None:
        """Take one line (without its line break); return the frame it completes, if any."""
        if line == "":
            fields, self._fields = self._fields, {}
            if "data" not in fields:
                return None
            ids, names = fields.get("id", []), fields.get("event", [])
            return Frame(ids[-1] if ids else None, names[-1] if names else None, "\n".join(fields["data"]))
        if not line.startswith(":"):
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "retry":
                self.retry = value
            else:
                self._fields.setdefault(name, []).append(value)
        return None


def frames(lines: Iterable[str]) -> Iterator[Frame]:
    parser = FrameParser()
    for line in lines:
        frame = parser.feed(line)
        if frame is not None:
            yield frame


@dataclass
class Tab:
    """A browser tab on the chat page, with what went wrong in it."""

    page: Page
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in the page's scripts
    console: list[str] = field(default_factory=list)  # console errors (failed loads, CSP violations)

    def seqs(self) -> list[int]:
        """The seq of every event shown, in page order."""
        values = self.page.eval_on_selector_all("#log [data-seq]", "els => els.map(e => e.dataset.seq)")
        return [int(value) for value in values]

    def send(self, text: str) -> None:
        self.page.wait_for_selector("#send:not([disabled])")
        self.page.fill("#text", text)
        self.page.keyboard.press("Enter")

    def wait_for_events(self, count: int, kind: str = "[data-seq]") -> None:
        """Wait until the page shows at least `count` events (of `kind`, a CSS selector)."""
        # Locator waits run outside the page, so its Content-Security-Policy (no eval) does not apply.
        self.page.locator(f"#log {kind}").nth(count - 1).wait_for()

    def wait_for_turns(self, count: int) -> None:
        """Wait until `count` turns have ended on the page."""
        self.wait_for_events(count, ".turn-end")
