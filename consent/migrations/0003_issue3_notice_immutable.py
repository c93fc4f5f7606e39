"""A published consent notice never changes and is never deleted: enforced by PostgreSQL.

Grants store a hash of the text shown; if a published notice could be edited, the
hash would point at words nobody agreed to. On SQLite the admin and the services keep
this rule (published notices are read-only there).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION consent_notice_refuse_change() RETURNS trigger AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'published consent notices are immutable: % refused (publish a new version)', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_notice_immutable BEFORE UPDATE OR DELETE ON consent_consentnotice
    FOR EACH ROW EXECUTE FUNCTION consent_notice_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS consent_notice_immutable ON consent_consentnotice;
DROP FUNCTION IF EXISTS consent_notice_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_issue3_uploads_receipts_blocklist")]
    operations = [migrations.RunPython(forwards, backwards)]
