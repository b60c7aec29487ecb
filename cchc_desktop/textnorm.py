"""Normalising Vietnamese text typed in ward offices or pasted from PDFs.

Real plans arrive in every shape: NFD text from PDF extraction, ``nǎm`` typed with
U+01CE (a with caron) instead of U+0103 (a with breve), ``Qúy`` with the tone on the
wrong letter, non-breaking spaces and words split across lines. ``clean`` repairs what
can be repaired without guessing; ``fold`` builds a search key; ``sort_key`` gives
Vietnamese dictionary order.

Tone and vowel-quality marks are handled in NFD, where each mark is a separate
combining character that a regular expression can move or drop.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks, in dictionary order: ngang (none) 0, huyền 1, hỏi 2, ngã 3,
# sắc 4, nặng 5.
TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TONES = "[\u0300\u0309\u0303\u0301\u0323]"
# Combining marks that make a new letter: breve (ă), circumflex (â ê ô), horn (ơ ư).
_QUALITY_MARKS = "\u0306\u0302\u031b"
_COMBINING = "[\u0300-\u036f]"

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET)}

# Only the curly quotes are mapped: they mean the same as the ASCII ones. Spacing
# accents (´ ` ¨) are left alone on purpose: in PDF extractions they are often tone
# marks that came loose from their letter, and turning them into quotes would hide that.
_CHAR_MAP = {
    0x2018: "'", 0x2019: "'", 0x201B: "'", 0x2032: "'", 0x02BC: "'",
    0x201C: '"', 0x201D: '"', 0x201F: '"', 0x2033: '"',
    # Invisible characters that only break searches: zero-width space, word joiner,
    # byte-order mark, soft hyphen.
    0x200B: None, 0x2060: None, 0xFEFF: None, 0x00AD: None,
}
_WHITESPACE = re.compile(r"\s+")
_CARON_A = re.compile("([aA])\u030c")
# "qúy" -> "quý": in "qu" the u is part of the consonant, so a tone on it belongs on the
# next vowel, provided that vowel has no tone of its own.
_QU_TONE = re.compile(
    f"([qQ][uU])({_TONES})([aeioyAEIOY][{_QUALITY_MARKS}]*)(?!{_COMBINING})"
)
# Old-style tone placement on an open syllable: "hoà" -> "hòa", "uỷ" -> "ủy",
# "khoẻ" -> "khỏe". Not after q ("quý" stays) and not before a letter ("hoàn", "khuỷu").
_OLD_STYLE_TONE = re.compile(
    f"(?<![qQ])([oO][aAeE]|[uU][yY])({_TONES})(?![^\\W\\d_]|{_COMBINING})"
)
_WORD = re.compile(f"(?:[^\\W_]|{_COMBINING})+")


def clean(text: str | None) -> str:
    """Repair encoding slips and collapse whitespace; the result is NFC."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _CARON_A.sub("\\1\u0306", decomposed)
    decomposed = _QU_TONE.sub("\\1\\3\\2", decomposed)
    composed = unicodedata.normalize("NFC", decomposed).translate(_CHAR_MAP)
    return _WHITESPACE.sub(" ", composed).strip()


def modern_tone(text: str | None) -> str:
    """Move tones of open "oa/oe/uy" syllables to the first vowel ("Uỷ" -> "Ủy").

    This is the placement used by official documents. It is kept out of ``clean``
    because it changes spelling the user typed on purpose.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_STYLE_TONE.sub(lambda m: m[1][0] + m[2] + m[1][1], decomposed)
    return unicodedata.normalize("NFC", moved)


def _fold_table() -> dict[int, str | None]:
    """One translation table for ``fold``: every accented Latin letter to its base
    letter, every combining mark dropped (NFD text from PDFs), đ/ð to d, and the
    quote and invisible-character repairs of ``clean``."""
    table: dict[int, str | None] = dict(_CHAR_MAP)
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base
    for first, last in ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F)):
        table.update(dict.fromkeys(range(first, last + 1)))
    table.update({ord("đ"): "d", ord("Đ"): "D", ord("ð"): "d", ord("Ð"): "D"})
    return table


_FOLD_TABLE = _fold_table()


# C0/C1 control characters other than tab and newline: pasted from Word (vertical
# tab for a manual line break) or legacy files; invisible and refused by xlsx.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str | None) -> str:
    """NFC, one kind of line break, no invisible control characters; nothing else changes
    (what a document prints as stored, unlike ``clean``, which repairs what was typed)."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub(" ", text)


