"""Wire tests of the preview calls of `af.sessions` (api-contract.md §10): six actions over one endpoint.

Contracts pinned here (all `POST /api/sessions/{id}/previews`, exact body bytes):

- `previews_list` -> `{"action":"list"}` -> `list[Preview]` (`started_at` epoch float).
- `previews_start` -> `{"action":"start","cmd":...}` plus `port`/`name` only when given -> `PreviewActionResult`.
- `previews_stop` with nothing -> the bare `{"action":"stop"}`; with `name=` -> `{"action":"stop","name":"web"}`.
- `previews_status` -> `{"action":"status", ...}` -> `PreviewActionResult`.
- `previews_logs` -> `tail` always sent (default 200) -> the raw JSON answer (`{"lines": [...]}`).
- `previews_batch_start` -> `{"action":"batch_start","previews":[...]}` with each spec pruned of `None`
  keys, from `PreviewSpec` objects and plain dicts alike -> `PreviewBatchResult`.
- an action-level failure (`ok: false` + `error`) is returned, not raised.
"""

from __future__ import annotations

import pytest
import respx

from anyframe import AsyncAnyFrame, Preview, PreviewActionResult, PreviewBatchResult, PreviewSpec

from .wire import PREVIEW, PREVIEW_BATCH, PREVIEW_RESULT, SID, assert_sent

PATH = f"/api/sessions/{SID}/previews"


@pytest.mark.anyio
async def test_previews_list_posts_the_list_action(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(PATH).respond(200, json=[PREVIEW])
    previews = await af.sessions.previews_list(SID)
    assert_sent(route, "POST", PATH, body=b'{"action":"list"}')
    assert [type(p) for p in previews] == [Preview]
    assert (previews[0].port, previews[0].status, previews[0].started_at) == (3000, "running", 1234567890.0)


@pytest.mark.anyio
async def test_previews_start_sends_cmd_port_and_name(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(PATH).respond(200, json=PREVIEW_RESULT)
    result = await af.sessions.previews_start(SID, cmd="bun dev", port=3000, name="web")
    assert_sent(route, "POST", PATH, body=b'{"action":"start","cmd":"bun dev","port":3000,"name":"web"}')
    assert isinstance(result, PreviewActionResult)
    assert (result.ok, result.url, result.restart_pending) == (True, "https://tunnel/3000", False)


@pytest.mark.anyio
async def test_previews_start_without_port_or_name_sends_only_the_cmd(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(PATH).respond(200, json={"ok": True, "port": 3001, "restart_pending": True})
    result = await af.sessions.previews_start(SID, cmd="bun dev")
    assert route.calls.last.request.content == b'{"action":"start","cmd":"bun dev"}'
    assert result.restart_pending is True


@pytest.mark.anyio
async def test_previews_stop_with_no_target_sends_the_bare_action(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(PATH).respond(200, json={"ok": True, "status": "stopped"})
    result = await af.sessions.previews_stop(SID)
    assert_sent(route, "POST", PATH, body=b'{"action":"stop"}')
    assert (result.ok, result.status) == (True, "stopped")


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("port", "name", "body"),
    [
        (None, "web", b'{"action":"stop","name":"web"}'),
        (3000, None, b'{"action":"stop","port":3000}'),
        (3000, "web", b'{"action":"stop","port":3000,"name":"web"}'),
    ],
)
async def test_previews_stop_sends_the_target_given(
    af: AsyncAnyFrame, api: respx.MockRouter, port: int | None, name: str | None, body: bytes
) -> None:
    route = api.post(PATH).respond(200, json={"ok": True, "status": "stopped"})
    await af.sessions.previews_stop(SID, port=port, name=name)
    assert route.calls.last.request.content == body


@pytest.mark.anyio
async def test_previews_status_sends_port_and_parses_the_result(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(PATH).respond(200, json=PREVIEW_RESULT)
    result = await af.sessions.previews_status(SID, port=3000)
    assert_sent(route, "POST", PATH, body=b'{"action":"status","port":3000}')
    assert result.status == "running"


@pytest.mark.anyio
async def test_previews_status_returns_an_action_failure_instead_of_raising(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(PATH).respond(200, json={"ok": False, "error": "no such preview"})
    result = await af.sessions.previews_status(SID, name="ghost")
    assert (result.ok, result.error, result.status) == (False, "no such preview", None)


@pytest.mark.anyio
async def test_previews_logs_always_sends_tail_200_and_returns_the_raw_answer(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(PATH).respond(200, json={"lines": ["a", "b"]})
    logs = await af.sessions.previews_logs(SID, name="web")
    assert_sent(route, "POST", PATH, body=b'{"action":"logs","name":"web","tail":200}')
    assert logs == {"lines": ["a", "b"]}


@pytest.mark.anyio
async def test_previews_logs_sends_the_tail_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(PATH).respond(200, json={"lines": []})
    await af.sessions.previews_logs(SID, port=3000, tail=5)
    assert route.calls.last.request.content == b'{"action":"logs","port":3000,"tail":5}'


@pytest.mark.anyio
async def test_previews_batch_start_sends_pruned_specs_from_models_and_dicts(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(PATH).respond(200, json=PREVIEW_BATCH)
    result = await af.sessions.previews_batch_start(
        SID, [PreviewSpec(cmd="bun dev", port=3000, name="web"), {"cmd": "bun api", "port": None}]
    )
    assert_sent(
        route,
        "POST",
        PATH,
        body=b'{"action":"batch_start","previews":[{"cmd":"bun dev","port":3000,"name":"web"},{"cmd":"bun api"}]}',
    )
    assert isinstance(result, PreviewBatchResult)
    assert (result.ok, result.restart_pending, [p.name for p in result.previews]) == (True, True, ["web"])
