"""Two editors in two browsers on one story: the second is warned, the stale save is refused, nothing typed is lost."""

import pytest

from news.models import NewsItem
from tests.helpers.browser import log_in, staff


@pytest.mark.django_db(transaction=True)
def test_two_editors_on_one_story_the_second_is_warned_refused_and_keeps_their_text(
    browser, live_server, django_user_model, make_news
):
    story = make_news(status="draft", title="Cherry trees for Ljubljana", body="<p>Thirty trees.</p>")
    url = f"{live_server.url}/admin/news/newsitem/{story.pk}/change/"
    staff(django_user_model, "erika", "Editors")
    staff(django_user_model, "emi", "Editors")
    erika = log_in(browser, live_server, "erika")
    erika.goto(url)
    emi = log_in(browser, live_server, "emi")
    emi.goto(url)
    warning = emi.locator(".messagelist .warning").inner_text()
    assert "erika has had this item open for editing since" in warning.lower()

    erika.fill("#id_title_en", "Three hundred cherry trees for Ljubljana")
    erika.click("input[name=_continue]")
    erika.wait_for_selector(".messagelist .success")

    body = emi.locator(".field-body_en .ck-editor__editable")
    body.click()
    emi.keyboard.press("Control+a")
    emi.keyboard.type("Emi's account of the planting, written carefully.")
    emi.click("input[name=_continue]")
    refused = emi.locator(".errornote, .errorlist").first.inner_text()
    assert refused
    page_text = emi.locator("#content").inner_text()
    assert "erika saved this item at" in page_text.lower() and "Title" in page_text
    assert "Emi's account of the planting" in emi.locator(".field-body_en .ck-editor__editable").inner_text()
    story.refresh_from_db()
    assert story.title_en == "Three hundred cherry trees for Ljubljana" and "Thirty trees." in story.body_en

    # Having seen what changed, saving again on purpose keeps Emi's text (and the title she now sees).
    emi.click("input[name=_continue]")
    emi.wait_for_selector(".messagelist .success")
    story.refresh_from_db()
    assert "Emi's account of the planting" in story.body_en
    assert NewsItem.objects.get(pk=story.pk).history.count() == 3
