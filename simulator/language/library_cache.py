"""The bundled library for the app and ``regie serve``: through the checked-model cache.

``load_bundled()`` gives the same ``Library`` as ``library.load()``, with every scenario
read: the app lists them all, and the zygote of ``regie serve`` reads them once for all the
browsers it forks. A file the cache knows (same bytes, same Regie) is not read and checked
again; see ``model_cache`` for what a key is made of and why an entry is never stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the reading itself: the app reads in the background
    from simulator.language.library import Library


def load_bundled(use_cache: bool = True) -> Library:
    """The bundled library, every scenario read (from the cache, unless ``use_cache`` is
    False: ``--geen-cache``)."""
    from simulator.language.library import load
    from simulator.language.model_cache import ModelCache

    lib = load(cache=ModelCache.open(enabled=use_cache))
    lib.scenarios.read_all()
    return lib
