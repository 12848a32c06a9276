"""The chat bridge of the local control plane: messages, scripted turns, permissions, transcript, events.

Contracts pinned:
- message answers `{"ok": true, "seq": N}` and is 409 unless the session is running; the text is read
  from `prompt`, `text` or `content`; a non-object body is 422;
- a turn appends, with increasing `seq`: `user_message`, assistant text, an assistant `tool_use`, its
  `tool_result`, a final assistant text and a `result` (`subtype: success`);
- a message asking for "permission" pauses the turn at a `permission_request` (`request_id`, `tool_name`,
  `input`) until respond; approve resumes to `result`, deny records an error tool result; respond with
  nothing pending is 409;
- transcript: `seq > since`, ascending, `limit` (capped at 5000);
- words ask for every payload type: "question" (an `ask_user_question` answered through respond, its
  `answer` recorded and quoted; an approval without one picks the first option), "think" (a
  `thinking` block), "stream" (`delta` fragments, then the complete message), "error" (an `_error` and
  an error `result`), "unknown" (a payload of a type the SDK does not know); combined, they all play;
- every payload the plane plays validates against the spec's schema for its `type` (`ChatPayload`);
- events: `id: <seq>`, `event: <payload type>`, `data: <payload>`; replays everything without
  `Last-Event-ID`, only later events with it, then tails live; the stream stays open after `result`;
  `: keepalive` comments during silence; an unknown session is 404 before any stream starts; the
  stream of a session that stops ends once its events are sent, and one opened on a stopped session
  replays its history and ends;
- `plane.append_events` injects a long history that transcript pages (5000 cap) and streams replay.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from anyframe.testing import LocalControlPlane, serve

from ._helpers import frames, make_agent, running_session, take, transcript_types, turn_done, wait_for

TURN = ["user_message", "assistant", "assistant", "tool_result", "assistant", "result"]
SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text())


def _payloads(api: httpx.Client, session_id: str) -> list[dict[str, Any]]:
    return [e["payload"] for e in api.get(f"/api/sessions/{session_id}/transcript").json()]


def _play(api: httpx.Client, text: str, answer: dict[str, object] | None = None) -> list[dict[str, Any]]:
    """Send `text` in a new session, answer each request with `answer`, return the turn's payloads."""
    sid = running_session(api)["id"]
    api.post(f"/api/sessions/{sid}/message", json={"text": text})
    answered: set[str] = set()

    def progress() -> bool:
        last = _payloads(api, sid)[-1]
        if last["type"] in ("permission_request", "ask_user_question") and last["request_id"] not in answered:
            answered.add(last["request_id"])
            body = {"request_id": last["request_id"], **(answer or {})}
            reply = api.post(f"/api/sessions/{sid}/respond", json=body)
            assert reply.status_code == 200, reply.text
        return turn_done(api, sid)

    wait_for(progress)
    return _payloads(api, sid)


def test_message_needs_a_running_session(api: httpx.Client) -> None:
    agent = make_agent(api)
    booting = api.post("/api/sessions", json={"agent_id": agent["id"]}).json()
    response = api.post(f"/api/sessions/{booting['id']}/message", json={"text": "hi"})
    assert response.status_code == 409
    assert response.json() == {"detail": "session is not running"}


def test_message_plays_a_scripted_turn(api: httpx.Client) -> None:
    session = running_session(api)
    response = api.post(f"/api/sessions/{session['id']}/message", json={"prompt": "list the files"})
    assert response.status_code == 200
    assert response.json() == {"ok": True, "seq": 1}
    wait_for(lambda: turn_done(api, session["id"]))
    events = api.get(f"/api/sessions/{session['id']}/transcript").json()
    assert [e["payload"]["type"] for e in events] == TURN
    assert [e["seq"] for e in events] == list(range(1, len(TURN) + 1))
    assert all(e["created_at"].endswith("Z") for e in events)
    assert events[0]["payload"]["text"] == "list the files"
    assert events[1]["payload"]["message"]["content"][0]["type"] == "text"
    tool_use = events[2]["payload"]["message"]["content"][0]
    assert tool_use["type"] == "tool_use"
    assert tool_use["name"] == "Bash"
    assert tool_use["id"].startswith("toolu_")
    assert events[3]["payload"]["tool_use_id"] == tool_use["id"]
    assert events[-1]["payload"]["subtype"] == "success"


