"""The catalog: search (full text on PostgreSQL), filters, sorting, htmx, and a fixed number of queries."""

import json
import os

import pytest
from django.db import connection
from rest_framework.test import APIClient

from exchange.models import DataProduct, Order, ProductListing
from exchange.pagination import CappedPaginator
from exchange.selectors import CatalogFilters, catalog_products
from exchange.services.api_keys import api_key_create
from exchange.services.orders import order_place, order_refund

from ..factories import ProviderFactory
from .buyer_world import listed_dataset, market_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    market = market_create()
    credit = ProviderFactory(name="Grid Credit Bureau")
    listed_dataset(
        credit,
        title="Electricity-based credit scores",
        description="Small business credit scores derived from electricity consumption.",
        category=DataProduct.Category.CREDIT,
        price_fen=500_000,
        frequency=ProductListing.Frequency.DAILY,
    )
    listed_dataset(
        market.provider,
        title="深圳人才库 talent heatmap",
        description="招聘热度 by district.",
        category=DataProduct.Category.TALENT,
        price_fen=80_000,
        frequency=ProductListing.Frequency.WEEKLY,
    )
    draft = listed_dataset(market.provider, title="Unreviewed roads")
    DataProduct.objects.filter(pk=draft.pk).update(status=DataProduct.Status.IN_REVIEW)
    return market


def titles(**filters) -> list[str]:
    return [p.title for p in catalog_products(filters=CatalogFilters(**filters))]


def test_search_finds_words_in_title_description_and_provider_and_chinese_substrings(shelf):
    assert titles(search="electricity") == ["Electricity-based credit scores"]
    assert titles(search="consumption") == ["Electricity-based credit scores"]  # in the description only
    assert titles(search="Grid Credit") == ["Electricity-based credit scores"]  # the provider
    assert titles(search="人才") == ["深圳人才库 talent heatmap"]
    assert titles(search="nothing-like-this") == []
    assert "Unreviewed roads" not in titles()


def test_filters_combine(shelf):
    assert titles(category="credit") == ["Electricity-based credit scores"]
    assert titles(frequency="weekly") == ["深圳人才库 talent heatmap"]
    assert set(titles(provider=shelf.provider.pk)) == {"Shenzhen road network", "深圳人才库 talent heatmap"}
    assert titles(price_min_fen=50_000, price_max_fen=100_000) == ["深圳人才库 talent heatmap"]
    assert titles(kind="records") == []


def test_sorting(shelf):
    assert titles(sort="price_asc") == ["Shenzhen road network", "深圳人才库 talent heatmap", "Electricity-based credit scores"]
    assert titles(sort="price_desc")[0] == "Electricity-based credit scores"
    order_place(buyer=shelf.buyer, product=DataProduct.objects.get(title__startswith="深圳"), by=shelf.buyer_user)
    assert titles(sort="popular")[0] == "深圳人才库 talent heatmap"
    assert titles(search="credit", sort="relevance")[0] == "Electricity-based credit scores"


def test_refunded_orders_do_not_count_as_sales(shelf):
    order = order_place(buyer=shelf.buyer, product=shelf.product, by=shelf.buyer_user)
    assert catalog_products(filters=CatalogFilters(sort="popular")).get(pk=shelf.product.pk).sales == 1
    order_refund(order=order, by=shelf.staff, reason="Wrong dataset")
    assert Order.objects.get(pk=order.pk).status == Order.Status.REFUNDED
    assert catalog_products(filters=CatalogFilters(sort="popular")).get(pk=shelf.product.pk).sales == 0


