"""Every select_for_update of the talent app.

Lock order, always: invitation rows (by id) → ledger accounts (by id, through
`payouts.lock_objects`) → the candidate's talent preferences. Answering,
expiring and cancelling lock the invitation, then the accounts its money moves
between. Sending one locks the employer's wallet and the escrow account (which
also makes the employer's daily cap exact under parallel sends), then the
candidate's preferences (the weekly cap), and creates the invitation.
"""

from django.db.models import QuerySet

from .models import Invitation, TalentProfile


def invitation_for_update(invitation_id: int) -> QuerySet[Invitation]:
    return Invitation.objects.select_for_update(of=("self",)).filter(id=invitation_id)


def invitations_for_update(invitation_ids) -> QuerySet[Invitation]:
    return Invitation.objects.select_for_update(of=("self",)).filter(id__in=sorted(set(invitation_ids))).order_by("id")


def profile_for_update(user_id: int) -> QuerySet[TalentProfile]:
    return TalentProfile.objects.select_for_update(of=("self",)).filter(user_id=user_id)
