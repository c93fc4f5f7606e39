"""The accounts app's announcements to the apps above it (accounts imports none of them).

Both are sent inside the transaction that makes the change, so whatever a receiver
does (the exchange revokes API keys) commits or rolls back with it:

- `membership_ended(user_id, merchant_id)`: someone left or was removed from an
  organisation (`membership_remove`, or staff deleting the membership in the admin).
- `user_deactivated(user_id)`: an account was deactivated (`user_deactivate`).

Receivers are a second line: API-key authentication also checks an active user and a
current membership on every request, so a change that bypasses these services
(a raw UPDATE, a fixture) still shuts the door.
"""

from django.dispatch import Signal

membership_ended = Signal()
user_deactivated = Signal()
