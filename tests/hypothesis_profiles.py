"""Hypothesis budgets: thorough in CI, quick on a laptop.

Two profiles, registered when the suite's conftest imports this module:

- ``ci``, loaded when the environment has ``CI`` (``.ci/run`` sets it): Hypothesis's defaults (100
  examples) and the budgets the tests name, as the suite has always run;
- ``dev``, loaded otherwise: 10 examples by default, and a tenth of a named budget (at least 10).

A test that names its budget writes ``@settings(max_examples=examples(400))``: a budget named in
``@settings`` is the test's own, which no profile changes, so ``examples`` scales it to the loaded
profile. ``pytest --hypothesis-profile=ci`` runs the thorough budgets locally.
"""

from __future__ import annotations

import os

from hypothesis import settings

DEV_SHARE = 10  # a local run tries a tenth of the examples CI tries
DEV_MINIMUM = 10

settings.register_profile("ci", settings())
settings.register_profile("dev", max_examples=DEV_MINIMUM)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def examples(thorough: int) -> int:
    """The number of examples for a test whose CI budget is ``thorough``, under the loaded profile."""
    if settings.get_current_profile_name() == "ci":
        return thorough
    return max(DEV_MINIMUM, thorough // DEV_SHARE)
