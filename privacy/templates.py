"""Allow-listed clean-room query templates.

A buyer never sends SQL or code: they pick one of these templates and fill in
its parameters, each validated against a closed domain. A template turns the
parameters into a ``QueryPlan``: neutral filter conditions (field, operator,
value) that the exchange translates into its database query, and the aggregate
to compute. ``release`` then adds OpenDP noise and applies the threshold.

What this protects: a buyer sees only noised aggregates, suppressed on noisy
counts under ``threshold``, each query ε-differentially private whatever its
outcome, and each person's lifetime ε bounds what any sequence of queries can
learn about them. What it does not: the exchange's operators run the query on
raw data (there is no attested hardware).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from privacy import dp
from privacy.hierarchies import EDUCATION_LEVELS, PROVINCE_REGION

PROVINCES = tuple(sorted(PROVINCE_REGION))
ROLE_CATEGORIES = ("engineering", "data", "product", "sales", "finance", "operations", "hr", "other")
# A public vocabulary, fixed in advance: reporting only skills that happen to
# occur in the data would itself reveal something about the people in it. It is
# the same vocabulary resumes are normalised against (privacy/data/skills.json).
SKILLS = tuple(skill["id"] for skill in json.loads((Path(__file__).parent / "data" / "skills.json").read_text("utf-8"))["skills"])
SALARY_BANDS = ((0, 4999), (5000, 9999), (10000, 14999), (15000, 19999), (20000, 29999), (30000, 49999), (50000, None))
EXPERIENCE_BANDS = ((0, 2), (3, 5), (6, 10), (11, 20), (21, None))
# Skills counted per person at most: the L1 sensitivity of the skills histogram.
MAX_SKILLS_PER_PERSON = 5
MAX_SKILLS_IN_QUERY = 3


class TemplateError(ValueError):
    """Bad template name or parameters; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class QueryPlan:
    template: str
    params: dict[str, Any]
    # (field, op, value), op in: eq, gte, in, has_all
    filters: tuple[tuple[str, str, Any], ...]
    # count | histogram | top_values
    aggregate: str
    field: str = ""
    bands: tuple[tuple[int, int | None], ...] = ()
    vocabulary: tuple[str, ...] = ()
    sensitivity: int = 1


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    description: str
    params: tuple[str, ...]
    required: tuple[str, ...] = field(default=())


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template(
            "candidates_count",
            "Number of candidates",
            "People matching skills, province, minimum experience and minimum education.",
            ("skills", "province", "min_experience", "min_education"),
        ),
        Template(
            "salary_distribution",
            "Expected-salary distribution",
            "Expected monthly salary bands for a role category in a province.",
            ("role_category", "province"),
            ("role_category",),
        ),
        Template(
            "top_skills",
            "Most common skills",
            "The most common skills for a role category in a province.",
            ("role_category", "province"),
            ("role_category",),
        ),
        Template(
            "experience_distribution",
            "Experience distribution",
            "Years-of-experience bands for a role category in a province.",
            ("role_category", "province"),
        ),
    )
}


# The JSON Schema of each parameter: what the API documents, and what `plan(..., strict=True)` accepts exactly.
PARAMETERS: dict[str, dict[str, Any]] = {
    "province": {"type": "string", "enum": list(PROVINCES)},
    "role_category": {"type": "string", "enum": list(ROLE_CATEGORIES)},
    "min_experience": {"type": "integer", "minimum": 0, "maximum": 50, "description": "Years"},
    "min_education": {"type": "string", "enum": list(EDUCATION_LEVELS), "description": "This level or a higher one"},
    "skills": {
        "type": "array",
        "items": {"type": "string", "enum": list(SKILLS)},
        "maxItems": MAX_SKILLS_IN_QUERY,
        "description": "People holding all of these skills",
    },
}


def params_schema(template: str) -> dict[str, Any]:
    """The JSON Schema of one template's ``params``: its parameters, the required ones, nothing else."""
    spec = TEMPLATES[template]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: PARAMETERS[name] for name in spec.params},
        "additionalProperties": False,
    }
    if spec.required:
        schema["required"] = list(spec.required)
    return schema


_TEXT_CODES = {"province": "bad_province", "role_category": "bad_role", "min_education": "bad_education"}


