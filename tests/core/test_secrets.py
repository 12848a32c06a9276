"""Tests of `anyframe._core.secrets.Secrets`, the per-client scrubber, and of the error mapping that
uses it (`error_from_response`, `response_invalid`, `translate_errors` with `secrets=`).

Contracts pinned here:

- `text` masks every known secret (longest first, so one containing another goes whole) and anything
  shaped like an `afm_` token; `value` does the same inside decoded JSON (keys, nested lists/dicts),
  leaving other values alone.
- `add` learns a secret (values shorter than `MIN_LENGTH` or not `str` are ignored); at most `CAPACITY`
  learned values are kept, oldest forgotten first; the initial ones (the API key) are never forgotten.
- `exception_chain` rewrites, in place, the string args of an exception and of everything chained to
  it (`__cause__`, `__context__`), without looping on cycles.
- With `secrets=`, `error_from_response` keeps a secret the server echoed out of `.message`, `str()`,
  `repr()` and `.body` (a plain-string `detail`, a JSON field, an HTML page); `response_invalid` out of
  its message and excerpt; `translate_errors` out of the new error and its chained cause.
"""

from __future__ import annotations

import json
import traceback

import httpx
import pytest

from anyframe import APIConnectionError, ValidationError
from anyframe._core.errors import error_from_response, response_invalid, translate_errors
from anyframe._core.secrets import CAPACITY, MIN_LENGTH, Secrets

KEY = "sk-live-0123456789abcdef"  # a key without the afm_ prefix: only the registry can know it
CREDENTIAL = "ghp_credential_value_42"


def test_text_masks_known_secrets_and_afm_tokens() -> None:
    secrets = Secrets([KEY])

    assert secrets.text(f"key {KEY} and token afm_abcdef123") == "key *** and token afm_***"


def test_a_secret_containing_another_is_masked_whole() -> None:
    secrets = Secrets(["abcdef", "abcdefghijkl"])

    assert secrets.text("x abcdefghijkl y abcdef") == "x *** y ***"


def test_learned_secrets_are_masked_from_then_on() -> None:
    secrets = Secrets([KEY])
    assert CREDENTIAL in secrets.text(CREDENTIAL)

    secrets.add(CREDENTIAL)

    assert secrets.text(f"echo: {CREDENTIAL}!") == "echo: ***!"


@pytest.mark.parametrize("value", ["", "abc", "x" * (MIN_LENGTH - 1), None, 12345678])
def test_short_or_non_string_values_are_not_registered(value: object) -> None:
    secrets = Secrets()
    secrets.add(value)

    assert secrets.text("abc xxxxx 12345678") == "abc xxxxx 12345678"


def test_the_registry_is_bounded_and_never_forgets_the_initial_key() -> None:
    secrets = Secrets([KEY])
    learned = [f"credential-{i:04d}" for i in range(CAPACITY + 10)]
    for value in learned:
        secrets.add(value)

    assert secrets.text(learned[0]) == learned[0]  # the oldest were forgotten
    assert secrets.text(learned[-1]) == "***"
    assert secrets.text(KEY) == "***"


def test_value_scrubs_strings_inside_json_keys_included() -> None:
    secrets = Secrets([KEY])
    body = {"detail": [{"msg": f"bad {KEY}", "ctx": {KEY: [1, KEY, None]}}], "n": 3}

    assert secrets.value(body) == {"detail": [{"msg": "bad ***", "ctx": {"***": [1, "***", None]}}], "n": 3}


def test_exception_chain_is_scrubbed_in_place_through_causes_and_contexts() -> None:
    secrets = Secrets([KEY])
    root = ValueError(f"illegal header value b'Bearer {KEY}\\x00'", 7)
    middle = RuntimeError(f"wrapped {KEY}")
    middle.__cause__ = root
    top = httpx.LocalProtocolError(f"top {KEY}")
    top.__context__ = middle
    root.__context__ = top  # a cycle must not loop

    secrets.exception_chain(top)

    assert KEY not in str(top)
    assert KEY not in str(middle)
    assert KEY not in str(root)
    assert root.args[1] == 7


# --- the error mapping with a client's secrets ---


def test_a_plain_string_detail_echoing_a_credential_is_scrubbed_everywhere() -> None:
    secrets = Secrets([KEY])
    secrets.add(CREDENTIAL)
    content = json.dumps({"detail": f"token {CREDENTIAL} is not a valid GitHub token"}).encode()

    error = error_from_response(400, {}, content, secrets=secrets)

    assert isinstance(error, ValidationError)
    for text in (error.message, str(error), repr(error), json.dumps(error.body), *map(str, error.args)):
        assert CREDENTIAL not in text
    assert error.message == "token *** is not a valid GitHub token"


def test_a_key_echoed_in_the_body_is_scrubbed_from_body() -> None:
    content = json.dumps({"detail": "invalid token", "received": f"Bearer {KEY}"}).encode()

    error = error_from_response(401, {}, content, secrets=Secrets([KEY]))

    assert error.body == {"detail": "invalid token", "received": "Bearer ***"}


def test_a_key_echoed_in_an_html_page_is_scrubbed_from_message_and_body() -> None:
    content = f"<html><body>Unauthorized: {KEY}</body></html>".encode()

    error = error_from_response(502, {}, content, secrets=Secrets([KEY]))

    assert KEY not in error.message
    assert KEY not in str(error.body)


def test_afm_tokens_are_scrubbed_from_the_body_even_without_a_registry() -> None:
    error = error_from_response(422, {}, b'{"detail": "bad", "echo": "afm_abcdefghijkl"}')

    assert error.body == {"detail": "bad", "echo": "afm_***"}


def test_response_invalid_scrubs_known_secrets_from_message_and_excerpt() -> None:
    error = response_invalid(
        200, {}, f'{{"weird": "{CREDENTIAL}"}}'.encode(), "bad", secrets=Secrets([CREDENTIAL])
    )

    assert CREDENTIAL not in error.message
    assert CREDENTIAL not in str(error.body)


def test_translate_errors_scrubs_the_new_error_and_its_chained_cause() -> None:
    with pytest.raises(APIConnectionError) as info, translate_errors(Secrets([KEY])):
        raise httpx.LocalProtocolError(f"Illegal header value b'Bearer {KEY}'")

    printed = "".join(traceback.format_exception(info.value))
    assert KEY not in printed
    assert KEY not in str(info.value.__cause__)
    assert "Bearer ***" in printed
