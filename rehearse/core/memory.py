"""Giving memory the process has freed back to the system, and keeping the cyclic
collector off what lives for the whole run."""

from __future__ import annotations

import gc
import sys
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    """The C library's symbols, as the process already has them loaded (dlopen of no file:
    `ctypes.util.find_library` would run ldconfig for it)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # loaded when the index has been built, not before the first frame

    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


def release_free_memory() -> None:
    """Hand the C heap's free pages back (glibc's malloc_trim; elsewhere nothing): building
    the search index frees about as much as it keeps, and glibc would hold on to it."""
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)


# Middle-generation passes between two full ones (Python's default is 10). A 20 MB note's
# save makes ~15 of them, and each full pass walks every object not frozen (~50 ms under
# the GIL, a stall in the middle of typing): 28 full passes in 20 autosaves at 10, 3 at
# 100. Replaced snapshots do not wait for them: reference counting frees those.
FULL_PASS_EVERY = 100


def settle_long_lived() -> None:
    """Once, after the notes and their index are loaded: keep them out of the collector's
    passes (gc.freeze; what is freed later is still freed, by reference counting) and make
    full passes rarer. Never after each save: a frozen cycle is never collected."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_EVERY)
