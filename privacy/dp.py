"""Differentially private aggregates, with the noise drawn by OpenDP.

Every function here assumes each person contributes at most one row (callers
guarantee it: one resume per person). Counts and histograms use OpenDP's
discrete Laplace mechanism; the privacy loss of each release is taken from the
measurement's own privacy map, not from a formula of ours, and a release whose
map exceeds the ε asked for is refused.

Two entry points:

- ``dp_count``, ``dp_histogram``, ``dp_bounded_mean`` take the person-level
  rows and run the whole OpenDP pipeline (transformation >> measurement);
- ``noisy_count`` and ``noisy_counts`` add noise to aggregates that the
  database computed, for the clean-room queries over a million people, where
  pulling every row into Python would be the slow part. The sensitivity is the
  caller's statement of how many units one person can move the aggregate by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import opendp.prelude as dp

dp.enable_features("contrib")


class PrivacyLossExceeded(ValueError):
    """The mechanism's privacy map says it would spend more than the ε allowed."""


@dataclass(frozen=True)
class BoundedMean:
    value: float | None
    epsilon: float
    count: int = 0  # the noisy count the mean divides by


def _check_epsilon(epsilon: float | Decimal | str | int) -> float:
    """The one place ε becomes a float: callers keep it exact (Decimal) everywhere else.

    ε arrives in whatever form a caller holds it: a Decimal read from the database, or the
    string a model field was given before it was saved. Anything that is not a positive,
    finite number is refused with a ValueError that names it.
    """
    if isinstance(epsilon, bool):
        raise ValueError(f"epsilon must be a positive number, got {epsilon!r}")
    try:
        exact = epsilon if isinstance(epsilon, Decimal) else Decimal(str(epsilon).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"epsilon must be a positive number, got {epsilon!r}") from None
    if not exact.is_finite() or not exact > 0:
        raise ValueError(f"epsilon must be positive, got {epsilon!r}")
    return float(exact)


def _spend(measurement, d_in: int, epsilon: float | Decimal):
    spent = measurement.map(d_in)
    # A tiny float slack: the map of scale = 1/ε is ε up to rounding.
    if spent > epsilon * (1 + 1e-9):
        raise PrivacyLossExceeded(f"mechanism would spend ε={spent}, more than ε={epsilon}")
    return spent


def _people_space(atom_type):
    return dp.vector_domain(dp.atom_domain(T=atom_type)), dp.symmetric_distance()


def dp_count(rows: Sequence, *, epsilon: float | Decimal) -> int:
    """A noisy number of rows (one row per person)."""
    epsilon = _check_epsilon(epsilon)
    measurement = _people_space(int) >> dp.t.then_count() >> dp.m.then_laplace(scale=1 / epsilon)
    _spend(measurement, 1, epsilon)
    return measurement([0] * len(rows))


def dp_histogram(values: Sequence[str], *, categories: Sequence[str], epsilon: float | Decimal) -> dict[str, int]:
    """Noisy counts per category; values outside ``categories`` are counted in none of them.

    Each person is in one bin, so adding or removing a person moves the vector of
    counts by 1 in L1; OpenDP's map confirms it.
    """
    epsilon = _check_epsilon(epsilon)
    measurement = (
        _people_space(str)
        >> dp.t.then_count_by_categories(categories=list(categories), null_category=False)
        >> dp.m.then_laplace(scale=1 / epsilon)
    )
    _spend(measurement, 1, epsilon)
    noisy = measurement([str(value) for value in values])
    return dict(zip(categories, noisy, strict=True))


def dp_bounded_mean(values: Sequence[int], *, bounds: tuple[int, int], epsilon: float | Decimal) -> BoundedMean:
    """Mean of values clamped to ``bounds``: a noisy sum over a noisy count, ε split in half.

    Returns ``value=None`` when the noisy count is not positive (too few people
    for a mean to mean anything).
    """
    epsilon = _check_epsilon(epsilon)
    lower, upper = bounds
    if lower > upper:
        raise ValueError(f"bounds {bounds} are reversed")
    half = epsilon / 2
    width = max(abs(lower), abs(upper)) or 1
    total = _people_space(int) >> dp.t.then_clamp((lower, upper)) >> dp.t.then_sum() >> dp.m.then_laplace(scale=width / half)
    _spend(total, 1, half)
    count = dp_count(values, epsilon=half)
    noisy_total = total([int(value) for value in values])
    if count <= 0:
        return BoundedMean(value=None, epsilon=epsilon, count=count)
    return BoundedMean(value=min(max(noisy_total / count, lower), upper), epsilon=epsilon, count=count)


@lru_cache(maxsize=256)
def _checked_laplace(vector: bool, sensitivity: int, epsilon: float):
    """The discrete Laplace measurement for one (shape, sensitivity, ε), its privacy map checked.

    Pure in its arguments, so it is built and checked once and reused: each call
    of the measurement still draws fresh noise.
    """
    atom = dp.atom_domain(T=int)
    if vector:
        measurement = dp.m.make_laplace(dp.vector_domain(atom), dp.l1_distance(T=int), scale=sensitivity / epsilon)
    else:
        measurement = dp.m.make_laplace(atom, dp.absolute_distance(T=int), scale=sensitivity / epsilon)
    _spend(measurement, sensitivity, epsilon)
    return measurement


def noisy_count(true_count: int, *, epsilon: float | Decimal, sensitivity: int = 1) -> int:
    """Discrete Laplace noise on a count computed elsewhere (one person moves it by ``sensitivity``)."""
    measurement = _checked_laplace(False, sensitivity, _check_epsilon(epsilon))
    return measurement(int(true_count))


def noisy_counts(true_counts: Sequence[int], *, epsilon: float | Decimal, sensitivity: int = 1) -> list[int]:
    """Noise on a vector of counts; one person moves the vector by ``sensitivity`` in L1."""
    epsilon = _check_epsilon(epsilon)
    if not true_counts:
        return []
    return list(_checked_laplace(True, sensitivity, epsilon)([int(count) for count in true_counts]))
