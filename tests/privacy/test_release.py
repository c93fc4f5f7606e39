"""The engine's releases: k on scalars (pycanon), k^m on skills, l, vocabulary only, optimal search."""

import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycanon import anonymity

from privacy import fulldomain, mondrian
from privacy.encoding import encode_values
from privacy.hierarchies import HIERARCHIES, REGIONS
from privacy.kmcheck import is_km_anonymous, is_l_diverse, km_violations
from privacy.release import PrivacyModel, PrivacyModelError, _cap, encode_records, generalise_records, records_without
from privacy.vocabulary import FAMILIES, SKILL_FAMILY, SKILLS

QIS = ["age", "gender", "province", "education_level", "industry"]
JUNK = ["8 years", "I am a hard-working person", "Python!!", "上海市浦东新区"]

record = st.fixed_dictionaries(
    {
        "age": st.integers(min_value=18, max_value=64),
        "gender": st.sampled_from(["F", "M", "U"]),
        "province": st.sampled_from(["广东", "广西", "北京", "上海", "浙江", "四川"]),
        "education_level": st.sampled_from(["associate", "bachelor", "master"]),
        "industry": st.sampled_from(["internet", "finance", "8 years", "CEO of Acme"]),
        "expected_salary": st.sampled_from([5000, 9000, 12000, 30000]),
        "skills": st.lists(st.sampled_from([*SKILLS[:12], *JUNK]), max_size=6),
    }
)
models = st.builds(
    PrivacyModel,
    k=st.integers(min_value=2, max_value=5),
    m=st.integers(min_value=1, max_value=3),
    max_suppression=st.sampled_from([0.0, 0.05, 0.2]),
    technique=st.sampled_from(["full-domain", "mondrian"]),
    loss=st.sampled_from(["dm", "gcp"]),
)


def pycanon_k(rows, qis) -> int:
    return anonymity.k_anonymity(pd.DataFrame([{q: str(row[q]) for q in qis} for row in rows]), qis)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(record, min_size=2, max_size=80), model=models)
def test_every_release_meets_k_by_pycanon_and_km_by_the_checker_with_vocabulary_values_only(records, model):
    try:
        release = generalise_records(records, quasi_identifiers=QIS, model=model)
    except PrivacyModelError as exc:
        assert exc.code in {"pool_too_small", "not_achievable"}
        return
    assert len(records) - len(release.rows) <= model.max_suppression * len(records) + 1e-9
    if not release.rows:
        return
    assert pycanon_k(release.rows, QIS) >= model.k
    assert is_km_anonymous(release.rows, QIS, "skills", k=model.k, m=model.m)
    released_skills = {skill for row in release.rows for skill in row["skills"]}
    assert released_skills <= set(SKILLS) | set(FAMILIES)
    assert {row["industry"] for row in release.rows} <= {"internet", "finance", "internet/finance", "finance/internet", "*"}
    text = repr(release.rows)
    for junk in [*JUNK, "CEO of Acme"]:
        assert junk not in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(record, min_size=10, max_size=80), l_value=st.integers(min_value=2, max_value=3), data=st.data())
def test_l_diversity_holds_in_every_released_class(records, l_value, data):
    technique = data.draw(st.sampled_from(["full-domain", "mondrian"]))
    model = PrivacyModel(k=2, m=1, max_suppression=0.2, sensitive="expected_salary", l=l_value, technique=technique)
    qis = ["age", "gender", "province"]
    try:
        release = generalise_records(records, quasi_identifiers=qis, model=model, set_field=None)
    except PrivacyModelError as exc:
        assert exc.code in {"l_too_large", "not_achievable"}
        return
    if release.rows:
        assert is_l_diverse(release.rows, qis, "expected_salary", l=l_value)
        frame = pd.DataFrame([{q: str(r[q]) for q in qis} | {"s": str(r["expected_salary"])} for r in release.rows])
        assert anonymity.l_diversity(frame, qis, ["s"]) >= l_value


