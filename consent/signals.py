"""The consent app's one announcement to the rest of the exchange.

`consent_withdrawn` is sent (after the withdrawal commits) with `grant_id` and
`user_id`. The exchange subscribes to it to stop selling versions that contain the
person and to rebuild them; consent itself never imports the exchange.
"""

from django.dispatch import Signal

consent_withdrawn = Signal()
