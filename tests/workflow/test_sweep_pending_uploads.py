"""Pictures kept aside under pending/ are swept once nothing needs them, never while a change does."""

import datetime
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from workflow.models import PendingChange

pytestmark = pytest.mark.django_db


def aged(path, days):
    moment = (datetime.datetime.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (moment, moment))


def test_old_kept_files_go_and_those_a_waiting_change_needs_stay(make_news):
    story = make_news()
    forgotten = default_storage.save("pending/aaa/forgotten.jpg", ContentFile(b"x"))
    recent = default_storage.save("pending/bbb/recent.jpg", ContentFile(b"x"))
    waiting = default_storage.save("pending/ccc/waiting.jpg", ContentFile(b"x"))
    elsewhere = default_storage.save("news/2026/12/live.jpg", ContentFile(b"x"))
    for path in (forgotten, waiting, elsewhere):
        aged(path, 30)
    aged(recent, 1)
    PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(story),
        object_id=str(story.pk),
        files={"hero_image": [waiting]},
    )
    call_command("sweep_pending_uploads", verbosity=0)
    assert not default_storage.exists(forgotten)
    assert all(default_storage.exists(path) for path in (recent, waiting, elsewhere))
