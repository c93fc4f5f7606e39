"""The database guards the ledger (PostgreSQL): what the services promise, it refuses to break.

- Ledger accounts: key, kind, owner and release account never change (a user's id may only
  become NULL, the foreign key's ON DELETE SET NULL); a new account starts at balance 0; the
  balance changes only inside `payouts_apply_balances`, the one function that adds an open
  entry's postings to the cached balances (once per entry).
- Postings go only to an entry opened in the current transaction (an entry is closed once its
  transaction committed) and only to entries and accounts that exist. This is checked once per
  INSERT statement over its new rows (a transition table), not by foreign keys: a deferred
  foreign key checks and locks row by row at commit (measured 14 s of a 1M-member sale).
- At commit (a constraint trigger, DEFERRABLE INITIALLY DEFERRED) every entry written in the
  transaction has postings and they sum to zero. Postings are only ever added to entries of
  the same transaction (above), so these are all the entries the transaction touched.
- TRUNCATE of postings, entries, ledger accounts and audit events is refused (row triggers do
  not fire for it), unless the transaction says `SET LOCAL exchange.allow_truncate = 'on'`,
  which only the test suite's flush between transactional tests does.

SQLite (development) relies on the services; `verify_ledger` checks the sums on both.
"""

from django.db import migrations

# The kinds without a cached balance (LedgerAccount.UNCACHED): their balance stays 0.
UNCACHED = ("subject_pending", "subject_available", "bank", "exchange_revenue", "sales_clearing", "payout_clearing", "escrow")
_UNCACHED_SQL = ", ".join(f"'{kind}'" for kind in UNCACHED)

