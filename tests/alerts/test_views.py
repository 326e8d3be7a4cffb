"""The alert pages through the whole stack, in English and Japanese, fresh and for the second visitor.

None of them is page-cached (each carries its visitor's CSRF token or their own
link); bad input is a clear 4xx and changes nothing.
"""

import datetime
import json
import re

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts import tokens
from alerts.models import Subscriber, Subscription
from tests.balkan.test_translations import visible_text

pytestmark = pytest.mark.django_db


def csrf_token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def slovenia(make_country):
    return make_country(name="Slovenia", name_ja="スロベニア", iso_code="SI")


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_the_subscribe_page_is_never_cached_each_visitor_gets_their_own_form(
    prefix, slovenia, django_assert_max_num_queries
):
    first, second = Client(), Client()
    with django_assert_max_num_queries(8):
        answer = first.get(f"{prefix}/alerts/?country=slovenia")
    again = second.get(f"{prefix}/alerts/?country=slovenia")
    for response in (answer, again):
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert '<option value="country:slovenia" selected>' in response.content.decode()
    assert csrf_token_in(answer) != csrf_token_in(again)
    page = answer.content.decode()
    if prefix:
        assert (
            "メールアラート" in page and "スロベニア" in page and "メールアドレスは、ご希望のアラート" in page
        )
    else:
        assert "We keep your address only to send you the alerts you ask for" in page


def test_the_subscribe_page_costs_the_same_queries_with_many_countries(
    make_country, django_assert_num_queries
):
    make_country(name="Slovenia", iso_code="SI")
    client = Client()
    client.get("/alerts/")
    with CaptureQueriesContext(connection) as few:
        client.get("/alerts/")
    for n in range(20):
        make_country(name=f"Country {n}", iso_code=f"Q{chr(65 + n)}")
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get("/alerts/").status_code == 200


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_the_japanese_alert_pages_show_no_english_and_the_english_ones_no_japanese(prefix, slovenia):
    import polib

    msgids = [e.msgid for e in polib.pofile("alerts/locale/ja/LC_MESSAGES/django.po") if len(e.msgid) > 12]
    subscriber = Subscriber.objects.create(email="ana@example.org")
    Subscription.objects.create(subscriber=subscriber, topic="country", country=slovenia)
    manage = tokens.manage_token(subscriber)
    unsubscribe = tokens.unsubscribe_token(subscriber, [subscriber.subscriptions.get().pk])
    for path in (
        "/alerts/",
        f"/alerts/manage/{manage}/",
        f"/alerts/unsubscribe/{unsubscribe}/",
        "/alerts/confirm/x/",
    ):
        text = visible_text(Client().get(prefix + path))
        if prefix:
            found = [msgid for msgid in msgids if msgid in text]
            assert found == [], path
        else:
            assert not re.search(r"[\u3040-\u30ff]", text.replace("日本語", "")), path


def test_subscribing_queues_one_confirmation_and_tells_nobody_whether_the_address_was_known(
    client, slovenia, django_capture_on_commit_callbacks
):
    data = {"email": "Ana@Example.org", "topic": "country:slovenia", "frequency": "immediate"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/alerts/", data)
        again = client.post("/alerts/", {**data, "topic": "everything"})
    assert first.status_code == again.status_code == 200
    assert "ana@example.org" in first.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ana@example.org"
    assert [s.topic for s in subscriber.subscriptions.all()] == ["country", "everything"]
    assert not subscriber.subscriptions.filter(confirmed_at__isnull=False).exists()
    # One confirmation mail for both (its link confirms all that wait), not one per form sent.
    assert DBTaskResult.objects.filter(task_path="alerts.tasks.send_confirmation").count() == 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "not an address", "topic": "everything", "frequency": "daily"}, "email"),
        ({"email": "ana@example.org", "topic": "country:atlantis", "frequency": "daily"}, "topic"),
        ({"email": "ana@example.org", "topic": "everything", "frequency": "hourly"}, "frequency"),
        ({"email": "ana@example.org"}, "topic"),
    ],
)
def test_a_bad_subscription_is_a_400_naming_the_field_and_changes_nothing(client, slovenia, data, field):
    response = client.post("/alerts/", data)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_confirming_takes_a_button_not_just_a_visit(client, slovenia):
    client.post(
        "/alerts/", {"email": "ana@example.org", "topic": "country:slovenia", "frequency": "immediate"}
    )
    subscriber = Subscriber.objects.get()
    path = f"/ja/alerts/confirm/{tokens.confirm_token(subscriber)}/"
    response = client.get(path)
    assert response.status_code == 200 and "スロベニア" in response.content.decode()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()  # a mail scanner's visit
    response = client.post(path)
    assert response.status_code == 302 and response["Location"].startswith("/ja/alerts/manage/")
    assert Subscription.objects.get().confirmed_at is not None
    assert "アラートを確認しました。" in client.get(response["Location"]).content.decode()


def test_a_confirmation_link_expires_after_a_week(client, slovenia):
    client.post("/alerts/", {"email": "ana@example.org", "topic": "everything", "frequency": "daily"})
    token = tokens.confirm_token(Subscriber.objects.get())
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert client.post(f"/alerts/confirm/{token}/").status_code == 400
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.parametrize("name", ["confirm", "manage", "unsubscribe"])
def test_a_forged_cut_or_foreign_link_is_a_400(client, name):
    subscriber = Subscriber.objects.create(email="ana@example.org")
    other_salt = signing.dumps(subscriber.key.hex, salt="alerts.other", compress=True)
    for token in ("nonsense", tokens.manage_token(subscriber)[:-3], other_salt):
        assert client.get(f"/alerts/{name}/{token}/").status_code == 400
        assert client.post(f"/alerts/{name}/{token}/").status_code == 400


