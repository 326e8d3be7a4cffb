"""The alert pages: subscribe, confirm, manage (from a link, no account), leave with one click; the webhook.

None of them is page-cached: each carries a form with its CSRF token, or a
subscriber's own link. The one-click unsubscription is a POST from a mail
client (RFC 8058), so it needs neither a CSRF token nor a session.
"""

import datetime
import hmac
import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import tokens
from .forms import SubscribeForm, TopicForm, topic_from_query
from .models import Subscriber, Subscription
from .tasks import send_confirmation

# One confirmation mail per address in this time, however often the form is sent for it.
CONFIRMATION_INTERVAL = datetime.timedelta(minutes=5)
DONE = ("added", "removed", "changed", "language")


def _bad_link(request):
    return render(request, "alerts/bad_link.html", status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Ask for an address and a topic; mail a confirmation link (double opt-in)."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            _subscribe(form.cleaned_data["email"], form.subscription_fields, translation.get_language())
            # The same answer whether the address was known or not: the page tells nobody who subscribes.
            return render(request, "alerts/check_inbox.html", {"email": form.cleaned_data["email"]})
    else:
        form = SubscribeForm(initial={"topic": topic_from_query(request.GET)})
    return render(request, "alerts/subscribe.html", {"form": form}, status=400 if form.errors else 200)


@transaction.atomic
def _subscribe(email, fields, language):
    subscriber, _created = Subscriber.objects.get_or_create(email=email, defaults={"language": language})
    subscriber.subscriptions.get_or_create(**fields)
    now = timezone.now()
    recently = (
        subscriber.confirmation_sent_at and subscriber.confirmation_sent_at > now - CONFIRMATION_INTERVAL
    )
    if not subscriber.subscriptions.filter(confirmed_at__isnull=True).exists() or recently:
        return
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])
    transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk))


def _subscriber(read, token):
    try:
        key = read(token)
    except tokens.BadToken:
        return None
    return Subscriber.objects.filter(key=key).first()


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Show what is waiting for confirmation, and confirm it with a button (mail scanners only GET)."""
    subscriber = _subscriber(tokens.read_confirm, token)
    if subscriber is None:
        return _bad_link(request)
    waiting = subscriber.subscriptions.filter(confirmed_at__isnull=True).select_related("country", "tag")
    if request.method == "POST":
        now = timezone.now()
        waiting.update(confirmed_at=now, last_digest_at=now)
        if subscriber.stopped_at:  # its owner asks for mail again
            Subscriber.objects.filter(pk=subscriber.pk).update(stopped_at=None, stop_reason="")
        return redirect(_manage_url(subscriber, "added"))
    return render(request, "alerts/confirm.html", {"subscriber": subscriber, "waiting": list(waiting)})


def _manage_url(subscriber, done=None):
    url = reverse("alerts:manage", args=[tokens.manage_token(subscriber)])
    return f"{url}?done={done}" if done else url


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    """List one address's subscriptions: change how often, remove one, add one, or delete everything."""
    subscriber = _subscriber(tokens.read_manage, token)
    if subscriber is None:
        return _bad_link(request)
    form = TopicForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "delete-all":
            subscriber.delete()
            return render(request, "alerts/deleted.html")
        if action == "add":
            form = TopicForm(request.POST)
            if form.is_valid():
                now = timezone.now()
                subscription, created = subscriber.subscriptions.get_or_create(**form.subscription_fields)
                if subscription.confirmed_at is None:  # the link proves the address is theirs
                    subscription.confirmed_at = subscription.last_digest_at = now
                    subscription.save(update_fields=["confirmed_at", "last_digest_at"])
                return redirect(_manage_url(subscriber, "added"))
        elif action == "language":
            if request.POST.get("language") not in dict(settings.LANGUAGES):
                return HttpResponseBadRequest("Unknown language.")
            subscriber.language = request.POST["language"]
            subscriber.save(update_fields=["language"])
            return redirect(_manage_url(subscriber, "language"))
        elif action in ("remove", "frequency"):
            subscription = subscriber.subscriptions.filter(
                pk=_number(request.POST.get("subscription"))
            ).first()
            if subscription is None:
                return HttpResponseBadRequest("Unknown subscription.")
            if action == "remove":
                subscription.delete()
                return redirect(_manage_url(subscriber, "removed"))
            frequency = request.POST.get("frequency", "")
            if frequency not in Subscription.Frequency.values:
                return HttpResponseBadRequest("Unknown frequency.")
            if frequency != subscription.frequency:
                subscription.frequency = frequency
                subscription.last_digest_at = timezone.now()  # a new digest starts from now
                subscription.save(update_fields=["frequency", "last_digest_at"])
            return redirect(_manage_url(subscriber, "changed"))
        else:
            return HttpResponseBadRequest("Unknown action.")
    subscriptions = subscriber.subscriptions.select_related("country", "tag__translation")
    return render(
        request,
        "alerts/manage.html",
        {
            "subscriber": subscriber,
            "subscriptions": subscriptions,
            "form": form,
            "frequencies": Subscription.Frequency.choices,
            "done": request.GET.get("done") if request.GET.get("done") in DONE else "",
        },
        status=400 if form.errors else 200,
    )


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Leave the alerts that sent a mail: one click (RFC 8058 POST) from the mail client, or a button here."""
    try:
        key, ids = tokens.read_unsubscribe(token)
    except tokens.BadToken:
        return _bad_link(request)
    subscriber = Subscriber.objects.filter(key=key).first()
    if request.method == "POST":
        if subscriber is not None:
            subscriber.subscriptions.filter(pk__in=ids).delete()
            if not subscriber.subscriptions.exists():
                subscriber.delete()  # an address with nothing to receive is not kept
                subscriber = None
        return render(request, "alerts/unsubscribed.html", {"subscriber": subscriber})
    subscriptions = (
        subscriber.subscriptions.filter(pk__in=ids).select_related("country", "tag__translation")
        if subscriber
        else []
    )
    return render(request, "alerts/unsubscribe.html", {"subscriptions": subscriptions})


@csrf_exempt
@require_POST
def webhook(request):
    """Stop mail to addresses the mail provider reports as bounced or complained about (see README)."""
    secret = settings.ALERTS_WEBHOOK_SECRET
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        return JsonResponse({"error": "Wrong or missing secret."}, status=403)
    try:
        payload = json.loads(request.body)
        events = payload["events"] if isinstance(payload, dict) and "events" in payload else [payload]
        reports = [(str(event["email"]).strip().lower(), event["type"]) for event in events]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'Expected JSON: {"type": "bounce", "email": "…"}.'}, status=400)
    if any(kind not in Subscriber.StopReason.values for _email, kind in reports):
        return JsonResponse({"error": "type must be bounce or complaint."}, status=400)
    stopped = 0
    now = timezone.now()
    for email, kind in reports:
        stopped += Subscriber.objects.filter(email=email, stopped_at__isnull=True).update(
            stopped_at=now, stop_reason=kind
        )
    return JsonResponse({"stopped": stopped})
