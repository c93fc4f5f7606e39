"""Catalog API throughput with 10,000 listed products, against a minimal DRF view on the same server.

Both endpoints are served in-process by the same Django WSGI handler with the same
API-key authentication; the minimal view returns a constant. Prints one JSON line:
`seconds` is the catalog requests' wall time, `floor_seconds` the minimal view's,
`ratio` = seconds / floor_seconds, plus requests per second and queries per request.

    python bench/catalog.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_catalog python bench/catalog.py   # an empty scratch database
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = tempfile.mkdtemp(prefix="bench-catalog-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["REDIS_URL"] = ""  # the cache and broker stay in-process: we measure the view, not the network
os.environ["LOG_LEVEL"] = "ERROR"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

N_PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "10000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
QUERIES = [
    "/api/v1/products/",
    "/api/v1/products/?sort=price_asc&page=3",
    "/api/v1/products/?search=district&category=maps",
    "/api/v1/products/?frequency=monthly&price_min_fen=5000&price_max_fen=50000",
]

# Throttling would cap a benchmark at the API's rate limit; it is off for both views alike.
APIView.throttle_classes = ()


class MinimalApi(APIView):
    """The floor: the same authentication and permission, a constant response."""

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [path("bench/minimal/", MinimalApi.as_view()), path("", include("config.urls"))]


def seed() -> str:
    from accounts.models import Membership, Merchant, User
    from exchange.models import DataProduct, ProductListing, ProductVersion
    from exchange.services.api_keys import api_key_create

    call_command("migrate", verbosity=0)
    provider = Merchant.objects.create(name="Bench Provider", industry="mapping", is_provider=True, status="verified")
    buyer = Merchant.objects.create(name="Bench Buyer", industry="employer", status="verified")
    user = User.objects.create_user("bench@example.com", "x", kind=User.Kind.MERCHANT)
    Membership.objects.create(user=user, merchant=buyer, role=Membership.Role.OWNER)
    categories = [c for c, _ in DataProduct.Category.choices]
    frequencies = [f for f, _ in ProductListing.Frequency.choices]
    products = DataProduct.objects.bulk_create(
        [
            DataProduct(
                provider=provider,
                title=f"Dataset {i} road network district {i % 97}",
                description=f"Survey data for district {i % 97}, edition {i}.",
                kind=DataProduct.Kind.DATASET,
                category=categories[i % len(categories)],
                price_fen=1_000 + (i * 37) % 100_000,
                status=DataProduct.Status.APPROVED,
            )
            for i in range(N_PRODUCTS)
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
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum would have them after a bulk load
    return secret


def timed(client: Client, urls: list[str], headers: dict) -> tuple[float, list[float]]:
    latencies = []
    started = time.perf_counter()
    for i in range(REQUESTS):
        t0 = time.perf_counter()
        response = client.get(urls[i % len(urls)], headers=headers)
        latencies.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise SystemExit(f"{urls[i % len(urls)]}: HTTP {response.status_code} {response.content[:200]!r}")
    return time.perf_counter() - started, sorted(latencies)


def main() -> None:
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], DEBUG=False):
        secret = seed()
        headers = {"Authorization": f"Api-Key {secret}"}
        client = Client()
        for url in QUERIES + ["/bench/minimal/"]:  # warm up caches and code paths
            client.get(url, headers=headers)
        queries = []
        for url in QUERIES:
            with CaptureQueriesContext(connection) as captured:
                client.get(url, headers=headers)
            queries.append(len(captured.captured_queries))
        with CaptureQueriesContext(connection) as captured:
            client.get("/bench/minimal/", headers=headers)
        floor_queries = len(captured.captured_queries)
        floor_seconds, _floor_latencies = timed(client, ["/bench/minimal/"], headers)
        seconds, latencies = timed(client, QUERIES, headers)
    print(
        json.dumps(
            {
                "bench": "catalog",
                "n": N_PRODUCTS,
                "requests": REQUESTS,
                "database": connection.vendor,
                "seconds": round(seconds, 3),
                "floor_seconds": round(floor_seconds, 3),
                "ratio": round(seconds / floor_seconds, 2),
                "requests_per_second": round(REQUESTS / seconds, 1),
                "floor_requests_per_second": round(REQUESTS / floor_seconds, 1),
                "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2),
                "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 2),
                "queries_per_request": max(queries),
                "floor_queries_per_request": floor_queries,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
