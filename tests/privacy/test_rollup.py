"""Roll-ups of the lattice search: every node's class counts and DM score equal a direct count over the rows."""

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy import fulldomain
from privacy.encoding import encode_values
from tests.privacy.test_release import random_hierarchy


def direct_classes(columns, levels) -> Counter:
    """Class sizes at ``levels`` counted row by row, keyed by each class's codes."""
    n = len(columns[0].codes)
    return Counter(
        tuple(int(column.up[level][column.codes[row]]) for column, level in zip(columns, levels, strict=True)) for row in range(n)
    )


def listed(histogram) -> Counter:
    """A histogram's classes (codes of every quasi-identifier) and counts, read through its entries."""
    codes = [c.tolist() for c in histogram.codes]
    return Counter({tuple(c[i] for c in codes): int(count) for i, count in enumerate(histogram.counts.tolist())})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    columns=st.integers(min_value=1, max_value=5),
    n=st.integers(min_value=5, max_value=400),
    k=st.integers(min_value=2, max_value=6),
    cache=st.sampled_from([None, 0, 50]),
)
def test_rolled_up_counts_and_dm_scores_equal_a_direct_count(data, columns, n, k, cache):
    encoded = []
    for q in range(columns):
        hierarchy, leaves = data.draw(random_hierarchy(f"q{q}"))
        values = data.draw(st.lists(st.integers(min_value=0, max_value=leaves - 1), min_size=n, max_size=n))
        encoded.append(encode_values(f"q{q}", hierarchy, values))
    judge = fulldomain.NodeJudge(encoded, k=k, cap=n, cache_entries=cache)
    lattice = [tuple(int(v) for v in row) for row in fulldomain._lattice(encoded)]
    # Nodes in a drawn order, so each is rolled up from whatever finer node happens to be kept:
    # the bottom (one lookup per block), a listed histogram, or a dense count (sums over runs).
    order = data.draw(st.lists(st.sampled_from(lattice), min_size=1, max_size=25))
    for levels in order:
        hub = data.draw(st.booleans())
        score, histogram = judge.score(levels, hub=hub)
        expected = direct_classes(encoded, levels)
        sizes = np.array(list(expected.values()), dtype=np.int64)
        small = sizes < k
        suppressed = int(sizes[small].sum())
        assert score.suppressed == suppressed
        assert score.loss == float(int((sizes[~small] ** 2).sum()) + n * suppressed)
        assert score.bound == float(int((sizes * np.maximum(sizes, k)).sum()))
        assert score.classes == int((~small).sum())
        assert histogram.size == len(expected)
        assert listed(histogram) == expected


def test_a_dense_count_rolls_up_by_summing_runs_of_codes():
    """A node counted densely is rolled up from without listing its entries (and agrees with the rows)."""
    ages = [18 + (i * 7) % 47 for i in range(300)]
    years = [(i * 5) % 26 for i in range(300)]
    from privacy.hierarchies import HIERARCHIES

    columns = [
        encode_values("age", HIERARCHIES["age"], ages),
        encode_values("years_experience", HIERARCHIES["years_experience"], years),
    ]
    judge = fulldomain.NodeJudge(columns, k=3, cap=300)
    _, finer = judge.score((1, 1), hub=False)
    assert finer.dense is not None
    _, coarser = judge.score((2, 1), hub=False)
    assert finer.dense is not None  # still dense: the roll-up summed its bins
    assert listed(coarser) == direct_classes(columns, (2, 1))


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    shape=st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=4),
)
def test_summing_runs_by_a_matrix_product_equals_reduceat(data, shape):
    axis = data.draw(st.integers(min_value=0, max_value=len(shape) - 1))
    low = shape[axis]
    # Runs of adjacent codes: where each new code starts (the first always).
    starts = [0] + sorted(data.draw(st.sets(st.integers(min_value=1, max_value=max(low - 1, 1)))) - {low})
    mapping = np.zeros(low, dtype=np.int64)
    for start in starts[1:]:
        mapping[start:] += 1
    matrix = np.zeros((len(starts), low))
    matrix[mapping, np.arange(low)] = 1.0
    size = int(np.prod(shape))
    cube = np.array(data.draw(st.lists(st.integers(0, 1000), min_size=size, max_size=size)), dtype=np.float64).reshape(shape)
    assert np.array_equal(fulldomain._sum_runs(cube, axis, matrix), np.add.reduceat(cube, starts, axis=axis))


def test_summing_runs_in_pieces_equals_reduceat():
    """Products too large for one thread are taken in pieces, along the last axis and along an inner one."""
    rng = np.random.default_rng(7)
    starts = np.array([0, 4, 9, 13, 20, 26, 30])
    mapping = np.searchsorted(starts, np.arange(31), side="right") - 1
    matrix = np.zeros((len(starts), 31))
    matrix[mapping, np.arange(31)] = 1.0
    for shape, axis in (((20_000, 31), 1), ((3, 31, 2_000), 1), ((31, 9_000), 0)):
        cube = rng.integers(0, 50, shape).astype(np.float64)
        assert np.array_equal(fulldomain._sum_runs(cube, axis, matrix), np.add.reduceat(cube, starts, axis=axis))
