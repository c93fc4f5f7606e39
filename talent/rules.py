"""The vocabulary a talent search filters on, and the exchange's invitation terms."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from consent.models import EducationLevel, RoleCategory
from privacy.hierarchies import PROVINCE_REGION
from privacy.templates import SKILLS

from .models import TalentRules

# The bands cards release at their finest (privacy.hierarchies' years_experience level 0).
EXPERIENCE_BANDS: dict[str, tuple[int, int | None]] = {
    "0-2": (0, 2),
    "3-5": (3, 5),
    "6-10": (6, 10),
    "11-20": (11, 20),
    "21+": (21, None),
}
PROVINCES = tuple(PROVINCE_REGION)
ROLE_CATEGORIES = tuple(RoleCategory.values)
EDUCATION_LEVELS = tuple(EducationLevel.values)
SKILL_IDS = SKILLS
MAX_CARDS = 100
MAX_SKILLS = 5

TIER_LABELS = {"below_bachelor": _("Below bachelor's degree"), "bachelor_or_above": _("Bachelor's degree or above")}


def talent_k() -> int:
    """k of the exchange's settings: a search answers only when at least this many people match."""
    return int(settings.EXCHANGE.get("TALENT_K", settings.EXCHANGE["DEFAULT_K"]))


def talent_m() -> int:
    """m of k^m on card skills: an employer who knows up to this many of a person's skills still matches k cards."""
    return int(settings.EXCHANGE.get("TALENT_M", 2))


def talent_rules() -> TalentRules:
    """The staff-set terms (the defaults of the model until staff save a row)."""
    return TalentRules.objects.order_by("id").first() or TalentRules()
