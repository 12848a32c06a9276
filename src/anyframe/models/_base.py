"""What every model shares: the base class and the timestamp type."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Any, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict

__all__ = ["AnyFrameModel"]


def _assume_utc(value: datetime) -> datetime:
    # Every timestamp the API documents is UTC; pinning an offset-less one to UTC keeps comparisons with
    # aware datetimes from raising TypeError in user code.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


Timestamp: TypeAlias = Annotated[datetime, AfterValidator(_assume_utc)]
"""A timezone-aware `datetime`; one sent without an offset is taken as UTC."""


# The default factories of list and dict fields. pydantic inspects each factory's signature; for the
# builtins `list` and `dict` that means parsing their text signature with `tokenize`, whose first use
# compiles its regular expressions (about 2 ms of the first model's build). A Python function's
# signature costs nothing to read.
def _empty_list() -> list[Any]:
    """A new empty list: the default of a list field."""
    return []


def _empty_dict() -> dict[str, Any]:
    """A new empty dict: the default of a dict field."""
    return {}


class AnyFrameModel(BaseModel):
    """Base class of every model the SDK returns.

    Fields the server sends that this SDK version does not declare are kept: they are readable as
    attributes and included in `model_dump()` / `model_dump_json()`.
    """

    model_config = ConfigDict(
        extra="allow",
        defer_build=True,
        populate_by_name=True,
    )
