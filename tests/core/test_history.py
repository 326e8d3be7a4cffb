"""Every save of news, countries, chronology and partners is kept: who, when, a readable diff, a safe revert."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from core.history import changes_between, word_diff
from tests.helpers.workflow import publish_pending_change


class FormFields(HTMLParser):
    """Collect what a browser would submit from an admin change form (`<form id="…_form">`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data, self.in_form, self.select, self.textarea = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form") and attrs["id"] != "logout-form":
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag not in ("option",):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(attrs["name"], []).append(attrs.get("value") or default)
        elif tag == "select":
            self.select = attrs["name"]
            self.data.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = [""]

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.textarea:
                # Browsers drop the newline that follows <textarea>.
                self.data[self.textarea][0] = self.data[self.textarea][0].removeprefix("\n")
            self.textarea = None


def submitted_form(client, url):
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    return parser.data


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def revert_url(obj, record):
    return reverse(
        f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history", args=[obj.pk, record.history_id]
    )


def save_as(user, obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def test_word_diff_marks_deleted_and_inserted_words():
    assert word_diff("The trees were given in 1999.", "The cherry trees were given in 2001.") == (
        "The<ins> cherry</ins> trees were given in <del>1999</del><ins>2001</ins>."
    )


def test_word_diff_compares_japanese_character_by_character_and_escapes():
    assert word_diff("桜の木が咲く", "桜の花が咲く") == "桜の<del>木</del><ins>花</ins>が咲く"
    assert word_diff("a <b>", "a <script>") == "a &lt;<del>b</del><ins>script</ins>&gt;"


def test_word_diff_shortens_long_unchanged_text():
    words = " ".join(f"w{n}" for n in range(200))
    diff = word_diff(words + " old", words + " new")
    assert "w0 " not in diff and "w199" in diff and " … " in diff
    assert diff.endswith("<del>old</del><ins>new</ins>")


@pytest.mark.django_db
def test_changes_list_each_language_of_a_translated_field_and_choices_by_name(make_news):
    item = make_news(status="draft", title="Old title", body="<p>One two three.</p>")
    item.title_ja = "新しい題"
    item.title_en = "New title"
    item.body_en = "<p>One <strong>four</strong> three.</p>"
    item.status = "review"
    item.save()
    newer, older = item.history.all()[:2]
    changes = {change.field: change for change in changes_between(older, newer)}
    assert set(changes) == {"Title [en]", "Title [ja]", "Body [en]", "Status"}
    assert (changes["Title [en]"].old, changes["Title [en]"].new) == ("Old title", "New title")
    assert (changes["Title [ja]"].old, changes["Title [ja]"].new) == ("—", "新しい題")
    assert (changes["Status"].old, changes["Status"].new) == ("Draft", "In review")
    assert changes["Body [en]"].diff == "One <del>two</del><ins>four</ins> three."


@pytest.mark.django_db
def test_rich_text_changes_read_as_text_paragraphs_apart_and_entities_once(make_news):
    item = make_news(body="<p>Tea &amp; cakes</p><p>Today</p>")
    item.body_en = "<p>Tea &amp; cakes</p><p>Tomorrow</p>"
    item.save()
    newer, older = item.history.all()[:2]
    (change,) = changes_between(older, newer)
    assert (change.old, change.new) == ("Tea & cakes Today", "Tea & cakes Tomorrow")
    assert change.diff == "Tea &amp; cakes <del>Today</del><ins>Tomorrow</ins>"


@pytest.mark.django_db
def test_news_history_page_shows_who_when_and_what_changed(client, editor, make_news):
    item = make_news(status="draft", title="Visit to Sofia", body="<p>The minister visited Sofia.</p>")
    save_as(editor, item, body_en="<p>The minister visited Sofia and Plovdiv.</p>", title_ja="ソフィア訪問")
    client.force_login(editor)
    response = client.get(history_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    assert "erika" in html
    assert "<dt>Body [en]</dt>" in html and "Sofia<ins> and Plovdiv</ins>." in html
    assert "<dt>Title [ja]</dt>" in html and "<ins>ソフィア訪問</ins>" in html
    assert "First version." in html
    assert html.count('class="history-record"') == 2


@pytest.mark.django_db
def test_revert_restores_both_languages_and_keeps_the_workflow_state(publisher_client, publisher, make_news):
    item = make_news(status="draft", title="First", title_ja="最初", body="<p>First text.</p>")
    first = item.history.first()
    save_as(publisher, item, title_en="Second", title_ja="二番目", body_en="<p>Second text.</p>")
    item.publish(publisher)
    item.save()
    with translation.override("ja"):
        form = submitted_form(publisher_client, revert_url(item, first))
    assert form["title_en"] == ["First"] and form["title_ja"] == ["最初"]
    assert form["status"] == ["published"]
    response = publisher_client.post(revert_url(item, first), {**form, "_save": "Revert"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_en == "Second", "a revert of a live story waits for review like any change"
    publish_pending_change(item)
    assert (item.title_en, item.title_ja, item.body_en) == ("First", "最初", "<p>First text.</p>")
    assert item.status == "published"
    assert item.history.first().history_user == publisher


@pytest.mark.django_db
def test_revert_needs_permission_to_change_the_object_as_it_is_now(client, django_user_model, make_news):
    item = make_news(status="draft", body="<p>First text.</p>")
    first = item.history.first()
    item.body_en = "<p>Second text.</p>"
    item.save()
    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    client.force_login(viewer)
    page = client.get(revert_url(item, first)).content.decode()
    assert 'value="Revert"' not in page
    response = client.post(
        revert_url(item, first), {"title_en": item.title_en, "body_en": "<p>First text.</p>"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.body_en == "<p>Second text.</p>"


@pytest.mark.django_db
def test_editor_reverts_a_draft_and_a_revert_of_a_published_story_waits_for_review(editor_client, make_news):
    draft = make_news(status="draft", body="<p>First.</p>")
    first = draft.history.first()
    draft.body_en = "<p>Second.</p>"
    draft.save()
    form = submitted_form(editor_client, revert_url(draft, first))
    assert editor_client.post(revert_url(draft, first), {**form, "_save": "Revert"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.body_en, draft.status) == ("<p>First.</p>", "draft")

    live = make_news(status="published", body="<p>Live.</p>")
    old = live.history.first()
    live.body_en = "<p>Live, edited.</p>"
    live.save()
    form = submitted_form(editor_client, revert_url(live, old))
    assert "status" not in form, "an editor never changes whether a story is live"
    response = editor_client.post(revert_url(live, old), {**form, "_save": "Revert"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.body_en == "<p>Live, edited.</p>", "readers keep the live version"
    publish_pending_change(live)
    assert (live.body_en, live.status) == ("<p>Live.</p>", "published")


@pytest.mark.django_db
def test_revert_of_a_deleted_object_is_404(publisher_client, make_news):
    item = make_news(status="draft")
    record = item.history.first()
    url = revert_url(item, record)
    item.delete()
    assert publisher_client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["country", "entry", "partner"])
def test_countries_chronology_and_partners_keep_history_diff_and_revert(
    client, boss, make_country, make_entry, make_partner, kind
):
    obj, field = {
        "country": (lambda: make_country(name="Slovenia"), "name"),
        "entry": (lambda: make_entry(title="Relations established"), "title"),
        "partner": (lambda: make_partner(name="Embassy of Slovenia"), "name"),
    }[kind]
    obj = obj()
    first = obj.history.first()
    save_as(boss, obj, **{f"{field}_en": "Renamed", f"{field}_ja": "改名"})
    client.force_login(boss)
    html = client.get(history_url(obj)).content.decode()
    label = obj._meta.get_field(field).verbose_name.capitalize()
    assert f"<dt>{label} [en]</dt>" in html and "<ins>Renamed</ins>" in html
    assert f"<dt>{label} [ja]</dt>" in html and "<ins>改名</ins>" in html
    assert "boss" in html

    form = submitted_form(client, revert_url(obj, first))
    response = client.post(revert_url(obj, first), {**form, "_save": "Revert"})
    assert response.status_code == 302, response.content.decode()[:3000]
    publish_pending_change(obj)
    assert getattr(obj, f"{field}_en") != "Renamed" and getattr(obj, f"{field}_ja") != "改名"
    assert obj.history.count() == 3 and obj.history.first().history_user == boss
