"""Tests of the sans-IO SSE parser, `anyframe._core.sse`.

Contracts pinned here:
- WHATWG event-stream rules: one leading BOM skipped (only the first, also when split across
  chunks); CR, LF and CRLF line ends, including a CR ending one chunk and the LF starting the next;
  comments skipped; exactly one leading space stripped; a line without a colon is a field with an
  empty value; `data` lines joined with "\\n" and no trailing newline; `id` persists, is reset by an
  empty value and ignored when it contains NUL; `retry` accepted only when all ASCII digits; unknown
  fields ignored; no dispatch without data (event type still reset); `data:` alone dispatches "";
  a `retry` longer than nine digits reads as `RETRY_CEILING_MS` (never a huge `int()`);
  each event knows the id its own `id:` line carried (`carried_ids`), apart from the one it inherits;
  an unterminated event at EOF is discarded; invalid UTF-8 becomes U+FFFD.
- Dispatch is immediate: a chunk that completes an event returns it, even when it ends in CR.
- `last_event_id` only moves when a block is completed; `retry` is exposed on the event and on the
  decoder; both survive `flush()`, after which the decoder parses a fresh stream.
- `max_event_size` bounds a line and an event's data whatever the chunking, with `SSEEventTooLarge`
  (a `ValueError`) and a message that does not echo the content.
- Feeding is linear in the stream size, even for a long line arriving in tiny chunks.
- `SSEEvent`: defaults, value equality and hashing, immutability, a bounded repr, `json()` (empty
  data gives None; malformed JSON raises a `ValueError` naming the event).
- Properties: any chunking of a byte stream yields the same events as feeding it whole, and the
  output equals a reference implementation written straight from the spec.
"""

from __future__ import annotations

import itertools
import re
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anyframe._core.sse import (
    DEFAULT_MAX_EVENT_SIZE,
    RETRY_CEILING_MS,
    SSEDecoder,
    SSEEvent,
    SSEEventTooLarge,
    carried_id,
    carried_ids,
)

EventTuple = tuple[str | None, str, str, int | None]


