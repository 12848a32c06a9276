"""The async I/O shells: the only place client and resource code is written by hand.

`src/anyframe/_sync` is generated from this package by `scripts/unasync.py`; never edit it.
"""
