from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.urls import reverse

# A failed login counts three ways (rates in ACCOUNT_RATE_LIMITS):
# - "login_failed" per IP (a guessing machine behind one address) and per e-mail *at that IP*,
#   so one person mistyping their password locks only themselves, never their whole office;
# - "login_failed_account" per e-mail across every IP, so guesses spread over many
#   addresses still stop at the account.
ACCOUNT_ACTION = "login_failed_account"


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        user = request.user
        if user.is_staff:
            return reverse("admin:index")
        if user.is_merchant:
            return reverse("exchange:dashboard")
        return reverse("consent:dashboard")

    def get_signup_redirect_url(self, request) -> str:
        return self.get_login_redirect_url(request)

    def _login(self, credentials) -> str:
        return credentials.get("email", credentials.get("username", "")).lower()

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}|{self.get_client_ip(request)}"

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # A completed password reset proves the owner: lift both locks on the account.
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(request, app="allauth.account", action=ACCOUNT_ACTION, key=self._login(credentials))

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_rl_usage = ratelimit.consume(
            request, app="allauth.account", action=ACCOUNT_ACTION, key=self._login(credentials)
        )
        if not self._account_rl_usage:
            super()._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        # A right password is not a failure: neither count keeps it.
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_rl_usage", None)
        if usage:
            usage.rollback()
