"""The "not given" marker of the generated request builders and bodies."""

from typing import Literal


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

__all__ = ["UNSET", "Unset"]