small_lattice = st.lists(
    st.fixed_dictionaries(
        {
            "age": st.integers(min_value=18, max_value=60),
            "gender": st.sampled_from(["F", "M"]),
            "province": st.sampled_from(["广东", "广西", "北京", "上海", "四川", "新疆"]),
            "years_experience": st.integers(min_value=0, max_value=25),
        }
    ),
    min_size=5,
    max_size=150,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=small_lattice,
    k=st.integers(min_value=2, max_value=6),
    cap=st.sampled_from([0.0, 0.01, 0.05, 0.2]),
    loss=st.sampled_from(["dm", "gcp"]),
)
def test_the_search_finds_what_exhaustive_search_finds(records, k, cap, loss):
    qis = ["age", "gender", "province", "years_experience"]
    columns = [encode_values(q, HIERARCHIES[q], [r[q] for r in records]) for q in qis]
    model = PrivacyModel(k=k, max_suppression=cap, loss=loss)

    def judge():
        return fulldomain.NodeJudge(columns, k=k, cap=_cap(model, len(records)), loss=loss)

    found, optimum = fulldomain.search(judge()), fulldomain.exhaustive(judge())
    if optimum is None:
        assert found is None
        return
    assert found.score.loss == pytest.approx(optimum.score.loss, rel=1e-12)
    assert found.levels == optimum.levels


def test_the_search_judges_fewer_nodes_than_the_lattice_holds():
    records = [{"age": 18 + i % 40, "gender": "FM"[i % 2], "province": ["广东", "北京", "上海"][i % 3]} for i in range(300)]
    columns = [encode_values(q, HIERARCHIES[q], [r[q] for r in records]) for q in ("age", "gender", "province")]
    judge = fulldomain.NodeJudge(columns, k=5, cap=15)
    fulldomain.search(judge)
    assert judge.stats.evaluated < judge.stats.nodes


def test_km_checker_finds_a_pair_that_too_few_people_share():
    rows = [{"age": "20-29", "skills": ["python", "sql"]}] * 2 + [{"age": "20-29", "skills": ["python"]}] * 3
    rows += [{"age": "20-29", "skills": ["sql"]}] * 3
    assert is_km_anonymous(rows, ["age"], "skills", k=2, m=2)
    violations = km_violations(rows, ["age"], "skills", k=3, m=2)
    assert [(v.itemset, v.support) for v in violations] == [(("python", "sql"), 2)]
    assert is_km_anonymous(rows, ["age"], "skills", k=3, m=1)


@settings(max_examples=60, deadline=None)
@given(
    sets=st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=4), min_size=1, max_size=30),
    k=st.integers(min_value=1, max_value=5),
    m=st.integers(min_value=1, max_value=3),
)
def test_km_checker_agrees_with_the_definition(sets, k, m):
    from itertools import combinations

    rows = [{"c": "x", "skills": s} for s in sets]
    held = [set(s) for s in sets]
    expected = all(
        sum(1 for h in held if set(itemset) <= h) >= k
        for h in held
        for size in range(1, min(m, len(h)) + 1)
        for itemset in combinations(sorted(h), size)
    )
    assert is_km_anonymous(rows, ["c"], "skills", k=k, m=m) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(record, min_size=10, max_size=60), data=st.data())
def test_removing_a_buyers_blocked_people_keeps_k_and_km(records, data):
    model = PrivacyModel(k=3, m=2, max_suppression=0.2)
    try:
        release = generalise_records(records, quasi_identifiers=QIS, model=model)
    except PrivacyModelError:
        return
    drop = data.draw(st.sets(st.integers(min_value=0, max_value=max(len(release.rows) - 1, 0))))
    kept, skills = records_without(release.rows, quasi_identifiers=QIS, k=3, m=2, drop=drop)
    assert not set(kept) & drop
    remaining = [release.rows[i] | {"skills": skills[i]} for i in kept]
    if remaining:
        assert pycanon_k(remaining, QIS) >= 3
        assert is_km_anonymous(remaining, QIS, "skills", k=3, m=2)


@pytest.mark.parametrize(
    ("model", "code"),
    [
        (PrivacyModel(k=1), "k_too_small"),
        (PrivacyModel(m=0), "m_out_of_range"),
        (PrivacyModel(max_suppression=0.25), "suppression_out_of_range"),
        (PrivacyModel(sensitive="expected_salary", l=9), "l_too_large"),
        (PrivacyModel(k=50), "pool_too_small"),
    ],
)
def test_bad_models_are_refused_with_a_stable_code(model, code):
    records = [{"age": 30, "gender": "F", "expected_salary": 9000, "skills": []} for _ in range(10)]
    with pytest.raises(PrivacyModelError) as refused:
        generalise_records(records, quasi_identifiers=["age", "gender"], model=model)
    assert refused.value.code == code


