"""Every UI string on the public pages reads in Japanese under /ja/.

The strings are the msgids of locale/ja/LC_MESSAGES/django.po plus every
string our templates and Python code mark for translation (so a string not yet
in the .po file is caught too). Each public page is rendered under /ja/ with
the demo content, and no such string may appear there in English, except
inside an element marked lang="en" (content falling back to English, the
language switcher's "English") or where the translation is the English text.
"""

import ast
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import trim_whitespace

BASE = Path(settings.BASE_DIR)
APPS = ("balkan", "news", "countries", "chronology", "partners", "events")
PO_FILE = BASE / "locale" / "ja" / "LC_MESSAGES" / "django.po"
GETTEXT = {
    "_": (0,),
    "gettext": (0,),
    "gettext_lazy": (0,),
    "gettext_noop": (0,),
    "ngettext": (0, 1),
    "ngettext_lazy": (0, 1),
    "pgettext": (1,),
    "pgettext_lazy": (1,),
    "npgettext": (1, 2),
    "npgettext_lazy": (1, 2),
}
TRANSLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1.*?%}""")
BLOCK_TAG = re.compile(
    r"{%\s*(?:blocktranslate|blocktrans)\b(.*?)%}(.*?){%\s*end(?:blocktranslate|blocktrans)\s*%}", re.S
)
PLURAL_TAG = re.compile(r"{%\s*plural\s*%}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
TEMPLATE_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
URL = re.compile(r"https?://\S+")


def po_entries():
    return [entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete]


def template_msgids():
    paths = [
        *BASE.glob("templates/**/*.html"),
        *(p for app in APPS for p in BASE.glob(f"{app}/templates/**/*.html")),
    ]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for match in TRANSLATE_TAG.finditer(text):
            yield match.group(2)
        for match in BLOCK_TAG.finditer(text):
            trimmed = "trimmed" in match.group(1).split()
            for part in PLURAL_TAG.split(match.group(2)):
                # As makemessages writes them: {{ name }} becomes %(name)s.
                part = TEMPLATE_VARIABLE.sub(r"%(\1)s", part.replace("%", "%%"))
                yield trim_whitespace(part) if trimmed else part


def python_msgids():
    for app in APPS:
        for path in (BASE / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                for position in GETTEXT.get(name, ()):
                    if position < len(node.args) and isinstance(node.args[position], ast.Constant):
                        if isinstance(node.args[position].value, str):
                            yield node.args[position].value


def english_patterns():
    """Return {msgid: regex finding its English text} for every msgid not translated as itself."""
    same_in_japanese = {entry.msgid for entry in po_entries() if entry.msgstr == entry.msgid}
    msgids = {entry.msgid for entry in po_entries()} | {
        e.msgid_plural for e in po_entries() if e.msgid_plural
    }
    msgids |= set(template_msgids()) | set(python_msgids())
    patterns = {}
    for msgid in msgids - same_in_japanese - {""}:
        parts = PLACEHOLDER.split(msgid.replace("%%", "%"))
        if not any(re.search(r"[A-Za-z]{2}", part) for part in parts):
            continue  # nothing English to see, such as "%(year)s"
        body = ".+?".join(re.escape(part) for part in parts)
        patterns[msgid] = re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")
    return patterns


class JapaneseText(HTMLParser):
    """Collect the text a reader sees or hears, except what is marked as another language."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
    READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "label"}
    READ_METAS = {
        "description",
        "og:title",
        "og:description",
        "og:site_name",
        "og:image:alt",
        "twitter:title",
    }

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.stack, self.chunks = [], []
        self.feed(html)

    NOT_TEXT = {"script", "style", "textarea", "code", "pre"}  # code samples, such as the embed snippet

    def _foreign(self):
        return any(lang and not lang.startswith("ja") for _tag, lang in self.stack) or any(
            tag in self.NOT_TEXT for tag, _lang in self.stack
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            return
        lang = attrs.get("lang")
        if tag not in self.VOID:
            self.stack.append((tag, lang))
        if not self._foreign() and not (lang and not lang.startswith("ja")):
            self.chunks += [value for name, value in attrs.items() if name in self.READ_ATTRIBUTES and value]
            key = attrs.get("property") or attrs.get("name") or ""
            if tag == "meta" and key in self.READ_METAS:
                self.chunks.append(attrs.get("content") or "")
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.chunks.append(attrs.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._foreign() and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible_text(response):
    """Return the page's text a Japanese reader meets, one chunk a line, addresses left out."""
    body = response.content.decode()
    if "xml" in response["Content-Type"]:
        chunks = [
            " ".join(el.text.split()) for el in ET.fromstring(body).iter() if el.text and el.text.strip()
        ]
    else:
        chunks = JapaneseText(body).chunks
    return "\n".join(URL.sub(" ", chunk) for chunk in chunks)


PUBLIC_PAGES = [
    "/ja/",
    "/ja/news/",
    "/ja/news/?kind=event&country=bulgaria",
    "/ja/news/seismic-risk-workshop-veliko-tarnovo-2022/",
    "/ja/news/mirai-2022-2023-final-reporting-session/",
    "/ja/news/feed/",
    "/ja/countries/",
    "/ja/countries/slovenia/",
    "/ja/countries/slovenia/embed/",
    "/ja/countries/slovenia/feed/",
    "/ja/chronology/",
    "/ja/chronology/?category=visit",
    "/ja/partners/",
    "/ja/partners/odaco/",
    "/ja/search/",
    "/ja/search/?q=コソボ",
    "/ja/search/?q=japan&page=2",
    "/ja/search/?q=zzzz",
    "/ja/search/?q=の",
    "/ja/search/?q=" + "x" * 300,
    "/ja/about/",
    "/ja/contact/",
    "/ja/no-such-page/",
    "/ja/news/?year=abc",
]


def test_public_pages_under_ja_show_no_english_ui_string(client, demo):
    patterns = english_patterns()
    assert len(patterns) > 200  # the catalogue was read
    untranslated = {}
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        text = visible_text(response)
        assert re.search(r"[\u3040-\u30ff]", text), url  # a Japanese page indeed
        found = sorted(msgid for msgid, pattern in patterns.items() if pattern.search(text))
        if found:
            untranslated[url] = found
    assert untranslated == {}, "Translate these strings in locale/ja/LC_MESSAGES/django.po"


def test_the_check_notices_an_english_string(client, demo, settings):
    patterns = english_patterns()
    with_english = client.get("/ja/").content.decode().replace("</main>", "<p>Latest news</p></main>")
    text = "\n".join(JapaneseText(with_english).chunks)
    assert patterns["Latest news"].search(text)
    marked = with_english.replace("<p>Latest news</p>", '<p lang="en">Latest news</p>')
    assert not patterns["Latest news"].search("\n".join(JapaneseText(marked).chunks))
