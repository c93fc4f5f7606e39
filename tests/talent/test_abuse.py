"""Abuse reports: the jobseeker reports an invitation, staff decide in the admin queue; a suspended employer's
unanswered invitations are cancelled and refunded, and nothing more is disclosed to it."""

import pytest
from django.urls import reverse

from accounts.services import merchant_suspend
from payouts.selectors import ledger_violations, wallet_balance
from talent.exceptions import InvitationClosed
from talent.models import AbuseReport, Disclosure, Invitation
from talent.services import filters_clean, invitation_accept, invitation_send, invitations_expire_due, talent_search

from .world import other_employer, secrets_of, world_create

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
JOB = {"description": "Build APIs.", "city": "深圳", "salary_min": 20000, "salary_max": 30000}


def _invite(world, person, merchant=None, by=None, title="Backend engineer"):
    from talent.models import Handle

    merchant, by = merchant or world.employer, by or world.recruiter
    if not Handle.objects.filter(merchant=merchant, user=person).exists():
        talent_search(merchant=merchant, by=by, filters=filters_clean({}))
    handle = Handle.objects.get(merchant=merchant, user=person).handle
    return invitation_send(merchant=merchant, by=by, handle=handle, job_title=title, **JOB)


def test_a_report_goes_to_the_staff_queue_and_suspending_the_employer_cancels_and_refunds(client):
    world = world_create(people=5)
    reporter, other, answered = world.people[0], world.people[1], world.people[2]
    reported = _invite(world, reporter)
    waiting = _invite(world, other)
    invitation_accept(invitation=_invite(world, answered), by=answered, agree=True, language="en")
    globex, globex_member = other_employer(world)
    elsewhere = _invite(world, other, merchant=globex, by=globex_member)
    wallet_after_sending = wallet_balance(merchant=world.employer)

    # when the jobseeker reports without saying why, she is asked to
    client.force_login(reporter)
    page = client.post(reverse("talent:report", args=[reported.pk]), {"reason": "  "}, **EN, follow=True)
    assert "Say what was wrong with this invitation." in page.content.decode() and not AbuseReport.objects.exists()
    # and with a reason the report waits for staff
    page = client.post(reverse("talent:report", args=[reported.pk]), {"reason": "A fake job asking for a deposit."}, **EN)
    page = client.get(reverse("talent:invitation", args=[reported.pk]), **EN).content.decode()
    assert 'id="report-status"' in page
    report = AbuseReport.objects.get()
    assert report.status == AbuseReport.Status.OPEN and report.invitation == reported

    # then staff see it in the queue: the employer and the job, never who reported it
    client.force_login(world.staff)
    queue = client.get(reverse("admin:talent_abusereport_changelist"), **EN).content.decode()
    assert world.employer.name in queue and "A fake job asking for a deposit." in queue
    for secret in secrets_of(world):
        assert secret not in queue

    # when staff suspend the employer from the queue
    client.post(
        reverse("admin:talent_abusereport_changelist"),
        {"action": "suspend_employer", "_selected_action": [report.pk]},
        **EN,
    )
    report.refresh_from_db()
    world.employer.refresh_from_db()
    assert report.status == AbuseReport.Status.SUSPENDED and report.decided_by == world.staff
    assert world.employer.is_suspended
    # then its unanswered invitations are cancelled and refunded; the accepted one stands; others' are untouched
    statuses = dict(Invitation.objects.values_list("pk", "status"))
    assert statuses[reported.pk] == statuses[waiting.pk] == Invitation.Status.CANCELLED
    assert Invitation.objects.get(pk=waiting.pk).cancel_reason == Invitation.CancelReason.SUSPENDED
    assert Invitation.objects.filter(candidate=answered, status=Invitation.Status.ACCEPTED).exists()
    assert statuses[elsewhere.pk] == Invitation.Status.OPEN
    assert wallet_balance(merchant=world.employer) == wallet_after_sending + 2 * 20_000_000
    # and the suspended employer can no longer search
    with pytest.raises(Exception) as refused:
        talent_search(merchant=world.employer, by=world.recruiter, filters=filters_clean({}))
    assert getattr(refused.value, "code", "") == "not_verified"
    assert ledger_violations() == []


def test_staff_can_dismiss_a_report_and_the_employer_stays_verified(client):
    world = world_create(people=5)
    invitation = _invite(world, world.people[0])
    client.force_login(world.people[0])
    client.post(reverse("talent:report", args=[invitation.pk]), {"reason": "Too many messages."}, **EN)
    client.force_login(world.staff)
    client.post(
        reverse("admin:talent_abusereport_changelist"),
        {"action": "dismiss", "_selected_action": [AbuseReport.objects.get().pk]},
        **EN,
    )
    world.employer.refresh_from_db()
    assert AbuseReport.objects.get().status == AbuseReport.Status.DISMISSED and world.employer.is_verified
    assert Invitation.objects.get(pk=invitation.pk).status == Invitation.Status.OPEN


def test_an_employer_suspended_elsewhere_receives_no_acceptance_before_the_sweep():
    # given an open invitation from an employer that staff then suspend in the merchant admin
    world = world_create(people=5)
    person = world.people[0]
    invitation = _invite(world, person)
    second = _invite(world, world.people[1])
    before = wallet_balance(merchant=world.employer)
    merchant_suspend(merchant=world.employer, by=world.staff, reason="Fraud reports.")

    # when the person accepts before the sweep has run, nothing is disclosed and the fee goes back
    with pytest.raises(InvitationClosed) as closed:
        invitation_accept(invitation=invitation, by=person, agree=True, language="en")
    assert "suspended this employer" in str(closed.value.message)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.CANCELLED and invitation.cancel_reason == Invitation.CancelReason.SUSPENDED
    assert not Disclosure.objects.exists()
    # and the sweep cancels the rest
    invitations_expire_due()
    assert Invitation.objects.get(pk=second.pk).status == Invitation.Status.CANCELLED
    assert wallet_balance(merchant=world.employer) == before + 2 * 20_000_000
    assert ledger_violations() == []
