"""CKEditor in the admin: headings look like headings, and a refused upload is said in the page, not in alert()."""

import pytest

from tests.helpers.browser import log_in, staff


@pytest.fixture
def editor_page(browser, live_server, django_user_model):
    staff(django_user_model, "ana", "Editors")
    page = log_in(browser, live_server, "ana")
    page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    return page


def font_size(locator):
    return float(locator.evaluate("element => getComputedStyle(element).fontSize").removesuffix("px"))


@pytest.mark.django_db(transaction=True)
def test_headings_in_the_editor_look_like_headings(editor_page):
    editor = editor_page.locator(".field-body_en .ck-editor__editable")
    editor.click()
    editor_page.keyboard.type("Body text.")
    for heading in ("heading2", "heading3"):
        editor_page.keyboard.press("Enter")
        editor_page.locator(".field-body_en .ck-heading-dropdown button").first.click()
        editor_page.locator(f".field-body_en .ck-heading_{heading}").click()
        editor_page.keyboard.type(f"A {heading}")
    paragraph, h2, h3 = (font_size(editor.locator(tag).first) for tag in ("p", "h2", "h3"))
    assert h2 >= paragraph * 1.4 and h3 >= paragraph * 1.15 and h2 > h3
    weight = editor.locator("h2").evaluate("element => getComputedStyle(element).fontWeight")
    assert int(weight) >= 600


@pytest.mark.django_db(transaction=True)
def test_a_refused_upload_is_said_beside_the_editor_without_an_alert(editor_page, tmp_path):
    dialogs = []
    editor_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    fake = tmp_path / "holiday.png"
    fake.write_bytes(b"this is not a picture at all" * 40)
    editor_page.locator(".field-body_en .ck-editor__editable").click()
    editor_page.locator(".field-body_en input[type=file]").first.set_input_files(str(fake))
    warning = editor_page.locator(".field-body_en .editor-warning")
    warning.wait_for()
    assert warning.get_attribute("role") == "alert"
    text = warning.inner_text()
    assert "image" in text.lower() or "picture" in text.lower(), text
    assert dialogs == []
    editor_page.keyboard.type("Typing goes on.")
    assert editor_page.locator(".field-body_en .editor-warning").count() == 0
