"""The AnyFrame quickstart, end to end (this is what `make demo` runs).

Creates an agent, builds its image while printing the live build log, boots a sandbox, sends the
coding agent a message and streams its reply until the turn ends, opens a dev-server preview, and
finally terminates the session.

Where it runs:

- with an API key (`ANYFRAME_API_KEY` in the environment or in a `.env` file), against the control
  plane at `ANYFRAME_BASE_URL` (default `https://api.anyfrm.com`): the agent it creates is kept, so
  a second run hits the build cache;
- without one, against a local control plane that it starts itself with `anyframe.testing.serve()`:
  no account, no network, done in a few seconds.
"""

from __future__ import annotations

import sys
import time

import anyframe
import anyframe.testing


def say(text: str) -> None:
    print(f"\n==> {text}", flush=True)


def describe(payload: object) -> str:
    """One readable line for a chat event (the payloads are the coding agent's own JSON)."""
    if not isinstance(payload, dict):
        return repr(payload)
    kind = str(payload.get("type"))
    if kind == "user_message":
        return f"you:       {payload.get('text', '')}"
    if kind == "assistant":
        parts = []
        for block in payload.get("message", {}).get("content", []):
            if block.get("type") == "text":
                parts.append(str(block.get("text", "")))
            elif block.get("type") == "tool_use":
                parts.append(f"[runs {block.get('name')}: {block.get('input')}]")
        return "agent:     " + " ".join(parts)
    if kind == "tool_result":
        first_line = str(payload.get("content", "")).strip().splitlines()[:1]
        return f"tool:      {first_line[0] if first_line else '(no output)'} ..."
    if kind == "result":
        return f"result:    {payload.get('subtype')} in {payload.get('duration_ms', '?')} ms"
    return f"{kind}: {payload}"


def run(af: anyframe.AnyFrame) -> None:
    """The tour itself; works the same against a real or a local control plane."""
    say("Who am I?")
    me = af.me()
    print(f"    signed in as {me.login}")

    say("Creating an agent bound to a GitHub repo")
    agent = af.agents.create(
        name="quickstart-demo",
        repo_url="tinyhq/box",
        install_cmd="bun install",
        serve_cmd="bun dev",
        preview_ports=[3000],
    )
    print(f"    agent #{agent.id} {agent.name!r} -> {agent.repo_url}@{agent.repo_ref or 'main'}")

    say("Building its image (live log)")
    queued = af.agents.build(agent.id)
    if queued.queued and queued.build_id is not None:
        for event in af.agents.stream_build(agent.id, queued.build_id):
            data = event.json()
            if not isinstance(data, dict):
                continue
            if event.event == "line":
                print(f"    | {str(data.get('content', '')).rstrip()}")
            elif event.event == "state":
                print(f"    build {data.get('state')}")
    else:
        print(f"    nothing to build: {queued.reason}")
    status = af.agents.wait_for_build(agent.id)
    print(f"    image ready: {status.built_image_id}")

    say("Booting a session (a sandbox running the agent's image)")
    session = af.sessions.create(agent_id=agent.id)
    session = af.sessions.wait_until_running(session.id, on_status=lambda s: print(f"    status: {s.status}"))
    print(f"    sandbox_url: {session.sandbox_url}")

    say("Chatting with the coding agent")
    sent = af.sessions.message(session.id, {"prompt": "Give me a quick tour of this repo"})
    # Resume right after our own message: no need to replay the session's older history.
    with af.sessions.events(session.id, last_event_id=str(sent.get("seq", 0))) as events:
        for event in events:
            print(f"    {describe(event.json())}")
            if event.event == "result":  # the turn is over; the stream itself stays open
                break

    say("Starting a dev-server preview")
    preview = af.sessions.previews_start(session.id, cmd="bun dev", port=3000, name="web")
    print(f"    preview {preview.name!r} is {preview.status}: {preview.url}")

    say("Terminating the session (it is snapshotted first)")
    session = af.sessions.terminate(session.id)
    print(f"    session {session.id} is {session.status}")
    print(f"\n    Agent #{agent.id} is kept: boot it again with af.sessions.create(agent_id={agent.id}).")


def main() -> int:
    started = time.monotonic()
    try:
        client = anyframe.AnyFrame()
    except anyframe.AuthError:
        client = None
    if client is not None:
        print(f"Using the control plane at {client.base_url}")
        with client:
            run(client)
    else:
        print("ANYFRAME_API_KEY is not set: starting a local control plane (anyframe.testing.serve()).")
        with anyframe.testing.serve() as plane:
            print(f"Local control plane listening on {plane.url}")
            with anyframe.AnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as af:
                run(af)
    print(f"\nDone in {time.monotonic() - started:.1f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
