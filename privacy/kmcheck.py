"""An independent checker for k- and k^m-anonymity of a released table.

k^m-anonymity (Terrovitis, Mamoulis and Kalnis, VLDB 2008) protects set-valued
data: an attacker who knows up to ``m`` of a person's items matches either no
released record or at least ``k``. Here the attacker also knows every scalar
quasi-identifier, so the count is taken inside each equivalence class: for every
class and every itemset of 1..m items held by a record of that class, the number
of records of the class holding the whole itemset is 0 or at least ``k``.

Deliberately simple and independent of the generaliser (plain ``Counter`` over
``itertools.combinations`` of the released rows, no numpy): it is the gate a
build passes before release, so it must not share the generaliser's bugs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class KmViolation:
    """One itemset that too few records of a class hold."""

    class_key: tuple[Any, ...]
    itemset: tuple[Any, ...]
    support: int


def _released_set(value: Any) -> tuple[Any, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):  # a CSV cell: "a;b;c"
        return tuple(sorted({item for item in value.split(";") if item}))
    return tuple(sorted(set(value)))


def km_violations(
    rows: Iterable[Mapping[str, Any]],
    quasi_identifiers: Sequence[str],
    set_field: str,
    *,
    k: int,
    m: int,
) -> list[KmViolation]:
    """Every (class, itemset of size 1..m) held by 1..k-1 released records; empty if k^m holds."""
    if k < 1 or m < 0:
        raise ValueError("k must be >= 1 and m >= 0")
    support: Counter[tuple[tuple[Any, ...], tuple[Any, ...]]] = Counter()
    for row in rows:
        key = tuple(row.get(q) for q in quasi_identifiers)
        items = _released_set(row.get(set_field))
        for size in range(1, min(m, len(items)) + 1):
            for itemset in combinations(items, size):
                support[(key, itemset)] += 1
    return sorted(
        (KmViolation(class_key=key, itemset=itemset, support=count) for (key, itemset), count in support.items() if count < k),
        key=lambda v: (repr(v.class_key), v.itemset),
    )


def is_km_anonymous(
    rows: Iterable[Mapping[str, Any]], quasi_identifiers: Sequence[str], set_field: str, *, k: int, m: int
) -> bool:
    """True if every class of ``rows`` meets k^m on ``set_field`` (see ``km_violations``)."""
    return not km_violations(rows, quasi_identifiers, set_field, k=k, m=m)


def class_sizes(rows: Iterable[Mapping[str, Any]], quasi_identifiers: Sequence[str]) -> Counter[tuple[Any, ...]]:
    """Equivalence class sizes of a released table."""
    return Counter(tuple(row.get(q) for q in quasi_identifiers) for row in rows)


def is_l_diverse(rows: Iterable[Mapping[str, Any]], quasi_identifiers: Sequence[str], sensitive: str, *, l: int) -> bool:  # noqa: E741
    """True if every class holds at least ``l`` distinct values of ``sensitive`` (distinct l-diversity)."""
    seen: dict[tuple[Any, ...], set[Any]] = {}
    for row in rows:
        seen.setdefault(tuple(row.get(q) for q in quasi_identifiers), set()).add(row.get(sensitive))
    return all(len(values) >= l for values in seen.values())
