"""Chat with an agent, turn by turn: typed payloads, permission requests, questions, the next turn."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="turns-demo", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)
session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)

# --8<-- [start:turn]
turn = af.sessions.turn(session.id, "list the files in the repo")  # sends the message
for payload in turn:  # this turn's events only, typed; the loop ends after the turn's `result`
    print(type(payload).__name__, payload.type)
print(turn.result.text if turn.result else None)
# --8<-- [end:turn]

# --8<-- [start:match]
turn = af.sessions.turn(session.id, "think first, then stream your answer", since=turn.last_seq)
for payload in turn:
    match payload:
        case anyframe.AssistantPayload(delta=True):
            pass  # a fragment of the message that follows it complete (shown below as it streams)
        case anyframe.AssistantPayload():
            for use in payload.tool_uses:
                print("  tool call:", use.summary)
            if payload.thinking:
                print("  thinking:", payload.thinking)
        case anyframe.ToolResultPayload():
            print("  tool output:", payload.text.splitlines())
        case anyframe.ResultPayload():
            print("  result:", payload.subtype, payload.result)
        case anyframe.UnknownChatPayload():
            print("  a payload this SDK does not know:", payload.model_dump())
    if turn.new_text:
        print("  text:", repr(turn.new_text))  # streamed fragments, never repeated by the full message
# --8<-- [end:match]

# --8<-- [start:permission]
turn = af.sessions.turn(session.id, "clean the build folder, ask permission first", since=turn.last_seq)
for payload in turn:
    if isinstance(payload, anyframe.PermissionRequestPayload):
        print("the agent asks to run", payload.summary)
        turn.respond(approve=True)  # or approve=False; the agent waits until someone answers
result = turn.result
assert result is not None
print([r.summary for r in result.permission_requests], "->", result.result and result.result.subtype)
# --8<-- [end:permission]

# --8<-- [start:wait]
turn = af.sessions.turn(session.id, "one question before you start", since=result.last_seq)
result = turn.wait(on_request=lambda request: "src")  # True approves, False denies, a str answers
print("questions:", [q.question for q in result.questions])
print(result.text.splitlines()[-3:])
# --8<-- [end:wait]

# --8<-- [start:errors]
try:
    af.sessions.turn(session.id, "wait for my permission", since=result.last_seq, timeout=1.0).wait()
except anyframe.TurnTimeoutError as error:  # also a builtin TimeoutError
    print("no result in time; last seq", error.last_seq)
    af.sessions.respond(session.id, {"decision": "deny"})  # answer the request ourselves, then
    with af.sessions.events(session.id, last_event_id=str(error.last_seq)) as events:  # follow the rest
        for event in events:
            if isinstance(event.payload(), anyframe.ResultPayload):
                print("that turn ended after all, at seq", event.id)
                break
# --8<-- [end:errors]

# --8<-- [start:transcript]
rows = list(af.sessions.iter_transcript(session.id))  # every page, in seq order
kinds = [row.kind for row in rows]
print(len(rows), "events;", kinds.count("result"), "turns")
last = rows[-1].typed_payload()
print(type(last).__name__)
# --8<-- [end:transcript]

# --8<-- [start:options]
sent: list[str] = []
traced = af.with_options(on_request=lambda info: sent.append(f"{info.method} {info.path.rsplit('/', 1)[-1]}"))
turn = traced.sessions.turn(session.id, "ask permission to tidy up", extra_headers={"X-Trace-Id": "4bf92f35"})
turn.wait(on_request=lambda request: True)  # approve: turn.respond() carries the header too
print("with X-Trace-Id:", sorted(set(sent)))  # the mark, the message, the stream, the answer
# --8<-- [end:options]

af.sessions.terminate(session.id)
af.close()
