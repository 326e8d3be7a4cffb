"""The attention panel on the admin's front page: what waits for the signed-in member of staff."""

import pytest
from django.template import Context, Template

from staff.templatetags.balkan_admin import attention_panel

pytestmark = pytest.mark.django_db


def test_a_publisher_sees_the_stories_waiting_for_review(rf, make_news, editor, publisher):
    make_news(title="Waiting story", status="review", submitted_by=editor)
    request = rf.get("/admin/")
    request.user = publisher
    lists = {attention.key: attention for attention in attention_panel({"request": request})["lists"]}
    assert lists["review"].count == 1
    assert [item.label for item in lists["review"].items] == ["Waiting story"]


def test_staff_who_may_not_change_news_see_no_news_lists(rf, django_user_model, make_news, editor):
    make_news(title="Waiting story", status="review", submitted_by=editor)
    request = rf.get("/admin/")
    request.user = django_user_model.objects.create_user("visitor", is_staff=True)
    keys = {attention.key for attention in attention_panel({"request": request})["lists"]}
    assert not keys & {"review", "scheduled"}


def test_the_panel_is_on_the_admins_front_page(publisher_client, make_news, editor):
    make_news(title="Waiting story", status="review", submitted_by=editor)
    html = publisher_client.get("/admin/").content.decode()
    assert "Waiting for review" in html and "Waiting story" in html
    rendered = Template("{% load balkan_admin %}{% attention_panel %}").render(
        Context({"request": type("R", (), {"user": editor})()})
    )
    assert "Waiting story" in rendered
