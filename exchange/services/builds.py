"""Building product versions: the artefact, its privacy report and its exact membership.

A build that fails a check ends FAILED with the reason in its report and never
becomes sellable. Every released table is checked for k a second time, by a
checker that does not share code with the generaliser.
"""

import csv
import dataclasses
import hashlib
import io
import json
import logging
import smtplib
from datetime import datetime, timedelta
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Case, Max, OuterRef, Subquery, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.roles import Capability, capability_require
from config.csvsafe import csv_cell, neutralised_csv
from config.deferred import enqueue_on_commit
from config.files import StorageUnavailable, storage_reading, storage_writing
from consent.models import ConsentGrant, Resume
from consent.selectors import grant_ids_for, resumes_consented
from privacy import budget as accountant
from privacy import dp
from privacy.gate import pycanon_k, table_passes
from privacy.kmcheck import is_km_anonymous
from privacy.release import PrivacyModel, PrivacyModelError, generalise_records, records_without
from privacy.templates import EXPERIENCE_BANDS, SALARY_BANDS, TEMPLATES, band_of

from .. import events
from ..exceptions import BuildError
from ..lock_objects import product_for_update
from ..models import (
    BudgetSpend,
    BuyerNotice,
    DataProduct,
    Order,
    ProductVersion,
    QueryAllowance,
    QueryPoolRow,
    VersionMember,
)
from .budget import BudgetExhausted, budget_reserve, budget_spend, lifetime_limit_micro, query_allowance_micro
from .queries import query_allowances_settle

