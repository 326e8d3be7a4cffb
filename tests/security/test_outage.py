"""The friendly 503 page while the database is away, in-process (the real outage is in test_faults)."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.helpers.caches import clear_caches


def database_gone(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/news/", "/news/some-story/", "/countries/serbia/", "/ja/chronology/"]
)
def test_pages_answer_503_with_retry_after_while_the_database_is_away(client, path):
    with connection.execute_wrapper(database_gone):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert b"Temporarily unavailable" in response.content
    assert client.get(path).status_code in (200, 404), "and the next request works again"


@pytest.mark.django_db
def test_healthz_answers_503_while_the_database_is_away(client):
    with connection.execute_wrapper(database_gone):
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"database unavailable")
    assert client.get("/healthz").content == b"ok"


@pytest.mark.django_db
def test_an_outage_met_in_a_middleware_is_a_503_too(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)

    clear_caches()  # the session must come from the database
    with connection.execute_wrapper(database_gone):
        response = client.get("/admin/")
    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content


@pytest.mark.django_db
def test_other_errors_are_still_a_500(settings):
    client = Client(raise_request_exception=False)

    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError

    with connection.execute_wrapper(broken):
        response = client.get("/news/")
    assert response.status_code == 500
