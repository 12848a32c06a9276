"""How a failure ends the command: its exit status and the one line printed on standard error.

| exit | when |
| --- | --- |
| 0 | done (a build that `succeeded`, a chat turn whose result is a success) |
| 1 | the API or the network said no: any `AnyFrameError`, a waiter's timeout, a failed build, a chat turn whose result is an error |
| 2 | usage: a bad option or argument, caught by Click or by the SDK before anything was sent |
| 130 | interrupted (Ctrl-C) |

Messages come from the SDK's exceptions, which never carry the API key, tokens or credential values.
"""

from __future__ import annotations

__all__ = ["EXIT_API", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "failure"]

EXIT_OK = 0
EXIT_API = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_KEY_HINT = "check --api-key or ANYFRAME_API_KEY"
_NO_KEY = (
    "no API key: set ANYFRAME_API_KEY (in the environment or a .env file in the working directory) "
    "or pass --api-key; nothing was sent"
)


def failure(exc: BaseException) -> tuple[int, str]:
    """The exit status and the message for an exception that ended a command.

    Args:
        exc: What the command raised (never `KeyboardInterrupt` or a Click usage error: the entry
            point handles those first).

    Returns:
        `(status, message)`; the message is one line, without the `error:` prefix.
    """
    from anyframe.exceptions import AnyFrameError, AuthError, InvalidArgumentError

    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, InvalidArgumentError):
        return EXIT_USAGE, message
    if isinstance(exc, AuthError):
        if exc.request_id is None and "ANYFRAME_API_KEY" in exc.message:
            # Raised by the client's constructor, before any request: say it in the CLI's terms.
            return EXIT_API, _NO_KEY
        return EXIT_API, f"{message} ({_KEY_HINT})"
    if isinstance(exc, AnyFrameError):
        return EXIT_API, message
    if isinstance(exc, TimeoutError):
        return EXIT_API, f"timed out: {message}"
    if isinstance(exc, OSError):
        return EXIT_API, message
    return EXIT_API, f"unexpected {type(exc).__name__}: {message} (run with --debug for a traceback)"
