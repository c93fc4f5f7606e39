from config.errors import ApplicationError, ForbiddenError


class MerchantError(ApplicationError):
    code = "merchant_error"


class NotAMerchantMember(ForbiddenError):
    code = "not_a_merchant_member"


class RoleForbidden(MerchantError):
    """The person's role (or the organisation's suspension) does not allow the action."""

    code = "not_allowed"
    status = 403
