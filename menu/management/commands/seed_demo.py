from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from menu.demo import DEMO_USERS, dishes_load, users_load


class Command(BaseCommand):
    help = "Load the demo menu and demo users (local only). Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dishes-only", action="store_true", help="Load the dishes, make no users."
        )

    def handle(self, *args: object, dishes_only: bool, **options: object) -> None:
        if not dishes_only and settings.ENVIRONMENT == "production":
            raise CommandError(
                "Refusing to create demo users in production (DJANGO_ENV=production): "
                "their passwords are published. Use --dishes-only to load just the menu."
            )
        with transaction.atomic():
            dishes = dishes_load()
            users = 0 if dishes_only else users_load()
        self.stdout.write(f"Demo content: {dishes} dishes and {users} users added.")
        if not dishes_only:
            self.stdout.write("Sign in at /accounts/login/ as (local demo only):")
            for demo in DEMO_USERS:
                self.stdout.write(f"  {demo.username:5} / {demo.password:22} {demo.about}")
