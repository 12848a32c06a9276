"""`anyframe` as a process: the console script, `python -m anyframe`, and `anyframe plane` in the foreground.

Contracts pinned here:

- the installed `anyframe` console script and `python -m anyframe` run the same command line;
- `--help` imports neither the SDK's HTTP stack nor Rich (what keeps start-up fast);
- `anyframe plane` prints the plane's URL and an `export` line that another command can use as is,
  serves until SIGTERM or Ctrl-C, then exits 0; `--json` prints one JSON line; `--seed` seeds;
- a port already in use is one `error:` line and exit status 1;
- a reader that went away (`anyframe ... | head -1`) ends the command with status 1 and nothing on stderr.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cli_runner import invoke

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANYFRAME_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def test_the_console_script_and_python_m_anyframe_run_the_command_line() -> None:
    script = Path(sys.executable).parent / "anyframe"
    if not script.exists():
        pytest.skip("the package is not installed in this interpreter's environment (no console script)")
    for command in ([str(script)], [sys.executable, "-m", "anyframe"]):
        result = subprocess.run(
            [*command, "--version"], capture_output=True, text=True, timeout=30, env=_env(), check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("anyframe ")


def test_help_loads_neither_httpx_nor_pydantic_nor_rich() -> None:
    code = (
        "import sys\n"
        "from anyframe._cli import main\n"
        "status = main(['--help'])\n"
        "main(['agents', 'build', '--help'])\n"
        "loaded = sorted(m for m in ('httpx', 'pydantic', 'rich') if m in sys.modules)\n"
        "print(status, loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, env=_env(), check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 []"


@contextmanager
def _plane(*args: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "anyframe", "plane", "--time-scale", "0.05", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _export(line: str) -> dict[str, str]:
    assert line.startswith("export ")
    return dict(part.split("=", 1) for part in line.split()[1:])


def test_plane_prints_an_export_line_that_works_and_stops_cleanly_on_sigterm() -> None:
    with _plane("--seed") as process:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(3)]
        assert lines[0].startswith("AnyFrame local control plane listening on http://127.0.0.1:")
        assert lines[1].startswith("Seeded agent 1 and session ")
        env = _export(lines[2])
        assert env["ANYFRAME_API_KEY"].startswith("afm_")
        agents = invoke(("agents", "list", "--json"), input=None, env=env)
        assert agents.code == 0, agents.err
        assert [agent["name"] for agent in agents.json()] == ["demo"]
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=15)
        assert process.returncode == 0, err
        assert "Stopped." in err
        assert "Traceback" not in err


def test_plane_json_prints_one_line_and_ctrl_c_stops_it() -> None:
    with _plane("--json") as process:
        assert process.stdout is not None
        first = json.loads(process.stdout.readline())
        assert set(first) == {"url", "api_key", "control_token", "seeded"}
        assert first["seeded"] is None
        me = invoke(
            ("me", "--json"),
            input=None,
            env={"ANYFRAME_API_KEY": first["api_key"], "ANYFRAME_BASE_URL": first["url"]},
        )
        assert me.code == 0, me.err
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=15)
        assert process.returncode == 0, err


def test_plane_on_a_busy_port_is_one_error_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        # In a child process: the plane's server leaks its wake-up socket pair when the bind fails,
        # which this suite (warnings are errors) would report against the test.
        result = subprocess.run(
            [sys.executable, "-m", "anyframe", "plane", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
            env=_env(),
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot start the local control plane")
    assert result.stderr.rstrip().endswith(
        f"(port {port}: pick another --port, or leave it out for a free one)"
    )
    assert result.stderr.count("\n") == 1


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written: every write fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "anyframe", "completion", "bash"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
            env=_env(),
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == ""
