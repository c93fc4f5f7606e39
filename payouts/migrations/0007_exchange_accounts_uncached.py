"""The exchange's own accounts lose their cached balance: summed from postings from now on."""

from django.db import migrations

OWN = ("bank", "exchange_revenue", "sales_clearing", "payout_clearing", "escrow")


def forwards(apps, schema_editor):
    apps.get_model("payouts", "LedgerAccount").objects.filter(kind__in=OWN).update(balance=0)


def backwards(apps, schema_editor):
    LedgerAccount = apps.get_model("payouts", "LedgerAccount")
    Posting = apps.get_model("payouts", "Posting")
    from django.db.models import Sum

    for account in LedgerAccount.objects.filter(kind__in=OWN):
        total = Posting.objects.filter(account_id=account.pk).aggregate(total=Sum("amount"))["total"] or 0
        LedgerAccount.objects.filter(pk=account.pk).update(balance=total)


class Migration(migrations.Migration):
    dependencies = [("payouts", "0006_escrow")]
    operations = [migrations.RunPython(forwards, backwards)]
