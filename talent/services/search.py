"""Anonymous talent search: filter the consented pool in the database, answer with k-anonymous cards.

Cards come from the privacy engine's optimal full-domain search (``privacy.release``):
the set of cards one search returns is k-anonymous on the attributes a card shows and
k^m-anonymous on its skills, and is checked again by pycanon and the k^m checker
(``privacy.gate``) before the search answers.
"""

import hashlib
import hmac
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Merchant, User
from config.errors import ForbiddenError
from consent.models import ConsentGrant, EmployerBlock, Purpose
from privacy.gate import table_passes
from privacy.release import PrivacyModel, PrivacyModelError, generalise_records

from ..exceptions import SearchRateLimited, TalentError
from ..models import EDUCATION_RANK, Handle, PoolRow, PoolTag, SearchLog
from ..rules import (
    EDUCATION_LEVELS,
    EXPERIENCE_BANDS,
    MAX_CARDS,
    MAX_SKILLS,
    PROVINCES,
    ROLE_CATEGORIES,
    SKILL_IDS,
    talent_k,
    talent_m,
    talent_rules,
)

# What a card releases, generalised together by the privacy engine. No age, no gender:
# they are not for an employer to select on.
CARD_QUASI_IDENTIFIERS = ["role_category", "province", "years_experience", "education_level", "expected_salary"]


@dataclass(frozen=True)
class SearchFilters:
    role_category: str = ""
    province: str = ""
    skills: tuple[str, ...] = ()
    experience: str = ""
    education: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    remote: bool = False

    def as_dict(self) -> dict:
        return {key: (list(value) if isinstance(value, tuple) else value) for key, value in asdict(self).items()}


@dataclass
class SearchResult:
    answered: bool
    k: int
    cards: list[dict] = field(default_factory=list)
    more: bool = False


