"""Conformance of the local control plane to `openapi.yaml`: every operation, every preview action.

Contracts pinned:
- a scenario drives every operation of the spec (and the six preview actions) against a live plane,
  happy paths plus the error answers the plane gives (400, 401, 404, 409, 422, and injected 429/503);
  a plain read (a `GET` without path parameters, required query parameters or body) that the scenario
  does not call is called once by itself, so a new endpoint that simple needs no line here;
- every response status is declared by its operation (exactly, or through `4XX`/`5XX`/`default`);
- every JSON body validates (JSON Schema 2020-12, spec components resolved) against the schema declared
  for that status; bodiless statuses have no body; the SSE operations answer `text/event-stream`;
- every JSON request body the scenario sends validates against the operation's request schema, so the
  scenario itself speaks the spec; the plane's own validation answers (a bad path parameter, an unknown
  enum value or field, a missing body) are declared by their operations and shaped as declared;
- an answer the plane gives that the spec does not declare must be listed in `UNDECLARED` (empty
  today: every status is declared); an entry the spec starts declaring fails the test, so the list
  cannot go stale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from anyframe.testing import LocalControlPlane, serve

from ._helpers import frames, take, wait_for

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"

pytestmark = pytest.mark.skipif(not SPEC_PATH.exists(), reason="openapi.yaml is not written yet")

#: (operationId, status) the plane answers on purpose although the spec does not list the status yet.
UNDECLARED: dict[tuple[str, int], str] = {}

_METHODS = ("get", "post", "put", "patch", "delete")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class Conformance:
    """Finds the operation of each exchange and validates it against the spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.spec = spec
        self.registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, DRAFT202012))
        self.validator_class = Draft202012Validator
        self.operations: list[tuple[str, re.Pattern[str], str, str]] = []
        for template, item in spec["paths"].items():
            regex = re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + r"\Z")
            for method in _METHODS:
                if method in item:
                    self.operations.append((method.upper(), regex, template, item[method]["operationId"]))
        # Literal paths first: `/api/connectors/catalog` is not a `{connector_id}`.
        self.operations.sort(key=lambda op: op[2].count("{"))
        self.seen: set[str] = set()
        self.undeclared_seen: set[tuple[str, int]] = set()
        self.problems: list[str] = []

    def operation(self, method: str, path: str) -> tuple[str, str]:
        for op_method, regex, template, operation_id in self.operations:
            if op_method == method and regex.match(path):
                return template, operation_id
        raise AssertionError(f"{method} {path} is not an operation of the spec")

    def _validate(self, instance: object, pointer: str, what: str) -> None:
        validator = self.validator_class(
            {"$ref": f"urn:spec#{pointer}"},
            registry=self.registry,
            format_checker=self.validator_class.FORMAT_CHECKER,
        )
        for error in validator.iter_errors(instance):
            self.problems.append(f"{what}: {error.message} at {list(error.absolute_path)}")

    def check_request(self, method: str, path: str, body: object) -> None:
        template, operation_id = self.operation(method, path)
        request_body = self.spec["paths"][template][method.lower()].get("requestBody")
        if request_body is None:
            self.problems.append(f"{operation_id}: sent a body to an operation without requestBody")
            return
        pointer = f"/paths/{_escape(template)}/{method.lower()}/requestBody/content/application~1json/schema"
        self._validate(body, pointer, f"{operation_id} request")

    def check_response(self, method: str, path: str, response: httpx.Response, body: bytes) -> None:
        template, operation_id = self.operation(method, path)
        self.seen.add(operation_id)
        status = response.status_code
        declared = self.spec["paths"][template][method.lower()]["responses"]
        key = next((k for k in (str(status), f"{str(status)[0]}XX", "default") if k in declared), None)
        if (operation_id, status) in UNDECLARED:
            self.undeclared_seen.add((operation_id, status))
            if key == str(status):
                self.problems.append(f"{operation_id} now declares {status}: remove it from UNDECLARED")
            return
        if key is None:
            self.problems.append(f"{operation_id}: status {status} is not declared ({body[:120]!r})")
            return
        pointer = f"/paths/{_escape(template)}/{method.lower()}/responses/{key}"
        answer = declared[key]
        if "$ref" in answer:
            pointer = answer["$ref"].removeprefix("#")
            answer = self.spec["components"]["responses"][pointer.rsplit("/", 1)[1]]
        content = answer.get("content")
        if not content:
            if body:
                self.problems.append(f"{operation_id} {status}: unexpected body {body[:80]!r}")
            return
        if "text/event-stream" in content:
            if not response.headers["content-type"].startswith("text/event-stream"):
                self.problems.append(f"{operation_id} {status}: not an event stream")
            return
        if not response.headers.get("content-type", "").startswith("application/json"):
            self.problems.append(
                f"{operation_id} {status}: content-type {response.headers.get('content-type')}"
            )
            return
        self._validate(
            json.loads(body), f"{pointer}/content/application~1json/schema", f"{operation_id} {status}"
        )


