"""The public surface as the tests walk it: both clients, every resource manager reachable from them
through their attributes (cached properties such as `af.agents`, annotated attributes such as
`af.agents.skills`), the event streams and the chat turns. Shared by `test_public_api` and `test_docstring_examples`.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import typing
from collections.abc import Callable

from anyframe._async._stream import AsyncEventStream
from anyframe._async.client import AsyncAnyFrame
from anyframe._async.turns import AsyncTurn
from anyframe._sync._stream import EventStream
from anyframe._sync.client import AnyFrame
from anyframe._sync.turns import Turn

__all__ = [
    "RAW_ATTRIBUTE",
    "RESOURCE_NAMES",
    "attribute_types",
    "member_function",
    "package_names",
    "resource_pairs",
]

# What a user reaches from `af` (sync names; the async ones carry the `Async` prefix).
RESOURCE_NAMES = frozenset(
    {
        "AnyFrame",
        "Tokens",
        "CredentialsResource",
        "Connectors",
        "Agents",
        "Skills",
        "Mcps",
        "AgentConnectors",
        "Sessions",
        "Attention",
        "EventStream",
        "Turn",
    }
)


@functools.cache
def package_names(package_name: str) -> dict[str, object]:
    """The models and every name defined by the modules of a package: what the lazily imported
    annotations of the clients refer to."""
    package = importlib.import_module(package_name)
    models = importlib.import_module("anyframe.models")
    names: dict[str, object] = {name: getattr(models, name) for name in models.__all__}
    for info in pkgutil.iter_modules(package.__path__):
        names.update(vars(importlib.import_module(f"{package_name}.{info.name}")))
    return names


# `af.with_raw_response` mirrors the resources and is generated from them (scripts/raw_response.py):
# `tests/test_raw_response.py` checks it against them, so the walk of the resources leaves it out.
RAW_ATTRIBUTE = "with_raw_response"


def attribute_types(cls: type) -> dict[str, object]:
    """The types of the public attributes of `cls`: annotated ones and cached properties."""
    localns = package_names(cls.__module__.rsplit(".", 1)[0])
    hints = {n: t for n, t in typing.get_type_hints(cls, localns=localns).items() if not n.startswith("_")}
    for name, member in vars(cls).items():
        if name == RAW_ATTRIBUTE:
            continue
        if isinstance(member, functools.cached_property) and not name.startswith("_"):
            hints[name] = typing.get_type_hints(member.func, localns=localns)["return"]
    return hints


def resource_pairs() -> list[tuple[type, type]]:
    """(async class, sync class) for both clients and every resource reachable from them, walked in
    step, plus the event streams and the chat turns."""
    pairs: list[tuple[type, type]] = [(AsyncAnyFrame, AnyFrame)]
    for async_cls, sync_cls in pairs:
        async_types, sync_types = attribute_types(async_cls), attribute_types(sync_cls)
        assert async_types.keys() == sync_types.keys(), async_cls
        for attr, async_type in async_types.items():
            sync_type = sync_types[attr]
            if isinstance(async_type, type) and async_type.__module__.startswith("anyframe."):
                assert isinstance(sync_type, type), attr
                if (async_type, sync_type) not in pairs:
                    pairs.append((async_type, sync_type))
    return [*pairs, (AsyncEventStream, EventStream), (AsyncTurn, Turn)]


def member_function(member: object) -> Callable[..., object]:
    """The function behind a class attribute: a method, or the getter of a (cached) property."""
    if isinstance(member, property):
        assert member.fget is not None
        return member.fget
    if isinstance(member, functools.cached_property):
        return typing.cast("Callable[..., object]", member.func)
    if isinstance(member, (staticmethod, classmethod)):
        return typing.cast("Callable[..., object]", member.__func__)
    assert callable(member), member
    return member
