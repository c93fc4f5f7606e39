"""The talent pages: a jobseeker joins, answers and withdraws in the portal; an employer searches, invites,
sees sent invitations and, only after acceptance, the contact. Nothing identifying reaches an employer before."""

import re

import pytest
from django.urls import reverse

from consent.keys import receipt_public_key
from consent.models import ConsentGrant, ConsentReceipt, Purpose
from consent.receipts import receipt_verify
from payouts.selectors import earnings_for_user
from talent.models import Disclosure, DisclosureView, Invitation, TalentProfile
from talent.services import filters_clean, invitation_send, talent_search

from ..factories import ResumeFactory
from .world import PREFERENCES, secrets_of, world_create

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _invite(world, person=None, **job):
    result = talent_search(merchant=world.employer, by=world.recruiter, filters=filters_clean({}))
    handles = [card["handle"] for card in result.cards]
    from talent.models import Handle

    person = person or world.people[0]
    handle = Handle.objects.get(merchant=world.employer, user=person).handle
    assert handle in handles
    values = {
        "job_title": "Backend engineer",
        "description": "Build APIs.",
        "city": "深圳",
        "salary_min": 20000,
        "salary_max": 30000,
    }
    return invitation_send(merchant=world.employer, by=world.recruiter, handle=handle, **{**values, **job})


def _secrets(world):
    return secrets_of(world)


def test_a_jobseeker_joins_the_talent_pool_with_preferences_and_a_separate_consent(client):
    world = world_create(people=0)
    person = ResumeFactory(province="广东").owner
    client.force_login(person)
    page = client.get(reverse("talent:preferences"), **EN)
    assert page.status_code == 200 and b"Join the talent pool" in page.content
    data = {**PREFERENCES, "provinces": ["广东", "上海"], "role_categories": ["engineering", "data"]}
    refused = client.post(reverse("talent:preferences"), data, **EN)
    assert b"Tick the box" in refused.content and not ConsentGrant.objects.filter(user=person).exists()
    joined = client.post(reverse("talent:preferences"), {**data, "agree": "yes"}, **EN, follow=True)
    assert b"You are in the talent pool" in joined.content
    grant = ConsentGrant.objects.get(user=person, purpose=Purpose.TALENT, notice=world.notice)
    assert ConsentReceipt.objects.filter(grant=grant).exists()
    profile = TalentProfile.objects.get(user=person)
    assert profile.provinces == ["广东", "上海"] and profile.min_monthly_salary == 15000
    # later changes save the preferences only; a bad cap is refused with the field named
    bad = client.post(reverse("talent:preferences"), {**data, "weekly_cap": "0"}, **EN)
    assert b"Allow between 1 and 50 invitations a week." in bad.content
    assert TalentProfile.objects.get(user=person).weekly_cap == 5


