"""Who may do what inside a merchant organisation: the one statement of the role matrix.

Every page, API endpoint and service that acts for an organisation asks this module;
nothing else decides. A route states what it needs when it is declared:

- pages: ``@merchant_required(get=Capability.READ, post=Capability.MANAGE_TEAM)``
  (accounts/decorators.py), ``@jobseeker_required``, ``@staff_required`` or ``@public``;
- API views: ``capabilities = {"GET": Capability.READ, "POST": Capability.BUY}`` on a
  ``MerchantApi`` subclass (exchange/apis.py), or ``access = Access(public=frozenset({"GET"}))`` on a public one.

A route that declares nothing still requires a login and a membership, but the
permission-matrix test (tests/exchange/test_permissions.py) fails for it and says
where to declare it. Services check the same capability again (``capability_require``),
so a new interface to a service cannot skip it.

| capability        | owner | admin | member | viewer |
|-------------------|:-----:|:-----:|:------:|:------:|
| read              |   ✓   |   ✓   |   ✓    |   ✓    |
| buy               |   ✓   |   ✓   |   ✓    |        |
| download          |   ✓   |   ✓   |   ✓    |        |
| manage_products   |   ✓   |   ✓   |        |        |
| manage_keys       |   ✓   |   ✓   |        |        |
| manage_team       |   ✓   |   ✓   |        |        |
| manage_profile    |   ✓   |   ✓   |        |        |
| manage_payouts    |   ✓   |   ✓   |        |        |
| change_roles      |   ✓   |       |        |        |

Further rules kept by the team services: an administrator cannot remove an owner, and
an organisation always keeps one owner. An API key acts as its creator with the
creator's current role. A suspended organisation keeps only ``SUSPENDED_KEEPS`` on its
pages (to read, fix its profile, and shut people or keys out); its API refuses every
call, by key or by session alike.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exceptions import RoleForbidden
from .models import Membership, Merchant, User


class Capability(models.TextChoices):
    READ = "read", gettext_lazy("see the organisation's dashboard, orders, invoices, statements and reports")
    BUY = "buy", gettext_lazy("buy, subscribe, cancel subscriptions, request top-ups and run clean-room queries")
    DOWNLOAD = "download", gettext_lazy("download bought data")
    MANAGE_PRODUCTS = "manage_products", gettext_lazy("create products, change privacy parameters, build and submit")
    MANAGE_KEYS = "manage_keys", gettext_lazy("create and revoke API keys")
    MANAGE_TEAM = "manage_team", gettext_lazy("remove members and issue invite codes")
    MANAGE_PROFILE = "manage_profile", gettext_lazy("change the organisation's profile")
    MANAGE_PAYOUTS = "manage_payouts", gettext_lazy("add payout accounts and withdraw earnings")
    CHANGE_ROLES = "change_roles", gettext_lazy("change members' roles")


Role = Membership.Role
_MEMBER = frozenset({Capability.READ, Capability.BUY, Capability.DOWNLOAD})
_ADMIN = frozenset(Capability) - {Capability.CHANGE_ROLES}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.OWNER: frozenset(Capability),
    Role.ADMIN: _ADMIN,
    Role.MEMBER: _MEMBER,
    Role.VIEWER: frozenset({Capability.READ}),
}

SUSPENDED_KEEPS = frozenset(
    {Capability.READ, Capability.MANAGE_PROFILE, Capability.MANAGE_TEAM, Capability.MANAGE_KEYS, Capability.CHANGE_ROLES}
)


def role_can(role: str, capability: Capability) -> bool:
    return capability in ROLE_CAPABILITIES.get(role, frozenset())


def roles_with(capability: Capability) -> list[str]:
    return [role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities]


def membership_refusal(membership: Membership, capability: Capability) -> str | None:
    """Why this membership may not use the capability now, in the reader's language; None when it may."""
    merchant = membership.merchant
    if merchant.status == Merchant.Status.SUSPENDED and capability not in SUSPENDED_KEEPS:
        return _("%(name)s is suspended; this works again when exchange staff reinstate it.") % {"name": merchant.name}
    if not role_can(membership.role, capability):
        allowed = ", ".join(str(Role(role).label) for role in roles_with(capability))
        return _("Your role (%(role)s) does not allow you to %(action)s; that is for: %(roles)s.") % {
            "role": Role(membership.role).label,
            "action": Capability(capability).label,
            "roles": allowed,
        }
    return None


def capability_require(*, user: User | None, merchant: Merchant, capability: Capability) -> Membership:
    """The user's membership of the organisation, if it allows the capability; else RoleForbidden."""
    membership = None
    if user is not None and user.is_authenticated and user.is_active:
        membership = Membership.objects.select_related("merchant").filter(user=user, merchant=merchant).first()
    if membership is None:
        raise RoleForbidden(_("You are not a member of this organisation."), code="not_a_member")
    refusal = membership_refusal(membership, capability)
    if refusal is not None:
        raise RoleForbidden(refusal)
    return membership


# --- route declarations (read by the decorators, DRF permissions and the permission-matrix test) ------------


@dataclass(frozen=True)
class Access:
    """Who may call a route, per HTTP method."""

    merchant: dict[str, Capability] = field(default_factory=dict)  # method → capability a member needs
    jobseeker: frozenset[str] = frozenset()  # methods a signed-in jobseeker may use
    staff: frozenset[str] = frozenset()  # methods exchange staff may use
    public: frozenset[str] = frozenset()  # methods anyone may use

    @property
    def methods(self) -> frozenset[str]:
        return frozenset(self.merchant) | self.jobseeker | self.staff | self.public
