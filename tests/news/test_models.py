"""The story's own rules for moving between Draft, In review, Published/Scheduled and Archived."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

ALLOWED = {
    "submit": {"draft": "review"},
    "publish": {"draft": "published", "review": "published", "archived": "published"},
    "unpublish": {"published": "draft"},
    "archive": {"draft": "archived", "review": "archived", "published": "archived"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("transition", ALLOWED)
@pytest.mark.parametrize("status", ["draft", "review", "published", "archived"])
def test_each_transition_from_each_status(make_news, publisher, transition, status):
    item = make_news(status=status)
    expected = ALLOWED[transition].get(status)
    if expected is None:
        with pytest.raises(ValidationError):
            getattr(item, transition)(publisher)
        assert item.status == status
    else:
        getattr(item, transition)(publisher)
        assert item.status == expected


@pytest.mark.django_db
@pytest.mark.parametrize("transition", ["publish", "unpublish", "archive"])
def test_only_publishers_publish_unpublish_or_archive(make_news, editor, transition):
    item = make_news(status="published" if transition == "unpublish" else "review")
    status = item.status
    with pytest.raises(PermissionDenied):
        getattr(item, transition)(editor)
    assert item.status == status


@pytest.mark.django_db
def test_submitting_and_publishing_record_who_and_when(make_news, editor, publisher):
    item = make_news(status="draft")
    item.submit(editor)
    assert item.submitted_by == editor and timezone.now() - item.submitted_at < datetime.timedelta(seconds=5)
    item.publish(publisher)
    assert item.approved_by == publisher and timezone.now() - item.approved_at < datetime.timedelta(seconds=5)


@pytest.mark.django_db
def test_publishing_with_a_future_time_schedules(make_news, publisher):
    when = timezone.now() + datetime.timedelta(days=3)
    item = make_news(status="review", publish_at=when)
    item.publish(publisher)
    assert item.publish_at == when and item.is_scheduled and item.workflow_state == "scheduled"
