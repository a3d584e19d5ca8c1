"""The full run tries as hard as the tests say; the fast loop a quarter of it."""

from __future__ import annotations

from hypothesis import settings

from tests.hypothesis_profiles import examples


def test_the_fast_loop_tries_a_quarter_and_the_full_run_what_is_written() -> None:
    full = settings.get_profile("default").max_examples
    fast = settings.get_profile("snel").max_examples
    assert fast * 4 == full == 100
    if settings.default.max_examples == full:  # this run: the full one (pytest, .ci/run)
        assert examples(40) == 40 and examples(150) == 150
    else:  # --hypothesis-profile=snel
        assert examples(40) == 10 and examples(150) == 37
    assert examples(4) == 5  # never fewer than five
