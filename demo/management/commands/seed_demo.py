from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.errors import ApplicationError
from demo.world import DEMO_LOGINS, DEMO_PASSWORD, demo_world_report, demo_world_seed, demo_world_summary


class Command(BaseCommand):
    help = (
        "Create the demo world: jobseekers with resumes and consents, merchants, listed products and settled sales, "
        f"with four logins whose password is {DEMO_PASSWORD}. Idempotent; refuses to run in production."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run in production (DJANGO_ENV=production): it creates logins whose password is public. "
                "Run it against a development database."
            )
        try:
            result = demo_world_seed()
        except ApplicationError as exc:
            # The transaction rolled back: nothing of this run was kept.
            raise CommandError(f"The demo world could not be seeded, nothing was changed: {exc.message}") from exc
        if result.changed:
            added = ", ".join(f"{what} {count}" for what, count in sorted(result.changes.items()))
            self.stdout.write(self.style.SUCCESS("Seeded the demo world."))
            self.stdout.write(f"  this run added or completed: {added}")
        else:
            self.stdout.write(self.style.SUCCESS("The demo world was already seeded; nothing changed."))
        for line in demo_world_report(demo_world_summary()):
            self.stdout.write(line)
        self.stdout.write(f"Logins (password {DEMO_PASSWORD}):")
        for email, where in DEMO_LOGINS:
            self.stdout.write(f"  {email:<24} {where}")
