"""A provider compares full-domain and Mondrian at a few values of k before building anything."""

import re

import pytest

from exchange.models import DataProduct, ProductVersion

from ..flow import product_define, world_create

pytestmark = pytest.mark.django_db


def _entries(html: str) -> list[tuple[str, str]]:
    return re.findall(r'class="card h-100 compare-entry" data-technique="([a-z-]+)" data-k="(\d+)"', html)


def test_both_techniques_at_each_k_show_the_report_figures_and_nothing_is_built(client):
    world = world_create(people=40)
    product = product_define(world, k=3)
    client.force_login(world.provider_user)

    page = client.get(f"/merchant/products/{product.pk}/privacy/compare/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    # Half, equal to and twice the product's k, each technique at each.
    assert _entries(html) == [(t, k) for t in ("full-domain", "mondrian") for k in ("2", "3", "6")]
    for label in (
        "Discernibility (DM)",
        "C_avg",
        "GCP",
        "Suppressed records",
        "Highest prosecutor risk",
        "Average prosecutor risk",
    ):
        assert html.count(label) == 6 - html.count("compare-error"), label
    assert "Share of “*”" in html and "your current settings" in html
    assert html.count("your current settings") == 1
    assert not ProductVersion.objects.filter(product=product).exists()

    chosen = client.get(f"/merchant/products/{product.pk}/privacy/compare/", {"ks": "4, 8"}, HTTP_ACCEPT_LANGUAGE="en")
    assert _entries(chosen.content.decode()) == [(t, k) for t in ("full-domain", "mondrian") for k in ("4", "8")]


def test_a_k_the_pool_cannot_meet_says_why_in_its_own_card(client):
    world = world_create(people=12)
    product = product_define(world, k=3)
    client.force_login(world.provider_user)
    html = client.get(
        f"/merchant/products/{product.pk}/privacy/compare/", {"ks": "3,50"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert _entries(html) == [("full-domain", "3"), ("full-domain", "50"), ("mondrian", "3"), ("mondrian", "50")]
    assert html.count("compare-error") == 2
    assert "fewer consenting people than k" in html


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Enter up to four whole numbers from 2 to 50"), ("zh-hans", "请输入最多四个 2 到 50 之间的整数")],
)
@pytest.mark.parametrize("ks", ["1", "2,3,4,5,6", "k", "51"])
def test_bad_values_of_k_are_refused_in_both_languages_and_nothing_runs(client, ks, language, message):
    world = world_create(people=10)
    product = product_define(world, k=3)
    client.force_login(world.provider_user)
    html = client.get(
        f"/merchant/products/{product.pk}/privacy/compare/", {"ks": ks}, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert message in html
    assert not _entries(html)


def test_the_privacy_page_links_to_the_comparison(client):
    world = world_create(people=5)
    product = product_define(world, k=3)
    client.force_login(world.provider_user)
    html = client.get(f"/merchant/products/{product.pk}/privacy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/merchant/products/{product.pk}/privacy/compare/"' in html


def test_a_product_that_releases_no_records_has_nothing_to_compare(client):
    world = world_create(people=5)
    product = product_define(world, k=3)
    DataProduct.objects.filter(pk=product.pk).update(kind=DataProduct.Kind.STATISTICS)
    client.force_login(world.provider_user)
    html = client.get(f"/merchant/products/{product.pk}/privacy/compare/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="compare-not-records"' in html and not _entries(html)
