"""Splitting an integer pool over integer weights (largest remainder method).

Pure and exact: the shares always sum to the pool, each share is within one unit
of the exact proportional share, and ties for the leftover units are broken by a
hash of a per-sale salt and the member key, so different sales favour different
people while the same sale always gives the same result whatever the input order.

A member's remainder (pool × weight mod total weight) depends on its weight alone, so
the split is decided per weight (`weight_cut`): the members of every weight above the
cut-off remainder get a leftover unit, those below it none, and only the members at the
cut-off compete for what is left, in tie-rank order. A million members of three weights
are three rows to decide, and at most one weight's members to rank.
"""

import hashlib
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


def tie_rank(salt: str, key: Hashable) -> bytes:
    return hashlib.sha256(f"{salt}:{key}".encode()).digest()


@dataclass(frozen=True)
class WeightCut:
    """The split decided per weight: what every member of a weight gets, and who competes for the rest.

    `shares[weight]` is each such member's share; the members of the weights in `tied`
    share `slots` more units, one each to the first `slots` of them in tie-rank order
    (0 < slots < their number whenever `tied` is not empty).
    """

    shares: dict[int, int]
    tied: frozenset[int]
    slots: int


def weight_cut(pool: int, counts: Mapping[int, int]) -> WeightCut:
    """Decide the largest-remainder split of `pool` over `counts` (weight -> number of members)."""
    if pool < 0:
        raise ValueError("pool must not be negative")
    if any(weight <= 0 for weight in counts):
        raise ValueError("weights must be positive integers")
    if any(count <= 0 for count in counts.values()):
        raise ValueError("each weight needs at least one member")
    if not counts:
        if pool:
            raise ValueError("a non-zero pool needs at least one member")
        return WeightCut(shares={}, tied=frozenset(), slots=0)
    total_weight = sum(weight * count for weight, count in counts.items())
    quotients = {weight: pool * weight // total_weight for weight in counts}
    remainders = {weight: pool * weight % total_weight for weight in counts}
    leftover = pool - sum(quotients[weight] * count for weight, count in counts.items())
    shares = dict(quotients)
    # Weights grouped by remainder, largest first: whole groups take a unit each while enough is left.
    by_remainder: dict[int, list[int]] = {}
    for weight, remainder in remainders.items():
        by_remainder.setdefault(remainder, []).append(weight)
    for remainder in sorted(by_remainder, reverse=True):
        group = by_remainder[remainder]
        members = sum(counts[weight] for weight in group)
        if leftover >= members:
            for weight in group:
                shares[weight] += 1
            leftover -= members
            continue
        if leftover:
            return WeightCut(shares=shares, tied=frozenset(group), slots=leftover)
        break
    return WeightCut(shares=shares, tied=frozenset(), slots=0)


def largest_remainder(pool: int, weights: Iterable[tuple[Hashable, int]], *, salt: str) -> dict[Hashable, int]:
    """Split `pool` over `(key, weight)` pairs; returns key -> share."""
    items = list(weights)
    keys = [key for key, _ in items]
    if len(set(keys)) != len(keys):
        raise ValueError("member keys must be unique")
    cut = weight_cut(pool, Counter(weight for _, weight in items))
    shares = {key: cut.shares[weight] for key, weight in items}
    # Among the members at the cut-off remainder the salted hash decides.
    tied = sorted((key for key, weight in items if weight in cut.tied), key=lambda key: tie_rank(salt, key))
    for key in tied[: cut.slots]:
        shares[key] += 1
    return shares
