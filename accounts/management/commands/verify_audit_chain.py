from django.core.management.base import BaseCommand, CommandError

from accounts.audit import audit_chain_violations
from accounts.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; exits non-zero if any row was edited or deleted."

    def handle(self, *args, **options):
        problems = audit_chain_violations()
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"audit chain broken: {len(problems)} problem(s)")
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events")
