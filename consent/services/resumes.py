"""Writes for resumes: save (create or correct), confirm."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import User

from ..exceptions import ResumeError
from ..models import Resume
from ..parsing import skills_normalise, skills_split, skills_vocabulary

RESUME_FIELDS = (
    "full_name",
    "phone",
    "contact_email",
    "current_employer",
    "birth_year",
    "gender",
    "province",
    "city",
    "education_level",
    "field_of_study",
    "years_experience",
    "current_title",
    "industry",
    "role_category",
    "desired_role",
    "expected_salary",
    "skills",
    "other_skills",
    "work_history",
)
OTHER_SKILLS_MAX = 50  # names, each up to OTHER_SKILL_LENGTH characters
OTHER_SKILL_LENGTH = 100


def age_check(*, birth_year: int, today=None) -> None:
    """Adults only: refuse anyone who may be under the minimum age this year."""
    today = today or timezone.localdate()
    minimum = settings.EXCHANGE["MIN_AGE"]
    # Born in `birth_year`, a person is at most `year - birth_year` and at least one less.
    if today.year - birth_year - 1 < minimum:
        raise ResumeError(
            _("You must be at least %(age)d years old to use the exchange. A person born in %(year)d may be younger.")
            % {"age": minimum, "year": birth_year},
            code="under_age",
            fields={"birth_year": [_("Too young: you must be at least %(age)d.") % {"age": minimum}]},
        )
    if birth_year < today.year - 100:
        raise ResumeError(_("Enter a real birth year."), code="invalid_birth_year")


def _work_history_clean(entries) -> list[dict]:
    """Keep JSON Resume `work` entries with the four keys the portal edits."""
    cleaned = []
    for entry in entries or []:
        if not isinstance(entry, dict):
            continue
        item = {key: str(entry.get(key) or "").strip()[:200] for key in ("name", "position", "startDate")}
        item["endDate"] = str(entry.get("endDate") or "").strip()[:20] or None
        if item["name"] or item["position"]:
            cleaned.append(item)
    return cleaned


def _skill_names(value) -> list[str]:
    """The names in a box of skills ("Python, 项目管理、粤语") or a list of them."""
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").replace("；", ",").replace(";", ",").split(",")
    return [str(name).strip() for name in value or [] if str(name).strip()]


def _skills_sort(names: list[str]) -> tuple[list[str], list[str]]:
    """(vocabulary ids, other skills in the person's own spelling), each once, in the order given."""
    known, _unknown = skills_split(skills_normalise(names))
    _by_id, lookup = skills_vocabulary()
    other: dict[str, str] = {}
    for name in names:
        name = name.strip("·•-*.。 ")
        if name and name.lower() not in lookup:
            other.setdefault(name.casefold(), name)
    return known, list(other.values())


@transaction.atomic
def resume_save(*, user: User, data: dict) -> Resume:
    """Create or correct the person's resume. Any change returns it to draft until confirmed."""
    if not user.is_jobseeker:
        raise ResumeError(_("Only jobseekers have a resume."), code="not_a_jobseeker")
    age_check(birth_year=int(data["birth_year"]))
    values = {field: data.get(field) for field in RESUME_FIELDS if field in data}
    # A vocabulary skill typed in either box is a skill; any other name is one of the person's other skills.
    known, other = _skills_sort([*_skill_names(data.get("skills")), *_skill_names(data.get("other_skills"))])
    values["skills"] = sorted(set(known))
    if "other_skills" in data or other:
        if len(other) > OTHER_SKILLS_MAX or any(len(name) > OTHER_SKILL_LENGTH for name in other):
            raise ResumeError(
                _("List at most %(count)d other skills, each up to %(length)d characters.")
                % {"count": OTHER_SKILLS_MAX, "length": OTHER_SKILL_LENGTH},
                code="other_skills_too_long",
                fields={"other_skills": [_("Too many or too long.")]},
            )
        values["other_skills"] = other
    if "work_history" in data:
        values["work_history"] = _work_history_clean(data["work_history"])
    values["status"] = Resume.Status.DRAFT
    values["confirmed_at"] = None
    resume, created = Resume.objects.update_or_create(owner=user, defaults=values)
    audit_record(
        action="resume.created" if created else "resume.corrected",
        actor_id=user.pk,
        subject_id=user.pk,
        object_type="resume",
        object_id=resume.pk,
    )
    return resume


@transaction.atomic
def resume_confirm(*, resume: Resume) -> Resume:
    """The person has reviewed every field: from now on the resume may be used."""
    resume.status = Resume.Status.CONFIRMED
    resume.confirmed_at = timezone.now()
    resume.save(update_fields=["status", "confirmed_at"])
    audit_record(
        action="resume.confirmed", actor_id=resume.owner_id, subject_id=resume.owner_id, object_type="resume", object_id=resume.pk
    )
    return resume


def resume_viewed_by_staff(*, resume: Resume, by: User) -> None:
    """A member of staff opened this person's resume: the audit log keeps it."""
    audit_record(
        action="resume.viewed_by_staff", actor_id=by.pk, subject_id=resume.owner_id, object_type="resume", object_id=resume.pk
    )
