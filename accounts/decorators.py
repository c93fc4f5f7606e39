"""Server-side role checks for pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .selectors import membership_current


def jobseeker_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_jobseeker:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def merchant_required(view):
    """Passes the member's organisation to the view as `request.merchant`."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = membership_current(user=request.user)
        if membership is None:
            raise PermissionDenied
        request.merchant = membership.merchant
        request.membership = membership
        return view(request, *args, **kwargs)

    return wrapper
