"""Shell tests of the async client, with respx; `tests/_sync` is generated from this package.

A package (with its generated twin) so that `tests/_async/test_x.py` and `tests/_sync/test_x.py` can
share a base name under pytest's default import mode and under mypy.
"""

from __future__ import annotations

__all__: list[str] = []
