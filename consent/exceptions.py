from config.errors import ApplicationError, ConflictError


class ResumeError(ApplicationError):
    code = "resume_error"


class ConsentError(ApplicationError):
    code = "consent_error"


class ConsentAlreadyGranted(ConflictError):
    code = "consent_already_granted"
