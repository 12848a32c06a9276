"""The request bodies of openapi.yaml as attrs classes (generated; never edit by hand).

Deliberately empty: each module is imported on its own, so using one request body does not import
every schema (import time matters; see DESIGN.md §7).
"""
