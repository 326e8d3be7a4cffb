"""Every staff page is marked never to be stored: not by the browser, not by anything in between."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import URLPattern, URLResolver

ADMIN = "/admin/"


def admin_routes(patterns=None, prefix=ADMIN):
    """Yield every route of the admin site as written in its URLconf."""
    for pattern in admin.site.urls[0] if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def first_pk(route):
    """The primary key of an object the route's model admin can show, or None."""
    match = re.match(r"/admin/(\w+)/(\w+)/", route)
    if not match:
        return None
    try:
        model = apps.get_model(match[1], match[2])
    except LookupError:
        return None
    obj = model._default_manager.order_by("pk").first()
    return None if obj is None else obj.pk


def addresses():
    """Every admin address with its arguments filled in from the objects that exist."""
    for route in admin_routes():
        if route.endswith("(?P<url>.*)$"):
            continue  # the catch-all that redirects unknown addresses
        if route.startswith("/admin/^(?P<app_label>"):
            for label in re.search(r"\(\?P<app_label>([^)]*)\)", route)[1].split("|"):
                yield f"/admin/{label}/"
            continue
        if route.startswith("/admin/r/"):
            continue  # "view on site" sends the editor to the public page
        if "<" in route:
            pk = first_pk(route)
            if pk is None:
                continue
            route = re.sub(r"<(?:path:|int:)?(?:object_id|id|pk)>", str(pk), route)
            route = route.replace("<str:file_type>", "csv").replace("<str:language>", "ja")
        assert "<" not in route, route
        yield route


@pytest.mark.django_db
def test_every_admin_address_is_never_cached(admin_client, site_content, client):
    checked = []
    for address in addresses():
        for asker in (admin_client, client):
            response = asker.get(address)
            cache_control = response.get("Cache-Control", "")
            assert "no-store" in cache_control and "private" in cache_control, (address, response.status_code)
            checked.append((address, response.status_code))
    assert ("/admin/password_change/", 200) in checked
    assert ("/admin/news/newsitem/", 200) in checked
    assert any(re.fullmatch(r"/admin/news/newsitem/\d+/change/", address) for address, _status in checked)
    assert len({address for address, _status in checked}) > 80


@pytest.mark.django_db
def test_the_editor_upload_is_never_cached(admin_client):
    assert "no-store" in admin_client.get("/editor/upload/")["Cache-Control"]
