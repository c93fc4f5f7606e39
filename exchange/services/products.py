"""Defining products and the compliance review that lists them."""

from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Merchant, User
from accounts.roles import Capability, capability_require
from config.files import storage_writing
from consent.models import Purpose

from .. import events
from ..exceptions import ProductError
from ..lock_objects import product_for_update
from ..models import DataProduct

QUASI_IDENTIFIERS = (
    "age",
    "gender",
    "province",
    "education_level",
    "years_experience",
    "expected_salary",
    "industry",
    "role_category",
)
# A sensitive attribute for l-diversity must not also be a quasi-identifier.
SENSITIVE_ATTRIBUTES = ("expected_salary", "years_experience", "education_level", "industry", "role_category")
MAX_SUPPRESSION_BPS = 2000
MAX_M = 4
MAX_LEGAL_OPINION_BYTES = 20 * 1024 * 1024
MAX_EPSILON = Decimal("5")


def _check_privacy_fields(kind: str, fields: dict) -> None:
    """Normalise and check the privacy parameters for the product kind (in place)."""
    if kind in DataProduct.PERSONAL_KINDS:
        # The talent purpose lets employers find and invite a person; no data product may rely on it.
        if fields.get("purpose") not in Purpose.values or fields.get("purpose") == Purpose.TALENT:
            raise ProductError(_("Choose the consent purpose this product relies on."), code="purpose_required")
        if kind == DataProduct.Kind.RECORDS:
            qis = [qi for qi in fields.get("quasi_identifiers") or QUASI_IDENTIFIERS if qi in QUASI_IDENTIFIERS]
            if not qis:
                raise ProductError(_("Choose at least one field to release."), code="fields_required")
            fields["quasi_identifiers"] = qis
            _check_record_model(fields)
        else:
            fields["quasi_identifiers"] = []
        epsilon = fields.get("epsilon")
        if epsilon is not None and not (Decimal(0) < Decimal(str(epsilon)) <= MAX_EPSILON):
            raise ProductError(_("ε must be greater than 0 and at most 5."), code="epsilon_range")
        min_people = fields.get("min_people")
        if min_people is not None and min_people < 2:
            raise ProductError(_("The threshold must be at least 2 people."), code="threshold_range")
    elif kind == DataProduct.Kind.DATASET:
        fields["purpose"] = ""
        fields["quasi_identifiers"] = []
    else:
        raise ProductError(_("Unknown product kind."), code="invalid_kind")


def _check_record_model(fields: dict) -> None:
    """The bad inputs of a record product's privacy model, each with its own message."""
    k = fields.get("k")
    if k is not None and k < 2:
        raise ProductError(_("k must be at least 2: a group of one person protects no one."), code="k_too_small")
    m = fields.get("m")
    if m is not None and not 1 <= m <= MAX_M:
        raise ProductError(
            _("m (the number of skills an attacker may know) must be between 1 and %(max)s.") % {"max": MAX_M},
            code="m_out_of_range",
        )
    bps = fields.get("max_suppression_bps")
    if bps is not None and not 0 <= bps <= MAX_SUPPRESSION_BPS:
        raise ProductError(_("The suppression cap must be between 0% and 20% of the records."), code="suppression_out_of_range")
    sensitive = fields.get("sensitive_attribute") or ""
    l_value = fields.get("l_diversity")
    if sensitive and sensitive not in SENSITIVE_ATTRIBUTES:
        raise ProductError(_("Choose the sensitive attribute from the list."), code="bad_sensitive")
    if sensitive and sensitive in fields["quasi_identifiers"]:
        raise ProductError(
            _("The sensitive attribute cannot also be a released quasi-identifier; untick it or choose another."),
            code="sensitive_is_quasi_identifier",
        )
    if l_value is not None and l_value < 1:
        raise ProductError(_("l must be at least 1."), code="l_too_small")
    if l_value is not None and l_value > 1 and not sensitive:
        raise ProductError(_("l-diversity needs a sensitive attribute: choose one or set l to 1."), code="l_without_sensitive")


def product_create(*, provider: Merchant, by: User, **fields) -> DataProduct:
    """A provider defines a product (draft until submitted and approved)."""
    capability_require(user=by, merchant=provider, capability=Capability.MANAGE_PRODUCTS)
    if not provider.is_provider:
        raise ProductError(_("Your organisation is not registered as a data provider."), code="not_a_provider")
    kind = fields.get("kind")
    _check_privacy_fields(kind, fields)
    if kind == DataProduct.Kind.DATASET and not fields.get("source_file"):
        raise ProductError(_("Upload the dataset file (CSV, Parquet, GeoJSON or JSON)."), code="source_required")
    fields = {name: value for name, value in fields.items() if value is not None}
    # The files are stored before the row is inserted: no row without them (a savepoint keeps a
    # caller's transaction usable when the store refuses).
    with storage_writing(), transaction.atomic():
        return DataProduct.objects.create(provider=provider, **fields)