@pytest.mark.parametrize(
    "body",
    [
        {"text": "hello"},
        {"role": "user", "content": "hello"},
        {"content": [{"type": "text", "text": "hello"}]},
    ],
)
def test_message_text_is_read_from_known_keys(api: httpx.Client, body: dict[str, object]) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json=body)
    first = api.get(f"/api/sessions/{session['id']}/transcript").json()[0]
    assert first["payload"] == {"type": "user_message", "text": "hello"}


def test_message_body_must_be_an_object(api: httpx.Client) -> None:
    session = running_session(api)
    assert api.post(f"/api/sessions/{session['id']}/message", json="hi").status_code == 422


def test_permission_request_pauses_the_turn_until_approved(api: httpx.Client) -> None:
    session = running_session(api)
    sid = session["id"]
    api.post(f"/api/sessions/{sid}/message", json={"prompt": "clean up, ask permission first"})
    wait_for(lambda: "permission_request" in transcript_types(api, sid))
    events = api.get(f"/api/sessions/{sid}/transcript").json()
    request = events[-1]["payload"]
    assert request["type"] == "permission_request"
    assert request["request_id"].startswith("r-")
    assert request["tool_name"] == "Bash"
    assert request["input"]
    assert not turn_done(api, sid)
    wrong = api.post(f"/api/sessions/{sid}/respond", json={"request_id": "r-0", "decision": "approve"})
    assert wrong.status_code == 409
    response = api.post(
        f"/api/sessions/{sid}/respond", json={"decision": "approve", "request_id": request["request_id"]}
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    wait_for(lambda: turn_done(api, sid))
    types = transcript_types(api, sid)
    assert types[types.index("permission_request") + 1 :] == [
        "permission_response", "tool_result", "assistant", "result"
    ]  # fmt: skip
    assert api.post(f"/api/sessions/{sid}/respond", json={"decision": "approve"}).status_code == 409


def test_denied_permission_records_an_error_result(api: httpx.Client) -> None:
    session = running_session(api)
    sid = session["id"]
    api.post(f"/api/sessions/{sid}/message", json={"text": "permission please"})
    wait_for(lambda: "permission_request" in transcript_types(api, sid))
    api.post(f"/api/sessions/{sid}/respond", json={"prompt_id": "p-1", "approve": False})
    wait_for(lambda: turn_done(api, sid))
    events = api.get(f"/api/sessions/{sid}/transcript").json()
    response = next(e["payload"] for e in events if e["payload"]["type"] == "permission_response")
    assert response["decision"] == "deny"
    results = [e["payload"] for e in events if e["payload"]["type"] == "tool_result"]
    assert results[-1]["is_error"] is True


def test_messages_queue_behind_the_running_turn(api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json={"text": "one"})
    second = api.post(f"/api/sessions/{session['id']}/message", json={"text": "two"}).json()
    assert second["seq"] > 1
    wait_for(lambda: turn_done(api, session["id"], results=2))
    assert transcript_types(api, session["id"]).count("result") == 2


def test_transcript_pages_with_since_and_limit(api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json={"text": "go"})
    wait_for(lambda: turn_done(api, session["id"]))
    path = f"/api/sessions/{session['id']}/transcript"
    assert [e["seq"] for e in api.get(path, params={"since": 2, "limit": 3}).json()] == [3, 4, 5]
    assert [e["seq"] for e in api.get(path, params={"since": 5}).json()] == [6]
    assert api.get(path, params={"since": 6}).json() == []
    assert len(api.get(path, params={"limit": 10_000}).json()) == 6
    assert api.get(path, params={"since": "x"}).status_code == 422


def test_events_replay_history_then_tail_live(api: httpx.Client) -> None:
    session = running_session(api)
    sid = session["id"]
    api.post(f"/api/sessions/{sid}/message", json={"text": "first"})
    wait_for(lambda: turn_done(api, sid))
    with api.stream(
        "GET", f"/api/sessions/{sid}/events", headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        stream = frames(response)
        replay = take(stream, len(TURN))
        assert [int(f["id"]) for f in replay] == list(range(1, len(TURN) + 1))
        assert [f["event"] for f in replay] == TURN
        assert json.loads(replay[0]["data"]) == {"type": "user_message", "text": "first"}
        api.post(f"/api/sessions/{sid}/message", json={"text": "second"})  # the stream stayed open
        live = take(stream, len(TURN))
        assert [int(f["id"]) for f in live] == list(range(len(TURN) + 1, 2 * len(TURN) + 1))
        assert json.loads(live[0]["data"])["text"] == "second"


def test_events_resume_after_last_event_id(api: httpx.Client) -> None:
    session = running_session(api)
    sid = session["id"]
    api.post(f"/api/sessions/{sid}/message", json={"text": "first"})
    wait_for(lambda: turn_done(api, sid))
    with api.stream("GET", f"/api/sessions/{sid}/events", headers={"Last-Event-ID": "4"}) as response:
        received = take(frames(response), 2)
    assert [f["id"] for f in received] == ["5", "6"]


def test_events_send_keepalives_while_silent() -> None:
    with (
        serve(keepalive_interval=0.05, time_scale=0.1) as plane,
        httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api,
    ):
        session = running_session(api)
        with api.stream("GET", f"/api/sessions/{session['id']}/events") as response:
            assert take(frames(response), 2, comments=True) == [
                {"comment": "keepalive"},
                {"comment": "keepalive"},
            ]


def test_events_of_unknown_session_is_404(api: httpx.Client) -> None:
    response = api.get("/api/sessions/11111111-2222-3333-4444-555555555555/events")
    assert response.status_code == 404
    assert response.json() == {"detail": "session not found"}


def test_appended_events_page_through_transcript_and_stream(
    plane: LocalControlPlane, api: httpx.Client
) -> None:
    session = running_session(api)
    last = plane.append_events(session["id"], ({"type": "assistant", "n": i} for i in range(6000)))
    assert last == 6000
    path = f"/api/sessions/{session['id']}/transcript"
    page = api.get(path, params={"since": 0, "limit": 10_000}).json()
    assert len(page) == 5000  # the server cap
    assert [e["seq"] for e in api.get(path, params={"since": 5000, "limit": 5000}).json()][-1] == 6000
    with api.stream("GET", f"/api/sessions/{session['id']}/events", headers={"Last-Event-ID": "5990"}) as r:
        assert [f["id"] for f in take(frames(r), 10)] == [str(n) for n in range(5991, 6001)]


def _texts(payloads: list[dict[str, Any]], *, delta: bool = False) -> list[str]:
    return [
        block["text"]
        for p in payloads
        if p["type"] == "assistant" and p.get("delta", False) is delta
        for block in p["message"]["content"]
        if block["type"] == "text"
    ]


def test_a_question_waits_for_its_answer_and_the_answer_is_quoted(api: httpx.Client) -> None:
    payloads = _play(api, "any question for me?", {"answer": "tests"})
    kinds = [p["type"] for p in payloads]
    question = payloads[kinds.index("ask_user_question")]
    assert question["request_id"].startswith("q-")
    assert question["question"] == "Which folder should I look at first?"
    assert question["options"] == ["src", "tests"]
    response = payloads[kinds.index("ask_user_question") + 1]
    assert response == {"type": "permission_response", "request_id": question["request_id"], "decision": "approve",
                        "answer": "tests"}  # fmt: skip
    assert "Looking at tests first." in _texts(payloads)
    assert kinds[-1] == "result"


def test_an_approved_question_without_an_answer_takes_the_first_option(api: httpx.Client) -> None:
    payloads = _play(api, "a question", {"decision": "approve"})
    assert "Looking at src first." in _texts(payloads)
    denied = _play(api, "a question", {"decision": "deny"})
    assert "No answer: I will look everywhere." in _texts(denied)


def test_think_adds_a_thinking_block_first(api: httpx.Client) -> None:
    payloads = _play(api, "think about it")
    first = payloads[1]["message"]["content"][0]
    assert first["type"] == "thinking"
    assert first["thinking"]


def test_stream_sends_fragments_then_the_complete_message(api: httpx.Client) -> None:
    payloads = _play(api, "stream your answer")
    fragments = _texts(payloads, delta=True)
    complete = _texts(payloads)
    assert complete == ["Sure, working on it: stream your answer", "All done."]
    assert "".join(fragments) == "".join(complete)
    assert len(fragments) > len(complete)


def test_error_adds_an_error_and_fails_the_result(api: httpx.Client) -> None:
    payloads = _play(api, "make an error")
    errors = [p for p in payloads if p["type"] == "_error"]
    assert errors == [{"type": "_error", "error": "the agent hit a simulated error"}]
    assert payloads[-1]["is_error"] is True
    assert payloads[-1]["subtype"] == "error_during_execution"


def test_unknown_adds_a_payload_of_a_type_the_sdk_does_not_know(api: httpx.Client) -> None:
    payloads = _play(api, "something unknown")
    assert [p for p in payloads if p["type"] == "system"] == [
        {"type": "system", "subtype": "notice", "message": "a payload type the SDK does not know"}
    ]


def test_the_default_turn_asks_for_nothing_more(api: httpx.Client) -> None:
    assert [p["type"] for p in _play(api, "list the files, then the tests")] == TURN


def test_every_payload_the_plane_plays_validates_against_the_spec() -> None:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry = Registry().with_resource("urn:spec", Resource.from_contents(SPEC, DRAFT202012))
    mapping = SPEC["components"]["schemas"]["ChatPayload"]["discriminator"]["mapping"]
    with (
        serve(time_scale=0.1) as plane,
        httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api,
    ):
        payloads = _play(
            api, "think, ask a question, stream, error, unknown and permission", {"answer": "src"}
        )
    seen = {p["type"] for p in payloads}
    assert set(mapping) <= seen  # every known type was played
    for payload in payloads:
        schema = mapping.get(payload["type"], "#/components/schemas/UnknownChatPayload")
        validator = Draft202012Validator({"$ref": f"urn:spec{schema}"}, registry=registry)
        assert [e.message for e in validator.iter_errors(payload)] == [], payload
        if payload["type"] == "assistant":
            for block in payload["message"]["content"]:
                block_schema = SPEC["components"]["schemas"]["ContentBlock"]["discriminator"]["mapping"][
                    block["type"]
                ]
                block_validator = Draft202012Validator({"$ref": f"urn:spec{block_schema}"}, registry=registry)
                assert list(block_validator.iter_errors(block)) == [], block


def test_the_stream_of_a_session_that_stops_ends_once_its_events_are_sent(api: httpx.Client) -> None:
    session = running_session(api)
    sid = session["id"]
    api.post(f"/api/sessions/{sid}/message", json={"text": "permission please"})
    wait_for(lambda: "permission_request" in transcript_types(api, sid))
    count = len(transcript_types(api, sid))
    with api.stream("GET", f"/api/sessions/{sid}/events") as response:
        stream = frames(response)
        assert len(take(stream, count)) == count
        api.post(f"/api/sessions/{sid}/terminate")
        assert list(stream) == []  # ends: no keep-alive wait, no more events
    wait_for(lambda: api.get(f"/api/sessions/{sid}").json()["status"] == "terminated")
    with api.stream("GET", f"/api/sessions/{sid}/events") as response:
        assert [int(f["id"]) for f in frames(response)] == list(range(1, count + 1))
