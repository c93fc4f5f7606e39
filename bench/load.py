"""Concurrent users against the real stack: gunicorn (4 workers), PostgreSQL, Redis, a Celery worker.

    DATABASE_URL=postgres://… python bench/load.py --users 200 --seconds 120

Seeds a world in its own `<db>_bench` database (bench/population.py): one buyer organisation
per simulated user (a funded wallet, an API key, one bought dataset to download, the query
service bought), `--products` listed datasets to buy and a clean-room query service over
`--candidates` consenting jobseekers. Then starts a private Redis on a free port, gunicorn with
4 workers and a Celery worker (which settles every purchase), and runs locust headless
(bench/load_users.py): catalog and search 60%, product pages 20%, buying 10%, downloads and
queries 10%. Afterwards it waits for the worker to settle every order and checks the ledger
(`ledger_violations`, what `verify_ledger` runs). One JSON line: requests per second,
p50/p95/p99 per kind, errors, orders left unsettled, ledger violations.
"""

import argparse
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from population import bench_database, populate

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("catalog", "search", "product", "buy", "download_link", "download", "query")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    sys.exit(f"bench/load.py: {what} did not come up within {seconds:.0f} s")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own local server)
            return response.status == 200
    except OSError:
        return False


def _seed(args, folder: Path) -> dict:
    from django.conf import settings

    from config.celery import app as celery_app
    from consent.models import Purpose
    from exchange.models import DataProduct, ProductListing, ProductVersion
    from exchange.services.api_keys import api_key_create
    from exchange.services.builds import version_build
    from exchange.services.orders import order_place
    from tests.exchange.buyer_world import fund, listed_dataset
    from tests.factories import MerchantFactory, StaffFactory, member_of

    celery_app.conf.task_always_eager = True  # the seed's own purchases settle inline
    # The query service's version may spend everyone's whole lifetime budget: 10,000 queries of ε = 0.001.
    settings.EXCHANGE = {**settings.EXCHANGE, "QUERY_ALLOWANCE_EPSILON": settings.EXCHANGE.get("LIFETIME_EPSILON", "10")}
    provider, _buyer, provider_user, _buyer_user, _notices = populate(args.candidates)
    titles = ("深圳人才库 2026 第%d期", "Shenzhen road network %d", "Survey of district salaries 薪酬 %d")
    datasets = [listed_dataset(provider, title=titles[n % 3] % n, price_fen=1_000 + 10 * n) for n in range(args.products)]
    query_product = DataProduct.objects.create(
        provider=provider,
        title="人才库 clean-room queries",
        description="Counts and distributions over consenting jobseekers.",
        kind=DataProduct.Kind.QUERY,
        purpose=Purpose.STATISTICS,
        price_fen=5_000,
        epsilon="0.001",  # the version's allowance lasts the whole run
        min_people=5,
        status=DataProduct.Status.APPROVED,
    )
    ProductListing.objects.create(product=query_product)
    version = ProductVersion.objects.create(product=query_product, number=1, created_by=provider_user)
    version = version_build(version_id=version.pk)
    if version.status != ProductVersion.Status.READY:
        sys.exit(f"bench/load.py: the query service did not build: {version.error}")
    staff = StaffFactory(email="load-staff@example.com")
    buyers = []
    for n in range(args.users):
        merchant = MerchantFactory(name=f"Load buyer {n}")
        user = member_of(merchant, email=f"load-{n}@example.com")
        fund(merchant, user, staff, fen=100_000_000, reference=f"LOAD-{n}")
        _key, secret = api_key_create(merchant=merchant, name="load", by=user)
        owned = order_place(buyer=merchant, product=datasets[n % len(datasets)], by=user)
        order_place(buyer=merchant, product=query_product, by=user)
        buyers.append({"key": secret, "order_id": owned.pk})
    celery_app.conf.task_always_eager = False
    page_size = settings.REST_FRAMEWORK["PAGE_SIZE"]
    products = [d.pk for d in datasets] + [query_product.pk]
    world = {
        "buyers": buyers,
        # Each user buys datasets it does not hold yet (its seeded one may come again: refused, an error).
        "buyable": [d.pk for d in datasets[len(buyers) :]] if len(datasets) > len(buyers) else [],
        "products": products,
        "query_product": query_product.pk,
        "catalog_pages": max(1, -(-len(products) // page_size)),
    }
    if not world["buyable"]:
        sys.exit("bench/load.py: --products must exceed --users (each user's seeded dataset is not bought again)")
    (folder / "world.json").write_text(json.dumps(world))
    return world


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own programs)
        command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _stats(prefix: Path) -> tuple[dict, dict]:
    text = (prefix.parent / f"{prefix.name}_stats.csv").read_text()
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}
    kinds = {}
    for kind in KINDS:
        row = rows.get(kind)
        if row is None or int(row["Request Count"]) == 0:
            continue
        kinds[kind] = {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
        }
    return kinds, rows["Aggregated"]


