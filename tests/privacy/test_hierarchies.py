"""The generalisation hierarchies every release climbs: bands, regions, tiers, and "*" at the top."""

import pytest

from privacy.hierarchies import (
    EDUCATION_LEVELS,
    HIERARCHIES,
    OTHER_REGION,
    PROVINCE_REGION,
    REGIONS,
)

ALL_QIS = list(HIERARCHIES)

PROVINCES_31 = {
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
    "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
}  # fmt: skip


def generalise(qi, value, level):
    return HIERARCHIES[qi].generalise(value, level)


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
