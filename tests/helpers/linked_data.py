"""Reading the structured data (JSON-LD) of a page, and checking that every address in it answers."""

import json
import re

SITE_URL = "https://balkan.example"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    """Return every JSON-LD document in `html`, parsed."""
    return [json.loads(text) for text in SCRIPT.findall(html)]


def nodes(document):
    """Return the nodes of a document (its @graph, or the document itself) by @type."""
    return {node["@type"]: node for node in document.get("@graph", [document])}


def urls_in(data):
    """Yield every absolute URL in a JSON-LD document, wherever it is."""
    if isinstance(data, dict):
        for value in data.values():
            yield from urls_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from urls_in(value)
    elif isinstance(data, str) and "://" in data and not data.startswith("https://schema.org"):
        yield data.split("#")[0]


def answers(client, url):
    """Fetch an absolute URL of the site through the test client; return the response."""
    assert url.startswith(SITE_URL + "/"), f"{url} is not built from SITE_URL"
    return client.get(url.removeprefix(SITE_URL))


def documents(client, path):
    """The JSON-LD of `path`, asked twice: the cached answer must carry the same."""
    first, second = client.get(path), client.get(path)
    assert first.status_code == second.status_code == 200
    assert second.get("X-Cache") == "HIT", path
    assert json_ld(first.content.decode()) == json_ld(second.content.decode())
    return json_ld(second.content.decode())