def test_mondrian_cells_read_as_ranges_and_sets():
    rng = random.Random(3)
    provinces = ["广东", "广西", "海南", "北京", "上海", "四川", "浙江", "江苏"]
    records = [
        {
            "age": rng.randint(18, 64),
            "gender": rng.choice("FM"),
            "province": rng.choice(provinces),
            "years_experience": rng.randint(0, 30),
            "skills": [],
        }
        for _ in range(1000)
    ]
    release = generalise_records(
        records,
        quasi_identifiers=["age", "gender", "province", "years_experience"],
        model=PrivacyModel(k=5, technique="mondrian"),
    )
    ages = {row["age"] for row in release.rows}
    assert all("–" in age or age.count("-") == 1 for age in ages)
    column = encode_values("province", HIERARCHIES["province"], ["广东", "广西", "海南", "北京"])
    code = {label: i for i, label in enumerate(column.labels[0])}
    assert mondrian.cell_label(column, np.array([code["广东"], code["广西"]]))[0] == "广东/广西"
    assert mondrian.cell_label(column, np.array([code["广东"], code["广西"], code["海南"]]))[0] == "华南"
    assert release.report["c_avg"] <= 1.5


def test_every_skill_has_one_family_and_families_are_not_skills():
    assert set(SKILL_FAMILY) == set(SKILLS)
    assert not set(FAMILIES) & set(SKILLS)


def test_encoding_drops_values_outside_the_vocabulary():
    table = encode_records([{"industry": "8 years", "skills": ["python", "8 years", "Python"]}], quasi_identifiers=["industry"])
    assert table.columns[0].labels[0] == ("*",)
    assert [table.skills.vocabulary[i] for i in table.skills.items] == ["python"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sets=st.lists(st.lists(st.sampled_from(SKILLS[:20]), max_size=7), min_size=1, max_size=120),
    classes=st.integers(min_value=1, max_value=6),
    k=st.integers(min_value=2, max_value=4),
    m=st.integers(min_value=1, max_value=3),
    level=st.sampled_from([0, 1]),
    data=st.data(),
)
def test_the_blockwise_skills_repair_removes_what_the_general_one_removes(sets, classes, k, m, level, data):
    from privacy.encoding import encode_skills
    from privacy.skillsets import _km_repair_any, _repair_pairs, km_repair

    skills = encode_skills("skills", sets, vocabulary=SKILLS, family_of=SKILL_FAMILY, families=FAMILIES)
    row_class = np.array(data.draw(st.lists(st.integers(-1, classes - 1), min_size=len(sets), max_size=len(sets))))
    fast = km_repair(skills, level, row_class, classes, k=k, m=m)
    general = _km_repair_any(skills, level, row_class, classes, k=k, m=m)
    pairs = lambda rows, values: sorted(zip(rows.tolist(), values.tolist(), strict=True))  # noqa: E731
    assert pairs(fast[0], fast[1]) == pairs(general[0], general[1])
    if m <= 2:
        # The block-by-block pair repair, at either level (families take the mask path in km_repair).
        blockwise = _repair_pairs(skills, level, row_class, classes, k, m, 2, None)
        assert pairs(blockwise[0], blockwise[1]) == pairs(general[0], general[1])
    labels = skills.vocabulary if level == 0 else skills.families
    released = [[] for _ in sets]
    for row, value in zip(fast[0].tolist(), fast[1].tolist(), strict=True):
        released[row].append(labels[value])
    rows = [{"c": int(row_class[i]), "skills": released[i]} for i in range(len(sets)) if row_class[i] >= 0]
    assert is_km_anonymous(rows, ["c"], "skills", k=k, m=m)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sets=st.lists(st.lists(st.sampled_from(SKILLS[:12]), max_size=7), min_size=1, max_size=150),
    classes=st.integers(min_value=1, max_value=5),
    k=st.integers(min_value=2, max_value=4),
    m=st.integers(min_value=1, max_value=2),
    near=st.floats(min_value=0.5, max_value=1.5),
    data=st.data(),
)
def test_the_skill_level_repair_gives_up_only_when_it_must_lose_that_much(sets, classes, k, m, near, data):
    from privacy.encoding import encode_skills
    from privacy.skillsets import _repair_pairs

    skills = encode_skills("skills", sets, vocabulary=SKILLS, family_of=SKILL_FAMILY, families=FAMILIES)
    row_class = np.array(data.draw(st.lists(st.integers(-1, classes - 1), min_size=len(sets), max_size=len(sets))))
    whole = _repair_pairs(skills, 0, row_class, classes, k, m, 2, None)
    total = int(np.diff(skills.indptr)[row_class >= 0].sum())
    loss = (total - len(whole[0])) / total if total else 0.0
    give_up = min(loss * near, 1.0)  # around what it loses, where a bound too high would show
    quitting = _repair_pairs(skills, 0, row_class, classes, k, m, 2, give_up)
    if quitting is None:
        # Its bounds never exceed what the whole repair loses.
        assert total and loss >= give_up
    else:
        assert quitting[0].tolist() == whole[0].tolist() and quitting[1].tolist() == whole[1].tolist()
        assert loss < give_up or total == 0


