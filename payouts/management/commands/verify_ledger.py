from django.core.management.base import BaseCommand, CommandError

from payouts.selectors import ledger_violations


class Command(BaseCommand):
    help = "Check every ledger invariant; exit non-zero on any violation."

    def handle(self, *args, **options):
        problems = ledger_violations()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} ledger invariant violation(s).")
        self.stdout.write(self.style.SUCCESS("Ledger OK: every entry balances, balances match postings, no overdrawn account."))