def parse(*chunks: bytes, decoder: SSEDecoder | None = None) -> list[SSEEvent]:
    decoder = decoder or SSEDecoder()
    events: list[SSEEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    events.extend(decoder.flush())
    return events


def tuples(events: list[SSEEvent]) -> list[EventTuple]:
    return [(e.id, e.event, e.data, e.retry) for e in events]


def bytewise(stream: bytes) -> list[bytes]:
    return [stream[i : i + 1] for i in range(len(stream))]


def feed_in_chunks_of(decoder: SSEDecoder, stream: bytes, size: int) -> list[SSEEvent]:
    events: list[SSEEvent] = []
    for i in range(0, len(stream), size):
        events.extend(decoder.feed(stream[i : i + size]))
    return events


# --- byte order mark ---------------------------------------------------------------------------


def test_leading_bom_is_skipped() -> None:
    assert parse(b"\xef\xbb\xbfdata: x\n\n") == [SSEEvent("x")]


def test_only_the_first_bom_is_skipped_so_a_second_one_spoils_the_field_name() -> None:
    # The second BOM becomes part of the first field name ("\ufeffdata"), an unknown field.
    assert parse(b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\n") == []


def test_bom_split_across_chunks_is_skipped() -> None:
    assert parse(b"\xef", b"\xbb", b"\xbfdata: x\n\n") == [SSEEvent("x")]


def test_bytes_that_only_start_like_a_bom_are_kept() -> None:
    # "\xef" then "d" is not a BOM: the line is "\ufffddata: x", an unknown field, so no event.
    assert parse(b"\xef", b"data: x\n\n") == []
    assert parse(b"\xef\xbb", b"\n", b"data: x\n\n") == [SSEEvent("x")]


def test_bom_after_the_start_of_the_stream_is_data() -> None:
    assert parse(b"data: x\n\n", b"\xef\xbb\xbfdata: y\n\n") == [SSEEvent("x")]
    assert parse(b"data: \xef\xbb\xbfy\n\n") == [SSEEvent("\ufeffy")]


# --- line ends ---------------------------------------------------------------------------------


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"], ids=["LF", "CR", "CRLF"])
def test_each_line_end_kind_ends_lines(eol: bytes) -> None:
    stream = b"event: e" + eol + b"data: a" + eol + b"data: b" + eol + eol
    assert parse(stream) == [SSEEvent("a\nb", event="e")]
    assert parse(*bytewise(stream)) == [SSEEvent("a\nb", event="e")]


def test_mixed_line_ends_in_one_stream() -> None:
    assert parse(b"data: a\rdata: b\r\ndata: c\n\r\n") == [SSEEvent("a\nb\nc")]


def test_cr_ending_a_chunk_and_lf_starting_the_next_are_one_line_end() -> None:
    # Read as two line ends, the LF would be a blank line and dispatch "a" on its own.
    assert parse(b"data: a\r", b"\ndata: b\r\n\r\n") == [SSEEvent("a\nb")]


def test_cr_ending_a_chunk_followed_by_cr_is_two_line_ends() -> None:
    assert parse(b"data: a\r", b"\rdata: b\n\n") == [SSEEvent("a"), SSEEvent("b")]


def test_event_ended_by_cr_at_chunk_end_is_dispatched_without_waiting() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r\r") == [SSEEvent("a")]
    assert decoder.feed(b"\n") == []  # the LF completing that CRLF is not a second blank line
    assert decoder.feed(b"data: b\n\n") == [SSEEvent("b")]


def test_lone_lf_after_a_skipped_one_is_a_blank_line() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\n") == [SSEEvent("a")]


# --- fields ------------------------------------------------------------------------------------


def test_comment_lines_are_skipped() -> None:
    assert parse(b": keepalive\n\n: hi\ndata: a\n:data: b\ndata: c\n\n") == [SSEEvent("a\nc")]


def test_exactly_one_leading_space_is_stripped_from_the_value() -> None:
    events = parse(b"data:x\n\ndata: x\n\ndata:  x\n\ndata: x \n\ndata:\tx\n\n")
    assert [e.data for e in events] == ["x", "x", " x", "x ", "\tx"]


def test_only_the_first_colon_separates_name_and_value() -> None:
    assert parse(b"data: a: b\n\ndata:: c\n\n") == [SSEEvent("a: b"), SSEEvent(": c")]


def test_line_without_colon_is_a_field_with_empty_value() -> None:
    assert parse(b"data\n\n") == [SSEEvent("")]
    assert parse(b"data\ndata\ndata: x\n\n") == [SSEEvent("\n\nx")]
    assert parse(b"event: custom\nevent\ndata: x\n\n") == [SSEEvent("x", event="message")]


def test_field_names_are_case_sensitive_and_exact() -> None:
    assert parse(b"Data: x\n\ndata : x\n\n data: x\n\n") == []


def test_multiple_data_lines_are_joined_with_newline() -> None:
    assert parse(b"data: a\ndata: b\ndata: c\n\n") == [SSEEvent("a\nb\nc")]


def test_data_keeps_no_trailing_newline_but_keeps_empty_last_line() -> None:
    assert parse(b"data: a\n\n") == [SSEEvent("a")]
    assert parse(b"data: a\ndata:\n\n") == [SSEEvent("a\n")]
    assert parse(b"data:\ndata:\n\n") == [SSEEvent("\n")]


def test_empty_data_line_dispatches_an_event_with_empty_data() -> None:
    assert parse(b"event: keepalive\ndata:\n\n") == [SSEEvent("", event="keepalive")]


def test_event_name_defaults_to_message_and_last_event_line_wins() -> None:
    assert parse(b"data: a\n\nevent: x\nevent: y\ndata: b\n\nevent:\ndata: c\n\n") == [
        SSEEvent("a"),
        SSEEvent("b", event="y"),
        SSEEvent("c"),
    ]


def test_unknown_fields_are_ignored() -> None:
    assert parse(b"foo: bar\ndata: a\nmeta: 1\n\n") == [SSEEvent("a")]


def test_block_without_data_is_not_dispatched_but_resets_event_type() -> None:
    assert parse(b"event: foo\n\ndata: x\n\n") == [SSEEvent("x")]
    assert parse(b"\n\n\n") == []


# --- id ----------------------------------------------------------------------------------------


def test_id_persists_across_later_events() -> None:
    events = parse(b"id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n")
    assert [e.id for e in events] == ["1", "1", "2"]


def test_empty_id_resets_the_last_event_id() -> None:
    decoder = SSEDecoder()
    events = parse(b"id: 1\ndata: a\n\nid\ndata: b\n\n", decoder=decoder)
    assert [e.id for e in events] == ["1", None]
    assert decoder.last_event_id is None


def test_id_containing_nul_is_ignored() -> None:
    events = parse(b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\nid:\x00\ndata: c\n\n")
    assert [e.id for e in events] == ["1", "1", "1"]


def test_carried_ids_are_only_those_a_frame_set_itself() -> None:
    events = parse(b"id: 1\ndata: a\n\ndata: b\n\nid: 2\x00\ndata: c\n\nid\ndata: d\n\nid: 3\ndata: e\n\n")
    assert [e.id for e in events] == ["1", "1", "1", None, "3"]
    assert [carried_id(e) for e in events] == ["1", None, None, None, "3"]
    assert carried_ids(events) == ["1", "3"]
    assert carried_ids([SSEEvent("x", id="9"), SSEEvent("y")]) == ["9"]  # built by hand: its id is its own


def test_an_id_line_in_a_block_without_data_is_carried_by_no_event() -> None:
    events = parse(b"id: 7\n\ndata: a\n\n")
    assert [(e.id, carried_id(e)) for e in events] == [("7", None)]


def test_id_from_a_block_without_data_becomes_the_last_event_id() -> None:
    decoder = SSEDecoder()
    assert parse(b"id: 7\n\n", decoder=decoder) == []
    assert decoder.last_event_id == "7"


def test_last_event_id_ignores_the_id_of_an_event_cut_off_by_eof() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 1\ndata: a\n\nid: 2\ndata: b\n") == [SSEEvent("a", id="1")]
    assert decoder.last_event_id == "1"
    assert decoder.flush() == []
    assert decoder.last_event_id == "1"


def test_initial_last_event_id_applies_until_the_stream_sends_one() -> None:
    decoder = SSEDecoder(last_event_id="41")
    assert decoder.last_event_id == "41"
    assert parse(b"data: a\n\nid: 42\ndata: b\n\n", decoder=decoder) == [
        SSEEvent("a", id="41"),
        SSEEvent("b", id="42"),
    ]


# --- retry -------------------------------------------------------------------------------------


def test_retry_with_ascii_digits_is_on_the_event_and_the_decoder() -> None:
    decoder = SSEDecoder()
    events = parse(b"retry: 3000\ndata: a\n\ndata: b\n\n", decoder=decoder)
    assert [e.retry for e in events] == [3000, None]
    assert decoder.retry == 3000


@pytest.mark.parametrize(
    "value",
    [b"3a", b"-1", b"+5", b" 5", b"5 ", b"", b"1.5", b"\xd9\xa3", b"\xc2\xb2", b"1_000"],
    ids=["letter", "minus", "plus", "space", "trailing-space", "empty", "dot", "arabic", "super", "under"],
)
def test_retry_not_all_ascii_digits_is_ignored(value: bytes) -> None:
    decoder = SSEDecoder()
    events = parse(b"retry: 10\n\nretry: " + value + b"\ndata: a\n\n", decoder=decoder)
    assert events == [SSEEvent("a")]
    assert decoder.retry == 10


@pytest.mark.parametrize("digits", [10, 21, 5000])
def test_a_retry_longer_than_nine_digits_reads_as_the_ceiling(digits: int) -> None:
    decoder = SSEDecoder()
    events = parse(b"retry: " + b"9" * digits + b"\ndata: a\n\n", decoder=decoder)
    assert [e.retry for e in events] == [RETRY_CEILING_MS]
    assert decoder.retry == RETRY_CEILING_MS


def test_retry_without_colon_space_is_parsed_too() -> None:
    decoder = SSEDecoder()
    assert parse(b"retry:250\n\n", decoder=decoder) == []
    assert decoder.retry == 250


def test_retry_in_a_block_without_data_sets_the_decoder_only() -> None:
    decoder = SSEDecoder()
    assert parse(b"retry: 500\n\ndata: a\n\n", decoder=decoder) == [SSEEvent("a")]
    assert decoder.retry == 500


# --- end of stream and reuse -------------------------------------------------------------------


def test_partial_event_at_eof_is_discarded() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n\ndata: b\n") == [SSEEvent("a")]
    assert decoder.flush() == []


def test_unterminated_last_line_at_eof_is_discarded() -> None:
    assert parse(b"data: a\n\ndata: b\n\n", b"data: c") == [SSEEvent("a"), SSEEvent("b")]
    assert parse(b"data: a\n") == []


def test_flush_prepares_for_a_new_stream_keeping_id_and_retry() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"retry: 99\nid: 5\ndata: a\n\ndata: half") == [SSEEvent("a", id="5", retry=99)]
    decoder.flush()
    # The half line is gone, a new BOM is skipped, and the id carries over to the new connection.
    assert decoder.feed(b"\xef\xbb\xbfdata: b\n\n") == [SSEEvent("b", id="5")]
    assert (decoder.last_event_id, decoder.retry) == ("5", 99)


def test_close_is_flush() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 3\ndata: a\n\ndata: half\n") == [SSEEvent("a", id="3")]
    assert decoder.close() == []
    assert decoder.feed(b"\xef\xbb\xbf\n") == []  # nothing of the half event survived; a new BOM is skipped
    assert decoder.last_event_id == "3"


def test_flush_forgets_a_pending_cr() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"data: a\r")
    decoder.flush()
    assert decoder.feed(b"\ndata: b\n\n") == [SSEEvent("b")]


def test_reused_bytearray_chunks_do_not_corrupt_buffered_input() -> None:
    decoder = SSEDecoder()
    buf = bytearray(b"\xef\xbb")
    assert decoder.feed(cast(bytes, buf)) == []
    buf[:] = b"XX"  # the held start of the BOM must have been copied
    assert decoder.feed(b"\xbf") == []
    buf = bytearray(b"data: ab")
    assert decoder.feed(cast(bytes, buf)) == []
    buf[:] = b"XXXXXXXX"  # so must the unterminated line
    assert decoder.feed(b"c\n\n") == [SSEEvent("abc")]


def test_empty_chunks_change_nothing() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"") == []
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"") == []
    assert decoder.feed(b"\n\n") == [SSEEvent("a")]


