"""Reading the search page: its answer, the results it shows, their titles without highlighting."""

import json
import re


def search(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def shown(response):
    """Return the results on the page: the card of the country or partner searched for, then the list."""
    entity = response.context.get("entity")
    return ([entity] if entity else []) + list(response.context["results"])


def titles(response):
    return [re.sub(r"</?mark>", "", str(result.title)) for result in shown(response)]


def twice(client, url):
    """Return the fresh answer and the one the page cache replays; both must be alike."""
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] != "HIT" and second["X-Cache"] == "HIT"
    assert first.content == second.content
    return second.content.decode()


def suggestions(client, url):
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["X-Cache"] == "HIT" and first.content == second.content
    assert first["Content-Type"] == "application/json"
    return json.loads(second.content)["suggestions"]
