"""The preview calls of `af.sessions` (`previews_list`, `previews_start`, ...): dev servers running
inside the sandbox, tunnelled out. All six go through one action endpoint on the wire."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .._core.options import RequestOptions, Unpack
from .._core.validate import SessionId, check_count, check_port, check_text, refuse
from ._base import AsyncResource, session_arg, unset

if TYPE_CHECKING:
    from .._generated.models.preview_spec import PreviewSpec as WirePreviewSpec
    from ..models._previews import Preview, PreviewActionResult, PreviewBatchResult, PreviewSpec

# Models, pydantic and the request builder (which imports the six body classes) are imported by the
# methods using them: these calls are mixed into `af.sessions`, which a streaming-only process loads.

__all__ = ["AsyncPreviews"]


def _spec(index: int, value: PreviewSpec | Mapping[str, object]) -> WirePreviewSpec:
    from pydantic import ValidationError as PydanticValidationError

    from .._generated.models.preview_spec import PreviewSpec as WirePreviewSpec
    from ..models._previews import PreviewSpec

    if not isinstance(value, PreviewSpec):
        if not isinstance(value, Mapping):
            raise refuse(
                "body", "specs", f"must be a PreviewSpec or a dict, got {type(value).__name__}", index
            )
        try:
            value = PreviewSpec.model_validate(dict(value))
        except PydanticValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'spec'}: {e['msg']}"
                for e in exc.errors(include_url=False, include_input=False)
            )
            raise refuse("body", "specs", f"is not a valid preview spec: {problems}", index) from None
    return WirePreviewSpec(cmd=value.cmd, port=unset(value.port), name=unset(value.name))


class AsyncPreviews(AsyncResource):
    """Preview calls; mixed into the sessions resource."""

    async def previews_list(
        self, session_id: SessionId, **options: Unpack[RequestOptions]
    ) -> builtins.list[Preview]:
        """List the session's previews.

        Example:
            ```python
            for preview in await af.sessions.previews_list(session.id):
                print(preview.name, preview.port, preview.status, preview.url)
            ```

        Args:
            session_id: The session's id.

        Returns:
            The [`Preview`][anyframe.Preview]s.

        Raises:
            InvalidArgumentError: `session_id` is not a session id; nothing was sent.
            NotFoundError: No such session.
        """
        from .._generated.api.previews import previews_action
        from .._generated.models.preview_list_request import PreviewListRequest
        from ..models._previews import Preview

        body = PreviewListRequest(action="list")
        return await self._transport.models(
            previews_action.build_request(session_arg(session_id), body=body), Preview, options
        )

    async def previews_start(
        self,
        session_id: SessionId,
        *,
        cmd: str,
        port: int | None = None,
        name: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PreviewActionResult:
        """Start a dev server in the sandbox and tunnel its port out.

        Without `port`, the control plane picks one of the agent's `preview_ports` or allocates a
        new one, which restarts the sandbox (`restart_pending=True`).

        Example:
            ```python
            result = await af.sessions.previews_start(session.id, cmd="bun dev", port=3000, name="web")
            print(result.url)
            ```

        Args:
            session_id: The session's id.
            cmd: The command that starts the server.
            port: The port it listens on (1-65535).
            name: A name to address the preview by.

        Returns:
            A [`PreviewActionResult`][anyframe.PreviewActionResult]; check `ok` and `error`.

        Raises:
            InvalidArgumentError: An empty `cmd`, a port outside 1-65535 or a bad `session_id`; nothing
                was sent.
            NotFoundError: No such session.
        """
        from .._generated.api.previews import previews_action
        from .._generated.models.preview_start_request import PreviewStartRequest
        from ..models._previews import PreviewActionResult

        body = PreviewStartRequest(
            action="start",
            cmd=check_text("cmd", cmd),
            port=unset(check_port("port", port)),
            name=unset(name),
        )
        request = previews_action.build_request(session_arg(session_id), body=body)
        return await self._transport.model(request, PreviewActionResult, options)

    async def previews_stop(
        self,
        session_id: SessionId,
        *,
        port: int | None = None,
        name: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PreviewActionResult:
        """Stop a preview, addressed by `port` or `name`.

        Example:
            ```python
            result = await af.sessions.previews_stop(session.id, name="web")
            print(result.ok, result.status)  # True stopped
            ```

        Args:
            session_id: The session's id.
            port: The preview's port.
            name: The preview's name.

        Returns:
            A [`PreviewActionResult`][anyframe.PreviewActionResult].

        Raises:
            InvalidArgumentError: A port outside 1-65535 or a bad `session_id`; nothing was sent.
            NotFoundError: No such session.
        """
        from .._generated.api.previews import previews_action
        from .._generated.models.preview_stop_request import PreviewStopRequest
        from ..models._previews import PreviewActionResult

        body = PreviewStopRequest(action="stop", port=unset(check_port("port", port)), name=unset(name))
        request = previews_action.build_request(session_arg(session_id), body=body)
        return await self._transport.model(request, PreviewActionResult, options)

    async def previews_status(
        self,
        session_id: SessionId,
        *,
        port: int | None = None,
        name: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> PreviewActionResult:
        """Get one preview's state, addressed by `port` or `name`.

        Example:
            ```python
            web = await af.sessions.previews_status(session.id, name="web")
            print(web.status, web.url)
            ```

        Args:
            session_id: The session's id.
            port: The preview's port.
            name: The preview's name.

        Returns:
            A [`PreviewActionResult`][anyframe.PreviewActionResult].

        Raises:
            InvalidArgumentError: A port outside 1-65535 or a bad `session_id`; nothing was sent.
            NotFoundError: No such session.
        """
        from .._generated.api.previews import previews_action
        from .._generated.models.preview_status_request import PreviewStatusRequest
        from ..models._previews import PreviewActionResult

        body = PreviewStatusRequest(action="status", port=unset(check_port("port", port)), name=unset(name))
        request = previews_action.build_request(session_arg(session_id), body=body)
        return await self._transport.model(request, PreviewActionResult, options)

    async def previews_logs(
        self,
        session_id: SessionId,
        *,
        port: int | None = None,
        name: str | None = None,
        tail: int = 200,
        **options: Unpack[RequestOptions],
    ) -> dict[str, object]:
        """Read the last lines a preview printed.

        Example:
            ```python
            logs = await af.sessions.previews_logs(session.id, name="web", tail=50)
            for line in logs.get("lines", []):
                print(line)
            ```

        Args:
            session_id: The session's id.
            port: The preview's port.
            name: The preview's name.
            tail: How many lines, counted from the end.

        Returns:
            The raw answer, e.g. `{"lines": ["ready on :3000", ...]}`.

        Raises:
            InvalidArgumentError: A port outside 1-65535, a negative `tail` or a bad `session_id`;
                nothing was sent.
            NotFoundError: No such session.
        """
        from .._generated.api.previews import previews_action
        from .._generated.models.preview_logs_request import PreviewLogsRequest

        body = PreviewLogsRequest(
            action="logs",
            port=unset(check_port("port", port)),
            name=unset(name),
            tail=check_count("tail", tail, where="body"),
        )
        return await self._transport.json_object(
            previews_action.build_request(session_arg(session_id), body=body), options
        )

    async def previews_batch_start(
        self,
        session_id: SessionId,
        specs: Sequence[PreviewSpec | Mapping[str, object]],
        **options: Unpack[RequestOptions],
    ) -> PreviewBatchResult:
        """Start several previews atomically; the sandbox restarts at most once.

        Example:
            ```python
            await af.sessions.previews_batch_start(session.id, [
                anyframe.PreviewSpec(cmd="bun dev", port=3000, name="web"),
                {"cmd": "bun api", "port": 4000, "name": "api"},
            ])
            ```

        Args:
            session_id: The session's id.
            specs: [`PreviewSpec`][anyframe.PreviewSpec]s, or dicts with the same keys.

        Returns:
            A [`PreviewBatchResult`][anyframe.PreviewBatchResult].

        Raises:
            InvalidArgumentError: `specs` is empty or not a list, a spec lacks `cmd` or has a bad port;
                nothing was sent.
            NotFoundError: No such session.
        """
        from .._generated.api.previews import previews_action
        from .._generated.models.preview_batch_start_request import PreviewBatchStartRequest
        from ..models._previews import PreviewBatchResult

        if isinstance(specs, (str, bytes, Mapping)) or not isinstance(specs, Sequence):
            raise refuse("body", "specs", "must be a list of PreviewSpec objects or dicts")
        if not specs:
            raise refuse("body", "specs", "must contain at least one preview")
        body = PreviewBatchStartRequest(
            action="batch_start", previews=[_spec(i, s) for i, s in enumerate(specs)]
        )
        request = previews_action.build_request(session_arg(session_id), body=body)
        return await self._transport.model(request, PreviewBatchResult, options)
