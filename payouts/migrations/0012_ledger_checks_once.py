"""Each of the ledger's database checks done once, and set-based at a sale's size (PostgreSQL).

- An entry is proved balanced once. `payouts_entry_prove(entry)` sums an entry opened in the
  current transaction and, when its postings exist and sum to zero, records it as proved for
  the rest of the transaction (`exchange.proved_entries`). From then on the posting guard
  refuses any posting to it, so the commit-time check of migration 0009 skips it: what it
  would sum is what was proved. An entry never proved (raw SQL, a test that writes postings
  alone) is summed at commit as before. The services prove every entry they close, so a
  settlement sums its million postings once instead of twice, and still inside its
  transaction (a test, which never commits, sees an unbalanced entry at once).
- The posting guard reads its statement's rows once for the entry checks: every statement the
  services write goes to one entry, known from the rows' smallest and largest entry id without
  grouping them (migration 0011 grouped a million rows by entry to find that one).
- Every posting's account exists. A statement of a few rows probes the accounts' primary key,
  as before. One that writes for a good part of all accounts (a sale's or a release's million
  lines over two million accounts) is checked in one ordered pass over both, a merge anti join:
  measured 0.35-0.5 s against 0.9-1.2 s for a million probes. The probes were chosen before
  even at that size, because the guard's plan was made once, for the first (three-row)
  statement of the session, and kept.

Like `exchange.ledger_writer` (0009), `exchange.proved_entries` is a transaction's own setting:
the guards stop mistakes of the services and of people at a database shell, not a session that
sets it on purpose (the tables' owner can disable any trigger). Reversing restores the
functions of migrations 0009 and 0011.
"""

from django.db import migrations

PROVE = """
CREATE OR REPLACE FUNCTION payouts_entry_prove(p_entry bigint, OUT postings bigint, OUT total numeric) AS $$
-- Sum an entry of this transaction; when it balances, record it as proved (closed to postings).
DECLARE
    proved text := coalesce(current_setting('exchange.proved_entries', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM payouts_journalentry e WHERE e.id = p_entry AND payouts_xid_is_current(e.xmin)) THEN
        RAISE EXCEPTION 'journal entry % is not open in this transaction: it was proved when it was posted', p_entry
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT COUNT(*), COALESCE(SUM(p.amount), 0) INTO postings, total FROM payouts_posting p WHERE p.entry_id = p_entry;
    IF postings > 0 AND total = 0 AND position(',' || p_entry || ',' IN proved) = 0 THEN
        PERFORM set_config('exchange.proved_entries', CASE WHEN proved = '' THEN ',' ELSE proved END || p_entry || ',', true);
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payouts_entry_balances() RETURNS trigger AS $$
DECLARE
    n bigint;
    total numeric;
BEGIN
    -- Proved in its transaction (payouts_entry_prove) and closed to postings since: nothing to sum again.
    IF position(',' || NEW.id || ',' IN coalesce(current_setting('exchange.proved_entries', true), '')) > 0 THEN
        RETURN NULL;
    END IF;
    SELECT COUNT(*), COALESCE(SUM(amount), 0) INTO n, total FROM payouts_posting WHERE entry_id = NEW.id;
    IF n = 0 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % (%) does not balance at commit: % micros over % postings', NEW.id, NEW.idempotency_key, total, n
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payouts_posting_insert_guard() RETURNS trigger AS $$
DECLARE
    first_entry bigint;
    last_entry bigint;
    lines bigint;
    missing bigint;
    closed bigint;
    proved bigint;
    bad bigint;
    proved_entries text := coalesce(current_setting('exchange.proved_entries', true), '');
    nestloop text;
    hashjoin text;
BEGIN
    SELECT min(entry_id), max(entry_id), count(*) INTO first_entry, last_entry, lines FROM new_postings;
    IF lines = 0 THEN
        RETURN NULL;
    END IF;
    -- The statement's entries: one (first = last) in every statement the services write.
    SELECT min(e.entry_id) FILTER (WHERE j.id IS NULL),
           min(e.entry_id) FILTER (WHERE j.id IS NOT NULL AND NOT payouts_xid_is_current(j.xmin)),
           min(e.entry_id) FILTER (WHERE position(',' || e.entry_id || ',' IN proved_entries) > 0)
      INTO missing, closed, proved
      FROM (SELECT first_entry AS entry_id WHERE first_entry = last_entry
            UNION ALL
            SELECT DISTINCT n.entry_id FROM new_postings n WHERE first_entry <> last_entry) e
      LEFT JOIN payouts_journalentry j ON j.id = e.entry_id;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'posting to journal entry % which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF closed IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is closed: postings are added only in the transaction that opens it', closed
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF proved IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % was proved balanced: postings are added before it closes, never after', proved
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- Every posting's account exists: one ordered pass over the rows and the accounts when the rows
    -- are many against the accounts (planned for this statement, never nested loops), else probes.
    IF lines >= 10000 AND lines * 8 >= (SELECT c.reltuples FROM pg_class c WHERE c.oid = 'payouts_ledgeraccount'::regclass) THEN
        nestloop := current_setting('enable_nestloop');
        hashjoin := current_setting('enable_hashjoin');
        PERFORM set_config('enable_nestloop', 'off', true), set_config('enable_hashjoin', 'off', true);
        EXECUTE 'SELECT n.account_id FROM new_postings n
                  WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount a WHERE a.id = n.account_id) LIMIT 1'
           INTO bad;
        PERFORM set_config('enable_nestloop', nestloop, true), set_config('enable_hashjoin', hashjoin, true);
    ELSE
        SELECT n.account_id INTO bad FROM new_postings n
         WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount a WHERE a.id = n.account_id) LIMIT 1;
    END IF;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'posting to ledger account % which does not exist', bad
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# What migrations 0009 (the commit-time check) and 0011 (the posting guard) created.
RESTORE = """
DROP FUNCTION IF EXISTS payouts_entry_prove(bigint);

CREATE OR REPLACE FUNCTION payouts_entry_balances() RETURNS trigger AS $$
DECLARE
    n bigint;
    total numeric;
BEGIN
    SELECT COUNT(*), COALESCE(SUM(amount), 0) INTO n, total FROM payouts_posting WHERE entry_id = NEW.id;
    IF n = 0 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % (%) does not balance at commit: % micros over % postings', NEW.id, NEW.idempotency_key, total, n
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PROVE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from importlib import import_module

        guard_0011 = import_module("payouts.migrations.0011_posting_guard_one_pass").GUARD
        schema_editor.execute(RESTORE, params=None)
        schema_editor.execute(guard_0011, params=None)


class Migration(migrations.Migration):
    dependencies = [("payouts", "0011_posting_guard_one_pass")]
    operations = [migrations.RunPython(forwards, backwards)]
