"""The simulated buyers of bench/load.py (a locustfile: locust imports it, never Django).

Each simulated user is one buyer organisation with its own API key and wallet, read from the
world file bench/load.py wrote ($LOAD_WORLD). The task weights give the mix of the issue:
catalog and search 60%, product pages 20%, buying 10%, downloads and queries 10%.
Every request is named after its kind, so the statistics come out per kind.
"""

import itertools
import json
import os
import random
import uuid

from locust import HttpUser, between, task

with open(os.environ["LOAD_WORLD"], encoding="utf-8") as world_file:
    WORLD = json.load(world_file)

SORTS = ("newest", "price_asc", "price_desc", "popular", "title")
SEARCHES = ("人才", "深圳", "road", "network", "survey", "薪酬", "district", "人才库 2026")
QUERIES = (
    ("candidates_count", {"province": "广东", "min_experience": 2, "skills": ["python"]}),
    ("salary_distribution", {"role_category": "engineering"}),
    ("top_skills", {"role_category": "data"}),
    ("experience_distribution", {"province": "北京"}),
)
_buyers = itertools.cycle(WORLD["buyers"])


class Buyer(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        me = next(_buyers)
        self.client.headers["Authorization"] = f"Api-Key {me['key']}"
        self.order_id = me["order_id"]
        self.unbought = list(WORLD["buyable"])
        random.shuffle(self.unbought)

    @task(40)
    def catalog(self) -> None:
        page = random.randint(1, WORLD["catalog_pages"])
        self.client.get(f"/api/v1/products/?page={page}&sort={random.choice(SORTS)}", name="catalog")

    @task(20)
    def search(self) -> None:
        self.client.get("/api/v1/products/", params={"search": random.choice(SEARCHES)}, name="search")

    @task(20)
    def product(self) -> None:
        self.client.get(f"/api/v1/products/{random.choice(WORLD['products'])}/", name="product")

    @task(10)
    def buy(self) -> None:
        if not self.unbought:  # every dataset bought: this user browses instead
            return self.catalog()
        product_id = self.unbought.pop()
        with self.client.post(
            "/api/v1/orders/",
            json={"product_id": product_id},
            headers={"Idempotency-Key": uuid.uuid4().hex},
            name="buy",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"buy answered {response.status_code}: {response.text[:200]}")

    @task(5)
    def download(self) -> None:
        with self.client.post(
            f"/api/v1/orders/{self.order_id}/download-link/", json={}, name="download_link", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"download link answered {response.status_code}: {response.text[:200]}")
                return
            url = response.json()["url"]
        path = url[url.index("/download/") :]
        with self.client.get(path, name="download", catch_response=True) as response:
            if response.status_code != 200 or not response.content:
                response.failure(f"download answered {response.status_code}")

    @task(5)
    def query(self) -> None:
        template, params = random.choice(QUERIES)
        with self.client.post(
            f"/api/v1/products/{WORLD['query_product']}/queries/",
            json={"template": template, "params": params},
            name="query",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"query answered {response.status_code}: {response.text[:200]}")
