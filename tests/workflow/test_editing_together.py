"""Two people on one story: a save over a newer version is refused with what changed, the typed text kept."""

import pytest
from django.test import Client

from news.models import NewsItem
from tests.helpers.workflow import change_url, form_data


@pytest.mark.django_db
def test_a_stale_save_is_refused_with_what_changed_and_the_typed_text_kept(editor, publisher, make_news):
    item = make_news(status="draft", title="Visit to Sofia", body="<p>First.</p>")
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(publisher)
    opened_by_first = form_data(first.get(change_url(item)))
    opened_by_second = form_data(second.get(change_url(item)))
    assert opened_by_first["opened_version"]

    assert (
        second.post(change_url(item), {**opened_by_second, "title_en": "State visit to Sofia"}).status_code
        == 302
    )

    mine = {**opened_by_first, "body_en": "<p>My careful rewrite.</p>"}
    refused = first.post(change_url(item), mine)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "paul saved this item" in text and "Title [en]" in text
    assert "My careful rewrite." in text  # kept on the form
    item.refresh_from_db()
    assert (item.title, item.body) == ("State visit to Sofia", "<p>First.</p>")

    # Having seen what changed, saving again keeps the second editor's version on purpose.
    again = form_data(refused, body_en="<p>My careful rewrite.</p>")
    response = first.post(change_url(item), again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get(pk=item.pk)
    assert item.body == "<p>My careful rewrite.</p>"


@pytest.mark.django_db
def test_saving_the_version_one_opened_is_not_refused(client, editor, make_partner):
    partner = make_partner(is_published=False)
    client.force_login(editor)
    data = form_data(client.get(change_url(partner)), name_en="Renamed")
    assert client.post(change_url(partner), data).status_code == 302
    data = form_data(client.get(change_url(partner)), name_en="Renamed again")
    assert client.post(change_url(partner), data).status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Renamed again"


@pytest.mark.django_db
def test_opening_an_item_someone_else_is_editing_says_who_and_since_when(editor, publisher, make_news):
    import datetime

    import time_machine
    from django.utils import timezone

    item = make_news(status="draft")
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(publisher)
    opened = timezone.now().replace(microsecond=0)
    with time_machine.travel(opened, tick=False):
        page = first.get(change_url(item)).content.decode()
    assert "has had this item open" not in page
    with time_machine.travel(opened + datetime.timedelta(minutes=5), tick=False):
        page = second.get(change_url(item)).content.decode().lower()
    assert f"{editor} has had this item open for editing since" in page
    assert timezone.localtime(opened).strftime("%H:%M") in page

    # Once the first editor has saved, nobody is warned any more.
    data = form_data(first.get(change_url(item)))
    assert first.post(change_url(item), data).status_code == 302
    assert "has had this item open" not in second.get(change_url(item)).content.decode()
    # And an open form older than the window no longer counts.
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        assert "has had this item open" not in first.get(change_url(item)).content.decode()
