"""The command line's pure decisions, on plain values: output mode, cells, columns, JSON, arguments, exits.

Contracts pinned here:

- `--json` wins over everything; then `TTY_COMPATIBLE=1|0`; then whether stdout is a terminal. Live
  displays need a terminal and no `TTY_INTERACTIVE=0`; colour needs a terminal and no `NO_COLOR`;
- cells: missing values are `-` on a terminal and empty when piped, booleans `yes`/`no` vs
  `true`/`false`, timestamps short and UTC on a terminal and ISO-8601 `Z` when piped (epoch seconds
  too), lists of models by name, objects as compact JSON, and no tab or newline breaks a plain row;
- every model the CLI lists has columns; subclasses use their base's (attention items);
  detail views keep the model's field order and its extra fields;
- JSON dumps models as the API sent them;
- `--env KEY=VALUE` / `--env KEY` (from the environment) and `--permissions PRESET|JSON` parse;
- exceptions map to exit statuses: bad input 2, API errors 1 (a 401 with a hint), timeouts 1, others 1
  with a pointer to `--debug`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import click
import pytest

import anyframe
from anyframe._cli._args import env_vars, permissions, present
from anyframe._cli._errors import failure
from anyframe._cli._format import (
    COLUMNS,
    Mode,
    cell,
    choose_mode,
    color_enabled,
    columns_for,
    detail_rows,
    interactive,
    json_document,
    json_line,
    status_style,
    table_rows,
)

T = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def _agent(**fields: object) -> anyframe.Agent:
    data: dict[str, object] = {"id": 7, "name": "demo", "created_at": T, "updated_at": T, **fields}
    return anyframe.Agent.model_validate(data)


@pytest.mark.parametrize(
    ("json_flag", "isatty", "env", "expected"),
    [
        (True, True, {}, Mode.JSON),
        (True, False, {"TTY_COMPATIBLE": "1"}, Mode.JSON),
        (False, True, {}, Mode.TERMINAL),
        (False, False, {}, Mode.PLAIN),
        (False, False, {"TTY_COMPATIBLE": "1"}, Mode.TERMINAL),
        (False, True, {"TTY_COMPATIBLE": "0"}, Mode.PLAIN),
        (False, True, {"TTY_COMPATIBLE": "maybe"}, Mode.TERMINAL),
    ],
)
def test_the_output_mode(json_flag: bool, isatty: bool, env: dict[str, str], expected: Mode) -> None:
    assert choose_mode(json_flag=json_flag, stdout_isatty=isatty, env=env) is expected


def test_live_displays_and_colour_need_a_terminal() -> None:
    assert interactive(Mode.TERMINAL, stdout_isatty=True, env={})
    assert not interactive(Mode.TERMINAL, stdout_isatty=True, env={"TTY_INTERACTIVE": "0"})
    assert not interactive(Mode.TERMINAL, stdout_isatty=False, env={})
    assert interactive(Mode.TERMINAL, stdout_isatty=False, env={"TTY_INTERACTIVE": "1"})
    assert not interactive(Mode.PLAIN, stdout_isatty=True, env={"TTY_INTERACTIVE": "1"})
    assert not interactive(Mode.JSON, stdout_isatty=True, env={})
    assert color_enabled(Mode.TERMINAL, {})
    assert not color_enabled(Mode.TERMINAL, {"NO_COLOR": "1"})
    assert color_enabled(Mode.TERMINAL, {"NO_COLOR": ""})  # no-color.org: set *and non-empty*
    assert not color_enabled(Mode.PLAIN, {})


def test_cells_on_a_terminal_and_when_piped() -> None:
    assert cell(None, Mode.TERMINAL) == "-"
    assert cell(None, Mode.PLAIN) == ""
    assert cell([], Mode.TERMINAL) == "-"  # `preview_ports  -`, not a blank the eye skips
    assert cell([], Mode.PLAIN) == ""
    assert (cell(True, Mode.TERMINAL), cell(False, Mode.PLAIN)) == ("yes", "false")
    assert cell(T, Mode.TERMINAL) == "2025-01-02 03:04:05"
    assert cell(T, Mode.PLAIN) == "2025-01-02T03:04:05Z"
    paris = datetime(2025, 1, 2, 4, 4, 5, tzinfo=timezone.utc).astimezone()
    assert cell(paris, Mode.PLAIN) == "2025-01-02T04:04:05Z"  # always shown in UTC
    assert cell(T.timestamp(), Mode.PLAIN, epoch=True) == "2025-01-02T03:04:05Z"
    assert cell(3000, Mode.PLAIN) == "3000"
    assert cell({"b": 1, "a": [2]}, Mode.PLAIN) == '{"a":[2],"b":1}'
    assert cell("two\twords\nand lines", Mode.PLAIN) == "two words and lines"
    assert cell("two\twords", Mode.TERMINAL) == "two\twords"


def test_list_cells_name_their_models() -> None:
    skill = anyframe.AgentSkill(
        id=1, name="repo-tour", source="inline", content={}, enabled=True, created_at=T
    )
    assert cell([skill, skill], Mode.PLAIN) == "repo-tour, repo-tour"
    assert cell([3000, 4000], Mode.PLAIN) == "3000, 4000"
    image = anyframe.AgentImage(build_key="k", modal_image_id="im_1", built_at=T)
    assert json.loads(cell(image, Mode.PLAIN)) == {
        "build_key": "k",
        "modal_image_id": "im_1",
        "built_at": "2025-01-02T03:04:05Z",
    }


def test_state_words_have_styles() -> None:
    assert status_style("succeeded") == "green"
    assert status_style("failed") == "red"
    assert status_style("a name") is None


def test_every_listed_model_has_columns_and_subclasses_use_their_base() -> None:
    for name in COLUMNS:
        if name != "CredentialRow":
            assert hasattr(anyframe, name), name
    pending = anyframe.AttentionPendingItem(
        kind="pending", session_id="s", agent_id=1, agent_name="demo", at=T, session_status="running",
        seq=4, payload={"type": "permission_request"}, preview="Bash(ls)",
    )  # fmt: skip
    assert columns_for(pending) is COLUMNS["AttentionItem"]
    assert table_rows([pending], columns_for(pending), Mode.PLAIN) == [
        ["pending", "demo", "s", "2025-01-02T03:04:05Z", "Bash(ls)"]
    ]
    with pytest.raises(KeyError):
        columns_for(object())


def test_agent_rows_and_details() -> None:
    agent = _agent(repo_url="tinyhq/box", repo_ref="dev", install_cmd="bun install", team="core")
    assert table_rows([agent], COLUMNS["Agent"], Mode.TERMINAL) == [
        ["7", "demo", "claude", "tinyhq/box@dev", "bun install", "2025-01-02 03:04:05"]
    ]
    assert table_rows([_agent()], COLUMNS["Agent"], Mode.PLAIN)[0][3] == ""
    rows = detail_rows(agent, Mode.PLAIN)
    assert rows[0] == ("id", "7")
    assert rows[-1] == ("team", "core")  # an extra field the server sent is shown too
    assert [name for name, _ in rows][:3] == ["id", "name", "description"]


def test_json_dumps_models_as_the_api_sent_them() -> None:
    agent = _agent(env_vars={"A": "****"})
    document = json.loads(json_document([agent]))
    assert document[0]["created_at"] == "2025-01-02T03:04:05Z"
    assert document[0]["env_vars"] == {"A": "****"}
    line = json_line({"event": "status", "data": agent})
    assert "\n" not in line
    assert json.loads(line)["data"]["id"] == 7


def test_env_options_take_values_or_read_them_from_the_environment() -> None:
    assert env_vars((), {}) is None
    assert env_vars(("A=1", "B=x=y", "C"), {"C": "from-env"}) == {"A": "1", "B": "x=y", "C": "from-env"}
    assert env_vars(("EMPTY=",), {}) == {"EMPTY": ""}
    with pytest.raises(click.BadParameter, match="MISSING"):
        env_vars(("MISSING",), {})


def test_permissions_take_a_preset_or_a_json_object() -> None:
    assert permissions(None) is None
    assert permissions("standard") == {"preset": "standard"}
    assert permissions(' {"preset": "full_trust", "extra_allowed_tools": []} ') == {
        "preset": "full_trust",
        "extra_allowed_tools": [],
    }
    with pytest.raises(click.BadParameter, match="not valid JSON"):
        permissions("{preset")


def test_present_keeps_only_what_was_given() -> None:
    assert present({"a": None, "b": (), "c": 0, "d": False, "e": ""}) == {"c": 0, "d": False, "e": ""}


def test_exceptions_map_to_exit_statuses_and_one_line_messages() -> None:
    assert failure(anyframe.InvalidArgumentError("port must be 1-65535")) == (2, "port must be 1-65535")
    status, message = failure(anyframe.AuthError("invalid token", status_code=401))
    assert status == 1
    assert message == "HTTP 401: invalid token (check --api-key or ANYFRAME_API_KEY)"
    missing = anyframe.AuthError("no API key: pass api_key=... or set ANYFRAME_API_KEY", status_code=401)
    status, message = failure(missing)
    assert status == 1
    assert message.startswith("no API key: set ANYFRAME_API_KEY")
    assert "--api-key" in message
    assert "HTTP 401" not in message
    assert "api_key=" not in message  # the SDK's keyword, not a CLI option
    assert failure(anyframe.NotFoundError("agent not found", status_code=404)) == (
        1,
        "HTTP 404: agent not found",
    )
    assert failure(anyframe.APIConnectionError("connection refused\nat 127.0.0.1")) == (
        1,
        "connection refused at 127.0.0.1",
    )
    assert failure(TimeoutError("session s was still 'booting'")) == (
        1,
        "timed out: session s was still 'booting'",
    )
    assert failure(OSError("address in use")) == (1, "address in use")
    status, message = failure(ZeroDivisionError("division by zero"))
    assert status == 1
    assert "ZeroDivisionError" in message
    assert "--debug" in message