logger = logging.getLogger(__name__)
ACTIVE = (ProductVersion.Status.QUEUED, ProductVersion.Status.BUILDING)
RESUME_FIELDS = (
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
DATASET_FORMATS = ("csv", "parquet", "geojson", "json")
MAX_DATASET_BYTES = 50 * 1024 * 1024
PREVIEW_ROWS = 5
HONEST_WORDING = (
    "Privacy-preserving computation: queries run inside the exchange and only noised, thresholded "
    "aggregates leave it. This protects the people in the data from buyers. It does not protect them "
    "from the exchange's own operators, who can see raw data: there is no attested hardware."
)


@transaction.atomic
def version_build_start(*, product: DataProduct, by: User | None) -> ProductVersion:
    """Queue a build of the product's next version (one build at a time per product).

    `by` is the member who asked (an owner or administrator); None for the exchange's own rebuilds.
    """
    from ..tasks import build_version

    if by is not None:
        capability_require(user=by, merchant=product.provider, capability=Capability.MANAGE_PRODUCTS)
    product = product_for_update(product.pk).get()
    running = product.versions.filter(status__in=ACTIVE).first()
    if running is not None:
        return running
    if product.is_personal and not resumes_consented(provider=product.provider, purpose=product.purpose).exists():
        raise BuildError(
            _("No jobseeker has consented to this purpose with your organisation yet, so there is nothing to build."),
            code="no_consented_resumes",
        )
    if product.kind == DataProduct.Kind.RECORDS:
        _check_pool(product)
    number = (product.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ProductVersion.objects.create(product=product, number=number, created_by=by, dispatched_at=timezone.now())
    enqueue_on_commit(build_version, version.pk)
    return version


def _check_pool(product: DataProduct) -> None:
    """Refuse, before any version exists, a records build the pool cannot satisfy."""
    pool = resumes_consented(provider=product.provider, purpose=product.purpose)
    people = pool.count()
    if people < product.k:
        raise BuildError(
            _("Only %(n)s people have consented, fewer than k = %(k)s: no group of %(k)s could be released.")
            % {"n": people, "k": product.k},
            code="pool_too_small",
        )
    if product.sensitive_attribute and product.l_diversity > 1:
        distinct = pool.order_by().values(product.sensitive_attribute).distinct().count()
        if product.l_diversity > distinct:
            raise BuildError(
                _("l = %(l)s is larger than the %(d)s distinct values of the sensitive attribute in the pool.")
                % {"l": product.l_diversity, "d": distinct},
                code="l_too_large",
            )


def privacy_model_of(product: DataProduct) -> PrivacyModel:
    """The engine's privacy model for a record product."""
    return PrivacyModel(
        k=product.k,
        m=product.m,
        max_suppression=product.max_suppression_bps / 10_000,
        technique=product.technique,
        loss=product.loss,
        sensitive=product.sensitive_attribute or None,
        l=product.l_diversity if product.sensitive_attribute else 1,
    )


def released_table_passes(rows: list[dict], product: DataProduct) -> bool:
    """The gate before sale: k by pycanon, k^m on skills and l by checkers that share nothing with the generaliser."""
    return table_passes(
        rows,
        quasi_identifiers=list(product.quasi_identifiers),
        k=product.k,
        m=product.m,
        set_field="skills" if product.include_skills else None,
        sensitive=product.sensitive_attribute or None,
        l=product.l_diversity,
    )


# A queued build whose task has not started this long after it was sent is re-sent
# (a lost message, a broker outage); a build still running well past the task's hard
# time limit lost its worker (killed, out of memory) and is failed so that a new one can start.
BUILD_RESEND_AFTER = timedelta(minutes=10)
BUILD_LOST_AFTER = timedelta(seconds=1800 + 300)


def versions_recover(*, now: datetime | None = None) -> dict[str, int]:
    """Re-send lost build tasks and fail builds whose worker died. Safe to run any number of times."""
    from ..tasks import build_version

    now = now or timezone.now()
    lost = ProductVersion.objects.filter(status=ProductVersion.Status.BUILDING, started_at__lt=now - BUILD_LOST_AFTER)
    failed = lost.update(
        status=ProductVersion.Status.FAILED,
        progress=100,
        error=_("The build stopped without finishing (its worker was lost or ran out of time). Start a new build."),
    )
    resent = 0
    stale = ProductVersion.objects.filter(status=ProductVersion.Status.QUEUED, dispatched_at__lt=now - BUILD_RESEND_AFTER)
    for version_id in stale.order_by("id").values_list("id", flat=True)[:500]:
        # Claimed by a conditional update before anything else, so a duplicate send is harmless.
        if ProductVersion.objects.filter(pk=version_id, status=ProductVersion.Status.QUEUED).update(dispatched_at=now):
            enqueue_on_commit(build_version, version_id)
            resent += 1
    return {"failed": failed, "resent": resent}


def _progress(version: ProductVersion, percent: int) -> None:
    ProductVersion.objects.filter(pk=version.pk).update(progress=percent)


def _fail(version: ProductVersion, message: str, report: dict | None = None) -> ProductVersion:
    report = {**(report or {}), "passed": False, "failure": message}
    ProductVersion.objects.filter(pk=version.pk).update(
        status=ProductVersion.Status.FAILED, error=message, progress=100, privacy_report=report
    )
    version.refresh_from_db()
    events.version_built(version)
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
        row = {**row, **({"skills": ";".join(row["skills"])} if "skills" in row else {})}
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
    return buffer.getvalue().encode("utf-8")


def _parquet_bytes(rows: list[dict], columns: list[str]) -> bytes:
    arrays = {}
    for column in columns:
        values = [row[column] for row in rows]
        arrays[column] = pa.array(values, type=pa.list_(pa.string()) if column == "skills" else pa.string())
    buffer = io.BytesIO()
    pq.write_table(pa.table(arrays), buffer, compression="zstd")
    return buffer.getvalue()


def _weight(product: DataProduct, record: dict) -> int:
    if product.weighting != DataProduct.Weighting.COMPLETENESS:
        return 1
    filled = sum(1 for qi in product.quasi_identifiers if record.get(qi) not in (None, ""))
    return 1 + filled + (1 if product.include_skills and record.get("skills") else 0)


def version_build(*, version_id: int) -> ProductVersion:
    """Run one build. Claimed with a conditional update, so a duplicate task does nothing."""
    claimed = ProductVersion.objects.filter(pk=version_id, status=ProductVersion.Status.QUEUED).update(
        status=ProductVersion.Status.BUILDING, progress=5, started_at=timezone.now()
    )
    version = ProductVersion.objects.select_related("product__provider").get(pk=version_id)
    if not claimed:
        return version
    builders = {
        DataProduct.Kind.DATASET: _build_dataset,
        DataProduct.Kind.RECORDS: _build_records,
        DataProduct.Kind.STATISTICS: _build_statistics,
        DataProduct.Kind.QUERY: _build_query,
    }
    try:
        return builders[version.product.kind](version)
    except StorageUnavailable:
        # _finish is one transaction: its members, budget spend and row were rolled back with the write.
        return _fail(version, _("The file store did not answer during this build; nothing was released. Start it again."))


# --- datasets -------------------------------------------------------------------------------


def _column_type(values: list) -> str:
    kinds = {type(value).__name__ for value in values if value not in (None, "")}
    if not kinds:
        return "empty"
    if kinds <= {"int"}:
        return "integer"
    if kinds <= {"int", "float"}:
        return "number"
    if kinds <= {"bool"}:
        return "boolean"
    return "string" if kinds <= {"str"} else "mixed"


def _csv_cell(text: str):
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            continue
    return text


def dataset_schema(*, data: bytes, filename: str) -> dict:
    """Validate an uploaded dataset by format, size and schema; return its schema preview.

    Raises ``BuildError`` with a message the provider can act on.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in DATASET_FORMATS:
        raise BuildError(_("Upload a CSV, Parquet, GeoJSON or JSON file."), code="dataset_format")
    if len(data) > MAX_DATASET_BYTES:
        raise BuildError(_("The dataset file is larger than 50 MB."), code="dataset_size")
    if not data:
        raise BuildError(_("The dataset file is empty."), code="dataset_empty")
    if extension == "parquet":
        try:
            table = pq.read_table(io.BytesIO(data))
        except (pa.ArrowInvalid, OSError) as exc:
            raise BuildError(_("The file is not a valid Parquet file."), code="dataset_parquet") from exc
        columns = [{"name": f.name, "type": str(f.type)} for f in table.schema]
        sample = table.slice(0, PREVIEW_ROWS).to_pylist()
        return _schema_report("parquet", columns, table.num_rows, sample)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuildError(_("The dataset file is not UTF-8 text."), code="dataset_encoding") from exc
    if extension == "csv":
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise BuildError(_("The CSV file could not be read: %(error)s") % {"error": exc}, code="dataset_csv") from exc
        if len(rows) < 2 or not any(rows[0]):
            raise BuildError(_("The dataset file has no header or no rows."), code="dataset_empty")
        header, body = rows[0], rows[1:]
        ragged = next((n for n, row in enumerate(body, start=2) if len(row) != len(header)), None)
        if ragged is not None:
            raise BuildError(
                _("Line %(line)s of the CSV has a different number of columns than the header.") % {"line": ragged},
                code="dataset_ragged",
            )
        typed = [[_csv_cell(cell) for cell in row] for row in body]
        columns = [{"name": name, "type": _column_type([row[i] for row in typed])} for i, name in enumerate(header)]
        sample = [dict(zip(header, row, strict=True)) for row in body[:PREVIEW_ROWS]]
        return _schema_report("csv", columns, len(body), sample)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BuildError(_("The file is not valid JSON: %(error)s") % {"error": exc.msg}, code="dataset_json") from exc
    if extension == "geojson":
        if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
            raise BuildError(_("A GeoJSON file must hold a FeatureCollection."), code="dataset_geojson")
        features = document.get("features")
        if not isinstance(features, list) or not features:
            raise BuildError(_("The GeoJSON FeatureCollection has no features."), code="dataset_geojson")
        bad = next(
            (
                n
                for n, f in enumerate(features)
                if not isinstance(f, dict)
                or f.get("type") != "Feature"
                or not isinstance(f.get("geometry"), dict)
                or "type" not in f["geometry"]
            ),
            None,
        )
        if bad is not None:
            raise BuildError(
                _("Feature %(n)s of the GeoJSON file is not a Feature with a geometry.") % {"n": bad}, code="dataset_geojson"
            )
        properties = [f.get("properties") or {} for f in features]
        names = sorted({name for p in properties for name in p})
        columns = [{"name": "geometry", "type": "geometry"}] + [
            {"name": n, "type": _column_type([p.get(n) for p in properties])} for n in names
        ]
        geometry_types = sorted({f["geometry"]["type"] for f in features})
        report = _schema_report("geojson", columns, len(features), properties[:PREVIEW_ROWS])
        report["geometry_types"] = geometry_types
        return report
    if not isinstance(document, list) or not document or not all(isinstance(item, dict) for item in document):
        raise BuildError(_("A JSON dataset must be a non-empty array of objects."), code="dataset_json")
    names = sorted({name for item in document for name in item})
    columns = [{"name": n, "type": _column_type([item.get(n) for item in document])} for n in names]
    return _schema_report("json", columns, len(document), document[:PREVIEW_ROWS])


def _schema_report(fmt: str, columns: list[dict], rows: int, sample: list) -> dict:
    return {"format": fmt, "columns": columns, "rows": rows, "sample": json.loads(json.dumps(sample, default=str))}


def _build_dataset(version: ProductVersion) -> ProductVersion:
    product = version.product
    try:
        with storage_reading(), product.source_file.open("rb") as handle:
            data = handle.read()
        schema = dataset_schema(data=data, filename=product.source_file.name)
    except OSError as exc:
        return _fail(version, _("The dataset file could not be read: %(error)s") % {"error": exc})
    except BuildError as exc:
        return _fail(version, exc.message)
    report = {"kind": "dataset", "passed": True, "personal_data": False, "schema": schema, "rows": schema["rows"]}
    report["columns"] = [c["name"] for c in schema["columns"]]
    extension = product.source_file.name.rsplit(".", 1)[-1].lower()
    if extension == "csv":
        # Buyers open the file in a spreadsheet: a provider's "=HYPERLINK(...)" cell must not run there.
        data = neutralised_csv(data)
    return _finish(version, data, report, members=[], extension=extension)


# --- de-identified records ------------------------------------------------------------------


def _consented(product: DataProduct):
    return resumes_consented(provider=product.provider, purpose=product.purpose).order_by("id").only(*RESUME_FIELDS)


def model_error_message(exc: PrivacyModelError) -> str:
    """The engine's refusal in the reader's language."""
    messages = {
        "k_too_small": _("k must be at least 2: a group of one person protects no one."),
        "m_out_of_range": _("m (the number of skills an attacker may know) must be between 1 and 4."),
        "suppression_out_of_range": _("The suppression cap must be between 0% and 20% of the records."),
        "pool_too_small": _("there are fewer consenting people than k, so no group of k could be released."),
        "l_too_large": _("l is larger than the number of distinct values of the sensitive attribute."),
        "bad_l": _("l-diversity needs a sensitive attribute: choose one or set l to 1."),
        "not_achievable": _(
            "no generalisation of these fields meets k within the suppression cap; release fewer fields, "
            "lower k or raise the cap."
        ),
    }
    return messages.get(exc.code, _("the privacy model could not be applied to these records."))


def _build_records(version: ProductVersion) -> ProductVersion:
    product = version.product
    year = timezone.localdate().year
    resumes = list(_consented(product))
    if not resumes:
        return _fail(version, _("No jobseeker has consented to this purpose with your organisation yet."))
    _progress(version, 20)
    records = [_resume_record(resume, year) for resume in resumes]
    quasi_identifiers = list(product.quasi_identifiers)
    model = privacy_model_of(product)
    try:
        result = generalise_records(
            records,
            quasi_identifiers=quasi_identifiers,
            model=model,
            set_field="skills" if product.include_skills else None,
        )
    except PrivacyModelError as exc:
        return _fail(
            version,
            _("The privacy check failed: %(reason)s") % {"reason": model_error_message(exc)},
            {"kind": "records", "input_records": len(records), "k_target": product.k},
        )
    _progress(version, 60)
    if not released_table_passes(result.rows, product):
        return _fail(
            version,
            _("The released table did not pass the independent k, k^m and l checks; nothing was released."),
            {"kind": "records", "input_records": len(records), "k_target": product.k},
        )
    kept = [resumes[index] for index in result.kept_indices]
    columns = quasi_identifiers + (["skills"] if product.include_skills else [])
    grants = grant_ids_for(provider=product.provider, purpose=product.purpose, user_ids=[r.owner_id for r in kept])
    if any(resume.owner_id not in grants for resume in kept):
        # Someone withdrew during the build: start again rather than sell without consent.
        return _fail(version, _("A member withdrew consent during the build; start a new build."))
    members = [
        (resume.owner_id, grants[resume.owner_id], _weight(product, records[index]), row)
        for row, (index, resume) in enumerate(zip(result.kept_indices, kept, strict=True))
    ]
    _progress(version, 80)
    report = {
        "kind": "records",
        "passed": True,
        **result.report,
        "levels": result.levels,
        "quasi_identifiers": quasi_identifiers,
        "include_skills": product.include_skills,
        "checked_by": "pycanon (k, l) and the k^m checker",
        "epsilon_spent": 0,
        "consent_coverage": 1.0,
        "personal_data": True,
        "weighting": product.weighting,
    }
    parquet = _parquet_bytes(result.rows, columns)
    return _finish(version, _csv_bytes(result.rows, columns), report, members=members, parquet=parquet)


COMPARE_TECHNIQUES = ("full-domain", "mondrian")


def privacy_compare(*, product: DataProduct, ks: list[int]) -> list[dict]:
    """Each technique at each k on today's consenting pool, with the product's other privacy parameters.

    Nothing is built, stored or released: every entry holds the figures of the privacy
    report that build would give (``report``) or why it cannot be released (``error``).
    """
    year = timezone.localdate().year
    records = [_resume_record(resume, year) for resume in _consented(product)]
    if not records:
        return []
    base = privacy_model_of(product)
    current = (base.technique, base.k)
    compared = []
    for technique in COMPARE_TECHNIQUES:
        for k in ks:
            entry = {"technique": technique, "k": k, "current": (technique, k) == current}
            try:
                release = generalise_records(
                    records,
                    quasi_identifiers=list(product.quasi_identifiers),
                    model=dataclasses.replace(base, k=k, technique=technique),
                    set_field="skills" if product.include_skills else None,
                )
            except PrivacyModelError as exc:
                entry["error"] = model_error_message(exc)
            else:
                entry["report"] = release.report
            compared.append(entry)
    return compared


def artefact_rows_kept(*, version: ProductVersion, drop_user_ids: set[int]) -> list[int]:
    """Rows of a records artefact that a buyer blocked by ``drop_user_ids`` may still receive."""
    drop = set(
        VersionMember.objects.filter(version=version, user_id__in=drop_user_ids, row__isnull=False).values_list("row", flat=True)
    )
    rows = _artefact_rows(version)
    quasi_identifiers = version.privacy_report.get("quasi_identifiers") or []
    kept, _skills = records_without(
        rows, quasi_identifiers=quasi_identifiers, k=version.product.k, m=version.product.m, drop=drop, set_field=_set_field(rows)
    )
    return kept


def _set_field(rows: list[dict]) -> str | None:
    return "skills" if rows and "skills" in rows[0] else None


def _artefact_rows(version: ProductVersion) -> list[dict]:
    with version.artefact.open("rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))


def _members_blocking(*, version: ProductVersion, buyer) -> set[int]:
    """The members of a records version who blocked this buyer (they are cut from the buyer's copy)."""
    from ..selectors import blocked_user_ids_for

    if version.product.kind != DataProduct.Kind.RECORDS:
        return set()
    blocked = blocked_user_ids_for(merchant=buyer)
    if not blocked:
        return set()
    return set(VersionMember.objects.filter(version=version, user_id__in=blocked).values_list("user_id", flat=True))


def artefact_is_whole_for(*, version: ProductVersion, buyer) -> bool:
    """Whether this buyer receives the artefact exactly as built (streamed from storage as it is)."""
    return not _members_blocking(version=version, buyer=buyer)


def artefact_for_buyer(*, version: ProductVersion, buyer) -> tuple[bytes, str]:
    """The artefact this buyer receives, and its SHA-256.

    People who blocked the buyer are left out of a records artefact; classes that
    fall under k once they are gone are suppressed too, and the copy is checked
    for k again before it leaves.
    """
    with version.artefact.open("rb") as handle:
        data = handle.read()
    drop_users = _members_blocking(version=version, buyer=buyer)
    if not drop_users:
        return data, version.artefact_sha256
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    quasi_identifiers = version.privacy_report.get("quasi_identifiers") or []
    drop = set(
        VersionMember.objects.filter(version=version, user_id__in=drop_users, row__isnull=False).values_list("row", flat=True)
    )
    set_field = _set_field(rows)
    kept, skills = records_without(
        rows, quasi_identifiers=quasi_identifiers, k=version.product.k, m=version.product.m, drop=drop, set_field=set_field
    )
    released = [rows[index] | ({set_field: ";".join(skills[index])} if set_field else {}) for index in kept]
    product = version.product
    # The copy is a released table too: checked like the artefact, k by pycanon and k^m by our checker.
    if (released and pycanon_k(released, quasi_identifiers) < product.k) or (
        set_field and not is_km_anonymous(released, quasi_identifiers, set_field, k=product.k, m=product.m)
    ):  # pragma: no cover - records_without guarantees it
        raise BuildError(_("This copy could not be made k-anonymous for your organisation."), code="derivative_failed")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()) if rows else quasi_identifiers)
    writer.writeheader()
    writer.writerows({column: csv_cell(value) for column, value in row.items()} for row in released)
    derived = buffer.getvalue().encode("utf-8")
    return derived, hashlib.sha256(derived).hexdigest()


# --- statistics and the query service (differential privacy) --------------------------------


def _dp_tables(records: list[dict], epsilon: Decimal, threshold: int) -> dict:
    """Five DP tables over one row per person; ε split evenly (sequential composition)."""
    share = epsilon / 5
    tables = {}

    def histogram(name, values, categories):
        noisy = dp.dp_histogram(values, categories=categories, epsilon=share)
        # Suppressed on the noisy count only: which bins are hidden is part of the DP release.
        tables[name] = [
            {"value": c, "count": noisy[c] if noisy[c] >= threshold else None, "suppressed": noisy[c] < threshold}
            for c in categories
        ]

    from privacy.hierarchies import EDUCATION_LEVELS, PROVINCE_REGION

    histogram("people_by_province", [r["province"] for r in records], sorted(PROVINCE_REGION))
    histogram("people_by_education", [r["education_level"] for r in records], list(EDUCATION_LEVELS))
    salary_labels = [band_of(low, SALARY_BANDS) for low, _high in SALARY_BANDS]
    histogram("expected_salary_bands", [band_of(r["expected_salary"], SALARY_BANDS) for r in records], salary_labels)
    experience_labels = [band_of(low, EXPERIENCE_BANDS) for low, _high in EXPERIENCE_BANDS]
    histogram("experience_bands", [band_of(r["years_experience"], EXPERIENCE_BANDS) for r in records], experience_labels)
    salaries = [r["expected_salary"] for r in records if r["expected_salary"] is not None]
    mean = dp.dp_bounded_mean(salaries, bounds=(0, 100_000), epsilon=share)
    hidden = mean.value is None or mean.count < threshold  # the noisy count, never the true one
    tables["mean_expected_salary"] = {
        "value": None if hidden else round(mean.value),
        "bounds": [0, 100_000],
        "suppressed": hidden,
    }
    return tables


def _dp_members(version: ProductVersion, epsilon_micro: int):
    """Consented people with enough budget left for this release."""
    limit = lifetime_limit_micro()
    return _consented(version.product).exclude(owner__privacy_budget__spent_micro__gt=limit - epsilon_micro)


def _build_statistics(version: ProductVersion) -> ProductVersion:
    product = version.product
    epsilon_micro = accountant.to_micro(product.epsilon)
    pool = _dp_members(version, epsilon_micro)
    resumes = list(pool)
    if len(resumes) < product.min_people:
        return _fail(
            version,
            _("Fewer than %(n)s consenting people have privacy budget left; nothing was released.") % {"n": product.min_people},
            {"kind": "statistics", "input_records": len(resumes)},
        )
    _progress(version, 30)
    year = timezone.localdate().year
    records = [_resume_record(resume, year) for resume in resumes]
    tables = _dp_tables(records, product.epsilon, product.min_people)
    _progress(version, 70)
    members = _members_with_grants(product, resumes, records)
    if members is None:
        return _fail(version, _("A member withdrew consent during the build; start a new build."))
    report = {
        "kind": "statistics",
        "passed": True,
        "mechanism": "OpenDP discrete Laplace; each person contributes one row",
        "epsilon_spent": str(accountant.from_micro(epsilon_micro)),
        "epsilon_per_table": str((Decimal(product.epsilon) / 5).normalize()),
        "threshold": product.min_people,
        "input_records": len(records),
        "consent_coverage": 1.0,
        "personal_data": True,
    }
    data = json.dumps({"tables": tables, "epsilon": str(product.epsilon)}, ensure_ascii=False, indent=2).encode()
    try:
        return _finish(
            version,
            data,
            report,
            members=members,
            extension="json",
            spend=(pool.values("owner_id"), epsilon_micro),
        )
    except BudgetExhausted:
        return _fail(version, _("Another release used the same people's privacy budget meanwhile; start a new build."))


def _members_with_grants(product, resumes, records) -> list[tuple[int, int, int, None]] | None:
    grants = grant_ids_for(provider=product.provider, purpose=product.purpose, user_ids=[r.owner_id for r in resumes])
    if any(resume.owner_id not in grants for resume in resumes):
        return None
    return [
        (resume.owner_id, grants[resume.owner_id], _weight(product, record), None)
        for resume, record in zip(resumes, records, strict=True)
    ]


def _query_source(product: DataProduct):
    """The consented pool as (user, grant, weight) rows, for one INSERT … SELECT."""
    grant = ConsentGrant.objects.filter(
        user_id=OuterRef("owner_id"), provider=product.provider, purpose=product.purpose, withdrawn_at__isnull=True
    ).values("id")[:1]
    if product.weighting == DataProduct.Weighting.COMPLETENESS:
        # Province, role, education and experience are always filled in; salary is optional.
        weight = Value(5) + Case(When(expected_salary__isnull=False, then=Value(1)), default=Value(0))
    else:
        weight = Value(1)
    # Whoever has less lifetime budget left than the allowance is left out of the version, not overcharged.
    affordable = lifetime_limit_micro() - query_allowance_micro()
    return (
        resumes_consented(provider=product.provider, purpose=product.purpose)
        .exclude(owner__privacy_budget__spent_micro__gt=affordable)
        .order_by()
        .annotate(member_grant=Subquery(grant), member_weight=weight)
        .values_list("owner_id", "member_grant", "member_weight")
    )


def _insert_query_pool(version: ProductVersion) -> int:
    """Membership, the query snapshot and the reserved allowance of a query-service version, in the database.

    A million people are two INSERT … SELECT statements rather than a million
    Python objects; the snapshot is read from the membership just written, so
    the two agree. The versions this one replaces are settled first, in the same
    transaction: they stop answering as this one starts, and what their members
    did not spend is back in their budgets before this version reserves its own.
    """
    older = QueryAllowance.objects.filter(
        version__product=version.product, version__number__lt=version.number, settled_at__isnull=True
    )
    query_allowances_settle(version_ids=list(older.values_list("version_id", flat=True)))
    members = connection.ops.quote_name(VersionMember._meta.db_table)
    pool = connection.ops.quote_name(QueryPoolRow._meta.db_table)
    resumes = connection.ops.quote_name(Resume._meta.db_table)
    source_sql, source_params = _query_source(version.product).query.sql_with_params()
    # Skills are matched case-insensitively, so the snapshot keeps them in lower case.
    lower_skills = "lower(r.skills::text)::jsonb" if connection.vendor == "postgresql" else "lower(r.skills)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {members} (version_id, user_id, grant_id, weight) "  # noqa: S608 (names quoted, values bound)
            f"SELECT %s, s.owner_id, s.member_grant, s.member_weight FROM ({source_sql}) AS s "
            f"WHERE s.member_grant IS NOT NULL",
            [version.pk, *source_params],
        )
        inserted = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {pool} (version_id, user_id, province, role_category, education_level, "  # noqa: S608
            f"years_experience, expected_salary, skills) "
            f"SELECT m.version_id, r.owner_id, r.province, r.role_category, r.education_level, r.years_experience, "
            f"r.expected_salary, {lower_skills} FROM {members} AS m JOIN {resumes} AS r ON r.owner_id = m.user_id "
            f"WHERE m.version_id = %s",
            [version.pk],
        )
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses at a million new rows and scans them all.
            cursor.execute(f"ANALYZE {pool}")
    budget_reserve(version=version)
    return inserted