def _int_or_none(value, name: str, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= 1_000_000:
        errors[name] = [_("Enter a monthly salary in whole yuan between 0 and 1,000,000.")]
        return None
    return number


def filters_clean(data: dict) -> SearchFilters:
    """Vocabulary filters from a form or a request body; anything outside the vocabulary is refused."""
    errors: dict[str, list[str]] = {}
    role = (data.get("role_category") or "").strip()
    if role and role not in ROLE_CATEGORIES:
        errors["role_category"] = [_("Choose a role category from the list.")]
    province = (data.get("province") or "").strip()
    if province and province not in PROVINCES:
        errors["province"] = [_("Choose a province from the list.")]
    skills = data.get("skills") or []
    if isinstance(skills, str):
        skills = [part for part in skills.replace("，", ",").split(",")]
    skills = tuple(dict.fromkeys(str(skill).strip() for skill in skills if str(skill).strip()))
    if any(skill not in SKILL_IDS for skill in skills):
        errors["skills"] = [_("Choose skills from the skills vocabulary.")]
    elif len(skills) > MAX_SKILLS:
        errors["skills"] = [_("Search for at most %(n)s skills at once.") % {"n": MAX_SKILLS}]
    experience = (data.get("experience") or "").strip()
    if experience and experience not in EXPERIENCE_BANDS:
        errors["experience"] = [_("Choose an experience band from the list.")]
    education = (data.get("education") or "").strip()
    if education and education not in EDUCATION_LEVELS:
        errors["education"] = [_("Choose an education level from the list.")]
    salary_min = _int_or_none(data.get("salary_min"), "salary_min", errors)
    salary_max = _int_or_none(data.get("salary_max"), "salary_max", errors)
    if salary_min is not None and salary_max is not None and salary_max < salary_min:
        errors["salary_max"] = [_("The upper end of the salary range is below the lower end.")]
    remote = data.get("remote")
    if remote in (True, "1", "true", "True", "on", "yes"):
        remote = True
    elif remote in (None, False, "", "0", "false", "False", "off", "no"):
        remote = False
    else:
        errors["remote"] = [_("Say true or false for remote work.")]
    if errors:
        raise TalentError(_("Check the search filters."), code="invalid_filters", fields=errors)
    return SearchFilters(
        role_category=role,
        province=province,
        skills=skills,
        experience=experience,
        education=education,
        salary_min=salary_min,
        salary_max=salary_max,
        remote=remote,
    )


def pool_matching(*, merchant: Merchant, filters: SearchFilters) -> QuerySet[PoolRow]:
    """The pool rows matching `filters` that `merchant` may find: consenting now, and not blocking it.

    Everything is decided in one indexed query; no person is loaded to be tested in Python.
    """

    def tag(kind: str, value: str):
        return Exists(PoolTag.objects.filter(row_id=OuterRef("pk"), kind=kind, value=value))

    rows = PoolRow.objects.filter(
        Exists(ConsentGrant.objects.filter(user_id=OuterRef("user_id"), purpose=Purpose.TALENT, withdrawn_at__isnull=True))
    ).exclude(Exists(EmployerBlock.objects.filter(user_id=OuterRef("user_id"), merchant=merchant)))
    if filters.role_category:
        rows = rows.filter(tag(PoolTag.Kind.OPEN_ROLE, filters.role_category))
    if filters.province:
        rows = rows.filter(tag(PoolTag.Kind.OPEN_PROVINCE, filters.province))
    for skill in filters.skills:
        rows = rows.filter(tag(PoolTag.Kind.SKILL, skill))
    if filters.experience:
        low, high = EXPERIENCE_BANDS[filters.experience]
        rows = rows.filter(years_experience__gte=low)
        if high is not None:
            rows = rows.filter(years_experience__lte=high)
    if filters.education:
        rows = rows.filter(education_rank__gte=EDUCATION_RANK[filters.education])
    if filters.salary_min is not None:
        rows = rows.filter(expected_salary__gte=filters.salary_min)
    if filters.salary_max is not None:
        rows = rows.filter(expected_salary__lte=filters.salary_max)
    if filters.remote:
        rows = rows.filter(remote_ok=True)
    return rows


def handle_for(*, merchant_id: int, user_id: int) -> str:
    """The opaque name `merchant` knows this person by. Keyed on both ids, so two employers' handles never match."""
    key = hmac.new(settings.SECRET_KEY.encode(), b"talent-handle-key", hashlib.sha256).digest()
    digest = hmac.new(key, f"{merchant_id}:{user_id}".encode(), hashlib.sha256).hexdigest()
    return f"c_{digest[:24]}"


def _rate_check(merchant: Merchant) -> None:
    limit = talent_rules().searches_per_hour
    recent = SearchLog.objects.filter(merchant=merchant, created_at__gte=timezone.now() - timedelta(hours=1)).count()
    if recent >= limit:
        raise SearchRateLimited(
            _("Your organisation has run %(n)s talent searches in the last hour, the most allowed; try again later.")
            % {"n": limit}
        )


def cards_release(records: list[dict], *, k: int, m: int) -> list[dict] | None:
    """Cards for ``records`` (one per person: the card attributes, ``skills`` and ``handle``), or None.

    Every record gets a card (no suppression: a person who matches is not hidden from
    the employer), generalised together by the engine's optimal full-domain search;
    skills are made k^m-anonymous inside each class. None when the engine cannot
    release them or the cards fail the independent check: then the search does not answer.
    """
    model = PrivacyModel(k=k, m=m, max_suppression=0.0, technique="full-domain")
    try:
        released = generalise_records(
            records, quasi_identifiers=CARD_QUASI_IDENTIFIERS, model=model, set_field="skills", carry=("handle",)
        )
    except PrivacyModelError:
        return None
    cards = released.rows
    if not table_passes(cards, quasi_identifiers=CARD_QUASI_IDENTIFIERS, k=k, m=m, set_field="skills"):
        return None
    # Cards in handle order: an order that says nothing about the people (not recency, not id).
    return sorted(cards, key=lambda card: card["handle"])


def _cards(merchant: Merchant, rows: list[dict], k: int) -> list[dict] | None:
    skills: dict[int, list[str]] = {}
    for user_id, value in PoolTag.objects.filter(row_id__in=[r["user_id"] for r in rows], kind=PoolTag.Kind.SKILL).values_list(
        "row_id", "value"
    ):
        skills.setdefault(user_id, []).append(value)
    records = [
        {
            **{name: row[name] for name in CARD_QUASI_IDENTIFIERS},
            "skills": sorted(skills.get(row["user_id"], [])),
            "handle": handle_for(merchant_id=merchant.pk, user_id=row["user_id"]),
        }
        for row in rows
    ]
    cards = cards_release(records, k=k, m=talent_m())
    if cards is None:
        return None
    Handle.objects.bulk_create(
        [
            Handle(merchant=merchant, user_id=row["user_id"], handle=record["handle"])
            for row, record in zip(rows, records, strict=True)
        ],
        ignore_conflicts=True,
    )
    return cards


@transaction.atomic
def talent_search(*, merchant: Merchant, by: User | None, filters: SearchFilters, channel: str = "web") -> SearchResult:
    """Search the consented pool for `merchant` (verified employers only), logged and rate-limited.

    Fewer than k matches: no cards at all, and no count. Otherwise up to MAX_CARDS
    cards, generalised together so that every combination of released attributes is
    shown on at least k of them, and anyone knowing those attributes and up to m of a
    person's skills matches no card or at least k (see ``cards_release``).
    """
    if not merchant.is_verified:
        raise ForbiddenError(_("Only verified organisations can search for talent."), code="not_verified")
    _rate_check(merchant)
    k = talent_k()
    rows = pool_matching(merchant=merchant, filters=filters)
    values = list(
        rows.order_by("-updated_at", "user_id").values(
            "user_id", "role_category", "province", "years_experience", "education_level", "expected_salary"
        )[: MAX_CARDS + 1]
    )
    more = len(values) > MAX_CARDS
    values = values[:MAX_CARDS]
    result = SearchResult(answered=len(values) >= k, k=k, more=more)
    outcome = SearchLog.Outcome.ANSWERED if result.answered else SearchLog.Outcome.TOO_FEW
    if result.answered:
        cards = _cards(merchant, values, k)
        if cards is None:
            result.answered, result.more, outcome = False, False, SearchLog.Outcome.WITHHELD
        else:
            result.cards = cards
    SearchLog.objects.create(
        merchant=merchant,
        run_by=by,
        channel=channel,
        filters=filters.as_dict(),
        outcome=outcome,
        cards=len(result.cards),
    )
    return result
