"""Writes for talent search and invitations. Import from here."""

from .invitations import (
    abuse_decide,
    abuse_report,
    disclosure_contact,
    disclosure_withdraw,
    invitation_accept,
    invitation_cancel,
    invitation_decline,
    invitation_mark_hired,
    invitation_send,
    invitations_cancel_for_candidate,
    invitations_cancel_for_merchant,
    invitations_expire_due,
)
from .pool import pool_refresh, talent_join, talent_profile_save
from .search import SearchFilters, filters_clean, talent_search

__all__ = [
    "SearchFilters",
    "abuse_decide",
    "abuse_report",
    "disclosure_contact",
    "disclosure_withdraw",
    "filters_clean",
    "invitation_accept",
    "invitation_cancel",
    "invitation_decline",
    "invitation_mark_hired",
    "invitation_send",
    "invitations_cancel_for_candidate",
    "invitations_cancel_for_merchant",
    "invitations_expire_due",
    "pool_refresh",
    "talent_join",
    "talent_profile_save",
    "talent_search",
]
