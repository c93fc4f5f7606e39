"""A jobseeker's earnings accounts open with their account, as a bank opens one at sign-up.

A sale then pays people whose accounts exist: the first sale to a million people writes
their postings and nothing else (issue 14 measured it at 9× the next sale when it also
opened two million accounts). `pool.subject_accounts_ensure` still opens any missing
account inside a sale, for people who joined before this receiver existed.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User

from .pool import subject_accounts_ensure


@receiver(post_save, sender=User, dispatch_uid="payouts.earnings_accounts_open")
def earnings_accounts_open(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw and instance.is_jobseeker:
        subject_accounts_ensure([(instance.pk, 1)])