# --- decoding ----------------------------------------------------------------------------------


def test_invalid_utf8_becomes_replacement_character() -> None:
    assert parse(b"data: a\xffb\xe2\x82\n\n") == [SSEEvent("a\ufffdb\ufffd")]


def test_multibyte_character_split_across_chunks_is_decoded() -> None:
    assert parse(b"data: \xe2", b"\x82", b"\xac\xf0\x9f", b"\x98\x80\n\n") == [SSEEvent("\u20ac\U0001f600")]


def test_unicode_in_names_ids_and_data() -> None:
    assert parse("id: é1\nevent: ünï\ndata: 日本\n\n".encode()) == [SSEEvent("日本", event="ünï", id="é1")]


# --- size cap ----------------------------------------------------------------------------------


def test_default_cap_is_sixteen_mebibytes() -> None:
    assert DEFAULT_MAX_EVENT_SIZE == 16 * 1024 * 1024
    assert SSEDecoder().max_event_size == DEFAULT_MAX_EVENT_SIZE


@pytest.mark.parametrize("size", [0, -1, True, 1.5])
def test_cap_must_be_a_positive_int(size: object) -> None:
    with pytest.raises(ValueError, match="max_event_size"):
        SSEDecoder(max_event_size=size)  # type: ignore[arg-type]


