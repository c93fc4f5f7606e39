"""An invitation that closes without an answer, expired or cancelled, is told to the employer's members and,
where it was not their own doing, to the candidate: each in their own language, in the portal and by e-mail."""

import pytest
from django.utils import translation

from accounts.models import Notification
from accounts.notifications import notification_text
from accounts.services import merchant_suspend
from consent.services import consent_withdraw
from talent.exceptions import InvitationClosed
from talent.services import invitation_accept, invitation_cancel, invitations_cancel_for_merchant, invitations_expire_due

from ..factories import member_of
from .test_invitations import handle_of, send
from .world import world_create

pytestmark = pytest.mark.django_db


def _kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user, kind__startswith="invitation.").values_list("kind", flat=True))


def _speak(user, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def test_expired_and_cancelled_invitations_are_told_to_the_members_and_the_candidate(
    django_capture_on_commit_callbacks, mailoutbox
):
    # given an employer with two members (one reads Chinese) and four invitations
    world = world_create(people=5)
    colleague = member_of(world.employer)
    _speak(colleague, "zh-hans")
    _speak(world.recruiter, "en")
    expiring, withdrawn, leaving, suspended = world.people[:4]
    _speak(expiring, "zh-hans")
    invitations = {
        person.pk: send(world, handle_of(world, person), job_title=f"Robotics engineer {n}")
        for n, person in enumerate((expiring, withdrawn, leaving, suspended))
    }

    # when the first expires unanswered, both members and the candidate hear of it, each in their language
    with django_capture_on_commit_callbacks(execute=True):
        invitations_expire_due(now=invitations[expiring.pk].expires_at)
    assert _kinds(world.recruiter) == _kinds(colleague) == ["invitation.expired"]
    assert _kinds(expiring) == ["invitation.expired_unanswered"]
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert mails[world.recruiter.email].subject.startswith("Your invitation for “Robotics engineer 0” expired unanswered")
    assert mails[colleague.email].subject.startswith("您关于“Robotics engineer 0”的邀请已过期")
    assert "Acme Robotics Ltd" in mails[expiring.email].subject and "已过期" in mails[expiring.email].subject
    assert f"/me/talent/invitations/{invitations[expiring.pk].pk}/" in mails[expiring.email].body

    # when a member withdraws the second, the other member and the candidate are told; the one who did it is not
    invitation_cancel(invitation=invitations[withdrawn.pk], merchant=world.employer, by=world.recruiter)
    assert _kinds(colleague) == ["invitation.cancelled", "invitation.expired"]
    assert _kinds(world.recruiter) == ["invitation.expired"]
    assert _kinds(withdrawn) == ["invitation.withdrawn_by_employer"]
    with translation.override("en"):
        notice = Notification.objects.get(user=withdrawn, kind="invitation.withdrawn_by_employer")
        assert notification_text(notice) == (
            "Acme Robotics Ltd withdrew its invitation for “Robotics engineer 1”; nothing of yours was shared."
        )

    # when a candidate leaves the pool, the members learn why the invitation closed; the candidate, who left, is not told
    with django_capture_on_commit_callbacks(execute=True):  # the cancellation runs once the withdrawal commits
        consent_withdraw(grant=leaving.consent_grants.get(purpose="talent"), by=leaving)
    assert "invitation.cancelled_candidate_left" in _kinds(world.recruiter)
    assert _kinds(leaving) == []
    with translation.override("zh-hans"):
        notice = Notification.objects.get(user=colleague, kind="invitation.cancelled_candidate_left")
        assert "Robotics engineer 2" in notification_text(notice) and "退出人才库" in notification_text(notice)

    # when the exchange suspends the employer, its members and the candidate learn that the invitation is void
    merchant_suspend(merchant=world.employer, by=world.staff, reason="Invitations reported as abuse.")
    assert invitations_cancel_for_merchant(merchant=world.employer, by=world.staff) == 1
    assert "invitation.cancelled_suspended" in _kinds(world.recruiter) and "invitation.cancelled_suspended" in _kinds(colleague)
    assert _kinds(suspended) == ["invitation.cancelled_employer_suspended"]
    # no notice names the candidate to the employer
    for notice in Notification.objects.filter(user__in=[world.recruiter, colleague], kind__startswith="invitation."):
        assert set(notice.params) == {"job"}


def test_a_candidate_who_finds_it_expired_while_answering_is_told_by_the_refusal_alone():
    world = world_create(people=5)
    person = world.people[0]
    invitation = send(world, handle_of(world, person))
    type(invitation).objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    with pytest.raises(InvitationClosed):
        invitation_accept(invitation=invitation, by=person, agree=True)
    invitation.refresh_from_db()
    assert invitation.status == "expired"
    assert _kinds(world.recruiter) == ["invitation.expired"]
    assert _kinds(person) == []
