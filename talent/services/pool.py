"""The consented pool: who may be found, kept as indexed rows that searches filter in the database."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import User
from consent.exceptions import ConsentAlreadyGranted
from consent.models import ConsentGrant, ConsentNotice, Purpose, Resume
from consent.services import consent_grant
from privacy.hierarchies import PROVINCE_REGION, normalise_province

from ..exceptions import TalentError
from ..models import EDUCATION_RANK, PoolRow, PoolTag, TalentProfile
from ..rules import PROVINCES, ROLE_CATEGORIES, SKILL_IDS


def _has_talent_consent(user_id: int) -> bool:
    return ConsentGrant.objects.filter(user_id=user_id, purpose=Purpose.TALENT, withdrawn_at__isnull=True).exists()


@transaction.atomic
def pool_refresh(*, user_id: int) -> bool:
    """Rebuild one person's pool row from their confirmed resume and preferences; remove it if they are not eligible.

    Eligible: a confirmed resume, talent preferences, and an active grant of the
    talent purpose. Only vocabulary values enter the pool (province names,
    role categories, skill ids); free text never does.
    """
    resume = Resume.objects.filter(owner_id=user_id, status=Resume.Status.CONFIRMED).first()
    profile = TalentProfile.objects.filter(user_id=user_id).first()
    if resume is None or profile is None or not _has_talent_consent(user_id):
        PoolRow.objects.filter(user_id=user_id).delete()
        return False
    province = normalise_province(resume.province)
    row, _created = PoolRow.objects.update_or_create(
        user_id=user_id,
        defaults={
            "role_category": resume.role_category,
            "province": province if province in PROVINCE_REGION else "",
            "years_experience": resume.years_experience,
            "education_rank": EDUCATION_RANK.get(resume.education_level, 0),
            "education_level": resume.education_level,
            "expected_salary": resume.expected_salary,
            "min_salary": profile.min_monthly_salary,
            "remote_ok": profile.remote_ok,
        },
    )
    open_roles = [role for role in profile.role_categories if role in ROLE_CATEGORIES] or [resume.role_category]
    open_provinces = [p for p in profile.provinces if p in PROVINCE_REGION] or ([row.province] if row.province else [])
    skills = [skill for skill in (resume.skills or []) if skill in SKILL_IDS]
    tags = {
        *((PoolTag.Kind.OPEN_ROLE, value) for value in open_roles),
        *((PoolTag.Kind.OPEN_PROVINCE, value) for value in open_provinces),
        *((PoolTag.Kind.SKILL, value) for value in skills),
    }
    PoolTag.objects.filter(row=row).delete()
    PoolTag.objects.bulk_create([PoolTag(row=row, kind=kind, value=value) for kind, value in sorted(tags)])
    return True


def _clean_profile(data: dict) -> tuple[dict, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    roles = list(dict.fromkeys(data.get("role_categories") or []))
    provinces = list(dict.fromkeys(data.get("provinces") or []))
    if any(role not in ROLE_CATEGORIES for role in roles):
        errors["role_categories"] = [_("Choose role categories from the list.")]
    if any(province not in PROVINCES for province in provinces):
        errors["provinces"] = [_("Choose provinces from the list.")]
    minimum = data.get("min_monthly_salary")
    if minimum in ("", None):
        minimum = None
    else:
        try:
            minimum = int(minimum)
        except (TypeError, ValueError):
            minimum = -1
        if not 0 < minimum <= 1_000_000:
            errors["min_monthly_salary"] = [_("Enter a monthly salary in whole yuan between 1 and 1,000,000, or leave it empty.")]
    try:
        cap = int(data.get("weekly_cap") or 0)
    except (TypeError, ValueError):
        cap = 0
    if not 1 <= cap <= 50:
        errors["weekly_cap"] = [_("Allow between 1 and 50 invitations a week.")]
    reveal = {name: bool(data.get(f"reveal_{name}")) for name in ("name", "email", "phone")}
    if not any(reveal.values()):
        errors["reveal_email"] = [_("Choose at least one contact detail an accepted invitation reveals.")]
    cleaned = {
        "role_categories": roles,
        "provinces": provinces,
        "remote_ok": bool(data.get("remote_ok")),
        "min_monthly_salary": minimum,
        "weekly_cap": cap,
        **{f"reveal_{name}": value for name, value in reveal.items()},
    }
    return cleaned, errors


@transaction.atomic
def talent_profile_save(*, user: User, data: dict) -> TalentProfile:
    """Save what the person is open to and what acceptance reveals; their pool row follows at once."""
    if not user.is_jobseeker:
        raise TalentError(_("Only jobseekers can join the talent pool."), code="not_a_jobseeker")
    cleaned, errors = _clean_profile(data)
    if errors:
        raise TalentError(_("Check your talent preferences."), code="invalid_preferences", fields=errors)
    profile, _created = TalentProfile.objects.update_or_create(user=user, defaults=cleaned)
    pool_refresh(user_id=user.pk)
    audit_record(
        action="talent.preferences_saved",
        actor_id=user.pk,
        subject_id=user.pk,
        object_type="talent_profile",
        object_id=profile.pk,
    )
    return profile


@transaction.atomic
def talent_join(*, user: User, notice: ConsentNotice, data: dict, language: str) -> TalentProfile:
    """Grant the talent purpose (a consent of its own, with its receipt) and save the preferences, together."""
    if notice.purpose != Purpose.TALENT:
        raise TalentError(_("This notice is not for the talent pool."), code="wrong_notice")
    profile = talent_profile_save(user=user, data=data)
    try:
        consent_grant(user=user, notice=notice, language=language)
    except ConsentAlreadyGranted:
        pass  # already consenting: the preferences are what changed
    pool_refresh(user_id=user.pk)
    return profile
