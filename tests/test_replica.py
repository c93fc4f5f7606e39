"""Reads that tolerate lag go to a real streaming replica; money stays on the primary; a lagging or
stopped replica, or one cut off from its primary, sends the reads back to the primary (config/replica.py).

The test starts its own PostgreSQL pair on free ports (the machine's server is never touched): a
fresh primary (initdb), migrated, and a standby made with `pg_basebackup -R`. A Django process
pointed at both (DATABASE_URL and REPLICA_DATABASE_URL) walks the catalog API while the standby's
replay is paused (a product only the primary has), buys that product, lets the lag pass the
bound, resumes, cuts the standby off from the primary (its primary_conninfo pointed at a port where
nothing listens) while the primary writes, reconnects it, and finally stops the standby. It reports
what it saw; the assertions are here.
"""

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[1]

# Runs in the Django process configured with both databases; prints one JSON object.
PROBE = r"""
import json, os, subprocess, time
import django
django.setup()
from django.db import connections
from django.test import Client
from django.conf import settings
from config.replica import replica_health_forget, replica_lag_seconds
from exchange.models import Order
from exchange.services.api_keys import api_key_create
from payouts.selectors import ledger_violations
from tests.exchange.buyer_world import fund, listed_dataset
from tests.factories import MerchantFactory, ProviderFactory, StaffFactory, member_of

def replica_sql(sql):
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()

def wait(check, seconds=30):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting")
        time.sleep(0.1)

def catalog_titles():
    # The catalog API's titles, and which database(s) its product queries went to.
    for alias in ("default", "replica"):
        connections[alias].queries_log.clear()
    response = client.get("/api/v1/products/", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200, response.content
    went = [alias for alias in ("default", "replica")
            if any("exchange_dataproduct" in q["sql"] for q in connections[alias].queries_log)]
    return [sorted(p["title"] for p in response.json()["results"]), went]

provider = ProviderFactory(name="Replica Maps")
listed_dataset(provider, title="On both")
buyer = MerchantFactory(name="Replica Buyer")
user = member_of(buyer)
fund(buyer, user, StaffFactory())
_key, secret = api_key_create(merchant=buyer, name="probe", by=user)
auth = f"Api-Key {secret}"
client = Client()
connections["replica"].force_debug_cursor = True
connections["default"].force_debug_cursor = True
seen = {}

wait(lambda: replica_lag_seconds() == 0 and replica_sql("SELECT count(*) FROM exchange_dataproduct")[0][0] == 1)
seen["caught_up"] = catalog_titles()

replica_sql("SELECT pg_wal_replay_pause()")
wait(lambda: replica_sql("SELECT pg_get_wal_replay_pause_state()")[0][0] == "paused")
only_primary = listed_dataset(provider, title="Only on the primary")
seen["paused"] = catalog_titles()
detail = client.get(f"/api/v1/products/{only_primary.pk}/", HTTP_AUTHORIZATION=auth)
seen["detail_status"] = detail.status_code

bought = client.post("/api/v1/orders/", {"product_id": only_primary.pk}, content_type="application/json",
                     HTTP_AUTHORIZATION=auth)
seen["buy_status"] = bought.status_code
order_id = bought.json()["id"]
seen["order_on_primary"] = Order.objects.using("default").filter(pk=order_id).exists()
seen["order_on_replica"] = Order.objects.using("replica").filter(pk=order_id).exists()
seen["replica_read_only"] = replica_sql("SHOW transaction_read_only")[0][0]

bound = float(os.environ["REPLICA_MAX_LAG_SECONDS"])
wait(lambda: (replica_lag_seconds() or 0) > bound + 0.5)
seen["lag_beyond_bound"] = replica_lag_seconds()
seen["lagging"] = catalog_titles()

replica_sql("SELECT pg_wal_replay_resume()")
wait(lambda: replica_lag_seconds() == 0)
seen["resumed"] = catalog_titles()
seen["order_on_replica_after"] = Order.objects.using("replica").filter(pk=order_id).exists()

# Cut off: the standby runs and answers, but its primary_conninfo leads nowhere, so it has replayed
# all it received (which the old check called lag 0) while the primary writes on.
def primary_conninfo(value):
    with connections["replica"].cursor() as cursor:
        cursor.execute("ALTER SYSTEM SET primary_conninfo = %s", [value])
        cursor.execute("SELECT pg_reload_conf()")
streaming = "SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'"
conninfo = replica_sql("SHOW primary_conninfo")[0][0]
primary_conninfo(f"host=127.0.0.1 port={os.environ['NOWHERE_PORT']} user=postgres connect_timeout=1")
wait(lambda: not replica_sql(streaming))
listed_dataset(provider, title="Written after the cut")
seen["cut_off_lag"] = replica_lag_seconds()
seen["cut_off_replica_count"] = replica_sql("SELECT count(*) FROM exchange_dataproduct")[0][0]
seen["cut_off"] = catalog_titles()
primary_conninfo(conninfo)
wait(lambda: replica_lag_seconds() == 0)
seen["reconnected"] = catalog_titles()

# The standby stops right after a health check that found it fine: the request that meets the
# dead connection is served again by the primary.
settings.REPLICA_CHECK_SECONDS = 3600
replica_health_forget()
seen["checked_before_stop"] = catalog_titles()
subprocess.run([os.environ["PG_CTL_STOP"]], shell=True, check=True)
seen["stopped_between_checks"] = catalog_titles()
settings.REPLICA_CHECK_SECONDS = 0
seen["stopped_lag"] = replica_lag_seconds()
seen["stopped"] = catalog_titles()
seen["ledger_violations"] = ledger_violations()
print(json.dumps(seen))
"""


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: as root, the servers run as the postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_postgres(command), capture_output=True, text=True, timeout=120)  # noqa: S603
    assert result.returncode == 0, f"{command[0]} failed: {result.stdout}{result.stderr}"


