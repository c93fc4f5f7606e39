"""Record builds count skills as quasi-identifiers and release vocabulary values only."""

import csv
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from django.utils import translation
from pycanon import anonymity

from consent.models import Resume
from exchange.exceptions import BuildError, ProductError
from exchange.models import DataProduct, ProductVersion
from exchange.services.builds import version_build_start
from exchange.services.products import product_create, product_update
from privacy.kmcheck import is_km_anonymous

from ..flow import build_start, product_define, world_create
from ..release_breaking import broken_after

pytestmark = pytest.mark.django_db(transaction=True)

JUNK = ["8 years", "Responsible for the whole sales cycle of the company", "10年工作经验"]


def _artefacts(version) -> str:
    text = version.artefact.open("rb").read().decode()
    parquet = pq.read_table(io.BytesIO(version.artefact_parquet.open("rb").read()))
    return text + json.dumps(parquet.to_pylist(), ensure_ascii=False) + json.dumps(version.privacy_report, ensure_ascii=False)


@pytest.mark.parametrize("technique", ["full-domain", "mondrian"])
def test_parsed_junk_in_skills_and_industry_never_reaches_any_artefact(technique):
    world = world_create(people=40)
    # Every resume carries the same junk "skills" and half an unknown industry: shared by all, still never released.
    for index, resume in enumerate(Resume.objects.filter(owner__in=world.jobseekers).order_by("id")):
        resume.skills = ["python", "sql", *JUNK] if index % 2 else ["excel", *JUNK]
        resume.industry = "8 years" if index % 2 else resume.industry
        resume.save(update_fields=["skills", "industry"])
    product = product_define(world, k=3)
    product_update(product=product, by=world.provider_user, technique=technique, quasi_identifiers=["age", "gender", "industry"])
    version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY, version.error
    blob = _artefacts(version)
    for junk in [*JUNK, "8 years"]:
        assert junk not in blob
    rows = list(csv.DictReader(io.StringIO(version.artefact.open("rb").read().decode())))
    qis = version.privacy_report["quasi_identifiers"]
    assert anonymity.k_anonymity(pd.DataFrame(rows)[qis].astype(str), qis) >= 3
    assert is_km_anonymous(rows, qis, "skills", k=3, m=product.m)
    assert any(row["skills"] for row in rows)  # skills shared by enough people are still released
    report = version.privacy_report
    for figure in ("dm", "c_avg", "gcp", "suppressed", "highest_prosecutor_risk", "average_prosecutor_risk"):
        assert figure in report
    assert set(report["attributes"]) == set(qis) and "star_share" in report["attributes"]["age"]


@pytest.mark.parametrize(
    ("fields", "code", "english", "chinese"),
    [
        ({"k": 1}, "k_too_small", "k must be at least 2", "k 至少为 2"),
        ({"m": 0}, "m_out_of_range", "must be between 1 and 4", "1 到 4"),
        ({"max_suppression_bps": 2500}, "suppression_out_of_range", "between 0% and 20%", "0% 到 20%"),
    ],
)
def test_a_bad_privacy_model_is_refused_in_both_languages_and_creates_nothing(fields, code, english, chinese):
    world = world_create(people=3)
    arguments = {
        "provider": world.provider,
        "by": world.provider_user,
        "title": "Bad model",
        "description": "x",
        "kind": DataProduct.Kind.RECORDS,
        "purpose": world.notice.purpose,
        "price_fen": 100,
        "quasi_identifiers": ["age"],
    } | fields
    for language, expected in (("en", english), ("zh-hans", chinese)):
        with translation.override(language), pytest.raises(ProductError) as refused:
            product_create(**arguments)
        assert refused.value.code == code
        assert expected in refused.value.message
    assert not DataProduct.objects.filter(title="Bad model").exists()


def test_l_larger_than_the_pool_allows_is_refused_before_a_version_exists():
    world = world_create(people=8)
    Resume.objects.filter(owner__in=world.jobseekers).update(expected_salary=9000)
    product = product_define(world, k=2)
    product_update(
        product=product,
        by=world.provider_user,
        quasi_identifiers=["age", "gender"],
        sensitive_attribute="expected_salary",
        l_diversity=2,
    )
    for language, expected in (("en", "larger than the 1 distinct values"), ("zh-hans", "1 个不同取值")):
        with translation.override(language), pytest.raises(BuildError) as refused:
            version_build_start(product=product, by=world.provider_user)
        assert refused.value.code == "l_too_large" and expected in refused.value.message
    assert not product.versions.exists()


@pytest.mark.parametrize("broken", ["k", "km"])
def test_a_table_that_fails_the_independent_checks_is_never_released(monkeypatch, broken):
    from exchange.models import VersionMember
    from exchange.services import builds

    world = world_create(people=24)
    product = product_define(world, k=3)
    product_update(product=product, by=world.provider_user, quasi_identifiers=["age", "gender"])
    generalise_then_break = broken_after(builds.generalise_records, broken, column="age", value="0-4")

    monkeypatch.setattr(builds, "generalise_records", generalise_then_break)
    with translation.override("en"):
        version = build_start(world, product)
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.FAILED
    assert "did not pass the independent k, k^m and l checks" in version.error
    assert version.privacy_report["passed"] is False
    assert not version.artefact and not version.artefact_parquet
    assert not VersionMember.objects.filter(version=version).exists()
