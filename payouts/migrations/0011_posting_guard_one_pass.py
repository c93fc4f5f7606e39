"""The posting insert guard reads its statement's entries in one pass instead of two.

Same refusals as payouts migration 0009 (same messages, same error codes, the missing entry
reported before a closed one): a posting goes only to an entry that exists and is open in
the current transaction, and only to an account that exists. The two entry checks each
grouped the statement's new rows by entry (a million rows in a large sale, two million in
its release); one grouping now gives both answers. Reversing restores 0009's function.
"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION payouts_posting_insert_guard() RETURNS trigger AS $$
DECLARE
    missing bigint;
    closed bigint;
    bad bigint;
BEGIN
    SELECT min(n.entry_id) FILTER (WHERE e.id IS NULL),
           min(n.entry_id) FILTER (WHERE e.id IS NOT NULL AND NOT payouts_xid_is_current(e.xmin))
      INTO missing, closed
      FROM (SELECT DISTINCT entry_id FROM new_postings) n
      LEFT JOIN payouts_journalentry e ON e.id = n.entry_id;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'posting to journal entry % which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF closed IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % is closed: postings are added only in the transaction that opens it', closed
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
"""

GUARD_0009 = """
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
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_0009, params=None)


class Migration(migrations.Migration):
    dependencies = [("payouts", "0010_earnings_accounts_for_every_jobseeker")]
    operations = [migrations.RunPython(forwards, backwards)]
