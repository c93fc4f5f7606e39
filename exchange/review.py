"""The staff review page of one listing: what it sells, the legal opinion, the privacy and
utility report as a readable table, consent coverage, and the decision with notes."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from consent.models import ConsentGrant
from payouts import money

from .forms import QI_LABELS
from .models import DataProduct, ProductVersion, VersionMember


def _percent(share) -> str:
    """0.0625 → "6.25%" (a share of 1 is 100%)."""
    value = (Decimal(str(share)) * 100).quantize(Decimal("0.01"))
    return f"{value.normalize():f}%"


def _count(value) -> str:
    return number_format(value, force_grouping=True)


def product_summary(product: DataProduct) -> list[tuple[str, str]]:
    rows = [
        (_("Provider"), product.provider.name),
        (_("Kind"), product.get_kind_display()),
        (_("Category"), product.get_category_display()),
        (_("Price"), money.format_fen(product.price_fen)),
    ]
    if product.is_personal:
        rows.append((_("Consent purpose"), product.get_purpose_display() or "—"))
    if product.kind == DataProduct.Kind.RECORDS:
        released = [str(QI_LABELS.get(name, name)) for name in product.quasi_identifiers]
        rows += [
            (_("Fields released"), "、".join(released) or "—"),
            (_("k (smallest group size)"), str(product.k)),
            (_("Suppression cap (% of records)"), money.format_bps_percent(product.max_suppression_bps)),
            (_("Technique"), product.get_technique_display()),
        ]
        if product.include_skills:
            rows.append((_("m (skills an attacker may know)"), str(product.m)))
        if product.sensitive_attribute:
            rows.append(
                (
                    _("l (distinct sensitive values per group)"),
                    f"{product.l_diversity} ({QI_LABELS.get(product.sensitive_attribute, product.sensitive_attribute)})",
                )
            )
    if product.kind in (DataProduct.Kind.STATISTICS, DataProduct.Kind.QUERY):
        rows += [
            (_("ε per release or query"), f"{product.epsilon.normalize():f}"),
            (_("Suppress results from fewer people than"), str(product.min_people)),
        ]
    if product.commission_bps is not None:
        rows.append((_("commission override (%)"), money.format_bps_percent(product.commission_bps)))
    if product.pool_bps is not None:
        rows.append((_("subject pool override (%)"), money.format_bps_percent(product.pool_bps)))
    return rows


def report_rows(report: dict) -> list[tuple[str, str]]:
    """The privacy and utility report of a version, one labelled line per figure it holds."""
    rows: list[tuple[str, str]] = []

    def add(key, label, shown=str):
        if report.get(key) not in (None, "", []):
            rows.append((label, shown(report[key])))

    add("input_records", _("Consenting people considered"), _count)
    add("released_records", _("Records released"), _count)
    add("k_target", _("k required"))
    add("k_achieved", _("k achieved (smallest group)"))
    add("class_count", _("Equivalence classes"), _count)
    if report.get("suppressed") is not None:
        rows.append((_("Suppressed records"), f"{_count(report['suppressed'])} ({_percent(report.get('suppression_rate', 0))})"))
    add("highest_prosecutor_risk", _("Highest re-identification risk"), _percent)
    add("average_prosecutor_risk", _("Average prosecutor risk"), _percent)
    add("dm", _("Discernibility (DM)"), _count)
    add("c_avg", _("Average group size relative to k (C_avg)"))
    add("gcp", _("Global certainty penalty (GCP, 0 = exact, 1 = all “*”)"))
    if report.get("skills"):
        level = report["skills"].get("level")
        shown = {0: _("skills"), 1: _("skill families")}.get(level, _("nothing (all “*”)"))
        rows.append((_("Skills released as"), str(shown)))
    add("epsilon_spent", _("ε spent per person"))
    add("epsilon_per_query", _("ε per query"))
    add("threshold", _("Suppression threshold (people)"))
    add("consent_coverage", _("Consent coverage"), _percent)
    if report.get("schema"):
        schema = report["schema"]
        rows.append(
            (_("Schema"), f"{schema.get('format', '')} · {_count(schema.get('rows', 0))} · {len(schema.get('columns', []))}")
        )
    return rows


def attribute_rows(report: dict) -> list[tuple[str, str, str]]:
    out = []
    for name, attribute in (report.get("attributes") or {}).items():
        level = attribute.get("level")
        out.append(
            (
                str(QI_LABELS.get(name, name)),
                str(_("local")) if level is None else str(level),
                _percent(attribute.get("star_share", 0)),
            )
        )
    return out


def review_version(product: DataProduct) -> ProductVersion | None:
    """The version a listing is judged by: the newest whose checks passed, else the newest."""
    versions = product.versions.order_by("-number")
    return versions.filter(status=ProductVersion.Status.READY).first() or versions.first()


def consent_coverage(product: DataProduct, version: ProductVersion | None) -> list[tuple[str, str]]:
    if not product.is_personal:
        return [(_("Personal data"), str(_("No: business data only")))]
    active = ConsentGrant.objects.filter(provider=product.provider, purpose=product.purpose, withdrawn_at__isnull=True)
    rows = [(_("People consenting to this purpose with this provider now"), _count(active.count()))]
    if version is not None:
        members = VersionMember.objects.filter(version=version)
        total = members.count()
        withdrawn = members.filter(grant__withdrawn_at__isnull=False).count()
        rows += [
            (_("People in the version reviewed"), _count(total)),
            (_("Of whom withdrew consent since the build"), _count(withdrawn)),
        ]
    return rows