def _build_query(version: ProductVersion) -> ProductVersion:
    """A query-service version: the pool whose people answer queries and share in the sales."""
    product = version.product
    available = resumes_consented(provider=product.provider, purpose=product.purpose).count()
    if available < product.min_people:
        return _fail(
            version,
            _("Fewer than %(n)s people have consented; no query could ever be answered.") % {"n": product.min_people},
            {"kind": "query", "input_records": available},
        )
    # Counted before the versions this one replaces give back what they did not spend, so
    # it may leave out someone that return would have made room for: never the reverse.
    affordable = _query_source(product).exclude(member_grant__isnull=True).count()
    if affordable < product.min_people:
        return _fail(
            version,
            _("Fewer than %(n)s consenting people have enough privacy budget left for a query allowance; nothing was built.")
            % {"n": product.min_people},
            {"kind": "query", "input_records": affordable},
        )
    _progress(version, 30)
    report = {
        "kind": "query",
        "passed": True,
        "templates": sorted(TEMPLATES),
        "epsilon_per_query": str(accountant.from_micro(accountant.to_micro(product.epsilon))),
        "threshold": product.min_people,
        "lifetime_epsilon": str(accountant.from_micro(lifetime_limit_micro())),
        "epsilon_spent": 0,
        "epsilon_reserved_per_person": str(accountant.from_micro(query_allowance_micro())),
        "consent_coverage": 1.0,
        "personal_data": True,
        "protects": HONEST_WORDING,
    }
    data = json.dumps(
        {"templates": {name: t.description for name, t in TEMPLATES.items()}, "notice": HONEST_WORDING},
        ensure_ascii=False,
        indent=2,
    ).encode()
    try:
        return _finish(version, data, report, members=None, extension="json", fill=_insert_query_pool)
    except BudgetExhausted:
        return _fail(version, _("Another release used the same people's privacy budget meanwhile; start a new build."))


