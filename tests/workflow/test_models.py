"""The workflow's records: steps found per item, force-publications awaiting a second look, review links' lives."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from workflow.models import REVIEW_LINK_LIFETIME, PendingChange, ReviewLink, WorkflowEvent, is_public

pytestmark = pytest.mark.django_db

Action = WorkflowEvent.Action


def event(item, action, user, **fields):
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=str(item.pk),
        object_repr=str(item),
        action=action,
        user=user,
        **fields,
    )


def link_to(item, **fields):
    return ReviewLink.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=str(item.pk),
        recipient="Press attaché, Embassy of Slovenia",
        **fields,
    )


def test_an_items_steps_are_its_own_newest_first(make_news, editor, publisher):
    item, other = make_news(title="Ours"), make_news(title="Theirs")
    submitted = event(item, Action.SUBMITTED, editor)
    approved = event(item, Action.APPROVED, publisher)
    event(other, Action.SUBMITTED, editor)
    assert list(WorkflowEvent.objects.for_object(item)) == [approved, submitted]
    assert str(approved) == f"{Action.APPROVED.label}: Ours"


def test_only_an_unconfirmed_force_publication_awaits_confirmation(make_news, publisher, other_publisher):
    item = make_news()
    forced = event(item, Action.FORCE_PUBLISHED, publisher)
    event(item, Action.APPROVED, publisher)
    confirmed = event(
        item, Action.FORCE_PUBLISHED, publisher, confirmed_by=other_publisher, confirmed_at=timezone.now()
    )
    assert list(WorkflowEvent.objects.awaiting_confirmation()) == [forced]
    assert forced.awaits_confirmation and not confirmed.awaits_confirmation


def test_a_review_link_has_its_own_unguessable_address_and_lasts_two_weeks(make_news):
    item = make_news(status="draft")
    first, second = link_to(item), link_to(item)
    assert first.token != second.token and len(first.token) >= 32
    assert first.get_absolute_url().endswith(f"/{first.token}/")
    assert abs(first.expires_at - (timezone.now() + REVIEW_LINK_LIFETIME)) < datetime.timedelta(minutes=1)
    assert str(first) == "Press attaché, Embassy of Slovenia"


def test_a_review_link_is_open_while_its_item_is_unpublished_unexpired_and_not_revoked(make_news):
    draft = make_news(status="draft")
    assert link_to(draft).is_open()
    assert not link_to(draft, revoked_at=timezone.now()).is_open()
    expired = link_to(draft, expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not expired.is_open()
    assert link_to(draft).is_open(now=timezone.now() + REVIEW_LINK_LIFETIME) is False
    assert not link_to(make_news(status="published")).is_open()


def test_a_link_to_a_live_item_is_open_only_while_a_change_waits_over_it(make_country, editor):
    country = make_country(is_published=True)
    link = link_to(country)
    assert is_public(country) and not link.is_open()
    PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(country),
        object_id=str(country.pk),
        author=editor,
        data={},
    )
    assert link.is_open()


def test_a_link_whose_item_was_deleted_is_closed(make_news):
    item = make_news(status="draft")
    link = link_to(item)
    item.delete()
    link = ReviewLink.objects.get(pk=link.pk)
    assert not link.is_open()
