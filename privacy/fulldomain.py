"""Optimal full-domain generalisation: the lattice node that loses least.

Every quasi-identifier is recoded to one level of its hierarchy (a *node* of the
lattice of level vectors). A node is *feasible* when the records in classes
smaller than ``k`` (or, with distinct l-diversity, with fewer than ``l`` sensitive
values) are at most the suppression cap; those records are suppressed. Among
feasible nodes the search returns one of least loss:

- ``dm``: discernibility, Σ|E|² over released classes + n for every suppressed record;
- ``gcp``: global certainty penalty, the mean normalised certainty penalty (NCP)
  of all cells, a suppressed record costing 1 in every cell.

How it stays cheap (Flash, Kohlmayer et al. 2012; OLA, El Emam et al. 2009):

- Feasibility is monotone: the successors of a feasible node are feasible and the
  predecessors of an infeasible one infeasible. Walking up a path of the lattice
  from an evaluated node tags whole cones without evaluating them.
- Both losses have a lower bound that holds for a node and all its successors:
  each record of a class E costs at least max(k, |E|) in DM, and no less NCP than
  it has now. Nodes whose inherited bound reaches the best loss found are never
  evaluated, and candidates are taken best bound first, so the search stops as
  soon as no unevaluated node can win.
- A node is evaluated by *rolling up* the class histogram of an evaluated finer
  node (a group-by over its distinct classes, not over the n rows), from the
  smallest such histogram kept. A histogram counted by one bincount stays a dense
  count over its key space: DM is read off it without listing its classes, and a
  coarser node is rolled up from it by summing runs of bins along the raised
  attributes (codes of one parent are adjacent, ``privacy.encoding``), as products
  with 0/1 matrices. Listed histograms and the bottom are keyed by one table lookup
  per block of attributes.
- The probes (a few attributes at level 0, the rest "*") are rolled up where they can
  from a few finer probes counted once from the bottom, not each from the bottom.

The answer equals an exhaustive search of the same lattice (``exhaustive``), which
the tests check on small lattices.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from privacy.encoding import EncodedColumn

LOSSES = ("dm", "gcp")
_BINCOUNT_LIMIT = 1 << 24
# A bincount over a key range up to this many times the entries beats sorting them (measured:
# wider ranges cost more in zeroing and scanning the counts than they save).
_SPARSE = 4
_BLOCK_SPAN = 1 << 13
_PROBE_FINE = 4
_HUB_FIXED = 10_000
_PARTS_BYTES = 256 << 20
# A dense count kept as it is up to this many bins even when most are empty (listing its
# entries would cost more than the room it takes).
_DENSE_KEPT = 1 << 15
# A kept histogram's place in the cache, in the low bits of its source value (``NodeJudge._source``);
# costs above ``_COST_MOST`` count as it (they are rolled up from only when nothing else is kept).
_INDEX_BITS = 24
_COST_MOST = (1 << (62 - _INDEX_BITS)) - 1


class Histogram:
    """Class histogram of one node: per entry its codes, count and (optionally) sensitive code.

    A histogram counted by one bincount stays as that dense count over the node's key
    space until something reads its entries: judging a node needs only the counts, and
    most judged nodes are never rolled up from. Entries are in key order either way.
    """

    def __init__(
        self,
        levels: tuple[int, ...],
        codes: list[np.ndarray] | None,
        counts: np.ndarray | None,
        sensitive: np.ndarray | None,
        *,
        dense: np.ndarray | None = None,
        keys: np.ndarray | None = None,
        radices: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        self.levels = levels
        self.sensitive = sensitive
        self._codes = codes
        self._counts = counts
        self._weights: np.ndarray | None = None
        # ``dense[key]``: the count of the class whose ``key`` is mixed radix over ``radices``
        # ((quasi-identifier, radix) pairs, most significant first; float64 counts).
        self.dense = dense
        self._keys = keys
        self._radices = radices
        self._size = None if counts is None else len(counts)
        # Per block of quasi-identifiers (``NodeJudge._blocks``), each entry's code over the
        # block's members at the histogram's levels: made on first roll-up from it.
        self.block_codes: list[np.ndarray] | None = None
        self.block_weights: np.ndarray | None = None
        self.block_sensitive: np.ndarray | None = None

    @classmethod
    def from_dense(cls, levels: tuple[int, ...], dense: np.ndarray, radices: Sequence[tuple[int, int]]) -> Histogram:
        return cls(levels, None, None, None, dense=dense, radices=radices)

    @property
    def size(self) -> int:
        if self._size is None:
            self._size = int(np.count_nonzero(self.dense > 0))  # over bool: several times faster than over float64
        return self._size

    def list_entries(self) -> None:
        """Turn a dense count into its entries (non-empty keys in order, their counts)."""
        if self._counts is None:
            keys = np.flatnonzero(self.dense > 0)
            self._weights = self.dense[keys]
            self._counts = self._weights.astype(np.int64)
            self._keys = keys
            self._size = len(keys)
            self.dense = None

    @property
    def counts(self) -> np.ndarray:
        self.list_entries()
        return self._counts

    @property
    def weights(self) -> np.ndarray:
        """The counts as float64, as ``np.bincount`` takes its weights (converted once)."""
        self.list_entries()
        if self._weights is None:
            self._weights = self._counts.astype(np.float64)
        return self._weights

    @property
    def codes(self) -> list[np.ndarray]:
        """Per quasi-identifier, each entry's code at the node's level (decoded from its key on first use)."""
        self.list_entries()
        if self._codes is None:
            codes: list[np.ndarray] = [np.zeros(len(self._counts), dtype=np.int32) for _ in self.levels]
            rest = self._keys
            for q, radix in reversed(self._radices):
                rest, digit = np.divmod(rest, radix)
                codes[q] = digit.astype(np.int32)
            self._codes = codes
            self._keys = None
        return self._codes

    @property
    def memory_entries(self) -> int:
        """What the histogram holds, in entries (a dense count: about six bins take an entry's room)."""
        return max(self.size, len(self.dense) // 6) if self.dense is not None else self.size


@dataclass(frozen=True)
class NodeScore:
    levels: tuple[int, ...]
    feasible: bool
    suppressed: int
    loss: float
    bound: float
    classes: int
    # What suppressing one more record at any successor adds to ``bound`` at least.
    slack: float = 0.0


@dataclass
class SearchStats:
    evaluated: int = 0
    rows_grouped: int = 0
    nodes: int = 0
    tagged: int = 0
    pruned: int = 0
    scores: dict[tuple[int, ...], NodeScore] = field(default_factory=dict)


class NodeJudge:
    """Evaluates lattice nodes by rolling up cached class histograms."""

    def __init__(
        self,
        columns: Sequence[EncodedColumn],
        *,
        k: int,
        cap: int,
        loss: str = "dm",
        sensitive: np.ndarray | None = None,
        l: int = 1,  # noqa: E741
        cache_entries: int | None = None,
    ) -> None:
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {', '.join(LOSSES)}")
        self.columns = list(columns)
        # radix[q][level]: how many codes quasi-identifier q has at that level (read in every grouping).
        self.radix = [[column.radix(level) for level in range(column.levels + 1)] for column in self.columns]
        self.k = k
        self.cap = cap
        self.loss = loss
        self.l = l
        self.n = len(columns[0].codes) if columns else (0 if sensitive is None else len(sensitive))
        self.sensitive_radix = int(sensitive.max()) + 1 if sensitive is not None and len(sensitive) else 1
        bottom_levels = tuple(0 for _ in self.columns)
        self._cache: list[Histogram] = []
        # Per lattice node (an array of the lattice's shape): the cheapest kept histogram finer
        # than it, as its cost and its index in the cache in one integer (cost in the high bits).
        # Keeping a histogram lowers the value over its cone of successors (a slice, one minimum:
        # among equal costs the one kept first stays), so finding a node's source is one lookup.
        shape = tuple(column.levels + 1 for column in self.columns)
        self._source = np.full(shape, np.iinfo(np.int64).max, dtype=np.int64)
        self._cache_entries = cache_entries if cache_entries is not None else max(16 * self.n, 1 << 16)
        self._cached_total = 0
        self.stats = SearchStats()
        # The keys and weights the last dense histogram was counted from (judging reads them once).
        self._last_roll_up: tuple[Histogram, np.ndarray, np.ndarray] | None = None
        self._run_matrices: dict[tuple[int, int, int], np.ndarray | None] = {}  # (q, low, high): ``_runs``
        rows = Histogram(
            bottom_levels,
            [column.codes for column in self.columns],
            np.ones(self.n, dtype=np.int64),
            None if sensitive is None else np.asarray(sensitive, dtype=np.int32),
        )
        self._rows = rows
        blocks = self._plan_blocks()
        self.bottom = self._count_bottom(rows, [q for members, _ in blocks for q in members])
        self._keep(self.bottom, force=True)
        # The bottom's entries are in key order, so a coarse node's keys would come in long runs of
        # one value, and bincount's additions into one bin would wait on each other (up to three
        # times slower into a few hundred bins). Trips from the bottom read its entries in a
        # scattered order instead: any order counts the same.
        self._scatter = _scattered(self.bottom.size)
        self._bottom_weights = self.bottom.weights[self._scatter]
        self._bottom_sensitive = None if self.bottom.sensitive is None else self.bottom.sensitive[self._scatter]
        self._blocks = self._block_codes(blocks)
        self._tables: dict[tuple, np.ndarray] = {}
        # Per block and levels of its members: the bottom's key part, kept while memory allows.
        self._parts: dict[tuple, np.ndarray] = {}
        self._parts_bytes = 0

    def _plan_blocks(self) -> list[tuple[list[int], int]]:
        """Quasi-identifiers in a few blocks whose level-0 codes span at most ``_BLOCK_SPAN`` keys each."""
        order = sorted(range(len(self.columns)), key=lambda q: -self.columns[q].radix(0))
        blocks: list[list[int]] = []
        spans: list[int] = []
        for q in order:
            radix = self.columns[q].radix(0)
            for b, span in enumerate(spans):
                if span * radix <= _BLOCK_SPAN:
                    blocks[b].append(q)
                    spans[b] = span * radix
                    break
            else:
                blocks.append([q])
                spans.append(radix)
        return list(zip(blocks, spans, strict=True))

    def _count_bottom(self, rows: Histogram, order: list[int]) -> Histogram:
        """The bottom's classes: the rows counted by their level-0 key, mixed radix block by block."""
        active = [q for q in order if self.radix[q][0] > 1]
        # Every row counts once: a plain count of distinct keys (a sort, no inverse needed), of
        # 32-bit keys when the key space allows (made and sorted in about half the time).
        span = math.prod(self.radix[q][0] for q in active) * (self.sensitive_radix if rows.sensitive is not None else 1)
        key = np.zeros(self.n, dtype=np.int32 if span <= np.iinfo(np.int32).max else np.int64)
        for q in active:
            key *= self.radix[q][0]
            key += rows.codes[q]
        if rows.sensitive is not None:
            key = key * self.sensitive_radix + rows.sensitive
        keys, counts = np.unique(key, return_counts=True)
        keys = keys.astype(np.int64)
        sensitive = None
        if rows.sensitive is not None:
            keys, sensitive = np.divmod(keys, self.sensitive_radix)
            sensitive = sensitive.astype(np.int32)
        radices = [(q, self.radix[q][0]) for q in active]
        return Histogram(rows.levels, None, counts.astype(np.int64), sensitive, keys=keys, radices=radices)

    def _block_codes(self, blocks: list[tuple[list[int], int]]) -> list[tuple[list[int], np.ndarray, list[np.ndarray]]]:
        """The bottom's entries coded in a few blocks of quasi-identifiers (each block's codes a small range).

        A node rolled up from the bottom is then one lookup per block instead of one per
        quasi-identifier: the lookup tables are per node and as small as the blocks' ranges.
        The bottom's keys run block by block, so each block's code is one divmod off them.
        """
        if not blocks:
            return []
        rest = self.bottom._keys[self._scatter]
        codes: list[np.ndarray] = [rest] * len(blocks)
        for b in range(len(blocks) - 1, 0, -1):
            rest, codes[b] = np.divmod(rest, blocks[b][1])
        codes[0] = rest
        coded = []
        for (members, span), code in zip(blocks, codes, strict=True):
            digits: list[np.ndarray] = []
            inner = span
            for q in members:
                radix = self.radix[q][0]
                inner //= radix
                # The level-0 code of q for every block code.
                digits.append((np.arange(span, dtype=np.int64) // inner) % radix)
            coded.append((members, code.astype(np.intp, copy=False), digits))
        return coded

    def _splitting(self, members: list[int], levels: tuple[int, ...]) -> tuple[list[int], int]:
        """The block's members that still split people at ``levels``, and the radix of their key part."""
        active = [q for q in members if self.radix[q][levels[q]] > 1]
        radix = 1
        for q in active:
            radix *= self.radix[q][levels[q]]
        return active, radix

    def _bottom_key(self, levels: tuple[int, ...]) -> tuple[np.ndarray, list[int]]:
        """The bottom's keys at ``levels`` (mixed radix over the returned quasi-identifiers, in order).

        Keyed in the bottom's scattered order (``_scatter``), to be counted with ``_bottom_weights``.
        """
        key = None
        order: list[int] = []
        wide = self._key_type(levels)
        for b, (members, code, digits) in enumerate(self._blocks):
            active, radix = self._splitting(members, levels)
            if not active:
                continue
            cache_key = (b, tuple(levels[q] for q in active), tuple(active))
            part = self._parts.get(cache_key)
            if part is None:
                # A block's part is under its span (at most ``_BLOCK_SPAN`` keys): 32 bits hold it.
                table = np.zeros(len(digits[0]), dtype=np.int32)
                for q, digit in zip(members, digits, strict=True):
                    if q in active:
                        table = table * self.columns[q].radix(levels[q]) + self.columns[q].up[levels[q]][digit]
                part = table[code]
                if self._parts_bytes + part.nbytes <= _PARTS_BYTES:
                    self._parts[cache_key] = part
                    self._parts_bytes += part.nbytes
            if key is None:
                key = part if wide is np.int32 else part.astype(wide)
            else:
                key = key * radix
                key += part
            order.extend(active)
        return (np.zeros(self.bottom.size, dtype=wide) if key is None else key), order

    def _key_type(self, levels: tuple[int, ...]) -> type:
        """The narrowest integer type that holds the keys at ``levels`` (with sensitive codes if counted).

        Keys in 32 bits are made and counted faster than in 64 (half the memory read and written;
        measured: a trip over the bottom at 100,000 people about a quarter shorter).
        """
        total = math.prod(self.radix[q][level] for q, level in enumerate(levels))
        if self._rows.sensitive is not None:
            total *= self.sensitive_radix
        return np.int32 if total < 1 << 31 else np.int64

    def _source_blocks(self, source: Histogram) -> list[np.ndarray]:
        """The source's entries coded per block (mixed radix over the members at the source's levels).

        In a scattered order, as the bottom's (``_scatter``): the weights and sensitive codes
        to count them with are kept beside them in the same order.
        """
        if source.block_codes is None:
            scatter = _scattered(source.size)
            coded = self._block_codes_from_keys(source, scatter)
            if coded is None:
                coded = []
                for members, _, _ in self._blocks:
                    code = np.zeros(source.size, dtype=np.intp)
                    for q in members:
                        radix = self.radix[q][source.levels[q]]
                        if radix > 1:
                            code *= radix
                            code += source.codes[q][scatter]
                    coded.append(code)
            source.block_codes = coded
            source.block_weights = source.weights[scatter]
            source.block_sensitive = None if source.sensitive is None else source.sensitive[scatter]
        return source.block_codes

    def _block_codes_from_keys(self, source: Histogram, scatter: np.ndarray) -> list[np.ndarray] | None:
        """Per block, the source's codes split off its keys, when its keys run block by block; else None.

        Keys made from the bottom or from block codes are mixed radix over each block's splitting
        members in turn (``_bottom_key``, ``_blocked_key``), so each block's part is one divmod
        away instead of decoding every quasi-identifier.
        """
        if source._keys is None or source._radices is None:
            return None
        order = [q for q, _ in source._radices]
        parts = [self._splitting(members, source.levels) for members, _, _ in self._blocks]
        if order != [q for active, _ in parts for q in active]:
            return None
        rest = source._keys[scatter]
        coded: list[np.ndarray] = [np.zeros(source.size, dtype=np.intp) for _ in parts]
        for b in range(len(parts) - 1, -1, -1):
            active, radix = parts[b]
            if active:
                rest, coded[b] = np.divmod(rest, radix) if b else (None, rest)
        return coded

    def _block_table(self, b: int, low: tuple[int, ...], high: tuple[int, ...]) -> np.ndarray:
        """Block b's codes at levels ``low`` mapped to its key part at ``high`` (over members of radix > 1)."""
        cache_key = (b, low, high)
        table = self._tables.get(cache_key)
        if table is None:
            members = self._blocks[b][0]
            span = 1
            for q in members:
                span *= self.columns[q].radix(low[q])
            every = np.arange(span, dtype=np.int64)
            table = np.zeros(span, dtype=np.int32)  # under the block's span
            inner = span
            for q in members:
                column = self.columns[q]
                radix = column.radix(low[q])
                inner //= radix
                if column.radix(high[q]) > 1:
                    digit = (every // inner) % radix
                    table = table * column.radix(high[q]) + column.between[low[q]][high[q]][digit]
            self._tables[cache_key] = table
        return table

    def _blocked_key(self, source: Histogram, levels: tuple[int, ...]) -> tuple[np.ndarray, list[int]]:
        """A listed source's keys at ``levels``: one table lookup per block of quasi-identifiers."""
        codes = self._source_blocks(source)
        key = None
        order: list[int] = []
        wide = self._key_type(levels)
        for b, (members, _, _) in enumerate(self._blocks):
            active, radix = self._splitting(members, levels)
            if not active:
                continue
            low = tuple(source.levels[q] if q in members else 0 for q in range(len(levels)))
            high = tuple(levels[q] if q in members else 0 for q in range(len(levels)))
            part = self._block_table(b, low, high)[codes[b]]
            if key is None:
                key = part if wide is np.int32 else part.astype(wide)
            else:
                key *= radix
                key += part
            order.extend(active)
        return (np.zeros(source.size, dtype=wide) if key is None else key), order

    # -- grouping --------------------------------------------------------------------------

    def _runs(self, q: int, low: int, high: int) -> np.ndarray | None:
        """Level-``low`` codes of q summed into each level-``high`` code, as a 0/1 (high, low) matrix.

        None unless the codes of one parent are adjacent and the parents in order (runs).
        """
        cache_key = (q, low, high)
        if cache_key not in self._run_matrices:
            mapping = self.columns[q].between[low][high]
            starts = np.flatnonzero(np.r_[True, mapping[1:] != mapping[:-1]])
            ordered = np.array_equal(mapping[starts], np.arange(self.columns[q].radix(high)))
            matrix = None
            if ordered:
                matrix = np.zeros((self.columns[q].radix(high), len(mapping)), dtype=np.float64)
                matrix[mapping, np.arange(len(mapping))] = 1.0
            self._run_matrices[cache_key] = matrix
        return self._run_matrices[cache_key]

    def _roll_dense(self, source: Histogram, levels: tuple[int, ...]) -> Histogram | None:
        """A dense count rolled up axis by axis (sums over runs of codes), or None if it cannot be."""
        steps = []
        for q, _ in source._radices:
            if source.levels[q] != levels[q]:
                if self.columns[q].radix(levels[q]) == 1:
                    steps.append((q, None))
                    continue
                matrix = self._runs(q, source.levels[q], levels[q])
                if matrix is None:
                    return None
                steps.append((q, matrix))
        cube = source.dense.reshape([radix for _, radix in source._radices])
        axes = [q for q, _ in source._radices]
        # Axes that shrink the count most first (integer sums: any order is exact). Small counts are
        # summed by numpy; larger ones by matrix products, which numpy's reductions along inner
        # axes trail several times (an axis raised to "*" is summed by a row of ones).
        order = sorted(
            (1 / cube.shape[axes.index(q)] if matrix is None else matrix.shape[0] / matrix.shape[1], q, matrix)
            for q, matrix in steps
        )
        for _, q, matrix in order:
            axis = axes.index(q)
            if matrix is not None:
                cube = _sum_runs(cube, axis, matrix)
            elif cube.size <= _SMALL_SUM:
                cube = cube.sum(axis=axis)
                axes.pop(axis)
            else:
                cube = _sum_runs(cube, axis, np.ones((1, cube.shape[axis]))).reshape(cube.shape[:axis] + cube.shape[axis + 1 :])
                axes.pop(axis)
        self.stats.rows_grouped += len(source.dense)
        radices = [(q, self.columns[q].radix(levels[q])) for q in axes]
        return Histogram.from_dense(levels, np.ascontiguousarray(cube).reshape(-1), radices)

    def _group(self, source: Histogram, levels: tuple[int, ...]) -> Histogram:
        if source.dense is not None and source.sensitive is None:
            rolled = self._roll_dense(source, levels)
            if rolled is not None:
                return rolled
        self.stats.rows_grouped += source.size
        radices = [self.radix[q][level] for q, level in enumerate(levels)]
        active = [q for q in range(len(self.columns)) if radices[q] > 1]
        weights, sensitive = source.weights, source.sensitive
        if self._blocks and source is self.bottom:
            key, active = self._bottom_key(levels)
            weights, sensitive = self._bottom_weights, self._bottom_sensitive
        elif self._blocks:
            key, active = self._blocked_key(source, levels)
            weights, sensitive = source.block_weights, source.block_sensitive
        else:
            key = np.zeros(source.size, dtype=np.int64)
            for q in active:
                column = self.columns[q]
                codes = source.codes[q]
                if source.levels[q] != levels[q]:
                    codes = column.between[source.levels[q]][levels[q]][codes]
                key *= radices[q]
                key += codes
        total = math.prod(radices[q] for q in active)
        if sensitive is not None:
            key = key * self.sensitive_radix + sensitive  # never in place: key may be a kept part
            total *= self.sensitive_radix
        # The key is mixed radix over ``active`` in this order (the bottom's follows its blocks).
        full = [(q, radices[q]) for q in active]
        if total <= _BINCOUNT_LIMIT and total <= _SPARSE * source.size + 4096:
            counted = np.bincount(key, weights=weights, minlength=total)
            if source.sensitive is None:
                histogram = Histogram.from_dense(levels, counted, full)
                self._last_roll_up = (histogram, key, weights)
                return histogram
            # A boolean mask first: nonzero over float64 is several times slower than over bool.
            keys = np.flatnonzero(counted > 0)
            counts = counted[keys].astype(np.int64)
        else:
            keys, inverse = np.unique(key, return_inverse=True)
            counts = np.bincount(inverse, weights=weights).astype(np.int64)
        sensitive = None
        if source.sensitive is not None:
            keys, sensitive = np.divmod(keys, self.sensitive_radix)
            sensitive = sensitive.astype(np.int32)
        return Histogram(levels, None, counts, sensitive, keys=keys, radices=full)

    def _countable(self, levels: tuple[int, ...], entries: int) -> bool:
        """Whether rolling ``entries`` up to ``levels`` can count with one bincount (no sort)."""
        total = float(math.prod(self.radix[q][level] for q, level in enumerate(levels)))
        total *= self.sensitive_radix if self._rows.sensitive is not None else 1
        return total <= _BINCOUNT_LIMIT and total <= _SPARSE * entries + 4096

    def _keep(self, histogram: Histogram, force: bool = False) -> None:
        if len(self._cache) >= 1 << _INDEX_BITS:
            return
        if _sparse(histogram):
            histogram.list_entries()  # a sparse dense count is kept as its entries
        held = histogram.memory_entries
        if not force and self._cached_total + held > self._cache_entries:
            return
        # What rolling up from it costs, about: a dense count sums runs of bins, a few times
        # cheaper per bin than keying and counting an entry.
        cost = histogram.size if histogram.dense is None else len(histogram.dense) // 4 + 1
        above = tuple(slice(level, None) for level in histogram.levels)
        view = self._source[above]
        np.minimum(view, min(cost, _COST_MOST) << _INDEX_BITS | len(self._cache), out=view)
        self._cache.append(histogram)
        self._cached_total += held

    def _source_of(self, levels: tuple[int, ...]) -> Histogram:
        return self._cache[int(self._source[levels]) & ((1 << _INDEX_BITS) - 1)]

    def histogram(self, levels: tuple[int, ...], *, hub: bool = True) -> Histogram:
        """The class histogram of a node, rolled up from the smallest finer one kept.

        ``hub=False``: straight from the bottom when nothing finer is kept (for nodes few
        others roll up from, whose own key space is small).
        """
        if levels == self.bottom.levels:
            return self.bottom
        source = self._source_of(levels)
        if source is self.bottom and hub:
            # Nothing finer than the bottom is kept: roll up through the node with every
            # quasi-identifier at its own level or 1, whichever is lower. It is kept, and
            # the nodes that share its level-0 attributes roll up from it instead.
            through = tuple(min(level, 1) for level in levels)
            if through != levels and through != self.bottom.levels and self._countable(through, self.bottom.size):
                hub_histogram = self._group(self._source_of(through), through)
                if _sparse(hub_histogram):
                    self._keep(hub_histogram)  # listed: the node is keyed from its entries
                    return self._group(hub_histogram, levels)
                # Rolled up while the hub is a dense count (summing runs of bins), then kept.
                histogram = self._group(hub_histogram, levels)
                self._keep(hub_histogram)
                return histogram
        return self._group(source, levels)

    # -- scoring ---------------------------------------------------------------------------

    def class_sizes(self, histogram: Histogram) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per class: size, distinct sensitive values, and the index of its first entry."""
        if histogram.sensitive is None:
            return histogram.counts, np.ones(histogram.size, dtype=np.int64), np.arange(histogram.size)
        # Entries are sorted by class key, then sensitive code: a new class starts where codes change.
        change = np.zeros(histogram.size, dtype=bool)
        change[0:1] = True
        for codes in histogram.codes:
            change[1:] |= codes[1:] != codes[:-1]
        starts = np.flatnonzero(change)
        sizes = np.add.reduceat(histogram.counts, starts)
        distinct = np.diff(np.append(starts, histogram.size))
        return sizes, distinct, starts

    def cell_penalty(self, histogram: Histogram, entries: np.ndarray) -> np.ndarray:
        """Σ over quasi-identifiers of each class's NCP."""
        penalty = np.zeros(len(entries), dtype=np.float64)
        for q, column in enumerate(self.columns):
            penalty += column.ncp[histogram.levels[q]][histogram.codes[q][entries]]
        return penalty

    def score(self, levels: tuple[int, ...], *, hub: bool = True) -> tuple[NodeScore, Histogram]:
        histogram = self.histogram(levels, hub=hub)
        self.stats.evaluated += 1
        if self.loss == "dm" and histogram.dense is not None:
            score = self._dense_dm_score(levels, histogram)
        else:
            score = self._entry_score(levels, histogram)
        self.stats.scores[levels] = score
        self._keep(histogram)
        return score, histogram

    def _dense_dm_score(self, levels: tuple[int, ...], histogram: Histogram) -> NodeScore:
        """DM from a dense count, without listing its classes.

        Over the key space when it is no larger than the source, else per source entry
        (each entry's class size looked up): a sparse key space is then never scanned.
        float64 holds these integer sums exactly (n² < 2**53); no BLAS call (its threads
        cost more than they save here).
        """
        dense = histogram.dense
        last = self._last_roll_up
        self._last_roll_up = None
        if last is not None and last[0] is histogram and len(dense) > len(last[1]):
            _, key, weights = last
            size = dense[key]
            kept = weights * (size >= self.k)
            kept_records = float(kept.sum())
            kept_squares = float((kept * size).sum())
            # Each kept class's entries add up to 1 here (a weight over its class size).
            classes = int(round(float((kept / size).sum())))
        else:
            big = dense >= self.k
            classes = int(np.count_nonzero(big))
            kept = dense * big
            kept_records = float(np.add.reduce(kept))
            kept_squares = float(np.add.reduce(np.square(kept, out=kept)))
        suppressed = self.n - int(round(kept_records))
        loss = kept_squares + float(self.n) * suppressed
        # Σ size · max(size, k): kept classes their square, a class under k its size times k.
        bound = kept_squares + float(self.k) * suppressed
        slack = float(self.n - self.k)
        return NodeScore(levels, suppressed <= self.cap, suppressed, loss, bound, classes, max(slack, 0.0))

    def _entry_score(self, levels: tuple[int, ...], histogram: Histogram) -> NodeScore:
        sizes, distinct, starts = self.class_sizes(histogram)
        small = (sizes < self.k) | (distinct < self.l)
        suppressed = int(sizes[small].sum())
        if self.loss == "dm":
            kept = sizes[~small]
            loss = float(int((kept * kept).sum()) + self.n * suppressed)
            bound = float(int((sizes * np.maximum(sizes, self.k)).sum()))
            # A record suppressed at a successor costs n there and counted at most this in ``bound``:
            # k when only size decides (it sat in a class under k here too), else the largest class.
            counted = self.k if self.l <= 1 else max(self.k, int(sizes.max()) if len(sizes) else 0)
            slack = float(self.n - counted)
        else:
            cells = max(len(self.columns), 1) * max(self.n, 1)
            per_record = self.cell_penalty(histogram, starts)
            penalty = per_record * sizes
            loss = (float(penalty[~small].sum()) + suppressed * len(self.columns)) / cells
            bound = float(penalty.sum()) / cells
            slack = (len(self.columns) - (float(per_record.max()) if len(per_record) else 0.0)) / cells
        return NodeScore(levels, suppressed <= self.cap, suppressed, loss, bound, int((~small).sum()), max(slack, 0.0))


@dataclass(frozen=True)
class SearchResult:
    levels: tuple[int, ...]
    score: NodeScore
    stats: SearchStats


# Products of at most this many multiply-adds run on one thread in the BLAS (larger ones are
# split into pieces of this size: on a shared machine a second thread costs more than it saves).
_GEMM_SINGLE = 1 << 18
# Counts up to this many bins are summed along an axis by numpy's own reduction.
_SMALL_SUM = 4096


def _sum_runs(cube: np.ndarray, axis: int, matrix: np.ndarray) -> np.ndarray:
    """``cube`` with the codes along ``axis`` summed by ``matrix`` ((new, old) of 0/1).

    A matrix product: several times faster than ``np.add.reduceat`` along an inner axis, and
    exact (sums of integer counts below 2**53 in float64, in any order).
    """
    shape = cube.shape
    high, low = matrix.shape
    pre = math.prod(shape[:axis])
    post = math.prod(shape[axis + 1 :])
    if post == 1:
        flat = cube.reshape(pre, low)
        transposed = matrix.T
        out = np.empty((pre, high), dtype=np.float64)
        rows = max(_GEMM_SINGLE // (low * high), 1)
        for first in range(0, pre, rows):
            np.matmul(flat[first : first + rows], transposed, out=out[first : first + rows])
    else:
        flat = cube.reshape(pre, low, post)
        out = np.empty((pre, high, post), dtype=np.float64)
        columns = max(_GEMM_SINGLE // (low * high), 1)
        if columns >= post:
            np.matmul(matrix, flat, out=out)
        else:
            for first in range(0, post, columns):
                np.matmul(matrix, flat[:, :, first : first + columns], out=out[:, :, first : first + columns])
    return out.reshape((*shape[:axis], high, *shape[axis + 1 :]))


def _sparse(histogram: Histogram) -> bool:
    """Whether a dense count is mostly empty bins (it is kept, and rolled up from, as its entries)."""
    # A count within ``_DENSE_KEPT`` bins stays dense whatever it holds (its entries are not counted).
    return histogram.dense is not None and len(histogram.dense) > _DENSE_KEPT and len(histogram.dense) > 6 * histogram.size


def _scattered(size: int) -> np.ndarray:
    """A fixed order of ``size`` items in which neighbours lie far apart: i·step mod size, step coprime to it."""
    step = max(int(size * 0.6180339887), 1)
    while np.gcd(step, size) != 1:
        step += 1
    return (np.arange(size, dtype=np.int64) * step) % max(size, 1)


def _lattice(columns: Sequence[EncodedColumn]) -> np.ndarray:
    """Every level vector, one a row, in index order (the last quasi-identifier's level fastest)."""
    if not columns:
        return np.zeros((1, 0), dtype=np.int16)
    shape = tuple(column.levels + 1 for column in columns)
    return np.indices(shape, dtype=np.int16).reshape(len(columns), -1).T.copy()


def _raised_radix(columns: Sequence[EncodedColumn], here: np.ndarray, there: np.ndarray) -> int:
    q = int(np.flatnonzero(there != here)[0])
    return columns[q].radix(int(here[q]))


def _probe_hubs(judge: NodeJudge, nodes: np.ndarray, family: np.ndarray, at_zero: np.ndarray) -> list[int]:
    """Nodes with ``_PROBE_FINE`` + 1 or + 2 quasi-identifiers at level 0 (the rest "*") that the
    finest probes are cheapest rolled up from, chosen greedily.

    Rolling a probe up from the bottom reads every entry of the bottom; from one of these
    (one bincount over the bottom, a key space of at most a few times its entries) it sums
    the counts over an axis or two. About (measured at 100,000 and 1,000,000 people): a trip
    over the bottom costs its entries, summing a dense count half its bins, and judging one
    more node as much as ``_HUB_FIXED`` entries.
    """
    radix = np.array([judge.radix[q][0] for q in range(len(judge.columns))], dtype=np.float64)
    zero = nodes == 0
    keys = np.where(zero, radix, 1.0).prod(axis=1)
    if judge._rows.sensitive is not None:
        keys *= judge.sensitive_radix  # sensitive codes are counted with the classes
    bottom = float(judge.bottom.size)
    limit = min(float(_SPARSE) * bottom + 4096, float(_BINCOUNT_LIMIT))
    probes = np.flatnonzero(family & (at_zero == _PROBE_FINE))
    hubs = np.flatnonzero(family & (at_zero > _PROBE_FINE) & (at_zero <= _PROBE_FINE + 2) & (keys <= limit))
    if len(probes) == 0 or len(hubs) == 0:
        return []
    # under[h, p]: probe p is a successor of hub h (its level-0 attributes are among the hub's).
    under = (zero[probes][None, :, :] <= zero[hubs][:, None, :]).all(axis=2)
    saving = bottom - keys[hubs] / 2  # per probe rolled up from the hub instead of the bottom
    making = bottom + keys[hubs] / 2 + _HUB_FIXED
    open_probes = np.ones(len(probes), dtype=bool)
    chosen: list[int] = []
    while True:
        gain = (under & open_probes).sum(axis=1) * saving - making
        h = int(np.argmax(gain))
        if gain[h] <= 0:
            return chosen
        chosen.append(int(hubs[h]))
        open_probes &= ~under[h]


def search(judge: NodeJudge) -> SearchResult | None:
    """The feasible node of least loss (ties: lowest height, then lexicographic); None if none is feasible."""
    columns = judge.columns
    nodes = _lattice(columns)
    count = len(nodes)
    judge.stats.nodes = count
    height = nodes.sum(axis=1).astype(np.int64)
    n = max(judge.n, 1)
    bound = np.zeros(count, dtype=np.float64)
    slack = np.full(count, np.inf)
    suppressed_at_least = np.zeros(count, dtype=np.float64)
    done = np.zeros(count, dtype=bool)
    dead = np.zeros(count, dtype=bool)
    strides = np.cumprod([1] + [column.levels + 1 for column in reversed(columns)])[:-1][::-1].astype(np.int64)
    top = np.array([column.levels for column in columns], dtype=np.int64)
    best: tuple[float, int, tuple[int, ...]] | None = None
    best_score: NodeScore | None = None

    # The lattice as an array of its shape: the successors of a node (itself included) are
    # one slice of it, its predecessors another, so tagging a cone is a view, not a scan.
    shape = tuple(column.levels + 1 for column in columns)
    bound_cube, slack_cube = bound.reshape(shape), slack.reshape(shape)
    floor_cube, dead_cube = suppressed_at_least.reshape(shape), dead.reshape(shape)

    def cones(levels: tuple[int, ...]) -> tuple[tuple[slice, ...], tuple[slice, ...]]:
        """The nodes above (successors) and below (predecessors) a node, itself included, as slices."""
        return tuple(slice(v, None) for v in levels), tuple(slice(0, v + 1) for v in levels)

    # A node whose lower bound exceeds ``threshold`` (the best loss found, with a small relative
    # slack that keeps float rounding of the GCP bound from pruning a tie) cannot win. The test is
    # made where a node is looked at, not over the lattice after every evaluation: bounds and
    # suppression floors only rise and the threshold only falls, so the verdict is the same then
    # as it would have been at any earlier point. Only ``slack`` can fall (a successor inherits
    # the smallest of its evaluated predecessors'); before it does, what the old values prune is
    # recorded in ``dead``.
    threshold = np.inf
    slack_most = np.inf  # no slack anywhere is larger (after the bottom: its own, in DM every node's)

    def prune_now() -> None:
        if best is not None:
            dead[lower_bound() > threshold] = True

    def evaluate(i: int, hub: bool = True) -> NodeScore:
        nonlocal best, best_score, threshold
        levels = tuple(nodes[i].tolist())
        score, _ = judge.score(levels, hub=hub)
        done[i] = True
        # Lower bounds: a successor costs at least this node's bound, and a predecessor
        # suppresses at least as many records; each suppressed record adds ``slack``.
        above, below = cones(levels)
        if score.slack < slack_most:  # else no slack above is larger (in DM: after the bottom, never)
            view = slack_cube[above]
            if best is not None and bool((view > score.slack).any()):
                prune_now()
            np.minimum(view, score.slack, out=view)
        view = bound_cube[above]
        np.maximum(view, score.bound, out=view)
        if score.suppressed:
            view = floor_cube[below]
            np.maximum(view, float(score.suppressed), out=view)
        if score.suppressed > judge.cap:
            dead_cube[below] = True
        elif score.feasible:
            candidate = (score.loss, int(height[i]), levels)
            if best is None or candidate < best:
                best, best_score = candidate, score
                threshold = best[0] + 1e-9 * abs(best[0])
        return score

    def lower_bound() -> np.ndarray:
        # ``slack`` is finite everywhere once the bottom (whose cone is the lattice) is evaluated.
        return bound + suppressed_at_least * slack

    def alive(i: int) -> bool:
        return not done[i] and not dead[i] and not bound[i] + suppressed_at_least[i] * slack[i] > threshold

    step_of = [int(v) for v in strides]
    top_of = [int(v) for v in top]
    radix_of = [[column.radix(level) for level in range(column.levels + 1)] for column in columns]

    def path_from(i: int, open_now: bytes) -> list[int]:
        """A path upward from node i through open nodes (``open_now``: one byte a node, nonzero where ``alive`` is now)."""
        path = [i]
        here = [int(v) for v in nodes[i]]
        while True:
            chosen = None
            for q in range(len(columns)):
                if here[q] < top_of[q]:
                    j = i + step_of[q]
                    if open_now[j]:
                        # Raise the attribute with the most distinct values at its level (as Datafly would).
                        option = (radix_of[q][here[q]], -q, j)
                        if chosen is None or option > chosen:
                            chosen = option
            if chosen is None:
                return path
            i = chosen[2]
            here[-chosen[1]] += 1
            path.append(i)

    # Flash-style: take the lowest node still open, lay a path upward through open nodes,
    # and binary-search it for the lowest node within the (tightening) suppression limit.
    # Each evaluation tags a cone: below a node over the limit nothing can win, nor above
    # a node whose lower bound exceeds the best loss.
    evaluate(0)
    slack_most = float(slack.max())
    # Probes first: the nodes with up to four quasi-identifiers at level 0 and the rest at
    # "*", finest first. Their histograms are small, and what they suppress every node
    # below them suppresses too, which rules out most of the fine nodes unevaluated.
    at_zero = (nodes == 0).sum(axis=1)
    family = ((nodes == 0) | (nodes == top)).all(axis=1)
    is_probe = family & (at_zero >= 1) & (at_zero <= _PROBE_FINE)
    # A few finer nodes of the same kind first, each counted once from the bottom: the probes
    # under them are then summed off their counts instead of each taking a trip over the bottom.
    for i in _probe_hubs(judge, nodes, family, at_zero):
        if alive(i):
            evaluate(i, hub=False)
    for i in np.flatnonzero(is_probe)[np.argsort(-at_zero[is_probe], kind="stable")]:
        if alive(int(i)):
            # A probe's key space is small: counted straight from the bottom, no hub made for it.
            evaluate(int(i), hub=False)
    # Nodes lowest first (ties: index order): the next start is the first of them still open.
    # A node once closed (evaluated, tagged, or bounded out) stays closed: bounds and floors only
    # rise, the threshold only falls, and what a falling slack would reopen is kept in ``dead``.
    # So the next start is never before the last one in this order.
    by_height = np.argsort(height, kind="stable")
    cursor = 0
    while True:
        open_now = ~(done | dead | (lower_bound() > threshold))
        still_open = open_now[by_height[cursor:]]
        first = int(np.argmax(still_open))
        if not still_open[first]:
            break
        cursor += first
        path = path_from(int(by_height[cursor]), open_now.tobytes())
        low, high = 0, len(path) - 1
        while low <= high:
            # The upper of two middles: the coarser node is the cheaper to count, and over the
            # limit it still settles the lower half (measured: about a tenth fewer nodes and
            # rows grouped at 10,000 to 1,000,000 people).
            middle = (low + high + 1) // 2
            if not alive(path[middle]):
                # Tagged meanwhile: by a lower bound (this and above cannot win: look lower) or
                # by suppression (this and below: look higher).
                if best is not None and bound[path[middle]] > best[0] + 1e-9 * abs(best[0]):  # noqa: SIM114
                    high = middle - 1
                else:
                    low = middle + 1
                continue
            score = evaluate(path[middle])
            if score.suppressed > judge.cap or (best is not None and score.suppressed * n > best[0] and judge.loss == "dm"):
                low = middle + 1
            else:
                high = middle - 1
    if best is None or best_score is None:
        return None
    return SearchResult(levels=best[2], score=best_score, stats=judge.stats)


def exhaustive(judge: NodeJudge) -> SearchResult | None:
    """Evaluate every node (for tests and the benchmark's optimum); same tie-break as ``search``."""
    nodes = _lattice(judge.columns)
    best: tuple[float, int, tuple[int, ...]] | None = None
    best_score = None
    for row in nodes:
        levels = tuple(int(v) for v in row)
        score, _ = judge.score(levels)
        if score.feasible:
            candidate = (score.loss, sum(levels), levels)
            if best is None or candidate < best:
                best, best_score = candidate, score
    if best is None or best_score is None:
        return None
    return SearchResult(levels=best[2], score=best_score, stats=judge.stats)