def test_the_jobseeker_accepts_gets_a_verifying_receipt_and_sees_the_fee_pending(client):
    world = world_create(people=5)
    person = world.people[0]
    invitation = _invite(world)
    client.force_login(person)
    listing = client.get(reverse("talent:invitations"), **EN).content.decode()
    assert "Backend engineer" in listing and "Acme Robotics Ltd" in listing
    detail = client.get(reverse("talent:invitation", args=[invitation.pk]), **EN).content.decode()
    assert "¥20000–30000" in detail and "PIPL Art. 23" in detail and "¥14.00" in detail
    assert not re.search(r"<script(?![^>]*\bsrc=)", detail)  # no inline script (a strict CSP)
    # without the separate consent, nothing happens
    client.post(reverse("talent:accept", args=[invitation.pk]), {}, **EN)
    assert Invitation.objects.get(pk=invitation.pk).status == "open"
    client.post(reverse("talent:accept", args=[invitation.pk]), {"agree": "yes"}, **EN)
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    page = client.get(reverse("talent:invitation", args=[invitation.pk]), **EN).content.decode()
    assert 'id="fee-share-state">Pending' in page and "¥14.00" in page
    assert earnings_for_user(user=person).pending == 14_000_000
    receipt = invitation.disclosure.receipt
    assert str(receipt.receipt_id) in page
    verified = client.post(reverse("receipts:verify"), {"receipt": receipt.document}, **EN)
    assert verified.context["result"]["valid"] is True
    assert receipt_verify(receipt.document.encode(), receipt_public_key())
    # her earnings say how much came from invitations and how much from data sales
    earnings = client.get(reverse("payouts:earnings", kwargs={"side": "me"}), **EN).content.decode()
    assert 'id="earned-invitations">¥14.00<' in earnings and 'id="earned-sales">¥0.00<' in earnings
    # her portal's sales list the invitation's income beside data sales, in either language
    for language, prefix in (("en", "Invitation accepted:"), ("zh-hans", "已接受邀请：")):
        home = client.get(reverse("consent:dashboard"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        sales = home[home.index('id="sales"') :]
        assert f"{prefix} Backend engineer" in sales and "Acme Robotics Ltd" in sales and "¥14.00" in sales


def test_the_employer_sees_the_contact_only_after_acceptance_and_every_view_is_logged(client):
    world = world_create(people=5)
    person = world.people[0]
    invitation = _invite(world)
    client.force_login(world.recruiter)
    for name in ("talent:console", "talent:sent", "talent:contacts"):
        text = client.get(reverse(name), {"search": "1"} if name == "talent:console" else {}, **EN).content.decode()
        for secret in _secrets(world):
            assert secret not in text, (name, secret)
    assert invitation.handle in client.get(reverse("talent:sent"), **EN).content.decode()

    from talent.services import invitation_accept

    invitation_accept(invitation=invitation, by=person, agree=True, language="en")
    disclosure = Disclosure.objects.get(invitation=invitation)
    listing = client.get(reverse("talent:contacts"), **EN).content.decode()
    assert person.resume.full_name not in listing  # shown only when asked for, so every look is logged
    shown = client.post(reverse("talent:contacts"), {"disclosure": disclosure.pk}, **EN).content.decode()
    assert person.resume.full_name in shown and person.resume.contact_email in shown
    assert DisclosureView.objects.filter(disclosure=disclosure, viewer=world.recruiter, channel="web").count() == 1
    # the jobseeker sees who looked
    client.force_login(person)
    log = client.get(reverse("talent:views"), **EN).content.decode()
    assert world.employer.name in log and "Web console" in log


def test_after_withdrawal_the_contact_is_gone_and_the_employer_is_told_to_delete(client):
    world = world_create(people=5)
    person = world.people[0]
    invitation = _invite(world)
    from talent.services import invitation_accept

    invitation_accept(invitation=invitation, by=person, agree=True, language="en")
    client.force_login(person)
    client.post(reverse("talent:withdraw", args=[invitation.pk]), **EN)
    disclosure = Disclosure.objects.get(invitation=invitation)
    assert disclosure.withdrawn_at is not None and disclosure.withdrawal_receipt is not None
    client.force_login(world.recruiter)
    console = client.get(reverse("talent:console"), **EN).content.decode()
    assert "withdrew consent" in console
    refused = client.post(reverse("talent:contacts"), {"disclosure": disclosure.pk}, **EN, follow=True).content.decode()
    assert person.resume.full_name not in refused and "no longer available" in refused
    client.post(reverse("talent:contacts"), {"disclosure": disclosure.pk, "action": "deleted"}, **EN)
    disclosure.deletion_notice.refresh_from_db()
    assert disclosure.deletion_notice.read_at is not None


def test_the_employer_invites_from_a_card_and_bad_input_is_answered_in_place(client):
    world = world_create(people=5)
    client.force_login(world.recruiter)
    search = client.get(reverse("talent:console"), {"search": "1", "role_category": "engineering"}, **EN).content.decode()
    handles = re.findall(r'data-handle="(c_[0-9a-f]+)"', search)
    assert len(handles) == 5
    form = client.get(reverse("talent:invite"), {"handle": handles[0]}, **EN).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form).group(1)
    job = {
        "handle": handles[0],
        "job_title": "Data engineer",
        "description": "Pipelines.",
        "city": "广州",
        "idempotency_key": key,
    }
    missing = client.post(reverse("talent:invite"), job, **EN).content.decode()
    assert "State the monthly salary range" in missing and not Invitation.objects.exists()
    low = client.post(reverse("talent:invite"), {**job, "salary_min": "5000", "salary_max": "8000"}, **EN).content.decode()
    assert "below the minimum this candidate accepts" in low and not Invitation.objects.exists()
    good = {**job, "salary_min": "18000", "salary_max": "26000"}
    client.post(reverse("talent:invite"), good, **EN)
    client.post(reverse("talent:invite"), good, **EN)  # a double submit of the same form makes one invitation
    assert Invitation.objects.count() == 1
    invitation = Invitation.objects.get()
    client.post(reverse("talent:cancel"), {"invitation": invitation.pk}, **EN)
    invitation.refresh_from_db()
    assert invitation.status == "cancelled"


def test_a_narrow_search_shows_no_cards_on_the_page(client):
    world = world_create(people=5)
    client.force_login(world.recruiter)
    page = client.get(reverse("talent:console"), {"search": "1", "skills": ["java"]}, **EN).content.decode()
    assert 'id="too-few"' in page and "data-handle" not in page


def test_another_organisation_cannot_touch_an_invitation_or_a_contact(client):
    world = world_create(people=5)
    invitation = _invite(world)
    from talent.services import invitation_accept

    invitation_accept(invitation=invitation, by=world.people[0], agree=True, language="en")
    from .world import other_employer

    _other, stranger = other_employer(world)
    client.force_login(stranger)
    page = client.post(reverse("talent:contacts"), {"disclosure": invitation.disclosure.pk}, **EN, follow=True)
    assert world.people[0].resume.full_name not in page.content.decode()
    assert not DisclosureView.objects.exists()
    client.post(reverse("talent:hired"), {"invitation": invitation.pk}, **EN)
    assert Invitation.objects.get(pk=invitation.pk).hired_at is None
    client.force_login(world.people[1])
    assert client.get(reverse("talent:invitation", args=[invitation.pk])).status_code == 404


def test_talent_templates_hold_no_inline_script_or_style():
    from pathlib import Path

    from django.conf import settings

    for template in (Path(settings.BASE_DIR) / "templates" / "talent").glob("*.html"):
        text = template.read_text("utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)|\son[a-z]+=|\sstyle=", text), template.name


def test_staff_see_invitation_volume_acceptance_rate_and_income_in_both_languages(client):
    # given five invitations: one accepted, one declined, one expired, one cancelled, one waiting
    from talent.services import invitation_accept, invitation_cancel, invitation_decline, invitations_expire_due

    world = world_create(people=5)
    expired = _invite(world, person=world.people[0])
    invitations_expire_due(now=expired.expires_at)
    invitation_accept(invitation=_invite(world, person=world.people[1]), by=world.people[1], agree=True, language="en")
    invitation_decline(invitation=_invite(world, person=world.people[2]), by=world.people[2])
    invitation_cancel(invitation=_invite(world, person=world.people[3]), merchant=world.employer, by=world.recruiter)
    _invite(world, person=world.people[4])
    client.force_login(world.staff)

    # when staff open the finance report, then the invitations are counted from the ledger beside the income
    report = client.get(reverse("payouts:finance"), **EN)
    rows = dict(report.context["invitation_rows"])
    assert rows["Invitations sent (fee paid into escrow)"] == 5
    assert rows["Accepted (fee settled)"] == 1
    assert rows["Declined or expired (fee returned)"] == 2
    assert rows["Cancelled (fee returned)"] == 1
    assert rows["Waiting for an answer"] == 1
    assert rows["Acceptance rate (of those answered or expired)"] == "33.3%"  # one of three answered or expired
    money_rows = dict(report.context["rows"])
    assert money_rows["Invitation fees earned by the exchange"] == "¥6.00"
    assert money_rows["Invitation fees paid to jobseekers"] == "¥14.00"
    assert money_rows["Invitation fees in escrow"] == "¥20.00"
    assert report.context["report"].reconciles

    # and the talent figures agree with it
    figures = client.get(reverse("talent:stats"), **EN).content.decode()
    for figure, value in (("sent", "5"), ("accepted", "1"), ("rate", "33.3%"), ("revenue", "¥6.00"), ("shares", "¥14.00")):
        assert re.search(rf'id="fig-{figure}">{re.escape(value)}<', figures), figure

    # and both pages read in Chinese
    chinese = client.get(reverse("payouts:finance"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "人才邀请" in chinese and "已接受（费用已结算）" in chinese and "33.3%" in chinese
    chinese = client.get(reverse("talent:stats"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "人才邀请：数据" in chinese and "交易所邀请收入" in chinese
