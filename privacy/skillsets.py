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
    rows: np.ndarray  # row of each released value; with ``masks``, each row that keeps any, once
    values: np.ndarray | None  # vocabulary (level 0) or family (level 1) position of each (None with ``masks``)
    labels: tuple[str, ...]
    suppressed_values: int
    loss: float
    min_support: int  # smallest positive support of a released itemset (0 if none)
    # With few values (families): each of ``rows``' released values as one bit mask, as the repair
    # leaves them (listing them value by value would cost more than anything reads them).
    masks: np.ndarray | None = None

    @property
    def released_values(self) -> int:
        if self.masks is None:
            return len(self.rows)
        return int(_popcounts(len(self.labels))[self.masks].sum())

    def per_row(self, n: int) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(n)]
        if self.masks is not None:
            # One sorted list of labels per distinct mask, copied to each row that holds it.
            distinct, inverse = np.unique(self.masks, return_inverse=True)
            words = [sorted(label for b, label in enumerate(self.labels) if mask >> b & 1) for mask in distinct.tolist()]
            for row, index in zip(self.rows.tolist(), inverse.tolist(), strict=True):
                out[row] = list(words[index])
            return out
        for row, value in zip(self.rows.tolist(), self.values.tolist(), strict=True):
            out[row].append(self.labels[value])
        return [sorted(items) for items in out]