@pytest.fixture(scope="module")
def conformance() -> Conformance:
    yaml = pytest.importorskip("yaml")
    return Conformance(yaml.safe_load(SPEC_PATH.read_text()))


class Driver:
    """Sends requests through a plane and hands every exchange to the checker."""

    def __init__(self, plane: LocalControlPlane, client: httpx.Client, checker: Conformance) -> None:
        self.plane = plane
        self.client = client
        self.checker = checker

    def call(
        self, method: str, path: str, body: object = None, *, expect: int | None = None, **kw: Any
    ) -> Any:
        if body is not None and expect != 422:  # deliberately invalid bodies are not checked
            self.checker.check_request(method, path, body)
        response = self.client.request(method, path, json=body, **kw)
        self.checker.check_response(method, path, response, response.content)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    def stream(self, path: str, count: int, **kw: Any) -> list[dict[str, str]]:
        with self.client.stream("GET", path, **kw) as response:
            self.checker.check_response("GET", path, response, b"")
            assert response.status_code == 200
            return take(frames(response), count)


@pytest.fixture
def driver(conformance: Conformance) -> Iterator[Driver]:
    with (
        serve(time_scale=0.05, idle_scale=1.0) as plane,
        httpx.Client(
            base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}, timeout=5.0
        ) as client,
    ):
        yield Driver(plane, client, conformance)


def _accounts_and_connectors(d: Driver) -> None:
    d.call("GET", "/api/me", expect=200)
    token = d.call("POST", "/api/tokens", {"name": "ci"}, expect=201)
    d.call("POST", "/api/tokens", {"name": ""}, expect=422)
    d.call("GET", "/api/tokens", expect=200)
    d.call("DELETE", f"/api/tokens/{token['id']}", expect=204)
    d.call("DELETE", "/api/tokens/999", expect=404)
    for kind in ("claude", "codex", "github"):
        d.call("PUT", f"/api/credentials/{kind}", {"token": f"secret-{kind}"}, expect=204)
    d.call("GET", "/api/credentials", expect=200)
    for kind in ("claude", "codex", "github"):
        d.call("DELETE", f"/api/credentials/{kind}", expect=204)
    d.call("GET", "/api/credentials", expect=200)
    d.call("POST", "/api/connectors/discover", {"mcp_url": "https://mcp.acme.io/mcp"}, expect=200)
    oauth = {"mcp_url": "https://mcp.acme.io/mcp", "display_name": "Acme", "default_enabled": True}
    created = d.call("POST", "/api/connectors/oauth", oauth, expect=200)
    d.call("POST", "/api/connectors/oauth", oauth, expect=409)
    d.call(
        "POST",
        "/api/connectors/bearer",
        {**oauth, "mcp_url": "https://b.example/mcp", "token": "t-1"},
        expect=200,
    )
    d.call("POST", "/api/connectors/catalog/linear/oauth", expect=200)
    d.call("POST", "/api/connectors/catalog/figma/oauth", expect=409)
    d.call("POST", "/api/connectors/catalog/sentry/oauth", expect=400)
    d.call("POST", "/api/connectors/catalog/nope/oauth", expect=404)
    d.call("POST", "/api/connectors/catalog/sentry/bearer", {"token": "sntrys_1"}, expect=200)
    d.call("POST", "/api/connectors/catalog/sentry/bearer", {"token": "sntrys_1"}, expect=409)
    d.call("GET", "/api/connectors", expect=200)
    d.call("GET", "/api/connectors/catalog", expect=200)
    d.call("POST", f"/api/connectors/{created['connector_id']}/reauthorize", expect=200)
    bearer = next(c for c in d.call("GET", "/api/connectors") if c["auth_kind"] == "bearer_token")
    d.call("POST", f"/api/connectors/{bearer['id']}/reauthorize", expect=400)
    d.call("POST", "/api/connectors/999/reauthorize", expect=404)
    d.call("DELETE", f"/api/connectors/{bearer['id']}", expect=204)
    d.call("DELETE", f"/api/connectors/{bearer['id']}", expect=404)


