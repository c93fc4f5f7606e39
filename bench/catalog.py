"""Catalog API throughput over N listed products on PostgreSQL, against a fair floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python bench/catalog.py --products 100000

Creates, fills and drops its own ``NAME_bench`` database (bench/population.py). The floor is
what the DRF tutorial would write for the same page: a ``ListAPIView`` over the same table
with a ``ModelSerializer`` of the same fields, the same pagination, the same authentication
and permission classes, ``OrderingFilter`` for the sorts and ``get_queryset`` reading the
filters from the query string. Each catalog URL is timed beside its floor twin, round after
round, so a noisy neighbour slows both alike. Prints one JSON line: ``ratio`` is catalog /
floor over the unsearched pages; ``search_ratio`` is searched pages / the same pages
without the search term.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from population import bench_database, peak_rss_mb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# (catalog URL, floor URL): the same page, filtered and sorted alike.
PAIRS = [
    ("/api/v1/products/", "/bench/floor/"),
    ("/api/v1/products/?sort=price_asc&page=3", "/bench/floor/?ordering=price_fen,id&page=3"),
    ("/api/v1/products/?sort=price_desc&page=2", "/bench/floor/?ordering=-price_fen,-id&page=2"),
    ("/api/v1/products/?sort=title&page=5", "/bench/floor/?ordering=title,id&page=5"),
    ("/api/v1/products/?category=maps&page=2", "/bench/floor/?category=maps&page=2"),
    ("/api/v1/products/?sort=popular", "/bench/floor/?ordering=-id"),
]
# (searched page, the same page without the search term)
SEARCHES = [
    ("/api/v1/products/?search=district", "/api/v1/products/"),
    ("/api/v1/products/?search=人才库", "/api/v1/products/"),
    ("/api/v1/products/?search=survey&category=maps", "/api/v1/products/?category=maps"),
    ("/api/v1/products/?search=road+network&sort=price_asc", "/api/v1/products/?sort=price_asc"),
]


def floor_urls():
    """The DRF-tutorial view, built once Django is set up."""
    from django.urls import include, path
    from rest_framework import filters, generics, serializers

    from accounts.roles import Capability
    from exchange.apis import MerchantApi, Pagination
    from exchange.models import DataProduct
    from payouts import money

    class ProductSerializer(serializers.ModelSerializer):
        price = serializers.SerializerMethodField()
        provider = serializers.CharField(source="provider.name")
        update_frequency = serializers.CharField(source="listing.update_frequency")
        current_version = serializers.SerializerMethodField()

        class Meta:
            model = DataProduct
            fields = ["id", "title", "description", "kind", "category", "price_fen", "price", "provider", "provider_id"]
            fields += ["update_frequency", "current_version"]

        def get_price(self, product) -> str:
            return money.format_fen(product.price_fen)

        def get_current_version(self, product):
            return max((v.number for v in product.versions.all() if v.status == "ready"), default=None)

    class ProductList(generics.ListAPIView):
        authentication_classes = MerchantApi.authentication_classes
        permission_classes = MerchantApi.permission_classes
        capabilities = {"GET": Capability.READ}  # what the permission class reads, as on the catalog API
        serializer_class = ProductSerializer
        pagination_class = Pagination
        filter_backends = [filters.OrderingFilter]
        ordering_fields = ["id", "price_fen", "title"]
        ordering = ["-id"]

        def get_queryset(self):
            queryset = (
                DataProduct.objects.filter(status=DataProduct.Status.APPROVED)
                .select_related("provider", "listing")
                .prefetch_related("versions")
            )
            category = self.request.query_params.get("category")
            if category:
                queryset = queryset.filter(category=category)
            return queryset

    return [path("bench/floor/", ProductList.as_view()), path("", include("config.urls"))]


def seed(n: int) -> str:
    from django.db import connection

    from accounts.models import Membership, Merchant, User
    from exchange.models import DataProduct, ProductListing, ProductVersion
    from exchange.services.api_keys import api_key_create

    provider = Merchant.objects.create(name="Bench Provider", industry="mapping", is_provider=True, status="verified")
    buyer = Merchant.objects.create(name="Bench Buyer", industry="employer", status="verified")
    user = User.objects.create_user("bench@example.com", "x", kind=User.Kind.MERCHANT)
    Membership.objects.create(user=user, merchant=buyer, role=Membership.Role.OWNER)
    categories = [c for c, _ in DataProduct.Category.choices]
    frequencies = [f for f, _ in ProductListing.Frequency.choices]
    for start in range(0, n, 10_000):
        batch = range(start, min(n, start + 10_000))
        products = DataProduct.objects.bulk_create(
            [
                DataProduct(
                    provider=provider,
                    # A third of the titles are Chinese: the parser keeps them as one token each,
                    # so only the substring index finds 人才库 inside them.
                    title=f"深圳人才库第{i}期 区{i % 97}" if i % 3 == 0 else f"Dataset {i} road network district {i % 97}",
                    description=f"Survey data for district {i % 97}, edition {i}.",
                    kind=DataProduct.Kind.DATASET,
                    category=categories[i % len(categories)],
                    price_fen=1_000 + (i * 37) % 100_000,
                    status=DataProduct.Status.APPROVED,
                )
                for i in batch
            ],
            batch_size=2000,
        )
        ProductListing.objects.bulk_create(
            [ProductListing(product=p, update_frequency=frequencies[i % len(frequencies)]) for i, p in enumerate(products)],
            batch_size=2000,
        )
        ProductVersion.objects.bulk_create(
            [ProductVersion(product=p, number=1, status=ProductVersion.Status.READY, progress=100) for p in products],
            batch_size=2000,
        )
    _key, secret = api_key_create(merchant=buyer, name="bench", by=user)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE") if connection.vendor == "postgresql" else cursor.execute("ANALYZE")
    return secret


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=600, help="per group (catalog, floor, search, unsearched)")
    args = parser.parse_args()
    with bench_database():
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings
        from rest_framework.views import APIView

        # Throttling would cap a benchmark at the API's rate limit; it is off for both views alike.
        APIView.throttle_classes = ()
        globals()["urlpatterns"] = floor_urls()
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], DEBUG=False):
            secret = seed(args.products)
            headers = {"Authorization": f"Api-Key {secret}"}
            client = Client()

            def get(url: str) -> float:
                started = time.perf_counter()
                response = client.get(url, headers=headers)
                elapsed = time.perf_counter() - started
                if response.status_code != 200 or not response.json()["results"]:
                    raise SystemExit(f"{url}: HTTP {response.status_code} {response.content[:300]!r}")
                return elapsed

            urls = [u for pair in PAIRS + SEARCHES for u in pair]
            for url in urls:  # warm caches and code paths
                get(url)
            queries = {}
            for url in urls:
                with CaptureQueriesContext(connection) as captured:
                    get(url)
                queries[url] = len(captured.captured_queries)

            times = {"catalog": [], "floor": [], "search": [], "unsearched": []}
            for i in range(args.requests):
                catalog_url, floor_url = PAIRS[i % len(PAIRS)]
                searched, unsearched = SEARCHES[i % len(SEARCHES)]
                times["catalog"].append(get(catalog_url))
                times["floor"].append(get(floor_url))
                times["search"].append(get(searched))
                times["unsearched"].append(get(unsearched))
            explain = {}
            if connection.vendor == "postgresql":
                from exchange.selectors import CatalogFilters, catalog_products

                pages = {"search_zh": CatalogFilters(search="人才库"), "popular": CatalogFilters(sort="popular")}
                for label, filters in pages.items():
                    sql, params = catalog_products(filters=filters)[:20].query.sql_with_params()
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                        explain[label] = round(cursor.fetchone()[0][0]["Execution Time"], 2)

    total = {k: sum(v) for k, v in times.items()}
    latencies = sorted(times["catalog"])
    search_latencies = sorted(times["search"])
    n = args.requests
    print(
        json.dumps(
            {
                "bench": "catalog",
                "n": args.products,
                "requests": n,
                "database": connection.vendor,
                "seconds": round(total["catalog"], 3),
                "floor_seconds": round(total["floor"], 3),
                "ratio": round(total["catalog"] / total["floor"], 2),
                "requests_per_second": round(n / total["catalog"], 1),
                "floor_requests_per_second": round(n / total["floor"], 1),
                "p50_ms": round(latencies[n // 2] * 1000, 2),
                "p95_ms": round(latencies[int(n * 0.95)] * 1000, 2),
                "search_seconds": round(total["search"], 3),
                "unsearched_seconds": round(total["unsearched"], 3),
                "search_ratio": round(total["search"] / total["unsearched"], 2),
                "search_p50_ms": round(search_latencies[n // 2] * 1000, 2),
                "search_p95_ms": round(search_latencies[int(n * 0.95)] * 1000, 2),
                "queries_per_request": max(queries[c] for c, _ in PAIRS + SEARCHES),
                "floor_queries_per_request": max(queries[f] for _, f in PAIRS),
                "db_ms_page": explain,
                "peak_rss_mb": peak_rss_mb(),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
