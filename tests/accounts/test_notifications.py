"""Notifications reach the people concerned, in their portal and by e-mail, each in their own language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership, Notification
from accounts.notifications import notification_text, notifications_mail_due
from payouts.models import TopUp
from payouts.services import wallet_topup_confirm, wallet_topup_request

from ..exchange.buyer_world import market_create
from ..factories import member_of

pytestmark = pytest.mark.django_db


def _topup(market, fen=50_000):
    topup = wallet_topup_request(merchant=market.buyer, amount_fen=fen, bank_reference="N-1", by=market.buyer_user)
    return TopUp.objects.get(pk=topup.pk)


def test_a_confirmed_top_up_tells_every_member_in_their_language(django_capture_on_commit_callbacks):
    market = market_create()
    english = member_of(market.buyer, role=Membership.Role.VIEWER)
    english.language = "en"
    english.save(update_fields=["language"])
    market.buyer_user.language = "zh-hans"
    market.buyer_user.save(update_fields=["language"])
    mail.outbox.clear()
    Notification.objects.all().delete()  # the world's own top-ups
    with django_capture_on_commit_callbacks(execute=True):
        wallet_topup_confirm(topup=_topup(market), by=market.staff)
    mine = Notification.objects.filter(kind="topup.confirmed", user__in=[english, market.buyer_user])
    assert mine.count() == 2 and all(n.emailed_at for n in mine)
    by_reader = {m.to[0]: m for m in mail.outbox}
    assert "¥500.00" in by_reader[english.email].subject and "confirmed" in by_reader[english.email].subject
    assert "¥500.00" in by_reader[market.buyer_user.email].subject and "确认" in by_reader[market.buyer_user.email].subject
    # another organisation hears nothing
    assert not Notification.objects.filter(user=market.other_user, kind="topup.confirmed").exists()


def test_the_text_follows_the_readers_language_when_read():
    market = market_create()
    wallet_topup_confirm(topup=_topup(market, 12_345), by=market.staff)
    notification = Notification.objects.filter(user=market.buyer_user, kind="topup.confirmed").latest("id")
    with translation.override("en"):
        assert notification_text(notification) == "Your top-up of ¥123.45 was confirmed and is in the wallet."
    with translation.override("zh-hans"):
        assert "¥123.45" in notification_text(notification) and "充值" in notification_text(notification)


def test_the_console_page_lists_them_and_marks_them_read(client):
    market = market_create()
    wallet_topup_confirm(topup=_topup(market), by=market.staff)
    client.force_login(market.buyer_user)
    home = client.get(reverse("exchange:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="nav-notifications"' in home and "badge" in home.split('id="nav-notifications"')[1].split("</a>")[0]
    page = client.get(reverse("notifications:console"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "was confirmed and is in the wallet" in page and "New" in page
    assert not Notification.objects.filter(user=market.buyer_user, read_at__isnull=True).exists()
    again = client.get(reverse("exchange:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "badge" not in again.split('id="nav-notifications"')[1].split("</a>")[0]


def test_a_jobseeker_reads_theirs_in_the_portal_and_cannot_open_the_console_page(client):
    market = market_create()
    from accounts.notifications import notify

    notify(users=[market.jobseeker], kind="payout.sent", params={"amount": 1_230_000}, url="/me/earnings/")
    client.force_login(market.jobseeker)
    page = client.get(reverse("notifications:portal"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your withdrawal of ¥1.23 was paid to your account." in page
    assert client.get(reverse("notifications:console")).status_code == 403


def test_mail_held_back_by_an_outage_is_sent_by_the_sweep(settings):
    market = market_create()
    mail.outbox.clear()
    wallet_topup_confirm(topup=_topup(market), by=market.staff)  # no commit: the mail task never ran
    pending = Notification.objects.filter(emailed_at__isnull=True, kind="topup.confirmed").count()
    assert pending and not mail.outbox
    assert notifications_mail_due(now=timezone.now() + timedelta(minutes=3)) == pending
    assert len(mail.outbox) == pending
    assert notifications_mail_due(now=timezone.now() + timedelta(minutes=3)) == 0
