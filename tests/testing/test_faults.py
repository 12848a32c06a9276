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
- `POST /_plane/faults` registers the same rules from JSON (201), `GET` lists, `DELETE` clears, with the
  plane's control token; invalid rules (a regex that does not compile, a method that is not a string,
  wrong types, unknown options, header injection) are 400 with a `detail` saying what to fix over HTTP
  and `ValueError` with the same message in Python; the request log records what was answered;
- `faults.add(path=...)` and `requests.filter(path=...)` take paths the same way: exact paths and `*` /
  `**` patterns, regexes only with `regex=True`; a path that can never match (a typo, a URL, a query
  string, a spec template, regex syntax without the flag, a method no operation has) is refused loudly;
- `PlaneControl` drives the same endpoints from another process with the token.
"""

from __future__ import annotations

import re
import time

import httpx
import pytest

from anyframe.testing import LocalControlPlane, PlaneControl

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


def _control(plane: LocalControlPlane) -> httpx.Client:
    return httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.control_token}"})


def test_control_endpoint_manages_faults_over_http(plane: LocalControlPlane, api: httpx.Client) -> None:
    with _control(plane) as control:
        rule = {"method": "GET", "path": "/api/me", "status": 503, "times": 1}
        created = control.post("/_plane/faults", json=rule)
        assert created.status_code == 201
        assert created.json()["status"] == 503
        assert created.json()["kind"] == "response"
        cut = control.post(
            "/_plane/faults", json={"kind": "cut_stream", "path": "/api/sessions/*/events", "after": 2}
        )
        assert cut.status_code == 201
        assert [rule["kind"] for rule in control.get("/_plane/faults").json()] == ["response", "cut_stream"]
        assert api.get("/api/me").status_code == 503
        assert control.delete("/_plane/faults").status_code == 204
        assert control.get("/_plane/faults").json() == []


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ({"regex": True, "path": "("}, "not a valid regular expression"),
        ({"method": 5, "status": 503}, "method must be one of"),
        ({"path": "/api/me"}, "needs a status, a body or a delay"),
        ({"kind": "explode"}, "kind must be"),
        ({"status": 503, "bogus": 1}, "unknown fault option(s) for response: bogus"),
        ({"status": "503"}, "status must be an integer"),
        ({"status": 503, "times": 0}, "times must be a positive integer"),
        ({"status": 503, "delay": -1}, "delay must be a non-negative number"),
        ({"status": 503, "retry_after": "1\r\nSet-Cookie: x=1"}, "without CR, LF or NUL"),
        ({"status": 503, "headers": {"X-A": "1\r\nX-B: 2"}}, "without CR, LF or NUL"),
        ({"status": 503, "headers": {"Content-Length": "0"}}, "set by the plane itself"),
        ({"status": 503, "path": "/api/agent"}, "matches no operation"),
        ({"kind": "stall_stream", "path": "/api/sessions/*/events"}, "needs seconds"),
        ({"kind": "cut_stream", "after": "2"}, "after must be a non-negative integer"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_bad_fault_rules_are_400_with_a_detail(plane: LocalControlPlane, rule: object, says: str) -> None:
    with _control(plane) as control:
        response = control.post("/_plane/faults", json=rule)
        assert response.status_code == 400, response.text
        assert says in response.json()["detail"]
        assert control.get("/_plane/faults").json() == []
        assert control.get("/_plane/health").status_code == 200  # the plane is still up


def test_a_fault_body_that_is_not_json_is_400(plane: LocalControlPlane) -> None:
    with _control(plane) as control:
        response = control.post("/_plane/faults", content=b"{", headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert "not valid JSON" in response.json()["detail"]


def test_plane_control_drives_the_endpoints_from_another_process(
    plane: LocalControlPlane, api: httpx.Client
) -> None:
    control = PlaneControl(plane.url, plane.control_token)
    assert control.health()["ok"] is True
    assert control.add_fault(path="/api/me", status=503)["kind"] == "response"
    assert control.add_fault("cut_stream", path="/api/sessions/*/events", after=1)["kind"] == "cut_stream"
    assert len(control.faults()) == 2
    assert api.get("/api/me").status_code == 503
    assert [r["status"] for r in control.requests()] == [503]
    control.clear_faults()
    control.clear_requests()
    assert control.faults() == []
    assert control.requests() == []
    with pytest.raises(ValueError, match="not a valid regular expression"):
        control.add_fault(path="(", regex=True, status=500)
    with pytest.raises(RuntimeError, match="401"):
        PlaneControl(plane.url, "plane_wrong-token-0000000").faults()
    assert plane.control_token not in repr(control)


def test_invalid_rules_raise_value_error(plane: LocalControlPlane) -> None:
    with pytest.raises(ValueError, match="needs a status"):
        plane.faults.add(path="/api/me")
    with pytest.raises(ValueError, match="200 to 599"):
        plane.faults.add(path="/api/me", status=700)
    with pytest.raises(ValueError, match="times must be"):
        plane.faults.add(path="/api/me", status=500, times=0)
    with pytest.raises(ValueError, match="after must be"):
        plane.faults.cut_stream(after=-1)
    with pytest.raises(ValueError, match="not a valid regular expression"):
        plane.faults.add(path="(", regex=True, status=500)
    with pytest.raises(ValueError, match="method must be"):
        plane.faults.add(method=5, status=500)  # type: ignore[arg-type]
    assert plane.faults.rules == []


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/api/agent", "matches no operation of the local control plane (did you mean '/api/agents'?)"),
        ("api/agents", "must start with '/'"),
        ("http://127.0.0.1:1/api/agents", "pass the path, not a URL"),
        ("/api/agents?limit=1", "query string"),
        ("/api/agents/{agent_id}", "write * for a parameter, e.g. '/api/agents/*'"),
        ("/api/sessions/.*/events", "looks like a regular expression; pass regex=True"),
        ("/api/agents/(\\d+)", "looks like a regular expression"),
        ("", "non-empty string"),
    ],
)
def test_paths_that_can_never_match_are_refused_by_faults_and_the_log(
    plane: LocalControlPlane, path: str, says: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        plane.faults.add(path=path, status=503)
    with pytest.raises(ValueError, match=re.escape(says)):
        plane.requests.filter(path=path)


def test_a_method_no_operation_has_for_that_path_is_refused(plane: LocalControlPlane) -> None:
    with pytest.raises(ValueError, match="POST '/api/me' matches no operation"):
        plane.faults.add(method="POST", path="/api/me", status=503)
    with pytest.raises(ValueError, match="POST '/api/me' matches no operation"):
        plane.requests.filter(method="POST", path="/api/me")
    with pytest.raises(ValueError, match="method must be one of"):
        plane.requests.filter(method="FETCH")


def test_faults_and_the_log_match_paths_the_same_way(plane: LocalControlPlane, api: httpx.Client) -> None:
    agent = f"/api/agents/{make_agent(api)['id']}"
    paths = ["/api/agents", agent, f"{agent}/skills"]
    for path, regex, expected in [
        (agent, False, [agent]),
        ("/api/agents/*", False, [agent]),
        ("/api/agents/**", False, [agent, f"{agent}/skills"]),
        (r"/api/agents/\d+", True, [agent]),
        ("/api/agents", True, ["/api/agents"]),  # a regex matches the whole path, never a prefix
    ]:
        plane.requests.clear()
        for each in paths:
            api.get(each)
        assert [r.path for r in plane.requests.filter(method="GET", path=path, regex=regex)] == expected
        plane.faults.add(method="GET", path=path, regex=regex, status=503, times=None)
        assert [each for each in paths if api.get(each).status_code == 503] == expected
        plane.faults.clear()
