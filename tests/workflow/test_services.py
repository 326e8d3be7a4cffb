"""The review rules for every kind of content, called directly: who may take which step, and what is recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from staff.models import AuditEntry
from workflow import services
from workflow.models import WorkflowEvent

pytestmark = pytest.mark.django_db

Action = WorkflowEvent.Action


def test_an_editor_submits_and_the_step_is_recorded_with_its_note(make_news, editor):
    item = make_news(status="draft")
    event = services.submit(item, editor, "Ready.")
    item.refresh_from_db()
    assert (item.status, item.submitted_by) == ("review", editor)
    assert (event.action, event.note, event.user) == (Action.SUBMITTED, "Ready.", editor)
    assert list(WorkflowEvent.objects.for_object(item)) == [event]


def test_another_publisher_approves_and_the_audit_log_says_published(make_news, editor, publisher):
    item = make_news(status="draft")
    services.submit(item, editor)
    services.approve(item, publisher, "Good.")
    item.refresh_from_db()
    assert item.status == "published"
    assert AuditEntry.objects.filter(user=publisher, action=AuditEntry.Action.PUBLISHED).count() == 1


def test_a_publisher_cannot_approve_their_own_submission(make_news, publisher):
    item = make_news(status="draft")
    services.submit(item, publisher)
    with pytest.raises(PermissionDenied, match="submitted it yourself"):
        services.approve(item, publisher)
    item.refresh_from_db()
    assert item.status == "review"


def test_an_editor_may_not_approve_reject_or_force(make_news, editor, publisher):
    item = make_news(status="draft")
    services.submit(item, publisher)
    for step in (services.approve, services.force_publish, services.reject):
        with pytest.raises(PermissionDenied):
            step(item, editor, "note")


def test_a_force_publication_needs_a_reason_and_awaits_another_publishers_confirmation(
    make_news, publisher, other_publisher
):
    item = make_news(status="draft")
    with pytest.raises(ValidationError):
        services.force_publish(item, publisher, "   ")
    event = services.force_publish(item, publisher, "The embassy asked for it today.")
    assert event.awaits_confirmation
    assert list(WorkflowEvent.objects.awaiting_confirmation()) == [event]
    assert "Force-published without a second review: The embassy asked for it today." in {
        entry.message for entry in AuditEntry.objects.all()
    }
    with pytest.raises(PermissionDenied):
        services.confirm_force_publication(event, publisher)
    services.confirm_force_publication(event, other_publisher)
    assert not WorkflowEvent.objects.awaiting_confirmation().exists()
    with pytest.raises(ValidationError, match="confirmed already"):
        services.confirm_force_publication(event, other_publisher)


def test_a_rejection_needs_a_reason_and_an_item_in_review(make_news, editor, publisher):
    item = make_news(status="draft")
    with pytest.raises(ValidationError, match="Only items in review"):
        services.reject(item, publisher, "No.")
    services.submit(item, editor)
    with pytest.raises(ValidationError, match="Say why"):
        services.reject(item, publisher, " ")
    services.reject(item, publisher, "Check the minister's name.")
    item.refresh_from_db()
    assert item.status == "draft"


@pytest.mark.parametrize(
    ("before", "after", "who", "force_reason", "note", "step"),
    [
        ("draft", "draft", "editor", "", "", None),
        ("draft", "review", "editor", "", "", Action.SUBMITTED),
        ("review", "published", "publisher", "", "", Action.APPROVED),
        ("draft", "published", "publisher", "Urgent.", "", Action.FORCE_PUBLISHED),
        ("review", "draft", "publisher", "", "Fix the date.", Action.REJECTED),
        ("published", "archived", "publisher", "", "", Action.UNPUBLISHED),
    ],
)
def test_each_move_of_the_form_is_the_step_it_means(
    make_news, editor, publisher, before, after, who, force_reason, note, step
):
    item = make_news(status=before, submitted_by=editor if before == "review" else None)
    user = {"editor": editor, "publisher": publisher}[who]
    assert services.check_transition(item, user, after, note=note, force_reason=force_reason) == step


@pytest.mark.parametrize(
    ("before", "after", "field"),
    [("draft", "published", "force_reason"), ("review", "draft", "workflow_note")],
)
def test_a_move_that_breaks_a_rule_names_the_form_field_at_fault(
    make_news, editor, publisher, before, after, field
):
    item = make_news(status=before, submitted_by=editor if before == "review" else None)
    with pytest.raises(ValidationError) as raised:
        services.check_transition(item, publisher, after)
    assert field in raised.value.message_dict


def test_taking_back_ones_own_submission_is_no_rejection(make_news, publisher):
    item = make_news(status="review", submitted_by=publisher)
    assert services.check_transition(item, publisher, "draft") is None


def test_an_editor_publishing_by_the_form_is_refused(make_news, editor):
    with pytest.raises(PermissionDenied):
        services.check_transition(make_news(status="review", submitted_by=editor), editor, "published")


def test_a_flagged_record_waits_for_review_and_another_publisher_sets_its_flag(
    make_partner, editor, publisher
):
    partner = make_partner(is_published=False)
    services.submit_flagged(partner, editor, "New partner.")
    assert services.pending_submission(partner) is not None
    with pytest.raises(PermissionDenied):
        services.approve_flagged(partner, editor)
    services.approve_flagged(partner, publisher)
    partner.refresh_from_db()
    assert partner.is_published
    assert services.pending_submission(partner) is None