def test_line_up_to_the_cap_is_accepted() -> None:
    data = b"x" * 94
    assert parse(b"data: " + data + b"\n\n", decoder=SSEDecoder(max_event_size=100)) == [SSEEvent("x" * 94)]
    assert parse(*bytewise(b"data: " + data + b"\n\n"), decoder=SSEDecoder(max_event_size=100)) == [
        SSEEvent("x" * 94)
    ]


@pytest.mark.parametrize("chunk_size", [1, 7, 64, 1000])
def test_line_over_the_cap_raises_whatever_the_chunking(chunk_size: int) -> None:
    stream = b"data: ok\n\n: " + b"s3cr3t" * 20 + b"\ndata: b\n\n"
    decoder = SSEDecoder(max_event_size=100)
    with pytest.raises(SSEEventTooLarge, match=r"line is longer than max_event_size \(100 bytes\)") as info:
        feed_in_chunks_of(decoder, stream, chunk_size)
    assert "s3cr3t" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unterminated_line_growing_past_the_cap_raises_before_it_ends() -> None:
    decoder = SSEDecoder(max_event_size=100)
    decoder.feed(b"data: " + b"x" * 90)
    with pytest.raises(SSEEventTooLarge):
        decoder.feed(b"x" * 20)


@pytest.mark.parametrize("chunk_size", [1, 5, 30, 1000])
def test_event_data_over_the_cap_raises_whatever_the_chunking(chunk_size: int) -> None:
    stream = b"data: 0123456789\n" * 12 + b"\n"  # 12 lines of 10 bytes: 131 bytes of data
    decoder = SSEDecoder(max_event_size=100)
    with pytest.raises(SSEEventTooLarge, match=r"data of a server-sent event is larger") as info:
        feed_in_chunks_of(decoder, stream, chunk_size)
    assert "0123" not in str(info.value)


