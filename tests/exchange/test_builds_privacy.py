"""Builds of every product kind: what leaves, what the report says, who is in it."""

import csv
import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pycanon import anonymity

from consent.models import ConsentGrant, Resume
from consent.services import consent_withdraw
from exchange.exceptions import BuildError, DeliveryDenied, NotSellable, ProductError
from exchange.models import BuyerNotice, DataProduct, PrivacyBudget, ProductVersion, VersionMember
from exchange.services.builds import artefact_for_buyer, version_build_start
from exchange.services.orders import download_link_create, order_for_buyer
from exchange.services.products import product_create, product_update
from privacy import budget as accountant

from ..flow import build_start, buy, legal_opinion_pdf, list_and_fund, product_define, world_create

pytestmark = pytest.mark.django_db(transaction=True)


def _identifiers(users) -> list[str]:
    values = []
    for resume in Resume.objects.filter(owner__in=users):
        values += [resume.full_name, resume.phone, resume.contact_email, resume.current_employer, resume.owner.email]
    return [v for v in values if v]


def test_records_version_is_k_anonymous_by_pycanon_in_csv_and_parquet_and_holds_no_identifier():
    world = world_create(people=30)
    product = product_define(world, k=3)
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    text = version.artefact.open("rb").read().decode()
    frame = pd.read_csv(io.StringIO(text), dtype=str).fillna("")
    qis = version.privacy_report["quasi_identifiers"]
    assert anonymity.k_anonymity(frame, qis) >= product.k
    assert version.privacy_report["k_achieved"] >= product.k and version.privacy_report["passed"] is True
    parquet = pq.read_table(io.BytesIO(version.artefact_parquet.open("rb").read()))
    assert parquet.num_rows == len(frame) == version.member_count
    assert parquet.schema.field("skills").type == pa.list_(pa.string())
    assert anonymity.k_anonymity(parquet.select(qis).to_pandas().astype(str), qis) >= product.k
    blob = text + json.dumps(parquet.to_pylist(), ensure_ascii=False) + json.dumps(version.privacy_report)
    for value in _identifiers(world.jobseekers):
        assert value not in blob
    members = VersionMember.objects.filter(version=version)
    assert sorted(members.values_list("row", flat=True)) == list(range(version.member_count))
    assert all(m.grant.user_id == m.user_id for m in members.select_related("grant"))


def test_a_pool_smaller_than_k_is_refused_before_any_version_exists():
    world = world_create(people=4)
    product = product_define(world, k=5)
    for language, expected in (("en", "fewer than k = 5"), ("zh-hans", "少于 k = 5")):
        with translation.override(language), pytest.raises(BuildError) as refused:
            version_build_start(product=product, by=world.provider_user)
        assert refused.value.code == "pool_too_small"
        assert expected in refused.value.message
    assert not product.versions.exists()


def test_statistics_release_spends_epsilon_for_every_member_and_ships_only_aggregates():
    world = world_create(people=25)
    product = product_create(
        provider=world.provider,
        by=world.provider_user,
        title="Talent statistics",
        description="DP tables",
        kind=DataProduct.Kind.STATISTICS,
        purpose=world.notice.purpose,
        price_fen=10_000,
        epsilon="0.5",
        min_people=10,
    )
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    tables = json.loads(version.artefact.open("rb").read())["tables"]
    assert {"people_by_province", "expected_salary_bands", "mean_expected_salary"} <= set(tables)
    for row in tables["people_by_province"]:
        assert row["suppressed"] or row["count"] is not None
    spent = dict(PrivacyBudget.objects.values_list("user_id", "spent_micro"))
    assert spent == {user.pk: accountant.to_micro("0.5") for user in world.jobseekers}
    assert version.member_count == 25 and version.privacy_report["epsilon_spent"] == "0.5"
    blob = version.artefact.open("rb").read().decode()
    for value in _identifiers(world.jobseekers):
        assert value not in blob


def test_withdrawal_stops_sale_and_download_rebuilds_without_the_person_and_gives_buyers_the_new_version(mailoutbox):
    world = world_create(people=12)
    world.buyer_user.language = "en"  # the notice e-mail is written in each recipient's language
    world.buyer_user.save(update_fields=["language"])
    product = product_define(world, k=3)
    first = build_start(world, product)
    list_and_fund(world, product)
    order = buy(world, product)
    leaver = VersionMember.objects.filter(version=first).first().user
    grant = ConsentGrant.objects.get(user=leaver, withdrawn_at__isnull=True)

    consent_withdraw(grant=grant, by=leaver)

    first.refresh_from_db()
    assert first.status == ProductVersion.Status.WITHDRAWN
    with pytest.raises(DeliveryDenied):
        download_link_create(order=order_for_buyer(order_id=order.pk, merchant=world.buyer), by=world.buyer_user)
    rebuilt = product.versions.get(number=2)
    assert rebuilt.status == ProductVersion.Status.READY
    assert not VersionMember.objects.filter(version=rebuilt, user=leaver).exists()
    notice = BuyerNotice.objects.get(order=order)
    assert (notice.withdrawn_version, notice.replacement) == (first, rebuilt)
    data, _sha = artefact_for_buyer(version=rebuilt, buyer=world.buyer)
    assert len(list(csv.DictReader(io.StringIO(data.decode())))) == rebuilt.member_count
    mail = [m for m in mailoutbox if world.buyer_user.email in m.to and "Delete every copy" in m.body]
    assert len(mail) == 1  # one deletion notice (the other mail is the purchase receipt)


