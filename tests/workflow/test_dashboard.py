"""The admin's front page tells publishers what awaits them and authors what came back."""

import pytest
from django.urls import reverse

from tests.helpers.workflow import run_action

INDEX = reverse("admin:index")


def titles(client):
    page = client.get(INDEX)
    assert page.status_code == 200
    return {attention.key: attention for attention in page.context["lists"]}


@pytest.mark.django_db
def test_publishers_see_what_awaits_them_and_authors_what_came_back(
    client, editor, publisher, other_publisher, make_news, make_partner
):
    story, partner = make_news(status="draft", title="Visit to Sofia"), make_partner(is_published=False)
    client.force_login(editor)
    run_action(client, "submit_for_review", story, note="Please check the names.")
    run_action(client, "submit_for_review", partner, note="New partner.")
    assert "awaiting-approval" not in titles(client)

    client.force_login(publisher)
    waiting = titles(client)["awaiting-approval"]
    assert waiting.count == 2
    assert {item.label for item in waiting.items} == {"Visit to Sofia", str(partner)}
    assert any("Please check the names." in item.note for item in waiting.items)
    run_action(client, "reject", story, note="The date is wrong.")
    assert titles(client)["awaiting-approval"].count == 1

    client.force_login(editor)
    returned = titles(client)["returned"]
    assert [(item.label, item.note) for item in returned.items] == [("Visit to Sofia", "The date is wrong.")]
    assert client.get(returned.items[0].url).status_code == 200

    client.force_login(publisher)
    run_action(client, "force_publish", story, note="The visit is today.")
    assert "force-published" not in titles(client)
    client.force_login(other_publisher)
    forced = titles(client)["force-published"]
    assert [item.label for item in forced.items] == ["Visit to Sofia"]
    assert "The visit is today." in client.get(INDEX).content.decode()
