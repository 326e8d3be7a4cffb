"""Text for the site search: normalising, splitting Japanese into words, snippets.

Plain functions, no database. Japanese is written without spaces, so runs of
Japanese script are split into words with Janome (its dictionary ships with
the package) and joined with spaces; the same happens to documents and to
queries, so both meet on the same words. Particles and punctuation are left
out: a search for "日本とルーマニア" looks for 日本 and ルーマニア.
"""

import functools
import re
import unicodedata
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import mark_safe

# Hiragana, katakana (with the long-vowel mark), CJK ideographs and the
# iteration marks; the Japanese punctuation around them separates words.
JAPANESE_RUN = re.compile(
    r"[\u3005\u3006\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)
WORD_CHAR = re.compile(r"\w")
ADJACENT_MARKS = re.compile(r"</mark>( +)<mark>")
SKIPPED_PARTS_OF_SPEECH = ("助詞", "助動詞", "記号")
ENGLISH_SUFFIXES = ("ing", "ed", "s")
SNIPPET_LENGTH = 240
MAX_QUERY_LENGTH = 200
HIDDEN_TAGS = {"script", "style", "template"}
BLOCK_TAGS = {"p", "br", "li", "h2", "h3", "h4", "blockquote", "figcaption", "td", "th", "tr", "pre", "hr"}


@functools.cache
def _tokenizer():
    from janome.tokenizer import Tokenizer

    return Tokenizer()


def normalise(text):
    """Return `text` in one canonical form: NFKC (full-width letters to ASCII, half-width kana to full) and casefolded."""
    return unicodedata.normalize("NFKC", str(text or "")).casefold()


def _japanese_words(run):
    return [
        token.surface
        for token in _tokenizer().tokenize(run)
        if not token.part_of_speech.startswith(SKIPPED_PARTS_OF_SPEECH)
    ]


def words(text):
    """Return the words of `text`, normalised; Japanese runs are split by Janome."""
    result = []
    for chunk in normalise(text).split():
        position = 0
        for match in JAPANESE_RUN.finditer(chunk):
            result.append(chunk[position : match.start()])
            result.extend(_japanese_words(match.group()))
            position = match.end()
        result.append(chunk[position:])
    return [word.strip("\"'()[]{}<>.,;:!?-–—/\\|*+=~`^%$#@&") for word in result if WORD_CHAR.search(word)]


def terms(text):
    """Return `text` as the space-separated words a search index stores or a query looks for."""
    return " ".join(word for word in words(text) if word)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def text_of_html(html):
    """Return the readable text of (sanitised) `html`, paragraphs separated by spaces."""
    extractor = _TextExtractor()
    extractor.feed(str(html or ""))
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def _stem(word):
    """Return `word` without a common English ending ("visits" → "visit"), for highlighting."""
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _pattern(query_words):
    """Return a regex finding the query's words in original text, or None."""
    alternatives = []
    for word in sorted(set(query_words), key=len, reverse=True):
        if JAPANESE_RUN.search(word):
            alternatives.append(re.escape(word))
        else:
            # Stemming finds "visit" for "visits"; highlight the same family of words.
            stem = _stem(word)
            boundary = r"\b" if WORD_CHAR.match(stem) else ""
            alternatives.append(rf"{boundary}{re.escape(stem)}\w*")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text, query_words):
    """Return `text` escaped, with every occurrence of the query's words in <mark>."""
    text = str(text or "")
    pattern = _pattern(query_words)
    if pattern is None:
        return escape(text)
    out, position = [], 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    # One mark over "Veliko Tarnovo" rather than two; only spaces lie between.
    html = ADJACENT_MARKS.sub(r"\1", "".join(out))
    return mark_safe(html)  # Every piece of `text` above went through escape().


def snippet(texts, query_words, length=SNIPPET_LENGTH):
    """Return an escaped, highlighted extract of the first of `texts` that mentions the query.

    Without a mention, the start of the first non-empty text is shown.
    """
    texts = [" ".join(str(text or "").split()) for text in texts]
    texts = [text for text in texts if text]
    if not texts:
        return ""
    pattern = _pattern(query_words)
    chosen, start = texts[0], 0
    for text in texts:
        match = pattern.search(text) if pattern else None
        if match:
            chosen, start = text, max(0, match.start() - length // 3)
            break
    if start:
        space = chosen.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    end = start + length
    if end < len(chosen):
        space = chosen.rfind(" ", end - 20, end)
        end = space if space != -1 else end
    extract = chosen[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(chosen) else ""
    return mark_safe(f"{prefix}{highlight(extract, query_words)}{suffix}")


def clean_query(text, max_length=MAX_QUERY_LENGTH):
    """Return (query, shortened): `text` without control characters and at most `max_length` long."""
    text = "".join(char for char in str(text or "") if unicodedata.category(char) not in ("Cc", "Cs"))
    text = " ".join(text.split())
    if len(text) > max_length:
        return text[:max_length].rstrip(), True
    return text, False
