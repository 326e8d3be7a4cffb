"""Alerts hear of stories being published without the news app knowing of them."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def queued():
    return DBTaskResult.objects.filter(task_path__endswith="send_story").count()


@pytest.mark.django_db
def test_publishing_queues_the_alerts_once_and_saving_again_queues_nothing(
    make_news, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_news(status="draft", publish_at=timezone.now())
    assert queued() == 0
    with django_capture_on_commit_callbacks(execute=True):
        story.status = "published"
        story.save()
    assert queued() == 1
    with django_capture_on_commit_callbacks(execute=True):
        story.summary = "A better summary."
        story.save()
    assert queued() == 1


@pytest.mark.django_db
def test_a_story_published_long_ago_queues_nothing(make_news, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_news(publish_at=timezone.now() - datetime.timedelta(days=30))
    assert queued() == 0