def _agents(d: Driver) -> int:
    body = {"name": "demo", "description": "d", "system_prompt": "s", "runtime": "claude", "repo_url": "tinyhq/box",
            "repo_ref": "main", "install_cmd": "bun install", "serve_cmd": "bun dev", "preview_ports": [3000],
            "permissions": {"preset": "standard"}, "env_vars": {"API_KEY": "x"}}  # fmt: skip
    agent_id: int = d.call("POST", "/api/agents", body, expect=201)["id"]
    d.call("POST", "/api/agents", {"name": "x", "env_vars": {"bad-key": "v"}}, expect=422)
    d.call("GET", "/api/agents", expect=200)
    d.call("GET", f"/api/agents/{agent_id}", expect=200)
    d.call("GET", "/api/agents/999", expect=404)
    d.call("PATCH", f"/api/agents/{agent_id}", {"name": "renamed"}, expect=200)
    a = f"/api/agents/{agent_id}"
    skill = d.call(
        "POST", f"{a}/skills", {"name": "s", "source": "inline", "content": {}, "enabled": True}, expect=201
    )
    d.call("GET", f"{a}/skills", expect=200)
    d.call("PATCH", f"{a}/skills/{skill['id']}", {"enabled": False}, expect=200)
    d.call("DELETE", f"{a}/skills/{skill['id']}", expect=204)
    d.call("DELETE", f"{a}/skills/{skill['id']}", expect=404)
    mcp_body = {"name": "m", "transport": "http", "config": {"url": "https://m.example"}, "enabled": True}
    mcp = d.call("POST", f"{a}/mcps", mcp_body, expect=201)
    d.call("GET", f"{a}/mcps", expect=200)
    d.call("PATCH", f"{a}/mcps/{mcp['id']}", {"secret_ref": "vault:x"}, expect=200)
    d.call("DELETE", f"{a}/mcps/{mcp['id']}", expect=204)
    toggles = d.call("GET", f"{a}/connectors", expect=200)
    d.call("PUT", f"{a}/connectors/{toggles[0]['connector_id']}", {"enabled": False}, expect=200)
    d.call("PUT", f"{a}/connectors/999", {"enabled": False}, expect=404)
    d.call("GET", f"{a}/build/status", expect=200)
    queued = d.call("POST", f"{a}/build", {"force": False}, expect=202)
    d.call("POST", f"{a}/build", {"force": False}, expect=202)  # already running
    d.stream(f"{a}/builds/{queued['build_id']}/stream", 50)
    wait_for(lambda: d.call("GET", f"{a}/build/status").get("state") == "succeeded")
    d.call("POST", f"{a}/build", {"force": False}, expect=202)  # cached
    d.call("GET", f"{a}/builds", params={"limit": 20}, expect=200)
    d.call("GET", f"{a}/builds", params={"limit": "x"}, expect=422)
    d.call("GET", f"{a}/builds/{queued['build_id']}/log_url", expect=200)
    d.call("GET", f"{a}/builds/999/log_url", expect=404)
    return agent_id


def _status(d: Driver, session_id: str) -> str:
    status: str = d.call("GET", f"/api/sessions/{session_id}")["status"]
    return status


