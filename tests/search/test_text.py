from html import escape

from hypothesis import given
from hypothesis import strategies as st

from core.richtext import text_of_html
from search.text import (
    _fold_char,
    clean_query,
    fold_with_positions,
    highlight,
    normalise,
    snippet,
    terms,
    words,
)


def test_japanese_is_split_into_words_without_particles():
    assert words("日本とルーマニアの協力") == ["日本", "ルーマニア", "協力"]


def test_a_japanese_compound_yields_its_parts():
    assert words("耐震化の推進") == ["耐震", "化", "推進"]


def test_mixed_text_keeps_latin_words_whole():
    assert words("MIRAI 2022/2023：西バルカンの若者") == ["mirai", "2022/2023", "西", "バルカン", "若者"]


def test_full_width_letters_and_case_are_normalised():
    assert normalise("ＭＩＲＡＩ Kono") == "mirai kono"
    assert words("ＭＩＲＡＩ") == words("mirai")


def test_punctuation_only_words_are_dropped():
    assert words("' OR 1=1 --") == ["or", "1=1"]
    assert words("!!! --- ・・・ 、。") == []


def test_terms_joins_words_with_spaces():
    assert terms("駐日コソボ大使館を表敬訪問") == "駐 日 コソボ 大使館 表敬 訪問"


def test_text_of_html_separates_paragraphs_and_unescapes():
    html = "<p>One &amp; two</p><p>Three<br>four</p><script>alert(1)</script>"
    assert text_of_html(html) == "One & two Three four"


def test_highlight_escapes_then_marks():
    html = highlight("<b>Veliko Tarnovo</b> & more", ["veliko", "tarnovo"])
    assert html == "&lt;b&gt;<mark>Veliko Tarnovo</mark>&lt;/b&gt; &amp; more"


def test_highlight_marks_the_family_of_an_english_word():
    assert highlight("visited twice", ["visits"]) == "<mark>visited</mark> twice"


def test_highlight_marks_japanese_inside_longer_words():
    assert highlight("駐日コソボ大使館", ["コソボ"]) == "駐日<mark>コソボ</mark>大使館"


def test_highlight_never_lets_markup_through():
    assert "<script>" not in highlight("<script>alert(1)</script>", ["script"])


@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=10), max_size=4))
def test_highlight_is_the_escaped_text_plus_marks(text, query_words):
    html = highlight(text, query_words)
    assert html.replace("<mark>", "").replace("</mark>", "") == escape(text)


def test_snippet_shows_the_passage_around_the_match():
    body = "word " * 200 + "There we met Dr. Arbenita Sopaj, Executive Assistant." + " tail" * 200
    extract = snippet(["A summary without it.", body], ["sopaj"])
    assert "<mark>Sopaj</mark>" in extract
    assert extract.startswith("…") and extract.endswith("…")
    assert len(extract) < 300


def test_snippet_without_a_match_shows_the_start_of_the_first_text():
    assert snippet(["", "Summary text.", "Body."], ["absent"]) == "Summary text."


def test_clean_query_removes_control_characters_and_collapses_spaces():
    assert clean_query("  Kono\x00\x07  visit\n") == ("Kono visit", False)


def test_clean_query_shortens_long_queries():
    query, shortened = clean_query("a" * 10_000)
    assert shortened is True
    assert query == "a" * 200


def test_accents_come_off_latin_letters_and_letters_without_one_are_spelled_plainly():
    assert words("Kočevje Türkiye Şişli Đakovo Łódź Ertuğrul") == [
        "kocevje",
        "turkiye",
        "sisli",
        "dakovo",
        "lodz",
        "ertugrul",
    ]


def test_japanese_voiced_marks_are_kept():
    # ボ typed as ホ and a combining voiced mark is still ボ, never ホ.
    assert words("ホ\u3099スニア") == ["ボスニア"]
    assert words("パリ") != words("ハリ")


def test_hiragana_is_read_as_katakana_and_half_width_kana_as_full():
    assert words("すろべにあ", query=True) == words("スロベニア") == words("ｽﾛﾍﾞﾆｱ")


def test_a_closing_long_vowel_mark_is_dropped_so_both_spellings_meet():
    assert words("エネルギー") == words("エネルギ") == ["エネルギ"]
    assert words("コンピューター") == words("コンピュータ")


def test_highlight_finds_folded_words_in_the_text_as_written():
    assert highlight("Yaskawa in Kočevje", ["kocevje"]) == "Yaskawa in <mark>Kočevje</mark>"
    assert highlight("ＭＩＲＡＩ 2022", ["mirai"]) == "<mark>ＭＩＲＡＩ</mark> 2022"
    assert highlight("すろべにあ", ["スロベニア"]) == "<mark>すろべにあ</mark>"


def test_highlight_maps_folded_matches_back_whatever_the_folding_did_to_the_length():
    # ASCII folds one for one; so do accents here; "ß" folds to "ss" and "ﬁ" to "fi", two for one.
    assert highlight("Visit to KOCEVJE, again", ["kocevje"]) == "Visit to <mark>KOCEVJE</mark>, again"
    assert highlight("Čedo in Kočevje", ["kocevje"]) == "Čedo in <mark>Kočevje</mark>"
    assert highlight("Große ﬁrms in Kočevje", ["kocevje"]) == "Große ﬁrms in <mark>Kočevje</mark>"
    assert highlight("Große ﬁrms", ["firms"]) == "Große <mark>ﬁrms</mark>"


@given(st.text(max_size=300))
def test_a_text_folds_as_its_characters_fold_one_by_one(text):
    folded, positions = fold_with_positions(text)
    one_by_one = [(piece, index) for index, char in enumerate(text) for piece in _fold_char(char)]
    assert folded == "".join(piece for piece, _index in one_by_one)
    assert list(positions) == [index for _piece, index in one_by_one]


def test_a_phrase_is_marked_whole_and_its_words_not_alone():
    text = "トルコ共和国の国際協力、トルコと北マケドニア共和国"
    assert highlight(text, ["トルコ", ("トルコ", "共和", "国")]) == (
        "<mark>トルコ共和国</mark>の国際協力、<mark>トルコ</mark>と北マケドニア共和国"
    )
    assert highlight("North Macedonia, north of Greece", [("north", "macedonia")]) == (
        "<mark>North Macedonia</mark>, north of Greece"
    )


def test_a_snippet_from_the_start_reads_as_the_text_begins():
    text = "An EU member between the Alps and the Adriatic. " + "More words. " * 30 + "Slovenia at last."
    assert snippet([text], ["slovenia"], from_start=True).startswith("An EU member")
    assert snippet([text], ["slovenia"]).startswith("…")
