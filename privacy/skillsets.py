"""k^m-anonymity for a set-valued quasi-identifier (skills), vectorised.

Given each released record's equivalence class (from the scalar
quasi-identifiers), make every itemset of 1..m skills that some record of a class
holds be held by at least ``k`` records of that class, by suppressing single skill
values from records (never whole records):

1. a skill held by fewer than ``k`` records of a class is removed from them;
2. for an itemset of 2..m skills held by 1..k-1 records of a class, each of those
   records loses the itemset's skill that is rarest in the class;
3. repeat for the classes that changed until nothing changes (each round removes
   at least one value, so it ends).

Counting is integer keys and ``np.bincount`` (in blocks of classes when the key
space is large), never a Python loop per record. Skills can be released at level
0 (skills) or 1 (families, skill → family → ``*``); ``choose_level`` takes the
level whose repair loses least (suppressed values cost 1, a family its NCP).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from privacy.encoding import SkillColumn

_BLOCK_BINS = 1 << 24


@dataclass(frozen=True)
class SkillRelease:
    level: int
    rows: np.ndarray  # row of each released value
    values: np.ndarray  # vocabulary (level 0) or family (level 1) position
    labels: tuple[str, ...]
    suppressed_values: int
    loss: float
    min_support: int  # smallest positive support of a released itemset (0 if none)

    def per_row(self, n: int) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(n)]
        for row, value in zip(self.rows.tolist(), self.values.tolist(), strict=True):
            out[row].append(self.labels[value])
        return [sorted(items) for items in out]


def _support(keys: np.ndarray, classes_of: np.ndarray, width: int, class_count: int) -> np.ndarray:
    """How many entries share each entry's key (keys are class * width + local)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    if class_count * width <= _BLOCK_BINS:
        return np.bincount(keys, minlength=class_count * width)[keys]
    if width > _BLOCK_BINS:
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        return counts[inverse]
    per_block = max(_BLOCK_BINS // width, 1)
    support = np.empty(len(keys), dtype=np.int64)
    block = classes_of // per_block
    order = np.argsort(block, kind="stable")
    edges = np.searchsorted(block[order], np.arange(0, class_count // per_block + 2))
    for b in range(len(edges) - 1):
        chosen = order[edges[b] : edges[b + 1]]
        if len(chosen) == 0:
            continue
        local = keys[chosen] - b * per_block * width
        support[chosen] = np.bincount(local, minlength=per_block * width)[local]
    return support


def _level_entries(skills: SkillColumn, level: int, row_class: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(row, value) entries of kept rows at ``level``, sorted by row, values distinct per row."""
    counts = np.diff(skills.indptr)
    rows = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    values = skills.items.astype(np.int64)
    width = len(skills.vocabulary)
    if level == 1:
        values = skills.family[values].astype(np.int64)
        width = len(skills.families)
        unique = np.unique(rows * width + values)
        rows, values = np.divmod(unique, width)
    kept = row_class[rows] >= 0
    return rows[kept], values[kept], width


def km_repair(
    skills: SkillColumn, level: int, row_class: np.ndarray, class_count: int, *, k: int, m: int, record_rounds: int = 2
):
    """Entries (row, value) left after the k^m repair at ``level``; ``row_class`` is -1 for suppressed rows.

    First up to ``record_rounds`` rounds take values out of the offending records only;
    whatever still violates is then settled in one pass per itemset size by taking the
    value out of its whole class, which cannot create a new violation (supports of
    itemsets without it are unchanged, those with it become 0).
    """
    rows, values, width = _level_entries(skills, level, row_class)
    alive = np.ones(len(rows), dtype=bool)
    dirty = np.ones(class_count, dtype=bool)
    for _ in range(record_rounds):
        index = np.flatnonzero(alive & dirty[row_class[rows]])
        if len(index) == 0:
            return rows[alive], values[alive], width
        cls = row_class[rows[index]]
        single = _support(cls * width + values[index], cls, width, class_count)
        killed = index[single < k]
        if m >= 2:
            single_of = np.zeros(len(rows), dtype=np.int64)
            single_of[index] = single
            survivors = index[single >= k]
            pairs = _itemset_kills(rows, values, survivors, row_class, single_of, width, class_count, k, m)
            killed = np.concatenate([killed, pairs])
        if len(killed) == 0:
            return rows[alive], values[alive], width
        alive[killed] = False
        dirty[:] = False
        dirty[row_class[rows[killed]]] = True
    for size in range(1, m + 1):
        index = np.flatnonzero(alive & dirty[row_class[rows]])
        if len(index) == 0:
            break
        cls = row_class[rows[index]]
        single = _support(cls * width + values[index], cls, width, class_count)
        if size == 1:
            alive[index[single < k]] = False
            continue
        single_of = np.zeros(len(rows), dtype=np.int64)
        single_of[index] = single
        combo = _combos(rows, index, size)
        if len(combo) == 0:
            break
        combo_class = row_class[rows[combo[:, 0]]]
        span = width**size
        support = _support(combo_class * span + _itemset_keys(values, combo, width), combo_class, span, class_count)
        bad = combo[support < k]
        if len(bad) == 0:
            continue
        rarity = single_of[bad] * (width + 1) - values[bad]
        victims = bad[np.arange(len(bad)), np.argmin(rarity, axis=1)]
        # The victim value leaves its whole class.
        gone = np.unique(row_class[rows[victims]] * width + values[victims])
        alive[index[np.isin(cls * width + values[index], gone)]] = False
    return rows[alive], values[alive], width


def _combos(rows: np.ndarray, entries: np.ndarray, size: int) -> np.ndarray:
    """All ``size``-subsets of each row's entries, as a (P, size) array of entry indices."""
    if len(entries) == 0:
        return np.zeros((0, size), dtype=np.int64)
    r = rows[entries]
    change = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    lengths = np.diff(np.r_[change, len(entries)])
    out = []
    for length in np.unique(lengths):
        if length < size:
            continue
        starts = change[lengths == length]
        matrix = entries[starts[:, None] + np.arange(length)]
        pick = np.array(list(combinations(range(int(length)), size)), dtype=np.int64)
        out.append(matrix[:, pick].reshape(-1, size))
    return np.concatenate(out) if out else np.zeros((0, size), dtype=np.int64)


def _itemset_keys(values: np.ndarray, combo: np.ndarray, width: int) -> np.ndarray:
    local = np.zeros(len(combo), dtype=np.int64)
    for j in range(combo.shape[1]):
        local = local * width + values[combo[:, j]]
    return local


def _itemset_kills(rows, values, entries, row_class, single_of, width, class_count, k, m) -> np.ndarray:
    killed = []
    for size in range(2, m + 1):
        combo = _combos(rows, entries, size)
        if len(combo) == 0:
            break
        cls = row_class[rows[combo[:, 0]]]
        span = width**size
        support = _support(cls * span + _itemset_keys(values, combo, width), cls, span, class_count)
        bad = combo[support < k]
        if len(bad):
            # Each offending record drops the itemset's rarest skill in its class (ties: the later one).
            rarity = single_of[bad] * (width + 1) - values[bad]
            killed.append(bad[np.arange(len(bad)), np.argmin(rarity, axis=1)])
    return np.unique(np.concatenate(killed)) if killed else np.zeros(0, dtype=np.int64)


def _min_support(rows, values, row_class, width, class_count, m) -> int:
    if len(rows) == 0:
        return 0
    entries = np.arange(len(rows))
    cls = row_class[rows]
    smallest = int(_support(cls * width + values, cls, width, class_count).min())
    for size in range(2, m + 1):
        combo = _combos(rows, entries, size)
        if len(combo) == 0:
            break
        c = row_class[rows[combo[:, 0]]]
        span = width**size
        smallest = min(smallest, int(_support(c * span + _itemset_keys(values, combo, width), c, span, class_count).min()))
    return smallest


def _singleton_loss(skills: SkillColumn, row_class: np.ndarray, class_count: int, k: int) -> float:
    """A lower bound of the skill-level loss: the share of values held by fewer than k of their class."""
    rows, values, width = _level_entries(skills, 0, row_class)
    if len(rows) == 0:
        return 0.0
    cls = row_class[rows]
    return float((_support(cls * width + values, cls, width, class_count) < k).mean())


def _family_ncp(skills: SkillColumn) -> np.ndarray:
    sizes = np.bincount(skills.family, minlength=len(skills.families)).astype(np.float64)
    leaves = len(skills.vocabulary)
    return (sizes - 1) / (leaves - 1) if leaves > 1 else np.zeros_like(sizes)


def release_skills(
    skills: SkillColumn, row_class: np.ndarray, class_count: int, *, k: int, m: int, level: int | None = None
) -> SkillRelease:
    """The skills to release under k^m, at ``level`` or (None) at the level that loses least."""
    counts = np.diff(skills.indptr)
    orig_rows = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    kept_original = row_class[orig_rows] >= 0
    total = int(kept_original.sum())
    options = []
    for candidate in (1, 0) if level is None else (level,):
        if candidate == 2:
            continue
        if candidate == 0 and options and _singleton_loss(skills, row_class, class_count, k) >= options[0].loss:
            continue  # taking out the values under k alone already loses more than families do
        rows, values, width = km_repair(skills, candidate, row_class, class_count, k=k, m=m)
        min_support = 0
        if candidate == 0:
            lost = total - len(rows)
            loss = lost / total if total else 0.0
            suppressed = lost
        else:
            present = np.zeros(len(counts) * width, dtype=bool)
            present[rows * width + values] = True
            fam = skills.family[skills.items].astype(np.int64)
            hit = present[orig_rows * width + fam] & kept_original
            ncp = _family_ncp(skills)
            loss = (float(ncp[fam[hit]].sum()) + float((kept_original & ~hit).sum())) / total if total else 0.0
            suppressed = int((kept_original & ~hit).sum())
        labels = skills.vocabulary if candidate == 0 else skills.families
        options.append(SkillRelease(candidate, rows, values, labels, suppressed, loss, min_support))
    if level == 2 or (level is None and not options):
        empty = np.zeros(0, dtype=np.int64)
        return SkillRelease(2, empty, empty, (), total, 1.0 if total else 0.0, 0)
    best = min(options, key=lambda option: (option.loss, option.level))
    if level is None and total and best.loss >= 1.0:
        empty = np.zeros(0, dtype=np.int64)
        return SkillRelease(2, empty, empty, (), total, 1.0, 0)
    width = len(best.labels)
    smallest = _min_support(best.rows, best.values, row_class, width, class_count, m)
    return SkillRelease(best.level, best.rows, best.values, best.labels, best.suppressed_values, best.loss, smallest)
