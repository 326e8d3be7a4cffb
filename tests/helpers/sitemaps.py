"""Reading /sitemap.xml: each address with its last change and its other languages."""

import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def read_sitemap(client):
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)},
        }
        for url in root.findall("s:url", NS)
    }
