"""Text for the site search: folding, splitting Japanese into words, snippets.

Plain functions, no database. What readers type and what staff wrote meet on
one folded form, the same on every database: NFKC (full-width letters to
ASCII, half-width kana to full), case folded, accents taken off Latin, Greek
and Cyrillic letters (Kočevje = Kocevje, Türkiye = Turkiye, ş = s, đ = d),
hiragana written as katakana (とるこ = トルコ) and a word's closing long-vowel
mark dropped (エネルギー = エネルギ). Japanese is written without spaces, so
runs of Japanese script are split into words with Janome (its dictionary
ships with the package) before the kana are folded; the same happens to
documents and to queries, so both meet on the same words. Particles and
punctuation are left out: a search for "日本とルーマニア" looks for 日本 and
ルーマニア.
"""

import functools
import re
import unicodedata
from html import escape

from django.utils.safestring import mark_safe

# Hiragana, katakana (with the long-vowel mark), CJK ideographs and the
# iteration marks; the Japanese punctuation around them separates words.
JAPANESE_RUN = re.compile(
    r"[\u3005\u3006\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)
WORD_CHAR = re.compile(r"\w")
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
HIRAGANA_RUN = re.compile(
    r"(?<![\u3040-\u30ff\u4e00-\u9fff])[\u3041-\u3096\u30fc]+(?![\u3040-\u30ff\u4e00-\u9fff])"
)
ADJACENT_MARKS = re.compile(r"</mark>( +)<mark>")
SKIPPED_PARTS_OF_SPEECH = ("助詞", "助動詞", "記号")
ENGLISH_SUFFIXES = ("ing", "ed", "s")
SNIPPET_LENGTH = 240
MAX_QUERY_LENGTH = 200


@functools.cache
def _tokenizer():
    from janome.tokenizer import Tokenizer

    return Tokenizer()


# Letters that carry no combining accent in Unicode but that readers type without one.
UNACCENTED = str.maketrans(
    {"đ": "d", "ø": "o", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
)
HIRAGANA = re.compile(r"[\u3041-\u3096]")
KANA_OFFSET = 0x60  # from a hiragana to the same katakana
LONG_VOWEL_LIKE = re.compile(r"(?<=[\u30a1-\u30fa])[\u2010-\u2015\u2212\uff0d\u301c\uff5e]")
VOICED_MARKS = "\u3099\u309a"
FOLDABLE_BELOW = 0x2000  # accents are taken off letters below General Punctuation only


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    folded = unicodedata.normalize("NFKC", char).casefold()
    if folded and ord(folded[0]) < FOLDABLE_BELOW:
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(UNACCENTED)
    return HIRAGANA.sub(lambda m: chr(ord(m.group()) + KANA_OFFSET), folded)


def normalise(text):
    """Return `text` in one canonical form: NFKC, casefolded, Latin accents off (for splitting, not yet kana-folded)."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    # Japanese voiced marks (゛ ゜) decompose as combining characters too: they stay.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) or c in VOICED_MARKS)
    return unicodedata.normalize("NFC", stripped).translate(UNACCENTED)


def fold_word(word):
    """Return a word as the index stores it: hiragana as katakana, a closing long-vowel mark dropped."""
    word = HIRAGANA.sub(lambda m: chr(ord(m.group()) + KANA_OFFSET), LONG_VOWEL_LIKE.sub("ー", word))
    if len(word) > 3 and word.endswith("ー"):
        word = word[:-1]
    return word


def fold_with_positions(text):
    """Return (folded text, for each of its characters the index of the original one it came from)."""
    text = str(text or "")
    if text.isascii():
        # NFKC and the accents leave ASCII as it is: only the case folds, one character for one.
        return text.lower(), range(len(text))
    # Runs of ASCII fold at once; the other characters one by one ("ß" → "ss": two for one).
    pieces, spans, position = [], [], 0
    for run in NON_ASCII_RUN.finditer(text):
        pieces.append(text[position : run.start()].lower())
        spans.append((position, run.start() - position, 1))
        for index, char in enumerate(run.group(), start=run.start()):
            folded = _fold_char(char)
            pieces.append(folded)
            spans.append((index, 1, len(folded)))
        position = run.end()
    pieces.append(text[position:].lower())
    spans.append((position, len(text) - position, 1))
    folded = "".join(pieces)
    if len(folded) == len(text) and all(each == 1 for _start, _size, each in spans):
        return folded, range(len(text))
    positions = []
    for start, size, each in spans:
        if each == 1:
            positions.extend(range(start, start + size))
        else:
            positions.extend([start] * each)
    return folded, positions


@functools.lru_cache(maxsize=4096)
def _japanese_words(run):
    # Cached: Janome's lattice costs about a millisecond a run, and a story is indexed again on
    # every save (and every run of its title, summary and body with it), mostly unchanged.
    return tuple(
        token.surface
        for token in _tokenizer().tokenize(run)
        if not token.part_of_speech.startswith(SKIPPED_PARTS_OF_SPEECH)
    )


def words(text, query=False):
    """Return the words of `text`, folded; Japanese runs are split by Janome.

    In a `query`, a run written in hiragana alone is read as katakana before
    it is split (a reader who types とるこ means トルコ; Janome would take it
    for particles).
    """
    result = []
    text = normalise(text)
    if query:
        text = HIRAGANA_RUN.sub(lambda m: fold_word(m.group()) if len(m.group()) > 1 else m.group(), text)
    for chunk in text.split():
        position = 0
        for match in JAPANESE_RUN.finditer(chunk):
            result.append(chunk[position : match.start()])
            result.extend(_japanese_words(match.group()))
            position = match.end()
        result.append(chunk[position:])
    stripped = (
        word.strip("\"'()[]{}<>.,;:!?-–—/\\|*+=~`^%$#@&") for word in result if WORD_CHAR.search(word)
    )
    return [fold_word(word) for word in stripped]


def terms(text):
    """Return `text` as the space-separated words a search index stores or a query looks for."""
    return " ".join(word for word in words(text) if word)


def stem(word):
    """Return `word` without a common English ending ("visits" → "visit"), for highlighting."""
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _pattern(query_words):
    """Return a regex finding the query's (folded) words in folded text, or None.

    Each of `query_words` is a word or a phrase (a tuple of words, found only
    together: トルコ共和国 marks the name, not every 国).
    """
    phrases = frozenset((word,) if isinstance(word, str) else tuple(word) for word in query_words)
    return _compiled_pattern(frozenset(phrase for phrase in phrases if phrase))


def _word_pattern(word):
    if JAPANESE_RUN.search(word):
        return re.escape(word)
    # Stemming finds "visit" for "visits"; highlight the same family of words.
    root = stem(word)
    boundary = r"\b" if WORD_CHAR.match(root) else ""
    return rf"{boundary}{re.escape(root)}\w*"


@functools.lru_cache(maxsize=256)
def _compiled_pattern(phrases):
    longest_first = sorted(phrases, key=lambda phrase: (-sum(map(len, phrase)), phrase))
    alternatives = [r"\s*".join(map(_word_pattern, phrase)) for phrase in longest_first]
    if not alternatives:
        return None
    return re.compile("|".join(alternatives))


def _spans(text, pattern):
    """Yield (start, end) in `text` of each match of `pattern` in its folded form (Kočevje for kocevje)."""
    folded, positions = fold_with_positions(text)
    for match in pattern.finditer(folded):
        if match.end() > match.start():
            yield positions[match.start()], positions[match.end() - 1] + 1


def highlight(text, query_words):
    """Return `text` escaped, with every occurrence of the query's words (or phrases) in <mark>."""
    text = str(text or "")
    pattern = _pattern(query_words)
    if pattern is None:
        return escape(text)
    out, position = [], 0
    for start, end in _spans(text, pattern):
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    # One mark over "Veliko Tarnovo" rather than two; only spaces lie between.
    html = ADJACENT_MARKS.sub(r"\1", "".join(out))
    return mark_safe(html)  # Every piece of `text` above went through escape().


def snippet(texts, query_words, length=SNIPPET_LENGTH, from_start=False):
    """Return an escaped, highlighted extract of the first of `texts` that mentions the query.

    Without a mention, or `from_start`, the start of the first non-empty text is shown.
    """
    texts = [" ".join(str(text or "").split()) for text in texts]
    texts = [text for text in texts if text]
    if not texts:
        return ""
    pattern = _pattern(query_words)
    chosen, start = texts[0], 0
    for text in [] if from_start else texts:
        match = next(_spans(text, pattern), None) if pattern else None
        if match:
            chosen, start = text, max(0, match[0] - length // 3)
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
