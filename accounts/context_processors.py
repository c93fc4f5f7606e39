from .selectors import membership_current


def notifications(request) -> dict:
    """The unread count beside the bell in the top bar (one indexed count a page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return {"unread_notifications": 0}
    from .notifications import unread_count

    return {"unread_notifications": unread_count(user)}


def memberships(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_merchant:
        return {"current_membership": None}
    return {"current_membership": membership_current(user=user)}
