"""[LocalControlPlane][anyframe.testing.LocalControlPlane] and [serve][anyframe.testing.serve]: start, stop, glue.

The plane owns the world, the HTTP server, the fault registry and the request log. Every `/api` request
goes: faults -> route (404/405) -> auth (401) -> path, query and body checked against the spec (422) ->
handler under the world lock -> request log.

`/_plane/...` control endpoints skip faults and the log, and are guarded against the requests a web
page open in the developer's browser could send to 127.0.0.1 (CSRF) or through a rebound DNS name:
they answer only a loopback `Host` (403 otherwise), only with the plane's control token
(`Authorization: Bearer <plane.control_token>`, 401 otherwise), and take bodies only as
`application/json` (415 otherwise). The two URLs the plane hands out itself, an OAuth `authorize_url`
and a build's signed `log_url`, carry their own secret (the OAuth `state`, the signature) instead of
the token, as the real ones do.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import json
import logging
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast

from . import _builds, _connectors
from ._chat import append_event
from ._config import Limits, Timings
from ._faults import FaultRule, Faults
from ._http import (
    ApiError,
    Request,
    Response,
    StreamResponse,
    dumps,
    empty_response,
    error_response,
    json_response,
)
from ._requests import BODY_LIMIT, RecordedRequest, RequestLog
from ._routes import build_router
from ._routing import Route, bind
from ._rows import TokenRow
from ._server import PlaneServer
from ._spec import load as load_spec
from ._world import World

if TYPE_CHECKING:
    from types import TracebackType

    from anyframe import AnyFrame, AsyncAnyFrame

__all__ = ["LocalControlPlane", "serve"]

logger = logging.getLogger("anyframe.testing")

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
_UNLOGGED_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
_TOKEN_SAFE = re.compile(r"[A-Za-z0-9._~+/=-]{16,256}\Z")
_SEED_TIMEOUT = 30.0
_TEXT_LIMIT = 4096  # of a body that is not JSON, the request log keeps this many bytes

_HTML_ERROR = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
    b"<hr><center>nginx</center></body></html>"
)


def _loopback(host: str) -> socket.AddressFamily:
    literal = "127.0.0.1" if host == "localhost" else host.strip("[]")
    try:
        address = ipaddress.ip_address(literal)
    except ValueError:
        raise ValueError(f"the local control plane binds loopback addresses only, not {host!r}") from None
    if not address.is_loopback:
        raise ValueError(f"the local control plane binds loopback addresses only, not {host!r}")
    return socket.AF_INET6 if address.version == 6 else socket.AF_INET


class LocalControlPlane:
    """A stateful AnyFrame control plane served over real HTTP on a loopback port.

    Use [serve][anyframe.testing.serve] for the common case; construct this class directly to start and
    stop it yourself.

    Args:
        host: Loopback address to bind (`127.0.0.1`, `localhost`, `::1`); anything else is refused.
        port: TCP port; `0` picks a free one.
        api_key: Value of the initial API token (default: a random `afm_...`).
        control_token: Value of the token the `/_plane` control endpoints require (default: random).
        timings: Delays of the simulated world (see [Timings][anyframe.testing.Timings]).
        limits: Resource bounds: connections, read timeout, request log size (see
            [Limits][anyframe.testing.Limits]).
        time_scale: Overrides `timings.time_scale`.
        build_seconds: Overrides `timings.build_seconds`.
        boot_seconds: Overrides `timings.boot_seconds`.
        turn_seconds: Overrides `timings.turn_seconds`.
        snapshot_seconds: Overrides `timings.snapshot_seconds`.
        idle_scale: Overrides `timings.idle_scale`.
        keepalive_interval: Overrides `timings.keepalive_interval`.

    Raises:
        ValueError: `host` is not a loopback address, `api_key` does not start with `afm_`, the control
            token is not 16-256 URL-safe characters, or a timing is negative.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        api_key: str | None = None,
        control_token: str | None = None,
        timings: Timings | None = None,
        limits: Limits | None = None,
        time_scale: float | None = None,
        build_seconds: float | None = None,
        boot_seconds: float | None = None,
        turn_seconds: float | None = None,
        snapshot_seconds: float | None = None,
        idle_scale: float | None = None,
        keepalive_interval: float | None = None,
    ) -> None:
        self._family = _loopback(host)
        if api_key is not None and (not isinstance(api_key, str) or not api_key.startswith("afm_")):
            raise ValueError("api_key must start with 'afm_'")
        if control_token is not None and (
            not isinstance(control_token, str) or not _TOKEN_SAFE.match(control_token)
        ):
            raise ValueError("control_token must be 16-256 characters from A-Z, a-z, 0-9 and ._~+/=-")
        overrides = {
            "time_scale": time_scale,
            "build_seconds": build_seconds,
            "boot_seconds": boot_seconds,
            "turn_seconds": turn_seconds,
            "snapshot_seconds": snapshot_seconds,
            "idle_scale": idle_scale,
            "keepalive_interval": keepalive_interval,
        }
        base = timings or Timings()
        self.timings = Timings(**{**base.__dict__, **{k: v for k, v in overrides.items() if v is not None}})
        self._host = "127.0.0.1" if host == "localhost" else host.strip("[]")
        self._port = port
        self.limits = limits or Limits()
        self._world = World(self.timings)
        self.faults = Faults()
        self.requests = RequestLog(self.limits)
        self.control_token = control_token or "plane_" + secrets.token_urlsafe(24)
        self._log_key = secrets.token_bytes(32)  # signs the build log URLs this plane hands out
        self.stop_event = threading.Event()
        self._spec = load_spec()
        self._router = build_router(self._spec)
        self._token = self._world.mint_token("local-plane", api_key)
        self._lock = threading.Lock()
        self._server: PlaneServer | None = None
        self._thread: threading.Thread | None = None
        self._client: AnyFrame | None = None
        self._stopped = False
        self.url = ""

    # -- lifecycle ------------------------------------------------------------------------------------

    def start(self) -> LocalControlPlane:
        """Bind the port and start serving (idempotent while running).

        Returns:
            The plane itself, so `plane = LocalControlPlane().start()` works.

        Raises:
            RuntimeError: The plane was stopped; planes are not restartable.
            OSError: The port could not be bound.
        """
        with self._lock:
            if self._stopped:
                raise RuntimeError("a stopped LocalControlPlane cannot be restarted; create a new one")
            if self._server is not None:
                return self
            server = PlaneServer(
                (self._host, self._port),
                self,
                self._family,
                max_connections=self.limits.max_connections,
                read_timeout=self.limits.read_timeout,
            )
            host = f"[{self._host}]" if self._family == socket.AF_INET6 else self._host
            self.url = f"http://{host}:{server.server_port}"
            self._world.base_url = self.url
            self._world.sign = self._sign_log_url
            self._world.scheduler.start()
            self._thread = threading.Thread(
                target=server.serve,
                name="anyframe-plane-http",
                daemon=True,
            )
            self._server = server
            self._thread.start()
        logger.debug("local control plane listening on %s", self.url)
        return self

    def stop(self) -> None:
        """Stop serving: end open streams and connections, join every thread, close `client` (idempotent)."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            server, thread, client = self._server, self._thread, self._client
            self._client = None
        if client is not None:
            try:
                client.close()
            except Exception:  # the SDK client is not ours to debug while shutting down
                logger.debug("closing the plane's client failed", exc_info=True)
        self.stop_event.set()
        self._world.stop()
        if server is not None:
            server.wake()
            if thread is not None:
                thread.join(2.0)
            server.close()
        logger.debug("local control plane stopped")

    @property
    def running(self) -> bool:
        """Whether the plane is serving."""
        return self._server is not None and not self._stopped

    def __enter__(self) -> LocalControlPlane:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped" if self._stopped else "not started"
        return f"<LocalControlPlane {self.url or '-'} {state}>"

    # -- conveniences ---------------------------------------------------------------------------------

    @property
    def api_key(self) -> str:
        """The initial API token, accepted until revoked."""
        return self._token.secret

    @property
    def client(self) -> AnyFrame:
        """A ready `anyframe.AnyFrame` for this plane, created on first use and closed by `stop()`."""
        with self._lock:
            if self._client is None:
                from anyframe import AnyFrame  # lazily: the SDK is optional for users of the plane alone

                self._client = AnyFrame(api_key=self.api_key, base_url=self.url, load_dotenv=False)
            return self._client

    def async_client(self) -> AsyncAnyFrame:
        """Return a new `anyframe.AsyncAnyFrame` for this plane; the caller closes it.

        Returns:
            A client whose `api_key` and `base_url` point at this plane.
        """
        from anyframe import AsyncAnyFrame

        return AsyncAnyFrame(api_key=self.api_key, base_url=self.url, load_dotenv=False)

    def seed(self, *, wait: bool = True, timeout: float = _SEED_TIMEOUT) -> dict[str, object]:
        """Create a demo world: an agent `demo`, a build and a session of it, ready to talk to.

        Useful for examples that expect something to exist already, such as the user guide's "take over
        a running session". Seeding bypasses faults and the request log. By default it returns once the
        session is `running`, so code started right after it finds a running session.

        Args:
            wait: Wait until the seeded session is `running` (otherwise return while it boots).
            timeout: Seconds to wait at most.

        Returns:
            `{"agent_id": ..., "build_id": ..., "session_id": ...}`.

        Raises:
            TimeoutError: The session was not running after `timeout` seconds (a large `time_scale`).
        """
        agent = self._call(
            "POST", "/api/agents", {"name": "demo", "repo_url": "tinyhq/box", "install_cmd": "bun install"}
        )
        build = self._call("POST", f"/api/agents/{agent['id']}/build", {"force": False})
        session = self._call("POST", "/api/sessions", {"agent_id": agent["id"], "idle_timeout_s": 3600})
        if wait:
            deadline = time.monotonic() + timeout
            with self._world.cond:
                row = self._world.sessions[str(session["id"])]
                while row.status != "running":
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or row.status in ("error", "terminated"):
                        raise TimeoutError(
                            f"the seeded session is {row.status!r}, not running, after {timeout:g} s; "
                            "use a smaller time_scale or pass wait=False"
                        )
                    self._world.cond.wait(remaining)
        return {"agent_id": agent["id"], "build_id": build["build_id"], "session_id": session["id"]}

    def append_events(self, session_id: str, payloads: Iterable[Mapping[str, object]]) -> int:
        """Append chat events to a session directly, as if its agent had emitted them.

        For tests and benchmarks that need a long history (transcript paging, stream replay) without
        playing thousands of turns. Open event streams see the new events at once.

        Args:
            session_id: The session (any status).
            payloads: Event payloads; each should carry a `type`.

        Returns:
            The `seq` of the last event appended.

        Raises:
            KeyError: No such session.
        """
        with self._world.cond:
            session = self._world.sessions[str(session_id)]
            for payload in payloads:
                append_event(self._world, session, dict(payload))
            return len(session.events)

    def _call(self, method: str, path: str, body: dict[str, object]) -> dict[str, object]:
        request = Request(method, path, {}, {"authorization": f"Bearer {self.api_key}"}, dumps(body))
        response = self._route(request)
        if not isinstance(response, Response) or response.status >= 300:
            raise RuntimeError(f"seeding failed on {method} {path}")
        result: dict[str, object] = json.loads(response.body)
        return result

    # -- request handling (called by the server threads) -------------------------------------------------

    def handle(self, request: Request) -> Response | StreamResponse:
        """Answer one request (the [App][anyframe.testing._server.App] protocol)."""
        if request.path == "/_plane" or request.path.startswith("/_plane/"):
            try:
                return self._control(request)
            except ApiError as exc:
                return error_response(exc)
        rule = self.faults.take(request.method, request.path)
        try:
            response = self._route(request) if rule is None else self._fault(rule, request)
        except ApiError as exc:
            response = error_response(exc)
        except Exception:
            logger.exception("local control plane failed on %s %s", request.method, request.path)
            response = json_response(500, {"detail": "internal error in the local control plane"})
        if isinstance(response, StreamResponse):
            response.fault = self.faults.take_stream(request.method, request.path)
        self.requests.append(self._record(request, response.status))
        return response

    def _caller(self, request: Request) -> TokenRow | None:
        """The live API token a request carries, if any (remembered: a request may revoke its own)."""
        if request.token is None:
            scheme, _, secret = request.headers.get("authorization", "").partition(" ")
            with self._world.cond:
                row = self._world.authenticate(secret.strip()) if scheme.lower() == "bearer" else None
            request.token = row or False
        return request.token if isinstance(request.token, TokenRow) else None

    def _record(self, request: Request, status: int) -> RecordedRequest:
        """What the request log keeps of a request: no credentials, no secrets, bounded."""
        if self._caller(request) is None:
            line = len(request.method) + len(request.path)
            return RecordedRequest(
                request.method, request.path, {}, {}, None, status, rejected=True, size=line
            )
        headers = {k: v for k, v in request.headers.items() if k not in _UNLOGGED_HEADERS}
        size = len(request.path) + sum(len(k) + len(v) for k, v in [*headers.items(), *request.query.items()])
        return RecordedRequest(
            request.method,
            request.path,
            request.query,
            headers,
            self._logged_body(request),
            status,
            size=size + min(len(request.body), BODY_LIMIT),
        )

    def _logged_body(self, request: Request) -> object:
        if not request.has_body:
            return None
        if len(request.body) > BODY_LIMIT:
            return f"<{len(request.body)} bytes, not recorded>"
        route = self._resolve(request)
        schema = None if route is None else route.operation.body
        secret = route is not None and route.operation.secret_body
        try:
            value = request.json()
        except ApiError:  # not JSON, or nested too deeply: some text, and only when it cannot hold a secret
            if secret:
                return f"<{len(request.body)} bytes, not recorded>"
            text = request.body[:_TEXT_LIMIT].decode("utf-8", "replace")
            return text if len(request.body) <= _TEXT_LIMIT else f"{text}... ({len(request.body)} bytes)"
        return self._spec.validator.redact(schema, value) if schema is not None and secret else value

    def _resolve(self, request: Request) -> Route | None:
        """The route of a request, matched once and remembered on it (`None` for an unknown path)."""
        if request.route is None:
            try:
                request.route = self._router.resolve(request)
            except ApiError as exc:
                request.route = exc
        return request.route[0] if isinstance(request.route, tuple) else None

    def _route(self, request: Request) -> Response | StreamResponse:
        self._resolve(request)
        if not isinstance(request.route, tuple):
            raise cast(ApiError, request.route)
        route, raw = cast("tuple[Route, dict[str, str]]", request.route)
        token = self._caller(request)
        if token is None:
            raise ApiError(401, "invalid or missing API token", {"WWW-Authenticate": "Bearer"})
        request.authorized = lambda: token.revoked_at is None
        params = bind(self._spec, route, request, raw)  # 422 before any state is touched
        with self._world.cond:
            if token.revoked_at is not None:  # revoked while this request was being validated
                raise ApiError(401, "invalid or missing API token", {"WWW-Authenticate": "Bearer"})
            return route.handler(self._world, request, params)

    def _fault(self, rule: FaultRule, request: Request) -> Response | StreamResponse:
        if rule.delay:
            self.stop_event.wait(rule.delay)
        if rule.status is None and rule.body is None:
            return self._route(request)
        if rule.process:
            try:
                processed = self._route(request)
            except ApiError:
                processed = None
            if isinstance(processed, StreamResponse):
                getattr(processed.frames, "close", lambda: None)()
        status = rule.status or 200
        headers = dict(rule.headers)
        if status in (204, 304):
            return Response(status, b"", None, headers)  # statuses that carry no body
        if rule.retry_after is not None:
            headers["Retry-After"] = rule.retry_after
        if rule.retry_after_ms is not None:
            headers["retry-after-ms"] = str(rule.retry_after_ms)
        if rule.body == "malformed":
            return Response(status, b'{"id": 1,', "application/json", headers)
        if rule.body == "html":
            return Response(status, _HTML_ERROR, "text/html; charset=utf-8", headers)
        return json_response(status, {"detail": rule.detail or f"injected fault: HTTP {status}"}, headers)

    def _guard(self, request: Request, *, capability: bool) -> None:
        """Refuse what a browser tab could send: a foreign `Host`, no control token, a non-JSON body."""
        host = request.headers.get("host")
        if host is not None and _host_name(host) not in _LOOPBACK_HOSTS:
            raise ApiError(
                403,
                f"Host {host!r} is not a loopback name; the local control plane answers /_plane requests "
                "addressed to 127.0.0.1, localhost or [::1] only",
            )
        if capability:
            return
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip(), self.control_token):
            raise ApiError(
                401,
                "the /_plane control endpoints need the plane's control token: send "
                "'Authorization: Bearer <token>' with plane.control_token (printed by python -m anyframe.testing)",
                {"WWW-Authenticate": "Bearer"},
            )
        if request.has_body:
            media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if media != "application/json":
                raise ApiError(
                    415, f"send the body as JSON with Content-Type: application/json, not {media or 'none'!r}"
                )

    def _control(self, request: Request) -> Response:
        path, method = request.path.rstrip("/"), request.method
        capability = method == "GET" and (
            path == "/_plane/oauth/authorize" or path.startswith("/_plane/logs/")
        )
        self._guard(request, capability=capability)
        if path == "/_plane/health" and method == "GET":
            return json_response(200, {"ok": True, "url": self.url})
        if path == "/_plane/faults":
            if method == "GET":
                return json_response(200, [rule.to_json() for rule in self.faults.rules])
            if method == "DELETE":
                self.faults.clear()
                return empty_response()
            if method == "POST":
                try:
                    spec = request.json()
                except ApiError:
                    raise ApiError(
                        400, "the fault must be a JSON object; the body is not valid JSON"
                    ) from None
                try:
                    rule = self.faults.add_from_json(spec)
                except ValueError as exc:
                    raise ApiError(400, str(exc)) from None
                return json_response(201, rule.to_json())
        if path == "/_plane/requests":
            if method == "GET":
                return json_response(200, [_record_json(r) for r in self.requests])
            if method == "DELETE":
                self.requests.clear()
                return empty_response()
        if path == "/_plane/oauth/authorize" and method == "GET":
            with self._world.cond:
                row = _connectors.complete_oauth(self._world, request.query.get("state", ""))
            if row is None:
                raise ApiError(404, "unknown or used OAuth state")
            page = f"<html><body><h1>{html.escape(row.display_name)} is connected</h1></body></html>"
            return Response(200, page.encode(), "text/html; charset=utf-8")
        if path.startswith("/_plane/logs/") and method == "GET":
            try:
                build_id = int(path.rsplit("/", 1)[1])
            except ValueError:
                raise ApiError(404, "Not Found") from None
            self._check_log_url(build_id, request.query)
            with self._world.cond:
                text = _builds.build_log_text(self._world, build_id)
            if text is None:
                raise ApiError(404, "build not found")
            return Response(200, text.encode(), "text/plain; charset=utf-8")
        raise ApiError(404, "Not Found")

    def _sign_log_url(self, build_id: int, expires: int) -> str:
        message = f"{build_id}:{expires}".encode()
        return hmac.new(self._log_key, message, "sha256").hexdigest()[:32]

    def _check_log_url(self, build_id: int, query: Mapping[str, str]) -> None:
        try:
            expires = int(query.get("expires", ""))
        except ValueError:
            raise ApiError(403, "the log URL is not signed; get one from build_log_url") from None
        if not hmac.compare_digest(query.get("sig", ""), self._sign_log_url(build_id, expires)):
            raise ApiError(403, "the log URL's signature is invalid; get a new one from build_log_url")
        if expires < time.time():
            raise ApiError(403, "the log URL has expired; get a new one from build_log_url")


def _host_name(host: str) -> str:
    """The host part of a `Host` header, without the port (IPv6 literals keep their brackets)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _record_json(record: RecordedRequest) -> dict[str, object]:
    return {
        "method": record.method,
        "path": record.path,
        "query": dict(record.query),
        "headers": dict(record.headers),
        "body": record.body,
        "status": record.status,
        "at": record.at,
        "rejected": record.rejected,
    }


