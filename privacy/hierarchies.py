"""Value generalisation hierarchies for the quasi-identifiers of a resume record.

Each hierarchy is a ladder of levels. Level 0 is the finest value that may ever
leave the exchange, and the top level (``Hierarchy.levels``) is always ``"*"``.

Numeric quasi-identifiers (age, years of experience, expected salary) start at
a band, never at the raw number: an exact age or an exact salary is too close to
a direct identifier to be released even when k-anonymity would allow it, and
starting at a band keeps the lattice search small. So the
levels below are one lower than "raw value = level 0" numbering would give.

A missing value (``None`` or ``""``) generalises to ``"*"`` at every level: it is
the least informative value there is, so it can only ever widen a class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

SUPPRESSED = "*"

Step = Callable[[object], str]


@dataclass(frozen=True)
class Hierarchy:
    """A generalisation ladder for one quasi-identifier.

    ``steps[i]`` renders a raw value at level ``i``; the level after the last step
    is ``"*"``, so ``levels == len(steps)`` is the highest level.
    """

    name: str
    steps: tuple[Step, ...]

    @property
    def levels(self) -> int:
        """The highest level, at which every value is ``"*"``."""
        return len(self.steps)

    def generalise(self, value: object, level: int) -> str:
        """Return ``value`` generalised to ``level`` (0 = finest, ``levels`` = ``"*"``).

        Raises ``ValueError`` for a level outside ``0..levels`` or a value outside
        the hierarchy's domain (negative numbers, unknown codes), and
        ``TypeError`` for a value of the wrong type: bad input should stop a
        build rather than be released as something it is not.
        """
        if not 0 <= level <= self.levels:
            raise ValueError(f"{self.name}: level {level} is outside 0..{self.levels}")
        if level == self.levels or value is None or value == "":
            return SUPPRESSED
        return self.steps[level](value)


def _non_negative_int(name: str, value: object) -> int:
    # bool is an int subclass; True as an age is a bug upstream, not a 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name}: expected an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name}: expected a non-negative int, got {value}")
    return value


def _fixed_band(name: str, width: int) -> Step:
    """Bands of ``width`` aligned on multiples of it: width 5 gives "25-29"."""

    def step(value: object) -> str:
        low = _non_negative_int(name, value) // width * width
        return f"{low}-{low + width - 1}"

    return step


def _custom_band(name: str, bands: Sequence[tuple[int, int | None]]) -> Step:
    """Bands with hand-chosen edges; ``(21, None)`` is open-ended and renders "21+"."""

    def step(value: object) -> str:
        number = _non_negative_int(name, value)
        for low, high in bands:
            if number >= low and (high is None or number <= high):
                return f"{low}+" if high is None else f"{low}-{high}"
        raise ValueError(f"{name}: {number} falls in no band")  # bands must cover 0..inf

    return step


def _code(name: str, domain: frozenset[str] | None = None) -> Step:
    """The value itself as a string, checked against ``domain`` when it is closed."""

    def step(value: object) -> str:
        text = str(value).strip()
        if domain is not None and text not in domain:
            raise ValueError(f"{name}: unknown value {text!r}")
        return text

    return step


def _lookup(name: str, mapping: dict[str, str]) -> Step:
    def step(value: object) -> str:
        text = str(value).strip()
        try:
            return mapping[text]
        except KeyError:
            raise ValueError(f"{name}: unknown value {text!r}") from None

    return step


# The seven conventional geographic regions of mainland China, covering all 31
# province-level divisions (Hong Kong, Macao and Taiwan are out of scope and fall
# to OTHER_REGION like any unknown name).
REGIONS: dict[str, tuple[str, ...]] = {
    "华北": ("北京", "天津", "河北", "山西", "内蒙古"),
    "东北": ("辽宁", "吉林", "黑龙江"),
    "华东": ("上海", "江苏", "浙江", "安徽", "福建", "江西", "山东"),
    "华中": ("河南", "湖北", "湖南"),
    "华南": ("广东", "广西", "海南"),
    "西南": ("重庆", "四川", "贵州", "云南", "西藏"),
    "西北": ("陕西", "甘肃", "青海", "宁夏", "新疆"),
}
OTHER_REGION = "其他"
PROVINCE_REGION: dict[str, str] = {province: region for region, provinces in REGIONS.items() for province in provinces}

# Forms may hold either the short or the official name ("广东省", "广西壮族自治区");
# both must land in the same class, or the long spelling becomes a rare value.
_PROVINCE_SUFFIXES = (
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "自治区",
    "省",
    "市",
)


def normalise_province(value: object) -> str:
    """Return the short name of a province-level division, or the stripped input."""
    text = str(value).strip()
    if text in PROVINCE_REGION:
        return text
    for suffix in _PROVINCE_SUFFIXES:
        short = text.removesuffix(suffix)
        if short != text and short in PROVINCE_REGION:
            return short
    return text


def _province_region(value: object) -> str:
    return PROVINCE_REGION.get(normalise_province(value), OTHER_REGION)


GENDERS = frozenset({"F", "M", "U"})

EDUCATION_LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate")
_EDUCATION_TIER = {
    "high_school": "below_bachelor",
    "associate": "below_bachelor",
    "bachelor": "bachelor_or_above",
    "master": "bachelor_or_above",
    "doctorate": "bachelor_or_above",
}

HIERARCHIES: dict[str, Hierarchy] = {
    # "25-29" -> "20-29" -> "20-39" -> "*"
    "age": Hierarchy(
        "age",
        (_fixed_band("age", 5), _fixed_band("age", 10), _fixed_band("age", 20)),
    ),
    "gender": Hierarchy("gender", (_code("gender", GENDERS),)),
    # "广东" -> "华南" -> "*"
    "province": Hierarchy("province", (normalise_province, _province_region)),
    # A hierarchy sees one value at a time, and no city-to-province table is kept
    # here, so a city cannot climb to its province: it goes straight to "*".
    # Release `province` as a quasi-identifier as well to keep coarse geography.
    "city": Hierarchy("city", (_code("city"),)),
    "education_level": Hierarchy(
        "education_level",
        (
            _code("education_level", frozenset(EDUCATION_LEVELS)),
            _lookup("education_level", _EDUCATION_TIER),
        ),
    ),
    # "0-2" / "3-5" / "6-10" / "11-20" / "21+" -> "0-5" / "6+" -> "*"
    "years_experience": Hierarchy(
        "years_experience",
        (
            _custom_band("years_experience", ((0, 2), (3, 5), (6, 10), (11, 20), (21, None))),
            _custom_band("years_experience", ((0, 5), (6, None))),
        ),
    ),
    # yuan per month: "10000-14999" -> "0-19999" -> "*"
    "expected_salary": Hierarchy(
        "expected_salary",
        (_fixed_band("expected_salary", 5000), _fixed_band("expected_salary", 20000)),
    ),
    "industry": Hierarchy("industry", (_code("industry"),)),
    "role_category": Hierarchy("role_category", (_code("role_category"),)),
}