def _failures(prefix: Path) -> list[str]:
    path = prefix.parent / f"{prefix.name}_failures.csv"
    if not path.exists():
        return []
    rows = csv.DictReader(io.StringIO(path.read_text()))
    return [f"{row['Occurrences']}× {row['Name']}: {row['Error'][:200]}" for row in rows]


def _settled_within(seconds: float) -> tuple[int, float]:
    """Wait for the worker to settle every order; returns (left unsettled, seconds waited)."""
    from exchange.models import Order

    started = time.monotonic()
    while True:
        unsettled = Order.objects.filter(status=Order.Status.PAID).count()
        waited = time.monotonic() - started
        if unsettled == 0 or waited > seconds:
            return unsettled, waited
        time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--products", type=int, default=400, help="listed datasets (more than --users)")
    parser.add_argument("--candidates", type=int, default=2_000, help="jobseekers behind the query service")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    os.environ["EXCHANGE_VAR_DIR"] = str(folder)  # media, static root: shared by every process below
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"  # receipts stay in memory
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)  # the seed runs eagerly; the served processes get a private Redis
    processes: list[subprocess.Popen] = []
    with bench_database():
        try:
            _seed(args, folder)
            redis_port, web_port = _free_port(), _free_port()
            env = {**os.environ, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "DJANGO_DEBUG": "0"}
            env["LOAD_WORLD"] = str(folder / "world.json")
            processes.append(
                _start(
                    ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                    env,
                    folder / "redis.log",
                )
            )
            _wait_until(lambda: _port_open(redis_port), 10, "redis-server")
            bin_dir = Path(sys.executable).parent
            processes.append(
                _start(
                    [str(bin_dir / "gunicorn"), "config.wsgi:application", "--workers", str(args.workers),
                     "--bind", f"127.0.0.1:{web_port}", "--timeout", "60"],
                    env,
                    folder / "gunicorn.log",
                )
            )  # fmt: skip
            processes.append(
                _start(
                    [str(bin_dir / "celery"), "-A", "config", "worker", "--concurrency", "2", "--loglevel", "WARNING"],
                    env,
                    folder / "celery.log",
                )
            )
            host = f"http://127.0.0.1:{web_port}"
            _wait_until(lambda: _answers(f"{host}/healthz"), 60, "gunicorn")
            prefix = folder / "locust"
            spawn_rate = max(1, args.users // 10)  # everyone running after the first ~10 s
            load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was
            locust = subprocess.run(  # noqa: S603
                [str(bin_dir / "locust"), "-f", str(ROOT / "bench" / "load_users.py"), "--headless",
                 "--users", str(args.users), "--spawn-rate", str(spawn_rate), "--run-time", f"{args.seconds}s",
                 "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
                cwd=ROOT, env=env, stdout=(folder / "locust.log").open("wb"), stderr=subprocess.STDOUT, check=False,
            )  # fmt: skip
            load_after = os.getloadavg()[0]
            kinds, total = _stats(prefix)
            unsettled, settle_wait = _settled_within(120)
            from payouts.selectors import ledger_violations

            violations = ledger_violations()
            for line in _failures(prefix)[:10] + violations[:10]:
                print(line, file=sys.stderr)
            if not kinds:
                print((folder / "locust.log").read_text()[-3000:], file=sys.stderr)
                sys.exit(f"bench/load.py: locust made no requests (exit code {locust.returncode})")
            print(
                json.dumps(
                    {
                        "bench": "load",
                        "users": args.users,
                        "seconds": args.seconds,
                        "gunicorn_workers": args.workers,
                        "requests": int(total["Request Count"]),
                        "rps": round(float(total["Requests/s"]), 1),
                        "p50_ms": float(total["50%"]),
                        "p95_ms": float(total["95%"]),
                        "p99_ms": float(total["99%"]),
                        "errors": int(total["Failure Count"]),
                        "kinds": kinds,
                        "orders_unsettled": unsettled,
                        "settle_wait_seconds": round(settle_wait, 1),
                        "ledger_violations": len(violations),
                        "cpus": os.cpu_count(),
                        "load_average_1m": [round(load_before, 1), round(load_after, 1)],
                    },
                    ensure_ascii=False,
                )
            )
        finally:  # before the database is dropped
            for process in reversed(processes):
                _stop(process)
            shutil.rmtree(folder, ignore_errors=True)


def _port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), 1).close()
        return True
    except OSError:
        return False


if __name__ == "__main__":
    main()