def serve(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    api_key: str | None = None,
    control_token: str | None = None,
    timings: Timings | None = None,
    limits: Limits | None = None,
    time_scale: float | None = None,
    build_seconds: float | None = None,
    boot_seconds: float | None = None,
    turn_seconds: float | None = None,
    snapshot_seconds: float | None = None,
    idle_scale: float | None = None,
    keepalive_interval: float | None = None,
) -> LocalControlPlane:
    """Start a local control plane; use the result as a context manager to stop it.

    Args:
        host: Loopback address to bind.
        port: TCP port; `0` picks a free one.
        api_key: Value of the initial API token (default: random).
        control_token: Value of the `/_plane` control token (default: random).
        timings: Delays of the simulated world.
        limits: Resource bounds (connections, read timeout, request log size).
        time_scale: Overrides `timings.time_scale`.
        build_seconds: Overrides `timings.build_seconds`.
        boot_seconds: Overrides `timings.boot_seconds`.
        turn_seconds: Overrides `timings.turn_seconds`.
        snapshot_seconds: Overrides `timings.snapshot_seconds`.
        idle_scale: Overrides `timings.idle_scale`.
        keepalive_interval: Overrides `timings.keepalive_interval`.

    Returns:
        A running [LocalControlPlane][anyframe.testing.LocalControlPlane].

    Raises:
        ValueError: `host` is not a loopback address or an option is out of range.
    """
    started = time.monotonic()
    plane = LocalControlPlane(
        host,
        port,
        api_key=api_key,
        control_token=control_token,
        timings=timings,
        limits=limits,
        time_scale=time_scale,
        build_seconds=build_seconds,
        boot_seconds=boot_seconds,
        turn_seconds=turn_seconds,
        snapshot_seconds=snapshot_seconds,
        idle_scale=idle_scale,
        keepalive_interval=keepalive_interval,
    ).start()
    logger.debug("started in %.1f ms", (time.monotonic() - started) * 1000)
    return plane
