"""Signed tokens in the links of the alert mails: nobody needs an account, and nobody can guess a link.

Each names a subscriber by its random key (never by address or number), so a
deleted subscriber's old links name nobody. Confirmation links expire; the
links to manage or leave alerts do not, as a mail read months later must work.
"""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.linked_data import absolute

CONFIRM_MAX_AGE = 7 * 24 * 60 * 60  # seconds


class BadToken(Exception):
    """The link was altered, cut short, expired, or names a subscriber who is gone."""


def _dumps(value, salt):
    return signing.dumps(value, salt=f"alerts.{salt}", compress=True)


def _loads(token, salt, max_age=None):
    try:
        return signing.loads(token, salt=f"alerts.{salt}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken from error


def confirm_token(subscriber):
    return _dumps(subscriber.key.hex, "confirm")


def manage_token(subscriber):
    return _dumps(subscriber.key.hex, "manage")


def unsubscribe_token(subscriber, subscription_ids):
    """Return the token of a one-click unsubscription from `subscription_ids` (those that sent this mail)."""
    return _dumps([subscriber.key.hex, sorted(subscription_ids)], "unsubscribe")


def read_confirm(token):
    return _key(_loads(token, "confirm", max_age=CONFIRM_MAX_AGE))


def read_manage(token):
    return _key(_loads(token, "manage"))


def read_unsubscribe(token):
    """Return (subscriber key, subscription ids) from an unsubscribe token."""
    value = _loads(token, "unsubscribe")
    try:
        key, ids = value
        return _key(key), [int(pk) for pk in ids]
    except (TypeError, ValueError) as error:
        raise BadToken from error


def _key(value):
    if not isinstance(value, str) or len(value) != 32:
        raise BadToken
    return value


def link(name, token, language):
    """Return the absolute address of the page `name` for `token`, in `language`."""
    with translation.override(language):
        return absolute(reverse(f"alerts:{name}", args=[token]))
