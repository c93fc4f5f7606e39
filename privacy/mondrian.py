"""Mondrian multidimensional local recoding (LeFevre, DeWitt and Ramakrishnan, 2006).

Strict top-down partitioning: a partition is cut at the median of the
quasi-identifier with the widest normalised range, as long as both halves keep
at least ``k`` records (and ``l`` distinct sensitive values); a partition that no
cut can split is released as one class. Columns are the level-0 codes of
``privacy.encoding``, ordered along their hierarchy, so a range of codes is a
range of bands or a run of sibling categories.

Released cells read well in both languages: numeric bands become one range
("25–34", "6+"), categories a set ("广东/广西") or, when a set fills a node of the
hierarchy, that node ("华南"); sets too long to list become the few hierarchy nodes
that hold them ("华北/华南"), or "*".
A set lists its members in one fixed order per column (``CANONICAL_ORDER``: provinces
as the regions list them, closed codes as declared), so equal sets always read alike. A
cell whose partition holds a missing value is released as ``"*"``.

The loop runs once per partition (numpy inside), never once per record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from privacy.encoding import EncodedColumn
from privacy.hierarchies import EDUCATION_LEVELS, OTHER_REGION, REGIONS, SUPPRESSED
from privacy.vocabulary import INDUSTRIES, ROLE_CATEGORIES

_BAND = re.compile(r"^(\d+)(?:-(\d+)|\+)$")
MAX_SET = 3

# The fixed order members of a set cell are listed in, whatever order the data came in:
# provinces as the regions list them (north to south-west), closed codes as declared.
CANONICAL_ORDER: dict[str, dict[str, int]] = {
    name: {label: rank for rank, label in enumerate(order)}
    for name, order in {
        "province": [*(p for provinces in REGIONS.values() for p in provinces), *REGIONS, OTHER_REGION],
        "gender": ["F", "M", "U"],
        "education_level": list(EDUCATION_LEVELS),
        "industry": list(INDUSTRIES),
        "role_category": list(ROLE_CATEGORIES),
    }.items()
}


def canonical_set(column_name: str, names: Sequence[str]) -> str:
    """A set cell's text: its distinct members in the column's fixed order, joined by "/"."""
    order = CANONICAL_ORDER.get(column_name, {})
    return "/".join(sorted(set(names), key=lambda name: (order.get(name, len(order)), name)))


@dataclass(frozen=True)
class Partition:
    cell_labels: list[list[str]]
    label_codes: list[np.ndarray]  # per quasi-identifier, each row's position in its ``label_tables`` entry
    label_tables: list[tuple[str, ...]]
    cover: list[np.ndarray]
    count: int


def _splits(codes: np.ndarray, k: int, *, anywhere: bool = False) -> np.ndarray | None:
    """A boolean mask of the left half of a cut keeping >= k on each side, or None.

    The cut is at the median value (either side of its ties). With ``anywhere``, when
    the ties allow neither, the boundary between distinct values nearest the median
    that still leaves k a side (a partition whose median value many records share
    still splits).
    """
    ordered = np.sort(codes)
    size = len(ordered)
    median = ordered[size // 2]
    left = int(np.searchsorted(ordered, median, side="left"))
    if left >= k and size - left >= k:
        return codes < median
    right = int(np.searchsorted(ordered, median, side="right"))
    if right >= k and size - right >= k:
        return codes <= median
    if not anywhere:
        return None
    boundaries = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    valid = boundaries[(boundaries >= k) & (size - boundaries >= k)]
    if len(valid) == 0:
        return None
    cut = int(valid[np.argmin(np.abs(2 * valid - size))])
    return codes < ordered[cut]


def partition(
    columns: Sequence[EncodedColumn],
    *,
    k: int,
    sensitive: np.ndarray | None = None,
    l: int = 1,  # noqa: E741
) -> Partition:
    """Partition the rows; each partition's cells are labelled for release."""
    n = len(columns[0].codes) if columns else 0
    spans = np.array([max(column.radix(0) - 1, 1) for column in columns], dtype=np.float64)
    codes = np.stack([column.codes for column in columns]) if columns else np.zeros((0, n), dtype=np.int32)
    leaves: list[np.ndarray] = []
    stack = [np.arange(n)]
    while stack:
        rows = stack.pop()
        if len(rows) < 2 * k or not columns:
            leaves.append(rows)
            continue
        part = codes[:, rows]
        width = (part.max(axis=1) - part.min(axis=1)) / spans
        # A median cut on the widest attribute that allows one; failing all, the cut
        # nearest a median anywhere.
        candidates = [(q, anywhere) for anywhere in (False, True) for q in np.argsort(-width, kind="stable") if width[q] > 0]
        for q, anywhere in candidates:
            left = _splits(part[q], k, anywhere=anywhere)
            if left is None:
                continue
            if sensitive is not None and l > 1:
                s = sensitive[rows]
                if len(np.unique(s[left])) < l or len(np.unique(s[~left])) < l:
                    continue
            stack.append(rows[~left])
            stack.append(rows[left])
            break
        else:
            leaves.append(rows)
    cell_labels: list[list[str]] = []
    label_codes: list[np.ndarray] = []
    label_tables: list[tuple[str, ...]] = []
    cover: list[np.ndarray] = []
    for q, column in enumerate(columns):
        labels = np.empty(n, dtype=object)
        covered = np.zeros(n, dtype=np.int64)
        for rows in leaves:
            present = np.unique(codes[q, rows])
            text, count = cell_label(column, present)
            labels[rows] = text
            covered[rows] = count
        texts, inverse = np.unique(labels.astype(str), return_inverse=True)
        cell_labels.append(labels.tolist())
        label_codes.append(inverse.reshape(-1))
        label_tables.append(tuple(texts.tolist()))
        cover.append(covered)
    return Partition(cell_labels, label_codes, label_tables, cover, len(leaves))


def cell_label(column: EncodedColumn, present: np.ndarray) -> tuple[str, int]:
    """The released text for a partition holding these level-0 codes, and how many leaves it covers."""
    leaves = column.labels[0]
    names = [leaves[int(code)] for code in present]
    if SUPPRESSED in names:
        return SUPPRESSED, len(leaves)
    if len(names) == 1:
        return names[0], 1
    bands = [_BAND.match(name) for name in names]
    if all(bands):
        low = min(int(match.group(1)) for match in bands)
        if any(match.group(2) is None for match in bands):
            text = f"{low}+"
        else:
            text = f"{low}–{max(int(match.group(2)) for match in bands)}"
        first, last = int(present.min()), int(present.max())
        return text, last - first + 1
    for level in range(1, column.levels + 1):
        parents = np.unique(column.up[level][present])
        if len(parents) == 1:
            members = int((column.up[level] == parents[0]).sum())
            if members == len(names):
                return column.labels[level][int(parents[0])], members
            break
    if len(names) <= MAX_SET:
        return canonical_set(column.name, names), len(names)
    # Too many to list: the few nodes of the hierarchy that hold them ("华北/华南").
    for level in range(1, column.levels):
        parents = np.unique(column.up[level][present])
        if len(parents) <= MAX_SET:
            labels = [column.labels[level][int(parent)] for parent in parents]
            return canonical_set(column.name, labels), int(np.isin(column.up[level], parents).sum())
    return SUPPRESSED, len(leaves)
