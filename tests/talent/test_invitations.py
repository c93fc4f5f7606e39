"""Paid invitations on any database: escrow, caps, refusals, answers and the ledger that records them."""

import json

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.models import Notification
from accounts.notifications import notification_text
from consent.keys import receipt_public_key
from consent.models import ConsentReceipt
from consent.receipts import receipt_verify
from consent.services import consent_withdraw, employer_block_add
from exchange.models import WebhookDelivery
from exchange.webhooks import endpoint_create
from payouts import money
from payouts.models import JournalEntry, LedgerAccount
from payouts.selectors import account_balance, earnings_for_user, finance_report, ledger_violations, wallet_balance
from payouts.services import holds_release_due
from talent.exceptions import DuplicateInvitation, InvitationCapReached, InvitationClosed, NoSuchCandidate, TalentError
from talent.models import DisclosureView, Invitation, TalentRules
from talent.services import (
    disclosure_contact,
    disclosure_withdraw,
    filters_clean,
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitations_expire_due,
    talent_search,
)

from .world import other_employer, world_create

pytestmark = pytest.mark.django_db

FEE = money.fen_to_micros(2000)
JOB = {
    "job_title": "Robotics engineer",
    "description": "Build our arms.",
    "city": "深圳",
    "salary_min": 18000,
    "salary_max": 30000,
}


def handles(world, merchant=None, by=None):
    result = talent_search(merchant=merchant or world.employer, by=by or world.recruiter, filters=filters_clean({}))
    return [card["handle"] for card in result.cards]


def handle_of(world, person, merchant=None):
    from talent.models import Handle

    handles(world, merchant=merchant, by=world.recruiter if merchant is None else merchant.memberships.first().user)
    return Handle.objects.get(merchant=merchant or world.employer, user=person).handle


def send(world, handle, **overrides):
    return invitation_send(merchant=world.employer, by=world.recruiter, handle=handle, **{**JOB, **overrides})


def escrow() -> int:
    account = LedgerAccount.objects.filter(kind=LedgerAccount.Kind.ESCROW).first()
    return account_balance(account=account) if account else 0


def test_sending_moves_the_fee_from_the_wallet_into_escrow():
    world = world_create(people=5, wallet_fen=10_000)
    before = wallet_balance(merchant=world.employer)
    invitation = send(world, handle_of(world, world.people[0]))
    assert invitation.status == "open" and invitation.fee_fen == 2000
    assert wallet_balance(merchant=world.employer) == before - FEE
    assert escrow() == FEE
    assert ledger_violations() == []


def test_accepting_settles_seventy_percent_to_the_person_and_the_rest_to_the_exchange_exactly():
    world = world_create(people=5)
    person = world.people[0]
    TalentRules.objects.create(fee_fen=2001, jobseeker_share_bps=7000)  # ¥20.01: 14,007,000 micros to the person
    invitation = send(world, handle_of(world, person))
    disclosure = invitation_accept(invitation=invitation, by=person, agree=True, language="en")
    fee = money.fen_to_micros(2001)
    assert earnings_for_user(user=person).pending == fee * 7000 // 10_000 == 14_007_000
    settle = JournalEntry.objects.get(kind=JournalEntry.Kind.ESCROW_SETTLE)
    assert settle.memo["share_micros"] + settle.memo["revenue_micros"] == fee
    assert escrow() == 0
    report = finance_report()
    assert report.invitation_revenue == fee - 14_007_000 and report.reconciles
    # The person's share is pending for the refund window, then released like a sale's.
    holds_release_due(now=settle.release_after)
    assert earnings_for_user(user=person).available == 14_007_000
    assert disclosure.fields == ["name", "email"]
    assert ledger_violations() == []


def test_the_disclosure_receipt_is_signed_and_names_the_organisation_and_fields():
    world = world_create(people=5)
    person = world.people[0]
    disclosure = invitation_accept(invitation=send(world, handle_of(world, person)), by=person, agree=True, language="zh-hans")
    receipt = receipt_verify(disclosure.receipt.document.encode(), receipt_public_key())
    assert receipt["piiControllers"][0]["piiController"] == "Acme Robotics Ltd"
    assert receipt["iso27560"]["fields"] == ["name", "email"]
    assert person.resume.full_name not in disclosure.receipt.document
    assert person.email not in disclosure.receipt.document


def test_contact_details_go_to_members_of_the_inviting_organisation_only_and_every_view_is_logged():
    world = world_create(people=5)
    person = world.people[0]
    disclosure = invitation_accept(invitation=send(world, handle_of(world, person)), by=person, agree=True)
    contact = disclosure_contact(disclosure=disclosure, viewer=world.recruiter)
    assert contact == {"name": person.resume.full_name, "email": person.resume.contact_email}
    _globex, outsider = other_employer(world)
    with pytest.raises(NoSuchCandidate):
        disclosure_contact(disclosure=disclosure, viewer=outsider)
    assert list(DisclosureView.objects.values_list("viewer_id", flat=True)) == [world.recruiter.pk]


