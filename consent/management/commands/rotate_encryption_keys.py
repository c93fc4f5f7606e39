from django.core.management.base import BaseCommand

from consent.services.keys_rotation import encryption_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column and stored resume file under the newest key in FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, run this, then drop the old key."
    )

    def handle(self, *args, **options):
        counts = encryption_keys_rotate()
        self.stdout.write(f"re-encrypted {counts['values']} values and {counts['files']} files under the newest key")
