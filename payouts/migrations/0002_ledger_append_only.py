"""Ledger rows are never updated or deleted: enforced by the database on PostgreSQL.

SQLite (development) relies on the services; `verify_ledger` checks the sums on both.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION payouts_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_posting_append_only BEFORE UPDATE OR DELETE ON payouts_posting
    FOR EACH ROW EXECUTE FUNCTION payouts_refuse_change();
CREATE TRIGGER payouts_journalentry_append_only BEFORE UPDATE OR DELETE ON payouts_journalentry
    FOR EACH ROW EXECUTE FUNCTION payouts_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS payouts_posting_append_only ON payouts_posting;
DROP TRIGGER IF EXISTS payouts_journalentry_append_only ON payouts_journalentry;
DROP FUNCTION IF EXISTS payouts_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("payouts", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
