"""The candidate hears of an invitation by e-mail, in their account's language (the portal is the record)."""

import logging
import smtplib

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Invitation

logger = logging.getLogger(__name__)


def invitation_notify_send(*, invitation_id: int) -> bool:
    invitation = Invitation.objects.select_related("merchant", "candidate").filter(pk=invitation_id).first()
    if invitation is None or invitation.candidate is None or not invitation.is_open:
        return False
    candidate = invitation.candidate
    try:
        _send(invitation, candidate)
    except (smtplib.SMTPException, OSError):
        # The invitation is in the portal either way; a mail outage must not fail the sending employer.
        logger.warning("invitation mail for %s not sent", invitation.reference, exc_info=True)
        return False
    return True


def _send(invitation: Invitation, candidate) -> None:
    with translation.override(candidate.language or "zh-hans"):
        where = _("remote") if invitation.remote else invitation.city
        send_mail(
            _("A paid invitation from %(org)s: %(job)s") % {"org": invitation.merchant.name, "job": invitation.job_title},
            _(
                "%(org)s (%(industry)s, verified) invites you to apply for “%(job)s” (%(where)s), paying %(low)s–%(high)s "
                "yuan a month. Your contact details stay hidden unless you accept. Answer within the week in your portal."
            )
            % {
                "org": invitation.merchant.name,
                "industry": invitation.merchant.get_industry_display(),
                "job": invitation.job_title,
                "where": where,
                "low": invitation.salary_min,
                "high": invitation.salary_max,
            },
            None,
            [candidate.email],
        )