def test_event_data_at_the_cap_is_accepted() -> None:
    # Nine lines of 10 bytes and one of 9, joined with 9 newlines: 90 + 9 + 9 = 108 bytes.
    stream = b"data: 0123456789\n" * 9 + b"data: 012345678\n\n"
    assert len(parse(stream, decoder=SSEDecoder(max_event_size=108))[0].data.encode()) == 108
    with pytest.raises(SSEEventTooLarge):
        parse(stream, decoder=SSEDecoder(max_event_size=107))


def test_event_data_cap_counts_utf8_bytes() -> None:
    stream = "data: ééééé\ndata: ééééé\n\n".encode()  # 10 + 1 + 10 = 21 bytes, 11 characters
    assert parse(stream, decoder=SSEDecoder(max_event_size=21)) == [SSEEvent("ééééé\nééééé")]
    with pytest.raises(SSEEventTooLarge):
        parse(stream, decoder=SSEDecoder(max_event_size=20))


def test_events_in_progress_across_chunks_are_bounded() -> None:
    decoder = SSEDecoder(max_event_size=100)
    decoder.feed(b"data: 0123456789\n" * 8)
    with pytest.raises(SSEEventTooLarge):
        decoder.feed(b"data: 0123456789\n" * 2)  # still no blank line: caught before dispatch


def test_many_small_events_never_hit_the_cap() -> None:
    stream = b"data: 0123456789\n\n" * 1000
    assert len(parse(stream, decoder=SSEDecoder(max_event_size=20))) == 1000


# --- linear time -------------------------------------------------------------------------------


@pytest.mark.timeout(5)
def test_long_line_in_tiny_chunks_is_parsed_in_linear_time() -> None:
    # Linear: ~0.2 s. Re-joining the pieces on each feed would copy about a terabyte.
    decoder = SSEDecoder()
    assert decoder.feed(b"data: ") == []
    piece = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcd"
    for _ in range(200_000):
        decoder.feed(piece)
    (event,) = decoder.feed(b"\n\n")
    assert len(event.data) == 10_000_000


@pytest.mark.timeout(5)
def test_long_event_of_many_lines_in_tiny_chunks_is_parsed_in_linear_time() -> None:
    # Linear: ~0.1 s. Re-measuring the whole event at each chunk would take ~5e9 steps.
    decoder = SSEDecoder()
    for _ in range(100_000):
        decoder.feed(b"data: 0123\n")
    (event,) = decoder.feed(b"\n")
    assert event.data.count("\n") == 99_999


# --- SSEEvent ----------------------------------------------------------------------------------


def test_event_defaults() -> None:
    event = SSEEvent()
    assert (event.id, event.event, event.data, event.retry) == (None, "message", "", None)


def test_events_compare_and_hash_by_value() -> None:
    a = SSEEvent("x", event="e", id="1", retry=5)
    assert a == SSEEvent("x", event="e", id="1", retry=5)
    assert hash(a) == hash(SSEEvent("x", event="e", id="1", retry=5))
    assert a != SSEEvent("x", event="e", id="1")
    assert a != SSEEvent("y", event="e", id="1", retry=5)
    assert a != ("1", "e", "x", 5)
    assert len({a, SSEEvent("x", event="e", id="1", retry=5)}) == 1


