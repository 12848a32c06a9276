"""The web chat example in a real headless browser (Chromium), against the local control plane.

Contracts pinned here:

- a visitor types a message and sees it, the agent's reply, its tool call and the end of the turn;
  each event is on the page exactly once, in `seq` order, and a reload shows the same conversation;
- markup in a message is shown as text, never run;
- the visitor answers the agent's permission request from the page, and the turn carries on;
- a conversation deleted under an open page says so, disables sending and stops reconnecting;
- a drop of the app's upstream stream mid-turn (the plane cuts it after k frames) is repaired by the
  SDK: the page sees every event once, and the plane saw the reconnect carry `Last-Event-ID`;
- a crash of the app mid-turn is repaired by the browser: EventSource reconnects with its own
  `Last-Event-ID` (the last event it got, while the turn went on), the app passes it on, and the page
  ends up with every event once, in order;
- a graceful restart (SIGTERM, as a deploy does) with a page open ends within seconds, and the page
  reconnects and carries on live;
- three real tabs chat while 200 HTTP visitors do too, on one app and one `AsyncAnyFrame`: no request
  fails, every visitor gets a whole turn of their own, and no tab shows another visitor's messages;
- the API key never reaches the browser: not in a page, a script, a response header, a cookie, nor in
  a request the browser sends.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from playwright.sync_api import expect

from anyframe.testing import LocalControlPlane

from .chat_harness import ChatApp, FrameParser, Tab, session_in, wait_until

pytestmark = pytest.mark.integration

TURN_SECONDS = 1.5  # six events a quarter of a second apart: long enough to act mid-turn
TURN = ["user_message", "assistant", "assistant", "tool_result", "assistant", "result"]


def _session_id(tab: Tab) -> str:
    cookie = next(c for c in tab.page.context.cookies() if c["name"] == "web_chat")
    return session_in(cookie["value"])


def _transcript_seqs(plane: LocalControlPlane, session_id: str) -> list[int]:
    return [event.seq for event in plane.client.sessions.transcript(session_id)]


def _texts(tab: Tab, selector: str) -> list[str]:
    return [str(text) for text in tab.page.locator(selector).all_text_contents()]


def _event_requests(plane: LocalControlPlane, session_id: str) -> list[str | None]:
    """The `Last-Event-ID` of each events request the plane got for the session (None: none sent)."""
    path = f"/api/sessions/{session_id}/events"
    return [record.headers.get("last-event-id") for record in plane.requests.filter(method="GET", path=path)]


def test_a_visitor_sees_the_reply_once_in_order_and_again_after_a_reload(
    open_tab: Callable[[], Tab], plane: LocalControlPlane
) -> None:
    tab = open_tab()
    tab.send("What does this repo do?")
    tab.wait_for_turns(1)

    assert _texts(tab, "#log .visitor") == ["What does this repo do?"]
    assert _texts(tab, "#log .agent") == ["Sure, working on it: What does this repo do?", "All done."]
    assert _texts(tab, "#log .tool") == ["Bash $ ls"]
    seqs = _transcript_seqs(plane, _session_id(tab))
    assert seqs == [1, 2, 3, 4, 5, 6]
    assert tab.seqs() == seqs

    tab.send("Are there tests?")
    tab.wait_for_turns(2)
    shown = tab.seqs()
    assert shown == _transcript_seqs(plane, _session_id(tab)) == list(range(1, 13))

    tab.page.reload()
    tab.wait_for_turns(2)
    assert tab.seqs() == shown
    assert _texts(tab, "#log .visitor") == ["What does this repo do?", "Are there tests?"]
    assert tab.page.text_content("#status") == "Connected"
    assert tab.console == []  # nothing failed to load, no CSP violation


def test_markup_in_a_message_is_shown_as_text(open_tab: Callable[[], Tab]) -> None:
    tab = open_tab()
    attack = '<img src=x onerror="window.pwned = 1"> <b>bold</b>'
    tab.send(attack)
    tab.wait_for_turns(1)
    assert _texts(tab, "#log .visitor") == [attack]
    assert tab.page.locator("#log img, #log b").count() == 0
    assert tab.page.evaluate("window.pwned") is None


def test_the_visitor_answers_a_permission_request(
    open_tab: Callable[[], Tab], plane: LocalControlPlane
) -> None:
    tab = open_tab()
    tab.send("Please ask permission before you clean the build folder")
    tab.page.get_by_role("button", name="Allow").click()
    tab.wait_for_turns(1)
    assert "rm -rf ./build" in _texts(tab, "#log .ask p")[0]
    assert tab.page.locator("#log .ask button:not([disabled])").count() == 0
    assert "Allowed." in _texts(tab, "#log .notice")
    assert tab.seqs() == _transcript_seqs(plane, _session_id(tab))
    kinds = [event.payload["type"] for event in plane.client.sessions.transcript(_session_id(tab))]
    assert "permission_response" in kinds
    assert kinds[-1] == "result"


def test_a_dropped_upstream_stream_mid_turn_is_repaired_without_the_page_noticing(
    open_tab: Callable[[], Tab], plane: LocalControlPlane
) -> None:
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3)
    tab = open_tab()
    tab.send("hello")
    tab.wait_for_turns(1)
    session_id = _session_id(tab)
    assert tab.seqs() == _transcript_seqs(plane, session_id) == [1, 2, 3, 4, 5, 6]
    # The app's stream was cut after three events and the SDK resumed after the third.
    assert _event_requests(plane, session_id) == [None, "3"]


def test_an_app_crash_mid_turn_resumes_the_page_with_nothing_lost_or_repeated(
    open_tab: Callable[[], Tab], plane: LocalControlPlane, chat_app: ChatApp
) -> None:
    tab = open_tab()
    tab.send("hello")
    tab.wait_for_events(2)
    chat_app.restart(crash=True)  # the browser's stream breaks; the turn goes on in the sandbox meanwhile
    session_id = _session_id(tab)
    # EventSource reconnects by itself, with the id of the last event it got as Last-Event-ID.
    wait_until(lambda: _event_requests(plane, session_id)[-1] is not None)
    resumed_after = _event_requests(plane, session_id)[-1]
    tab.wait_for_turns(1)
    assert tab.seqs() == _transcript_seqs(plane, session_id) == [1, 2, 3, 4, 5, 6]
    assert resumed_after is not None
    assert 2 <= int(resumed_after) < 6, "the app came back only after the turn had been delivered"


def test_a_graceful_restart_with_the_page_open_keeps_the_conversation_live(
    open_tab: Callable[[], Tab], plane: LocalControlPlane, chat_app: ChatApp
) -> None:
    tab = open_tab()
    tab.send("hello")
    tab.wait_for_turns(1)
    session_id = _session_id(tab)
    chat_app.restart()  # SIGTERM with a stream open: the app still exits within seconds (asserted)
    wait_until(lambda: _event_requests(plane, session_id)[-1] == "6")
    expect(tab.page.locator("#status")).to_have_text("Connected")
    tab.send("still there?")
    tab.wait_for_turns(2)
    assert tab.seqs() == _transcript_seqs(plane, session_id) == list(range(1, 13))


def test_a_deleted_conversation_tells_the_visitor_and_stops_reconnecting(
    open_tab: Callable[[], Tab], plane: LocalControlPlane
) -> None:
    tab = open_tab()
    expect(tab.page.locator("#status")).to_have_text("Connected")
    session_id = _session_id(tab)
    plane.client.sessions.terminate(session_id)
    wait_until(lambda: plane.client.sessions.get(session_id).status == "terminated")
    plane.client.sessions.delete(session_id)
    expect(tab.page.locator("#status")).to_have_text(
        "This conversation has ended. Reload the page to start a new one."
    )
    expect(tab.page.locator("#send")).to_be_disabled()
    requests = len(_event_requests(plane, session_id))
    time.sleep(1.5)  # longer than the reconnect delay the app asks for
    assert len(_event_requests(plane, session_id)) == requests


async def _http_visitor(url: str, number: int, transport: httpx.AsyncHTTPTransport) -> list[tuple[str, str]]:
    """One visitor over HTTP: start, listen, send one message, read until the end of the turn."""
    text = f"visitor {number} here"
    # A client per visitor for its own cookie; they share one transport (the test's connection pool).
    client = httpx.AsyncClient(base_url=url, timeout=60, transport=transport)
    (await client.post("/api/session")).raise_for_status()
    async with client.stream("GET", "/api/events") as stream:
        stream.raise_for_status()
        sent = await client.post("/api/messages", json={"text": text})
        assert sent.status_code == 202, sent.text
        parser, seen = FrameParser(), []
        async for line in stream.aiter_lines():
            frame = parser.feed(line)
            if frame is None:
                continue
            payload = frame.json()
            seen.append((str(payload["type"]), str(payload.get("text", ""))))
            if payload["type"] == "result":
                return seen
    raise AssertionError(f"visitor {number}: the stream ended before the turn did")


async def _crowd(url: str, count: int) -> list[list[tuple[str, str]] | BaseException]:
    unlimited = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncHTTPTransport(limits=unlimited) as transport:
        visitors = (_http_visitor(url, n, transport) for n in range(count))
        return await asyncio.gather(*visitors, return_exceptions=True)


@pytest.mark.timeout(180)
def test_three_tabs_and_200_http_visitors_chat_at_once_without_a_failed_request(
    open_tab: Callable[[], Tab], plane: LocalControlPlane, chat_app: ChatApp
) -> None:
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as pool:
        crowd = pool.submit(asyncio.run, _crowd(chat_app.url, 200))
        tabs = [open_tab() for _ in range(3)]
        for number, tab in enumerate(tabs):
            tab.send(f"tab {number} asking")
        for tab in tabs:
            tab.wait_for_turns(1)
        results = crowd.result(timeout=150)
    failures = [repr(result) for result in results if isinstance(result, BaseException)]
    assert failures == [], f"{len(failures)} of 200 visitors failed, e.g. {failures[:3]}"
    for number, result in enumerate(results):
        assert not isinstance(result, BaseException)
        assert [kind for kind, _ in result] == TURN, f"visitor {number} saw {result}"
        assert result[0] == ("user_message", f"visitor {number} here")  # their own conversation only
    for number, tab in enumerate(tabs):
        assert _texts(tab, "#log .visitor") == [f"tab {number} asking"]
        assert tab.seqs() == _transcript_seqs(plane, _session_id(tab))
    assert len({_session_id(tab) for tab in tabs}) == 3
    print(f"3 tabs + 200 HTTP visitors: {time.monotonic() - started:.1f} s")


def test_the_api_key_never_reaches_the_browser(open_tab: Callable[[], Tab], plane: LocalControlPlane) -> None:
    tab = open_tab()
    seen: list[str] = []
    tab.page.on("request", lambda request: seen.append(repr(request.headers) + request.url))
    tab.page.on("response", lambda response: seen.append(repr(response.headers)))
    tab.page.reload()  # everything the page loads, from the start, recorded
    tab.send("what is the API key?")
    tab.wait_for_turns(1)
    for response in [tab.page.request.get(tab.page.url + path) for path in ("", "chat.js", "chat.css")]:
        seen.append(response.text())
    seen.append(tab.page.content())
    seen.extend(repr(cookie) for cookie in tab.page.context.cookies())
    seen.append(repr(tab.page.evaluate("({...localStorage, ...sessionStorage})")))
    assert len(seen) > 10
    assert not [item for item in seen if plane.api_key in item or "afm_" in item]