def test_withdrawing_the_disclosure_cuts_access_tells_the_organisation_and_is_receipted():
    world = world_create(people=5)
    endpoint, _secret = endpoint_create(merchant=world.employer, url="https://hooks.example.com/x", events=[], by=world.recruiter)
    person = world.people[0]
    disclosure = invitation_accept(invitation=send(world, handle_of(world, person)), by=person, agree=True)
    disclosure_withdraw(disclosure=disclosure, by=person)
    assert disclosure_withdraw(disclosure=disclosure, by=person).withdrawal_receipt_id  # a second click changes nothing
    # the organisation is told: in its members' notifications and at its webhook endpoint
    assert Notification.objects.filter(user=world.recruiter, kind="invitation.disclosure_withdrawn").count() == 1
    told = WebhookDelivery.objects.get(endpoint=endpoint, event_type="invitation.disclosure_withdrawn")
    assert told.payload["data"]["candidate"] == disclosure.invitation.handle
    with pytest.raises(NoSuchCandidate):
        disclosure_contact(disclosure=disclosure, viewer=world.recruiter)
    disclosure.refresh_from_db()
    assert disclosure.deletion_notice.merchant == world.employer
    withdrawal = receipt_verify(disclosure.withdrawal_receipt.document.encode(), receipt_public_key())
    assert withdrawal["iso27560"]["event"] == ConsentReceipt.Event.DISCLOSURE_WITHDRAWN
    assert withdrawal["iso27560"]["reference"] == disclosure.invitation.reference
    assert earnings_for_user(user=person).pending == FEE * 7 // 10  # money earned stays earned


def test_declining_returns_the_fee_and_records_a_webhook_event():
    world = world_create(people=5)
    endpoint, _secret = endpoint_create(merchant=world.employer, url="https://hooks.example.com/x", events=[], by=world.recruiter)
    before = wallet_balance(merchant=world.employer)
    invitation = invitation_decline(invitation=send(world, handle_of(world, world.people[0])), by=world.people[0])
    assert invitation.status == "declined" and wallet_balance(merchant=world.employer) == before
    delivery = WebhookDelivery.objects.get(endpoint=endpoint, event_type="invitation.declined")
    assert delivery.payload["data"] == {"invitation": invitation.pk, "candidate": invitation.handle, "status": "declined"}
    assert Notification.objects.filter(user=world.recruiter, kind="invitation.declined").exists()
    with pytest.raises(InvitationClosed):
        invitation_accept(invitation=invitation, by=world.people[0], agree=True)


def test_accepting_sends_the_signed_webhook_event_and_notifies_the_members_in_their_language():
    world = world_create(people=5)
    world.recruiter.language = "zh-hans"
    world.recruiter.save(update_fields=["language"])
    endpoint, _secret = endpoint_create(
        merchant=world.employer, url="https://hooks.example.com/x", events=["invitation.accepted"], by=world.recruiter
    )
    person = world.people[0]
    invitation = invitation_accept(invitation=send(world, handle_of(world, person)), by=person, agree=True).invitation
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.event_type == "invitation.accepted"
    assert delivery.payload["data"] == {"invitation": invitation.pk, "candidate": invitation.handle, "status": "accepted"}
    text = json.dumps(delivery.payload, ensure_ascii=False)
    for secret in (person.resume.full_name, person.resume.contact_email, person.resume.phone, person.email):
        assert secret not in text  # the event names the handle; the contact is fetched, and logged, by a member
    notice = Notification.objects.get(user=world.recruiter, kind="invitation.accepted")
    with translation.override("zh-hans"):
        assert "Robotics engineer" in notification_text(notice) and "候选人" in notification_text(notice)
    # an endpoint subscribed to acceptances only hears nothing of a decline
    invitation_decline(invitation=send(world, handle_of(world, world.people[1])), by=world.people[1])
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1


def test_unanswered_for_seven_days_it_expires_and_the_fee_returns():
    world = world_create(people=5)
    before = wallet_balance(merchant=world.employer)
    invitation = send(world, handle_of(world, world.people[0]))
    assert (
        invitations_expire_due(now=invitation.expires_at.replace(microsecond=0) - __import__("datetime").timedelta(seconds=1))
        == 0
    )
    assert invitations_expire_due(now=invitation.expires_at) == 1
    invitation.refresh_from_db()
    assert invitation.status == "expired" and wallet_balance(merchant=world.employer) == before
    assert invitations_expire_due(now=invitation.expires_at) == 0
    call_command("verify_ledger")