@given(
    provinces=st.lists(
        st.sampled_from(["广东", "广西", "海南", "北京", "上海", "四川", "新疆", "西藏"]), min_size=2, unique=True
    ),
    extra=st.lists(st.sampled_from(["浙江", "江苏", "天津", "云南"]), unique=True),
    data=st.data(),
)
def test_a_set_cell_lists_its_members_in_one_fixed_order_whatever_the_data(provinces, extra, data):
    subset = data.draw(st.lists(st.sampled_from(provinces), min_size=2, max_size=3, unique=True))
    texts = set()
    for domain in (provinces, [*reversed(provinces), *extra]):
        column = encode_values("province", HIERARCHIES["province"], domain)
        code = {label: i for i, label in enumerate(column.labels[0])}
        for order in (subset, list(reversed(subset))):
            texts.add(mondrian.canonical_set("province", [column.labels[0][code[p]] for p in order]))
    assert len(texts) == 1
    members = texts.pop().split("/")
    regions_order = [p for ps in REGIONS.values() for p in ps]
    assert members == sorted(subset, key=regions_order.index)


def test_set_cells_of_closed_codes_follow_the_declared_order():
    column = encode_values("industry", HIERARCHIES["industry"], ["finance", "internet", "retail"])
    code = {label: i for i, label in enumerate(column.labels[0])}
    text, covered = mondrian.cell_label(column, np.array(sorted([code["finance"], code["internet"]])))
    assert (text, covered) == ("internet/finance", 2)


