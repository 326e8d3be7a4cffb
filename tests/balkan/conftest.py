import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    # A request under /ja/ leaves Japanese active in the thread; factories
    # called afterwards would write `title` into `title_ja`.
    with translation.override("en"):
        yield
