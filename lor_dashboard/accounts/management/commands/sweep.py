from django.core.management.base import BaseCommand

from lor_dashboard.accounts.sweep import sweep


class Command(BaseCommand):
    help = "Clear expired sessions, unfinished sign-ins, old failure counters and stale Canvas grants (run hourly)."

    def handle(self, *args, **options):
        cleared = sweep()
        self.stdout.write(", ".join(f"{n} {what}" for what, n in cleared.items()) + " cleared.")