@transaction.atomic
def product_update(*, product: DataProduct, by: User, **fields) -> DataProduct:
    """Change a product's definition. Changing a privacy parameter of a reviewed product
    sends it back to review: it leaves the catalog until staff approve it again."""
    capability_require(user=by, merchant=product.provider, capability=Capability.MANAGE_PRODUCTS)
    product = product_for_update(product.pk).get()
    fields = {name: value for name, value in fields.items() if value is not None}
    merged = {name: getattr(product, name) for name in DataProduct.PRIVACY_FIELDS} | fields
    _check_privacy_fields(product.kind, merged)
    changed_privacy = [name for name in DataProduct.PRIVACY_FIELDS if merged[name] != getattr(product, name)]
    for name, value in fields.items():
        setattr(product, name, value)
    if product.kind != DataProduct.Kind.DATASET:
        product.quasi_identifiers = merged["quasi_identifiers"]
    update = list(fields) + (["quasi_identifiers"] if product.kind != DataProduct.Kind.DATASET else [])
    if changed_privacy and product.status in (DataProduct.Status.APPROVED, DataProduct.Status.IN_REVIEW):
        product.status = DataProduct.Status.IN_REVIEW
        product.review_notes = _("Privacy parameters changed (%(fields)s): back in review.") % {
            "fields": ", ".join(changed_privacy)
        }
        product.submitted_at = timezone.now()
        update += ["status", "review_notes", "submitted_at"]
    product.save(update_fields=sorted(set(update)))
    return product


def _check_legal_opinion(upload: UploadedFile) -> None:
    if upload.size > MAX_LEGAL_OPINION_BYTES:
        raise ProductError(_("The legal opinion is larger than 20 MB."), code="legal_opinion_size")
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ProductError(_("The legal opinion must be a PDF file."), code="legal_opinion_format")


@transaction.atomic
def product_submit(*, product: DataProduct, by: User, legal_opinion: UploadedFile | None = None) -> DataProduct:
    """Submit a listing for compliance review, with its legal opinion (PDF) for personal data.

    Staff see the legal opinion next to the privacy report of the newest version
    whose checks passed.
    """
    capability_require(user=by, merchant=product.provider, capability=Capability.MANAGE_PRODUCTS)
    product = product_for_update(product.pk).get()
    if product.status not in (DataProduct.Status.DRAFT, DataProduct.Status.REJECTED):
        raise ProductError(_("This product is already in review or listed."), code="already_submitted")
    if not product.versions.filter(status="ready").exists():
        raise ProductError(_("Build a version whose checks pass before submitting for review."), code="no_ready_version")
    if legal_opinion is not None:
        _check_legal_opinion(legal_opinion)
        with storage_writing():
            product.legal_opinion.save(f"legal-{product.pk}.pdf", legal_opinion, save=False)
    if product.is_personal and not product.legal_opinion:
        raise ProductError(
            _("Attach a legal opinion (PDF) on the lawfulness of selling this personal-data product."),
            code="legal_opinion_required",
        )
    product.status = DataProduct.Status.IN_REVIEW
    product.submitted_at = timezone.now()
    product.save(update_fields=["status", "legal_opinion", "submitted_at"])
    return product


@transaction.atomic
def product_review(*, product: DataProduct, by: User, approve: bool, notes: str = "") -> DataProduct:
    """Staff decision on a listing; only approved products are in the catalog."""
    product = product_for_update(product.pk).get()
    if not approve and not notes.strip():
        raise ProductError(_("A rejection needs notes for the provider."), code="notes_required")
    if approve and not product.versions.filter(status="ready").exists():
        raise ProductError(_("There is no version whose checks passed."), code="no_ready_version")
    if approve and product.is_personal and not product.legal_opinion:
        raise ProductError(_("There is no legal opinion on file."), code="legal_opinion_required")
    product.status = DataProduct.Status.APPROVED if approve else DataProduct.Status.REJECTED
    product.review_notes = notes.strip()
    product.reviewed_by = by
    product.reviewed_at = timezone.now()
    product.save(update_fields=["status", "review_notes", "reviewed_by", "reviewed_at"])
    events.listing_reviewed(product)
    return product