def test_events_are_immutable_and_slotted() -> None:
    event = SSEEvent("x")
    with pytest.raises(AttributeError):
        event.data = "y"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.extra = 1  # type: ignore[attr-defined]


def test_event_repr_shows_fields_and_truncates_long_data() -> None:
    assert repr(SSEEvent("hi", event="e", id="1")) == "SSEEvent(event='e', data='hi', id='1', retry=None)"
    long_repr = repr(SSEEvent("x" * 10_000))
    assert len(long_repr) < 400
    assert "+9800 chars" in long_repr


def test_json_parses_the_data() -> None:
    assert SSEEvent('{"type": "assistant", "text": "hi"}').json() == {"type": "assistant", "text": "hi"}
    assert SSEEvent("[1, 2]").json() == [1, 2]


def test_json_of_empty_data_is_none() -> None:
    assert SSEEvent("", event="keepalive").json() is None


def test_json_of_malformed_data_raises_value_error_naming_the_event() -> None:
    with pytest.raises(ValueError, match=r"event 'assistant' \(id '7'\) is not valid JSON") as info:
        SSEEvent('{"token": "s3cr3t"', event="assistant", id="7").json()
    assert "s3cr3t" not in str(info.value)
    assert info.value.__cause__ is None


def test_decoder_repr_shows_state() -> None:
    decoder = SSEDecoder(max_event_size=10, last_event_id="3")
    assert repr(decoder) == "SSEDecoder(last_event_id='3', retry=None, max_event_size=10)"


# --- properties --------------------------------------------------------------------------------


def reference_parse(stream: bytes) -> tuple[list[EventTuple], str | None, int | None]:
    """The WHATWG algorithm, transcribed as directly as possible: decode, split lines, interpret."""
    text = stream.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = re.split("\r\n|\r|\n", text)
    lines.pop()  # not followed by a line end: discarded at EOF
    events: list[EventTuple] = []
    data, event_type, id_buffer, last_event_id = "", "", "", ""
    retry: int | None = None
    event_retry: int | None = None
    for line in lines:
        if line == "":
            last_event_id = id_buffer
            if data == "":
                event_type, event_retry = "", None
                continue
            if data.endswith("\n"):
                data = data[:-1]
            events.append((last_event_id or None, event_type or "message", data, event_retry))
            data, event_type, event_retry = "", "", None
            continue
        if line.startswith(":"):
            continue
        if ":" in line:
            field, value = line.split(":", 1)
            if value.startswith(" "):
                value = value[1:]
        else:
            field, value = line, ""
        if field == "event":
            event_type = value
        elif field == "data":
            data += value + "\n"
        elif field == "id":
            if "\0" not in value:
                id_buffer = value
        elif field == "retry" and value and all(c in "0123456789" for c in value):
            retry = event_retry = int(value)
    return events, last_event_id or None, retry


def feed_in_pieces(stream: bytes, cuts: list[int]) -> tuple[list[EventTuple], str | None, int | None]:
    decoder = SSEDecoder()
    events: list[SSEEvent] = []
    bounds = [0, *sorted(set(cuts)), len(stream)]
    for start, stop in itertools.pairwise(bounds):
        events.extend(decoder.feed(stream[start:stop]))
    events.extend(decoder.flush())
    return tuples(events), decoder.last_event_id, decoder.retry


VALUE_CHARS = [
    "a",
    "Z",
    "0",
    "7",
    " ",
    ":",
    "\0",
    "é",
    "日",
    "\U0001f600",
    "\ufeff",
    "\t",
    "\u0663",
    "\u00b2",
]
VALUES = st.text(st.sampled_from(VALUE_CHARS), max_size=6) | st.text(max_size=4).map(
    lambda s: re.sub("[\r\n]", "", s)
)
SEPARATORS = st.sampled_from([": ", ": ", ":", ":  ", ""])


def field_lines(name: str, values: st.SearchStrategy[str] = VALUES) -> st.SearchStrategy[str]:
    return st.builds(lambda sep, value: name + sep + value, SEPARATORS, values)