@pytest.fixture
def streaming_pair():
    bin_dir = _bin_dir()
    if bin_dir is None:
        message = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="replica-test-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    primary, standby = folder / "primary", folder / "standby"
    ports = {"primary": _free_port(), "standby": _free_port()}
    settings = "listen_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\nfsync = off\nport = {port}\n"
    started = []
    try:
        _run([str(bin_dir / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(settings.format(folder=folder, port=ports["primary"]))
        _run([str(bin_dir / "pg_ctl"), "-D", str(primary), "-l", str(folder / "primary.log"), "-w", "start"])
        started.append(primary)
        _run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres", "exchange"])
        _run([str(bin_dir / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(ports["primary"]), "-U", "postgres",
              "-D", str(standby), "-R", "-X", "stream"])  # fmt: skip
        with (standby / "postgresql.auto.conf").open("a") as conf:
            # A standby whose primary went away tries again after this long (5 s by default).
            conf.write(f"port = {ports['standby']}\nwal_retrieve_retry_interval = '200ms'\n")
        _run([str(bin_dir / "pg_ctl"), "-D", str(standby), "-l", str(folder / "standby.log"), "-w", "start"])
        started.append(standby)
        stop_standby = " ".join(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(standby), "-m", "fast", "-w", "stop"]))
        yield {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{ports['primary']}/exchange",
            "REPLICA_DATABASE_URL": f"postgres://postgres@127.0.0.1:{ports['standby']}/exchange",
            "PG_CTL_STOP": stop_standby,
            "NOWHERE_PORT": str(_free_port()),  # nothing listens there: a primary the standby cannot reach
        }
    finally:
        for data in reversed(started):
            subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),  # noqa: S603
                           capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def test_catalog_reads_come_from_the_replica_money_from_the_primary_and_a_lagging_cut_off_or_stopped_replica_is_left(
    streaming_pair,
):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        **streaming_pair,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REPLICA_MAX_LAG_SECONDS": "5",
        "REPLICA_CHECK_SECONDS": "0",  # ask the standby on every read, so each step sees its state at once
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }
    python = sys.executable
    migrate = subprocess.run(  # noqa: S603
        [python, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    probe = subprocess.run([python, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])

    # Caught up: the catalog is read on the standby.
    assert seen["caught_up"] == [["On both"], ["replica"]]
    # Replay paused: the catalog (on the standby) does not have the new product yet...
    assert seen["paused"] == [["On both"], ["replica"]]
    # ...but a product page and a purchase, which are not lag-tolerant, read and write the primary.
    assert seen["detail_status"] == 200
    assert seen["buy_status"] == 201
    assert seen["order_on_primary"] is True
    assert seen["order_on_replica"] is False
    assert seen["replica_read_only"] == "on"
    # Behind by more than the bound: the catalog falls back to the primary and shows both.
    assert seen["lag_beyond_bound"] > 5
    assert seen["lagging"] == [["On both", "Only on the primary"], ["default"]]
    # Replay resumed and caught up: the standby serves the catalog again, with the order replayed.
    assert seen["resumed"] == [["On both", "Only on the primary"], ["replica"]]
    assert seen["order_on_replica_after"] is True
    # Cut off from the primary, the standby answers but misses what the primary wrote since: it is
    # behind without bound (no WAL receiver streams to it), so the catalog is read on the primary.
    everything = ["On both", "Only on the primary", "Written after the cut"]
    assert seen["cut_off_replica_count"] == 2
    assert seen["cut_off_lag"] == float("inf")
    assert seen["cut_off"] == [everything, ["default"]]
    # Streaming again and caught up: back to the standby.
    assert seen["reconnected"] == [everything, ["replica"]]
    # Standby stopped between two health checks: the request is served again, by the primary.
    assert seen["checked_before_stop"] == [everything, ["replica"]]
    # (the failed attempt on the standby is in its log too)
    assert seen["stopped_between_checks"][0] == everything
    assert "default" in seen["stopped_between_checks"][1]
    # Standby stopped: it cannot be asked, and the catalog is served by the primary.
    assert seen["stopped_lag"] is None
    assert seen["stopped"] == [everything, ["default"]]
    assert seen["ledger_violations"] == []
