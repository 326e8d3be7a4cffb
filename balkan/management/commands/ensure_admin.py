"""Create the `admin` superuser once: password from DJANGO_SUPERUSER_PASSWORD, else generated."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin superuser if it does not exist yet."

    def handle(self, *args, **options):
        users = get_user_model()
        if users.objects.filter(username="admin").exists():
            self.stdout.write("The admin user exists already; its password is unchanged.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(18)
        users.objects.create_superuser("admin", os.environ.get("DJANGO_SUPERUSER_EMAIL", ""), password)
        if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            self.stdout.write(self.style.SUCCESS("Created the admin user with DJANGO_SUPERUSER_PASSWORD."))
        else:
            self.stdout.write(
                self.style.WARNING(f"Created the admin user. Its password (shown once): {password}")
            )
