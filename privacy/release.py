"""Generalise records to k-anonymity on scalar quasi-identifiers and k^m on skills.

This is the engine's public entry point (``generalise_records``), used by the
record builds, by talent search's candidate cards and by anyone else who must
release people's records. Two techniques:

- ``full-domain``: every quasi-identifier at one hierarchy level, the level
  vector of least loss found by an optimal lattice search (``privacy.fulldomain``),
  records in classes under ``k`` (or under ``l`` distinct sensitive values)
  suppressed within the cap;
- ``mondrian``: multidimensional local recoding (``privacy.mondrian``), classes
  of k..2k-1 records where the data allow, released as ranges and sets.

Then skills (a set-valued quasi-identifier) are made k^m-anonymous inside every
released class by suppressing single skill values (``privacy.skillsets``), at the
level (skill or family) that loses least. Values outside the shipped vocabulary
never get this far (``privacy.vocabulary``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from privacy import fulldomain, mondrian
from privacy.encoding import EncodedColumn, SkillColumn, encode_skills, encode_values
from privacy.hierarchies import HIERARCHIES, SUPPRESSED, Hierarchy
from privacy.skillsets import SkillRelease, release_skills
from privacy.vocabulary import FAMILIES, SKILL_FAMILY, SKILLS, vocabulary_record

TECHNIQUES = ("full-domain", "mondrian")
MAX_M = 4


class PrivacyModelError(ValueError):
    """The privacy model cannot be applied; ``code`` is stable, ``params`` fill the caller's message."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class PrivacyModel:
    """What a release must satisfy and how it is searched for.

    ``k``: smallest class; ``m``: skills an attacker may know (k^m); ``max_suppression``:
    share of records that may be suppressed (0..0.2); ``loss``: "dm" or "gcp";
    ``sensitive``/``l``: optional distinct l-diversity on a non-quasi-identifier field.
    """

    k: int = 5
    m: int = 2
    max_suppression: float = 0.05
    technique: str = "full-domain"
    loss: str = "dm"
    sensitive: str | None = None
    l: int = 1  # noqa: E741

    def validate(self) -> None:
        if self.k < 2:
            raise PrivacyModelError("k_too_small", f"k must be at least 2, got {self.k}", k=self.k)
        if not 1 <= self.m <= MAX_M:
            raise PrivacyModelError("m_out_of_range", f"m must be within 1..{MAX_M}, got {self.m}", m=self.m)
        if not 0 <= self.max_suppression <= 0.2:
            raise PrivacyModelError("suppression_out_of_range", "the suppression cap must be within 0..20%")
        if self.technique not in TECHNIQUES:
            raise PrivacyModelError("unknown_technique", f"technique must be one of {', '.join(TECHNIQUES)}")
        if self.loss not in fulldomain.LOSSES:
            raise PrivacyModelError("unknown_loss", f"loss must be one of {', '.join(fulldomain.LOSSES)}")
        if self.l < 1 or (self.l > 1 and not self.sensitive):
            raise PrivacyModelError("bad_l", "l-diversity needs l >= 1 and a sensitive attribute")


@dataclass(frozen=True)
class EncodedTable:
    """Integer-coded input: scalar quasi-identifiers, optional skills and sensitive codes."""

    columns: tuple[EncodedColumn, ...]
    n: int
    skills: SkillColumn | None = None
    sensitive: np.ndarray | None = None


@dataclass
class TableRelease:
    """A release in codes: which rows are kept, each row's released cells, skills and the report."""

    kept: np.ndarray
    row_class: np.ndarray
    # Per quasi-identifier: each row's released cell as a code into its label table
    # (kept rows only meaningful); the text is looked up only for the rows written out.
    cells: list[tuple[np.ndarray, tuple[str, ...]]]
    skills: SkillRelease | None
    levels: dict[str, int]
    report: dict[str, Any]
    search: dict[str, Any] = field(default_factory=dict)
    # Wall-clock seconds of each phase ("classes": search or partition, "skills", "report").
    seconds: dict[str, float] = field(default_factory=dict)

    def cell_texts(self, position: int, rows: np.ndarray) -> list[str]:
        """The released text of quasi-identifier ``position`` for ``rows``."""
        codes, labels = self.cells[position]
        return np.asarray(labels, dtype=object)[codes[rows]].tolist()


