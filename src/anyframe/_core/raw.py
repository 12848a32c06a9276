"""The raw response of a call (`af.with_raw_response.<resource>.<method>(...)`): pure, no I/O.

The transport reads every answer whole before it decides anything, so a raw response is that answer
kept as it came (status, headers, bytes) plus how the normal call would turn it into its result:
`.parse()` runs that on demand, once. Nothing here touches the network, so the same class serves
both clients. Its repr shows the status, method, path and request id only, scrubbed of the client's
secrets; it refuses to be pickled, since its body may hold one (a minted token).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, NoReturn, SupportsIndex, TypeVar

import httpx

from .errors import reason
from .parse import parse_json
from .secrets import Secrets

__all__ = ["RawResponse"]

T = TypeVar("T")
_UNPARSED = object()


class RawResponse(Generic[T]):
    """A successful answer as the server sent it, with the result of the normal call on demand.

    Returned by `af.with_raw_response.<resource>.<method>(...)` (both clients), for the status, the
    headers or the request id of a call that succeeded. Errors are raised exactly as by the normal call.

    Example:
        ```python
        raw = af.with_raw_response.sessions.get(session.id)
        print(raw.status_code, raw.request_id, f"{raw.elapsed:.3f}s", raw.headers["content-type"])
        session = raw.parse()  # the Session that af.sessions.get() returns
        ```

    Attributes:
        method: The HTTP method sent.
        url: The URL requested, query included.
        status_code: The answer's status (2xx).
        headers: The answer's headers (case-insensitive).
        content: The body, decoded from its `Content-Encoding`.
        elapsed: Seconds the last attempt took, from sending to the end of the body.
        attempts: How many attempts the call took (1 unless it was retried).
    """

    __slots__ = (
        "_parse",
        "_parsed",
        "_secrets",
        "attempts",
        "content",
        "elapsed",
        "headers",
        "method",
        "status_code",
        "url",
    )

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status_code: int,
        headers: httpx.Headers,
        content: bytes,
        elapsed: float,
        attempts: int,
        parse: Callable[[], T],
        secrets: Secrets,
    ) -> None:
        self.method = method
        self.url = url
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.elapsed = elapsed
        self.attempts = attempts
        self._parse = parse
        self._parsed: object = _UNPARSED
        self._secrets = secrets

    @property
    def request_id(self) -> str | None:
        """The server's `x-request-id` for this call, to quote when reporting a problem.

        Example:
            ```python
            print(af.with_raw_response.me().request_id)  # e.g. 'req_1'
            ```
        """
        request_id: str | None = self.headers.get("x-request-id")
        return request_id

    @property
    def text(self) -> str:
        """The body as text (its declared charset, else UTF-8; undecodable bytes replaced).

        Example:
            ```python
            print(af.with_raw_response.agents.list().text[:80])
            ```
        """
        charset = httpx.Response(self.status_code, headers=self.headers).charset_encoding or "utf-8"
        try:
            return self.content.decode(charset, "replace")
        except LookupError:  # an unknown charset name
            return self.content.decode("utf-8", "replace")

    def parse(self) -> T:
        """What the normal call returns (a model, a list of models, a dict or `None`), built on the
        first call from the body and kept.

        Example:
            ```python
            raw = af.with_raw_response.agents.list()
            agents = raw.parse()  # list[Agent], as af.agents.list() returns
            ```

        Returns:
            The call's result.

        Raises:
            ResponseValidationError: The body does not fit what the call returns.
        """
        if self._parsed is _UNPARSED:
            self._parsed = self._parse()
        return self._parsed  # type: ignore[return-value]  # set from `_parse`, which returns T

    def json(self) -> object:
        """The body decoded as JSON, without the model; `None` for an empty body.

        Example:
            ```python
            raw = af.with_raw_response.me()
            print(raw.json())  # {'id': 1, 'login': ..., and any field this SDK does not model}
            ```

        Returns:
            The decoded JSON value.

        Raises:
            ResponseValidationError: The body is not JSON.
        """
        return parse_json(self.status_code, self.headers, self.content, secrets=self._secrets)

    def __repr__(self) -> str:
        path = httpx.URL(self.url).path
        shown = (
            f"<RawResponse [{self.status_code} {reason(self.status_code)}] {self.method} {path}"
            f" request_id={self.request_id!r}>"
        )
        return self._secrets.text(shown)

    def __reduce_ex__(self, protocol: SupportsIndex) -> NoReturn:
        raise TypeError(
            "a RawResponse is not picklable (its body may hold a secret): pickle .parse() or .json() instead"
        )
