"""The consent app's one announcement to the rest of the exchange.

`consent_withdrawn` is sent by `consent.services.consent_withdraw` (the only place a
grant is withdrawn: the portal's one-click button, and account deletion, both call it)
after the withdrawal commits, with `grant_id` and `user_id` (`user_id` may name an
account that is being erased; `grant_id` stays valid). The exchange subscribes to it to
stop selling versions that contain the person and to rebuild them; consent itself never
imports the exchange. Builds need no signal: `consent.selectors.resumes_consented`
already leaves the person out from the moment of withdrawal.

The employer blocklist is read, not announced: `consent.selectors.blocked_user_ids(merchant=)`
at delivery and settlement time.
"""

from django.dispatch import Signal

consent_withdrawn = Signal()
