"""The Celery app. The beat schedule is declared here and nowhere else."""

import os

from celery import Celery, bootsteps
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("exchange")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class OutboxResume(bootsteps.StartStopStep):
    """Each time a worker connects to the broker (at start, and again after an outage) it re-sends
    every unsettled order at once, without waiting for beat.

    The message of a worker killed as a whole stays unacknowledged in the broker until its
    visibility timeout, and a purchase made while the broker was away sent nothing: both
    resume as soon as a worker is connected. A duplicate is harmless: it waits for the
    order's row lock, then finds the order settled.
    """

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer) -> None:
        consumer.app.send_task("exchange.outbox_sweep", kwargs={"resend_after_seconds": 0}, retry=False)


app.steps["consumer"].add(OutboxResume)

app.conf.beat_schedule = {
    # Re-send settlements whose task was lost (broker outage, worker crash).
    "outbox-sweep": {"task": "exchange.outbox_sweep", "schedule": 60.0},
    # Re-send lost build tasks; fail builds whose worker died so a new one can start.
    "builds-recover": {"task": "exchange.builds_recover", "schedule": crontab(minute="*/5")},
    # Re-send lost resume-parse tasks; refuse uploads whose worker died (the person is told).
    "uploads-recover": {"task": "consent.uploads_recover", "schedule": crontab(minute="*/5")},
    # Move shares whose refund window has passed from pending to available.
    "holds-release": {"task": "payouts.holds_release", "schedule": crontab(minute="*/15")},
    # Renew subscriptions whose paid period has ended, from the buyer's wallet.
    "subscriptions-renew": {"task": "exchange.subscriptions_renew", "schedule": crontab(minute="*/10")},
    # Gather the day's withdrawals into one payout batch (the bank's CSV) each morning.
    "payout-batch": {"task": "payouts.batch_create", "schedule": crontab(hour=6, minute=0)},
    # Return the fees of invitations unanswered for a week, and of suspended employers.
    # Forget API Idempotency-Keys older than 24 hours (EXCHANGE["IDEMPOTENCY_KEY_HOURS"]).
    "idempotency-keys-purge": {"task": "exchange.idempotency_keys_purge", "schedule": crontab(minute=17)},
    "invitations-expire": {"task": "talent.invitations_expire", "schedule": crontab(minute="*/15")},
    # Webhook retries that are due (backoff), and deliveries a broker outage or a dead worker held back.
    "webhooks-due": {"task": "exchange.webhooks_due", "schedule": 60.0},
    # Stored files no row names (a writer died before its row committed, a delete missed while the
    # store was away), once past EXCHANGE["ORPHAN_FILE_GRACE_HOURS"].
    "stored-orphans-sweep": {"task": "exchange.stored_orphans_sweep", "schedule": crontab(minute=41)},
    # Notification e-mails a broker or mail-server outage held back.
    "notifications-mail": {"task": "accounts.notifications_mail_sweep", "schedule": crontab(minute="*/5")},
}
