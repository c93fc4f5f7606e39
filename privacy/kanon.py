"""k-anonymity: full-domain generalisation with bounded suppression, and a checker.

The generaliser follows Datafly (Sweeney, 2002) but is deterministic: every
quasi-identifier is recoded globally to one level of its hierarchy, the level of
the quasi-identifier with the most distinct values is raised until few enough
records sit in classes smaller than k, and those records are then suppressed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from privacy.hierarchies import HIERARCHIES, Hierarchy

ClassKey = tuple[Any, ...]


class KAnonymityError(Exception):
    """The records cannot be released at the requested k.

    ``code`` is stable for callers to branch on; the message is for staff logs.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class RiskReport:
    """Figures for a release's privacy report (DESIGN.md §6)."""

    k_achieved: int
    k_target: int
    class_count: int
    class_sizes: list[int]
    suppressed: int
    suppression_rate: float
    highest_prosecutor_risk: float
    records_at_risk: int

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-serialisable builtins."""
        return asdict(self)


@dataclass(frozen=True)
class AnonymizationResult:
    """Released rows, which input records they came from, and how they were built."""

    rows: list[dict[str, Any]]
    kept_indices: list[int]
    report: RiskReport
    levels: dict[str, int]


def _class_keys(rows: Iterable[Mapping[str, Any]], quasi_identifiers: Sequence[str]) -> list[ClassKey]:
    return [tuple(row.get(q) for q in quasi_identifiers) for row in rows]


def is_k_anonymous(rows: Iterable[Mapping[str, Any]], quasi_identifiers: Sequence[str], k: int) -> bool:
    """Return True if every combination of quasi-identifier values occurs >= k times.

    Deliberately independent of ``anonymize`` (it only looks at released rows), so
    it can be used as the last gate before a version is sold. An empty table is
    vacuously k-anonymous.
    """
    counts = Counter(_class_keys(rows, quasi_identifiers))
    return all(size >= k for size in counts.values())


def risk_report(
    rows: Sequence[Mapping[str, Any]],
    quasi_identifiers: Sequence[str],
    *,
    total_input: int,
    k_target: int,
) -> RiskReport:
    """Measure a released table: class sizes, suppression and prosecutor risk.

    ``total_input`` is the number of records before suppression, so that
    ``suppressed = total_input - len(rows)``.
    """
    if total_input < len(rows):
        raise ValueError(f"total_input ({total_input}) is smaller than the {len(rows)} rows")
    sizes = sorted(Counter(_class_keys(rows, quasi_identifiers)).values())
    smallest = sizes[0] if sizes else 0
    suppressed = total_input - len(rows)
    return RiskReport(
        k_achieved=smallest,
        k_target=k_target,
        class_count=len(sizes),
        class_sizes=sizes,
        suppressed=suppressed,
        suppression_rate=round(suppressed / total_input, 6) if total_input else 0.0,
        # A prosecutor who knows their target is in the release re-identifies them
        # with probability 1/|class|; the smallest class is the worst case.
        highest_prosecutor_risk=round(1 / smallest, 6) if smallest else 0.0,
        records_at_risk=sum(size for size in sizes if size < k_target),
    )


def _validate(
    *,
    quasi_identifiers: Sequence[str],
    k: int,
    max_suppression: float,
    set_fields: Sequence[str],
    carry: Sequence[str],
    hierarchies: Mapping[str, Hierarchy],
) -> None:
    if k < 2:
        # k = 1 is "no protection" and would still be reported as k-anonymous.
        raise ValueError(f"k must be at least 2, got {k}")
    if not 0 <= max_suppression <= 1:
        raise ValueError(f"max_suppression must be within 0..1, got {max_suppression}")
    unknown = [q for q in quasi_identifiers if q not in hierarchies]
    if unknown:
        raise ValueError(f"no generalisation hierarchy for {', '.join(unknown)}")
    named = [*quasi_identifiers, *set_fields, *carry]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        # Carrying a quasi-identifier would release its raw value next to the
        # generalised one and undo the generalisation.
        raise ValueError(f"each field may be a quasi-identifier, a set field or carried, not twice: {', '.join(repeated)}")


class _Columns:
    """Generalised quasi-identifier columns, computed once per (field, level).

    Values repeat heavily (ages, provinces), so each distinct raw value is
    generalised once per level and the column is a list lookup after that.
    """

    def __init__(
        self,
        records: Sequence[Mapping[str, Any]],
        quasi_identifiers: Sequence[str],
        hierarchies: Mapping[str, Hierarchy],
    ) -> None:
        self._raw = {q: [record.get(q) for record in records] for q in quasi_identifiers}
        self._hierarchies = hierarchies
        self._cache: dict[tuple[str, int], list[str]] = {}
        self._distinct: dict[tuple[str, int], int] = {}

    def get(self, quasi_identifier: str, level: int) -> list[str]:
        key = (quasi_identifier, level)
        column = self._cache.get(key)
        if column is None:
            hierarchy = self._hierarchies[quasi_identifier]
            memo: dict[Any, str] = {}
            column = []
            for value in self._raw[quasi_identifier]:
                try:
                    generalised = memo[value]
                except KeyError:
                    generalised = memo[value] = hierarchy.generalise(value, level)
                column.append(generalised)
            self._cache[key] = column
        return column

    def distinct(self, quasi_identifier: str, level: int) -> int:
        key = (quasi_identifier, level)
        if key not in self._distinct:
            self._distinct[key] = len(set(self.get(quasi_identifier, level)))
        return self._distinct[key]

    def class_keys(self, levels: Mapping[str, int], total: int) -> list[ClassKey]:
        if not levels:
            return [()] * total  # no quasi-identifiers: everyone is in one class
        return list(zip(*(self.get(q, level) for q, level in levels.items()), strict=True))


def _frequent_values(records: Sequence[Mapping[str, Any]], kept: Sequence[int], set_field: str, k: int) -> set[Any]:
    # Count people, not mentions: a skill listed twice by one person is one holder.
    holders: Counter[Any] = Counter()
    for index in kept:
        holders.update(set(records[index].get(set_field) or ()))
    return {value for value, count in holders.items() if count >= k}


def anonymize(
    records: list[dict[str, Any]],
    *,
    quasi_identifiers: list[str],
    k: int = 5,
    max_suppression: float = 0.05,
    set_fields: tuple[str, ...] = ("skills",),
    carry: tuple[str, ...] = (),
    hierarchies: Mapping[str, Hierarchy] = HIERARCHIES,
) -> AnonymizationResult:
    """Release ``records`` as a k-anonymous table.

    Every quasi-identifier starts at level 0 of its hierarchy. While more than
    ``max_suppression`` of the records sit in equivalence classes smaller than
    ``k``, the quasi-identifier with the most distinct generalised values (ties:
    first in ``quasi_identifiers``) is raised one level. Once within the cap, the
    records in classes smaller than ``k`` are suppressed.

    Set-valued fields (lists) keep only the values held by at least ``k`` released
    records, sorted. ``carry`` fields are copied through unchanged and must not be
    identifying: they are not part of the equivalence classes. Any other key of
    the input records (name, phone, ...) is never copied.

    Raises ``KAnonymityError`` (code ``"too_few_records"``) when fewer than ``k``
    records are given, ``"not_achievable"`` if the hierarchies run out before the
    cap is met, and ``ValueError`` for inconsistent arguments.
    """
    _validate(
        quasi_identifiers=quasi_identifiers,
        k=k,
        max_suppression=max_suppression,
        set_fields=set_fields,
        carry=carry,
        hierarchies=hierarchies,
    )
    total = len(records)
    if total < k:
        # Even with every quasi-identifier at "*" all records form one class of
        # `total` < k, so nothing could be released.
        raise KAnonymityError(
            "too_few_records",
            f"{total} records cannot form a class of k={k}; at least {k} are needed",
        )

    columns = _Columns(records, quasi_identifiers, hierarchies)
    levels = dict.fromkeys(quasi_identifiers, 0)
    while True:
        keys = columns.class_keys(levels, total)
        sizes = Counter(keys)
        at_risk = sum(size for size in sizes.values() if size < k)
        # Compare as a ratio, not `at_risk <= int(cap * total)`: 0.29 * 100 is
        # 28.999... in binary floating point and would wrongly allow only 28.
        if at_risk / total <= max_suppression:
            break
        raisable = [q for q in quasi_identifiers if levels[q] < hierarchies[q].levels]
        if not raisable:
            raise KAnonymityError(
                "not_achievable",
                f"{at_risk} of {total} records remain in classes smaller than k={k} "
                f"with every quasi-identifier fully generalised",
            )
        # max() returns the first of equal candidates, so ties go by QI order.
        widest = max(raisable, key=lambda q: columns.distinct(q, levels[q]))
        levels[widest] += 1

    kept = [index for index, key in enumerate(keys) if sizes[key] >= k]
    frequent = {name: _frequent_values(records, kept, name, k) for name in set_fields}
    generalised = [columns.get(q, levels[q]) for q in quasi_identifiers]

    rows: list[dict[str, Any]] = []
    for index in kept:
        record = records[index]
        row: dict[str, Any] = {q: column[index] for q, column in zip(quasi_identifiers, generalised, strict=True)}
        for name in set_fields:
            row[name] = sorted(set(record.get(name) or ()) & frequent[name])
        for name in carry:
            row[name] = record.get(name)
        rows.append(row)

    report = risk_report(rows, quasi_identifiers, total_input=total, k_target=k)
    return AnonymizationResult(rows=rows, kept_indices=kept, report=report, levels=levels)


def remove_records(rows: Sequence[Mapping[str, Any]], quasi_identifiers: Sequence[str], k: int, drop: Iterable[int]) -> list[int]:
    """Indices of ``rows`` to keep once the rows in ``drop`` are taken out.

    Removing people can leave a class with fewer than ``k`` rows; those classes
    are suppressed too, so what remains is still k-anonymous.
    """
    dropped = set(drop)
    remaining = [index for index in range(len(rows)) if index not in dropped]
    sizes = Counter(tuple(rows[index].get(q) for q in quasi_identifiers) for index in remaining)
    return [index for index in remaining if sizes[tuple(rows[index].get(q) for q in quasi_identifiers)] >= k]
