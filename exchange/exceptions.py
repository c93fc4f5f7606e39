from config.errors import ApplicationError, ConflictError, ForbiddenError, NotFoundError


class ProductError(ApplicationError):
    code = "product_error"


class BuildError(ApplicationError):
    code = "build_error"


class OrderError(ApplicationError):
    code = "order_error"


class NotSellable(ConflictError):
    code = "not_sellable"


class AlreadyOwned(ConflictError):
    """A second payment for what the buyer already has: refused, never charged."""

    code = "already_owned"


class DeliveryDenied(ForbiddenError):
    code = "delivery_denied"


class LinkExpired(ApplicationError):
    code = "link_expired"
    status = 410


class ObjectMissing(NotFoundError):
    code = "not_found"


class IdempotencyKeyReused(ApplicationError):
    code = "idempotency_key_reused"
    status = 422


class QueryError(ApplicationError):
    code = "query_error"


class QueryRefused(ForbiddenError):
    code = "query_refused"


class QueryServiceMissing(NotFoundError):
    """No query service at this address: the product is not one, or is not listed."""

    code = "not_a_query_service"


class QueryServiceResting(ConflictError):
    """The query service exists but has no version in service right now."""

    code = "no_version"