def _repeated(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``np.repeat(values, lengths)`` for integer values, in a few passes.

    numpy's repeat copies each value once per copy (a call per entry); here each value's
    difference from the one before is written at its first entry and the differences are
    summed up (exact in integers: every partial sum is one of the values). Measured at
    100,000 people: 0.86 -> 0.46 ms for a value per skill held.
    """
    if len(values) < 4096:
        return np.repeat(values, lengths)  # a few calls cost more than the copies they save
    ends = np.cumsum(lengths)
    out = np.zeros(int(ends[-1]), dtype=values.dtype)
    if len(out) == 0:
        return out
    filled = lengths > 0
    first = values[filled]
    out[(ends - lengths)[filled]] = np.diff(first, prepend=first.dtype.type(0))
    return np.cumsum(out, dtype=out.dtype, out=out)


def _popcounts(width: int) -> np.ndarray:
    """How many bits each mask of ``width`` bits has set."""
    every = np.arange(1 << width, dtype=np.int64)
    return ((every[:, None] >> np.arange(width)[None, :]) & 1).sum(axis=1)


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
    rows = _repeated(np.arange(len(counts), dtype=np.int64), counts)
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
    skills: SkillColumn,
    level: int,
    row_class: np.ndarray,
    class_count: int,
    *,
    k: int,
    m: int,
    record_rounds: int = 2,
    give_up: float | None = None,
    table: np.ndarray | None = None,
):
    """Entries (row, value) left after the k^m repair at ``level``; ``row_class`` is -1 for suppressed rows.

    None when ``give_up`` is given and the share of values lost must reach it (the
    caller has something better already). ``table``: ``_value_table`` at ``level`` if the
    caller has it.
    """
    width = len(skills.vocabulary) if level == 0 else len(skills.families)
    if width <= _ZETA_WIDTH:
        rows, masks, _, width, _ = _repair_zeta(skills, level, row_class, class_count, k, m, record_rounds)
        return (*_masks_to_entries(rows, masks, width), width)
    if m <= 2:
        return _repair_pairs(skills, level, row_class, class_count, k, m, record_rounds, give_up, table)
    return _km_repair_any(skills, level, row_class, class_count, k=k, m=m, record_rounds=record_rounds)


def _km_repair_any(
    skills: SkillColumn, level: int, row_class: np.ndarray, class_count: int, *, k: int, m: int, record_rounds: int = 2
):
    """The general repair (any width, any m).

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
    total = int(counts[row_class >= 0].sum())
    empty = np.zeros(0, dtype=np.int64)
    if level == 2 or total == 0:
        return SkillRelease(2, empty, empty, (), total, 1.0 if total else 0.0, 0)
    options = []
    # Each class's count of each skill, when both levels are tried the pair way and by families'
    # superset sums: the skill level's repair starts from it and the family loss reads it.
    values = None
    if level is None and m <= 2 and len(skills.vocabulary) > _ZETA_WIDTH >= len(skills.families):
        values = _value_table(skills.indptr, skills.items, len(skills.vocabulary), row_class, class_count)
    for candidate in (1, 0) if level is None else (level,):
        width = len(skills.vocabulary) if candidate == 0 else len(skills.families)
        if candidate == 1 and width <= _ZETA_WIDTH:
            options.append(_family_release(skills, row_class, class_count, k, m, total, values))
            continue
        give_up = options[0].loss if options else None
        repaired = km_repair(skills, candidate, row_class, class_count, k=k, m=m, give_up=give_up, table=values)
        if repaired is None:
            continue
        rows, values, width = repaired
        if candidate == 0:
            suppressed = total - len(rows)
            loss = suppressed / total
        else:
            masks = np.zeros(len(counts), dtype=np.int64)
            np.bitwise_or.at(masks, rows, np.left_shift(1, values))
            loss, suppressed = _family_loss(skills, row_class, masks, total)
        labels = skills.vocabulary if candidate == 0 else skills.families
        smallest = _min_support(rows, values, row_class, width, class_count, m)
        options.append(SkillRelease(candidate, rows, values, labels, suppressed, loss, smallest))
    if not options:
        return SkillRelease(2, empty, empty, (), total, 1.0, 0)
    best = min(options, key=lambda option: (option.loss, option.level))
    if level is None and best.loss >= 1.0:
        return SkillRelease(2, empty, empty, (), total, 1.0, 0)
    return best


def _family_loss(skills: SkillColumn, row_class: np.ndarray, masks: np.ndarray, total: int) -> tuple[float, int]:
    """Loss of releasing families: a skill whose family is released costs its family's NCP, one left out 1."""
    counts = np.diff(skills.indptr)
    released = row_class >= 0
    # Per row, then per entry: whether the entry's family is among those its row releases
    # (a suppressed row releases none), summed per family by one bincount.
    masks = np.where(released, masks, 0)
    family = skills.family[skills.items]
    hit = (_repeated(masks, counts) >> family) & 1
    hits = np.bincount(family, weights=hit, minlength=len(skills.families))
    lost = int(counts[released].sum()) - int(round(float(hits.sum())))
    return (float((hits * _family_ncp(skills)).sum()) + lost) / total, lost


def _entries_of(indptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions in CSR arrays (``indptr``) of the entries of ``rows``, row by row."""
    lengths = indptr[rows + 1] - indptr[rows]
    ends = np.cumsum(lengths)
    return _repeated(indptr[rows] - (ends - lengths), lengths) + np.arange(int(ends[-1]) if len(ends) else 0)


def _family_loss_changed(skills, row_class, rows, before, after, total, values=None) -> tuple[float, int]:
    """``_family_loss`` of a repair that took ``rows``' family masks from ``before`` to ``after``.

    Every skill of a released record counts its family's NCP unless the repair took its family
    away, so only the records the repair changed are read entry by entry (and the suppressed
    records, to take theirs out of the totals).
    """
    width = len(skills.families)
    family = skills.family
    if values is not None:
        # Per family, the skills released records hold: each class's count of each skill, summed.
        held = np.bincount(family, weights=values.sum(axis=0), minlength=width).astype(np.int64)
    else:
        # Per family, the skills held: counted per vocabulary value first (no per-entry lookup), then summed.
        held = np.bincount(family, weights=np.bincount(skills.items, minlength=len(family)), minlength=width).astype(np.int64)
        suppressed = _entries_of(skills.indptr, np.flatnonzero(row_class < 0))
        held -= np.bincount(family[skills.items[suppressed]], minlength=width)
    changed = np.flatnonzero(before != after)
    entries = _entries_of(skills.indptr, rows[changed])
    entry_family = family[skills.items[entries]]
    kept = _repeated(after[changed], np.diff(skills.indptr)[rows[changed]])
    dropped = np.bincount(entry_family[((kept >> entry_family) & 1) == 0], minlength=width)
    hits = (held - dropped).astype(np.float64)
    lost = int(dropped.sum())
    return (float((hits * _family_ncp(skills)).sum()) + lost) / total, lost


def _family_release(skills, row_class, class_count, k, m, total, values=None) -> SkillRelease:
    rows, masks, smallest, width, before = _repair_zeta(skills, 1, row_class, class_count, k, m, 2)
    loss, lost = _family_loss_changed(skills, row_class, rows, before, masks, total, values)
    keep = masks != 0
    return SkillRelease(1, rows[keep], None, skills.families, lost, loss, smallest, masks=masks[keep])


# -- fast paths ------------------------------------------------------------------------------
#
# Classes are independent, so every path works on blocks of whole classes. A record's
# values at a level are one bit mask; with few values (families) the support of every
# itemset in every class comes from one superset-sum (zeta) transform of the class ×
# mask count table, and the values each record loses from one subset-OR transform.

_ZETA_WIDTH = 12
_ZETA_CELLS = 1 << 23


def _row_masks(skills: SkillColumn, level: int) -> tuple[np.ndarray, int]:
    """Each row's values at ``level`` as one int64 bit mask (``width`` <= 63)."""
    counts = np.diff(skills.indptr)
    width = len(skills.vocabulary) if level == 0 else len(skills.families)
    bit = np.left_shift(1, np.arange(len(skills.vocabulary), dtype=np.int64) if level == 0 else skills.family.astype(np.int64))
    # The narrowest integer that holds the masks: the OR runs over every entry, so its width counts.
    narrow = next(dtype for dtype in (np.int16, np.int32, np.int64) if width < np.iinfo(dtype).bits)
    filled = counts > 0
    if filled.all():  # every row holds a value: one reduction a row, no rows to pick
        return np.bitwise_or.reduceat(bit.astype(narrow)[skills.items], skills.indptr[:-1]).astype(np.int64), width
    masks = np.zeros(len(counts), dtype=np.int64)
    if filled.any():
        masks[filled] = np.bitwise_or.reduceat(bit.astype(narrow)[skills.items], skills.indptr[:-1][filled])
    return masks, width


def _itemsets(width: int, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every itemset of 1..m of ``width`` values as a mask, its size, and its items (padded with ``width``)."""
    masks, sizes, items = [], [], []
    for size in range(1, min(m, width) + 1):
        for combo in combinations(range(width), size):
            masks.append(sum(1 << i for i in combo))
            sizes.append(size)
            items.append([*combo, *[width] * (m - size)])
    return np.array(masks, dtype=np.int64), np.array(sizes, dtype=np.int64), np.array(items, dtype=np.int64).reshape(-1, m)


def _superset_sums(local: np.ndarray, masks: np.ndarray, classes: int, width: int) -> np.ndarray:
    """Per itemset (mask) and class, the records of the class holding it: a (2^width, classes) table."""
    size = 1 << width
    # A support is at most its class's records: 16 bits hold them below 32,768 (the table, read and
    # written once a bit, is then half the size). Counted by a sort of the records' keys and written
    # into the table, not by a count over the whole table in 64 bits (eight times the table's
    # bytes, written and cast, where most cells stay empty).
    narrow = np.int16 if np.bincount(local, minlength=classes).max(initial=0) < 1 << 15 else np.int32
    wide = np.int32 if classes * size < 1 << 31 else np.int64
    cells, counts = np.unique((masks * classes + local).astype(wide), return_counts=True)
    table = np.zeros(classes * size, dtype=narrow)
    table[cells] = counts
    table = table.reshape(size, classes)
    for bit in range(width):
        view = table.reshape(size >> (bit + 1), 2, (1 << bit) * classes)
        view[:, 0] += view[:, 1]
    return table


def _itemset_supports(local: np.ndarray, masks: np.ndarray, classes: int, width: int, itemsets) -> np.ndarray:
    """Per itemset of 1..m (in ``itemsets`` order, singletons first) and class, the records holding it."""
    return _superset_sums(local, masks, classes, width)[itemsets[0]]


def _containment(width: int, itemsets) -> np.ndarray:
    """``contains[mask, j]``: whether a record with ``mask`` holds itemset j."""
    every = np.arange(1 << width, dtype=np.int64)[:, None]
    return (every & itemsets[0][None, :]) == itemsets[0][None, :]


def _supports_after(held: np.ndarray, local: np.ndarray, old: np.ndarray, new: np.ndarray, contains: np.ndarray) -> None:
    """Take out of ``held`` (in place) the itemsets records stopped holding when their masks went from old to new.

    Only the records that changed are counted: a small share of them, where a new
    superset sum would go over the whole class × mask table again.
    """
    changed = np.flatnonzero(old != new)
    if len(changed) == 0:
        return
    lost = contains[old[changed]] & ~contains[new[changed]]
    record, itemset = np.divmod(np.flatnonzero(lost), lost.shape[1])  # flat: several times faster than 2-D nonzero
    classes = held.shape[1]
    held -= np.bincount(itemset * classes + local[changed][record], minlength=held.size).reshape(held.shape).astype(held.dtype)


def _victims(held: np.ndarray, itemsets, width: int, k: int, only_size: int | None = None) -> np.ndarray:
    """Per itemset of 1..m and class: the bit of the value an offending record drops (0 if none offends).

    ``held`` is ``_itemset_supports``: per itemset and class, the records holding it.
    """
    masks, sizes, items = itemsets
    bad = (held > 0) & (held < k)
    if only_size is not None:
        bad &= (sizes == only_size)[:, None]
    single = held[:width].astype(np.int64)
    # Rarest in the class first; ties: the later value (as the record-level pass elsewhere). Padding
    # (``width``) is never the rarest.
    rarity = np.concatenate(
        [single * (width + 1) - np.arange(width)[:, None], np.full((1, single.shape[1]), np.iinfo(np.int64).max)]
    )
    # The rarest item of each itemset, column by column (the first of equals, as argmin would).
    victim = np.broadcast_to(items[:, :1], (len(items), single.shape[1]))
    rarest = rarity[items[:, 0]]
    for j in range(1, items.shape[1]):
        here = rarity[items[:, j]]
        rarer = here < rarest
        victim = np.where(rarer, items[:, j : j + 1], victim)
        rarest = np.where(rarer, here, rarest)
    return np.where(bad, np.left_shift(1, np.minimum(victim, width - 1)), 0).astype(np.int64)


def _repair_block_zeta(local, masks, classes, width, k, m, itemsets, record_rounds):
    """One block's masks after the repair, and the smallest positive support of an itemset of 1..m left."""
    size = 1 << width
    held = _itemset_supports(local, masks, classes, width, itemsets)
    contains = _containment(width, itemsets)
    for _ in range(record_rounds):
        drop = np.zeros((size, classes), dtype=np.int16 if width < 16 else np.int64)
        drop[itemsets[0]] = _victims(held, itemsets, width, k)
        if not drop.any():
            break
        # A record loses the victim of every offending itemset it holds: OR over subsets of its mask.
        for bit in range(width):
            view = drop.reshape(size >> (bit + 1), 2, (1 << bit) * classes)
            view[:, 1] |= view[:, 0]
        new = masks & ~drop.reshape(-1)[masks * classes + local]
        _supports_after(held, local, masks, new, contains)
        masks = new
    for itemset_size in range(1, m + 1):
        gone = np.bitwise_or.reduce(_victims(held, itemsets, width, k, only_size=itemset_size), axis=0)
        if gone.any():
            # The value leaves its whole class: supports of itemsets without it stay, with it become 0.
            new = masks & ~gone[local]
            _supports_after(held, local, masks, new, contains)
            masks = new
    positive = held[held > 0]
    return masks, int(positive.min()) if len(positive) else 0


def _class_blocks(cls: np.ndarray, class_count: int, per_block: int):
    if class_count <= per_block:
        yield 0, class_count, np.arange(len(cls))
        return
    block = cls // per_block
    blocks = int(block.max()) + 1 if len(block) else 1
    # Few blocks: a stable radix sort of small integers.
    order = np.argsort(block.astype(np.int16) if blocks < 1 << 15 else block, kind="stable")
    edges = np.searchsorted(block[order], np.arange(0, blocks + 1))
    for b in range(len(edges) - 1):
        yield b * per_block, min((b + 1) * per_block, class_count), order[edges[b] : edges[b + 1]]


def _masks_to_entries(rows: np.ndarray, masks: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, value) entries of rows' masks, sorted by row then value."""
    if width <= _ZETA_WIDTH:
        every = np.arange(1 << width, dtype=np.int64)
        held = (every[:, None] >> np.arange(width)[None, :]) & 1
        popcount = held.sum(axis=1)
        flat = np.nonzero(held)[1].astype(np.int64)
        offset = np.r_[0, np.cumsum(popcount)[:-1]]
        lengths = popcount[masks]
        out_rows = _repeated(rows, lengths)
        starts = np.cumsum(lengths) - lengths
        # Entry i of a row is its mask's (i - start)th value: flat[offset + i - start].
        return out_rows, flat[_repeated(offset[masks] - starts, lengths) + np.arange(len(out_rows))]
    bits = ((masks[:, None] >> np.arange(width, dtype=np.int64)[None, :]) & 1).astype(bool)
    where_row, where_value = np.nonzero(bits)
    return rows[where_row], where_value.astype(np.int64)


def _repair_zeta(skills, level, row_class, class_count, k, m, record_rounds):
    """(rows holding a value, their masks after the repair, smallest support left, width, their masks before)."""
    masks, width = _row_masks(skills, level)
    rows = np.flatnonzero((row_class >= 0) & (masks != 0))
    cls = row_class[rows]
    masks = masks[rows]
    itemsets = _itemsets(width, m)
    per_block = max(_ZETA_CELLS >> width, 1)
    out = np.zeros(len(rows), dtype=np.int64)
    smallest = 0
    for first, last, chosen in _class_blocks(cls, class_count, per_block):
        if len(chosen) == 0:
            continue
        if len(chosen) == len(rows):  # one block of every class: no rows to pick
            out, low = _repair_block_zeta(cls, masks, last - first, width, k, m, itemsets, record_rounds)
            out = out.astype(np.int64, copy=False)
        else:
            out[chosen], low = _repair_block_zeta(
                cls[chosen] - first, masks[chosen], last - first, width, k, m, itemsets, record_rounds
            )
        if low:
            smallest = low if not smallest else min(smallest, low)
    return rows, out, smallest, width, masks


# Pair counts per block of classes stay about a megabyte (cache-sized): larger tables cost more
# in zeroing and scanning than the fewer blocks save (measured at 100k to 1M people).
_PAIR_BINS = 1 << 17


def _pairs(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i, j), i < j, of entries of one row; entries are sorted by row."""
    if len(rows) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    longest = int(np.diff(np.r_[starts, len(rows)]).max())
    firsts, seconds = [], []
    for gap in range(1, longest):
        left = np.flatnonzero(rows[:-gap] == rows[gap:])
        firsts.append(left)
        seconds.append(left + gap)
    if not firsts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(firsts), np.concatenate(seconds)


def _repair_block_pairs(rows, values, local, classes, width, k, m, record_rounds):
    """Alive flags of one block's entries (sorted by row) after the k^m repair, m <= 2.

    The block's pairs are listed once; each round counts only those whose two entries
    are still alive.
    """
    alive = np.ones(len(rows), dtype=bool)
    span = width * width
    value_key = local * width + values
    if m >= 2:
        first, second = _pairs(rows)
        pair_key = local[first] * span + values[first] * width + values[second]
    rarity_base = width + 1

    def singles(live: np.ndarray) -> np.ndarray:
        # Support in its class of every entry's value, counting live entries only.
        return np.bincount(value_key[live], minlength=classes * width)[value_key]

    def bad_pairs(live: np.ndarray, single: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per offending pair (both ends live), its rarer entry, and its pair index."""
        both = np.flatnonzero(live[first] & live[second])
        keys = pair_key[both]
        count = np.bincount(keys, minlength=classes * span)[keys]
        bad = both[count < k]
        a, b = first[bad], second[bad]
        rarer = single[a] * rarity_base - values[a] < single[b] * rarity_base - values[b]
        return np.where(rarer, a, b), bad

    for _ in range(record_rounds):
        single = singles(alive)
        killed = alive & (single < k)
        if m >= 2:
            victims, _ = bad_pairs(alive, single)
            killed[victims] = True
        if not killed.any():
            return alive
        alive &= ~killed
    # Settle what is left class-wide: singles first, then pairs (a value leaving its whole
    # class leaves the supports of itemsets without it as they were).
    single = singles(alive)
    alive &= single >= k
    if m >= 2:
        single = singles(alive)
        victims, _ = bad_pairs(alive, single)
        if len(victims):
            gone = np.unique(value_key[victims])
            alive &= ~np.isin(value_key, gone)
    return alive


def _pair_bound(rows, values, local, classes, width, k) -> int:
    """Values of one block (entries sorted by row) that the repair's first round takes for offending pairs.

    Beyond the values under k in their class, each record holding a pair that fewer than k of its
    class hold loses the pair's rarer value in the first round (``_repair_block_pairs``), and a value
    taken never comes back: a lower bound of what the repair loses there, for one pair count.
    """
    value_key = local * width + values
    single = np.bincount(value_key, minlength=classes * width)[value_key]
    live = single >= k
    first, second = _pairs(rows)
    # Pairs with an end under k count in one bin past the table, never offending.
    span = classes * width * width
    pair_key = np.where(live[first] & live[second], local[first] * (width * width) + values[first] * width + values[second], span)
    count = np.bincount(pair_key, minlength=span + 1)
    count[span] = k
    rarity = single * (width + 1) - values
    rarer = np.where(rarity[first] < rarity[second], first, second)
    taken = np.zeros(len(rows), dtype=bool)
    taken[rarer[count[pair_key] < k]] = True
    return int(np.count_nonzero(taken))


def _value_table(indptr: np.ndarray, items: np.ndarray, width: int, row_class: np.ndarray, class_count: int) -> np.ndarray:
    """Per class (rows) and value (columns): how many of the class's records hold the value (CSR rows)."""
    counts = np.diff(indptr)
    # Values of suppressed rows (class -1) land in one extra row of bins past the table, dropped. The
    # keys are made per row first (a row's class once, not once per value), in 32 bits when they fit.
    narrow = np.int32 if (class_count + 1) * width < 1 << 31 else np.int64
    row_base = (np.where(row_class >= 0, row_class, class_count) * width).astype(narrow)
    key = _repeated(row_base, counts) + items
    table = np.bincount(key, minlength=(class_count + 1) * width)[: class_count * width]
    return table.reshape(class_count, width)


def _repair_pairs(skills, level, row_class, class_count, k, m, record_rounds, give_up: float | None, table=None):
    """The repair for m <= 2 in blocks of classes; None as soon as its loss must reach ``give_up``.

    The first block is a small share of the classes, so a level that cannot win is
    found out after a few per cent of the work. At the skill level nothing is laid out
    per entry up front beyond one count of each class's values: a block's entries are
    read from the CSR rows of its classes when it is taken.
    """
    indptr, items, width = _level_csr(skills, level)
    counts = np.diff(indptr)
    if table is None or level != 0:
        table = _value_table(indptr, items, width, row_class, class_count)
    total = int(table.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, width
    # Values under k in their class go whatever else happens: a lower bound of the loss.
    pending = np.where(table < k, table, 0).sum(axis=1).astype(np.float64)
    bound = float(pending.sum())
    if give_up is not None and bound / total >= give_up:
        return None
    kept_rows = np.flatnonzero(row_class >= 0)
    # Classes are taken those that lose most beyond their singles first, so a level that cannot
    # win is found out soonest (the bound holds in any order). A record loses a value for a pair
    # held by fewer than k of its class, and a pair of values held by s and t of c records is held
    # by about s·t/c: what a class loses beyond its singles goes with the share of its values held
    # by k..√(k·c) records (measured at 100,000 and 1,000,000 people: the classes that settle a
    # level in the fewest values, to within a few per cent; neither the smallest nor the largest).
    records = np.bincount(row_class[kept_rows], minlength=class_count)
    rare = (table >= k) & (table * table < k * records[:, None])
    values = table.sum(axis=1)
    losing = np.where(rare, table, 0).sum(axis=1) / np.maximum(values, 1)
    by_loss = np.argsort(-losing, kind="stable")
    rank = np.empty(class_count, dtype=np.int64)
    rank[by_loss] = np.arange(class_count)
    pending = pending[by_loss]
    row_rank = rank[row_class[kept_rows]]
    per_block = max(_PAIR_BINS // (width * width), 1)
    probe = min(max(class_count // 32, 1), per_block)
    edges = sorted({0, probe, *range(probe + per_block, class_count, per_block), class_count})
    ordered: list[np.ndarray] = []

    def rows_of(first: int, last: int) -> np.ndarray:
        """The kept rows of the classes ranked first..last-1, in row order."""
        if first == 0:
            return kept_rows[row_rank < last]  # the first block (often the only one read): one pass
        if not ordered:
            # Kept rows by class rank, each class's rows in row order; a block is a slice of them.
            # Stable sorts of 16-bit keys are radix sorts: several times faster than of int64.
            by_rank = np.argsort(row_rank.astype(np.uint16) if class_count <= 1 << 16 else row_rank, kind="stable")
            ordered.extend([kept_rows[by_rank], np.r_[0, np.cumsum(np.bincount(row_rank, minlength=class_count))]])
        rows, class_starts = ordered
        return np.sort(rows[class_starts[first] : class_starts[last]])

    def blocks():
        # Per block of classes: its entries in row order (positions in the CSR arrays), their rows
        # and their classes' ranks counted from the block's first.
        for first, last in zip(edges[:-1], edges[1:], strict=True):
            block_rows = rows_of(first, last)
            entries = _entries_of(indptr, block_rows)
            if len(entries) == 0:
                continue
            lengths = counts[block_rows]
            local = _repeated(rank[row_class[block_rows]] - first, lengths)
            yield first, last, entries, _repeated(block_rows, lengths), local

    if give_up is not None and m >= 2:
        # First a cheaper bound, block by block: what the repair's first round takes (one pair count a
        # block, where the whole repair takes several).
        lower = bound
        for first, last, entries, block_rows, local in blocks():
            lower += _pair_bound(block_rows, items[entries].astype(np.int64), local, last - first, width, k)
            if lower / total >= give_up:
                return None
    alive = np.zeros(len(items), dtype=bool)
    for first, last, entries, block_rows, local in blocks():
        kept = _repair_block_pairs(block_rows, items[entries].astype(np.int64), local, last - first, width, k, m, record_rounds)
        alive[entries[kept]] = True
        bound += float(len(entries) - int(kept.sum())) - float(pending[first:last].sum())
        if give_up is not None and bound / total >= give_up:
            return None
    rows = _repeated(np.arange(len(counts), dtype=np.int64), counts)
    return rows[alive], items[alive].astype(np.int64), width


def _level_csr(skills: SkillColumn, level: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Each row's distinct values at ``level`` in CSR form (indptr, items) and the width."""
    if level == 0:
        return skills.indptr, skills.items, len(skills.vocabulary)
    width = len(skills.families)
    counts = np.diff(skills.indptr)
    rows = _repeated(np.arange(len(counts), dtype=np.int64), counts)
    unique = np.unique(rows * width + skills.family[skills.items])
    rows, items = np.divmod(unique, width)
    return np.r_[0, np.cumsum(np.bincount(rows, minlength=len(counts)))], items, width
