"""Postings partitioned by month (PostgreSQL declarative partitioning): the conversion, kept ready.

Not applied by any migration yet. docs/SCALING.md says when it is worth it; tests/payouts/
test_posting_partitions.py runs it on a copy of a migrated database with ledger history and
shows that every guard of payouts migrations 0002 and 0009 still holds, that new postings land
in their month's partition, and that `verify_ledger` finds nothing wrong.

The conversion, in one transaction (`postings_partition_by_month`):

- the table becomes `PARTITION BY RANGE (posted_month)`, a new column: the first day (UTC) of
  the month in which the writing transaction began. Its default sets it, so the services'
  INSERTs do not change; every posting of one entry is written in the entry's transaction, so
  an entry's postings always share one partition. Old postings take their entry's month.
- the primary key becomes (id, posted_month) (PostgreSQL requires the partition key in it);
  ids still come from one sequence, continued from the old table's.
- one partition per month from the oldest entry's to `months_ahead` months after the current
  one, and a DEFAULT partition so that no insert can ever fail for want of a partition.
- the guards: the append-only row trigger and the per-statement insert guard are attached to
  the parent (row triggers are cloned onto every partition; the insert guard sees the rows of
  every partition in its transition table). TRUNCATE is refused on the parent and on each
  partition, because truncating a partition directly does not fire the parent's trigger.
  Inserting into a partition directly (naming it) would bypass the parent's insert guard, so
  each partition carries the same guard.
"""

from datetime import date

PARTITION_CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION payouts_posting_partition_ensure(p_month date) RETURNS void AS $$
-- The partition of one month, with the guards a partition needs of its own.
DECLARE
    name text := 'payouts_posting_' || to_char(p_month, 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF payouts_posting FOR VALUES FROM (%L) TO (%L)',
                   name, p_month, (p_month + interval '1 month')::date);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate()',
                   name || '_no_truncate', name);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_postings '
                   'FOR EACH STATEMENT EXECUTE FUNCTION payouts_posting_insert_guard()', name || '_insert_guard', name);
END;
$$ LANGUAGE plpgsql;
"""

CONVERT = """
ALTER TABLE payouts_posting RENAME TO payouts_posting_unpartitioned;
CREATE SEQUENCE payouts_posting_partitioned_id_seq;
SELECT setval('payouts_posting_partitioned_id_seq', COALESCE((SELECT max(id) FROM payouts_posting_unpartitioned), 0) + 1, false);
CREATE TABLE payouts_posting (
    id bigint NOT NULL DEFAULT nextval('payouts_posting_partitioned_id_seq'),
    amount bigint NOT NULL CONSTRAINT posting_amount_nonzero CHECK (amount <> 0),
    account_id bigint NOT NULL,
    entry_id bigint NOT NULL,
    posted_month date NOT NULL DEFAULT (date_trunc('month', transaction_timestamp() AT TIME ZONE 'UTC'))::date,
    PRIMARY KEY (id, posted_month)
) PARTITION BY RANGE (posted_month);
ALTER SEQUENCE payouts_posting_partitioned_id_seq OWNED BY payouts_posting.id;
CREATE INDEX payouts_posting_account_entry ON payouts_posting (account_id, entry_id);
CREATE INDEX payouts_posting_entry ON payouts_posting (entry_id);
CREATE TABLE payouts_posting_default PARTITION OF payouts_posting DEFAULT;
CREATE TRIGGER payouts_posting_default_no_truncate BEFORE TRUNCATE ON payouts_posting_default
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate();
"""

COPY_AND_GUARD = """
-- The old rows, each in its entry's month (before the guards: these entries are closed).
INSERT INTO payouts_posting (id, amount, account_id, entry_id, posted_month)
SELECT p.id, p.amount, p.account_id, p.entry_id, (date_trunc('month', e.created_at AT TIME ZONE 'UTC'))::date
  FROM payouts_posting_unpartitioned p JOIN payouts_journalentry e ON e.id = p.entry_id;
DROP TABLE payouts_posting_unpartitioned;
CREATE TRIGGER payouts_posting_append_only BEFORE UPDATE OR DELETE ON payouts_posting
    FOR EACH ROW EXECUTE FUNCTION payouts_refuse_change();
CREATE TRIGGER payouts_posting_insert_guard AFTER INSERT ON payouts_posting
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION payouts_posting_insert_guard();
CREATE TRIGGER payouts_posting_no_truncate BEFORE TRUNCATE ON payouts_posting
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate();
ANALYZE payouts_posting;
"""


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def postings_partition_by_month(cursor, *, today: date, months_ahead: int = 3) -> list[str]:
    """Convert payouts_posting to monthly partitions in the caller's transaction; returns the partitions made.

    `cursor` is a database cursor on PostgreSQL inside a transaction (a migration's, or a test's).
    """
    cursor.execute("SELECT (date_trunc('month', min(created_at) AT TIME ZONE 'UTC'))::date FROM payouts_journalentry")
    oldest = cursor.fetchone()[0] or today
    last = today
    for _ in range(months_ahead):
        last = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    cursor.execute(CONVERT)
    cursor.execute(PARTITION_CREATE_FUNCTION)
    months = _months(oldest, last)
    for month in months:
        cursor.execute("SELECT payouts_posting_partition_ensure(%s)", [month])
    cursor.execute(COPY_AND_GUARD)
    return [f"payouts_posting_{m:%Y_%m}" for m in months]
