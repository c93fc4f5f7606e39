"""k-anonymity: generalisation hierarchies, the generaliser, the checker, the report."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy.hierarchies import (
    EDUCATION_LEVELS,
    HIERARCHIES,
    OTHER_REGION,
    PROVINCE_REGION,
    REGIONS,
)
from privacy.kanon import (
    KAnonymityError,
    anonymize,
    is_k_anonymous,
    risk_report,
)

ALL_QIS = list(HIERARCHIES)

PROVINCES_31 = {
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
    "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
}  # fmt: skip


def generalise(qi, value, level):
    return HIERARCHIES[qi].generalise(value, level)


# --- hierarchies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (0, ["0-4", "0-9", "0-19", "*"]),
        (25, ["25-29", "20-29", "20-39", "*"]),
        (29, ["25-29", "20-29", "20-39", "*"]),
        (30, ["30-34", "30-39", "20-39", "*"]),
        (40, ["40-44", "40-49", "40-59", "*"]),
        (67, ["65-69", "60-69", "60-79", "*"]),
    ],
)
def test_age_climbs_five_ten_twenty_year_bands_then_star(age, expected):
    assert HIERARCHIES["age"].levels == 3
    assert [generalise("age", age, level) for level in range(4)] == expected


@pytest.mark.parametrize(
    ("years", "band", "coarse"),
    [
        (0, "0-2", "0-5"),
        (2, "0-2", "0-5"),
        (3, "3-5", "0-5"),
        (5, "3-5", "0-5"),
        (6, "6-10", "6+"),
        (10, "6-10", "6+"),
        (11, "11-20", "6+"),
        (20, "11-20", "6+"),
        (21, "21+", "6+"),
        (45, "21+", "6+"),
    ],
)
def test_experience_bands_at_every_edge(years, band, coarse):
    assert HIERARCHIES["years_experience"].levels == 2
    assert generalise("years_experience", years, 0) == band
    assert generalise("years_experience", years, 1) == coarse
    assert generalise("years_experience", years, 2) == "*"


@pytest.mark.parametrize(
    ("salary", "band", "coarse"),
    [
        (0, "0-4999", "0-19999"),
        (9999, "5000-9999", "0-19999"),
        (10000, "10000-14999", "0-19999"),
        (14999, "10000-14999", "0-19999"),
        (15000, "15000-19999", "0-19999"),
        (20000, "20000-24999", "20000-39999"),
        (123456, "120000-124999", "120000-139999"),
    ],
)
def test_salary_bands_of_5000_then_20000(salary, band, coarse):
    assert HIERARCHIES["expected_salary"].levels == 2
    assert generalise("expected_salary", salary, 0) == band
    assert generalise("expected_salary", salary, 1) == coarse
    assert generalise("expected_salary", salary, 2) == "*"


def test_gender_keeps_code_then_star():
    assert HIERARCHIES["gender"].levels == 1
    assert [generalise("gender", g, 0) for g in "FMU"] == ["F", "M", "U"]
    assert generalise("gender", "F", 1) == "*"
    with pytest.raises(ValueError, match="gender"):
        generalise("gender", "X", 0)


def test_all_31_provinces_map_to_one_of_seven_regions():
    assert set(PROVINCE_REGION) == PROVINCES_31
    assert set(REGIONS) == {"华北", "东北", "华东", "华中", "华南", "西南", "西北"}
    assert sum(len(provinces) for provinces in REGIONS.values()) == 31
    expected = {
        "广东": "华南",
        "北京": "华北",
        "上海": "华东",
        "浙江": "华东",
        "江苏": "华东",
        "四川": "西南",
        "湖北": "华中",
        "黑龙江": "东北",
        "新疆": "西北",
        "重庆": "西南",
        "内蒙古": "华北",
    }
    for province, region in expected.items():
        assert generalise("province", province, 0) == province
        assert generalise("province", province, 1) == region
        assert generalise("province", province, 2) == "*"


def test_official_province_names_join_the_short_name_class():
    assert generalise("province", "广东省", 0) == "广东"
    assert generalise("province", "北京市", 0) == "北京"
    assert generalise("province", "广西壮族自治区", 1) == "华南"
    assert generalise("province", "新疆维吾尔自治区", 0) == "新疆"


def test_unknown_province_goes_to_other_region():
    assert generalise("province", "香港", 0) == "香港"
    assert generalise("province", "香港", 1) == OTHER_REGION
    assert generalise("province", "Atlantis", 1) == OTHER_REGION


def test_education_splits_at_bachelor():
    tiers = [generalise("education_level", code, 1) for code in EDUCATION_LEVELS]
    assert tiers == ["below_bachelor", "below_bachelor"] + ["bachelor_or_above"] * 3
    assert generalise("education_level", "master", 0) == "master"
    assert generalise("education_level", "master", 2) == "*"
    with pytest.raises(ValueError, match="education_level"):
        generalise("education_level", "kindergarten", 0)


@pytest.mark.parametrize("qi", ["city", "industry", "role_category"])
def test_open_codes_go_straight_to_star(qi):
    assert HIERARCHIES[qi].levels == 1
    assert generalise(qi, "深圳", 0) == "深圳"
    assert generalise(qi, "深圳", 1) == "*"


@pytest.mark.parametrize("qi", ALL_QIS)
def test_missing_value_is_star_at_every_level(qi):
    hierarchy = HIERARCHIES[qi]
    for level in range(hierarchy.levels + 1):
        assert hierarchy.generalise(None, level) == "*"


@pytest.mark.parametrize("qi", ["age", "years_experience", "expected_salary"])
def test_numeric_qis_never_release_the_raw_number(qi):
    assert generalise(qi, 37, 0) != "37"
    with pytest.raises(ValueError, match="non-negative"):
        generalise(qi, -1, 0)
    with pytest.raises(TypeError):
        generalise(qi, True, 0)
    with pytest.raises(ValueError, match="level"):
        generalise(qi, 37, HIERARCHIES[qi].levels + 1)


# --- a small hand-made table --------------------------------------------------------

# (age, gender): at level 0 six classes, most of them small.
HAND_TABLE = [
    (21, "F"), (22, "F"), (23, "F"), (24, "M"), (26, "F"),
    (27, "F"), (28, "M"), (29, "M"), (61, "M"), (33, "F"),
]  # fmt: skip


def hand_records():
    return [
        {
            "name": f"Person {i}",
            "phone": "13812345678",
            "age": age,
            "gender": gender,
            "skills": ["python", "sql"] if i < 6 else ["python", "cobol"],
            "note": f"n{i}",
        }
        for i, (age, gender) in enumerate(HAND_TABLE)
    ]


def test_hand_table_raises_age_until_one_record_may_be_suppressed():
    # Level 0: 7 of 10 records in small classes, the cap lets 1 go. Age has 4 bands
    # against 2 genders, so age rises: at 20-29 two are at risk, at 20-39 only the
    # 61-year-old, who is suppressed.
    result = anonymize(hand_records(), quasi_identifiers=["age", "gender"], k=3, max_suppression=0.1)

    assert result.levels == {"age": 2, "gender": 0}
    assert result.kept_indices == [0, 1, 2, 3, 4, 5, 6, 7, 9]
    assert Counter((r["age"], r["gender"]) for r in result.rows) == {
        ("20-39", "F"): 6,
        ("20-39", "M"): 3,
    }
    report = result.report
    assert report.k_achieved == 3
    assert report.k_target == 3
    assert report.class_count == 2
    assert report.class_sizes == [3, 6]
    assert report.suppressed == 1
    assert report.suppression_rate == 0.1
    assert report.highest_prosecutor_risk == 0.333333
    assert report.records_at_risk == 0


def test_ties_in_distinct_values_go_to_the_first_quasi_identifier():
    # With no suppression allowed the 61-year-old forces one more step; age and
    # gender then both have 2 distinct values, and age comes first.
    result = anonymize(hand_records(), quasi_identifiers=["age", "gender"], k=3, max_suppression=0.0)
    assert result.levels == {"age": 3, "gender": 0}
    assert result.report.suppressed == 0
    assert result.report.class_sizes == [4, 6]

    # Listed the other way round, gender wins the tie and goes first; the
    # 61-year-old is still alone in 60-79, so age has to follow.
    swapped = anonymize(hand_records(), quasi_identifiers=["gender", "age"], k=3, max_suppression=0.0)
    assert swapped.levels == {"gender": 1, "age": 3}
    assert swapped.report.class_sizes == [10]


@pytest.mark.parametrize(
    ("cap", "age_level", "suppressed"),
    [(0.7, 0, 7), (0.69, 1, 2), (0.2, 1, 2), (0.19, 2, 1), (0.1, 2, 1), (0.09, 3, 0), (0.0, 3, 0)],
)
def test_generalisation_stops_as_soon_as_the_cap_allows(cap, age_level, suppressed):
    result = anonymize(hand_records(), quasi_identifiers=["age", "gender"], k=3, max_suppression=cap)
    assert result.levels["age"] == age_level
    assert result.report.suppressed == suppressed


@pytest.mark.parametrize(("cap", "city_level", "suppressed"), [(0.29, 0, 29), (0.28, 1, 0)])
def test_cap_is_compared_exactly_not_through_a_rounded_product(cap, city_level, suppressed):
    # 0.29 * 100 is 28.999... in floating point: 29 suppressions out of 100 must
    # still count as within a 0.29 cap.
    records = [{"city": "深圳"}] * 71 + [{"city": f"city {i}"} for i in range(29)]
    result = anonymize(records, quasi_identifiers=["city"], k=5, max_suppression=cap)
    assert result.levels == {"city": city_level}
    assert result.report.suppressed == suppressed
    assert result.report.suppression_rate == round(suppressed / 100, 6)


def test_rare_skills_are_dropped_and_identifiers_never_pass():
    result = anonymize(hand_records(), quasi_identifiers=["age", "gender"], k=5, max_suppression=0.0, carry=("note",))
    # Python is held by all 10 and SQL by 6; COBOL by only 4 of the released rows.
    assert [row["skills"] for row in result.rows] == ([["python", "sql"]] * 6 + [["python"]] * 4)
    for row in result.rows:
        assert set(row) == {"age", "gender", "skills", "note"}
    assert [row["note"] for row in result.rows] == [f"n{i}" for i in range(10)]


def test_skill_counts_use_released_records_only():
    records = hand_records()
    records[8]["skills"] = ["python", "cobol", "fortran"]  # the 61-year-old
    records[9]["skills"] = ["fortran"]
    for i in (0, 1):
        records[i]["skills"] = ["fortran"]
    # k=3: four holders of fortran before suppression, three after: kept.
    kept = anonymize(records, quasi_identifiers=["age", "gender"], k=3, max_suppression=0.1)
    assert 8 not in kept.kept_indices
    assert sum("fortran" in row["skills"] for row in kept.rows) == 3
    # One holder fewer: three in the input, but one of them is the suppressed
    # record, so only two are released and fortran must go.
    records[0]["skills"] = ["python"]
    dropped = anonymize(records, quasi_identifiers=["age", "gender"], k=3, max_suppression=0.1)
    assert 8 not in dropped.kept_indices
    assert all("fortran" not in row["skills"] for row in dropped.rows)


def test_a_skill_listed_twice_by_one_person_counts_once():
    records = hand_records()
    # Four mentions, two holders: below k=3.
    records[0]["skills"] = ["rust", "rust", "rust"]
    records[1]["skills"] = ["rust"]
    result = anonymize(records, quasi_identifiers=["age", "gender"], k=3, max_suppression=0.1)
    assert all("rust" not in row["skills"] for row in result.rows)


@pytest.mark.parametrize("count", [0, 1, 4])
def test_fewer_than_k_records_is_an_error_with_a_code(count):
    with pytest.raises(KAnonymityError) as caught:
        anonymize(hand_records()[:count], quasi_identifiers=["age"], k=5)
    assert caught.value.code == "too_few_records"
    assert "k=5" in str(caught.value)


def test_carrying_a_quasi_identifier_is_refused():
    with pytest.raises(ValueError, match="age"):
        anonymize(hand_records(), quasi_identifiers=["age"], k=2, carry=("age",))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": 1}, "k must"),
        ({"max_suppression": -0.1}, "max_suppression"),
        ({"max_suppression": 1.5}, "max_suppression"),
        ({"quasi_identifiers": ["shoe_size"]}, "shoe_size"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    arguments = {"quasi_identifiers": ["age"], "k": 2} | kwargs
    with pytest.raises(ValueError, match=message):
        anonymize(hand_records(), **arguments)


def test_report_figures_on_hand_made_rows():
    rows = [{"age": "20-29", "gender": "F"}] * 5 + [{"age": "20-29", "gender": "M"}] * 3
    rows += [{"age": "30-39", "gender": "F"}] * 2
    report = risk_report(rows, ["age", "gender"], total_input=12, k_target=3)
    assert report.k_achieved == 2
    assert report.class_count == 3
    assert report.class_sizes == [2, 3, 5]
    assert report.suppressed == 2
    assert report.suppression_rate == 0.166667
    assert report.highest_prosecutor_risk == 0.5
    assert report.records_at_risk == 2
    assert report.as_dict() == {
        "k_achieved": 2,
        "k_target": 3,
        "class_count": 3,
        "class_sizes": [2, 3, 5],
        "suppressed": 2,
        "suppression_rate": 0.166667,
        "highest_prosecutor_risk": 0.5,
        "records_at_risk": 2,
    }


def test_report_of_an_empty_release():
    report = risk_report([], ["age"], total_input=0, k_target=5)
    assert (report.k_achieved, report.class_count, report.highest_prosecutor_risk) == (0, 0, 0.0)
    assert report.suppression_rate == 0.0


def test_checker_rejects_a_single_small_class():
    rows = [{"age": "20-29", "gender": "F"}] * 3 + [{"age": "20-29", "gender": "M"}]
    assert is_k_anonymous(rows, ["age"], 4)
    assert not is_k_anonymous(rows, ["age", "gender"], 2)
    assert is_k_anonymous(rows, ["age", "gender"], 1)
    assert is_k_anonymous([], ["age"], 5)


# --- properties -------------------------------------------------------------------

# Small domains so that classes of size >= k actually form; a few wide ones
# (salary, city) so that generalisation has to work.
record_strategy = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=8),
        "phone": st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        "age": st.integers(16, 70) | st.none(),
        "gender": st.sampled_from(["F", "M", "U"]),
        "province": st.sampled_from([*sorted(PROVINCE_REGION)[:6], "广东省", "香港"]),
        "education_level": st.sampled_from(EDUCATION_LEVELS),
        "years_experience": st.integers(0, 30),
        "expected_salary": st.integers(2000, 90000),
        "industry": st.sampled_from(["it", "finance", "retail"]),
        "role_category": st.sampled_from(["engineer", "sales", "ops", "design"]),
        "skills": st.lists(st.sampled_from(["python", "java", "sql", "go", "rust", "excel"]), max_size=4),
        "note": st.sampled_from(["a", "b"]),
    },
    # A record may lack a field altogether; it must generalise like a missing value.
    optional={"city": st.sampled_from(["深圳", "广州", "杭州", "成都", "武汉", "大理"])},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(record_strategy, max_size=120),
    quasi_identifiers=st.lists(st.sampled_from(ALL_QIS), min_size=1, max_size=6, unique=True),
    k=st.integers(2, 10),
    cap=st.sampled_from([0.0, 0.01, 0.05, 0.1, 0.2, 0.29, 0.5]),
    carry_note=st.booleans(),
)
def test_every_release_is_k_anonymous_within_the_suppression_cap(records, quasi_identifiers, k, cap, carry_note):
    carry = ("note",) if carry_note else ()
    if len(records) < k:
        with pytest.raises(KAnonymityError):
            anonymize(records, quasi_identifiers=quasi_identifiers, k=k, max_suppression=cap, carry=carry)
        return

    result = anonymize(records, quasi_identifiers=quasi_identifiers, k=k, max_suppression=cap, carry=carry)
    rows = result.rows

    # k-anonymous by the library's checker and by a count made here.
    assert is_k_anonymous(rows, quasi_identifiers, k)
    sizes: dict[tuple, int] = {}
    for row in rows:
        key = tuple(row[q] for q in quasi_identifiers)
        sizes[key] = sizes.get(key, 0) + 1
    assert all(size >= k for size in sizes.values())

    # Suppression stays within the cap and is reported truthfully.
    suppressed = len(records) - len(rows)
    assert suppressed / len(records) <= cap
    assert result.report.suppressed == suppressed
    assert result.report.records_at_risk == 0
    assert result.report.k_achieved == (min(sizes.values()) if sizes else 0)
    assert result.report.class_sizes == sorted(sizes.values())

    # kept_indices are ascending and each row is its record at the chosen levels.
    assert result.kept_indices == sorted(set(result.kept_indices))
    assert len(result.kept_indices) == len(rows)
    for index, row in zip(result.kept_indices, rows, strict=True):
        record = records[index]
        for q in quasi_identifiers:
            assert row[q] == generalise(q, record.get(q), result.levels[q])
        assert set(row["skills"]) <= set(record["skills"])
        if carry:
            assert row["note"] == record["note"]

    # Only the records in small classes were dropped: recount every input record.
    all_keys = [tuple(generalise(q, record.get(q), result.levels[q]) for q in quasi_identifiers) for record in records]
    all_sizes = Counter(all_keys)
    expected_kept = [i for i, key in enumerate(all_keys) if all_sizes[key] >= k]
    assert result.kept_indices == expected_kept

    # Nothing but the allowed keys leaves.
    allowed = {*quasi_identifiers, "skills", *carry}
    for row in rows:
        assert set(row) == allowed
        assert row["skills"] == sorted(row["skills"])

    # Every released skill is held by at least k released rows.
    holders = Counter(skill for row in rows for skill in set(row["skills"]))
    assert all(count >= k for count in holders.values())
