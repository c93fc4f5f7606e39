"""Postings partitioned by month, run as a migration on a copy of a migrated database with history.

The copy (pg_dump of the test database into a new one) gets a ledger history: a sale over 300
members (set-based postings), a dataset sale, top-ups, and one sale dated last month. Then
`postings_partition_by_month` converts the table, and a Django process on the copy shows: every
old posting in its entry's month, new sales and a refund landing in the current month's
partition, each guard of payouts migrations 0002 and 0009 still refusing (through the parent
and through a partition named directly), and `verify_ledger` clean before and after.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
import pytest
from django.db import connection, connections

from ..conftest import require

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json
from datetime import timedelta
import django
django.setup()
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from config.celery import app as celery_app
from exchange.services.orders import order_place, order_refund
from payouts.models import JournalEntry, LedgerAccount, Posting
from payouts.posting_partitions import postings_partition_by_month
from payouts.selectors import ledger_violations
from tests.exchange.buyer_world import fund, listed_dataset
from tests.exchange.settlement_world import members_seed
from tests.factories import MerchantFactory, ProviderFactory, member_of
from tests.flow import build_start, list_and_fund, product_define, world_create

celery_app.conf.task_always_eager = True

def sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None

def refused(statement):
    try:
        with transaction.atomic():
            sql(statement)
    except DatabaseError as exc:
        return str(exc).splitlines()[0]
    return None

def per_partition():
    return dict(sql("SELECT tableoid::regclass::text, count(*) FROM payouts_posting GROUP BY 1"))

world = world_create(people=4)
personal = product_define(world, k=2, price_fen=5_000)
version = build_start(world, personal)
list_and_fund(world, personal, wallet_fen=100_000)
members_seed(version=version, n=300, tag="partition")
first = order_place(buyer=world.buyer, product=personal, by=world.buyer_user)
maps = ProviderFactory(name="Pearl River Maps")
dataset = listed_dataset(maps, title="Road network", price_fen=3_000)
old = order_place(buyer=world.buyer, product=dataset, by=world.buyer_user)
# History: the dataset's sale was last month (set up behind the append-only guard, on this copy only).
with transaction.atomic():
    sql("SET LOCAL session_replication_role = replica")
    sql("UPDATE payouts_journalentry SET created_at = created_at - interval '40 days' WHERE reference = %s",
        [old.reference])
last_month = (timezone.now() - timedelta(days=40)).date().replace(day=1)
seen = {"before": ledger_violations(), "postings_before": Posting.objects.count()}

with transaction.atomic(), connection.cursor() as cursor:
    seen["partitions"] = postings_partition_by_month(cursor, today=timezone.now().date())
seen["kind"] = sql("SELECT relkind FROM pg_class WHERE relname = 'payouts_posting'")[0][0]
seen["after_conversion"] = per_partition()
seen["old_sale_partition"] = sql(
    "SELECT DISTINCT p.tableoid::regclass::text FROM payouts_posting p JOIN payouts_journalentry e ON e.id = p.entry_id "
    "WHERE e.reference = %s", [old.reference])
seen["last_month"] = f"payouts_posting_{last_month:%Y_%m}"
seen["this_month"] = f"payouts_posting_{timezone.now():%Y_%m}"
seen["violations_after_conversion"] = ledger_violations()

# New money after the conversion: a second buyer's sale over the members, and a refund in the window.
other = MerchantFactory(name="Second Employer")
other_user = member_of(other)
fund(other, other_user, world.staff, fen=100_000, reference="PART-2")
order_place(buyer=other, product=personal, by=other_user)
order_refund(order=first, by=world.staff, reason="Partition test refund")
seen["after_new_money"] = per_partition()
seen["postings_after"] = Posting.objects.count()

entry = JournalEntry.objects.order_by("id").first()
account = LedgerAccount.objects.order_by("id").first()
part = seen["this_month"]
seen["refusals"] = {
    "update": refused("UPDATE payouts_posting SET amount = amount + 1 WHERE id = (SELECT min(id) FROM payouts_posting)"),
    "delete_in_partition": refused(f"DELETE FROM {part} WHERE id = (SELECT min(id) FROM {part})"),
    "truncate": refused("TRUNCATE payouts_posting"),
    "truncate_partition": refused(f"TRUNCATE {part}"),
    "closed_entry": refused(f"INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES ({entry.pk}, {account.pk}, 1)"),
    "closed_entry_in_partition": refused(
        f"INSERT INTO {part} (entry_id, account_id, amount) VALUES ({entry.pk}, {account.pk}, 1)"),
}
try:
    with transaction.atomic():
        opened = JournalEntry.objects.create(kind="adjustment", idempotency_key="partition-no-account", reference="test")
        sql("INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, 0, 1), (%s, %s, -1)",
            [opened.pk, opened.pk, account.pk])
    seen["refusals"]["missing_account"] = None
except DatabaseError as exc:
    seen["refusals"]["missing_account"] = str(exc).splitlines()[0]
try:
    with transaction.atomic():
        lonely = JournalEntry.objects.create(kind="adjustment", idempotency_key="partition-unbalanced", reference="test")
        sql("INSERT INTO payouts_posting (entry_id, account_id, amount) VALUES (%s, %s, 5)", [lonely.pk, account.pk])
    seen["refusals"]["unbalanced_at_commit"] = None
except DatabaseError as exc:
    seen["refusals"]["unbalanced_at_commit"] = str(exc).splitlines()[0]
seen["postings_after_refusals"] = Posting.objects.count()
seen["violations_at_end"] = ledger_violations()
call_command("verify_ledger")
print(json.dumps(seen))
"""