def _exact(name: str, value: Any) -> None:
    """Refuse a value whose JSON form differs from PARAMETERS[name] (text for a number, null, one skill as text...)."""
    if name == "min_experience":
        if isinstance(value, bool) or not isinstance(value, int | float) or (isinstance(value, float) and not value.is_integer()):
            raise TemplateError("bad_experience", "minimum experience must be a whole number of years")
    elif name == "skills":
        if not isinstance(value, list) or not all(isinstance(skill, str) and skill in SKILLS for skill in value):
            raise TemplateError("bad_skill", "skills must be a list of skill ids from the vocabulary")
        if len(value) > MAX_SKILLS_IN_QUERY:
            raise TemplateError("too_many_skills", f"at most {MAX_SKILLS_IN_QUERY} skills per query")
    elif name in _TEXT_CODES and not (isinstance(value, str) and value in PARAMETERS[name]["enum"]):
        raise TemplateError(_TEXT_CODES[name], f"{name} must be one of its listed values")


def _band_label(band: tuple[int, int | None]) -> str:
    low, high = band
    return f"{low}+" if high is None else f"{low}-{high}"


def band_of(value: int | None, bands: Sequence[tuple[int, int | None]]) -> str | None:
    if value is None:
        return None
    for low, high in bands:
        if value >= low and (high is None or value <= high):
            return _band_label((low, high))
    return None


