"""Validating JSON into the public models: once per body, straight from the bytes, with validators
built once per target type.

A model class is validated by its own validator, built on first use (the models are `defer_build`):
it honours the model's config (`TokenCreated` hides its input from error messages; a `TypeAdapter`
wrapping a not-yet-built model would not) and is the one `Model(...)` and `Model.model_validate()`
reuse. Any other target (`list[Model]`, ...) gets a `TypeAdapter`, built once and cached.

A model may ask to be validated as something else: the attention rail's base class is validated as a
union discriminated by `kind`, so that asking for `AttentionItem` (or a list of them) returns the
subclass matching each item ([validate_as][anyframe._core.validation.validate_as]).
"""

from __future__ import annotations

from typing import Any, TypeVar, cast, get_args, get_origin

from pydantic import BaseModel, TypeAdapter

__all__ = ["validate_as", "validate_json", "validate_python"]

T = TypeVar("T")

_ADAPTERS: dict[object, TypeAdapter[Any]] = {}
_VALIDATED_AS: dict[object, object] = {}


def validate_as(model: type[BaseModel], target: object) -> None:
    """Validate `model`, and lists of it, as `target` (e.g. a discriminated union of its subclasses).

    Args:
        model: The class callers ask for.
        target: What pydantic validates instead; its results must be instances of `model`.
    """
    _VALIDATED_AS[model] = target


def _is_plain_model(type_: object) -> bool:
    # `get_origin` first: on Python 3.10 `list[Agent]` passes `isinstance(..., type)` but not `issubclass`.
    return (
        get_origin(type_) is None
        and isinstance(type_, type)
        and issubclass(type_, BaseModel)
        and type_ not in _VALIDATED_AS
    )


def _adapter(type_: object) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(type_)
    if adapter is None:
        target: Any = _VALIDATED_AS.get(type_, type_)
        if get_origin(type_) is list and get_args(type_)[0] in _VALIDATED_AS:
            target = list[_VALIDATED_AS[get_args(type_)[0]]]  # type: ignore[misc]
        adapter = TypeAdapter(target)
        # Racing threads may each build one; the last write wins and both are equivalent.
        _ADAPTERS[type_] = adapter
    return adapter


def validate_json(type_: type[T], data: bytes | bytearray | str) -> T:
    """Parse a JSON document straight into a model or a list of models, in one pass inside pydantic-core.

    Args:
        type_: The target type, e.g. `Session` or `list[Agent]`.
        data: The raw JSON document.

    Returns:
        The validated value.

    Raises:
        pydantic.ValidationError: The document is not valid JSON or does not fit `type_`.
    """
    if _is_plain_model(type_):
        return cast("T", cast("type[BaseModel]", type_).model_validate_json(data))
    return cast("T", _adapter(type_).validate_json(data))


def validate_python(type_: type[T], obj: object) -> T:
    """Validate an already-decoded JSON value (dicts, lists, ...) into a model or a list of models.

    Prefer [validate_json][anyframe._core.validation.validate_json] when you hold the raw bytes: it is
    faster.

    Args:
        type_: The target type, e.g. `ChatEvent` or `list[Preview]`.
        obj: The decoded value.

    Returns:
        The validated value.

    Raises:
        pydantic.ValidationError: `obj` does not fit `type_`.
    """
    if _is_plain_model(type_):
        return cast("T", cast("type[BaseModel]", type_).model_validate(obj))
    return cast("T", _adapter(type_).validate_python(obj))