def test_htmx_filtering_returns_only_the_results_fragment(shelf, client):
    full = client.get("/catalog/?category=credit")
    assert "<html" in full.content.decode() and "Electricity-based" in full.content.decode()
    partial = client.get("/catalog/?category=maps", HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body and "Shenzhen road network" in body and "Electricity-based" not in body
    assert 'hx-get="/catalog/"' in full.content.decode()


def test_nonsense_query_values_are_ignored_not_errors(shelf, client):
    response = client.get("/catalog/?price_min=abc&provider=x&sort=evil&kind=zzz&page=999")
    assert response.status_code == 200


def test_product_page_shows_schema_sample_plans_licence_and_history(shelf, client):
    response = client.get(f"/catalog/{shelf.product.pk}/")
    body = response.content.decode()
    for expected in ("road_km", "Futian", "Internal use only.", "Pearl River Maps", 'id="versions"', 'id="privacy-report"'):
        assert expected in body


def _seed(provider, count: int, start: int = 0) -> None:
    for index in range(start, start + count):
        listed_dataset(provider, title=f"Dataset {index}", price_fen=1_000 + index)


def test_catalog_page_queries_do_not_grow_with_results(shelf, client, django_assert_max_num_queries):
    client.force_login(shelf.buyer_user)
    with django_assert_max_num_queries(12) as few:
        client.get("/catalog/")
    _seed(shelf.provider, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/catalog/")
    assert response.content.decode().count("product-card") == 24


def test_catalog_api_queries_do_not_grow_with_results(shelf, django_assert_max_num_queries):
    _key, secret = api_key_create(merchant=shelf.buyer, name="n", by=shelf.buyer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    with django_assert_max_num_queries(12) as few:
        assert api.get("/api/v1/products/").status_code == 200
    _seed(shelf.provider, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = api.get("/api/v1/products/?page_size=40&search=Dataset").json()
    assert len(page["results"]) == 40
    datasets = list(DataProduct.objects.filter(title__startswith="Dataset").order_by("id")[:6])
    order_place(buyer=shelf.buyer, product=datasets[0], by=shelf.buyer_user)
    baseline = {}
    for url in ("/api/v1/orders/", "/api/v1/invoices/", "/api/v1/entitlements/"):
        with django_assert_max_num_queries(12) as one:
            api.get(url)
        baseline[url] = len(one.captured_queries)
    for product in datasets[1:]:
        order_place(buyer=shelf.buyer, product=product, by=shelf.buyer_user)
    for url, queries in baseline.items():
        with django_assert_max_num_queries(queries):
            assert len(api.get(url).json() if url.endswith("entitlements/") else api.get(url).json()["results"]) == 6


def test_api_filters_and_rejects_bad_filters_in_the_one_error_format(shelf):
    _key, secret = api_key_create(merchant=shelf.buyer, name="n", by=shelf.buyer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    found = api.get("/api/v1/products/?frequency=daily&sort=price_desc").json()
    assert [p["title"] for p in found["results"]] == ["Electricity-based credit scores"]
    bad = api.get("/api/v1/products/?kind=nonsense&price_min_fen=-1")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"kind", "price_min_fen"}


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL's plans")
@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({"sort": "popular"}, "product_catalog_popular"),
        ({"sort": "popular", "search": "credit"}, "product_catalog_popular"),
        ({"sort": "title"}, "product_catalog_title"),
        ({"sort": "price_desc"}, "product_catalog_price"),
    ],
)
def test_every_sort_reads_an_index(shelf, filters, index):
    query = catalog_products(filters=CatalogFilters(**filters))[:20]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        # A few rows would be read whole; forbid that to see which index the query can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")  # a sort reads its index in order
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = json.dumps(cursor.fetchone()[0])
    assert f'"Index Name": "{index}' in plan, plan
    assert len(list(query)) >= 1


def test_search_document_follows_the_title_it_is_generated_from(shelf):
    product = DataProduct.objects.get(title="Electricity-based credit scores")
    DataProduct.objects.filter(pk=product.pk).update(title="Solar yield credit scores", description="Panels.")
    assert titles(search="electricity") == []
    assert titles(search="solar") == ["Solar yield credit scores"]
    assert titles(search="yield cred") == ["Solar yield credit scores"]  # a substring of the title


def test_a_broad_search_counts_up_to_the_cap_and_still_pages_through_every_match(shelf, client, monkeypatch):
    # The cap is 1,000 in production; a cap of 5 shows the same paths over 12 products.
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    _seed(shelf.provider, 12)
    _key, secret = api_key_create(merchant=shelf.buyer, name="n", by=shelf.buyer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")

    first = api.get("/api/v1/products/?search=Dataset&page_size=4&sort=price_asc").json()
    assert (first["count"], first["count_exact"], first["previous"]) == (5, False, None)
    seen, page = [], first
    while True:
        seen += [p["title"] for p in page["results"]]
        if page["next"] is None:
            break
        page = api.get(page["next"]).json()
        assert page["count_exact"] is False
    assert seen == [f"Dataset {i}" for i in range(12)]  # every match once, in order, past the cap
    assert len(page["results"]) == 4 and page["previous"] is not None
    beyond = api.get("/api/v1/products/?search=Dataset&page_size=4&sort=price_asc&page=4")
    assert beyond.status_code == 404
    assert api.get("/api/v1/products/?search=Dataset&page=last").status_code == 404

    narrow = api.get("/api/v1/products/?search=electricity").json()
    assert (narrow["count"], narrow["count_exact"], narrow["next"]) == (1, True, None)

    client.force_login(shelf.buyer_user)
    broad = client.get("/catalog/?q=Dataset", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5+ products" in broad and broad.count("product-card") == 12
    assert "5+ 个产品" in client.get("/catalog/?q=Dataset", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "1 product<" in client.get("/catalog/?q=electricity", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    deep = client.get("/catalog/?q=Dataset&page=7").content.decode()  # past the last page: the last known one
    assert deep.count("product-card") == 12