def _clean(name: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    value = raw.get(name)
    if value in (None, "", []):
        return {}
    if name == "province":
        if value not in PROVINCES:
            raise TemplateError("bad_province", f"unknown province {value!r}")
        return {name: value}
    if name == "role_category":
        if value not in ROLE_CATEGORIES:
            raise TemplateError("bad_role", f"unknown role category {value!r}")
        return {name: value}
    if name == "min_education":
        if value not in EDUCATION_LEVELS:
            raise TemplateError("bad_education", f"unknown education level {value!r}")
        return {name: value}
    if name == "min_experience":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise TemplateError("bad_experience", "minimum experience must be a whole number of years") from None
        if not 0 <= number <= 50:
            raise TemplateError("bad_experience", "minimum experience must be between 0 and 50 years")
        return {name: number}
    if name == "skills":
        skills = [value] if isinstance(value, str) else list(value)
        skills = sorted({str(skill).strip().lower() for skill in skills if str(skill).strip()})
        unknown = [skill for skill in skills if skill not in SKILLS]
        if unknown:
            raise TemplateError("bad_skill", f"skills outside the vocabulary: {', '.join(unknown)}")
        if len(skills) > MAX_SKILLS_IN_QUERY:
            raise TemplateError("too_many_skills", f"at most {MAX_SKILLS_IN_QUERY} skills per query")
        return {name: skills} if skills else {}
    raise TemplateError("bad_param", f"unknown parameter {name!r}")


def plan(template: str, raw: Mapping[str, Any], *, strict: bool = False) -> QueryPlan:
    """Validate a template's parameters and return what to compute.

    Parameters not declared by the template are refused, never ignored: an
    unexpected key is a client bug or a probe. ``strict`` (the JSON API) takes each
    value only in the exact form ``params_schema`` documents; otherwise (forms) an
    empty value means "not given" and skills are normalised.
    """
    spec = TEMPLATES.get(template)
    if spec is None:
        raise TemplateError("unknown_template", f"unknown query template {template!r}")
    extra = sorted(set(raw) - set(spec.params))
    if extra:
        raise TemplateError("bad_param", f"parameters not accepted by this template: {', '.join(extra)}")
    params: dict[str, Any] = {}
    for name in spec.params:
        if strict and name in raw:
            _exact(name, raw[name])
        params.update(_clean(name, raw))
    missing = [name for name in spec.required if name not in params]
    if missing:
        raise TemplateError("missing_param", f"required: {', '.join(missing)}")
    filters: list[tuple[str, str, Any]] = []
    if "province" in params:
        filters.append(("province", "eq", params["province"]))
    if "role_category" in params:
        filters.append(("role_category", "eq", params["role_category"]))
    if "min_experience" in params:
        filters.append(("years_experience", "gte", params["min_experience"]))
    if "min_education" in params:
        at_least = EDUCATION_LEVELS[EDUCATION_LEVELS.index(params["min_education"]) :]
        filters.append(("education_level", "in", tuple(at_least)))
    if "skills" in params:
        filters.append(("skills", "has_all", tuple(params["skills"])))
    if template == "candidates_count":
        return QueryPlan(template, params, tuple(filters), "count")
    if template == "salary_distribution":
        return QueryPlan(template, params, tuple(filters), "histogram", "expected_salary", SALARY_BANDS)
    if template == "experience_distribution":
        return QueryPlan(template, params, tuple(filters), "histogram", "years_experience", EXPERIENCE_BANDS)
    return QueryPlan(
        template, params, tuple(filters), "top_values", "skills", vocabulary=SKILLS, sensitivity=MAX_SKILLS_PER_PERSON
    )


def histogram_counts(values_with_counts: Sequence[tuple[int | None, int]], bands) -> list[int]:
    """True counts per band from (raw value, number of people) pairs grouped by the database."""
    labels = [_band_label(band) for band in bands]
    counts = dict.fromkeys(labels, 0)
    for value, number in values_with_counts:
        label = band_of(value, bands)
        if label is not None:
            counts[label] += number
    return [counts[label] for label in labels]


def skill_counts(skill_lists: Sequence[Sequence[str]], vocabulary: Sequence[str]) -> list[int]:
    """People holding each vocabulary skill, counting at most MAX_SKILLS_PER_PERSON skills per person."""
    return skill_counts_grouped([(skills, 1) for skills in skill_lists], vocabulary)


def skill_counts_grouped(lists_with_counts: Sequence[tuple[Sequence[str] | None, int]], vocabulary: Sequence[str]) -> list[int]:
    """``skill_counts`` from (skill list, number of people holding exactly that list) pairs grouped by the database."""
    index = {skill: position for position, skill in enumerate(vocabulary)}
    counts = [0] * len(vocabulary)
    for skills, number in lists_with_counts:
        known = sorted({str(skill).strip().lower() for skill in skills or ()} & index.keys())
        for skill in known[:MAX_SKILLS_PER_PERSON]:
            counts[index[skill]] += number
    return counts


NoisyCounts = Callable[..., list[int]]


def release(
    query: QueryPlan,
    *,
    people: int,
    true_value,
    epsilon: float | Decimal,
    threshold: int,
    noise: NoisyCounts = dp.noisy_counts,
) -> dict[str, Any]:
    """Noise the aggregate; suppress on noisy counts only. The caller charges ε whatever the outcome.

    ``people`` is the true number of distinct people matching the filters. Every
    decision to suppress is taken on a noisy value, never on a true one, so the
    answer (suppressed or not) is ε-differentially private:

    - a count is noised with all of ε and suppressed when the noisy count is under
      ``threshold``;
    - a histogram or a skills list spends ε/2 on a noisy number of people (the
      whole result is suppressed when it is under ``threshold``) and ε/2 on the
      noisy counts, each bin or skill being suppressed when its own noisy count is
      under ``threshold``.

    Clipping at zero and suppression are post-processing and cost no extra ε.
    ``noise(counts, epsilon=, sensitivity=)`` draws the noise (OpenDP's discrete Laplace).
    """
    suppressed = {"suppressed": True, "reason": "fewer_than_threshold", "threshold": threshold}
    if query.aggregate == "count":
        (noisy,) = noise([int(people if true_value is None else true_value)], epsilon=epsilon, sensitivity=1)
        return suppressed if noisy < threshold else {"suppressed": False, "count": max(noisy, 0)}
    half = Decimal(str(epsilon)) / 2
    (noisy_people,) = noise([int(people)], epsilon=half, sensitivity=1)
    if noisy_people < threshold:
        return suppressed
    noisy = noise([int(value) for value in true_value], epsilon=half, sensitivity=query.sensitivity)
    if query.aggregate == "histogram":
        labels = [_band_label(band) for band in query.bands]
        bins = [
            {"band": label, "count": value if value >= threshold else None, "suppressed": value < threshold}
            for label, value in zip(labels, noisy, strict=True)
        ]
        return {"suppressed": False, "bins": bins}
    ranked = sorted(
        ((value, skill) for skill, value in zip(query.vocabulary, noisy, strict=True) if value >= threshold),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return {"suppressed": False, "skills": [{"skill": skill, "count": count} for count, skill in ranked[:10]]}
