from django.core.management.base import BaseCommand, CommandError

from accounts.audit import audit_chain_violations, audit_head_violations
from accounts.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the audit log; exits non-zero if any row was edited or deleted. "
        "The chain alone cannot see its newest rows cut off: record the printed head elsewhere "
        "(a log, a backup manifest) and pass it back with --expect-head SEQ:HASH to check that too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--expect-head", default="", help="SEQ:HASH of an event recorded earlier; it must still be there")

    def handle(self, *args, expect_head: str = "", **options):
        problems = audit_chain_violations()
        if expect_head:
            problems += audit_head_violations(expect_head)
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"audit chain broken: {len(problems)} problem(s)")
        head = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        anchor = f"{head.seq}:{head.hash}" if head else "empty"
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events; head {anchor}")
