"""The alert mails: plain text and HTML, in the subscriber's language, each with its own way out.

Every message but the confirmation carries RFC 8058's one-click
unsubscription (`List-Unsubscribe` with `List-Unsubscribe-Post`), naming the
subscriptions that sent it, and a link to the page that manages them all.
"""

import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.linked_data import absolute

from . import tokens

MANAGE, UNSUBSCRIBE = "\x00manage\x00", "\x00unsubscribe\x00"  # stand-ins for each reader's own links


def _message(subscriber, subject, template, context, connection=None, unsubscribe_url=None, rendered=None):
    """Return the message rendered from alerts/email/`template`.txt and .html for `subscriber`.

    A batch passes a dict as `rendered`: the bodies are then rendered once per
    language and list of topics, with each reader's own links put in after.
    """
    manage_url = tokens.link("manage", tokens.manage_token(subscriber), subscriber.language)
    key = (template, subscriber.language, tuple(context.get("topics", ())))
    if rendered is None or key not in rendered:
        full = {
            "site_url": settings.SITE_URL,
            "manage_url": MANAGE,
            "unsubscribe_url": UNSUBSCRIBE,
            **context,
        }
        bodies = tuple(render_to_string(f"alerts/email/{template}.{kind}", full) for kind in ("txt", "html"))
        if rendered is not None:
            rendered[key] = bodies
    else:
        bodies = rendered[key]
    text, html = (
        body.replace(MANAGE, manage_url).replace(UNSUBSCRIBE, unsubscribe_url or "") for body in bodies
    )
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [subscriber.email], headers=headers, connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation(subscriber, subscriptions):
    """Return the double opt-in message: nothing is sent to the address until its owner follows it."""
    with translation.override(subscriber.language):
        return _message(
            subscriber,
            _("Please confirm your e-mail alerts"),
            "confirm",
            {
                "confirm_url": tokens.link("confirm", tokens.confirm_token(subscriber), subscriber.language),
                "topics": [subscription.topic_label() for subscription in subscriptions],
            },
        )


def _story(story):
    return {
        "title": story.title,
        "summary": story.summary,
        "url": absolute(story.get_absolute_url()),
        "at": story.publish_at,
    }


def _unsubscribe_url(subscriber, subscriptions):
    token = tokens.unsubscribe_token(subscriber, [subscription.pk for subscription in subscriptions])
    return tokens.link("unsubscribe", token, subscriber.language)


def story_alert(subscriber, story, subscriptions, connection=None, rendered=None):
    """Return the message about one newly published `story`, sent because of `subscriptions`."""
    with translation.override(subscriber.language):
        return _message(
            subscriber,
            story.title,
            "story",
            {
                "story": _story(story),
                "topics": [subscription.topic_label() for subscription in subscriptions],
            },
            connection,
            _unsubscribe_url(subscriber, subscriptions),
            rendered,
        )


def digest(subscriber, stories, subscriptions, weekly, connection=None):
    """Return the daily (or `weekly`) digest of `stories`, newest first, for `subscriptions`."""
    count = len(stories)
    with translation.override(subscriber.language):
        if weekly:
            subject = ngettext(
                "Your weekly news digest: %(count)s story",
                "Your weekly news digest: %(count)s stories",
                count,
            )
        else:
            subject = ngettext(
                "Your daily news digest: %(count)s story", "Your daily news digest: %(count)s stories", count
            )
        return _message(
            subscriber,
            subject % {"count": count},
            "digest",
            {
                "stories": [_story(story) for story in stories],
                "topics": [subscription.topic_label() for subscription in subscriptions],
            },
            connection,
            _unsubscribe_url(subscriber, subscriptions),
        )


class Pacer:
    """Keep to at most `per_second` messages a second in this process (0: no limit)."""

    def __init__(self, per_second, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1 / per_second if per_second > 0 else 0
        self.clock, self.sleep = clock, sleep
        self.next_at = None

    def wait(self):
        if not self.interval:
            return
        now = self.clock()
        if self.next_at is not None and now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval
