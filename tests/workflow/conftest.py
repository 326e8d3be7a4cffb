"""Workflow test helpers: a second publisher, and the admin's list actions with their note step."""

import pytest

from tests.helpers.users import staff_in


@pytest.fixture
def other_publisher(db, django_user_model):

    return staff_in(django_user_model, "petra", "Publishers")