def test_old_version_holding_a_withdrawn_person_cannot_be_bought():
    world = world_create(people=12)
    product = product_define(world, k=3)
    first = build_start(world, product)
    list_and_fund(world, product)
    # Simulate the version still current (e.g. rebuild failed) while a member's grant is withdrawn.
    ConsentGrant.objects.filter(pk=VersionMember.objects.filter(version=first).first().grant_id).update(
        withdrawn_at="2026-11-29T00:00:00Z"
    )
    with pytest.raises(NotSellable):
        buy(world, product)


def test_changing_privacy_parameters_sends_a_listed_product_back_to_review():
    world = world_create(people=12)
    product = product_define(world, k=3)
    build_start(world, product)
    list_and_fund(world, product)
    assert product.status == DataProduct.Status.APPROVED
    product = product_update(product=product, by=world.provider_user, k=4)
    assert product.status == DataProduct.Status.IN_REVIEW and not product.is_listed
    product = product_update(product=product, by=world.provider_user, licence="Internal use only")
    assert product.status == DataProduct.Status.IN_REVIEW


def test_a_personal_data_listing_needs_a_pdf_legal_opinion():
    from exchange.services.products import product_submit

    world = world_create(people=12)
    product = product_define(world, k=3)
    build_start(world, product)
    with pytest.raises(ProductError) as error:
        product_submit(product=product, by=world.provider_user)
    assert error.value.code == "legal_opinion_required"
    fake = SimpleUploadedFile("opinion.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ProductError) as error:
        product_submit(product=product, by=world.provider_user, legal_opinion=fake)
    assert error.value.code == "legal_opinion_format"
    product = product_submit(product=product, by=world.provider_user, legal_opinion=legal_opinion_pdf())
    assert product.status == DataProduct.Status.IN_REVIEW and product.legal_opinion


def _dataset(world, name: str, data: bytes) -> ProductVersion:
    product = product_create(
        provider=world.provider,
        by=world.provider_user,
        title=f"Dataset {name}",
        description="Business data",
        kind=DataProduct.Kind.DATASET,
        price_fen=5_000,
        source_file=SimpleUploadedFile(name, data),
    )
    version = build_start(world, product)
    version.refresh_from_db()
    return version


def test_datasets_are_validated_by_format_and_schema_with_a_preview():
    world = world_create(people=1)
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [113.9, 22.5]}, "properties": {"name": "A", "kw": 3}}
        ],
    }
    buffer = io.BytesIO()
    pq.write_table(pa.table({"district": ["南山", "福田"], "load_kwh": [10.5, 7.25]}), buffer)
    good = {
        "grid.csv": b"district,load_kwh\n\xe5\x8d\x97\xe5\xb1\xb1,10.5\n",
        "map.geojson": json.dumps(geojson).encode(),
        "firms.json": json.dumps([{"id": 1, "score": 700}, {"id": 2, "score": 640}]).encode(),
        "grid.parquet": buffer.getvalue(),
    }
    for name, data in good.items():
        version = _dataset(world, name, data)
        assert version.status == ProductVersion.Status.READY, (name, version.error)
        assert version.privacy_report["schema"]["columns"]
    assert _dataset(world, "grid.parquet", buffer.getvalue()).privacy_report["schema"]["columns"][1] == {
        "name": "load_kwh",
        "type": "double",
    }
    bad = {
        "ragged.csv": b"a,b\n1\n",
        "map.geojson": b'{"type": "Feature"}',
        "firms.json": b'{"not": "an array"}',
        "broken.parquet": b"PAR1 nonsense",
        "sheet.xlsx": b"PK\x03\x04",
    }
    for name, data in bad.items():
        version = _dataset(world, name, data)
        assert version.status == ProductVersion.Status.FAILED, name
        assert version.privacy_report["failure"]


def test_provider_pages_edit_privacy_parameters_and_show_why_a_build_failed(client):
    world = world_create(people=4)
    product = product_define(world, k=5)
    failed = ProductVersion.objects.create(
        product=product,
        number=1,
        status=ProductVersion.Status.FAILED,
        privacy_report={"passed": False, "failure": "The privacy check failed: k=5 cannot be met"},
    )
    client.force_login(world.provider_user)

    report = client.get(f"/merchant/versions/{failed.pk}/report/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Failed: never sellable" in report.content.decode() and "k=5" in report.content.decode()

    response = client.post(
        f"/merchant/products/{product.pk}/privacy/",
        {
            "k": 2,
            "max_suppression_percent": "10",
            "quasi_identifiers": ["age", "gender"],
            "include_skills": "on",
            "epsilon": "0.5",
            "min_people": 10,
            "weighting": "completeness",
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.k, product.max_suppression_bps, product.quasi_identifiers, product.weighting) == (
        2,
        1000,
        ["age", "gender"],
        "completeness",
    )
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY
    assert set(VersionMember.objects.filter(version=version).values_list("weight", flat=True)) == {4}
