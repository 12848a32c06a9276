"""Faults on demand: every fault kind, from Python and over the `/_plane/faults` control endpoint.

Contracts pinned:
- a status fault answers the next `times` matching requests with `{"detail": ...}` and the status, without
  processing them; then requests are served normally;
- 429 carries `Retry-After` and/or `retry-after-ms` when asked;
- `process=True` runs the request, then answers the fault status (the work is done);
- `delay` slows a response that is otherwise normal; `body="malformed"` answers 200 with truncated JSON;
  `body="html"` answers an HTML page;
- patterns: `*` is one segment, `**` any depth, `regex=True` a regex; `method` filters; `times=None` lasts;
- `cut_stream` closes an SSE connection after k event frames without the terminating chunk (the client
  sees an incomplete body), optionally mid-frame; `stall_stream` sends nothing, not even keep-alives, for
  the given seconds, then resumes;
- `POST /_plane/faults` registers the same rules from JSON (201), `GET` lists, `DELETE` clears; invalid
  rules are 422 over HTTP and `ValueError` in Python; the request log records what was answered.
"""

from __future__ import annotations

import time

import httpx
import pytest

from anyframe.testing import LocalControlPlane

from ._helpers import frames, make_agent, running_session, take, turn_done, wait_for


def test_status_fault_answers_without_processing(plane: LocalControlPlane, api: httpx.Client) -> None:
    plane.faults.add(method="POST", path="/api/agents", status=503, times=2)
    for _ in range(2):
        response = api.post("/api/agents", json={"name": "x"})
        assert response.status_code == 503
        assert isinstance(response.json()["detail"], str)
        assert response.headers["x-request-id"]
    assert api.get("/api/agents").json() == []  # nothing was created
    assert api.post("/api/agents", json={"name": "x"}).status_code == 201
    assert [r.status for r in plane.requests.filter(method="POST")] == [503, 503, 201]


@pytest.mark.parametrize("status", [429, 500, 502, 503, 520])
def test_any_status_can_be_injected(plane: LocalControlPlane, api: httpx.Client, status: int) -> None:
    plane.faults.add(path="/api/me", status=status, detail="boom")
    response = api.get("/api/me")
    assert response.status_code == status
    assert response.json() == {"detail": "boom"}
    assert api.get("/api/me").status_code == 200


def test_rate_limit_carries_retry_after_headers(plane: LocalControlPlane, api: httpx.Client) -> None:
    plane.faults.add(path="/api/me", status=429, retry_after=2, retry_after_ms=1500)
    plane.faults.add(path="/api/me", status=429, retry_after="Wed, 21 Oct 2015 07:28:00 GMT")
    first = api.get("/api/me")
    assert first.headers["retry-after"] == "2"
    assert first.headers["retry-after-ms"] == "1500"
    assert api.get("/api/me").headers["retry-after"] == "Wed, 21 Oct 2015 07:28:00 GMT"


def test_process_then_fail_does_the_work(plane: LocalControlPlane, api: httpx.Client) -> None:
    plane.faults.add(method="POST", path="/api/agents", status=500, process=True)
    assert api.post("/api/agents", json={"name": "done-anyway"}).status_code == 500
    assert [a["name"] for a in api.get("/api/agents").json()] == ["done-anyway"]


def test_delay_slows_a_normal_response(plane: LocalControlPlane, api: httpx.Client) -> None:
    plane.faults.add(path="/api/me", delay=0.3)
    started = time.monotonic()
    response = api.get("/api/me")
    assert response.status_code == 200
    assert response.json()["login"] == "local"
    assert time.monotonic() - started >= 0.3
    plane.faults.add(path="/api/me", delay=1.0)
    with pytest.raises(httpx.ReadTimeout):
        api.get("/api/me", timeout=0.1)


def test_malformed_and_html_bodies(plane: LocalControlPlane, api: httpx.Client) -> None:
    plane.faults.add(path="/api/me", body="malformed")
    plane.faults.add(path="/api/me", body="html", status=502)
    malformed = api.get("/api/me")
    assert malformed.status_code == 200
    assert malformed.text == '{"id": 1,'
    assert malformed.headers["content-type"] == "application/json"
    page = api.get("/api/me")
    assert page.status_code == 502
    assert page.headers["content-type"].startswith("text/html")
    assert "<html>" in page.text


