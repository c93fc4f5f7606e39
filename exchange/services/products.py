"""Defining products and the compliance review that lists them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Merchant, User
from consent.models import Purpose

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


def product_create(*, provider: Merchant, by: User, **fields) -> DataProduct:
    """A provider defines a product (draft until submitted and approved)."""
    if not provider.is_provider:
        raise ProductError(_("Your organisation is not registered as a data provider."), code="not_a_provider")
    kind = fields.get("kind")
    if kind in DataProduct.PERSONAL_KINDS:
        if fields.get("purpose") not in Purpose.values:
            raise ProductError(_("Choose the consent purpose this product relies on."), code="purpose_required")
        qis = [qi for qi in fields.get("quasi_identifiers") or QUASI_IDENTIFIERS if qi in QUASI_IDENTIFIERS]
        if not qis:
            raise ProductError(_("Choose at least one field to release."), code="fields_required")
        fields["quasi_identifiers"] = qis
    elif kind == DataProduct.Kind.DATASET:
        fields["purpose"] = ""
        fields["quasi_identifiers"] = []
        if not fields.get("source_file"):
            raise ProductError(_("Upload the dataset file (CSV)."), code="source_required")
    else:
        raise ProductError(_("Unknown product kind."), code="invalid_kind")
    return DataProduct.objects.create(provider=provider, **fields)


@transaction.atomic
def product_submit(*, product: DataProduct, by: User) -> DataProduct:
    product = product_for_update(product.pk).get()
    if product.status not in (DataProduct.Status.DRAFT, DataProduct.Status.REJECTED):
        raise ProductError(_("This product is already in review or listed."), code="already_submitted")
    if not product.versions.filter(status="ready").exists():
        raise ProductError(_("Build a version whose checks pass before submitting for review."), code="no_ready_version")
    product.status = DataProduct.Status.IN_REVIEW
    product.save(update_fields=["status"])
    return product


@transaction.atomic
def product_review(*, product: DataProduct, by: User, approve: bool, notes: str = "") -> DataProduct:
    """Staff decision on a listing; only approved products are in the catalog."""
    product = product_for_update(product.pk).get()
    if not approve and not notes.strip():
        raise ProductError(_("A rejection needs notes for the provider."), code="notes_required")
    if approve and not product.versions.filter(status="ready").exists():
        raise ProductError(_("There is no version whose checks passed."), code="no_ready_version")
    product.status = DataProduct.Status.APPROVED if approve else DataProduct.Status.REJECTED
    product.review_notes = notes.strip()
    product.reviewed_by = by
    product.reviewed_at = timezone.now()
    product.save(update_fields=["status", "review_notes", "reviewed_by", "reviewed_at"])
    return product
