"""The editorial roles as groups: Editors never publish or delete, Publishers do, and syncing only adds."""

import pytest
from django.contrib.auth.models import Group, Permission

from workflow.roles import EDITORS, PUBLISHERS, sync_roles

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_after_migrate_both_groups_exist_with_their_permissions():
    editors, publishers = codenames(EDITORS), codenames(PUBLISHERS)
    assert {"news.add_newsitem", "news.change_newsitem", "countries.change_country"} <= editors
    assert editors < publishers


def test_editors_never_publish_news_nor_delete_what_others_link_to():
    editors = codenames(EDITORS)
    assert "news.publish_newsitem" not in editors
    assert not {
        name for name in editors if name.startswith(("news.delete_newsitem", "countries.delete_country"))
    }
    assert "news.publish_newsitem" in codenames(PUBLISHERS)


def test_syncing_again_restores_what_is_missing_and_keeps_what_was_granted_by_hand():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(Permission.objects.get(codename="change_newsitem"))
    extra = Permission.objects.get(codename="delete_country")
    editors.permissions.add(extra)
    sync_roles()
    assert "news.change_newsitem" in codenames(EDITORS)
    assert "countries.delete_country" in codenames(EDITORS)


def test_a_deleted_group_is_made_again():
    Group.objects.filter(name=PUBLISHERS).delete()
    sync_roles()
    assert "news.publish_newsitem" in codenames(PUBLISHERS)
