"""Every `anyframe` command against a real local control plane, through Click's runner.

Contracts pinned here:

- each command calls the API it names and prints its result: `--json` output parses and carries the
  fields of the API's answer; piped (plain) output is tab-separated rows without a header;
- `--json` works before the command (`anyframe --json agents list`) and after it (`agents list --json`);
- exit statuses: 0 done (and a `succeeded` build), 1 an API error, a failed build or a failed preview
  action, 2 a usage error (bad option, missing argument, bad input the SDK refuses before sending);
- errors are one `error: ...` line on stderr, without a traceback unless `--debug`;
- secrets: a minted token is printed once, by `tokens create`, and in no other output; credential and
  bearer values are read from stdin, never echoed, never accepted as arguments;
- `agents build --wait` streams the build log, then the final state (JSON lines with `--json`);
  `sessions new --wait` returns the running session;
- `--help` works on every command; `--version`; `completion SHELL` and Click's completion protocol.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

import anyframe
from anyframe._cli import main
from anyframe.testing import LocalControlPlane
from cli_runner import invoke

from .conftest import Cli

pytestmark = pytest.mark.integration


def _agent(plane: LocalControlPlane, install_cmd: str = "bun install") -> int:
    return plane.client.agents.create(name="demo", repo_url="tinyhq/box", install_cmd=install_cmd).id


def _running_session(plane: LocalControlPlane) -> str:
    af = plane.client
    agent_id = _agent(plane)
    af.agents.build(agent_id)
    af.agents.wait_for_build(agent_id)
    return af.sessions.wait_until_running(af.sessions.create(agent_id=agent_id).id).id


# --- identity, tokens, credentials ------------------------------------------------------------------------


def test_me_prints_the_account_as_json_and_as_plain_fields(cli: Cli) -> None:
    result = cli("me", "--json")
    assert result.code == 0, result.err
    me = result.json()
    assert me["login"] == "local"
    assert isinstance(me["id"], int)
    plain = cli("me")
    assert plain.code == 0
    assert f"login\t{me['login']}" in plain.out.splitlines()


def test_json_is_accepted_before_and_after_the_command(cli: Cli, plane: LocalControlPlane) -> None:
    _agent(plane)
    before, after = cli("--json", "agents", "list"), cli("agents", "list", "--json")
    assert before.code == after.code == 0
    assert before.json() == after.json()
    assert [agent["name"] for agent in before.json()] == ["demo"]


def test_tokens_create_prints_the_secret_once_and_list_never_shows_it(
    cli: Cli, plane: LocalControlPlane
) -> None:
    created = cli("tokens", "create", "ci-bot")
    assert created.code == 0, created.err
    secret = created.out.strip()
    assert secret.startswith("afm_")
    assert "\n" not in secret
    assert "shown" in created.err or "Store it now" in created.err
    listed = cli("tokens", "list", "--json")
    names = {token["name"]: token for token in listed.json()}
    assert "ci-bot" in names
    assert secret not in listed.out
    assert secret not in cli("tokens", "list").out
    assert names["ci-bot"]["last4"] == secret[-4:]

    as_json = cli("tokens", "create", "second", "--json").json()
    assert as_json["token"].startswith("afm_")
    assert as_json["name"] == "second"


def test_a_revoked_token_stops_working_with_exit_status_1(cli: Cli, plane: LocalControlPlane) -> None:
    created = cli("tokens", "create", "short-lived", "--json").json()
    assert cli("me", env={"ANYFRAME_API_KEY": created["token"]}).code == 0
    revoked = cli("tokens", "revoke", str(created["id"]), "--json")
    assert revoked.code == 0
    assert revoked.json() == {"revoked": True, "id": created["id"]}
    refused = cli("me", env={"ANYFRAME_API_KEY": created["token"]})
    assert refused.code == 1
    assert refused.err.startswith("error: HTTP 401")
    assert "ANYFRAME_API_KEY" in refused.err
    assert created["token"] not in refused.err
    assert "Traceback" not in refused.err


def test_credentials_set_reads_stdin_and_only_last4_ever_comes_back(cli: Cli) -> None:
    secret = "sk-ant-oat01-verysecretvalue-wxyz"
    stored = cli("credentials", "set", "claude", input=secret + "\n")
    assert stored.code == 0, stored.err
    assert secret not in stored.out + stored.err
    shown = cli("credentials", "show", "--json")
    view = shown.json()
    assert view["claude"]["set"] is True
    assert view["claude"]["last4"] == "wxyz"
    assert view["github"]["set"] is False
    plain = cli("credentials", "show").out.splitlines()
    assert plain[0].split("\t")[:3] == ["claude", "true", "wxyz"]
    assert all(secret not in line for line in plain)

    cleared = cli("credentials", "clear", "claude", "--json")
    assert cleared.code == 0
    assert cleared.json() == {"kind": "claude", "set": False}
    assert cli("credentials", "show", "--json").json()["claude"]["set"] is False


def test_credentials_set_refuses_an_empty_secret_and_a_value_on_the_command_line(cli: Cli) -> None:
    empty = cli("credentials", "set", "github", input="\n")
    assert empty.code == 2
    assert "stdin" in empty.err
    as_argument = cli("credentials", "set", "github", "ghp_secret")
    assert as_argument.code == 2
    assert "ghp_secret" not in as_argument.out
    unknown_kind = cli("credentials", "set", "gitlab", input="x")
    assert unknown_kind.code == 2
    assert "'gitlab'" in unknown_kind.err


# --- connectors ------------------------------------------------------------------------------------------


def test_connectors_catalog_install_list_discover_and_delete(cli: Cli) -> None:
    catalog = cli("connectors", "catalog", "--json").json()
    kinds = {item["slug"]: item["setup_kind"] for item in catalog}
    assert kinds["linear"] == "oauth_dcr"
    assert kinds["sentry"] == "bearer_token"

    oauth = cli("connectors", "install", "linear")
    assert oauth.code == 0, oauth.err
    assert oauth.out.strip().startswith("http")
    assert "browser" in oauth.err

    bearer_secret = "sntrys_secret_token_9876"
    bearer = cli("connectors", "install", "sentry", "--json", input=bearer_secret)
    assert bearer.code == 0, bearer.err
    assert bearer.json()["catalog_slug"] == "sentry"
    assert bearer.json()["is_authorized"] is True
    assert bearer_secret not in bearer.out

    listed = cli("connectors", "list", "--json").json()
    assert {c["catalog_slug"] for c in listed} == {"linear", "sentry"}
    assert bearer_secret not in cli("connectors", "list").out

    discovered = cli("connectors", "discover", "https://mcp.linear.app/mcp", "--json")
    assert discovered.code == 0
    assert discovered.json()["mcp_url"] == "https://mcp.linear.app/mcp"

    sentry_id = next(c["id"] for c in listed if c["catalog_slug"] == "sentry")
    deleted = cli("connectors", "delete", str(sentry_id))
    assert deleted.code == 0
    assert f"Deleted connector {sentry_id}." in deleted.out
    assert {c["catalog_slug"] for c in cli("connectors", "list", "--json").json()} == {"linear"}


def test_connectors_install_refuses_unknown_coming_soon_and_custom_entries(cli: Cli) -> None:
    unknown = cli("connectors", "install", "nope")
    assert unknown.code == 2
    assert "connectors catalog" in unknown.err
    coming = cli("connectors", "install", "figma")
    assert coming.code == 1
    assert "coming soon" in coming.err
    custom = cli("connectors", "install", "custom")
    assert custom.code == 1
    assert "custom_mcp" in custom.err
    assert cli("connectors", "list", "--json").json() == []


# --- agents and builds -----------------------------------------------------------------------------------


def test_agents_create_get_update_list_and_delete(cli: Cli, plane: LocalControlPlane) -> None:
    created = cli(
        "agents",
        "create",
        "--name",
        "reviewer",
        "--repo",
        "tinyhq/box",
        "--ref",
        "dev",
        "--install-cmd",
        "bun install",
        "--preview-port",
        "3000",
        "--preview-port",
        "4000",
        "--permissions",
        "standard",
        "--env",
        "NODE_ENV=production",
        "--env",
        "API_TOKEN",
        "--json",
        env={"API_TOKEN": "from-the-environment"},
    )
    assert created.code == 0, created.err
    agent = created.json()
    assert agent["name"] == "reviewer"
    assert agent["repo_url"] == "tinyhq/box"
    assert agent["repo_ref"] == "dev"
    assert agent["preview_ports"] == [3000, 4000]
    assert agent["permissions"] == {"preset": "standard"}
    assert agent["env_vars"] == {"NODE_ENV": "****", "API_TOKEN": "****"}
    (sent,) = plane.requests.filter(method="POST", path="/api/agents")
    assert isinstance(sent.body, dict)
    assert sent.body["env_vars"] == {"NODE_ENV": "****", "API_TOKEN": "****"}  # the log redacts values
    # What the CLI sent, as the plane stored it (its request log keeps no secret values).
    stored = plane._world.agents[agent["id"]].env_vars
    assert stored == {"NODE_ENV": "production", "API_TOKEN": "from-the-environment"}
    assert "from-the-environment" not in created.out

    agent_id = str(agent["id"])
    detail = cli("agents", "get", agent_id, "--json").json()
    assert detail["id"] == agent["id"]
    assert detail["skills"] == []
    updated = cli("agents", "update", agent_id, "--system-prompt", "Be brief.", "--json").json()
    assert updated["system_prompt"] == "Be brief."
    assert updated["name"] == "reviewer"
    assert plane.requests.filter(method="PATCH")[-1].body == {"system_prompt": "Be brief."}

    rows = [line.split("\t") for line in cli("agents", "list").out.splitlines()]
    assert rows == [[agent_id, "reviewer", "claude", "tinyhq/box@dev", "bun install", rows[0][5]]]

    deleted = cli("agents", "delete", agent_id, "--yes")
    assert deleted.code == 0
    assert deleted.out.strip() == f"Deleted agent {agent_id}."
    gone = cli("agents", "get", agent_id)
    assert gone.code == 1
    assert gone.err.startswith("error: HTTP 404")


def test_agents_usage_errors_exit_2_before_anything_is_sent(cli: Cli, plane: LocalControlPlane) -> None:
    agent_id = str(_agent(plane))
    plane.requests.clear()
    cases = [
        (("agents", "create"), "--name"),  # required option
        (("agents", "update", agent_id), "nothing to update"),
        (("agents", "delete", agent_id), "--yes"),  # not a terminal: no prompt, no surprise
        (("agents", "get", "seven"), "'seven' is not a valid integer"),
        (("agents", "create", "--name", "x", "--env", "lower=1"), "lower"),  # the SDK's check, before sending
        (("agents", "create", "--name", "x", "--env", "UNSET_HERE"), "UNSET_HERE"),
        (("agents", "create", "--name", "x", "--permissions", "{oops"), "not valid JSON"),
        (("agents", "create", "--name", "x", "--preview-port", "70000"), "70000"),
    ]
    for args, expected in cases:
        result = cli(*args)
        assert result.code == 2, (args, result.err)
        assert expected in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert result.err.count("--help") <= 1, result.err  # never "(see --help) (see ... --help)"
        assert "Traceback" not in result.err
    assert plane.requests.filter(method="POST") == []
    assert plane.requests.filter(method="DELETE") == []


def test_agents_build_without_wait_prints_what_was_queued(cli: Cli, plane: LocalControlPlane) -> None:
    agent_id = str(_agent(plane))
    queued = cli("agents", "build", agent_id, "--json")
    assert queued.code == 0
    assert queued.json()["queued"] is True
    assert isinstance(queued.json()["build_id"], int)
    assert plane.requests.filter(method="POST", path=f"/api/agents/{agent_id}/build")[0].body == {
        "force": False
    }


def test_agents_build_wait_streams_the_log_and_exits_0_on_success(cli: Cli, plane: LocalControlPlane) -> None:
    agent_id = str(_agent(plane))
    result = cli("agents", "build", agent_id, "--wait")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "$ bun install" in lines
    assert lines[-1].startswith("build ")
    assert "succeeded" in lines[-1]
    assert cli("agents", "builds", agent_id, "--json").json()[0]["state"] == "succeeded"

    again = cli("agents", "build", agent_id, "--wait")  # the same recipe: a cache hit, nothing to follow
    assert again.code == 0
    assert "Nothing queued: cached" in again.err
    assert again.out.strip().endswith("s)")
    assert "succeeded" in again.out


def test_agents_build_wait_exits_1_when_the_build_fails(cli: Cli, plane: LocalControlPlane) -> None:
    agent_id = str(_agent(plane, install_cmd="bun install && exit 3"))
    result = cli("agents", "build", agent_id, "--wait")
    assert result.code == 1
    assert "failed" in result.out.splitlines()[-1]
    assert "Traceback" not in result.err


def test_agents_build_wait_json_is_json_lines_ending_with_the_final_status(
    cli: Cli, plane: LocalControlPlane
) -> None:
    agent_id = str(_agent(plane))
    result = cli("agents", "build", agent_id, "--wait", "--force", "--json")
    assert result.code == 0, result.err
    events = result.lines()
    assert events[0]["event"] == "queued"
    assert events[0]["data"]["queued"] is True
    log = [e["data"]["content"] for e in events if e["event"] == "line"]
    assert "$ bun install\n" in log
    assert {"event": "state", "data": {"state": "succeeded"}} in events
    assert events[-1]["event"] == "status"
    assert events[-1]["data"]["state"] == "succeeded"
    assert plane.requests.filter(method="POST", path=f"/api/agents/{agent_id}/build")[0].body == {
        "force": True
    }


def test_agents_build_wait_still_reports_the_state_when_the_log_stream_breaks(
    cli: Cli, plane: LocalControlPlane
) -> None:
    agent_id = str(_agent(plane))
    plane.faults.cut_stream(path="/api/agents/*/builds/*/stream", after=1, times=1)
    result = cli("agents", "build", agent_id, "--wait")
    assert result.code == 0, result.err
    assert "broke off" in result.err
    assert "succeeded" in result.out.splitlines()[-1]


# --- sessions, previews, attention -----------------------------------------------------------------------


def test_sessions_new_wait_list_get_terminate_snapshots_resume_delete(
    cli: Cli, plane: LocalControlPlane
) -> None:
    af = plane.client
    agent_id = _agent(plane)
    af.agents.build(agent_id)
    af.agents.wait_for_build(agent_id)

    booted = cli("sessions", "new", str(agent_id), "--wait", "--idle-timeout", "600", "--json")
    assert booted.code == 0, booted.err
    session = booted.json()
    assert session["status"] == "running"
    assert session["sandbox_url"].startswith("https://")
    assert plane.requests.filter(method="POST", path="/api/sessions")[0].body == {
        "agent_id": agent_id,
        "idle_timeout_s": 600,
        "unsafe": False,
    }
    session_id = session["id"]
    assert cli("sessions", "new", str(agent_id), "--json").json()["status"] == "booting"

    listed = cli("sessions", "list").out.splitlines()
    assert any(line.startswith(f"{session_id}\t{agent_id}\trunning") for line in listed)
    assert cli("sessions", "get", session_id, "--json").json()["id"] == session_id

    busy = cli("sessions", "delete", session_id)
    assert busy.code == 1
    assert busy.err.startswith("error: HTTP 409")

    assert cli("sessions", "terminate", session_id, "--json").json()["status"] in (
        "snapshotting",
        "terminated",
    )
    ended = af.sessions.get(session_id)
    for _ in range(200):
        if ended.status == "terminated":
            break
        ended = af.sessions.get(session_id)
    snapshots = cli("sessions", "snapshots", session_id, "--json").json()
    assert snapshots
    assert isinstance(snapshots[0]["id"], int)

    resumed = cli("sessions", "resume", session_id, "--wait", "--json")
    assert resumed.code == 0, resumed.err
    assert resumed.json()["status"] == "running"
    assert plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/resume")[0].body == {
        "unsafe": False
    }

    af.sessions.terminate(session_id)
    for _ in range(200):
        if af.sessions.get(session_id).status == "terminated":
            break
    deleted = cli("sessions", "delete", session_id, "--json")
    assert deleted.code == 0
    assert deleted.json() == {"deleted": True, "id": session_id}


def test_sessions_new_wait_exits_1_when_the_agent_is_missing(cli: Cli) -> None:
    result = cli("sessions", "new", "999", "--wait")
    assert result.code == 1
    assert result.err.startswith("error: HTTP 404")


def test_previews_start_list_status_logs_stop(cli: Cli, plane: LocalControlPlane) -> None:
    session_id = _running_session(plane)
    started = cli("previews", "start", session_id, "bun dev", "--port", "3000", "--name", "web", "--json")
    assert started.code == 0, started.err
    assert started.json()["ok"] is True
    assert started.json()["status"] == "running"

    rows = [line.split("\t") for line in cli("previews", "list", session_id).out.splitlines()]
    assert rows[0][:3] == ["web", "3000", "running"]
    assert rows[0][4] == "bun dev"
    assert cli("previews", "status", session_id, "--port", "3000", "--json").json()["name"] == "web"

    logs = cli("previews", "logs", session_id, "--name", "web", "--tail", "10")
    assert logs.code == 0
    assert "$ bun dev" in logs.out.splitlines()
    assert isinstance(cli("previews", "logs", session_id, "--name", "web", "--json").json()["lines"], list)

    stopped = cli("previews", "stop", session_id, "--name", "web", "--json")
    assert stopped.code == 0
    assert stopped.json()["status"] == "stopped"


def test_previews_failures_exit_1_and_a_missing_target_exits_2(cli: Cli, plane: LocalControlPlane) -> None:
    session_id = _running_session(plane)
    missing = cli("previews", "stop", session_id, "--name", "nope")
    assert missing.code == 1
    assert "error: no such preview" in missing.err
    failing = cli("previews", "start", session_id, "bun dev && exit 2", "--json")
    assert failing.code == 1
    assert failing.json()["ok"] is False
    for action in ("stop", "status", "logs"):
        untargeted = cli("previews", action, session_id)
        assert untargeted.code == 2
        assert "--port PORT or --name NAME" in untargeted.err


def test_attention_lists_a_pending_permission_prompt(cli: Cli, plane: LocalControlPlane) -> None:
    session_id = _running_session(plane)
    plane.client.sessions.message(session_id, {"prompt": "please ask for permission to run ls"})
    items: list[dict[str, object]] = []
    for _ in range(200):
        items = cli("attention", "--json").json()
        if any(item["kind"] == "pending" for item in items):
            break
    pending = next(item for item in items if item["kind"] == "pending")
    assert pending["session_id"] == session_id
    row = cli("attention", "--limit", "5").out.splitlines()[0].split("\t")
    assert row[:3] == ["pending", "demo", session_id]


# --- errors, help, version, completion ---------------------------------------------------------------------


def test_no_api_key_is_one_line_naming_the_variable(plane: LocalControlPlane) -> None:
    result = invoke(("agents", "list"), input=None, env={"ANYFRAME_BASE_URL": plane.url})
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("error: no API key: set ANYFRAME_API_KEY")
    assert plane.requests.filter() == []


def test_flags_override_the_environment(cli: Cli, plane: LocalControlPlane) -> None:
    wrong = {"ANYFRAME_API_KEY": "afm_wrong_wrong_wrong", "ANYFRAME_BASE_URL": "http://127.0.0.1:9"}
    result = cli("--api-key", plane.api_key, "--base-url", plane.url, "me", "--json", env=wrong)
    assert result.code == 0, result.err
    assert result.json()["login"] == "local"


def test_a_bad_base_url_is_a_usage_error_and_an_unreachable_one_an_api_error(cli: Cli) -> None:
    relative = cli("--base-url", "not-a-url", "me")
    assert relative.code == 2
    assert "base_url" in relative.err
    unreachable = cli("--base-url", "http://127.0.0.1:9", "me")
    assert unreachable.code == 1
    assert unreachable.err.startswith("error: ")
    assert unreachable.err.count("\n") == 1
    assert "Traceback" not in unreachable.err


def test_debug_shows_the_traceback_and_request_log_without_secrets(
    cli: Cli, plane: LocalControlPlane
) -> None:
    result = cli("--debug", "agents", "get", "4242")
    assert result.code == 1
    assert "Traceback (most recent call last)" in result.err
    assert "NotFoundError" in result.err
    assert "GET /api/agents/4242" in result.err
    assert plane.api_key not in result.err + result.out


def test_usage_errors_are_one_line_with_status_2(cli: Cli) -> None:
    for args in (("nope",), ("agents", "frobnicate"), ("agents", "get"), ("--frob",)):
        result = cli(*args)
        assert result.code == 2, args
        assert result.err.startswith("error: "), result.err
        assert result.err.count("\n") == 1, result.err
        assert "--help" in result.err


def test_a_group_without_a_command_shows_its_help_with_status_2(cli: Cli) -> None:
    for args in ((), ("agents",), ("previews",)):
        result = cli(*args)
        assert result.code == 2, args
        assert result.err.startswith(f"Usage: anyframe {' '.join(args)}".rstrip() + " [OPTIONS] COMMAND")
        assert "Commands:" in result.err
        assert "error:" not in result.err


def test_ctrl_c_exits_130(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(anyframe.AnyFrame, "me", interrupted)
    result = cli("me")
    assert result.code == 130
    assert "Interrupted" in result.err
    assert "Traceback" not in result.err


def _leaves(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += _leaves(command, (*path, name))
        else:
            paths.append((*path, name))
    return paths


def test_help_works_on_every_command_and_needs_no_api_key() -> None:
    from anyframe._cli import _command

    paths = _leaves(_command())
    assert ("agents", "build") in paths
    assert ("previews", "logs") in paths
    assert ("plane",) in paths
    for path in paths:
        result = invoke((*path, "--help"), input=None, env={})
        assert result.code == 0, (path, result.err)
        assert result.out.startswith("Usage: anyframe"), path


def test_version_prints_the_package_version() -> None:
    result = invoke(("--version",), input=None, env={})
    assert result.code == 0
    assert result.out.strip() == f"anyframe {anyframe.__version__}"


def test_completion_scripts_and_the_completion_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    for shell in ("bash", "zsh", "fish"):
        script = invoke(("completion", shell), input=None, env={})
        assert script.code == 0
        assert "_ANYFRAME_COMPLETE" in script.out
    environ = {"_ANYFRAME_COMPLETE": "bash_complete", "COMP_WORDS": "anyframe sessions ne", "COMP_CWORD": "2"}
    with CliRunner().isolation(env=environ) as (stdout, _, _), pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 0
    assert "plain,new" in stdout.getvalue().decode().splitlines()