def test_accepting_needs_the_separate_disclosure_consent():
    world = world_create(people=5)
    invitation = send(world, handle_of(world, world.people[0]))
    with pytest.raises(TalentError) as error:
        invitation_accept(invitation=invitation, by=world.people[0], agree=False)
    assert error.value.code == "disclosure_consent_required"
    invitation.refresh_from_db()
    assert invitation.status == "open" and escrow() == FEE


def nothing_charged(world, before):
    assert wallet_balance(merchant=world.employer) == before
    assert escrow() == 0 and Invitation.objects.count() == 0


def test_a_person_who_blocked_the_organisation_is_answered_exactly_as_no_such_candidate():
    world = world_create(people=5)
    handle = handle_of(world, world.people[0])
    before = wallet_balance(merchant=world.employer)
    employer_block_add(user=world.people[0], merchant=world.employer)
    with pytest.raises(NoSuchCandidate) as blocked:
        send(world, handle)
    with pytest.raises(NoSuchCandidate) as unknown:
        send(world, "c_doesnotexist")
    assert str(blocked.value.message) == str(unknown.value.message)
    nothing_charged(world, before)


def test_bad_invitations_are_refused_with_the_reason_and_nothing_charged(django_capture_on_commit_callbacks):
    world = world_create(people=5)
    handle = handle_of(world, world.people[0])
    before = wallet_balance(merchant=world.employer)
    with pytest.raises(TalentError) as missing:
        send(world, handle, salary_min=None, salary_max="")
    assert set(missing.value.fields) == {"salary_min", "salary_max"}
    with pytest.raises(TalentError) as below:
        send(world, handle, salary_min=9000, salary_max=12000)  # the person's minimum is 15,000
    assert below.value.code == "salary_below_minimum"
    with pytest.raises(TalentError) as nowhere:
        send(world, handle, city="", remote=False)
    assert "city" in nowhere.value.fields
    nothing_charged(world, before)
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(grant=world.people[0].consent_grants.get(purpose="talent"), by=world.people[0])
    with pytest.raises(TalentError) as withdrew:
        send(world, handle)
    assert withdrew.value.code == "candidate_withdrew"
    nothing_charged(world, before)


def test_too_little_in_the_wallet_is_refused_and_nothing_is_written():
    world = world_create(people=5, wallet_fen=1999)
    from payouts.exceptions import InsufficientFunds

    with pytest.raises(InsufficientFunds):
        send(world, handle_of(world, world.people[0]))
    assert Invitation.objects.count() == 0 and escrow() == 0
    assert wallet_balance(merchant=world.employer) == money.fen_to_micros(1999)


def test_caps_per_employer_per_day_and_per_candidate_per_week():
    world = world_create(people=6)
    TalentRules.objects.create(employer_daily_cap=2)
    all_handles = handles(world)
    send(world, all_handles[0])
    send(world, all_handles[1])
    with pytest.raises(InvitationCapReached) as employer_cap:
        send(world, all_handles[2])
    assert employer_cap.value.code == "employer_cap"
    TalentRules.objects.update(employer_daily_cap=50)
    person = world.people[0]
    person.talent_profile.weekly_cap = 1
    person.talent_profile.save()
    handle = handle_of(world, person)
    if not Invitation.objects.filter(candidate=person).exists():
        send(world, handle)
    with pytest.raises(InvitationCapReached) as candidate_cap:
        send(world, handle, job_title="Another job")
    assert candidate_cap.value.code == "candidate_cap"


def test_the_same_job_twice_is_refused_and_the_same_key_makes_one():
    world = world_create(people=5)
    handle = handle_of(world, world.people[0])
    first = send(world, handle, idempotency_key="k-1")
    assert send(world, handle, idempotency_key="k-1").pk == first.pk
    with pytest.raises(DuplicateInvitation):
        send(world, handle, job_title="  robotics   ENGINEER ")
    assert Invitation.objects.count() == 1 and escrow() == FEE


def test_withdrawing_the_talent_purpose_cancels_and_refunds_pending_invitations(django_capture_on_commit_callbacks):
    world = world_create(people=5)
    before = wallet_balance(merchant=world.employer)
    invitation = send(world, handle_of(world, world.people[0]))
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(grant=world.people[0].consent_grants.get(purpose="talent"), by=world.people[0])
    invitation.refresh_from_db()
    assert invitation.status == "cancelled" and invitation.cancel_reason == "candidate_left"
    assert wallet_balance(merchant=world.employer) == before


def test_the_candidate_is_told_by_email_in_their_language(django_capture_on_commit_callbacks, mailoutbox):
    world = world_create(people=5)
    person = world.people[0]
    person.language = "zh-hans"
    person.save(update_fields=["language"])
    handle = handle_of(world, person)
    with django_capture_on_commit_callbacks(execute=True):
        send(world, handle)
    assert [mail.to for mail in mailoutbox] == [[person.email]]
    assert mailoutbox[0].subject == "来自Acme Robotics Ltd的付费邀请：Robotics engineer"
    assert "18000–30000" in mailoutbox[0].body
