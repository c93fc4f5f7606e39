"""Writes for the jobseeker portal: resumes, notices, grants and withdrawals."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .exceptions import ConsentAlreadyGranted, ConsentError, ResumeError
from .models import ConsentGrant, ConsentNotice, Resume
from .signals import consent_withdrawn

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
)


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


@transaction.atomic
def resume_save(*, user: User, data: dict) -> Resume:
    """Create or correct the person's resume. Any change returns it to draft until confirmed."""
    if not user.is_jobseeker:
        raise ResumeError(_("Only jobseekers have a resume."), code="not_a_jobseeker")
    age_check(birth_year=int(data["birth_year"]))
    skills = data.get("skills") or []
    if isinstance(skills, str):
        skills = [part.strip() for part in skills.replace("，", ",").split(",") if part.strip()]
    values = {field: data.get(field) for field in RESUME_FIELDS if field in data}
    values["skills"] = sorted({skill.lower() for skill in skills})
    values["status"] = Resume.Status.DRAFT
    values["confirmed_at"] = None
    resume, _created = Resume.objects.update_or_create(owner=user, defaults=values)
    return resume


def resume_confirm(*, resume: Resume) -> Resume:
    """The person has reviewed every field: from now on the resume may be used."""
    resume.status = Resume.Status.CONFIRMED
    resume.confirmed_at = timezone.now()
    resume.save(update_fields=["status", "confirmed_at"])
    return resume


def notice_publish(*, notice: ConsentNotice, by: User) -> ConsentNotice:
    """Publish a notice; from then on it is immutable."""
    if notice.is_published:
        raise ConsentError(_("This notice is already published; publish a new version instead."), code="already_published")
    notice.published_at = timezone.now()
    notice.save(update_fields=["published_at"])
    return notice


@transaction.atomic
def consent_grant(*, user: User, notice: ConsentNotice, language: str, channel: str = ConsentGrant.Channel.WEB) -> ConsentGrant:
    """Record one purpose's consent against the exact notice text the person saw."""
    if not user.is_jobseeker:
        raise ConsentError(_("Only jobseekers can give consent."), code="not_a_jobseeker")
    if not notice.is_published:
        raise ConsentError(_("This notice is not published."), code="notice_unpublished")
    latest = (
        ConsentNotice.objects.filter(provider=notice.provider, purpose=notice.purpose, published_at__isnull=False)
        .order_by("-version")
        .first()
    )
    if latest is not None and latest.pk != notice.pk:
        raise ConsentError(
            _("This notice has been replaced by a newer version; please read the new one."), code="notice_outdated"
        )
    try:
        with transaction.atomic():
            return ConsentGrant.objects.create(
                user=user,
                notice=notice,
                purpose=notice.purpose,
                provider=notice.provider,
                language=language,
                text_hash=notice.text_hash(language),
                channel=channel,
            )
    except IntegrityError as exc:
        raise ConsentAlreadyGranted(_("You have already given this consent.")) from exc


@transaction.atomic
def consent_withdraw(*, grant: ConsentGrant, by: User) -> ConsentGrant:
    """Withdraw at once; the exchange hears of it after commit through `consent_withdrawn`."""
    if grant.user_id != by.pk:
        raise ConsentError(_("You can only withdraw your own consent."), code="not_owner")
    updated = ConsentGrant.objects.filter(pk=grant.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    grant.refresh_from_db()
    if updated:
        transaction.on_commit(lambda: consent_withdrawn.send(sender=ConsentGrant, grant_id=grant.pk, user_id=grant.user_id))
    return grant
