"""The package version, single-sourced: hatchling reads it for the wheel, `anyframe.__version__` re-exports it."""

__version__ = "0.1.0"