# --- finishing, withdrawal ------------------------------------------------------------------


@transaction.atomic
def _finish(
    version: ProductVersion,
    data: bytes,
    report: dict,
    *,
    members: list[tuple],
    extension: str = "csv",
    parquet: bytes | None = None,
    spend: tuple | None = None,
    fill=None,
) -> ProductVersion:
    if spend is not None:
        user_ids, epsilon_micro = spend
        budget_spend(
            user_ids=user_ids,
            epsilon_micro=epsilon_micro,
            people=len(members),
            product=version.product,
            version=version,
            source=BudgetSpend.Source.BUILD,
        )
    if fill is not None:
        member_count = fill(version)
        report["input_records"] = member_count
    else:
        VersionMember.objects.bulk_create(
            [
                VersionMember(version=version, user_id=user_id, grant_id=grant_id, weight=weight, row=row)
                for user_id, grant_id, weight, row in members
            ],
            batch_size=5000,
        )
        member_count = len(members)
    name = f"{version.product_id}-v{version.number}"
    with storage_writing():  # a file written before a failure here is left to the orphan sweep
        version.artefact.save(f"{name}.{extension}", ContentFile(data), save=False)
        if parquet is not None:
            version.artefact_parquet.save(f"{name}.parquet", ContentFile(parquet), save=False)
    version.artefact_sha256 = hashlib.sha256(data).hexdigest()
    version.privacy_report = report
    version.member_count = member_count
    # A withdrawal that landed while this version was building found it not yet
    # READY; check once more, here, so that such a version never goes on sale.
    late = VersionMember.objects.filter(version=version, grant__withdrawn_at__isnull=False).exists()
    version.status = ProductVersion.Status.WITHDRAWN if late else ProductVersion.Status.READY
    if late:
        # Such a query service never answers: its whole allowance goes back, and its snapshot goes.
        query_allowances_settle(version_ids=[version.pk])
        QueryPoolRow.objects.filter(version=version).delete()
    version.progress = 100
    version.built_at = timezone.now()
    version.save(
        update_fields=[
            "artefact",
            "artefact_parquet",
            "artefact_sha256",
            "privacy_report",
            "member_count",
            "status",
            "progress",
            "built_at",
        ]
    )
    # Buyers of a withdrawn version of this product get this one in its place.
    BuyerNotice.objects.filter(withdrawn_version__product=version.product, replacement__isnull=True).update(replacement=version)
    if version.status == ProductVersion.Status.READY:
        events.version_built(version)
    return version


