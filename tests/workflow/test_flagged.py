"""Countries, partners and chronology entries under the same rules as news, by every route."""

import pytest

from staff.models import AuditEntry
from tests.helpers.workflow import change_url, changelist, form_data, run_action, snapshot
from workflow.models import WorkflowEvent

KINDS = ["country", "partner", "entry"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_editor_cannot_publish_by_the_form(client, editor, make_item, kind):
    item = make_item(kind, is_published=False)
    client.force_login(editor)
    page = client.get(change_url(item))
    assert "is_published" not in page.context["adminform"].form.fields
    data = form_data(page, is_published="on")
    response = client.post(change_url(item), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.is_published is False


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_editor_submits_and_another_publisher_approves_with_notes(
    client, editor, publisher, other_publisher, make_item, kind
):
    item = make_item(kind, is_published=False)
    client.force_login(editor)
    for action in ("publish", "force_publish", "reject", "unpublish"):
        run_action(client, action, item, note="Forged.")
    assert not WorkflowEvent.objects.exists() and not type(item).objects.get(pk=item.pk).is_published
    run_action(client, "submit_for_review", item, note="New figures for 2025.")

    client.force_login(publisher)
    assert "form-row" in client.get(change_url(item)).content.decode()
    run_action(client, "reject", item, note="")
    assert WorkflowEvent.objects.filter(action="rejected").count() == 0
    run_action(client, "reject", item, note="The source is missing.")
    client.force_login(editor)
    assert "The source is missing." in client.get(change_url(item)).content.decode()
    run_action(client, "submit_for_review", item, note="Source added.")

    # A publisher's own submission needs a second publisher.
    client.force_login(publisher)
    response = run_action(client, "publish", item, note="Fine.")
    assert "1 item approved" in response.content.decode()
    item.refresh_from_db()
    assert item.is_published
    assert list(
        WorkflowEvent.objects.for_object(item).order_by("at", "pk").values_list("action", "note")
    ) == [
        ("submitted", "New figures for 2025."),
        ("rejected", "The source is missing."),
        ("submitted", "Source added."),
        ("approved", "Fine."),
    ]
    run_action(client, "unpublish", item, note="")
    item.refresh_from_db()
    assert not item.is_published
    run_action(client, "submit_for_review", item, note="")
    before = snapshot(item)
    response = run_action(client, "publish", item, note="")
    assert "another publisher must approve it" in response.content.decode()
    assert snapshot(item) == before
    client.force_login(other_publisher)
    run_action(client, "publish", item, note="")
    item.refresh_from_db()
    assert item.is_published


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_publisher_must_force_an_unreviewed_publication_by_the_form(client, publisher, make_item, kind):
    item = make_item(kind, is_published=False)
    client.force_login(publisher)
    page = client.get(change_url(item))
    before = snapshot(item)
    response = client.post(change_url(item), form_data(page, is_published="on"))
    assert response.status_code == 200 and "force_reason" in response.context["adminform"].form.errors
    assert snapshot(item) == before
    response = client.post(
        change_url(item), form_data(page, is_published="on", force_reason="Visit tomorrow.")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_published
    assert WorkflowEvent.objects.get(action="force-published").note == "Visit tomorrow."
    assert AuditEntry.objects.filter(message__contains="Visit tomorrow.", object_id=str(item.pk)).exists()


@pytest.mark.django_db
def test_an_editors_new_partner_waits_for_review(client, editor):
    from django.urls import reverse

    from partners.models import PartnerOrganisation

    client.force_login(editor)
    response = client.post(
        reverse("admin:partners_partnerorganisation_add"),
        {"name_en": "Jožef Stefan Institute", "slug": "jsi", "kind": "ngo", "is_published": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert PartnerOrganisation.objects.get(slug="jsi").is_published is False


@pytest.mark.django_db
def test_only_publishers_import_chronology_spreadsheets(client, editor, publisher):
    from django.urls import reverse

    url = reverse("admin:chronology_chronologyentry_import")
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(publisher)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "publisher"])
def test_bulk_editing_the_list_never_publishes(client, editor, publisher, who):
    from model_bakery import baker

    from balkan.models import Quote

    quote = baker.make(Quote, text="Friendship is a treasure.", author="Someone", is_published=False, order=1)
    client.force_login(editor if who == "editor" else publisher)
    listing = client.get(changelist(Quote))
    assert 'name="form-0-is_published"' not in listing.content.decode()
    assert 'name="form-0-order"' in listing.content.decode()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": quote.pk,
        "form-0-order": "5",
        "form-0-is_published": "on",
        "_save": "Save",
    }
    assert client.post(changelist(Quote), data).status_code == 302
    quote.refresh_from_db()
    assert (quote.order, quote.is_published) == (5, False)