@dataclass(frozen=True)
class Release:
    """Released rows, which input records they came from, and the privacy report."""

    rows: list[dict[str, Any]]
    kept_indices: list[int]
    report: dict[str, Any]
    levels: dict[str, int]


def _row_classes(
    table: EncodedTable, levels: Sequence[int], model: PrivacyModel, cells: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's class at ``levels`` and which rows are released (class big and diverse enough).

    ``cells``: each quasi-identifier's code at its level for every row (the released cells).
    """
    total = 1
    splitting = []
    for column, level, codes in zip(table.columns, levels, cells, strict=True):
        if column.radix(level) > 1:  # a column all "*" splits no class
            splitting.append((column.radix(level), codes))
            total *= column.radix(level)
    key = np.zeros(table.n, dtype=np.int32 if total < 1 << 31 else np.int64)
    for radix, codes in splitting:
        key *= radix
        key += codes
    return _classes_of_keys(key, table, model, total)


def _classes_of_keys(
    key: np.ndarray, table: EncodedTable, model: PrivacyModel, total: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    if total is not None and total <= max(8 * len(key), 1 << 16) and model.l <= 1:
        # Classes numbered in key order, as np.unique would, by one bincount instead of a sort; a
        # key's class read off a table over the key space (-1 for a class under k).
        counts = np.bincount(key, minlength=total)
        ok = counts >= model.k
        number = np.where(ok, np.cumsum(ok) - 1, -1)
        row_class = number[key]
        return row_class, row_class >= 0
    if total is not None and total <= max(8 * len(key), 1 << 16):
        present = np.bincount(key, minlength=total) > 0
        number = np.cumsum(present) - 1
        inverse = number[key]
    else:
        inverse = np.unique(key, return_inverse=True)[1].reshape(-1)
    sizes = np.bincount(inverse)
    ok = sizes >= model.k
    if model.l > 1 and table.sensitive is not None:
        radix = int(table.sensitive.max()) + 1
        pairs = np.unique(inverse.astype(np.int64) * radix + table.sensitive)
        distinct = np.bincount(pairs // radix, minlength=len(sizes))
        ok &= distinct >= model.l
    kept = ok[inverse]
    renumber = np.full(len(sizes), -1, dtype=np.int64)
    renumber[ok] = np.arange(int(ok.sum()))
    return renumber[inverse], kept


def _cap(model: PrivacyModel, n: int) -> int:
    # Compare in integers: 0.29 * 100 is 28.999... in binary floating point.
    return int(round(model.max_suppression * 1_000_000)) * n // 1_000_000


def anonymise_table(table: EncodedTable, model: PrivacyModel) -> TableRelease:
    """Release an integer-coded table under ``model`` (see the module docstring)."""
    model.validate()
    if table.n < model.k:
        raise PrivacyModelError("pool_too_small", f"{table.n} records cannot form a class of {model.k}", n=table.n, k=model.k)
    if model.l > 1:
        distinct = len(np.unique(table.sensitive)) if table.sensitive is not None else 0
        if model.l > distinct:
            raise PrivacyModelError(
                "l_too_large", f"l={model.l} exceeds the {distinct} distinct values", l=model.l, distinct=distinct
            )
    search: dict[str, Any] = {}
    cover = None
    started = time.perf_counter()
    if model.technique == "full-domain":
        judge = fulldomain.NodeJudge(
            table.columns,
            k=model.k,
            cap=_cap(model, table.n),
            loss=model.loss,
            sensitive=table.sensitive if model.l > 1 else None,
            l=model.l,
        )
        found = fulldomain.search(judge)
        if found is None:
            raise PrivacyModelError("not_achievable", "no generalisation meets the model within the suppression cap")
        levels = dict(zip((c.name for c in table.columns), found.levels, strict=True))
        cells = [
            (column.up[level][column.codes], column.labels[level])
            for column, level in zip(table.columns, found.levels, strict=True)
        ]
        row_class, kept = _row_classes(table, found.levels, model, [codes for codes, _ in cells])
        search = {"nodes": judge.stats.nodes, "evaluated": judge.stats.evaluated, "rows_grouped": judge.stats.rows_grouped}
        if len(kept) and not kept.any():
            raise PrivacyModelError("not_achievable", "no generalisation meets the model within the suppression cap")
    else:
        partition = mondrian.partition(table.columns, k=model.k, sensitive=table.sensitive if model.l > 1 else None, l=model.l)
        cells = list(zip(partition.label_codes, partition.label_tables, strict=True))
        key = np.unique(np.array(partition.label_codes, dtype=np.int64).T, axis=0, return_inverse=True)[1].reshape(-1)
        row_class, kept = _classes_of_keys(key, table, model)
        if int((~kept).sum()) > _cap(model, table.n):
            raise PrivacyModelError("not_achievable", "no partition meets the model within the suppression cap")
        levels = {}
        cover = partition.cover
        search = {"partitions": partition.count}
    class_count = int(row_class.max()) + 1 if len(row_class) and row_class.max() >= 0 else 0
    classified = time.perf_counter()
    skills = None
    if table.skills is not None:
        skills = release_skills(table.skills, row_class, class_count, k=model.k, m=model.m)
    repaired = time.perf_counter()
    report = utility_report(table, model, row_class, kept, cells, levels, skills, cover)
    report["search"] = search
    seconds = {"classes": classified - started, "skills": repaired - classified, "report": time.perf_counter() - repaired}
    return TableRelease(kept, row_class, cells, skills, levels, report, search, seconds)


def utility_report(table, model, row_class, kept, cells, levels, skills, cover=None) -> dict[str, Any]:
    """DM, C_avg, GCP, per-attribute level and share of "*", suppression and prosecutor risk."""
    n = table.n
    released = int(kept.sum())
    suppressed = n - released
    kept_rows = np.flatnonzero(kept)
    kept_class = row_class[kept_rows]
    sizes = np.bincount(kept_class) if released else np.zeros(0, dtype=np.int64)
    classes = len(sizes)
    dm = int((sizes.astype(np.int64) ** 2).sum()) + n * suppressed
    # Every row of a class shows the same cells (a class is one value of every quasi-identifier), so
    # what the kept rows show is counted over one row a class, weighted by its size.
    first = np.zeros(classes, dtype=np.int64)
    first[kept_class[::-1]] = kept_rows[::-1]
    attributes: dict[str, dict[str, Any]] = {}
    penalty = 0.0
    for position, (column, (codes, labels)) in enumerate(zip(table.columns, cells, strict=True)):
        # How many kept rows show each label: the "*" share and the NCP come from these counts.
        shown = np.bincount(codes[first], weights=sizes, minlength=len(labels)).astype(np.int64)
        star = float(sum(int(shown[i]) for i, label in enumerate(labels) if label == SUPPRESSED)) / released if released else 0.0
        level = levels.get(column.name)
        if level is not None:
            ncp = float(shown @ column.ncp[level]) / released if released else 0.0
        else:
            ncp = _column_ncp(column, kept, None if cover is None else cover[position])
        penalty += ncp * released
        attributes[column.name] = {
            "level": levels.get(column.name),
            "star_share": round(star, 6),
            "ncp": round(ncp, 6),
        }
    q = max(len(table.columns), 1)
    gcp = (penalty + suppressed * len(table.columns)) / (q * n) if n else 0.0
    smallest = int(sizes.min()) if classes else 0
    report: dict[str, Any] = {
        "technique": model.technique,
        "loss": model.loss,
        "k_target": model.k,
        "m": model.m,
        "l": model.l,
        "sensitive": model.sensitive,
        "max_suppression": model.max_suppression,
        "input_records": n,
        "released_records": released,
        "suppressed": suppressed,
        "suppression_rate": round(suppressed / n, 6) if n else 0.0,
        "class_count": classes,
        "k_achieved": smallest,
        "dm": dm,
        "c_avg": round(released / classes / model.k, 4) if classes else 0.0,
        "gcp": round(gcp, 6),
        "attributes": attributes,
        # A prosecutor who knows their target is in the release picks them with probability 1/|class|.
        "highest_prosecutor_risk": round(1 / smallest, 6) if smallest else 0.0,
        "average_prosecutor_risk": round(classes / released, 6) if released else 0.0,
    }
    if skills is not None:
        worst = min(smallest, skills.min_support) if skills.min_support else smallest
        report["skills"] = {
            "level": skills.level,
            "level_name": ("skill", "family", "*")[skills.level],
            "released_values": skills.released_values,
            "suppressed_values": skills.suppressed_values,
            "loss": round(skills.loss, 6),
            "smallest_itemset_support": skills.min_support,
            # Knowing the scalar quasi-identifiers and up to m skills narrows a target to this many at least.
            "highest_prosecutor_risk_with_skills": round(1 / worst, 6) if worst else 0.0,
        }
    return report


def _column_ncp(column: EncodedColumn, kept: np.ndarray, cover: np.ndarray | None) -> float:
    if not kept.any():
        return 0.0
    # Local recoding: a released cell covers the leaves its label names (a range or a set).
    leaves = len(column.labels[0])
    if leaves <= 1 or cover is None:
        return 0.0
    return float(((cover[kept] - 1) / (leaves - 1)).mean())


def encode_records(
    records: Sequence[Mapping[str, Any]],
    *,
    quasi_identifiers: Sequence[str],
    set_field: str | None = "skills",
    sensitive: str | None = None,
    hierarchies: Mapping[str, Hierarchy] = HIERARCHIES,
) -> EncodedTable:
    """Integer-code records after dropping every value outside the vocabularies."""
    unknown = [q for q in quasi_identifiers if q not in hierarchies]
    if unknown:
        raise PrivacyModelError("unknown_quasi_identifier", f"no hierarchy for {', '.join(unknown)}", fields=unknown)
    cleaned = [vocabulary_record(record, set_fields=(set_field,) if set_field else ()) for record in records]
    columns = tuple(encode_values(q, hierarchies[q], [record.get(q) for record in cleaned]) for q in quasi_identifiers)
    skills = None
    if set_field:
        skills = encode_skills(
            set_field,
            [record.get(set_field) or [] for record in cleaned],
            vocabulary=SKILLS,
            family_of=SKILL_FAMILY,
            families=FAMILIES,
        )
    codes = None
    if sensitive:
        position: dict[Any, int] = {}
        codes = np.array([position.setdefault(record.get(sensitive), len(position)) for record in cleaned], dtype=np.int32)
    return EncodedTable(columns=columns, n=len(records), skills=skills, sensitive=codes)


def generalise_records(
    records: Sequence[Mapping[str, Any]],
    *,
    quasi_identifiers: Sequence[str],
    model: PrivacyModel = PrivacyModel(),
    set_field: str | None = "skills",
    carry: Sequence[str] = (),
    hierarchies: Mapping[str, Hierarchy] = HIERARCHIES,
) -> Release:
    """Generalise ``records`` to k-anonymity on ``quasi_identifiers`` and k^m on ``set_field``.

    The public function for anyone releasing people's records (record products,
    talent search's candidate cards). Each released row holds the generalised
    quasi-identifiers, the k^m-safe skills (``set_field``, a sorted list of
    vocabulary skill or family ids) and the ``carry`` fields copied unchanged (they
    must not identify anyone; ``model.sensitive`` is carried automatically). Any
    other key of the input (name, phone, ...) is never copied. ``kept_indices``
    says which input record each row came from; ``report`` is the privacy report.

    Raises ``PrivacyModelError`` with a stable ``code``: ``k_too_small``,
    ``m_out_of_range``, ``suppression_out_of_range``, ``l_too_large``, ``bad_l``,
    ``pool_too_small``, ``not_achievable``, ``unknown_quasi_identifier``,
    ``unknown_technique``, ``unknown_loss``, ``field_repeated``.
    """
    model.validate()
    carried = [*carry, *([model.sensitive] if model.sensitive and model.sensitive not in carry else [])]
    named = [*quasi_identifiers, *([set_field] if set_field else []), *carried]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        # Carrying a quasi-identifier would release its raw value beside the generalised one.
        raise PrivacyModelError("field_repeated", f"fields named twice: {', '.join(repeated)}", fields=repeated)
    table = encode_records(
        records, quasi_identifiers=quasi_identifiers, set_field=set_field, sensitive=model.sensitive, hierarchies=hierarchies
    )
    result = anonymise_table(table, model)
    kept = np.flatnonzero(result.kept).tolist()
    skills = result.skills.per_row(table.n) if result.skills is not None else None
    texts = [result.cell_texts(position, np.asarray(kept, dtype=np.int64)) for position in range(len(quasi_identifiers))]
    rows: list[dict[str, Any]] = []
    for number, index in enumerate(kept):
        row: dict[str, Any] = {q: texts[position][number] for position, q in enumerate(quasi_identifiers)}
        if set_field:
            row[set_field] = skills[index] if skills is not None else []
        for name in carried:
            row[name] = records[index].get(name)
        rows.append(row)
    return Release(rows=rows, kept_indices=kept, report=result.report, levels=result.levels)


def records_without(
    rows: Sequence[Mapping[str, Any]],
    *,
    quasi_identifiers: Sequence[str],
    k: int,
    m: int,
    drop: Sequence[int] | set[int],
    set_field: str | None = "skills",
) -> tuple[list[int], dict[int, list[str]]]:
    """Rows of a released table that stay once ``drop`` is taken out (a buyer's blocked people).

    Classes that fall under ``k`` go too, and skills are repaired again for k^m
    (removing people lowers itemset supports). Returns the kept row indices and,
    when ``set_field`` is given, each kept row's skills.
    """
    from collections import Counter
    from itertools import combinations

    dropped = set(drop)
    remaining = [index for index in range(len(rows)) if index not in dropped]
    key_of = {index: tuple(rows[index].get(q) for q in quasi_identifiers) for index in remaining}
    sizes = Counter(key_of.values())
    kept = [index for index in remaining if sizes[key_of[index]] >= k]
    skills: dict[int, list[str]] = {}
    if not set_field:
        return kept, skills
    for index in kept:
        value = rows[index].get(set_field) or []
        skills[index] = sorted({item for item in (value.split(";") if isinstance(value, str) else value) if item})
    by_class: dict[tuple, list[int]] = {}
    for index in kept:
        by_class.setdefault(key_of[index], []).append(index)
    for members in by_class.values():
        while True:
            support: Counter[tuple[str, ...]] = Counter()
            for index in members:
                for size in range(1, min(m, len(skills[index])) + 1):
                    support.update(combinations(skills[index], size))
            bad = [itemset for itemset, count in support.items() if count < k]
            if not bad:
                break
            for itemset in bad:
                # Drop the itemset's rarest skill from the records holding it (ties: the later one).
                victim = min(itemset, key=lambda item: (support[(item,)], [-ord(c) for c in item]))
                for index in members:
                    if set(itemset) <= set(skills[index]):
                        skills[index] = [item for item in skills[index] if item != victim]
    return kept, skills
