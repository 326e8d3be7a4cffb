import pytest

from news.models import NewsItem


@pytest.mark.django_db(transaction=True)
def test_admin_writes_a_story_in_ckeditor_publishes_it_and_reads_it(live_server, admin_login):
    page = admin_login()
    page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    page.locator("#id_title_en").press_sequentially("Cherry trees blossom in Ljubljana")
    assert page.input_value("#id_slug") == "cherry-trees-blossom-in-ljubljana"
    page.fill("#id_summary_en", "Three hundred trees bloom again.")
    editor = page.locator(".field-body_en .ck-editor__editable")
    editor.click()
    page.keyboard.type("The trees were given in 1999.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" A gift of friendship.")
    page.select_option("#id_status", "published")
    # One admin alone: publishing without a second review needs a stated reason.
    page.fill("#id_force_reason", "Nobody else is on duty today.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    item = NewsItem.objects.get(slug="cherry-trees-blossom-in-ljubljana")
    assert "<strong>" in item.body_en and "1999" in item.body_en
    page.goto(f"{live_server.url}/news/cherry-trees-blossom-in-ljubljana/")
    assert page.locator("h1").inner_text() == "Cherry trees blossom in Ljubljana"
    assert page.locator(".prose strong").inner_text().strip() == "A gift of friendship."
