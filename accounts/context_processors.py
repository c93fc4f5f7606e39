from .selectors import membership_current


def memberships(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_merchant:
        return {"current_membership": None}
    return {"current_membership": membership_current(user=user)}
