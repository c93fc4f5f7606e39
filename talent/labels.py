"""The talent vocabulary as people read it: labels in the reader's language for codes, bands and cards.

A card holds codes and generalised bands (privacy engine output); a page never shows a
code as such. Region and province names have an English form of their own.
"""

from functools import cache

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from consent.models import EducationLevel, RoleCategory
from consent.parsing import skill_labels, skills_vocabulary
from consent.places import divisions
from privacy.hierarchies import OTHER_REGION, REGIONS
from privacy.vocabulary import FAMILY_NAMES, skill_label

from .rules import EXPERIENCE_BANDS, PROVINCES, TIER_LABELS

REGION_LABELS = {
    "华北": gettext_lazy("North China"),
    "东北": gettext_lazy("Northeast China"),
    "华东": gettext_lazy("East China"),
    "华中": gettext_lazy("Central China"),
    "华南": gettext_lazy("South China"),
    "西南": gettext_lazy("Southwest China"),
    "西北": gettext_lazy("Northwest China"),
    OTHER_REGION: gettext_lazy("Elsewhere"),
}
SUPPRESSED = "*"


def _chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


@cache
def _province_english() -> dict[str, str]:
    _provinces, _cities, by_pinyin = divisions()
    names: dict[str, str] = {}
    for pinyin, (short, _municipality) in by_pinyin.items():
        names.setdefault(short, pinyin.title())
    return names


def province_label(name: str) -> str:
    if name in REGION_LABELS:
        return str(REGION_LABELS[name]) if not _chinese() else name
    if _chinese():
        return name
    return _province_english().get(name, name)


def role_label(code: str) -> str:
    return str(RoleCategory(code).label) if code in RoleCategory.values else code


def education_label(code: str) -> str:
    if code in EducationLevel.values:
        return str(EducationLevel(code).label)
    if code in TIER_LABELS:
        return str(TIER_LABELS[code])
    return code


def experience_label(band: str) -> str:
    if band.endswith("+"):
        return _("%(n)s years or more") % {"n": band[:-1]}
    low, _sep, high = band.partition("-")
    return _("%(low)s–%(high)s years") % {"low": low, "high": high} if high else band


def salary_label(band: str) -> str:
    """A salary band of a card ("15000-19999", "20000+") as yuan a month."""
    if band.endswith("+"):
        return _("¥%(n)s a month or more") % {"n": f"{int(band[:-1]):,}"}
    low, _sep, high = band.partition("-")
    if high and low.isdigit() and high.isdigit():
        return _("¥%(low)s–%(high)s a month") % {"low": f"{int(low):,}", "high": f"{int(high):,}"}
    return band


def _value(label, value) -> str:
    if value in (None, "", SUPPRESSED):
        return _("Not shown (too few alike)")
    return label(str(value))


def card_skill_labels(values: list[str], language: str) -> list[str]:
    """A card's skills by name: skill ids, or skill families where too few cards share the skill itself."""
    return [skill_label(value, language) if value in FAMILY_NAMES else skill_labels([value], language)[0] for value in values]


def card_display(card: dict) -> dict:
    """A card with labels for every released attribute, for a page (the handle stays as it is)."""
    language = get_language() or "zh-hans"
    return {
        "handle": card["handle"],
        "role": _value(role_label, card.get("role_category")),
        "province": _value(province_label, card.get("province")),
        "experience": _value(experience_label, card.get("years_experience")),
        "education": _value(education_label, card.get("education_level")),
        "salary": _value(salary_label, card.get("expected_salary")),
        "skills": card_skill_labels(list(card.get("skills") or []), language),
    }


# --- choices for forms ----------------------------------------------------------------------------------


def role_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in RoleCategory.choices]


def province_choices() -> list[tuple[str, str]]:
    ordered = [province for provinces in REGIONS.values() for province in provinces if province in PROVINCES]
    return [(province, province_label(province)) for province in ordered]


def skill_choices() -> list[tuple[str, str]]:
    by_id, _lookup = skills_vocabulary()
    key = "zh" if _chinese() else "en"
    return sorted(((skill, by_id[skill][key]) for skill in by_id), key=lambda pair: pair[1].lower())


def experience_choices() -> list[tuple[str, str]]:
    return [(band, experience_label(band)) for band in EXPERIENCE_BANDS]


def education_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in EducationLevel.choices]
