from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


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