def _email_buyers(order_ids: list[int]) -> None:
    """Tell each buyer's people, by e-mail too, to delete a withdrawn version (the dashboard row is the record)."""
    notices = BuyerNotice.objects.filter(order_id__in=order_ids, read_at__isnull=True).select_related(
        "order__buyer", "withdrawn_version__product"
    )
    for notice in notices.order_by("id"):
        people = Membership.objects.filter(merchant=notice.order.buyer).values_list("user__email", "user__language")
        by_language: dict[str, list[str]] = {}
        for email, language in people.order_by("id"):
            by_language.setdefault(language or settings.LANGUAGE_CODE, []).append(email)
        version = notice.withdrawn_version
        for language, recipients in sorted(by_language.items()):
            try:
                with translation.override(language):  # each person reads it in their own language
                    _send_notice_mail(notice, version, recipients)
            except (smtplib.SMTPException, OSError):
                # The notice row and the dashboard message are the record; a mail server
                # outage must not turn a completed withdrawal into an error for the person.
                logger.warning("notice mail for order %s not sent", notice.order_id, exc_info=True)


def _send_notice_mail(notice: BuyerNotice, version: ProductVersion, recipients: list[str]) -> None:
    send_mail(
        _("Delete withdrawn data: %(title)s v%(n)s") % {"title": version.product.title, "n": version.number},
        _(
            "Version v%(n)s of “%(title)s”, which you bought in order #%(order)s, contains a person who withdrew "
            "consent. Delete every copy you hold. A version without them is being built; download it from your "
            "dashboard when it is ready."
        )
        % {"n": version.number, "title": version.product.title, "order": notice.order_id},
        None,
        recipients,
    )


