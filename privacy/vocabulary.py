"""The shipped vocabularies: the only skills, roles and industries that may be released.

A value outside these lists is never released, however many people share it: a
resume parser can turn any line ("8 years", a sentence) into a "skill", and a
category that exists only because free text happened to repeat is free text.

Skills form a three-level hierarchy, skill → family → ``*`` (the families live in
``privacy/data/skill_families.json`` beside the vocabulary).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

_DATA = Path(__file__).parent / "data"

_skills = json.loads((_DATA / "skills.json").read_text("utf-8"))["skills"]
_families = json.loads((_DATA / "skill_families.json").read_text("utf-8"))["families"]

SKILLS: tuple[str, ...] = tuple(skill["id"] for skill in _skills)
SKILL_NAMES: dict[str, dict[str, str]] = {skill["id"]: {"en": skill["en"], "zh": skill["zh"]} for skill in _skills}
FAMILIES: tuple[str, ...] = tuple(family["id"] for family in _families)
FAMILY_NAMES: dict[str, dict[str, str]] = {family["id"]: {"en": family["en"], "zh": family["zh"]} for family in _families}
SKILL_FAMILY: dict[str, str] = {skill: family["id"] for family in _families for skill in family["skills"]}
FAMILY_SIZE: dict[str, int] = {family["id"]: len(family["skills"]) for family in _families}

# The resume form's closed choices (consent.models.Industry / RoleCategory), kept
# here as plain data because this package imports nothing of the project.
INDUSTRIES: tuple[str, ...] = (
    "internet",
    "finance",
    "manufacturing",
    "education",
    "healthcare",
    "retail",
    "logistics",
    "public",
    "other",
)
ROLE_CATEGORIES: tuple[str, ...] = ("engineering", "data", "product", "sales", "finance", "operations", "hr", "other")

# Scalar fields with a closed vocabulary; a value outside it is released as missing ("*").
CLOSED_FIELDS: dict[str, frozenset[str]] = {
    "industry": frozenset(INDUSTRIES),
    "role_category": frozenset(ROLE_CATEGORIES),
}
SKILL_SET = frozenset(SKILLS)

if set(SKILL_FAMILY) != SKILL_SET:  # pragma: no cover - guarded by a test on the shipped files
    raise RuntimeError("every skill must belong to exactly one family")


def vocabulary_skills(values: Iterable[Any] | None) -> list[str]:
    """The person's skills that are in the vocabulary, deduplicated, in vocabulary order."""
    held = {value.strip().lower() for value in values or () if isinstance(value, str)}
    return [skill for skill in SKILLS if skill in held]


def vocabulary_record(record: Mapping[str, Any], *, set_fields: Iterable[str] = ("skills",)) -> dict[str, Any]:
    """A copy of ``record`` with every closed-vocabulary value outside its vocabulary dropped.

    Closed scalar fields (industry, role category) become ``None`` (released as
    ``"*"``); set fields keep only vocabulary skills.
    """
    cleaned = dict(record)
    for name, domain in CLOSED_FIELDS.items():
        if name in cleaned and cleaned[name] not in domain:
            cleaned[name] = None
    for name in set_fields:
        if name in cleaned:
            cleaned[name] = vocabulary_skills(cleaned[name])
    return cleaned


def skill_label(value: str, language: str = "en") -> str:
    """A skill's or family's name in ``language`` ("en" or "zh"); ``value`` itself if unknown."""
    names = SKILL_NAMES.get(value) or FAMILY_NAMES.get(value)
    if names is None:
        return value
    return names["zh" if language.startswith("zh") else "en"]
