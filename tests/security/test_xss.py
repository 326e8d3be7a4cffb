"""A corpus of known XSS payloads through every rich-text field: stored and shown without executable content."""

import html.parser
import re

import pytest
from django.apps import apps
from django.utils import translation

from balkan.models import Page
from core.richtext import RichTextField

# OWASP's XSS filter evasion cheat sheet, mutation XSS and the classics.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<img src="x" srcset="javascript:alert(1)">',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\nascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<img src=\"data:image/svg+xml,<svg onload='alert(1)'>\">",
    '<a href="https://ok.example/" onclick="alert(1)">fine link, bad handler</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background-image:url(javascript:alert(1))">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<video><source onerror="alert(1)"></video>',
    "<template><script>alert(1)</script></template>",
    '<span onmouseover="alert(1)" lang="en">x</span>',
]
DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form",
    "input", "button", "textarea", "select", "base", "meta", "link", "template", "noscript", "video",
    "audio", "source", "details",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "background",
    "poster",
    "data",
    "xlink:href",
}
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|/|#|\?|[^:]*$)", re.I)


class Findings(html.parser.HTMLParser):
    """List everything in a document that could run script or load another origin's code."""

    def __init__(self, document):
        super().__init__()
        self.found = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and value is not None:
                # Browsers ignore control characters and whitespace in a scheme.
                url = re.sub(r"[\x00-\x20]", "", value)
                if not SAFE_URL.match(url):
                    self.found.append(f"<{tag} {name}={value!r}>")


RENDERERS = {
    "news.NewsItem": lambda f: (f["news"](), lambda obj: obj.get_absolute_url()),
    "countries.Country": lambda f: (f["country"](), lambda obj: obj.get_absolute_url()),
    "chronology.ChronologyEntry": lambda f: (f["entry"](), lambda obj: "/chronology/"),
    "partners.PartnerOrganisation": lambda f: (f["partner"](), lambda obj: obj.get_absolute_url()),
    "balkan.Page": lambda f: (Page.objects.create(key="about", title="About"), lambda obj: "/about/"),
    "news.StoryDocument": lambda f: (
        f["story_document"](f["news"]()),
        lambda obj: obj.news_item.get_absolute_url(),
    ),
    "countries.ProfileDocument": lambda f: (
        f["profile_document"](f["country"]()),
        lambda obj: obj.country.get_absolute_url(),
    ),
}


def rich_text_fields(model):
    return [field.name for field in model._meta.concrete_fields if isinstance(field, RichTextField)]


def test_every_model_with_rich_text_is_covered():
    with_rich_text = {model._meta.label for model in apps.get_models() if rich_text_fields(model)}
    history = {label for label in with_rich_text if label.split(".")[1].startswith("Historical")}
    assert with_rich_text - history == set(RENDERERS)
    # Historical copies are written from the sanitised record; they are checked below too.
    assert {label.replace("Historical", "") for label in history} <= set(RENDERERS)


@pytest.mark.django_db
@pytest.mark.parametrize("label", RENDERERS)
def test_xss_corpus_is_neutralised_in_every_rich_text_field(client, factories, label):
    obj, url_of = RENDERERS[label](factories)
    with translation.override("en"):
        url = url_of(obj)
    model = type(obj)
    fields = rich_text_fields(model)
    name = fields[0]
    setattr(obj, f"{name}_en", "<p>Harmless text.</p>")
    setattr(obj, f"{name}_ja", "<p>無害な文章。</p>")
    obj.save()
    baseline = {prefix: Findings(client.get(prefix + url).content.decode()).found for prefix in ("", "/ja")}

    for payload in PAYLOADS:
        # English and Japanese carry different payloads, so each page shows its own.
        setattr(obj, f"{name}_en", payload)
        setattr(obj, f"{name}_ja", f"<p>日本語</p>{payload}")
        obj.save()
        stored = model.objects.filter(pk=obj.pk).values(*fields).get()
        history = getattr(obj, "history", None)
        if history is not None:
            stored.update({f"history {key}": value for key, value in history.values(*fields).first().items()})
        for field, value in stored.items():
            assert Findings(value).found == [], f"{label}.{field} stored {value!r} from {payload!r}"
        for prefix in ("", "/ja"):
            response = client.get(prefix + url)
            assert response.status_code == 200, label
            found = Findings(response.content.decode()).found
            assert found == baseline[prefix], f"{label} at {prefix or '/'}{url} showed {payload!r}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_detector_sees_the_danger_in_every_raw_payload(payload):
    assert Findings(payload).found
