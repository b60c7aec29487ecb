"""A unit's name as its documents write it: "Phường 1", "Xã Hoằng Đông", "Đặc khu Côn Đảo".

Names arrive typed in a hurry ("xã hoằng đông"), without their type ("Côn Đảo", with
"Đặc khu" chosen beside it), or in the capitals of a letterhead ("UBND XÃ HOẰNG ĐÔNG");
every header, date line and file name is made from the stored name, so it is put in
the form documents use once, when the unit is made.
"""

from __future__ import annotations

import re

from cchc_desktop.models import UNIT_TYPE_WORDS
from cchc_desktop.textnorm import clean

_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


def unit_name(typed: str, unit_type: str = "") -> str:
    """``typed`` in the form documents use: its unit type first and capitalised ("Xã",
    "Đặc khu"), then the place name with every word capitalised. ``unit_type`` goes in
    front when the name starts with none ("Côn Đảo", "đặc khu" -> "Đặc khu Côn Đảo")."""
    name = clean(typed)
    if not name:
        return ""
    kind, place = split_unit_type(name)
    if not kind:
        kind, place = clean(unit_type).lower(), name
    place = _place_case(place)
    return f"{kind.capitalize()} {place}".strip() if kind else place


def split_unit_type(name: str) -> tuple[str, str]:
    """("xã", "Hoằng Đông") for "Xã Hoằng Đông"; ("", name) when it starts with no unit type."""
    for kind in UNIT_TYPE_WORDS:
        if name.lower().startswith(kind + " "):
            return kind, name[len(kind) + 1:].strip()
    return "", name


def _place_case(place: str) -> str:
    """Every word capitalised; one written all in capitals is lowered after its first
    letter ("HOẰNG" -> "Hoằng"), except a Roman numeral ("IV")."""
    shouting = place.upper() == place
    return " ".join(_word_case(word, shouting) for word in place.split())


def _word_case(word: str, shouting: bool) -> str:
    if shouting and not _ROMAN_NUMERAL.fullmatch(word):
        word = word.lower()
    return word[:1].upper() + word[1:]