def test_patterns_methods_and_lifetimes(plane: LocalControlPlane, api: httpx.Client) -> None:
    session = running_session(api)
    sid = session["id"]
    plane.faults.add(method="GET", path="/api/sessions/*", status=503, times=None)
    assert api.get(f"/api/sessions/{sid}").status_code == 503
    assert api.get(f"/api/sessions/{sid}").status_code == 503
    assert api.get(f"/api/sessions/{sid}/snapshots").status_code == 200  # `*` stays in one segment
    assert api.post(f"/api/sessions/{sid}/message", json={"text": "x"}).status_code == 200  # method filter
    plane.faults.clear()
    plane.faults.add(path="/api/sessions/**", status=502)
    assert api.get(f"/api/sessions/{sid}/snapshots").status_code == 502
    plane.faults.add(path=r"/api/agents/\d+", regex=True, status=500)
    assert api.get("/api/agents").status_code == 200
    assert api.get(f"/api/agents/{session['agent_id']}").status_code == 500


def test_cut_stream_drops_the_connection_after_k_frames(plane: LocalControlPlane, api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json={"text": "x"})
    wait_for(lambda: turn_done(api, session["id"]))
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3)
    received: list[dict[str, str]] = []
    with (
        pytest.raises(httpx.RemoteProtocolError),
        api.stream("GET", f"/api/sessions/{session['id']}/events") as r,
    ):
        received.extend(frames(r))
    assert [f["id"] for f in received] == ["1", "2", "3"]
    with api.stream("GET", f"/api/sessions/{session['id']}/events") as response:  # the fault was used up
        assert len(take(frames(response), 6)) == 6


def test_cut_stream_mid_frame(plane: LocalControlPlane, api: httpx.Client) -> None:
    agent = make_agent(api)
    build = api.post(f"/api/agents/{agent['id']}/build", json={"force": False}).json()
    plane.faults.cut_stream(path="/api/agents/*/builds/*/stream", after=1, partial=True)
    chunks: list[bytes] = []
    path = f"/api/agents/{agent['id']}/builds/{build['build_id']}/stream"
    with api.stream("GET", path) as response, pytest.raises(httpx.RemoteProtocolError):
        chunks.extend(response.iter_bytes())
    raw = b"".join(chunks)
    assert raw.count(b"\n\n") == 1  # one whole frame, then half of the next
    assert not raw.endswith(b"\n\n")


def test_stall_stream_goes_silent_then_resumes(plane: LocalControlPlane, api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json={"text": "x"})
    wait_for(lambda: turn_done(api, session["id"]))
    plane.faults.stall_stream(path="/api/sessions/*/events", after=2, seconds=0.5)
    path = f"/api/sessions/{session['id']}/events"
    with api.stream("GET", path, timeout=httpx.Timeout(5.0, read=0.2)) as r:
        stream = frames(r)
        assert len(take(stream, 2)) == 2
        with pytest.raises(httpx.ReadTimeout):
            take(stream, 1)
    plane.faults.stall_stream(path="/api/sessions/*/events", after=2, seconds=0.3)
    with api.stream("GET", path) as response:
        stream = frames(response)
        take(stream, 2)
        started = time.monotonic()
        assert take(stream, 1)[0]["id"] == "3"
        assert time.monotonic() - started >= 0.25


def test_control_endpoint_manages_faults_over_http(plane: LocalControlPlane, api: httpx.Client) -> None:
    control = f"{plane.url}/_plane/faults"
    created = httpx.post(control, json={"method": "GET", "path": "/api/me", "status": 503, "times": 1})
    assert created.status_code == 201
    assert created.json()["status"] == 503
    assert created.json()["kind"] == "response"
    cut = httpx.post(control, json={"kind": "cut_stream", "path": "/api/sessions/*/events", "after": 2})
    assert cut.status_code == 201
    assert [rule["kind"] for rule in httpx.get(control).json()] == ["response", "cut_stream"]
    assert api.get("/api/me").status_code == 503
    assert httpx.delete(control).status_code == 204
    assert httpx.get(control).json() == []
    assert httpx.post(control, json={"path": "/api/me"}).status_code == 422
    assert httpx.post(control, json={"kind": "explode"}).status_code == 422
    assert httpx.post(control, json={"status": 503, "bogus": 1}).status_code == 422


def test_invalid_rules_raise_value_error(plane: LocalControlPlane) -> None:
    with pytest.raises(ValueError):
        plane.faults.add(path="/api/me")
    with pytest.raises(ValueError):
        plane.faults.add(path="/api/me", status=700)
    with pytest.raises(ValueError):
        plane.faults.add(path="/api/me", status=500, times=0)
    with pytest.raises(ValueError):
        plane.faults.cut_stream(after=-1)
    assert plane.faults.rules == []
