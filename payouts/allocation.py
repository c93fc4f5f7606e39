"""Splitting an integer pool over integer weights (largest remainder method).

Pure and exact: the shares always sum to the pool, each share is within one unit
of the exact proportional share, and ties for the leftover units are broken by a
hash of a per-sale salt and the member key, so different sales favour different
people while the same sale always gives the same result whatever the input order.
"""

import hashlib
from collections.abc import Hashable, Iterable


def tie_rank(salt: str, key: Hashable) -> bytes:
    return hashlib.sha256(f"{salt}:{key}".encode()).digest()


def largest_remainder(pool: int, weights: Iterable[tuple[Hashable, int]], *, salt: str) -> dict[Hashable, int]:
    """Split `pool` over `(key, weight)` pairs; returns key -> share."""
    if pool < 0:
        raise ValueError("pool must not be negative")
    items = list(weights)
    if not items:
        if pool:
            raise ValueError("a non-zero pool needs at least one member")
        return {}
    keys = [key for key, _ in items]
    if len(set(keys)) != len(keys):
        raise ValueError("member keys must be unique")
    if any(weight <= 0 for _, weight in items):
        raise ValueError("weights must be positive integers")
    total_weight = sum(weight for _, weight in items)
    shares: dict[Hashable, int] = {}
    remainders: list[tuple[int, bytes, Hashable]] = []
    for key, weight in items:
        quotient, remainder = divmod(pool * weight, total_weight)
        shares[key] = quotient
        remainders.append((remainder, tie_rank(salt, key), key))
    leftover = pool - sum(shares.values())
    # Largest remainder first; among equal remainders the salted hash decides.
    remainders.sort(key=lambda item: (-item[0], item[1]))
    for _, _, key in remainders[:leftover]:
        shares[key] += 1
    return shares
