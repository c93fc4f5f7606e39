from config.errors import ApplicationError, ConflictError, NotFoundError


class TalentError(ApplicationError):
    code = "talent_error"


class NoSuchCandidate(NotFoundError):
    """Also the answer for a person who blocked the organisation: the two must be indistinguishable."""

    code = "no_such_candidate"


class SearchRateLimited(ApplicationError):
    code = "rate_limited"
    status = 429


class InvitationCapReached(ApplicationError):
    code = "cap_reached"
    status = 429


class DuplicateInvitation(ConflictError):
    code = "duplicate_invitation"


class InvitationClosed(ConflictError):
    code = "invitation_closed"
