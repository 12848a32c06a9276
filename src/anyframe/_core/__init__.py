"""The sans-IO core: every decision the SDK makes, as pure functions and small state objects.

Nothing here opens a socket, awaits or sleeps; the async shells in `anyframe._async` (and the sync
shells generated from them) call into this package and do the I/O around it.
"""
