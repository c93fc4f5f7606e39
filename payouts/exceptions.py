from config.errors import ApplicationError, ConflictError


class LedgerError(ApplicationError):
    code = "ledger_error"


class InsufficientFunds(ApplicationError):
    code = "insufficient_funds"
    status = 402


class AlreadyProcessed(ConflictError):
    code = "already_processed"
