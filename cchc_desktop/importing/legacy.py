"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI, turned into Unicode.

Before Unicode, Vietnamese was typed in 8-bit fonts: TCVN3 with fonts such as .VnTime
(one byte per letter: "KÕ ho¹ch" is "Kế hoạch"), VNI with fonts such as VNI-Times (a
base letter and a trailing mark byte: "Keá hoaïch"). Old .xls files converted to .xlsx
still carry these bytes, as the Latin-1 characters they were shown as.

Many of those characters are also ordinary Vietnamese letters ("ê", "ô", "á"), so a
cell is judged by the characters that only one encoding uses, and the file as a whole
decides the doubtful cells: they are converted only when the file has almost no real
Unicode Vietnamese in it. A cell holding a Unicode-only letter (ă, đ, ơ, ư, ạ …) is
never touched.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.importing.grid import RawTable

TCVN3, VNI = "TCVN3", "VNI"
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng


def _toned(base: str, keys: list[str]) -> dict[str, str]:
    """``keys`` are the encoding's forms of ``base`` with the five tones, in _TONES order."""
    return {key: unicodedata.normalize("NFC", base + tone) for key, tone in zip(keys, _TONES)}


# TCVN3 (TCVN 5712:1993, VN3): lower-case letters with tones, upper-case bases only;
# capitals with tones come from a separate font (.VnTimeH) that reuses the lower-case codes.
TCVN3_TABLE: dict[str, str] = {
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\xad": "ư", "®": "đ",
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    **_toned("a", list("¸µ¶·¹")), **_toned("ă", list("¾»¼½Æ")), **_toned("â", list("ÊÇÈÉË")),
    **_toned("e", list("ÐÌÎÏÑ")), **_toned("ê", list("ÕÒÓÔÖ")), **_toned("i", list("Ý×ØÜÞ")),
    **_toned("o", list("ãßáâä")), **_toned("ô", list("èåæçé")), **_toned("ơ", list("íêëìî")),
    **_toned("u", list("óïñòô")), **_toned("ư", list("øõö÷ù")), **_toned("y", list("ýúûüþ")),
}
_TCVN3_TRANSLATION = str.maketrans(TCVN3_TABLE)


def _vni_table() -> dict[str, str]:
    """VNI-Windows: a base letter followed by a byte that adds the vowel mark, the tone
    or both ("eâ" ê, "eá" ế); ơ, ư, đ and the toned i and ỵ are single bytes."""
    table: dict[str, str] = {}
    for case in (str.lower, str.upper):
        plain, circumflex, breve = case("ùøûõï"), case("áàåãä"), case("éèúüë")
        # letter: (its own form, the stem its toned forms start with, the tone bytes)
        letters = {"a": ("a", "a", plain), "â": ("aâ", "a", circumflex), "ă": ("aê", "a", breve),
                   "e": ("e", "e", plain), "ê": ("eâ", "e", circumflex), "o": ("o", "o", plain),
                   "ô": ("oâ", "o", circumflex), "ơ": ("ô", "ô", plain), "u": ("u", "u", plain),
                   "ư": ("ö", "ö", plain), "y": ("y", "y", plain)}
        for letter, (form, stem, tones) in letters.items():
            if form != letter:
                table[case(form)] = case(letter)
            table.update(_toned(case(letter), [case(stem) + tone for tone in tones]))
        table.update(_toned(case("i"), list(case("íìæóò"))))
        table[case("î")] = case("ỵ")  # not "yï"
        table[case("ñ")] = case("đ")
    return table


VNI_TABLE = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI_TABLE), key=len, reverse=True)))

# Unicode letters that no legacy byte is shown as: a cell with one of them is Unicode.
_UNICODE_ONLY = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9\u0300-\u036f]")
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_LEGACY = set(TCVN3_TABLE) | set("".join(VNI_TABLE))
# Characters of either table that are not Vietnamese letters: inside a word, they
# mean legacy text. Those only TCVN3 uses tell the two encodings apart.
_FOREIGN = "".join(sorted(ch for ch in _LEGACY if not ch.isascii() and ch not in _VIETNAMESE_LATIN1))
_TCVN3_ONLY = "".join(sorted(set(_FOREIGN) - set("".join(VNI_TABLE))))
_IN_WORD = "(?<=[^\\W\\d_])[{0}]|[{0}](?=[^\\W\\d_])"
_FOREIGN_IN_WORD = re.compile(_IN_WORD.format(re.escape(_FOREIGN)))
_TCVN3_IN_WORD = re.compile(_IN_WORD.format(re.escape(_TCVN3_ONLY)))
_VNI_MARK = re.compile("[aeiouyAEIOUYôöÔÖ][øûïåäüëØÛÏÅÄÜË]")
_LEGACY_CHAR = re.compile(f"[{re.escape(''.join(sorted(ch for ch in _LEGACY if not ch.isascii())))}]")


