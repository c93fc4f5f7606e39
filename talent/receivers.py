"""Hooks that keep the consented pool in step with consent and resumes (the pool is an index, not a record)."""

from django.db import transaction
from django.db.models.signals import post_save

from consent.models import ConsentGrant, Purpose, Resume


def on_consent_withdrawn(sender, *, grant_id: int, user_id: int, **kwargs) -> None:
    """A withdrawn talent grant takes the person out of the pool and cancels their unanswered invitations."""
    from .services import invitations_cancel_for_candidate, pool_refresh

    grant = ConsentGrant.objects.filter(pk=grant_id).only("purpose").first()
    if grant is None or grant.purpose != Purpose.TALENT or user_id is None:
        return
    if pool_refresh(user_id=user_id):
        return  # still consenting through another notice
    invitations_cancel_for_candidate(user_id=user_id)


def _refresh_later(user_id: int | None) -> None:
    if user_id is None:
        return

    def refresh() -> None:
        from .services import pool_refresh

        pool_refresh(user_id=user_id)

    transaction.on_commit(refresh)


def on_resume_saved(sender, instance: Resume, **kwargs) -> None:
    _refresh_later(instance.owner_id)


def on_grant_saved(sender, instance: ConsentGrant, created: bool, **kwargs) -> None:
    if created and instance.purpose == Purpose.TALENT:
        _refresh_later(instance.user_id)


def connect_pool_refresh() -> None:
    post_save.connect(on_resume_saved, sender=Resume, dispatch_uid="talent.on_resume_saved")
    post_save.connect(on_grant_saved, sender=ConsentGrant, dispatch_uid="talent.on_grant_saved")
