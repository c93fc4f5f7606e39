"""The privacy-budget accountant: how much ε a person has left.

Pure rules over integers. ε is accounted in micro-ε (1 ε = 1,000,000) so that
sums are exact: a thousand queries of ε = 0.1 add up to exactly 100 ε, where
floats would drift. Composition is basic sequential composition (ε adds up),
which is what holds for pure-DP Laplace releases without further assumptions.
"""

from __future__ import annotations

from decimal import Decimal

MICRO = 1_000_000


class BudgetExceeded(Exception):
    """A release would take someone past their lifetime budget."""

    def __init__(self, *, spent_micro: int, cost_micro: int, limit_micro: int) -> None:
        super().__init__(f"spent {spent_micro} + {cost_micro} > limit {limit_micro} micro-ε")
        self.spent_micro = spent_micro
        self.cost_micro = cost_micro
        self.limit_micro = limit_micro


def to_micro(epsilon: Decimal | str | int) -> int:
    """ε as exact micro-ε; finer than a micro-ε is refused rather than rounded."""
    value = Decimal(str(epsilon)) * MICRO
    if value != value.to_integral_value() or value <= 0:
        raise ValueError(f"ε must be positive with at most 6 decimals, got {epsilon}")
    return int(value)


def from_micro(micro: int) -> Decimal:
    return (Decimal(micro) / MICRO).normalize()


def remaining(*, spent_micro: int, limit_micro: int) -> int:
    return max(limit_micro - spent_micro, 0)


def check_spend(*, spent_micro: int, cost_micro: int, limit_micro: int) -> int:
    """Return the new total after spending ``cost_micro``, or raise ``BudgetExceeded``."""
    if cost_micro <= 0:
        raise ValueError("a release always costs some ε")
    total = spent_micro + cost_micro
    if total > limit_micro:
        raise BudgetExceeded(spent_micro=spent_micro, cost_micro=cost_micro, limit_micro=limit_micro)
    return total


def split(total_micro: int, parts: int) -> list[int]:
    """Split a budget into ``parts`` integer shares that add up exactly to the total."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, extra = divmod(total_micro, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]
