def on_consent_withdrawn(sender, *, grant_id: int, user_id: int, **kwargs) -> None:
    from .services.builds import versions_withdraw_for_grant

    versions_withdraw_for_grant(grant_id=grant_id)


def on_membership_ended(sender, *, user_id: int, merchant_id: int, **kwargs) -> None:
    from .services.api_keys import api_keys_revoke_of

    api_keys_revoke_of(user_id=user_id, merchant_id=merchant_id)


def on_user_deactivated(sender, *, user_id: int, **kwargs) -> None:
    from .services.api_keys import api_keys_revoke_of

    api_keys_revoke_of(user_id=user_id)
