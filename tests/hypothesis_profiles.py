"""How hard hypothesis tries: as written in the tests (the default profile, what ``pytest``
and ``.ci/run`` use), or a quarter of it in the fast loop (``--hypothesis-profile=snel``).

A test that sets its own number of examples writes ``max_examples=examples(40)``: 40 in the
full run, 10 in the fast loop. Tests without their own number follow the profile itself.
"""

from __future__ import annotations

from hypothesis import settings

FULL = 100  # hypothesis's own default number of examples

settings.register_profile("snel", max_examples=FULL // 4)


def examples(wanted: int) -> int:
    """``wanted`` examples in the full run; as much less in the fast loop as its profile."""
    return max(5, wanted * settings.default.max_examples // FULL)
