"""``manage.py seed_demo [--size small|large]``: every app's demo data, in dependency order.

The command owns no data. Each installed app with a ``demo`` module seeds its own records
(the protocol is in ``kam.demo``), in ``INSTALLED_APPS`` order and one transaction per app,
so an interrupted run leaves each app's data whole or absent. ``small`` (the default, what
``make run`` loads) is the demo; ``large`` adds the benchmark size on top. The command
prints a line per app, the demo logins and the total time.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kam.dates import company_today
from kam.demo import SIZES, SMALL, DemoContext, demo_modules, print_logins


class Command(BaseCommand):
    help = gettext_lazy("Load deterministic demo data and print the demo logins.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=SIZES,
            default=SMALL,
            help=gettext_lazy("small: the demo (default); large: the benchmark size."),
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=gettext_lazy(
                "large only: the fraction of the benchmark size to load, e.g. 0.01 (default: 1)."
            ),
        )

    def handle(self, *args, size, scale, **options):
        if not 0 < scale <= 1:
            raise CommandError(_("--scale must be more than 0 and at most 1."))
        started = time.monotonic()
        context = DemoContext(
            size=size, today=company_today(), out=self.stdout, style=self.style, scale=scale
        )
        for label, module in demo_modules():
            app_started = time.monotonic()
            with transaction.atomic():
                counts = module.seed(context)
            self.stdout.write(
                _("%(app)s: %(counts)s in %(seconds).1f s.")
                % {
                    "app": label,
                    "counts": ", ".join(f"{count} {name}" for name, count in counts.items()),
                    "seconds": time.monotonic() - app_started,
                }
            )
        print_logins(context)
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data ready in %(seconds).1f s.") % {"seconds": time.monotonic() - started}
            )
        )
