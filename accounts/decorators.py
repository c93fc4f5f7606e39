"""Server-side access checks for pages; each also declares the route's access for the permission matrix.

The capabilities themselves and who holds them are stated once, in accounts/roles.py.
"""

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed

from .roles import Access, Capability, membership_refusal
from .selectors import membership_current

ALL_METHODS = frozenset({"GET", "POST"})


def _method(request) -> str:
    return "GET" if request.method in ("GET", "HEAD") else request.method


def jobseeker_required(view=None, *, methods: frozenset[str] = ALL_METHODS):
    """Signed-in jobseekers only; another method than `methods` is refused with 405."""
    methods = frozenset(methods)

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_jobseeker:
                raise PermissionDenied
            if _method(request) not in methods:
                return HttpResponseNotAllowed(sorted(methods))
            return view(request, *args, **kwargs)

        wrapper.access = Access(jobseeker=methods)
        return wrapper

    return decorate(view) if view is not None else decorate


def merchant_required(view=None, *, get: Capability | None = None, post: Capability | None = None):
    """Members of a merchant organisation, with the capability each method needs.

    `@merchant_required(get=Capability.READ, post=Capability.MANAGE_TEAM)`. The view receives the
    organisation as `request.merchant` and the membership as `request.membership`. A method not
    declared is refused with 405. Used bare (`@merchant_required`), it checks membership only and
    the permission-matrix test fails for the route until it declares its capabilities.
    """
    declared = {method: capability for method, capability in (("GET", get), ("POST", post)) if capability}

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            membership = membership_current(user=request.user)
            if membership is None:
                raise PermissionDenied
            if declared:
                capability = declared.get(_method(request))
                if capability is None:
                    return HttpResponseNotAllowed(sorted(declared))
                refusal = membership_refusal(membership, capability)
                if refusal is not None:
                    raise PermissionDenied(refusal)
            request.merchant = membership.merchant
            request.membership = membership
            return view(request, *args, **kwargs)

        if declared:
            wrapper.access = Access(merchant=declared)
        else:
            wrapper.__dict__.pop("access", None)
        return wrapper

    return decorate(view) if view is not None else decorate


def staff_required(view):
    """Exchange staff only (the Django admin's own check); declares the route as staff's."""
    wrapped = staff_member_required(view)
    wrapped.access = Access(staff=ALL_METHODS)
    return wrapped


def public(view=None, *, methods: frozenset[str] = frozenset({"GET"})):
    """Declares a page anyone may open (no check to make)."""

    def decorate(view):
        view.access = Access(public=frozenset(methods))
        return view

    return decorate(view) if view is not None else decorate
