"""The client: configuration, the connection pool, and the resource managers hung off it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from .._core.config import (
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_STREAMS,
    DEFAULT_STREAM_READ_TIMEOUT,
    DEFAULT_TIMEOUT,
    configure_logging,
    mask_key,
    resolve_config,
    with_changes,
)
from .._core.custom import custom_request
from .._core.hooks import RequestHook, RequestInfo, ResponseHook, ResponseInfo
from .._core.options import RequestOptions, Unpack, WaitOptions
from .._core.raw import RawResponse
from .._core.sse import SSEEvent
from .._core.validate import SessionId
from ..exceptions import InvalidArgumentError
from ._transport import AsyncTransport

if TYPE_CHECKING:
    from ..models._identity import User
    from ._raw import AsyncAnyFrameWithRawResponse
    from ._stream import AsyncEventStream
    from .agents import AsyncAgents
    from .attention import AsyncAttention
    from .connectors import AsyncConnectors
    from .credentials import AsyncCredentialsResource
    from .sessions import AsyncSessions
    from .tokens import AsyncTokens

# With the client, the types its methods hand back or take that are not models: `anyframe` re-exports
# this list.
__all__ = [
    "AsyncAnyFrame",
    "AsyncEventStream",
    "RawResponse",
    "RequestHook",
    "RequestInfo",
    "RequestOptions",
    "ResponseHook",
    "ResponseInfo",
    "SSEEvent",
    "SessionId",
    "WaitOptions",
]


def __getattr__(name: str) -> object:
    # The event-stream class loads on first use (a program that never streams does not import it).
    if name == "AsyncEventStream":
        from ._stream import AsyncEventStream

        return AsyncEventStream
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class AsyncAnyFrame:
    """The AnyFrame control-plane client: configuration, one connection pool, and the resources.

    Example:
        ```python
        async with AsyncAnyFrame() as af:        # reads ANYFRAME_API_KEY from the env or .env
            me = await af.me()
            agents = await af.agents.list()
        ```

    Args:
        api_key: Personal API token (`afm_...`). Falls back to `ANYFRAME_API_KEY` in the
            environment, then in a `.env` file in the working directory.
        base_url: Control-plane URL. Falls back to `ANYFRAME_BASE_URL`, then `https://api.anyfrm.com`.
        timeout: Per-request timeout in seconds, or an `httpx.Timeout` for per-phase control. One
            attempt of a call ends by it (its longest phase, as an overall deadline, not only per
            read); its pool part bounds the wait for a free connection. A whole call lasts at most
            `max_retries + 1` attempts plus the waits between them (at most 8 s each, or the
            server's `Retry-After` up to 60 s).
        load_dotenv: Read `.env` from the working directory to fill settings the shell does not
            set (the shell always wins; the file never changes `os.environ`). `False` reads no file.
        max_retries: How many times a failed call is retried when that is safe (see Retries).
        stream_read_timeout: Seconds an event stream may stay silent before it is treated as dead
            and reopened; separate from `timeout`, since a chat stream idles between turns.
        max_streams: Event streams open at once, in a connection pool of their own so that they
            never starve ordinary calls (each holds one connection, so one file descriptor). One
            more waits up to `timeout`, then raises `APITimeoutError` naming this limit.
        max_response_size: The largest decoded answer accepted, in bytes (default 128 MiB, far above
            any real answer); a bigger one raises `ResponseValidationError`. Streams bound each event
            instead.
        http_client: An `httpx.AsyncClient` you configured yourself (proxies, mTLS, custom
            transports). The SDK sends through it and leaves closing it to you.
        default_headers: Headers sent with every request, under each call's `extra_headers`.
            `Authorization` is refused (it carries `api_key`); a `User-Agent` is appended to the SDK's.
        default_query: Query parameters sent with every request, under each call's own.
        on_request: Called with a [`RequestInfo`][anyframe.RequestInfo] before each attempt of a call
            and each connection of an event stream (for tracing and metrics; no headers, no body).
        on_response: Called with a [`ResponseInfo`][anyframe.ResponseInfo] after each attempt: status,
            elapsed time, request id, or the error when no answer came. An exception raised by a
            hook ends the call unchanged.
        logger: The `logging.Logger` the client writes its DEBUG lines and warnings to, instead of
            the `anyframe` logger (which `ANYFRAME_LOG_LEVEL` configures).

    Raises:
        AuthError: No API key resolved; the message names `ANYFRAME_API_KEY`. No request is sent.
        InvalidArgumentError: A setting is malformed (relative `base_url`, negative `timeout`, ...).

    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        load_dotenv: bool = True,
        *,
        max_retries: int = DEFAULT_MAX_RETRIES,
        stream_read_timeout: float = DEFAULT_STREAM_READ_TIMEOUT,
        max_streams: int = DEFAULT_MAX_STREAMS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        logger: logging.Logger | None = None,
    ) -> None:
        config = resolve_config(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            load_dotenv=load_dotenv,
            max_retries=max_retries,
            stream_read_timeout=stream_read_timeout,
            max_streams=max_streams,
            max_response_size=max_response_size,
            default_headers=default_headers,
            default_query=default_query,
            on_request=on_request,
            on_response=on_response,
            logger=logger,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise InvalidArgumentError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}"
            )
        configure_logging(config.log_level)
        self._wire(AsyncTransport(config, http_client))

    def _wire(self, transport: AsyncTransport) -> None:
        self._transport = transport

    # Each resource module (with the models and generated request builders it needs) is imported on
    # first access, so `from anyframe import AnyFrame` stays cheap; the objects are stateless views
    # over the transport, cached per client.

    @cached_property
    def tokens(self) -> AsyncTokens:
        """API tokens: list, create, revoke.

        Example:
            ```python
            for token in await af.tokens.list():
                print(token.name, token.prefix, token.last4)
            ```
        """
        from .tokens import AsyncTokens

        return AsyncTokens(self._transport)

    @cached_property
    def credentials(self) -> AsyncCredentialsResource:
        """Claude, Codex and GitHub credentials (write-only; reads are redacted).

        Example:
            ```python
            creds = await af.credentials.get()
            print(creds.claude.set, creds.github.set)
            ```
        """
        from .credentials import AsyncCredentialsResource

        return AsyncCredentialsResource(self._transport)

    @cached_property
    def connectors(self) -> AsyncConnectors:
        """User-scoped MCP connectors and the curated catalog.

        Example:
            ```python
            for item in await af.connectors.list_catalog():
                print(item.slug, item.setup_kind, item.installed)
            ```
        """
        from .connectors import AsyncConnectors

        return AsyncConnectors(self._transport)

    @cached_property
    def agents(self) -> AsyncAgents:
        """Agents, their builds, skills, MCPs and connector toggles.

        Example:
            ```python
            agent = await af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
            skills = await af.agents.skills.list(agent.id)
            ```
        """
        from .agents import AsyncAgents

        return AsyncAgents(self._transport)

    @cached_property
    def sessions(self) -> AsyncSessions:
        """Sandboxes: lifecycle, chat, previews, snapshots, setup sessions.

        Example:
            ```python
            session = next(s for s in await af.sessions.list() if s.status == "running")
            await af.sessions.message(session.id, {"prompt": "summarize what you've done so far"})
            ```
        """
        from .sessions import AsyncSessions

        return AsyncSessions(self._transport)

    @cached_property
    def attention(self) -> AsyncAttention:
        """Sessions waiting on you: pending prompts, idle agents, recently paused sandboxes.

        Example:
            ```python
            for item in await af.attention.list():
                print(item.kind, item.agent_name, item.session_id)
            ```
        """
        from .attention import AsyncAttention

        return AsyncAttention(self._transport)

    @cached_property
    def with_raw_response(self) -> AsyncAnyFrameWithRawResponse:
        """The same calls, answering with a [`RawResponse`][anyframe.RawResponse]: status, headers,
        request id, elapsed time, and `.parse()` for what the normal call returns.

        Every call that makes exactly one request is there, under the same name and with the same
        parameters (`af.with_raw_response.sessions.get(...)`, `.me()`, `.request(...)`); streams,
        waiters and helpers that make several requests are not. Errors are raised as by the normal call.

        Example:
            ```python
            raw = await af.with_raw_response.sessions.get(session.id)
            print(raw.status_code, raw.request_id)
            session = raw.parse()
            ```
        """
        from ._raw import AsyncAnyFrameWithRawResponse

        twin = object.__new__(type(self))
        twin._wire(self._transport.derive(raw=True))
        return AsyncAnyFrameWithRawResponse(twin)

    @property
    def base_url(self) -> str:
        """The control-plane URL requests go to (no trailing slash).

        Example:
            ```python
            print(af.base_url)  # 'https://api.anyfrm.com' unless ANYFRAME_BASE_URL says otherwise
            ```
        """
        return self._transport.config.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The per-request timeout, as an `httpx.Timeout`.

        A number given to the constructor applies to every phase (connect, read, write, pool).

        Example:
            ```python
            print(af.timeout.read)  # 30.0 by default
            ```
        """
        return self._transport.config.timeout

    @property
    def max_retries(self) -> int:
        """How many times a failed call is retried when that is safe.

        Example:
            ```python
            print(af.max_retries, af.with_options(max_retries=0).max_retries)  # 2 0
            ```
        """
        return self._transport.config.max_retries

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        stream_read_timeout: float | None = None,
        max_response_size: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        logger: logging.Logger | None = None,
    ) -> AsyncAnyFrame:
        """A copy of this client with other settings, sharing its connection pool.

        Cheap enough to use per call. Closing the original closes the pool for both; closing the copy
        is a no-op for the pool. Settings left `None` are the original's.

        Example:
            ```python
            session = await af.with_options(max_retries=0).sessions.get(session.id)
            patient = af.with_options(timeout=120.0, stream_read_timeout=300.0)
            tenant = af.with_options(default_headers={"X-Tenant": "acme"})
            ```

        Args:
            timeout: Replaces the per-request timeout.
            max_retries: Replaces the retry budget.
            stream_read_timeout: Replaces the silence allowed on event streams.
            max_response_size: Replaces the cap on a decoded answer's size.
            default_headers: Headers added to the original's (a name given replaces its value).
            default_query: Query parameters added to the original's (a key given replaces its value).
            on_request: Replaces the request hook.
            on_response: Replaces the response hook.
            logger: Replaces the logger.

        Returns:
            A new [`AsyncAnyFrame`][anyframe.AsyncAnyFrame] with the changed settings.

        Raises:
            InvalidArgumentError: A value is out of range.
        """
        config = with_changes(
            self._transport.config,
            timeout=timeout,
            max_retries=max_retries,
            stream_read_timeout=stream_read_timeout,
            max_response_size=max_response_size,
            default_headers=default_headers,
            default_query=default_query,
            on_request=on_request,
            on_response=on_response,
            logger=logger,
        )
        twin = object.__new__(type(self))
        twin._wire(self._transport.derive(config))
        return twin

    async def me(self, **options: Unpack[RequestOptions]) -> User:
        """Return the user the API key belongs to; a cheap probe that the key works.

        Example:
            ```python
            me = await af.me()
            print(me.login, me.name)
            ```

        Returns:
            The authenticated [`User`][anyframe.User].

        Raises:
            AuthError: The key is unknown or revoked.
        """
        from .._generated.api.identity import get_me
        from ..models._identity import User

        return await self._transport.model(get_me.build_request(), User, options)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        json: object = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> object:
        """Call an endpoint this SDK does not wrap (yet), with the client's key, retries, error
        mapping, hooks and logging, and return the decoded JSON.

        Example:
            ```python
            credits = await af.request("GET", "/api/credits")  # an endpoint of a newer server
            org = await af.request("POST", "/api/me/active_org", json={"org_id": 3})
            ```

        Args:
            method: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD` or `OPTIONS` (any case). Retries
                follow the method, as for every call: a `POST` that may have been processed is never
                sent twice.
            path: The path below the base URL, e.g. `/api/credits`: no scheme or host, no `..`, no
                query (use `params`).
            params: Query parameters (`str`, `int`, `float`, `bool`, or lists of them).
            json: The JSON body; `None` sends none.
            headers: Headers for this request (checked as `extra_headers` are).

        Returns:
            The decoded JSON answer (`dict`, `list`, ...), or `None` when the body is empty.

        Raises:
            InvalidArgumentError: A bad method, path, parameter, header or body; nothing was sent.
            APIError: The server answered an error status (the subclass for it, as for every call).
            ResponseValidationError: A 2xx answer that is not JSON.
        """
        request = custom_request(method, path, params=params, json=json, headers=headers)
        return await self._transport.json_value(request, options)

    async def aclose(self) -> None:
        """Close the connection pools and end every open event stream of this client. Idempotent.

        Safe from any task (or thread): a stream being read, or waiting to reconnect, raises
        [`ClientClosedError`][anyframe.ClientClosedError] within a second. The client cannot be
        used afterwards; a `with_options` copy closing only marks the copy closed.

        Example:
            ```python
            af = AsyncAnyFrame()
            me = await af.me()
            await af.aclose()  # or use `async with AsyncAnyFrame() as af:`, which closes it for you
            ```
        """
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncAnyFrame:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        config = self._transport.config
        return f"{type(self).__name__}(base_url={config.base_url!r}, api_key={mask_key(config.api_key)!r})"