DIGITS = st.integers(0, 10**6).map(str) | st.sampled_from(["\u0663", "\u00b2", "1\u0663", "+1", " 1", "-1"])
LINES = st.one_of(
    field_lines("data"),
    field_lines("data"),
    field_lines("id", DIGITS | VALUES),
    field_lines("event", st.sampled_from(["assistant", "message", ""]) | VALUES),
    field_lines("retry", DIGITS | VALUES),
    st.builds(lambda v: ":" + v, VALUES),  # comment
    field_lines("foo") | field_lines("Data") | field_lines("data ") | field_lines(""),  # unknown fields
)
EOLS = st.sampled_from(["\n", "\n", "\r", "\r\n"])


@st.composite
def streams(draw: st.DrawFn) -> bytes:
    """A stream of event blocks, with mixed line ends, optional BOMs and an optional partial tail."""
    out: list[str] = [draw(st.sampled_from(["", "", "\ufeff", "\ufeff\ufeff"]))]
    for _ in range(draw(st.integers(0, 8))):
        for line in draw(st.lists(LINES, max_size=4)):
            out.append(line + draw(EOLS))
        out.append(draw(EOLS))  # the blank line closing the block
    out.append(draw(st.lists(LINES, max_size=2).map("\n".join)))  # maybe a partial tail
    return "".join(out).encode()


RAW_PIECES = [b"\n", b"\r", b"\r\n", b":", b" ", b"data", b"id", b"event", b"retry", b"1", b"\x00"]
RAW_PIECES += [b"\xef\xbb\xbf", b"\xef", b"\xbb", b"\xff", b"\xe2\x82", b"\xc3\xa9", b"\xf0\x9f\x98\x80"]
RAW_BYTES = st.lists(st.sampled_from(RAW_PIECES), max_size=60).map(b"".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stream=streams(), data=st.data())
def test_any_chunking_gives_the_same_events_as_one_piece(stream: bytes, data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=12), label="cuts")
    whole = feed_in_pieces(stream, [])
    assert feed_in_pieces(stream, cuts) == whole
    assert feed_in_pieces(stream, list(range(len(stream)))) == whole


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stream=streams(), data=st.data())
def test_structured_streams_match_the_reference_implementation(stream: bytes, data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=12), label="cuts")
    assert feed_in_pieces(stream, cuts) == reference_parse(stream)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stream=RAW_BYTES, data=st.data())
def test_arbitrary_bytes_match_the_reference_implementation(stream: bytes, data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=12), label="cuts")
    expected = reference_parse(stream)
    assert feed_in_pieces(stream, []) == expected
    assert feed_in_pieces(stream, cuts) == expected


def test_reference_implementation_agrees_on_a_known_stream() -> None:
    # Guards the property tests: a reference that parsed nothing would agree with a broken parser.
    stream = b"\xef\xbb\xbfid: 1\r\nevent: e\rdata: a\ndata:  b\n\n: c\nretry: 5\ndata\n\ndata: tail"
    expected = ([("1", "e", "a\n b", None), ("1", "message", "", 5)], "1", 5)
    assert reference_parse(stream) == expected
    assert feed_in_pieces(stream, []) == expected


# --- finish(): a clean end of the body ---


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"event: state\ndata: {}\n", [SSEEvent("{}", event="state")]),
        (b"data: a\r\ndata: b\r\n", [SSEEvent("a\nb")]),
        (b"id: 7\ndata: x\r", [SSEEvent("x", id="7")]),
        (b"data: x\n\n", []),  # already dispatched by feed
        (b"data: trunc", []),  # the last line itself never ended: possibly truncated
        (b"event: ping\n", []),  # nothing to dispatch without data
        (b"", []),
    ],
)
def test_finish_delivers_an_event_missing_only_its_blank_line(body: bytes, expected: list[SSEEvent]) -> None:
    decoder = SSEDecoder()
    decoder.feed(body)
    assert decoder.finish() == expected


def test_finish_resets_for_the_next_connection_and_keeps_the_last_id() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"id: 3\ndata: x\n")
    assert [e.id for e in decoder.finish()] == ["3"]
    assert decoder.last_event_id == "3"
    assert decoder.feed(b"data: y\n\n") == [SSEEvent("y", id="3")]


def test_flush_still_discards_what_finish_would_deliver() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"event: state\ndata: {}\n")
    assert decoder.flush() == []
