"""Shared pytest set-up."""

from __future__ import annotations

from hypothesis import settings

# The first call of a normalizer with a new set of options compiles its character table (a few
# milliseconds, more on a loaded machine), which Hypothesis's default 200 ms deadline would
# report as flaky.
settings.register_profile("barq", deadline=None)
settings.load_profile("barq")
