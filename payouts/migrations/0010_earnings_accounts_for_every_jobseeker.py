"""Open the two earnings accounts of every jobseeker who has none yet (set-based).

From now on they open at sign-up (payouts/receivers.py); this catches up the people who
joined before, so that no sale has to open them.
"""

from django.db import migrations


def open_missing(apps, schema_editor):
    LedgerAccount = apps.get_model("payouts", "LedgerAccount")
    User = apps.get_model("accounts", "User")
    jobseekers = User.objects.filter(kind="jobseeker").values_list("id", flat=True)
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO payouts_ledgeraccount (key, kind, user_id, balance, created_at)
                SELECT 'user:' || u.id || ':subject_available', 'subject_available', u.id, 0, now()
                  FROM accounts_user u
                 WHERE u.kind = 'jobseeker'
                ON CONFLICT DO NOTHING
                """
            )
            cursor.execute(
                """
                INSERT INTO payouts_ledgeraccount (key, kind, user_id, release_to_id, balance, created_at)
                SELECT 'user:' || a.user_id || ':subject_pending', 'subject_pending', a.user_id, a.id, 0, now()
                  FROM payouts_ledgeraccount a
                  JOIN accounts_user u ON u.id = a.user_id AND u.kind = 'jobseeker'
                 WHERE a.kind = 'subject_available'
                ON CONFLICT DO NOTHING
                """
            )
        return
    for user_id in jobseekers.iterator():
        available, _ = LedgerAccount.objects.get_or_create(
            key=f"user:{user_id}:subject_available", defaults={"kind": "subject_available", "user_id": user_id}
        )
        LedgerAccount.objects.get_or_create(
            key=f"user:{user_id}:subject_pending",
            defaults={"kind": "subject_pending", "user_id": user_id, "release_to_id": available.pk},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("payouts", "0009_ledger_guards"),
        ("accounts", "0007_notification"),
    ]

    operations = [migrations.RunPython(open_missing, migrations.RunPython.noop)]
