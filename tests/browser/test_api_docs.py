"""The API's browsable documentation works in a real browser under the site's strict CSP."""

import pytest

from tests.helpers.browser import watch_csp


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_page_shows_every_endpoint_and_breaks_no_rule_of_the_policy(
    live_server, page, make_news
):
    make_news(title="Visit to Belgrade")
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/news/" in [path.strip().replace("\u200b", "") for path in paths]
    # Try the news list from the page itself: the browser calls the API and shows its answer.
    page.locator(".opblock-summary-path", has_text="/api/v1/news/").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    # The live answer, not the documented example: wait until the browser has it.
    page.locator(".live-responses-table", has_text="Visit to Belgrade").wait_for()
    assert "Visit to Belgrade" in page.locator(".responses-wrapper").inner_text()
    assert violations() == []
