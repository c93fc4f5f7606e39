"""Building product versions: the artefact, its privacy report and its exact membership."""

import csv
import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from consent.selectors import grant_ids_for, resumes_consented
from privacy.kanon import KAnonymityError, anonymize

from ..deferred import enqueue_on_commit
from ..exceptions import BuildError
from ..lock_objects import product_for_update
from ..models import DataProduct, ProductVersion, VersionMember

ACTIVE = (ProductVersion.Status.QUEUED, ProductVersion.Status.BUILDING)


@transaction.atomic
def version_build_start(*, product: DataProduct, by: User | None) -> ProductVersion:
    """Queue a build of the product's next version (one build at a time per product)."""
    from ..tasks import build_version

    product = product_for_update(product.pk).get()
    running = product.versions.filter(status__in=ACTIVE).first()
    if running is not None:
        return running
    if product.is_personal and not resumes_consented(provider=product.provider, purpose=product.purpose).exists():
        raise BuildError(
            _("No jobseeker has consented to this purpose with your organisation yet, so there is nothing to build."),
            code="no_consented_resumes",
        )
    number = (product.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ProductVersion.objects.create(product=product, number=number, created_by=by)
    enqueue_on_commit(build_version, version.pk)
    return version


def _progress(version: ProductVersion, percent: int) -> None:
    ProductVersion.objects.filter(pk=version.pk).update(progress=percent)


def _fail(version: ProductVersion, message: str) -> ProductVersion:
    ProductVersion.objects.filter(pk=version.pk).update(status=ProductVersion.Status.FAILED, error=message, progress=100)
    version.refresh_from_db()
    return version


def _resume_record(resume, year: int) -> dict:
    return {
        "age": year - resume.birth_year,
        "gender": resume.gender,
        "province": resume.province,
        "education_level": resume.education_level,
        "years_experience": resume.years_experience,
        "expected_salary": resume.expected_salary,
        "industry": resume.industry,
        "role_category": resume.role_category,
        "skills": list(resume.skills or []),
    }


def _csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, **({"skills": ";".join(row["skills"])} if "skills" in row else {})})
    return buffer.getvalue().encode("utf-8")


def version_build(*, version_id: int) -> ProductVersion:
    """Run one build. Claimed with a conditional update, so a duplicate task does nothing."""
    claimed = ProductVersion.objects.filter(pk=version_id, status=ProductVersion.Status.QUEUED).update(
        status=ProductVersion.Status.BUILDING, progress=5
    )
    version = ProductVersion.objects.select_related("product__provider").get(pk=version_id)
    if not claimed:
        return version
    product = version.product
    if product.kind == DataProduct.Kind.DATASET:
        return _build_dataset(version)
    if product.kind == DataProduct.Kind.RECORDS:
        return _build_records(version)
    return _fail(version, _("Builds of this product kind are not available yet."))


def _build_dataset(version: ProductVersion) -> ProductVersion:
    product = version.product
    try:
        with product.source_file.open("rb") as handle:
            data = handle.read()
        text = data.decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        rows = sum(1 for _ in reader)
    except (OSError, ValueError, UnicodeDecodeError, csv.Error) as exc:
        return _fail(version, _("The dataset file could not be read as UTF-8 CSV: %(error)s") % {"error": exc})
    if not header or rows == 0:
        return _fail(version, _("The dataset file has no header or no rows."))
    report = {"kind": "dataset", "columns": header, "rows": rows, "personal_data": False}
    return _finish(version, data, report, members=[])


def _build_records(version: ProductVersion) -> ProductVersion:
    product = version.product
    year = timezone.localdate().year
    resumes = list(
        resumes_consented(provider=product.provider, purpose=product.purpose)
        .order_by("id")
        .only(
            "id",
            "owner_id",
            "birth_year",
            "gender",
            "province",
            "education_level",
            "years_experience",
            "expected_salary",
            "industry",
            "role_category",
            "skills",
        )
    )
    if not resumes:
        return _fail(version, _("No jobseeker has consented to this purpose with your organisation yet."))
    _progress(version, 20)
    records = [_resume_record(resume, year) for resume in resumes]
    try:
        result = anonymize(
            records,
            quasi_identifiers=list(product.quasi_identifiers),
            k=product.k,
            max_suppression=product.max_suppression_bps / 10_000,
            set_fields=("skills",) if product.include_skills else (),
        )
    except KAnonymityError as exc:
        return _fail(version, _("The privacy check failed: %(reason)s") % {"reason": exc})
    _progress(version, 70)
    kept = [resumes[index] for index in result.kept_indices]
    columns = list(product.quasi_identifiers) + (["skills"] if product.include_skills else [])
    grants = grant_ids_for(provider=product.provider, purpose=product.purpose, user_ids=[r.owner_id for r in kept])
    members = [(resume.owner_id, grants[resume.owner_id]) for resume in kept if resume.owner_id in grants]
    if len(members) != len(kept):
        # Someone withdrew during the build: start again rather than sell without consent.
        return _fail(version, _("A member withdrew consent during the build; start a new build."))
    report = {
        "kind": "records",
        **result.report.as_dict(),
        "levels": result.levels,
        "input_records": len(records),
        "consent_coverage": 1.0,
        "personal_data": True,
    }
    return _finish(version, _csv_bytes(result.rows, columns), report, members=members)


@transaction.atomic
def _finish(version: ProductVersion, data: bytes, report: dict, *, members: list[tuple[int, int]]) -> ProductVersion:
    VersionMember.objects.bulk_create(
        [VersionMember(version=version, user_id=user_id, grant_id=grant_id, weight=1) for user_id, grant_id in members],
        batch_size=5000,
    )
    version.artefact.save(f"{version.product_id}-v{version.number}.csv", ContentFile(data), save=False)
    version.artefact_sha256 = hashlib.sha256(data).hexdigest()
    version.privacy_report = report
    version.member_count = len(members)
    version.status = ProductVersion.Status.READY
    version.progress = 100
    version.built_at = timezone.now()
    version.save(
        update_fields=["artefact", "artefact_sha256", "privacy_report", "member_count", "status", "progress", "built_at"]
    )
    return version


def versions_withdraw_for_grant(*, grant_id: int) -> list[int]:
    """Stop selling every version that holds this grant and queue rebuilds without the person."""
    with transaction.atomic():
        version_ids = list(
            VersionMember.objects.filter(grant_id=grant_id, version__status=ProductVersion.Status.READY).values_list(
                "version_id", flat=True
            )
        )
        ProductVersion.objects.filter(id__in=version_ids, status=ProductVersion.Status.READY).update(
            status=ProductVersion.Status.WITHDRAWN
        )
    product_ids = set(ProductVersion.objects.filter(id__in=version_ids).values_list("product_id", flat=True))
    for product in DataProduct.objects.filter(id__in=product_ids).order_by("id"):
        try:
            version_build_start(product=product, by=None)
        except BuildError:
            pass  # nobody left who consents: nothing to rebuild, and nothing stays on sale
    return version_ids