def fold(text: str | None) -> str:
    """Search key: lower case, no diacritics, đ -> d ("Đăng ký" -> "dang ky").

    Runs at every keystroke over every task shown, so it is one ``str.translate``
    pass over the NFC text instead of NFD, a filter per letter and NFC again.
    """
    if not text:
        return ""
    return _WHITESPACE.sub(" ", _folded_letters(text)).strip()


_FOLDED_WORD = re.compile(r"[^\W_]+")


def fold_words(text: str | None) -> list[str]:
    """The words of ``fold(text)``, runs of letters and digits ("3989/KH-UBND" is three
    words), found in one pass: the search folds every task of a plan with it."""
    return _FOLDED_WORD.findall(_folded_letters(text)) if text else []


def _folded_letters(text: str) -> str:
    """Every letter folded, spaces as they were."""
    # NFC first: NFD input (PDF extractions) then folds exactly like NFC input, also for
    # characters outside the table ("≠" and "=" + U+0338 stay the same "≠").
    composed = text if text.isascii() else unicodedata.normalize("NFC", text)
    folded = composed.translate(_FOLD_TABLE).lower()
    return folded if folded.isascii() else unicodedata.normalize("NFC", folded)


def sort_key(text: str | None) -> tuple:
    """Key for Vietnamese dictionary order.

    Words are compared one after the other, as in a dictionary: first the letters
    (a ă â b c d đ e ê … ư v x y, case-insensitive), then the tone of the word
    (ngang, huyền, hỏi, ngã, sắc, nặng). Digit runs compare as numbers ("Phường 2"
    before "Phường 10"). Case and then the exact text only break remaining ties.
    """
    cleaned = clean(text)
    words = tuple(_word_key(word) for word in _WORD.findall(cleaned.lower()))
    upper_flags = tuple(ch.isupper() for ch in cleaned)
    return (words, upper_flags, cleaned)


def _word_key(word: str) -> tuple[tuple, tuple[int, ...]]:
    letters: list[tuple] = []
    tones: list[int] = []
    digits = ""
    for base, marks in _clusters(unicodedata.normalize("NFD", word)):
        if base in "0123456789":
            digits += base
            continue
        if digits:
            letters.append(_number_rank(digits))
            digits = ""
        letters.append(_letter_rank(base, marks))
        tones.extend(TONE_RANK[mark] for mark in marks if mark in TONE_RANK)
    if digits:
        letters.append(_number_rank(digits))
    return (tuple(letters), tuple(tones))


def _clusters(decomposed: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, its combining marks)."""
    clusters: list[tuple[str, str]] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and clusters:
            base, marks = clusters[-1]
            clusters[-1] = (base, marks + ch)
        else:
            clusters.append((ch, ""))
    return clusters


def _number_rank(digits: str) -> tuple[int, int, str]:
    # Compared by length, then text: numeric order without converting huge numbers.
    significant = digits.lstrip("0")
    return (0, len(significant), significant)


def _letter_rank(base: str, marks: str) -> tuple[int, int]:
    quality = "".join(mark for mark in marks if mark in _QUALITY_MARKS)
    letter = unicodedata.normalize("NFC", base + quality)
    rank = _LETTER_RANK.get(letter, _LETTER_RANK.get(base))
    if rank is None:
        return (2, ord(base))
    return (1, rank)