@st.composite
def random_hierarchy(draw, name: str):
    """A random nested hierarchy over 1..40 leaves: each level merges runs of the level below."""
    from privacy.hierarchies import Hierarchy

    leaves = draw(st.integers(min_value=1, max_value=40))
    depth = draw(st.integers(min_value=0, max_value=3))
    groups = [list(range(leaves))]
    for _ in range(depth):
        width = draw(st.integers(min_value=2, max_value=5))
        groups.append([g // width for g in groups[-1]])

    def step(level: int):
        return lambda value: f"{name}{level}-{groups[level][value]}"

    steps = tuple(step(level) for level in range(len(groups)))
    return Hierarchy(name, steps), leaves


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    columns=st.integers(min_value=1, max_value=5),
    n=st.integers(min_value=5, max_value=300),
    k=st.integers(min_value=2, max_value=6),
    cap=st.sampled_from([0.0, 0.02, 0.1, 0.2]),
    loss=st.sampled_from(["dm", "gcp"]),
    l_value=st.sampled_from([1, 2]),
)
def test_on_random_hierarchies_the_search_finds_what_exhaustive_search_finds(data, columns, n, k, cap, loss, l_value):
    encoded = []
    for q in range(columns):
        hierarchy, leaves = data.draw(random_hierarchy(f"q{q}"))
        values = data.draw(st.lists(st.integers(min_value=0, max_value=leaves - 1), min_size=n, max_size=n))
        encoded.append(encode_values(f"q{q}", hierarchy, values))
    sensitive = None
    if l_value > 1:
        sensitive = np.array(data.draw(st.lists(st.integers(min_value=0, max_value=3), min_size=n, max_size=n)), dtype=np.int32)
    model = PrivacyModel(k=k, max_suppression=cap, loss=loss)

    def judge():
        return fulldomain.NodeJudge(encoded, k=k, cap=_cap(model, n), loss=loss, sensitive=sensitive, l=l_value)

    found, optimum = fulldomain.search(judge()), fulldomain.exhaustive(judge())
    if optimum is None:
        assert found is None
        return
    assert found.score.loss == pytest.approx(optimum.score.loss, rel=1e-12)
    assert found.levels == optimum.levels


def test_a_set_too_long_to_list_reads_as_the_regions_that_hold_it():
    every = [p for ps in REGIONS.values() for p in ps]
    column = encode_values("province", HIERARCHIES["province"], every)
    code = {label: i for i, label in enumerate(column.labels[0])}
    present = np.array(sorted(code[p] for p in ["广东", "广西", "海南", "北京"]))
    assert mondrian.cell_label(column, present) == ("华北/华南", 8)
    spread = np.array(sorted(code[p] for p in ["北京", "辽宁", "上海", "河南", "广东"]))
    assert mondrian.cell_label(column, spread)[0] == "*"


@st.composite
def shallow_hierarchy(draw, name: str):
    """A hierarchy of 1..8 leaves and at most one level above them (small lattices over many columns)."""
    from privacy.hierarchies import Hierarchy

    leaves = draw(st.integers(min_value=1, max_value=8))
    width = draw(st.integers(min_value=2, max_value=4))
    steps = [lambda value: f"{name}0-{value}"]
    if draw(st.booleans()):
        steps.append(lambda value: f"{name}1-{value // width}")
    return Hierarchy(name, tuple(steps)), leaves


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    columns=st.integers(min_value=5, max_value=7),
    n=st.integers(min_value=5, max_value=300),
    k=st.integers(min_value=2, max_value=6),
    cap=st.sampled_from([0.0, 0.05, 0.2]),
    loss=st.sampled_from(["dm", "gcp"]),
)
def test_with_probe_hubs_the_search_finds_what_exhaustive_search_finds(data, columns, n, k, cap, loss):
    """With five to seven quasi-identifiers the probes may be rolled up from finer probes (hubs)."""
    encoded = []
    for q in range(columns):
        hierarchy, leaves = data.draw(shallow_hierarchy(f"q{q}"))
        values = data.draw(st.lists(st.integers(min_value=0, max_value=leaves - 1), min_size=n, max_size=n))
        encoded.append(encode_values(f"q{q}", hierarchy, values))
    model = PrivacyModel(k=k, max_suppression=cap, loss=loss)

    def judge():
        return fulldomain.NodeJudge(encoded, k=k, cap=_cap(model, n), loss=loss)

    saved = fulldomain._HUB_FIXED
    fulldomain._HUB_FIXED = 0  # hubs pay off even over a bottom of a few hundred entries
    try:
        found = fulldomain.search(judge())
    finally:
        fulldomain._HUB_FIXED = saved
    optimum = fulldomain.exhaustive(judge())
    if optimum is None:
        assert found is None
        return
    assert found.score.loss == pytest.approx(optimum.score.loss, rel=1e-12)
    assert found.levels == optimum.levels


def test_probe_hubs_are_chosen_when_the_bottom_is_large_and_the_search_stays_optimal():
    rng = np.random.default_rng(3)
    n = 40_000
    radices = (4, 3, 6, 5, 4, 7)
    columns = []
    for q, radix in enumerate(radices):
        from privacy.hierarchies import Hierarchy

        hierarchy = Hierarchy(f"q{q}", (lambda value, q=q: f"q{q}-{value}", lambda value, q=q: f"q{q}-{value // 2}"))
        columns.append(encode_values(f"q{q}", hierarchy, rng.integers(0, radix, n).tolist()))
    judge = fulldomain.NodeJudge(columns, k=5, cap=n // 20)
    nodes = fulldomain._lattice(columns)
    top = np.array([column.levels for column in columns])
    family = ((nodes == 0) | (nodes == top)).all(axis=1)
    hubs = fulldomain._probe_hubs(judge, nodes, family, (nodes == 0).sum(axis=1))
    assert hubs and all((nodes[h] == 0).sum() > fulldomain._PROBE_FINE for h in hubs)
    found = fulldomain.search(judge)
    optimum = fulldomain.exhaustive(fulldomain.NodeJudge(columns, k=5, cap=n // 20))
    assert found.levels == optimum.levels
    assert found.score.loss == optimum.score.loss
