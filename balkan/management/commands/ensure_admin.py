"""Create the `admin` superuser once: password from DJANGO_SUPERUSER_PASSWORD, else generated."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from balkan.environment import env


class Command(BaseCommand):
    help = "Create the admin superuser if it does not exist yet."

    def handle(self, *args, **options):
        users = get_user_model()
        if users.objects.filter(username="admin").exists():
            self.stdout.write("The admin user exists already; its password is unchanged.")
            return
        given = env.str("DJANGO_SUPERUSER_PASSWORD", default="")
        password = given or secrets.token_urlsafe(18)
        users.objects.create_superuser("admin", env.str("DJANGO_SUPERUSER_EMAIL", default=""), password)
        if given:
            self.stdout.write(self.style.SUCCESS("Created the admin user with DJANGO_SUPERUSER_PASSWORD."))
        else:
            self.stdout.write(
                self.style.WARNING(f"Created the admin user. Its password (shown once): {password}")
            )
