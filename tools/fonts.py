"""Write the characters the Japanese card font is subset to (see countries/fonts/README.md).

Characters the source font does not have are simply not in the subset.

python3 tools/fonts.py [jp-chars.txt]
"""

import sys

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x2010, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x309F),  # hiragana
    (0x30A0, 0x30FF),  # katakana
    (0x31F0, 0x31FF),  # small katakana for Ainu
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def _decodable(encoding, prefixes, leads, trails):
    found = set()
    for prefix in prefixes:
        for lead in leads:
            for trail in trails:
                try:
                    text = (prefix + bytes([lead, trail])).decode(encoding)
                except UnicodeDecodeError:
                    continue
                if len(text) == 1:  # JIS X 0213 also has a few sequences of two (a kana and a mark)
                    found.add(text)
    return found


def windows_shift_jis():
    """Every character of Windows' Shift_JIS (cp932): JIS X 0208 and the NEC and IBM extensions."""
    return _decodable(
        "cp932", [b""], [*range(0x81, 0xA0), *range(0xE0, 0xFD)], [*range(0x40, 0x7F), *range(0x80, 0xFD)]
    )


def jis_x_0213():
    """Every character of JIS X 0213 (both planes): the kanji of names and literature (鷗, 𠮟…)."""
    return _decodable("euc_jis_2004", [b"", b"\x8f"], range(0xA1, 0xFF), range(0xA1, 0xFF))


def characters():
    """The characters the subset is made of: the two sets above and the ranges, printable, no private use."""
    found = windows_shift_jis() | jis_x_0213()
    for first, last in RANGES:
        found.update(chr(code) for code in range(first, last + 1))
    return "".join(
        sorted(
            char
            for char in found
            if char.isprintable() and not 0xE000 <= ord(char) <= 0xF8FF and char != "\ufffd"
        )
    )


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "jp-chars.txt"
    with open(path, "w", encoding="utf-8") as out:
        out.write(characters())
    print(f"{len(characters()):,} characters written to {path}")