def _rebuild(product: DataProduct) -> None:
    try:
        version_build_start(product=product, by=None)
    except BuildError:
        pass  # nobody left who consents: nothing to rebuild, and nothing stays on sale


def versions_withdraw_for_grant(*, grant_id: int) -> list[int]:
    """Stop selling every version that holds this grant and queue rebuilds without the person.

    Buyers who hold one of those versions get a notice to delete it; the rebuild,
    when it is ready, is attached to the notice as their replacement.
    """
    with transaction.atomic():
        version_ids = list(
            VersionMember.objects.filter(grant_id=grant_id, version__status=ProductVersion.Status.READY).values_list(
                "version_id", flat=True
            )
        )
        ProductVersion.objects.filter(id__in=version_ids, status=ProductVersion.Status.READY).update(
            status=ProductVersion.Status.WITHDRAWN
        )
        # A withdrawn query service answers nothing more: what its members did not spend of
        # its allowance goes back to them (worked out from the snapshot), then the snapshot goes.
        query_allowances_settle(version_ids=version_ids)
        QueryPoolRow.objects.filter(version_id__in=version_ids).delete()
        orders = Order.objects.filter(version_id__in=version_ids).exclude(status=Order.Status.REFUNDED)
        BuyerNotice.objects.bulk_create(
            [BuyerNotice(order_id=order.pk, withdrawn_version_id=order.version_id) for order in orders.only("id", "version_id")],
            ignore_conflicts=True,
        )
        order_ids = list(orders.values_list("id", flat=True))
        events.consent_withdrawn_for(Order.objects.filter(id__in=order_ids).select_related("buyer", "version__product"))
        if order_ids:
            transaction.on_commit(lambda: _email_buyers(order_ids))
    product_ids = set(ProductVersion.objects.filter(id__in=version_ids).values_list("product_id", flat=True))
    for product in DataProduct.objects.filter(id__in=product_ids).order_by("id"):
        _rebuild(product)
    return version_ids