def _sessions_and_chat(d: Driver, agent_id: int) -> None:
    body = {"agent_id": agent_id, "idle_timeout_s": 300, "unsafe": False}
    sid = d.call("POST", "/api/sessions", body, expect=202)["id"]
    d.call("POST", "/api/sessions", {**body, "agent_id": 999}, expect=404)
    d.call("POST", f"/api/sessions/{sid}/message", {"text": "hi"}, expect=409)  # still booting
    wait_for(lambda: _status(d, sid) == "running")
    s = f"/api/sessions/{sid}"
    d.call("GET", "/api/sessions", expect=200)
    d.call("GET", "/api/sessions/11111111-2222-3333-4444-555555555555", expect=404)
    d.call("POST", f"{s}/message", {"prompt": "tidy up, ask permission"}, expect=200)
    wait_for(
        lambda: any(i["kind"] == "pending" for i in d.call("GET", "/api/attention", params={"limit": 20}))
    )
    d.call("POST", f"{s}/respond", {"decision": "approve"}, expect=200)
    d.call("POST", f"{s}/respond", {"decision": "approve"}, expect=409)
    wait_for(lambda: any(i["kind"] == "idle" for i in d.call("GET", "/api/attention", params={"limit": 20})))
    d.call("GET", f"{s}/transcript", params={"since": 0, "limit": 1000}, expect=200)
    d.call("GET", f"{s}/transcript", params={"since": "x"}, expect=422)
    d.call("GET", "/api/attention", params={"limit": "x"}, expect=422)
    assert len(d.stream(f"{s}/events", 3, headers={"Last-Event-ID": "2"})) == 3
    p = f"{s}/previews"
    d.call("POST", p, {"action": "start", "cmd": "bun dev", "port": 3000, "name": "web"}, expect=200)
    d.call("POST", p, {"action": "list"}, expect=200)
    d.call("POST", p, {"action": "status", "name": "web"}, expect=200)
    d.call("POST", p, {"action": "logs", "name": "web", "tail": 200}, expect=200)
    d.call("POST", p, {"action": "stop", "port": 3000}, expect=200)
    batch = {
        "action": "batch_start",
        "previews": [{"cmd": "bun dev", "port": 3000, "name": "web"}, {"cmd": "api"}],
    }
    d.call("POST", p, batch, expect=200)
    d.call("POST", p, {"action": "status", "name": "missing"}, expect=200)
    d.call("POST", p, {"action": "start"}, expect=422)
    d.call("POST", f"{s}/save-as-base", expect=400)
    d.call("DELETE", s, expect=409)
    d.call("POST", f"{s}/resume", {"unsafe": False}, expect=409)
    d.call("POST", f"{s}/terminate", expect=202)
    d.call("POST", p, {"action": "list"}, expect=409)
    wait_for(lambda: _status(d, sid) == "terminated")
    d.call("POST", f"{s}/terminate", expect=202)
    d.call("GET", f"{s}/snapshots", expect=200)
    d.call("POST", f"{s}/resume", {"unsafe": False}, expect=202)
    setup = d.call("POST", "/api/sessions", {**body, "is_setup_session": True}, expect=202)["id"]
    d.call("POST", f"/api/sessions/{setup}/save-as-base", expect=409)
    wait_for(lambda: _status(d, setup) == "running")
    d.call("POST", f"/api/sessions/{setup}/save-as-base", expect=200)
    paused = d.call("POST", "/api/sessions", {**body, "idle_timeout_s": 1}, expect=202)["id"]
    wait_for(lambda: _status(d, paused) == "terminated")
    assert any(
        i["kind"] == "paused" for i in d.call("GET", "/api/attention", params={"limit": 20}, expect=200)
    )
    d.call("DELETE", f"/api/sessions/{paused}", expect=204)
    d.call("DELETE", f"/api/agents/{agent_id}", expect=204)


def _errors(d: Driver) -> None:
    # Validation answers derived from the spec are declared by the spec (and shaped as it says).
    d.call("GET", "/api/agents/abc", expect=422)
    d.call("DELETE", "/api/sessions/not-a-uuid", expect=422)
    d.call("GET", "/api/sessions/not-a-uuid/events", expect=422)
    d.call("POST", "/api/agents", {"name": "x", "runtime": "cobol"}, expect=422)
    d.call("PATCH", "/api/agents/1", {"nickname": "x"}, expect=422)
    d.call("POST", "/api/agents/1/build", expect=422)  # the spec requires a body
    d.plane.faults.add(method="GET", path="/api/me", status=429, retry_after=1)
    d.call("GET", "/api/me", expect=429)
    d.plane.faults.add(method="GET", path="/api/agents", status=503)
    d.call("GET", "/api/agents", expect=503)
    request = d.client.build_request("GET", "/api/me")
    request.headers["authorization"] = "Bearer afm_unknown"
    response = d.client.send(request)
    d.checker.check_response("GET", "/api/me", response, response.content)
    assert response.status_code == 401


def _other_plain_reads(d: Driver) -> None:
    for template, item in d.checker.spec["paths"].items():
        get = item.get("get")
        if get is None or get["operationId"] in d.checker.seen or "{" in template or "requestBody" in get:
            continue
        parameters = [
            d.checker.spec["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p
            for p in [*item.get("parameters", []), *get.get("parameters", [])]
        ]
        streamed = any("text/event-stream" in r.get("content", {}) for r in get["responses"].values())
        if not streamed and not any(p.get("required") for p in parameters):
            d.call("GET", template, expect=200)


def test_every_operation_answers_as_the_spec_declares(driver: Driver) -> None:
    _accounts_and_connectors(driver)
    agent_id = _agents(driver)
    _sessions_and_chat(driver, agent_id)
    _errors(driver)
    _other_plain_reads(driver)
    checker = driver.checker
    assert not checker.problems, "\n".join(checker.problems)
    every = {operation_id for _, _, _, operation_id in checker.operations}
    assert every - checker.seen == set()
    assert set(UNDECLARED) - checker.undeclared_seen == set()
    actions = {
        r.body["action"] for r in driver.plane.requests if isinstance(r.body, dict) and "action" in r.body
    }
    assert actions == {"list", "start", "stop", "status", "logs", "batch_start"}