def _client(name: str) -> str:
    """pg_dump or psql of the newest installed PostgreSQL (a dump must not be older than its server)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]))
    return found[-1] if found else (shutil.which(name) or name)


@pytest.fixture
def database_copy(transactional_db):
    """A copy of the migrated (empty) test database (pg_dump | psql: other sessions may be open), dropped afterwards."""
    require(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…")
    source = connection.settings_dict["NAME"]
    connections.close_all()
    name = f"{source}_partitioned"
    url = urlparse(os.environ["DATABASE_URL"])
    admin = urlunparse(url._replace(path="/postgres"))
    copy = urlunparse(url._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        dump = subprocess.run(  # noqa: S603
            [_client("pg_dump"), "--no-owner", "--dbname", urlunparse(url._replace(path=f"/{source}"))],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        restore = subprocess.run(  # noqa: S603
            [_client("psql"), "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", copy],
            input=dump.stdout, capture_output=True, timeout=120,
        )  # fmt: skip
        assert restore.returncode == 0, restore.stderr.decode()[-2000:]
        yield copy
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postings_partitioned_by_month_keep_every_ledger_guard_and_a_clean_ledger(database_copy):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_copy,
        DJANGO_SETTINGS_MODULE="config.settings",
        CELERY_TASK_ALWAYS_EAGER="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    probe = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])

    assert seen["before"] == []
    assert seen["kind"] == "p"  # a partitioned table now
    assert seen["last_month"] in seen["partitions"] and seen["this_month"] in seen["partitions"]
    # Every posting moved, each into its entry's month; none in the default partition.
    assert sum(seen["after_conversion"].values()) == seen["postings_before"]
    assert seen["old_sale_partition"] == [[seen["last_month"]]]
    assert set(seen["after_conversion"]) == {seen["last_month"], seen["this_month"]}
    assert seen["violations_after_conversion"] == []
    # New sales (300 members) and the refund land in this month's partition.
    assert seen["after_new_money"][seen["this_month"]] - seen["after_conversion"][seen["this_month"]] > 600
    assert seen["after_new_money"][seen["last_month"]] == seen["after_conversion"][seen["last_month"]]
    assert "payouts_posting_default" not in seen["after_new_money"]
    # The guards of migrations 0002 and 0009, through the parent and through a partition.
    refusals = seen["refusals"]
    assert "append-only" in refusals["update"]
    assert "append-only" in refusals["delete_in_partition"]
    assert "never truncated" in refusals["truncate"]
    assert "never truncated" in refusals["truncate_partition"]
    assert "is closed" in refusals["closed_entry"]
    assert "is closed" in refusals["closed_entry_in_partition"]
    assert "does not exist" in refusals["missing_account"]
    assert "does not balance at commit" in refusals["unbalanced_at_commit"]
    assert seen["postings_after_refusals"] == seen["postings_after"]
    assert seen["violations_at_end"] == []
