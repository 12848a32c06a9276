"""Errors: one tree to catch, typed leaves to branch on, and the details each carries."""

from __future__ import annotations

import pickle

import anyframe

af = anyframe.AnyFrame()

# --8<-- [start:branch]
try:
    af.agents.get(999_999)
except anyframe.NotFoundError:
    print("no such agent")
except anyframe.AuthError:
    print("check ANYFRAME_API_KEY")
except anyframe.AnyFrameError as exc:  # the base class: catches everything the SDK raises
    print(f"unexpected: {exc!r}")
# --8<-- [end:branch]

# --8<-- [start:details]
try:
    af.agents.create(name="polyglot", runtime="cobol")
except anyframe.ValidationError as exc:
    print(exc.status_code)  # 422
    print(exc.message)  # what the server said, safe to log
    print(exc.request_id)  # quote it when you report a problem
    for error in exc.errors:  # field by field, as the server reported them
        print(error["loc"], error["msg"])
# --8<-- [end:details]

# --8<-- [start:local]
try:
    af.sessions.message("5b1f6c0e-0000-4000-8000-000000000000", "hello")  # type: ignore[arg-type]
except anyframe.InvalidArgumentError as exc:  # also a ValueError; nothing was sent
    print(exc)
# --8<-- [end:local]

# --8<-- [start:local_validation]
try:
    af.agents.create(name="")  # refused before sending: the server would answer 422
except anyframe.ValidationError as exc:  # the 1.x way to catch it still works
    print(
        type(exc).__name__, exc.status_code, exc.errors[0]["loc"]
    )  # LocalValidationError 422 ['body', 'name']

try:
    af.sessions.delete("..")  # never becomes `DELETE /api`
except anyframe.InvalidArgumentError as exc:
    print(
        exc.errors[0]["loc"] if isinstance(exc, anyframe.ValidationError) else exc
    )  # ['path', 'session_id']

try:
    af.sessions.message("5b1f6c0e-0000-4000-8000-000000000000", {"prompt": "hi", "temperature": float("nan")})
except anyframe.InvalidArgumentError as exc:
    print(exc)  # body['temperature'] is nan, which is not valid JSON: ...
# --8<-- [end:local_validation]

# --8<-- [start:by_hand]
# Mock a failure in your own tests, as with the 1.x SDK:
for mocked in (
    anyframe.APIError(503, "upstream timeout"),
    anyframe.NotFoundError("gone"),
    anyframe.ValidationError("body invalid", details=[{"loc": ["body", "name"], "msg": "required"}]),
    anyframe.RateLimitError("slow down", retry_after=12),
):
    print(mocked.status_code, str(mocked))  # 503 HTTP 503: upstream timeout, 404 HTTP 404: gone, ...
# --8<-- [end:by_hand]

# --8<-- [start:pickle]
original = anyframe.NotFoundError("gone", request_id="req_1")
copy = pickle.loads(pickle.dumps(original))  # what a ProcessPoolExecutor does with a worker's error
print(type(copy).__name__, copy.status_code, copy.request_id)  # NotFoundError 404 req_1
# --8<-- [end:pickle]

# --8<-- [start:conflict]
agent = af.agents.create(name="errors-demo", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)
session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
try:
    af.sessions.delete(session.id)
except anyframe.ConflictError as exc:  # the sandbox is live: terminate it first
    print(exc)
# --8<-- [end:conflict]

# --8<-- [start:waiters]
slow = af.sessions.create(agent_id=agent.id)
try:
    af.sessions.wait_until_running(slow.id, timeout=0.01)
except TimeoutError as exc:  # the builtin: deliberately outside the AnyFrameError tree
    print(exc)
# --8<-- [end:waiters]

# --8<-- [start:auth]
with anyframe.AnyFrame(api_key="afm_this_key_does_not_exist") as stranger:
    try:
        stranger.me()
    except anyframe.AuthError as exc:
        print(exc.status_code, exc)  # the key never appears in the message
# --8<-- [end:auth]

af.sessions.terminate(session.id)
af.sessions.terminate(slow.id)
af.close()