@pytest.fixture
def ana(slovenia):
    subscriber = Subscriber.objects.create(email="ana@example.org")
    now = timezone.now()
    Subscription.objects.create(subscriber=subscriber, topic="country", country=slovenia, confirmed_at=now)
    Subscription.objects.create(
        subscriber=subscriber, topic="everything", frequency="weekly", confirmed_at=now
    )
    return subscriber


def test_the_manage_page_changes_removes_adds_and_deletes_everything(ana):
    client = Client(enforce_csrf_checks=True)
    path = f"/alerts/manage/{tokens.manage_token(ana)}/"
    page = client.get(path)
    assert page.status_code == 200 and "Slovenia" in page.content.decode()
    token = csrf_token_in(page)
    country, everything = ana.subscriptions.all()

    def post(**data):
        return client.post(path, {"csrfmiddlewaretoken": token, **data})

    assert client.post(path, {"action": "delete-all"}).status_code == 403  # no CSRF token, nothing done
    assert post(action="frequency", subscription=country.pk, frequency="daily").status_code == 302
    country.refresh_from_db()
    assert country.frequency == "daily"
    assert post(action="remove", subscription=everything.pk).status_code == 302
    assert list(ana.subscriptions.all()) == [country]
    assert post(action="add", topic="kind:visit", frequency="immediate").status_code == 302
    assert ana.subscriptions.get(topic="kind").confirmed_at is not None  # the link proves the address
    assert post(action="language", language="ja").status_code == 302
    ana.refresh_from_db()
    assert ana.language == "ja"
    for bad in (
        {"action": "remove", "subscription": "12345"},
        {"action": "remove", "subscription": "x"},
        {"action": "frequency", "subscription": country.pk, "frequency": "hourly"},
        {"action": "language", "language": "xx"},
        {"action": "explode"},
    ):
        assert post(**bad).status_code == 400
    assert post(action="add", topic="country:atlantis", frequency="daily").status_code == 400
    response = post(action="delete-all")
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert client.get(path).status_code == 400  # the old link names nobody now


def test_someone_elses_subscription_cannot_be_touched_from_my_page(ana):
    bob = Subscriber.objects.create(email="bob@example.org")
    theirs = Subscription.objects.create(subscriber=bob, topic="everything", confirmed_at=timezone.now())
    client = Client()
    response = client.post(
        f"/alerts/manage/{tokens.manage_token(ana)}/", {"action": "remove", "subscription": theirs.pk}
    )
    assert response.status_code == 400
    assert Subscription.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_unsubscribing_from_a_get_asks_first_and_a_one_click_post_needs_no_session(prefix, ana):
    country = ana.subscriptions.get(topic="country")
    path = f"{prefix}/alerts/unsubscribe/{tokens.unsubscribe_token(ana, [country.pk])}/"
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and '<form method="post">' in page.content.decode()
    assert Subscription.objects.filter(pk=country.pk).exists()
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert list(ana.subscriptions.values_list("topic", flat=True)) == ["everything"]
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200  # twice is harmless
    assert Client().get(path).status_code == 200


@pytest.fixture
def webhook(settings):
    settings.ALERTS_WEBHOOK_SECRET = "s3cret"

    def post(payload, secret="s3cret"):
        body = payload if isinstance(payload, str) else json.dumps(payload)
        return Client().post(
            "/alerts/webhook/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )

    return post


def test_the_webhook_stops_mail_to_bounced_and_complaining_addresses(webhook, ana):
    bob = Subscriber.objects.create(email="bob@example.org")
    response = webhook({"type": "bounce", "email": "ANA@example.org"})
    assert response.status_code == 200 and response.json() == {"stopped": 1}
    response = webhook(
        {"events": [{"type": "complaint", "email": "bob@example.org"}, {"type": "bounce", "email": "x@y.z"}]}
    )
    assert response.json() == {"stopped": 1}
    ana.refresh_from_db()
    bob.refresh_from_db()
    assert (ana.stop_reason, bob.stop_reason) == ("bounce", "complaint")
    assert not Subscription.objects.active().exists()
    assert not Subscriber.objects.filter(email="x@y.z").exists()  # an unknown address is not stored


def test_the_webhook_refuses_a_wrong_secret_and_bad_json(webhook, settings, ana):
    assert webhook({"type": "bounce", "email": "ana@example.org"}, secret="guess").status_code == 403
    for bad in (
        "{not json",
        {"type": "bounce"},
        {"type": "delivered", "email": "ana@example.org"},
        [1, 2],
        "null",
    ):
        assert webhook(bad).status_code == 400, bad
    settings.ALERTS_WEBHOOK_SECRET = ""
    assert webhook({"type": "bounce", "email": "ana@example.org"}, secret="").status_code == 403
    assert Client().get("/alerts/webhook/").status_code == 405
    ana.refresh_from_db()
    assert ana.stopped_at is None


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_country_profiles_and_the_news_list_link_to_the_alerts(prefix, slovenia, client):
    for path, query in (
        (f"{prefix}/countries/slovenia/", "?country=slovenia"),
        (f"{prefix}/news/?country=slovenia", "?country=slovenia"),
        (f"{prefix}/news/", ""),
    ):
        for _visitor in range(2):  # fresh, then cached
            page = client.get(path).content.decode()
            assert f'href="{prefix}/alerts/{query}"' in page, path
            assert ("メールアラートを受け取る" if prefix else "Get e-mail alerts") in page
