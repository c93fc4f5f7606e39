"""A generated population skewed like a real one, integer coded for the privacy engine.

Provinces by their 2020 census population, ages around 32, experience that
follows age, log-normal expected salaries, Zipf-like industries and roles, and
3–8 skills a person drawn from the vocabulary with a long tail. Everything is
drawn with numpy in columns; no Python loop per person.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from privacy.encoding import SkillColumn, encode_column  # noqa: E402
from privacy.hierarchies import EDUCATION_LEVELS, HIERARCHIES  # noqa: E402
from privacy.release import EncodedTable  # noqa: E402
from privacy.vocabulary import FAMILIES, INDUSTRIES, ROLE_CATEGORIES, SKILL_FAMILY, SKILLS  # noqa: E402

# Seventh national census (2020), millions of residents.
CENSUS = {
    "广东": 126.0, "山东": 101.5, "河南": 99.4, "江苏": 84.7, "四川": 83.7, "河北": 74.6, "湖南": 66.4,
    "浙江": 64.6, "安徽": 61.0, "湖北": 57.8, "广西": 50.1, "云南": 47.2, "江西": 45.2, "辽宁": 42.6,
    "福建": 41.5, "陕西": 39.5, "贵州": 38.6, "山西": 34.9, "重庆": 32.1, "黑龙江": 31.9, "新疆": 25.9,
    "甘肃": 25.0, "上海": 24.9, "吉林": 24.1, "内蒙古": 24.0, "北京": 21.9, "天津": 13.9, "海南": 10.1,
    "宁夏": 7.2, "青海": 5.9, "西藏": 3.6,
}  # fmt: skip
QUASI_IDENTIFIERS = (
    "age",
    "gender",
    "province",
    "education_level",
    "years_experience",
    "expected_salary",
    "industry",
    "role_category",
)


def _zipf(count: int, s: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, count + 1) ** s
    return weights / weights.sum()


def population(n: int, *, seed: int = 2026, skills: bool = True) -> EncodedTable:
    rng = np.random.default_rng(seed)
    age = np.clip(np.rint(rng.normal(32, 8, n)), 18, 64).astype(np.int64)
    gender = rng.choice(3, n, p=[0.485, 0.505, 0.01])
    provinces = list(CENSUS)
    province = rng.choice(len(provinces), n, p=np.array(list(CENSUS.values())) / sum(CENSUS.values()))
    education = rng.choice(len(EDUCATION_LEVELS), n, p=[0.22, 0.30, 0.36, 0.10, 0.02])
    study = np.array([18, 21, 22, 25, 28])[education]
    experience = np.clip(np.rint(age - study + rng.normal(0, 2, n)), 0, 45).astype(np.int64)
    salary = np.clip(np.rint(rng.lognormal(np.log(9000), 0.55, n) / 100) * 100, 2000, 150_000).astype(np.int64)
    industry = rng.choice(len(INDUSTRIES), n, p=_zipf(len(INDUSTRIES), 1.1))
    role = rng.choice(len(ROLE_CATEGORIES), n, p=_zipf(len(ROLE_CATEGORIES), 1.0))
    raw = {
        "age": (age, None),
        "gender": (gender, ["F", "M", "U"]),
        "province": (province, provinces),
        "education_level": (education, list(EDUCATION_LEVELS)),
        "years_experience": (experience, None),
        "expected_salary": (salary, None),
        "industry": (industry, list(INDUSTRIES)),
        "role_category": (role, list(ROLE_CATEGORIES)),
    }
    columns = []
    for name in QUASI_IDENTIFIERS:
        values, names = raw[name]
        if names is None:
            distinct, indices = np.unique(values, return_inverse=True)
            columns.append(encode_column(name, HIERARCHIES[name], [int(v) for v in distinct], indices.reshape(-1)))
        else:
            columns.append(encode_column(name, HIERARCHIES[name], names, values))
    skill_column = _skills(rng, n) if skills else None
    return EncodedTable(columns=tuple(columns), n=n, skills=skill_column)


def _skills(rng: np.random.Generator, n: int) -> SkillColumn:
    vocabulary = len(SKILLS)
    popularity = np.log(_zipf(vocabulary, 1.05)[rng.permutation(vocabulary)])
    counts = rng.integers(3, 9, n)
    chunks = []
    for start in range(0, n, 100_000):
        stop = min(start + 100_000, n)
        # Gumbel top-c: a weighted sample without replacement for every person at once.
        keys = popularity + rng.gumbel(size=(stop - start, vocabulary))
        ranked = np.argsort(-keys, axis=1)[:, :8]
        take = np.arange(8) < counts[start:stop, None]
        chosen = np.sort(np.where(take, ranked, vocabulary), axis=1)
        chunks.append(chosen[chosen < vocabulary])
    family = {f: i for i, f in enumerate(FAMILIES)}
    return SkillColumn(
        name="skills",
        indptr=np.concatenate([[0], np.cumsum(counts)]),
        items=np.concatenate(chunks).astype(np.int32),
        vocabulary=SKILLS,
        family=np.array([family[SKILL_FAMILY[s]] for s in SKILLS], dtype=np.int32),
        families=FAMILIES,
    )