CREATE = f"""
CREATE OR REPLACE FUNCTION payouts_xid_is_current(x xid) RETURNS boolean AS $$
-- Whether a row's xmin belongs to the running transaction (or one of its subtransactions).
-- A row whose creator is still in progress is visible only to that creator, so for a row
-- read here, "in progress" means "written by this transaction".
DECLARE
    cur bigint := pg_current_xact_id()::text::bigint;
    d bigint := x::text::bigint - (pg_current_xact_id()::text::bigint & 4294967295);
BEGIN
    IF x::text::bigint < 3 THEN  -- bootstrap or frozen: committed long ago
        RETURN false;
    END IF;
    -- The 32-bit xid is within 2^31 of the current one (a subtransaction's is above it).
    IF d > 2147483648 THEN
        d := d - 4294967296;
    ELSIF d < -2147483648 THEN
        d := d + 4294967296;
    END IF;
    IF cur + d < 3 THEN
        RETURN false;
    END IF;
    RETURN coalesce(pg_xact_status((cur + d)::text::xid8) = 'in progress', false);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payouts_apply_balances(p_entry bigint, p_accounts bigint[]) RETURNS void AS $$
-- The one way a cached balance changes: add the postings of an entry opened in this
-- transaction (only those to `p_accounts` when given) to the balances of cached accounts.
DECLARE
    applied text := coalesce(current_setting('exchange.applied_entries', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM payouts_journalentry e WHERE e.id = p_entry AND payouts_xid_is_current(e.xmin)) THEN
        RAISE EXCEPTION 'journal entry % is not open in this transaction: its balances were applied when it was posted', p_entry
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF position(',' || p_entry || ',' IN applied) > 0 THEN
        RAISE EXCEPTION 'the balances of journal entry % were applied already', p_entry
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    PERFORM set_config('exchange.applied_entries', CASE WHEN applied = '' THEN ',' ELSE applied END || p_entry || ',', true);
    PERFORM set_config('exchange.ledger_writer', 'on', true);
    IF p_accounts IS NULL THEN
        UPDATE payouts_ledgeraccount a SET balance = a.balance + s.total
          FROM (SELECT p.account_id, SUM(p.amount) AS total FROM payouts_posting p
                 WHERE p.entry_id = p_entry GROUP BY p.account_id) s
         WHERE a.id = s.account_id AND a.kind NOT IN ({_UNCACHED_SQL});
    ELSE
        UPDATE payouts_ledgeraccount a SET balance = a.balance + s.total
          FROM (SELECT p.account_id, SUM(p.amount) AS total FROM payouts_posting p
                 WHERE p.entry_id = p_entry AND p.account_id = ANY(p_accounts) GROUP BY p.account_id) s
         WHERE a.id = s.account_id AND a.kind NOT IN ({_UNCACHED_SQL});
    END IF;
    PERFORM set_config('exchange.ledger_writer', 'off', true);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION payouts_ledgeraccount_guard() RETURNS trigger AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.key IS DISTINCT FROM OLD.key OR NEW.kind IS DISTINCT FROM OLD.kind
       OR NEW.merchant_id IS DISTINCT FROM OLD.merchant_id OR NEW.release_to_id IS DISTINCT FROM OLD.release_to_id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR (NEW.user_id IS DISTINCT FROM OLD.user_id AND NEW.user_id IS NOT NULL) THEN
        RAISE EXCEPTION 'ledger account %: its key, kind, owner and release account never change', OLD.key
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.balance IS DISTINCT FROM OLD.balance THEN
        IF current_setting('exchange.ledger_writer', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION 'ledger account %: a balance changes only by posting an entry (payouts_apply_balances)', OLD.key
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.kind IN ({_UNCACHED_SQL}) THEN
            RAISE EXCEPTION 'ledger account %: its balance is summed from postings and stays 0', OLD.key
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_ledgeraccount_guard BEFORE UPDATE ON payouts_ledgeraccount
    FOR EACH ROW EXECUTE FUNCTION payouts_ledgeraccount_guard();

CREATE OR REPLACE FUNCTION payouts_ledgeraccount_insert_guard() RETURNS trigger AS $$
DECLARE
    bad text;
BEGIN
    SELECT n.key INTO bad FROM new_accounts n WHERE n.balance <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger account %: a new account starts at balance 0', bad
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_ledgeraccount_insert_guard AFTER INSERT ON payouts_ledgeraccount
    REFERENCING NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION payouts_ledgeraccount_insert_guard();

CREATE OR REPLACE FUNCTION payouts_posting_insert_guard() RETURNS trigger AS $$
DECLARE
    bad bigint;
BEGIN
    SELECT n.entry_id INTO bad FROM (SELECT DISTINCT entry_id FROM new_postings) n
     WHERE NOT EXISTS (SELECT 1 FROM payouts_journalentry e WHERE e.id = n.entry_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'posting to journal entry % which does not exist', bad
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT n.entry_id INTO bad FROM (SELECT DISTINCT entry_id FROM new_postings) n
      JOIN payouts_journalentry e ON e.id = n.entry_id
     WHERE NOT payouts_xid_is_current(e.xmin) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry % is closed: postings are added only in the transaction that opens it', bad
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT n.account_id INTO bad FROM new_postings n
     WHERE NOT EXISTS (SELECT 1 FROM payouts_ledgeraccount a WHERE a.id = n.account_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'posting to ledger account % which does not exist', bad
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_posting_insert_guard AFTER INSERT ON payouts_posting
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION payouts_posting_insert_guard();

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
CREATE CONSTRAINT TRIGGER payouts_entry_balances AFTER INSERT ON payouts_journalentry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payouts_entry_balances();

CREATE OR REPLACE FUNCTION exchange_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('exchange.allow_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is never truncated (its rows are kept for ever)', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_posting_no_truncate BEFORE TRUNCATE ON payouts_posting
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate();
CREATE TRIGGER payouts_journalentry_no_truncate BEFORE TRUNCATE ON payouts_journalentry
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate();
CREATE TRIGGER payouts_ledgeraccount_no_truncate BEFORE TRUNCATE ON payouts_ledgeraccount
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate();
CREATE TRIGGER accounts_auditevent_no_truncate BEFORE TRUNCATE ON accounts_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_auditevent_no_truncate ON accounts_auditevent;
DROP TRIGGER IF EXISTS payouts_ledgeraccount_no_truncate ON payouts_ledgeraccount;
DROP TRIGGER IF EXISTS payouts_journalentry_no_truncate ON payouts_journalentry;
DROP TRIGGER IF EXISTS payouts_posting_no_truncate ON payouts_posting;
DROP FUNCTION IF EXISTS exchange_refuse_truncate();
DROP TRIGGER IF EXISTS payouts_entry_balances ON payouts_journalentry;
DROP FUNCTION IF EXISTS payouts_entry_balances();
DROP TRIGGER IF EXISTS payouts_posting_insert_guard ON payouts_posting;
DROP FUNCTION IF EXISTS payouts_posting_insert_guard();
DROP TRIGGER IF EXISTS payouts_ledgeraccount_insert_guard ON payouts_ledgeraccount;
DROP FUNCTION IF EXISTS payouts_ledgeraccount_insert_guard();
DROP TRIGGER IF EXISTS payouts_ledgeraccount_guard ON payouts_ledgeraccount;
DROP FUNCTION IF EXISTS payouts_ledgeraccount_guard();
DROP FUNCTION IF EXISTS payouts_apply_balances(bigint, bigint[]);
DROP FUNCTION IF EXISTS payouts_xid_is_current(xid);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("payouts", "0008_admin_labels"), ("accounts", "0003_issue3_audit_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
