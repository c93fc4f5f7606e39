def on_consent_withdrawn(sender, *, grant_id: int, user_id: int, **kwargs) -> None:
    from .services.builds import versions_withdraw_for_grant

    versions_withdraw_for_grant(grant_id=grant_id)