def tcvn3_to_unicode(text: str) -> str:
    converted = text.translate(_TCVN3_TRANSLATION)
    ascii_letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if len(ascii_letters) >= 2 and all(ch.isupper() for ch in ascii_letters):
        converted = converted.upper()  # typed in a capitals font (.VnTimeH)
    return unicodedata.normalize("NFC", converted)


def vni_to_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: VNI_TABLE[m[0]], text))


CONVERTERS = {TCVN3: tcvn3_to_unicode, VNI: vni_to_unicode}


@dataclass(frozen=True)
class Evidence:
    """What a cell's characters say: legacy letters, and which table they lean to."""

    unicode: bool  # holds a letter only Unicode has
    foreign: int = 0  # non-Vietnamese legacy characters inside words
    tcvn3: int = 0  # of which only TCVN3 uses
    vni: int = 0  # vowel + VNI mark byte


def evidence(text: str) -> Evidence:
    if _UNICODE_ONLY.search(text):
        return Evidence(True)
    return Evidence(False, len(_FOREIGN_IN_WORD.findall(text)), len(_TCVN3_IN_WORD.findall(text)),
                    len(_VNI_MARK.findall(text)))


def detect(text: str) -> str | None:
    """TCVN3 or VNI when this text alone clearly is; None for Unicode or doubt."""
    found = evidence(text)
    if found.unicode or found.foreign < 2:
        return None
    if found.tcvn3:
        return TCVN3
    return VNI if found.vni else None


@dataclass(frozen=True)
class LegacyReport:
    encoding: str | None  # the file's legacy encoding, if any
    converted_cells: int


def decode_tables(tables: list[RawTable], font_hint: str | None = None) -> LegacyReport:
    """Convert the legacy-encoded cells of ``tables`` to Unicode, in place."""
    texts = [text for table in tables for text in _all_texts(table)]
    encoding, weak_too = _file_encoding(texts, font_hint)
    if encoding is None:
        return LegacyReport(None, 0)
    convert = CONVERTERS[encoding]
    converted = 0
    for table in tables:
        for row in table.rows:
            for index, text in enumerate(row):
                if _should_convert(text, weak_too):
                    row[index] = convert(text)
                    converted += 1
        table.preamble = [convert(line) if _should_convert(line, weak_too) else line
                          for line in table.preamble]
    return LegacyReport(encoding, converted)


def _all_texts(table: RawTable):
    yield from table.preamble
    for row in table.rows:
        yield from (text for text in row if text)


def _file_encoding(texts: list[str], font_hint: str | None) -> tuple[str | None, bool]:
    """The file's encoding, and whether cells without clear evidence follow it too."""
    tcvn3 = vni = unicode_cells = legacy_cells = 0
    for text in texts:
        found = evidence(text)
        unicode_cells += found.unicode
        legacy_cells += found.foreign > 0
        tcvn3 += found.tcvn3
        vni += found.vni
    # VNI text never holds a TCVN3-only character; TCVN3 text can look like a VNI mark.
    if tcvn3 >= (1 if font_hint == TCVN3 else 2) and tcvn3 * 4 >= vni:
        encoding = TCVN3
    elif vni >= (1 if font_hint == VNI else 2):
        encoding = VNI
    else:
        return None, False
    return encoding, unicode_cells * 5 < legacy_cells


def _should_convert(text: str, weak_too: bool) -> bool:
    found = evidence(text)
    if not text or found.unicode:
        return False
    return found.foreign > 0 or (weak_too and bool(_LEGACY_CHAR.search(text)))


# Font names in the file: a hint, since a cell formatted in .VnTime is TCVN3 --------

_FONT_PARTS = ("xl/styles.xml", "word/styles.xml", "word/fontTable.xml", "word/document.xml")


def font_hint(path: Path) -> str | None:
    """TCVN3 if the file uses .Vn… fonts, VNI if VNI-… fonts, else None."""
    counts = {TCVN3: 0, VNI: 0}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for part in _FONT_PARTS:
            if part in names:
                data = archive.read(part)
                counts[TCVN3] += len(re.findall(rb'"\.Vn[A-Za-z]', data))
                counts[VNI] += len(re.findall(rb'"VNI[- ][A-Za-z]', data))
    if not any(counts.values()):
        return None
    return TCVN3 if counts[TCVN3] >= counts[VNI] else VNI
