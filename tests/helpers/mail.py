"""A real SMTP server for a test, and the real task worker that sends the site's e-mails to it."""

import email
from email import policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from tests.servers import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]


class MailServer:
    def __init__(self, port):
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self.inbox

    def __exit__(self, *exc):
        self.controller.stop()


@pytest.fixture
def mail_port(settings):
    """Point the site's mail at a port on this machine (start a MailServer there)."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://balkan.example"
    return port


def run_worker():
    """Run every task queued so far (as `manage.py db_worker` does on a server), then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def opens(client, user, message):
    """Whether the link in `message` opens the item for `user`."""
    link = next(line for line in message.get_content().splitlines() if "https://balkan.example/" in line)
    path = urlsplit(link.split("https://balkan.example", 1)[1].strip()).path
    client.force_login(user)
    return client.get(path).status_code == 200
