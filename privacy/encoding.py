"""Integer-coded columns: what the generalisation search works on.

Each quasi-identifier becomes one ``int32`` array of level-0 codes plus, per
level of its hierarchy, a lookup table from level-0 code to level code. Judging a
lattice node is then array lookups and one group-by, never a Python loop per row.

Level-0 codes are ordered along the hierarchy (values of one parent adjacent,
numeric bands by their lower bound), so Mondrian can cut a column at a median and
a range of codes reads as a range of values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from privacy.hierarchies import SUPPRESSED, Hierarchy

_LEADING_NUMBER = re.compile(r"^(\d+)")


def _label_order(label: str) -> tuple:
    if label == SUPPRESSED:
        return (2, 0, "")
    match = _LEADING_NUMBER.match(label)
    return (0, int(match.group(1)), label) if match else (1, 0, label)


@dataclass(frozen=True)
class EncodedColumn:
    """One quasi-identifier, integer coded.

    ``codes[i]`` is row i's level-0 code; ``labels[l][c]`` is the text of code c at
    level l; ``up[l][c0]`` is the level-l code of level-0 code c0; ``between[a][b]``
    maps level-a codes to level-b codes (a <= b); ``ncp[l][c]`` is the normalised
    certainty penalty of code c at level l (leaves it covers - 1, over leaves - 1;
    ``"*"`` costs 1).
    """

    name: str
    codes: np.ndarray
    labels: tuple[tuple[str, ...], ...]
    up: tuple[np.ndarray, ...]
    between: tuple[tuple[np.ndarray | None, ...], ...]
    ncp: tuple[np.ndarray, ...]

    @property
    def levels(self) -> int:
        """The highest level (all ``"*"``)."""
        return len(self.labels) - 1

    def radix(self, level: int) -> int:
        return len(self.labels[level])


def encode_column(name: str, hierarchy: Hierarchy, distinct: Sequence[Any], indices: np.ndarray) -> EncodedColumn:
    """Encode a column given its distinct raw values and each row's index into them.

    Raises ``ValueError`` if the hierarchy is not nested (two values that share a
    label at one level part at a higher one), since full-domain generalisation
    needs every level to be a coarsening of the one below.
    """
    levels = hierarchy.levels
    paths = [tuple(hierarchy.generalise(value, level) for level in range(levels + 1)) for value in distinct]
    leaf_labels = sorted({path[0] for path in paths}, key=lambda leaf: _leaf_sort_key(leaf, paths))
    parent: list[dict[str, str]] = [{} for _ in range(levels + 1)]
    for path in paths:
        for level in range(1, levels + 1):
            seen = parent[level].setdefault(path[0], path[level])
            if seen != path[level]:
                raise ValueError(f"{name}: hierarchy is not nested at level {level} ({path[0]!r})")
    leaf_code = {leaf: code for code, leaf in enumerate(leaf_labels)}
    labels: list[tuple[str, ...]] = [tuple(leaf_labels)]
    up: list[np.ndarray] = [np.arange(len(leaf_labels), dtype=np.int32)]
    for level in range(1, levels + 1):
        ordered: list[str] = []
        for leaf in leaf_labels:
            label = parent[level][leaf]
            if label not in ordered:
                ordered.append(label)
        code = {label: position for position, label in enumerate(ordered)}
        labels.append(tuple(ordered))
        up.append(np.array([code[parent[level][leaf]] for leaf in leaf_labels], dtype=np.int32))
    between: list[list[np.ndarray | None]] = []
    for low in range(levels + 1):
        row: list[np.ndarray | None] = []
        for high in range(levels + 1):
            if high < low:
                row.append(None)
                continue
            table = np.zeros(len(labels[low]), dtype=np.int32)
            table[up[low]] = up[high]
            row.append(table)
        between.append(tuple(row))
    leaves = len(leaf_labels)
    ncp: list[np.ndarray] = []
    for level in range(levels + 1):
        covered = np.bincount(up[level], minlength=len(labels[level])).astype(np.float64)
        penalty = (covered - 1) / (leaves - 1) if leaves > 1 else np.zeros_like(covered)
        penalty[[position for position, label in enumerate(labels[level]) if label == SUPPRESSED]] = 1.0
        ncp.append(penalty)
    row_leaf = np.array([leaf_code[path[0]] for path in paths], dtype=np.int32)
    return EncodedColumn(
        name=name,
        codes=row_leaf[np.asarray(indices, dtype=np.int64)],
        labels=tuple(labels),
        up=tuple(up),
        between=tuple(between),
        ncp=tuple(ncp),
    )


def _leaf_sort_key(leaf: str, paths: Sequence[tuple[str, ...]]) -> tuple:
    path = next(p for p in paths if p[0] == leaf)
    return tuple(_label_order(label) for label in reversed(path))


def encode_values(name: str, hierarchy: Hierarchy, values: Sequence[Any]) -> EncodedColumn:
    """Encode a column of raw values (``None``/``""`` are missing and read as ``"*"``)."""
    position: dict[Any, int] = {}
    indices = np.fromiter(
        (position.setdefault(None if value == "" else value, len(position)) for value in values),
        dtype=np.int64,
        count=len(values),
    )
    return encode_column(name, hierarchy, list(position), indices)


@dataclass(frozen=True)
class SkillColumn:
    """A set-valued quasi-identifier in CSR form over a vocabulary, with its hierarchy.

    Row i holds ``items[indptr[i]:indptr[i+1]]`` (vocabulary positions, distinct).
    ``family[item]`` is the item's family position; level 0 releases items,
    level 1 families, level 2 nothing (every skill is ``"*"``).
    """

    name: str
    indptr: np.ndarray
    items: np.ndarray
    vocabulary: tuple[str, ...]
    family: np.ndarray
    families: tuple[str, ...]

    @property
    def levels(self) -> int:
        return 2


def encode_skills(
    name: str,
    sets: Sequence[Sequence[str]],
    *,
    vocabulary: Sequence[str],
    family_of: Mapping[str, str],
    families: Sequence[str],
) -> SkillColumn:
    """CSR skills from per-row lists; values outside ``vocabulary`` are dropped here."""
    position = {skill: index for index, skill in enumerate(vocabulary)}
    lengths = np.zeros(len(sets) + 1, dtype=np.int64)
    flat: list[int] = []
    for row, values in enumerate(sets):
        held = sorted({position[value] for value in values or () if value in position})
        flat.extend(held)
        lengths[row + 1] = len(held)
    family_position = {family: index for index, family in enumerate(families)}
    return SkillColumn(
        name=name,
        indptr=np.cumsum(lengths),
        items=np.array(flat, dtype=np.int32),
        vocabulary=tuple(vocabulary),
        family=np.array([family_position[family_of[skill]] for skill in vocabulary], dtype=np.int32),
        families=tuple(families),
    )
