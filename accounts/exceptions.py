from config.errors import ApplicationError, ForbiddenError


class MerchantError(ApplicationError):
    code = "merchant_error"


class NotAMerchantMember(ForbiddenError):
    code = "not_a_merchant_member"
